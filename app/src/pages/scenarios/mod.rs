//! What-if scenarios (PRODUCT.md 3.3): changes kept beside the workspace,
//! never in it, compared side by side with the baseline; the optimiser's
//! answer turned into a scenario; a scenario applied to the workspace only
//! on request, after a snapshot.

mod bulk;
mod compare;
mod editor;

use self::compare::*;
use self::editor::*;
use crate::components::{ConfirmDialog, FieldErrors, TextField};
use crate::state::AppState;
use crate::ui::workbench::{read, read_untracked};
use engine::ScenarioId;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// A scenario as the list shows it.
#[derive(Debug, Clone, PartialEq)]
struct Listed {
    id: String,
    name: String,
    changes: usize,
}

/// The scenarios (shown once workspace `id` is open).
#[component]
pub fn ScenariosPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let listed = Memo::new(move |_| {
        read(state, |ws| {
            ws.scenarios
                .iter()
                .map(|s| Listed {
                    id: s.id.to_string(),
                    name: s.name.clone(),
                    changes: s.changes.len(),
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let editing = RwSignal::new(None::<String>);
    let compared = state.compared_scenarios;
    // Forget ticks of scenarios that are gone (deleted, another workspace).
    Effect::new(move |_| {
        let known = listed.with(|l| l.iter().map(|s| s.id.clone()).collect::<BTreeSet<_>>());
        if compared.with_untracked(|c| c.iter().any(|id| !known.contains(id))) {
            compared.update(|c| c.retain(|id| known.contains(id)));
        }
    });
    let applying = RwSignal::new(None::<String>);
    let deleting = RwSignal::new(None::<String>);
    let name = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::default());

    let create = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let text = name.get_untracked().trim().to_owned();
        if text.is_empty() {
            errors.set(FieldErrors::one("name", "Give the scenario a name."));
            return;
        }
        if listed.with_untracked(|l| l.iter().any(|s| s.name == text)) {
            errors.set(FieldErrors::one(
                "name",
                "A scenario of that name exists already.",
            ));
            return;
        }
        errors.set(FieldErrors::default());
        let id = add_scenario(state, text.clone(), Vec::new());
        name.set(String::new());
        compared.update(|c| {
            c.insert(id.clone());
        });
        editing.set(Some(id));
        state
            .notice
            .set(Some(format!("Scenario \u{201c}{text}\u{201d} created.")));
    };

    view! {
        <h1>"Scenarios"</h1>
        <p class="lead">"Try changes without touching the registers: implement controls, change their effectiveness or links, decide treatments differently, and compare the outcome with today side by side."</p>
        <form class="inline-form" on:submit=create novalidate>
            <TextField id="scenario-name" label="New scenario" value=name testid="scenario-name"
                placeholder="e.g. Finish the MFA roll-out" error=FieldErrors::of(errors, "name")/>
            <button type="submit" class="primary" data-testid="create-scenario">"Create from the current workspace"</button>
        </form>

        {move || {
            if listed.with(Vec::is_empty) {
                return view! { <p class="empty-state" data-testid="scenarios-empty">"No scenarios yet. Create one above, or let the optimiser below propose one."</p> }.into_any();
            }
            view! {
                <div class="table-scroll">
                <table class="register scenario-list" data-testid="scenario-list">
                    <caption class="visually-hidden">"Scenarios of this workspace"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Compare"</th>
                            <th scope="col">"Scenario"</th>
                            <th scope="col">"Changes"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {listed.get().into_iter().map(|s| {
                            let id = s.id.clone();
                            let (check_id, edit_id, apply_id, delete_id) = (id.clone(), id.clone(), id.clone(), id.clone());
                            let row_id = id.clone();
                            view! {
                                <tr data-testid="scenario-row" data-scenario=row_id>
                                    <td>
                                        <input
                                            type="checkbox"
                                            data-testid="compare-toggle"
                                            aria-label=format!("Compare {}", s.name)
                                            prop:checked=move || compared.with(|c| c.contains(&id))
                                            on:change=move |event| {
                                                let on = event_target_checked(&event);
                                                compared.update(|c| {
                                                    if on { c.insert(check_id.clone()); } else { c.remove(&check_id); }
                                                });
                                            }
                                        />
                                    </td>
                                    <th scope="row">{s.name.clone()}</th>
                                    <td class="number-cell">{s.changes}</td>
                                    <td class="row-actions">
                                        <button type="button" data-testid="edit-scenario" on:click=move |_| {
                                            editing.update(|e| *e = if e.as_deref() == Some(edit_id.as_str()) { None } else { Some(edit_id.clone()) });
                                        }>"Edit"<span class="visually-hidden">{format!(" {}", s.name)}</span></button>
                                        <button type="button" data-testid="apply-scenario" on:click=move |_| applying.set(Some(apply_id.clone()))>
                                            "Apply to the workspace"<span class="visually-hidden">{format!(" {}", s.name)}</span>
                                        </button>
                                        <button type="button" class="danger-outline" on:click=move |_| deleting.set(Some(delete_id.clone()))>
                                            "Delete"<span class="visually-hidden">{format!(" {}", s.name)}</span>
                                        </button>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            }.into_any()
        }}

        {move || editing.get().map(|id| view! { <ScenarioEditor id=id on_close=move || editing.set(None)/> })}

        <ComparisonView compared=compared/>
        <Optimiser compared=compared/>

        {move || applying.get().map(|id| {
            let name = read_untracked(state, |ws| ws.scenarios.iter().find(|s| s.id.as_str() == id).map(|s| s.name.clone())).flatten().unwrap_or_default();
            let target = id.clone();
            let snapshot = format!("Before applying \u{201c}{name}\u{201d}");
            view! {
                <ConfirmDialog
                    title=format!("Apply \u{201c}{name}\u{201d} to the workspace?")
                    message=format!("Its changes become part of the registers. A snapshot \u{201c}{snapshot}\u{201d} is taken first, so you can restore today's state from the Data page.")
                    confirm_label="Take a snapshot and apply"
                    on_confirm=move || {
                        applying.set(None);
                        let Some(mut replacement) = read_untracked(state, Clone::clone) else { return };
                        let Some(changes) = replacement.scenarios.iter().find(|s| s.id.as_str() == target).map(|s| s.changes.clone()) else { return };
                        let applied = replacement.apply_changes(&changes);
                        let name = name.clone();
                        state.replace_open_workspace(replacement, snapshot.clone(), move |ok| {
                            if ok {
                                state.notice.set(Some(format!("Applied {applied} {} of \u{201c}{name}\u{201d}; the snapshot is on the Data page.", if applied == 1 { "change" } else { "changes" })));
                            }
                        });
                    }
                    on_cancel=move || applying.set(None)
                />
            }
        })}
        {move || deleting.get().map(|id| {
            let name = read_untracked(state, |ws| ws.scenarios.iter().find(|s| s.id.as_str() == id).map(|s| s.name.clone())).flatten().unwrap_or_default();
            let target = id.clone();
            view! {
                <ConfirmDialog
                    title=format!("Delete scenario \u{201c}{name}\u{201d}?")
                    message="Only the scenario goes; the registers are not changed."
                    confirm_label="Delete scenario"
                    on_confirm=move || {
                        let target = target.clone();
                        compared.update(|c| { c.remove(&target); });
                        if editing.get_untracked().as_deref() == Some(target.as_str()) {
                            editing.set(None);
                        }
                        state.edit(move |ws| {
                            if let Ok(id) = ScenarioId::try_new(target) {
                                ws.remove_scenario(&id);
                            }
                        });
                        deleting.set(None);
                    }
                    on_cancel=move || deleting.set(None)
                />
            }
        })}
    }
}
