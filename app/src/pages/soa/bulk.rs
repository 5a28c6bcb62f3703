//! Changing several controls at once, and adding controls of the organisation's own.

use super::*;
use crate::components::{choice, FieldErrors, SelectField, TextField};
use crate::state::AppState;
use crate::ui::workbench::{applicability, implementation, read_untracked};
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
    let errors = RwSignal::new(FieldErrors::default());
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
        errors.set(FieldErrors::default());
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
                errors.set(FieldErrors::one(
                    "justification",
                    "Excluding needs a justification: write one to apply to the selected controls.",
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

    // Choosing another applicability drops the refusal of the last one.
    let applicability_binding = choice(chosen).and_then(move || errors.set(FieldErrors::default()));
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
                    <SelectField id="bulk-status" label="Implementation status" bind=choice(status)/>
                    <button type="button" disabled=none data-testid="bulk-status" on:click=apply_status>
                        "Set status for selected"
                    </button>
                </div>
                <div class="inline-form">
                    <SelectField id="bulk-applicability" label="Applicability" bind=applicability_binding/>
                    {move || (chosen.get() == Applicability::Excluded).then(|| view! {
                        <TextField id="bulk-justification" label="Justification" value=justification
                            error=FieldErrors::of(errors, "justification")/>
                    })}
                    <button type="button" disabled=none data-testid="bulk-applicability" on:click=apply_applicability>
                        "Set applicability for selected"
                    </button>
                </div>
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
    let errors = RwSignal::new(FieldErrors::default());
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let title_text = title.get_untracked().trim().to_owned();
        let mut problems = FieldErrors::default();
        let id = match ControlId::try_new(id_text.get_untracked().trim()) {
            Ok(id) => {
                let taken = read_untracked(state, |ws| ws.controls.iter().any(|c| c.id == id))
                    .unwrap_or(false);
                if taken {
                    problems.add("id", format!("A control with id {id} already exists."));
                }
                Some(id)
            }
            Err(problem) => {
                problems.add("id", format!("Control id: {problem}."));
                None
            }
        };
        if title_text.is_empty() {
            problems.add("title", "Give the control a title.");
        }
        let (Some(id), true) = (id, problems.is_empty()) else {
            errors.set(problems);
            return;
        };
        errors.set(FieldErrors::default());
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
                <TextField id="custom-id" label="Id" value=id_text placeholder="e.g. C-01"
                    error=FieldErrors::of(errors, "id")/>
                <TextField id="custom-title" label="Title" value=title
                    error=FieldErrors::of(errors, "title")/>
                <button type="submit">"Add control"</button>
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
