//! The risk treatment plan: actions with owner, due date, cost and status,
//! the risks and controls they treat; overdue actions stand out; marking one
//! done shows how the risks above appetite move.

use crate::components::{choice, FieldErrors, MultiSelectField, OwnerField, SelectField};
use crate::components::{save_merged, ConfirmDialog, MergeChoices, Pending};
use crate::components::{BulkEdit, BulkInput, RegisterTable, RowAction, TableColumn, TableRow};
use crate::components::{DateField, TextAreaField, TextField, UnsavedMark};
use crate::state::AppState;
use crate::ui::format::group_digits;
use crate::ui::run_command;
use crate::ui::workbench::{
    action_status, appetite_counts, parse_money, read, read_analysed, read_analysed_untracked,
    read_untracked, AppetiteCounts, ACTION_STATUSES,
};
use engine::{
    Action, ActionId, ActionStatus, ControlId, Cost, Date, OwnedRegister, PersonId, RiskId,
};
use leptos::prelude::*;

/// The counts before and after the last status change made on this page.
#[derive(Debug, Clone, PartialEq)]
struct LastChange {
    action: String,
    before: AppetiteCounts,
    after: AppetiteCounts,
}

/// Which editor is open: none, a new action, or an existing one.
#[derive(Debug, Clone, PartialEq)]
enum Editing {
    None,
    New,
    Existing(String),
}

/// The treatment plan (shown once workspace `id` is open), with action `focus`'s editor open
/// and in view when given (findings link there).
#[component]
pub fn PlanPage(focus: Option<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let counts = Memo::new(move |_| read_analysed(state, appetite_counts).unwrap_or_default());
    let currency = Memo::new(move |_| {
        read(state, |ws| ws.methodology.currency().to_owned()).unwrap_or_default()
    });
    let totals = Memo::new(move |_| {
        read(state, |ws| {
            ws.actions.iter().filter(|a| a.status.is_open()).fold(
                (0u64, 0u64, 0usize),
                |(one, yearly, n), a| {
                    (
                        one.saturating_add(a.cost.one_off),
                        yearly.saturating_add(a.cost.yearly),
                        n + 1,
                    )
                },
            )
        })
        .unwrap_or_default()
    });
    let rows = Memo::new(move |_| read(state, rows_of).unwrap_or_default());
    let last_change = RwSignal::new(None::<LastChange>);
    let focus = focus.filter(|id| {
        state.open.with_untracked(|o| {
            o.as_ref()
                .is_some_and(|o| o.workspace.actions.iter().any(|a| a.id.as_str() == id))
        })
    });
    let editing = RwSignal::new(focus.clone().map_or(Editing::None, Editing::Existing));
    if focus.is_some() {
        request_animation_frame(move || {
            if let Some(editor) = document().get_element_by_id("action-editor-heading") {
                editor.scroll_into_view();
            }
        });
    }
    let deleting = RwSignal::new(None::<String>);

    let change_status = move |action: String, status: ActionStatus| {
        let before = counts.get_untracked();
        let id = action.clone();
        state.edit(move |ws| {
            if let Ok(id) = ActionId::try_new(id) {
                ws.set_action_status(&id, status);
            }
        });
        let after = read_analysed_untracked(state, appetite_counts).unwrap_or_default();
        last_change.set(Some(LastChange {
            action,
            before,
            after,
        }));
    };

    // Only emptiness rebuilds the table, so its sort, selection and focus
    // survive edits and searches.
    let empty = Memo::new(move |_| rows.with(Vec::is_empty));
    let edit = Callback::new(move |id: String| {
        editing.set(Editing::Existing(id));
        request_animation_frame(|| {
            if let Some(editor) = document().get_element_by_id("action-editor-heading") {
                editor.scroll_into_view();
            }
        });
    });
    let actions = vec![
        RowAction::new("Edit", edit),
        RowAction::new(
            "Mark done",
            Callback::new(move |id: String| change_status(id, ActionStatus::Done)),
        ),
        RowAction::danger(
            "Delete",
            Callback::new(move |id: String| deleting.set(Some(id))),
        ),
    ];
    let bulk = vec![
        BulkEdit::owner(state, OwnedRegister::Actions, "actions"),
        BulkEdit {
            label: "Status",
            input: BulkInput::Choice(
                ACTION_STATUSES
                    .into_iter()
                    .map(|s| {
                        (
                            ActionStatus::name(s).to_owned(),
                            action_status(s).to_owned(),
                        )
                    })
                    .collect(),
            ),
            apply: Callback::new(move |(ids, status): (Vec<String>, String)| {
                let Some(status) = ActionStatus::from_name(&status) else {
                    return;
                };
                run_command(
                    state,
                    move |ws| Ok(ws.set_status_of_actions(&ids, status)),
                    move |n| {
                        format!(
                            "{n} actions marked \u{201c}{}\u{201d}.",
                            action_status(status)
                        )
                    },
                );
            }),
        },
    ];
    view! {
        <h1>"Risk treatment plan"</h1>
        <p class="lead">"What will be done about the risks, by whom, by when and at what cost (ISO/IEC 27001 clause 6.1.3)."</p>
        <div class="glance" data-testid="plan-summary">
            <div class="figure"><span class="number" data-testid="above-now">{move || counts.get().current}</span>" risks above appetite now"</div>
            <div class="figure"><span class="number" data-testid="above-planned">{move || counts.get().planned}</span>" above appetite once the open actions are done"</div>
            <div class="figure"><span class="number">{move || totals.get().2}</span>" open actions"</div>
            <div class="figure"><span class="number">{move || format!("{} {}", group_digits(totals.get().0), currency.get())}</span>" one-off cost still to spend"</div>
            <div class="figure"><span class="number">{move || format!("{} {}", group_digits(totals.get().1), currency.get())}</span>" yearly cost of open actions"</div>
        </div>
        <div role="status" aria-live="polite" data-testid="residual-change">
            {move || last_change.get().map(|c| view! {
                <p class="change-note">
                    {format!(
                        "After changing {}: risks above appetite now {} \u{2192} {}; once treated {} \u{2192} {}.",
                        c.action, c.before.current, c.after.current, c.before.planned, c.after.planned
                    )}
                </p>
            })}
        </div>
        <div class="button-row">
            <button type="button" class="primary" data-testid="new-action"
                on:click=move |_| editing.set(Editing::New)>"New action"</button>
        </div>
        {move || match editing.get() {
            Editing::None => None,
            Editing::New => Some(view! {
                <section class="card" aria-labelledby="action-editor-heading">
                    <h2 id="action-editor-heading">"New action"</h2>
                    <ActionEditor action_id=None on_close=move || editing.set(Editing::None)/>
                </section>
            }),
            Editing::Existing(id) => Some(view! {
                <section class="card" aria-labelledby="action-editor-heading">
                    <h2 id="action-editor-heading">{format!("Edit action {id}")}</h2>
                    <ActionEditor action_id=Some(id.clone()) on_close=move || editing.set(Editing::None)/>
                </section>
            }),
        }}
        {move || {
            if empty.get() {
                return view! {
                    <p class="empty-state" data-testid="plan-empty">"No treatment actions yet. Add the first with \u{201c}New action\u{201d}."</p>
                }
                .into_any();
            }
            view! {
                <RegisterTable register="plan" caption="Treatment actions" columns=COLUMNS.to_vec()
                    rows=rows testid="plan-table" row_testid="action-row" on_open=edit
                    actions=actions.clone() bulk=bulk.clone()/>
            }
            .into_any()
        }}
        {move || deleting.get().map(|id| {
            let confirm_id = id.clone();
            view! {
                <ConfirmDialog
                    title="Delete this action?"
                    message=format!("Action {id} will be removed from the treatment plan. Its risks and controls stay as they are.")
                    confirm_label="Delete action"
                    on_confirm=move || {
                        let id = confirm_id.clone();
                        state.edit(move |ws| {
                            if let Ok(id) = ActionId::try_new(id) {
                                ws.remove_action(&id);
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

const COLUMNS: [TableColumn; 10] = [
    TableColumn::text("id", "Id"),
    TableColumn::text("title", "Action"),
    TableColumn::text("owner", "Owner"),
    TableColumn::text("due", "Due"),
    TableColumn::number("one_off", "One-off"),
    TableColumn::number("yearly", "Yearly"),
    TableColumn::text("status", "Status"),
    TableColumn::text("risks", "Risks"),
    TableColumn::text("controls", "Controls"),
    TableColumn::text("description", "Details").optional(),
];

/// The plan's rows; overdue open actions say so in their status and are
/// flagged, finished ones flagged "done".
fn rows_of(ws: &engine::Workspace) -> Vec<TableRow> {
    let today = crate::ui::today();
    ws.actions
        .iter()
        .map(|a| {
            let overdue = a.status.is_open()
                && matches!((a.due, today), (Some(due), Some(today)) if due < today);
            let owner = ws
                .person_name(a.owner.as_ref())
                .unwrap_or_default()
                .to_owned();
            let mut status = action_status(a.status).to_owned();
            if overdue {
                status.push_str(", overdue");
            }
            let risks: Vec<&str> = a.risks.iter().map(|r| r.as_str()).collect();
            let controls: Vec<&str> = a.controls.iter().map(|c| c.as_str()).collect();
            TableRow {
                id: a.id.to_string(),
                name: format!("{} {}", a.id, a.title),
                cells: vec![
                    a.id.to_string(),
                    a.title.clone(),
                    owner,
                    a.due.map(|d| d.to_string()).unwrap_or_default(),
                    group_digits(a.cost.one_off),
                    group_digits(a.cost.yearly),
                    status,
                    risks.join(", "),
                    controls.join(", "),
                    a.description.clone(),
                ],
                flag: if overdue {
                    Some("overdue")
                } else if a.status.is_open() {
                    None
                } else {
                    Some("done")
                },
            }
        })
        .collect()
}

/// Creates or changes one action; checks the fields before saving.
#[component]
fn ActionEditor(
    action_id: Option<String>,
    on_close: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let existing = action_id.as_ref().and_then(|id| {
        read_untracked(state, |ws| {
            ws.actions.iter().find(|a| a.id.as_str() == id).cloned()
        })
        .flatten()
    });
    let title = RwSignal::new(
        existing
            .as_ref()
            .map(|a| a.title.clone())
            .unwrap_or_default(),
    );
    let description = RwSignal::new(
        existing
            .as_ref()
            .map(|a| a.description.clone())
            .unwrap_or_default(),
    );
    let owner = RwSignal::new(
        existing
            .as_ref()
            .and_then(|a| a.owner.as_ref())
            .map(|o| o.as_str().to_owned())
            .unwrap_or_default(),
    );
    let due = RwSignal::new(
        existing
            .as_ref()
            .and_then(|a| a.due)
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    let one_off = RwSignal::new(
        existing
            .as_ref()
            .map(|a| a.cost.one_off.to_string())
            .unwrap_or_default(),
    );
    let yearly = RwSignal::new(
        existing
            .as_ref()
            .map(|a| a.cost.yearly.to_string())
            .unwrap_or_default(),
    );
    let status = RwSignal::new(existing.as_ref().map(|a| a.status).unwrap_or_default());
    let risks = RwSignal::new(
        existing
            .as_ref()
            .map(|a| {
                a.risks
                    .iter()
                    .map(|r| r.as_str().to_owned())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default(),
    );
    let controls = RwSignal::new(
        existing
            .as_ref()
            .map(|a| {
                a.controls
                    .iter()
                    .map(|c| c.as_str().to_owned())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default(),
    );
    let errors = RwSignal::new(FieldErrors::default());
    let (risk_options, control_options) = read_untracked(state, |ws| {
        (
            ws.risks
                .iter()
                .map(|r| (r.id.as_str().to_owned(), format!("{} {}", r.id, r.title)))
                .collect::<Vec<_>>(),
            ws.controls
                .iter()
                .map(|c| (c.id.as_str().to_owned(), format!("{} {}", c.id, c.title)))
                .collect::<Vec<_>>(),
        )
    })
    .unwrap_or_default();
    let prefix = format!(
        "action-{}",
        action_id.clone().unwrap_or_else(|| "new".into())
    );
    let field = move |name: &str| format!("{prefix}-{name}");

    // The action as it was when the form opened (later: as last stored), so
    // a save merges with another tab's changes instead of overwriting them.
    let base = StoredValue::new(existing.clone());
    let base_status = existing.as_ref().map(|a| a.status).unwrap_or_default();
    let pending = RwSignal::new(None::<Pending<Action>>);
    let initial = (
        title.get_untracked(),
        description.get_untracked(),
        owner.get_untracked(),
        due.get_untracked(),
        one_off.get_untracked(),
        yearly.get_untracked(),
        status.get_untracked(),
        risks.get_untracked(),
        controls.get_untracked(),
    );
    let dirty = Signal::derive(move || {
        (
            title.get(),
            description.get(),
            owner.get(),
            due.get(),
            one_off.get(),
            yearly.get(),
            status.get(),
            risks.get(),
            controls.get(),
        ) != initial
    });
    state.track_unsaved("action-editor", move || dirty.get());
    let closer = StoredValue::new(on_close.clone());
    // Stores an edited existing action; the status goes through
    // `set_status` only when this form changed it.
    let store = move |action: Action| {
        let chosen = status.get_untracked();
        state.edit(move |ws| {
            let id = action.id.clone();
            ws.upsert_action(action);
            if chosen != base_status {
                ws.set_action_status(&id, chosen);
            }
        });
        state.unsaved_forms.update(|forms| {
            forms.remove("action-editor");
        });
        closer.with_value(|close| close());
    };
    let current_action = move |id: &ActionId| {
        read_untracked(state, |ws| ws.actions.iter().find(|a| &a.id == id).cloned()).flatten()
    };
    let decided = move |decided: Pending<Action>| {
        let current = current_action(&decided.object.id);
        let from = decided.stored;
        if let Some(asked) = save_merged(
            state,
            Some(&from),
            decided.object,
            current.as_ref(),
            pending,
            store,
        ) {
            base.set_value(Some(asked));
        }
    };
    let close = on_close.clone();
    let editing_id = action_id.clone();
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let result = (|| -> Result<(), FieldErrors> {
            let mut problems = FieldErrors::default();
            let title_text = title.get_untracked().trim().to_owned();
            if title_text.is_empty() {
                problems.add("title", "Say what will be done: the title is required.");
            }
            let due_text = due.get_untracked();
            let due_date = match due_text.trim() {
                "" => None,
                text => Date::parse(text).or_else(|| {
                    problems.add(
                        "due",
                        format!("{text:?} is not a date of the form YYYY-MM-DD."),
                    );
                    None
                }),
            };
            let mut money = |text: String, field: &'static str, what: &str| {
                parse_money(&text).unwrap_or_else(|e| {
                    problems.add(field, format!("{what}: {e}."));
                    0
                })
            };
            let cost = Cost {
                one_off: money(one_off.get_untracked(), "one_off", "One-off cost"),
                yearly: money(yearly.get_untracked(), "yearly", "Yearly cost"),
            };
            if !problems.is_empty() {
                return Err(problems);
            }
            let owner = PersonId::try_new(owner.get_untracked()).ok();
            let risks: Vec<RiskId> = risks
                .get_untracked()
                .into_iter()
                .filter_map(|r| RiskId::try_new(r).ok())
                .collect();
            let controls: Vec<ControlId> = controls
                .get_untracked()
                .into_iter()
                .filter_map(|c| ControlId::try_new(c).ok())
                .collect();
            let description = description.get_untracked().trim().to_owned();
            let status = status.get_untracked();
            if let Some(before) = base.get_value() {
                let mut draft = before.clone();
                draft.title = title_text;
                draft.description = description;
                draft.risks = risks;
                draft.controls = controls;
                draft.owner = owner;
                draft.due = due_date;
                draft.cost = cost;
                let current = current_action(&before.id);
                let asked = save_merged(
                    state,
                    Some(&before),
                    draft,
                    current.as_ref(),
                    pending,
                    store,
                );
                return match asked {
                    Some(stored) => {
                        base.set_value(Some(stored));
                        Err(FieldErrors::one(
                            "form",
                            "Not saved yet: choose between your values and the other tab's below.",
                        ))
                    }
                    None => Ok(()),
                };
            }
            let editing_id = editing_id.clone();
            state.edit(move |ws| {
                let id = editing_id
                    .and_then(|id| ActionId::try_new(id).ok())
                    .unwrap_or_else(|| ws.next_action_id());
                ws.upsert_action(Action {
                    id: id.clone(),
                    title: title_text,
                    description,
                    risks,
                    controls,
                    owner,
                    due: due_date,
                    cost,
                    status: ActionStatus::Planned,
                });
                ws.set_action_status(&id, status);
            });
            Ok(())
        })();
        match result {
            Ok(()) => close(),
            Err(problems) => errors.set(problems),
        }
    };
    let cancel = on_close.clone();
    view! {
        <form class="action-editor" on:submit=save data-testid="action-editor">
            <UnsavedMark dirty=dirty/>
            <TextField id=field("title") label="What will be done" value=title wide=true
                testid="action-title" error=FieldErrors::of(errors, "title") error_testid="action-error"/>
            <TextAreaField id=field("description") label="Details" value=description rows=2 wide=true/>
            <div class="form-grid">
                <OwnerField id=field("owner") label="Owner" value=owner none="(nobody)"/>
                <DateField id=field("due") label="Due date" value=due testid="action-due"
                    error=FieldErrors::of(errors, "due")/>
                <TextField id=field("one-off") label="One-off cost" value=one_off inputmode="numeric"
                    error=FieldErrors::of(errors, "one_off")/>
                <TextField id=field("yearly") label="Yearly cost" value=yearly inputmode="numeric"
                    error=FieldErrors::of(errors, "yearly")/>
                <SelectField id=field("status") label="Status" bind=choice(status)/>
            </div>
            <div class="form-grid">
                <MultiSelectField label="Risks treated" id=field("risks") options=risk_options chosen=risks
                    empty="No risks in the register yet."/>
                <MultiSelectField label="Controls implemented" id=field("controls") options=control_options chosen=controls
                    empty="No controls yet."/>
            </div>
            <p class="field-error" role="alert">{move || errors.with(|e| e.get("form"))}</p>
            <MergeChoices pending=pending on_decided=decided/>
            <div class="button-row">
                <button type="submit" class="primary" data-testid="action-save">"Save action"</button>
                <button type="button" on:click=move |_| cancel()>"Cancel"</button>
            </div>
        </form>
    }
}
