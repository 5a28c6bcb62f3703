//! The treatment decision and, for a transfer, the transferred share: the
//! same two fields in the risk editor and in a scenario's change form.

use crate::ui::labels::{decision, DECISIONS};
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
    let decision_id = format!("{prefix}-decision");
    let share_id = format!("{prefix}-transferred");
    let error_id = format!("{prefix}-transferred-error");
    view! {
        <div class="form-field">
            <label for=decision_id.clone()>"Decision"</label>
            <select
                id=decision_id.clone()
                data-testid=decision_id
                on:change=move |event| {
                    if let Some(d) = TreatmentDecision::from_name(&event_target_value(&event)) {
                        decision_value.set(d);
                    }
                }
            >
                {DECISIONS.into_iter().map(|d| view! {
                    <option value=TreatmentDecision::name(d) selected=move || decision_value.get() == d>{decision(d)}</option>
                }).collect_view()}
            </select>
        </div>
        {move || (decision_value.get() == TreatmentDecision::Transfer).then(|| {
            let (share_id, error_id) = (share_id.clone(), error_id.clone());
            view! {
                <div class="form-field">
                    <label for=share_id.clone()>"Transferred share of impact (%)"</label>
                    <input
                        id=share_id.clone()
                        type="number"
                        min="0"
                        max="100"
                        step="1"
                        data-testid=share_id
                        aria-invalid=move || share_error.with(Option::is_some).to_string()
                        aria-describedby=error_id.clone()
                        prop:value=move || share.get()
                        on:input=move |event| share.set(event_target_value(&event))
                    />
                    <p class="field-error" id=error_id role="alert">{move || share_error.get()}</p>
                </div>
            }
        })}
    }
}
