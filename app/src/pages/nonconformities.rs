//! Nonconformities and corrective action (clause 10.2): what does not
//! conform and where it was found, the correction and root cause, the
//! corrective actions with owner, due date and status, and the
//! effectiveness review that closes the record.

use crate::components::open_record;
use crate::components::{
    bulk_choice, close_saved, record_actions, save_record, BulkEdit, DeleteChosen, EditorForm,
};
use crate::components::{choice, id_choice, CheckboxField, FieldErrors, MultiSelectField};
use crate::components::{DateField, OwnerField, SelectField, TextAreaField};
use crate::components::{DeleteRecord, NewActionForm, TextField};
use crate::components::{RegisterTable, TableColumn, TableRow};
use crate::state::AppState;
use crate::ui::labels::{nonconformity_grade, nonconformity_status};
use crate::ui::workbench::{action_status, clause_options, control_options, read, read_untracked};
use crate::ui::{id_text, id_texts, ids_from, optional_date, run_command, today};
use engine::Date;
use engine::{
    ActionStatus, ClauseId, ControlId, CorrectiveAction, EffectivenessReview, Nonconformity,
    NonconformityId, NonconformitySource, NonconformityStatus, PersonId, Workspace,
};
use engine::{CycleEntry, CycleRecord, OwnedRegister};
use leptos::prelude::*;

/// Which form is open.
#[derive(Debug, Clone, PartialEq)]
enum Editing {
    /// The record itself (None: a new, hand-recorded one).
    Record(Option<String>),
    /// A new corrective action of a nonconformity.
    Action(String),
    /// The effectiveness review of a nonconformity.
    Review(String),
}

fn source_text(source: &NonconformitySource) -> String {
    match source {
        NonconformitySource::Manual => "recorded by hand".to_owned(),
        NonconformitySource::AuditFinding { finding } => format!("audit finding {finding}"),
        NonconformitySource::Incident { incident } => format!("incident {incident}"),
    }
}

fn person_name(ws: &Workspace, id: Option<&PersonId>) -> String {
    ws.person_name(id).unwrap_or("—").to_owned()
}

const COLUMNS: [TableColumn; 9] = [
    TableColumn::text("id", "Id"),
    TableColumn::text("title", "Nonconformity"),
    TableColumn::text("status", "Status"),
    TableColumn::text("grade", "Grade"),
    TableColumn::text("source", "From"),
    TableColumn::text("concerns", "Concerns"),
    TableColumn::text("owner", "Owner"),
    TableColumn::text("due", "Resolve by"),
    TableColumn::text("actions", "Corrective actions"),
];

/// What a nonconformity concerns: its clause and controls.
fn concerns(nc: &Nonconformity) -> String {
    let mut parts: Vec<String> = nc.clause.iter().map(|c| format!("clause {c}")).collect();
    parts.extend(nc.controls.iter().map(ToString::to_string));
    parts.join(", ")
}

/// The rows of the nonconformities shown (closed ones with `closed`).
fn rows_of(ws: &Workspace, closed: bool) -> Vec<TableRow> {
    ws.nonconformities
        .iter()
        .filter(|n| closed || n.is_open())
        .map(|n| {
            let done = n
                .corrective_actions
                .iter()
                .filter(|a| a.status == ActionStatus::Done)
                .count();
            let actions = match n.corrective_actions.len() {
                0 => String::new(),
                all => format!("{done} of {all} done"),
            };
            TableRow {
                id: n.id.to_string(),
                name: n.id.to_string(),
                cells: vec![
                    n.id.to_string(),
                    n.title.clone(),
                    nonconformity_status(n.status).to_owned(),
                    nonconformity_grade(n.grade).to_owned(),
                    source_text(&n.source),
                    concerns(n),
                    ws.person_name(n.owner.as_ref())
                        .unwrap_or_default()
                        .to_owned(),
                    id_text(n.due.as_ref()),
                    actions,
                ],
                flag: None,
            }
        })
        .collect()
}

/// The nonconformities page (the app shows it once workspace `id` is open).
#[component]
pub fn NonconformitiesPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let show_closed = RwSignal::new(false);
    let counts = Memo::new(move |_| {
        read(state, |ws| {
            let open = ws.nonconformities.iter().filter(|n| n.is_open()).count();
            (open, ws.nonconformities.len())
        })
        .unwrap_or_default()
    });
    let rows = Memo::new(move |_| {
        let closed = show_closed.get();
        read(state, |ws| rows_of(ws, closed)).unwrap_or_default()
    });
    let editing = RwSignal::new(None::<Editing>);
    let opened = RwSignal::new(None::<String>);
    let deleting = RwSignal::new(None::<String>);
    let open = open_record(opened);
    let edit = Callback::new(move |id: String| editing.set(Some(Editing::Record(Some(id)))));
    let actions = record_actions(opened, edit, vec![], deleting);
    let bulk = vec![
        BulkEdit::owner(state, OwnedRegister::Nonconformities, "nonconformities"),
        bulk_choice(
            state,
            "Grade",
            "nonconformities",
            Workspace::set_grade_of_nonconformities,
        ),
    ];
    // The open one, while the filter shows it.
    let detail = move || {
        let id = opened.get()?;
        rows.with(|r| r.iter().any(|row| row.id == id))
            .then_some(())?;
        let nc = read(state, |ws| {
            ws.nonconformities
                .iter()
                .find(|n| n.id.as_str() == id)
                .cloned()
        })
        .flatten()?;
        Some(view! { <NonconformityCard nc=nc editing=editing opened=opened/> })
    };
    let done = Callback::new(move |()| editing.set(None));
    view! {
        <h1>"Nonconformities"</h1>
        <p class="lead">
            "Each nonconformity with its correction, root cause and corrective actions. It closes once a review finds the actions worked; until then the controls it names count lower in readiness."
        </p>
        <div class="register-toolbar">
            <CheckboxField label="Show closed ones" checked=show_closed testid="show-closed"/>
            <span class="muted" role="status" data-testid="nc-count">
                {move || {
                    let (open, all) = counts.get();
                    format!("{open} open of {all}")
                }}
            </span>
            <button type="button" class="primary" data-testid="new-nc"
                on:click=move |_| editing.set(Some(Editing::Record(None)))>"New nonconformity"</button>
        </div>
        {move || match editing.get() {
            Some(Editing::Record(target)) => view! { <RecordForm target=target on_done=done/> }.into_any(),
            Some(Editing::Action(nc)) => view! { <ActionForm nc=nc on_done=move || done.run(())/> }.into_any(),
            Some(Editing::Review(nc)) => view! { <ReviewForm nc=nc on_done=done/> }.into_any(),
            None => ().into_any(),
        }}
        <div id="record-open" tabindex="-1">{detail}</div>
        {move || rows.with(Vec::is_empty).then(|| view! {
            <div class="empty-state" data-testid="nc-empty">
                <p>"No open nonconformities."</p>
                <p class="muted">"Raise one from an audit finding on the Audits page, or record one by hand."</p>
            </div>
        })}
        <RegisterTable register="nonconformities" caption="Nonconformities of this workspace" columns=COLUMNS.to_vec()
            rows=rows testid="nc-table" row_testid="nc-row" on_open=open actions=actions bulk=bulk/>
        <DeleteChosen deleting=deleting record=|id| NonconformityId::try_new(id).ok().map(CycleRecord::Nonconformity)/>
    }
}

#[component]
fn NonconformityCard(
    nc: Nonconformity,
    editing: RwSignal<Option<Editing>>,
    opened: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = nc.id.to_string();
    let (owner, actions) = read_untracked(state, |ws| {
        let actions: Vec<(String, String, String, ActionStatus)> = nc
            .corrective_actions
            .iter()
            .map(|a| {
                (
                    a.title.clone(),
                    person_name(ws, a.owner.as_ref()),
                    a.due
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| "—".to_owned()),
                    a.status,
                )
            })
            .collect();
        (person_name(ws, nc.owner.as_ref()), actions)
    })
    .unwrap_or_default();
    let concerns = match concerns(&nc) {
        text if text.is_empty() => "\u{2014}".to_owned(),
        text => text,
    };
    let heading_id = format!("nc-{id}");
    let (edit_id, action_id, review_id) = (id.clone(), id.clone(), id.clone());
    let awaiting = nc.status == NonconformityStatus::AwaitingReview;
    let review = nc.effectiveness.clone();
    let text_or_dash = |t: &str| {
        if t.trim().is_empty() {
            "—".to_owned()
        } else {
            t.to_owned()
        }
    };
    view! {
        <section class="card" data-testid="nc-card" data-id=id.clone() data-status=nc.status.name() aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{format!("{} · {}", nc.id, nc.title)}</h2>
            <p>
                <span class="pill" data-testid="nc-status">{nonconformity_status(nc.status)}</span>" "
                <span class="pill">{nonconformity_grade(nc.grade)}</span>
                {format!(" · from {} · concerns {} · owner {} · due {}", source_text(&nc.source), concerns, owner,
                    nc.due.map(|d| d.to_string()).unwrap_or_else(|| "—".to_owned()))}
            </p>
            <dl class="readiness-parts">
                <div><dt>"What does not conform"</dt><dd>{text_or_dash(&nc.description)}</dd></div>
                <div><dt>"Correction"</dt><dd>{text_or_dash(&nc.correction)}</dd></div>
                <div><dt>"Root cause"</dt><dd>{text_or_dash(&nc.root_cause)}</dd></div>
            </dl>
            <h3>"Corrective actions"</h3>
            {if actions.is_empty() {
                view! { <p class="muted">"None yet: say what will remove the cause."</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll"><table data-testid="corrective-actions">
                        <caption class="visually-hidden">{format!("Corrective actions of {id}")}</caption>
                        <thead><tr><th scope="col">"Action"</th><th scope="col">"Owner"</th><th scope="col">"Due"</th><th scope="col">"Status"</th></tr></thead>
                        <tbody>
                            {actions.into_iter().enumerate().map(|(index, (title, owner, due, status))| {
                                let nc_id = nc.id.clone();
                                let set = move |event: leptos::ev::Event| {
                                    let Some(next) = ActionStatus::from_name(&event_target_value(&event)) else { return };
                                    let nc_id = nc_id.clone();
                                    state.edit(move |ws| {
                                        ws.set_corrective_action_status(&nc_id, index, next);
                                    });
                                };
                                view! {
                                    <tr data-testid="corrective-action">
                                        <td>{title.clone()}</td><td>{owner}</td><td>{due}</td>
                                        <td>
                                            <select aria-label=format!("Status of {title}") data-testid="corrective-status" on:change=set>
                                                {ActionStatus::ALL.into_iter().map(|s| view! {
                                                    <option value=s.name() selected=s == status>{action_status(s)}</option>
                                                }).collect_view()}
                                            </select>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table></div>
                }.into_any()
            }}
            {review.map(|r| view! {
                <p data-testid="nc-review">
                    {format!("Effectiveness reviewed on {}: {}. {}", r.date,
                        if r.effective { "effective" } else { "not effective, further action needed" }, r.notes)}
                </p>
            })}
            <div class="button-row">
                <button type="button" aria-label=format!("Edit {id}")
                    on:click=move |_| editing.set(Some(Editing::Record(Some(edit_id.clone())))) >"Edit"</button>
                {nc.is_open().then(|| view! {
                    <button type="button" data-testid="add-corrective" aria-label=format!("Add corrective action to {id}")
                        on:click=move |_| editing.set(Some(Editing::Action(action_id.clone())))>"Add corrective action"</button>
                })}
                {awaiting.then(|| view! {
                    <button type="button" class="primary" data-testid="review-nc" aria-label=format!("Review effectiveness of {id}")
                        on:click=move |_| editing.set(Some(Editing::Review(review_id.clone())))>"Review effectiveness"</button>
                })}
                <DeleteRecord record=CycleRecord::Nonconformity(nc.id.clone())/>
                <button type="button" on:click=move |_| opened.set(None)>"Close"</button>
            </div>
        </section>
    }
}

/// A new, hand-recorded nonconformity (`target` None) or the record's
/// own fields; its actions and review are kept.
#[component]
fn RecordForm(target: Option<String>, on_done: Callback<()>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let existing = target.as_ref().and_then(|id| {
        read_untracked(state, |ws| {
            ws.nonconformities
                .iter()
                .find(|n| n.id.as_str() == id)
                .cloned()
        })
        .flatten()
    });
    let is_new = existing.is_none();
    let base = existing.unwrap_or_else(|| {
        let mut nc = Nonconformity::new(
            NonconformityId::try_new("NC-NEW").expect("a valid placeholder id"),
            "",
        );
        nc.raised_on = today();
        nc
    });
    let title = RwSignal::new(base.title.clone());
    let description = RwSignal::new(base.description.clone());
    let grade = RwSignal::new(base.grade);
    let owner = RwSignal::new(id_text(base.owner.as_ref()));
    let clause = RwSignal::new(id_text(base.clause.as_ref()));
    let controls = RwSignal::new(id_texts(&base.controls));
    let correction = RwSignal::new(base.correction.clone());
    let root_cause = RwSignal::new(base.root_cause.clone());
    let due = RwSignal::new(id_text(base.due.as_ref()));
    let errors = RwSignal::new(FieldErrors::default());
    let snapshot = move || {
        (
            title.get(),
            description.get(),
            grade.get(),
            owner.get(),
            clause.get(),
            controls.get(),
            correction.get(),
            root_cause.get(),
            due.get(),
        )
    };
    let initial = snapshot();
    let dirty = Signal::derive(move || snapshot() != initial);
    let control_choices = read_untracked(state, control_options).unwrap_or_default();
    let clause_choices = clause_options();
    let heading = if is_new {
        "New nonconformity".to_owned()
    } else {
        format!("Edit {}", base.id)
    };
    let submit = Callback::new(move |()| {
        let mut problems = FieldErrors::default();
        let name = title.get_untracked().trim().to_owned();
        if name.is_empty() {
            problems.add("title", "Give the nonconformity a short title.");
        }
        let due_date = optional_date(&due.get_untracked()).unwrap_or_else(|e| {
            problems.add("due", e);
            None
        });
        if !problems.is_empty() {
            errors.set(problems);
            return;
        }
        let mut nc = base.clone();
        nc.title = name;
        nc.description = description.get_untracked();
        nc.grade = grade.get_untracked();
        nc.owner = PersonId::try_new(owner.get_untracked()).ok();
        nc.clause = ClauseId::try_new(clause.get_untracked()).ok();
        nc.controls = ids_from(controls.get_untracked(), ControlId::try_new);
        nc.correction = correction.get_untracked();
        nc.root_cause = root_cause.get_untracked();
        nc.due = due_date;
        save_record(
            state,
            "nc-form",
            CycleEntry::Nonconformity(nc),
            is_new,
            on_done,
        );
    });
    view! {
        <EditorForm form="nc-form" heading=heading dirty=dirty save="Save nonconformity" save_testid="save-nc"
            on_submit=submit on_done=on_done errors=errors>
                <TextField id="nc-title" label="Title" value=title autofocus=true testid="nc-title" wide=true error=FieldErrors::of(errors, "title")/>
                <SelectField id="nc-grade" label="Grade" bind=choice(grade) testid="nc-grade"/>
                <OwnerField id="nc-owner" label="Owner" value=owner none="No owner yet" testid="nc-owner"/>
                <DateField id="nc-due" label="Resolve by" value=due testid="nc-due" error=FieldErrors::of(errors, "due")/>
                <SelectField id="nc-clause" label="Clause" testid="nc-clause" bind=id_choice(clause, Some("No clause"), clause_choices)/>
                <MultiSelectField id="nc-controls" label="Controls concerned" options=control_choices chosen=controls wide=true/>
                <TextAreaField id="nc-description" label="What does not conform" value=description testid="nc-description" wide=true/>
                <TextAreaField id="nc-correction" label="Correction (what was done at once)" value=correction testid="nc-correction" wide=true/>
                <TextAreaField id="nc-root-cause" label="Root cause" value=root_cause testid="nc-root-cause" wide=true/>
        </EditorForm>
    }
}

/// A new corrective action of nonconformity `nc`.
#[component]
fn ActionForm(nc: String, on_done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let state = expect_context::<AppState>();
    let heading = format!("New corrective action of {nc}");
    let save = move |title: String, owner: Option<PersonId>, due: Option<Date>| {
        let Ok(id) = NonconformityId::try_new(nc.clone()) else {
            return;
        };
        let action = CorrectiveAction {
            title,
            owner,
            due,
            status: ActionStatus::Planned,
            action: None,
        };
        let shown = id.clone();
        run_command(
            state,
            move |ws| {
                if ws.add_corrective_action(&id, action) {
                    Ok(())
                } else {
                    Err(format!("{id} does not exist any more"))
                }
            },
            move |_| format!("Corrective action added to {shown}."),
        );
    };
    view! {
        <NewActionForm prefix="corrective" form="corrective-form" heading=heading
            title_missing="Say what will be done to remove the cause." save=save on_done=on_done/>
    }
}

/// The effectiveness review of nonconformity `nc`: effective closes it.
#[component]
fn ReviewForm(nc: String, on_done: Callback<()>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let date = RwSignal::new(id_text(today().as_ref()));
    let reviewer = RwSignal::new(String::new());
    let effective = RwSignal::new(true);
    let notes = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::default());
    let initial = (date.get_untracked(), String::new(), true, String::new());
    let dirty = Signal::derive(move || {
        (date.get(), reviewer.get(), effective.get(), notes.get()) != initial
    });
    let heading = format!("Effectiveness review of {nc}");
    let submit = Callback::new(move |()| {
        let day = match optional_date(&date.get_untracked()) {
            Ok(Some(day)) => day,
            Ok(None) => {
                errors.set(FieldErrors::one("date", "Give the day of the review."));
                return;
            }
            Err(e) => {
                errors.set(FieldErrors::one("date", e));
                return;
            }
        };
        let Ok(id) = NonconformityId::try_new(nc.clone()) else {
            return;
        };
        let review = EffectivenessReview {
            date: day,
            reviewed_by: PersonId::try_new(reviewer.get_untracked()).ok(),
            effective: effective.get_untracked(),
            notes: notes.get_untracked(),
        };
        let shown = id.clone();
        run_command(
            state,
            move |ws| {
                ws.review_effectiveness(&id, review)
                    .map_err(|e| e.to_string())
            },
            move |status| match status {
                NonconformityStatus::Closed => {
                    format!("{shown} closed: the corrective actions worked.")
                }
                _ => format!("{shown} reopened: add further corrective action."),
            },
        );
        close_saved(state, "review-form", on_done);
    });
    view! {
        <EditorForm form="review-form" heading=heading dirty=dirty save="Record review" save_testid="save-review"
            on_submit=submit on_done=on_done errors=errors>
                <DateField id="review-date" label="Reviewed on" value=date testid="review-date" error=FieldErrors::of(errors, "date")/>
                <OwnerField id="review-by" label="Reviewed by" value=reviewer none="Not named" testid="review-by"/>
                <CheckboxField label="The corrective actions removed the cause (closes the nonconformity)" checked=effective testid="review-effective"/>
                <TextAreaField id="review-notes" label="What was checked and seen" value=notes testid="review-notes" wide=true/>
        </EditorForm>
    }
}
