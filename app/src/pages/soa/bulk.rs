//! Changing several controls at once, and adding controls of the organisation's own.

use super::*;
use crate::state::AppState;
use crate::ui::workbench::{applicability, implementation, read_untracked, APPLICABILITIES};
use engine::{Applicability, ControlId, ImplementationStatus};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// Applies one status or one applicability to every selected control.
#[component]
pub(super) fn BulkBar(selection: Selection) -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = RwSignal::new(ImplementationStatus::Implemented);
    let chosen = RwSignal::new(Applicability::Applicable);
    let justification = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let count = move || selection.with(BTreeSet::len);
    let none = move || count() == 0;
    let ids = move || selection.get_untracked();

    let apply_status = move |_| {
        let ids = ids();
        let status = status.get_untracked();
        let targets = control_ids(&ids);
        state.edit(move |ws| {
            ws.set_control_status(&targets, status);
        });
        state.notice.set(Some(format!(
            "Implementation status set to \u{201c}{}\u{201d} for {} controls.",
            implementation(status),
            selection.with_untracked(BTreeSet::len)
        )));
    };
    let apply_applicability = move |_| {
        error.set(None);
        let ids = ids();
        let chosen = chosen.get_untracked();
        let text = justification.get_untracked().trim().to_owned();
        if chosen == Applicability::Excluded && text.is_empty() {
            let lacking = read_untracked(state, |ws| {
                ids.iter().any(|id| {
                    ws.soa
                        .iter()
                        .find(|e| e.control.as_str() == id)
                        .is_none_or(|e| e.exclusion_justification.trim().is_empty())
                })
            })
            .unwrap_or(true);
            if lacking {
                error.set(Some(
                    "Excluding needs a justification: write one to apply to the selected controls."
                        .into(),
                ));
                return;
            }
        }
        let total = ids.len();
        let targets = control_ids(&ids);
        state.edit(move |ws| {
            ws.set_applicability(&targets, chosen, &text);
        });
        state.notice.set(Some(format!(
            "{total} controls marked \u{201c}{}\u{201d}.",
            applicability(chosen)
        )));
    };

    view! {
        <section class="card bulk-bar" aria-labelledby="bulk-heading" data-testid="bulk-bar">
            <h2 id="bulk-heading">"Change several controls"</h2>
            <p class="muted" role="status" data-testid="selected-count">
                {move || match count() {
                    0 => "Select controls with the checkboxes in the tables below.".to_owned(),
                    1 => "1 control selected.".to_owned(),
                    n => format!("{n} controls selected."),
                }}
            </p>
            <div class="bulk-rows">
                <div class="inline-form">
                    <label for="bulk-status">"Implementation status"</label>
                    <select id="bulk-status" on:change=move |event| {
                        if let Some(s) = ImplementationStatus::from_name(&event_target_value(&event)) {
                            status.set(s);
                        }
                    }>
                        {ImplementationStatus::ALL
                            .into_iter()
                            .map(|s| view! {
                                <option value=ImplementationStatus::name(s) selected=move || status.get() == s>{implementation(s)}</option>
                            })
                            .collect_view()}
                    </select>
                    <button type="button" disabled=none data-testid="bulk-status" on:click=apply_status>
                        "Set status for selected"
                    </button>
                </div>
                <div class="inline-form">
                    <label for="bulk-applicability">"Applicability"</label>
                    <select id="bulk-applicability" on:change=move |event| {
                        if let Some(a) = Applicability::from_name(&event_target_value(&event)) {
                            chosen.set(a);
                            error.set(None);
                        }
                    }>
                        {APPLICABILITIES
                            .into_iter()
                            .map(|a| view! {
                                <option value=Applicability::name(a) selected=move || chosen.get() == a>{applicability(a)}</option>
                            })
                            .collect_view()}
                    </select>
                    {move || (chosen.get() == Applicability::Excluded).then(|| view! {
                        <label for="bulk-justification">"Justification"</label>
                        <input
                            id="bulk-justification"
                            type="text"
                            aria-invalid=move || error.get().is_some().to_string()
                            aria-describedby="bulk-error"
                            prop:value=move || justification.get()
                            on:input=move |event| justification.set(event_target_value(&event))
                        />
                    })}
                    <button type="button" disabled=none data-testid="bulk-applicability" on:click=apply_applicability>
                        "Set applicability for selected"
                    </button>
                </div>
                <p class="field-error" id="bulk-error" role="alert">{move || error.get()}</p>
                <div>
                    <button type="button" disabled=none on:click=move |_| selection.set(BTreeSet::new())>
                        "Clear selection"
                    </button>
                </div>
            </div>
        </section>
    }
}

/// Adds a control of the organisation's own to the SoA.
#[component]
pub(super) fn AddCustomControl() -> impl IntoView {
    let state = expect_context::<AppState>();
    let id_text = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let title_text = title.get_untracked().trim().to_owned();
        let id = match ControlId::try_new(id_text.get_untracked().trim()) {
            Ok(id) => id,
            Err(problem) => {
                error.set(Some(format!("Control id: {problem}.")));
                return;
            }
        };
        if title_text.is_empty() {
            error.set(Some("Give the control a title.".into()));
            return;
        }
        let taken =
            read_untracked(state, |ws| ws.controls.iter().any(|c| c.id == id)).unwrap_or(false);
        if taken {
            error.set(Some(format!("A control with id {id} already exists.")));
            return;
        }
        error.set(None);
        state.edit(move |ws| {
            // Checked above; a race with another tab is refused here too.
            let _ = ws.add_custom_control(id, &title_text);
        });
        id_text.set(String::new());
        title.set(String::new());
    };
    view! {
        <section class="card" aria-labelledby="custom-heading">
            <h2 id="custom-heading">"Add a custom control"</h2>
            <form class="inline-form" on:submit=submit>
                <label for="custom-id">"Id"</label>
                <input id="custom-id" type="text" placeholder="e.g. C-01" prop:value=move || id_text.get()
                    on:input=move |event| id_text.set(event_target_value(&event))/>
                <label for="custom-title">"Title"</label>
                <input id="custom-title" type="text" prop:value=move || title.get()
                    aria-describedby="custom-error"
                    on:input=move |event| title.set(event_target_value(&event))/>
                <button type="submit">"Add control"</button>
                <p class="field-error" id="custom-error" role="alert">{move || error.get()}</p>
            </form>
        </section>
    }
}

/// The control ids of a selection (ids are checked when they are listed).
pub(super) fn control_ids(selected: &BTreeSet<String>) -> Vec<ControlId> {
    selected
        .iter()
        .filter_map(|id| ControlId::try_new(id.as_str()).ok())
        .collect()
}
