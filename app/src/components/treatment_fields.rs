//! The treatment decision and, for a transfer, the transferred share: the
//! same two fields in the risk editor and in a scenario's change form.

use crate::components::{choice, NumberField, SelectField};
use engine::TreatmentDecision;
use leptos::prelude::*;

/// A decision select (`{prefix}-decision`) and, while the decision is
/// "transfer", the share input (`{prefix}-transferred`) with `share_error`
/// shown under it (`{prefix}-transferred-error`).
#[component]
pub fn TreatmentFields(
    prefix: &'static str,
    decision_value: RwSignal<TreatmentDecision>,
    share: RwSignal<String>,
    #[prop(into)] share_error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <SelectField id=format!("{prefix}-decision") label="Decision" testid=format!("{prefix}-decision")
            bind=choice(decision_value)/>
        {move || (decision_value.get() == TreatmentDecision::Transfer).then(|| view! {
            <NumberField id=format!("{prefix}-transferred") label="Transferred share of impact (%)"
                testid=format!("{prefix}-transferred") value=share min="0" max="100" step="1"
                error=share_error/>
        })}
    }
}
