//! Management reviews (clause 9.3): each review's date, attendees, notes,
//! decisions and the actions decided, with a link to the pack of inputs
//! the engine assembles for the next review.

use crate::components::open_record;
use crate::components::{
    people_options, record_actions, DeleteChosen, FieldErrors, MultiSelectField,
};
use crate::components::{save_record, DateField, EditorForm, TextAreaField, TextField};
use crate::components::{DeleteRecord, NewActionForm, RegisterTable};
use crate::components::{RowAction, TableColumn, TableRow};
use crate::routes::{ReportKind, Route};
use crate::state::AppState;
use crate::ui::workbench::{action_status, read, read_untracked};
use crate::ui::{id_text, optional_date, run_command, today};
use engine::Date;
use engine::{ActionStatus, ManagementReview, PersonId, ReviewAction, ReviewId};
use engine::{CycleEntry, CycleRecord};
use leptos::prelude::*;

#[derive(Debug, Clone, PartialEq)]
enum Editing {
    Review(Option<String>),
    Action(String),
}

const COLUMNS: [TableColumn; 6] = [
    TableColumn::text("id", "Id"),
    TableColumn::text("title", "Review"),
    TableColumn::text("date", "Date"),
    TableColumn::number("attendees", "Attendees"),
    TableColumn::number("decisions", "Decisions"),
    TableColumn::text("actions", "Actions"),
];

/// The register's rows, the latest first.
fn rows_of(ws: &engine::Workspace) -> Vec<TableRow> {
    let mut all: Vec<&ManagementReview> = ws.management_reviews.iter().collect();
    engine::order::sort_by_key(&mut all, |r| std::cmp::Reverse(r.date));
    all.into_iter()
        .map(|r| {
            let done = r
                .actions
                .iter()
                .filter(|a| a.status == ActionStatus::Done)
                .count();
            TableRow {
                id: r.id.to_string(),
                name: r.id.to_string(),
                cells: vec![
                    r.id.to_string(),
                    r.title.clone(),
                    r.date.to_string(),
                    r.attendees.len().to_string(),
                    r.decisions.len().to_string(),
                    match r.actions.len() {
                        0 => String::new(),
                        all => format!("{done} of {all} done"),
                    },
                ],
                flag: None,
            }
        })
        .collect()
}

/// The management-review page (the app shows it once workspace `id` is open).
#[component]
pub fn ReviewsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = Memo::new(move |_| read(state, rows_of).unwrap_or_default());
    let workspace_id = read_untracked(state, |ws| ws.id.as_str().to_owned()).unwrap_or_default();
    let editing = RwSignal::new(None::<Editing>);
    let opened = RwSignal::new(None::<String>);
    let deleting = RwSignal::new(None::<String>);
    let open = open_record(opened);
    let edit = Callback::new(move |id: String| editing.set(Some(Editing::Review(Some(id)))));
    let actions = record_actions(
        opened,
        edit,
        vec![RowAction::new(
            "Add action",
            Callback::new(move |id: String| editing.set(Some(Editing::Action(id)))),
        )],
        deleting,
    );
    let detail = move || {
        let id = opened.get()?;
        let review = read(state, |ws| {
            ws.management_reviews
                .iter()
                .find(|r| r.id.as_str() == id)
                .cloned()
        })
        .flatten()?;
        Some(view! { <ReviewCard review=review editing=editing opened=opened/> })
    };
    let done = Callback::new(move |()| editing.set(None));
    view! {
        <h1>"Management reviews"</h1>
        <p class="lead">
            "Top management's look at the ISMS at planned intervals: what was decided and who does what next. The pack gathers the inputs from the registers."
        </p>
        <div class="register-toolbar">
            <a href=Route::Report(workspace_id, ReportKind::ReviewPack).href() data-testid="pack-link">"Open the management-review pack"</a>
            <button type="button" class="primary" data-testid="new-review"
                on:click=move |_| editing.set(Some(Editing::Review(None)))>"New review"</button>
        </div>
        {move || match editing.get() {
            Some(Editing::Review(target)) => view! { <ReviewForm target=target on_done=done/> }.into_any(),
            Some(Editing::Action(review)) => view! { <ActionForm review=review on_done=move || done.run(())/> }.into_any(),
            None => ().into_any(),
        }}
        <div id="record-open" tabindex="-1">{detail}</div>
        {move || rows.with(Vec::is_empty).then(|| view! {
            <div class="empty-state" data-testid="reviews-empty"><p>"No management review recorded yet."</p></div>
        })}
        <RegisterTable register="reviews" caption="Management reviews of this workspace" columns=COLUMNS.to_vec()
            rows=rows testid="review-table" row_testid="review-row" on_open=open actions=actions/>
        <DeleteChosen deleting=deleting record=|id| ReviewId::try_new(id).ok().map(CycleRecord::Review)/>
    }
}

#[component]
fn ReviewCard(
    review: ManagementReview,
    editing: RwSignal<Option<Editing>>,
    opened: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = move |id: Option<&PersonId>| {
        read_untracked(state, |ws| ws.person_name(id).map(str::to_owned))
            .flatten()
            .unwrap_or_else(|| "—".to_owned())
    };
    let attendees = review
        .attendees
        .iter()
        .map(|p| name(Some(p)))
        .collect::<Vec<_>>()
        .join(", ");
    let id = review.id.to_string();
    let heading_id = format!("review-{id}");
    let (edit_id, action_id) = (id.clone(), id.clone());
    view! {
        <section class="card" data-testid="review-card" data-id=id.clone() aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{format!("{} · {} · {}", review.id, review.title, review.date)}</h2>
            <p class="small">"Attended: "{if attendees.is_empty() { "—".to_owned() } else { attendees }}</p>
            {(!review.notes.is_empty()).then(|| view! { <p>{review.notes.clone()}</p> })}
            <h3>"Decisions"</h3>
            {if review.decisions.is_empty() {
                view! { <p class="muted">"None recorded."</p> }.into_any()
            } else {
                view! { <ul class="cycle-sub">{review.decisions.iter().map(|d| view! { <li>{d.clone()}</li> }).collect_view()}</ul> }.into_any()
            }}
            <h3>"Actions"</h3>
            {if review.actions.is_empty() {
                view! { <p class="muted">"None decided."</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll"><table>
                        <caption class="visually-hidden">{format!("Actions of {id}")}</caption>
                        <thead><tr><th scope="col">"Action"</th><th scope="col">"Owner"</th><th scope="col">"Due"</th><th scope="col">"Status"</th></tr></thead>
                        <tbody>
                            {review.actions.iter().enumerate().map(|(index, a)| {
                                let review_id = review.id.clone();
                                let current = a.status;
                                let set = move |event: leptos::ev::Event| {
                                    let Some(next) = ActionStatus::from_name(&event_target_value(&event)) else { return };
                                    let review_id = review_id.clone();
                                    state.edit(move |ws| {
                                        ws.set_review_action_status(&review_id, index, next);
                                    });
                                };
                                view! {
                                    <tr>
                                        <td>{a.title.clone()}</td><td>{name(a.owner.as_ref())}</td>
                                        <td>{id_text(a.due.as_ref())}</td>
                                        <td>
                                            <select aria-label=format!("Status of {}", a.title) on:change=set>
                                                {ActionStatus::ALL.into_iter().map(|s| view! {
                                                    <option value=s.name() selected=s == current>{action_status(s)}</option>
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
            <div class="button-row">
                <button type="button" aria-label=format!("Edit {id}")
                    on:click=move |_| editing.set(Some(Editing::Review(Some(edit_id.clone())))) >"Edit"</button>
                <button type="button" aria-label=format!("Add action to {id}")
                    on:click=move |_| editing.set(Some(Editing::Action(action_id.clone())))>"Add action"</button>
                <DeleteRecord record=CycleRecord::Review(review.id.clone())/>
                <button type="button" on:click=move |_| opened.set(None)>"Close"</button>
            </div>
        </section>
    }
}

/// A new review (`target` None) or an existing one's record; its actions
/// are kept.
#[component]
fn ReviewForm(target: Option<String>, on_done: Callback<()>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let existing = target.as_ref().and_then(|id| {
        read_untracked(state, |ws| {
            ws.management_reviews
                .iter()
                .find(|r| r.id.as_str() == id)
                .cloned()
        })
        .flatten()
    });
    let is_new = existing.is_none();
    let title = RwSignal::new(
        existing
            .as_ref()
            .map(|r| r.title.clone())
            .unwrap_or_default(),
    );
    let date = RwSignal::new(id_text(
        existing.as_ref().map(|r| r.date).or_else(today).as_ref(),
    ));
    let attendees: RwSignal<Vec<String>> = RwSignal::new(
        existing
            .as_ref()
            .map(|r| r.attendees.iter().map(ToString::to_string).collect())
            .unwrap_or_default(),
    );
    let notes = RwSignal::new(
        existing
            .as_ref()
            .map(|r| r.notes.clone())
            .unwrap_or_default(),
    );
    let decisions = RwSignal::new(
        existing
            .as_ref()
            .map(|r| r.decisions.join("\n"))
            .unwrap_or_default(),
    );
    let errors = RwSignal::new(FieldErrors::default());
    let snapshot = move || {
        (
            title.get(),
            date.get(),
            attendees.get(),
            notes.get(),
            decisions.get(),
        )
    };
    let initial = snapshot();
    let dirty = Signal::derive(move || snapshot() != initial);
    let people = people_options(state).get_untracked();
    let heading = match &existing {
        Some(r) => format!("Edit {}", r.id),
        None => "New management review".to_owned(),
    };
    let submit = Callback::new(move |()| {
        let mut problems = FieldErrors::default();
        let name = title.get_untracked().trim().to_owned();
        if name.is_empty() {
            problems.add(
                "title",
                "Name the review, such as \u{201c}Management review 2026\u{201d}.",
            );
        }
        let day = match optional_date(&date.get_untracked()) {
            Ok(Some(day)) => Some(day),
            Ok(None) => {
                problems.add("date", "Give the day of the meeting.");
                None
            }
            Err(e) => {
                problems.add("date", e);
                None
            }
        };
        let Some(day) = day.filter(|_| problems.is_empty()) else {
            errors.set(problems);
            return;
        };
        let mut review = existing.clone().unwrap_or_else(|| {
            ManagementReview::new(
                ReviewId::try_new("MR-NEW").expect("a valid placeholder id"),
                "",
                day,
            )
        });
        review.title = name;
        review.date = day;
        review.attendees = attendees
            .get_untracked()
            .into_iter()
            .filter_map(|p| PersonId::try_new(p).ok())
            .collect();
        review.notes = notes.get_untracked();
        review.decisions = decisions
            .get_untracked()
            .lines()
            .map(|l| l.trim().to_owned())
            .collect();
        save_record(
            state,
            "management-review-form",
            CycleEntry::Review(review),
            is_new,
            on_done,
        );
    });
    view! {
        <EditorForm form="management-review-form" heading=heading dirty=dirty save="Save review" save_testid="save-management-review"
            on_submit=submit on_done=on_done errors=errors>
                <TextField id="mr-title" label="Title" value=title autofocus=true testid="mr-title" wide=true error=FieldErrors::of(errors, "title")/>
                <DateField id="mr-date" label="Date of the meeting" value=date testid="mr-date" error=FieldErrors::of(errors, "date")/>
                <MultiSelectField id="mr-attendees" label="Attendees" options=people chosen=attendees wide=true
                    empty="Add people to the register first."/>
                <TextAreaField id="mr-notes" label="Notes" value=notes testid="mr-notes" wide=true/>
                <TextAreaField id="mr-decisions" label="Decisions (one a line)" value=decisions testid="mr-decisions" wide=true rows=4/>
        </EditorForm>
    }
}

/// A new action of review `review`.
#[component]
fn ActionForm(review: String, on_done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let state = expect_context::<AppState>();
    let heading = format!("New action of {review}");
    let save = move |title: String, owner: Option<PersonId>, due: Option<Date>| {
        let action = ReviewAction {
            title,
            owner,
            due,
            status: ActionStatus::Planned,
        };
        let review = review.clone();
        run_command(
            state,
            move |ws| {
                let id = ReviewId::try_new(review).map_err(|e| e.to_string())?;
                ws.add_review_action(&id, action)
                    .map(|()| id)
                    .map_err(|e| e.to_string())
            },
            |id| format!("Action added to {id}."),
        );
    };
    view! {
        <NewActionForm prefix="mr-action" form="review-action-form" heading=heading
            title_missing="Say what will be done." save=save on_done=on_done/>
    }
}
