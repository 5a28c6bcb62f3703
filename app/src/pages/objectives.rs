//! Security objectives (clause 6.2) with their indicators, targets and
//! measurements over time (clause 9.1), each with a trend chart of the
//! measurements against the target line.

use crate::charts::objective_trend;
use crate::components::open_record;
use crate::components::{choice, record_actions, Chart, DeleteChosen, FieldErrors, OwnerField};
use crate::components::{close_saved, save_record, BulkEdit, EditorForm, RegisterTable};
use crate::components::{DateField, NumberField, SelectField, TextAreaField, TextField};
use crate::components::{DeleteRecord, RowAction, TableColumn, TableRow};
use crate::state::AppState;
use crate::ui::workbench::{read, read_untracked};
use crate::ui::{id_text, optional_date, run_command, today};
use engine::{CycleEntry, CycleRecord, OwnedRegister};
use engine::{Direction, Measurement, Objective, ObjectiveId, PersonId};
use leptos::prelude::*;

#[derive(Debug, Clone, PartialEq)]
enum Editing {
    Objective(Option<String>),
    Measurement(String),
}

const COLUMNS: [TableColumn; 8] = [
    TableColumn::text("id", "Id"),
    TableColumn::text("title", "Objective"),
    TableColumn::text("indicator", "Indicator"),
    TableColumn::text("target", "Target"),
    TableColumn::text("latest", "Latest measurement"),
    TableColumn::text("standing", "Standing"),
    TableColumn::text("owner", "Owner"),
    TableColumn::text("due", "Reach it by"),
];

/// "at least 95 %".
fn target_text(objective: &Objective) -> String {
    let sense = match objective.direction {
        Direction::AtLeast => "at least",
        Direction::AtMost => "at most",
    };
    format!("{sense} {} {}", objective.target, objective.unit)
        .trim_end()
        .to_owned()
}

fn standing(objective: &Objective) -> &'static str {
    match objective.on_target() {
        Some(true) => "on target",
        Some(false) => "not on target",
        None => "not measured yet",
    }
}

fn rows_of(ws: &engine::Workspace) -> Vec<TableRow> {
    ws.objectives
        .iter()
        .map(|o| TableRow {
            id: o.id.to_string(),
            name: o.id.to_string(),
            cells: vec![
                o.id.to_string(),
                o.title.clone(),
                o.indicator.clone(),
                target_text(o),
                o.measurements
                    .iter()
                    .max_by_key(|m| m.date)
                    .map(|m| format!("{} {} on {}", m.value, o.unit, m.date))
                    .unwrap_or_default(),
                standing(o).to_owned(),
                ws.person_name(o.owner.as_ref())
                    .unwrap_or_default()
                    .to_owned(),
                id_text(o.due.as_ref()),
            ],
            flag: None,
        })
        .collect()
}

/// The objectives page (the app shows it once workspace `id` is open).
#[component]
pub fn ObjectivesPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = Memo::new(move |_| read(state, rows_of).unwrap_or_default());
    let editing = RwSignal::new(None::<Editing>);
    let opened = RwSignal::new(None::<String>);
    let deleting = RwSignal::new(None::<String>);
    let open = open_record(opened);
    let edit = Callback::new(move |id: String| editing.set(Some(Editing::Objective(Some(id)))));
    let actions = record_actions(
        opened,
        edit,
        vec![RowAction::new(
            "Record measurement",
            Callback::new(move |id: String| editing.set(Some(Editing::Measurement(id)))),
        )],
        deleting,
    );
    let bulk = vec![BulkEdit::owner(
        state,
        OwnedRegister::Objectives,
        "objectives",
    )];
    let detail = move || {
        let id = opened.get()?;
        let objective = read(state, |ws| {
            ws.objectives.iter().find(|o| o.id.as_str() == id).cloned()
        })
        .flatten()?;
        Some(view! { <ObjectiveCard objective=objective editing=editing opened=opened/> })
    };
    let done = Callback::new(move |()| editing.set(None));
    view! {
        <h1>"Security objectives"</h1>
        <p class="lead">"What the ISMS sets out to achieve, how it is measured, and how the measurements move against the target. Open one to see its trend."</p>
        <div class="register-toolbar">
            <span class="muted" role="status" data-testid="objective-count">
                {move || format!("{} objectives", rows.with(Vec::len))}
            </span>
            <button type="button" class="primary" data-testid="new-objective"
                on:click=move |_| editing.set(Some(Editing::Objective(None)))>"New objective"</button>
        </div>
        {move || match editing.get() {
            Some(Editing::Objective(target)) => view! { <ObjectiveForm target=target on_done=done/> }.into_any(),
            Some(Editing::Measurement(objective)) => view! { <MeasurementForm objective=objective on_done=done/> }.into_any(),
            None => ().into_any(),
        }}
        <div id="record-open" tabindex="-1">{detail}</div>
        {move || rows.with(Vec::is_empty).then(|| view! {
            <div class="empty-state" data-testid="objectives-empty"><p>"No objectives yet."</p></div>
        })}
        <RegisterTable register="objectives" caption="Security objectives of this workspace" columns=COLUMNS.to_vec()
            rows=rows testid="objective-table" row_testid="objective-row" on_open=open actions=actions bulk=bulk/>
        <DeleteChosen deleting=deleting record=|id| ObjectiveId::try_new(id).ok().map(CycleRecord::Objective)/>
    }
}

#[component]
fn ObjectiveCard(
    objective: Objective,
    editing: RwSignal<Option<Editing>>,
    opened: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let owner = read_untracked(state, |ws| {
        ws.person_name(objective.owner.as_ref()).map(str::to_owned)
    })
    .flatten()
    .unwrap_or_else(|| "—".to_owned());
    let id = objective.id.to_string();
    let heading_id = format!("objective-{id}");
    let standing = standing(&objective);
    let points: Vec<(i64, f64, String)> = objective
        .measurements
        .iter()
        .map(|m| (m.date.unix_days(), m.value, m.date.to_string()))
        .collect();
    let svg = objective_trend(&points, objective.target, &objective.unit);
    let (edit_id, measure_id) = (id.clone(), id.clone());
    let unit = objective.unit.clone();
    let delete_objective = CycleRecord::Objective(objective.id.clone());
    view! {
        <section class="card" data-testid="objective-card" data-id=id.clone() aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{format!("{} · {}", objective.id, objective.title)}</h2>
            <p>
                <span class="pill" data-testid="objective-standing">{standing}</span>
                {format!(" · {}: {} · owner {} · due {}", or_indicator(&objective.indicator), target_text(&objective),
                    owner, objective.due.map(|d| d.to_string()).unwrap_or_else(|| "—".to_owned()))}
            </p>
            <Chart label=format!("Measurements of {} against its target", objective.id) svg=Signal::derive(move || svg.clone())
                test_id="objective-trend">
                <table>
                    <thead><tr><th scope="col">"Date"</th><th scope="col">"Value"</th><th scope="col">"Note"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                    <tbody>
                        {objective.measurements.iter().map(|m| view! {
                            <tr data-testid="measurement-row"><td>{m.date.to_string()}</td><td>{format!("{} {}", m.value, unit)}</td><td>{m.note.clone()}</td>
                                <td><DeleteRecord record=CycleRecord::Measurement(objective.id.clone(), m.date)/></td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </Chart>
            <div class="button-row">
                <button type="button" aria-label=format!("Edit {id}")
                    on:click=move |_| editing.set(Some(Editing::Objective(Some(edit_id.clone())))) >"Edit"</button>
                <button type="button" data-testid="record-measurement" aria-label=format!("Record measurement of {id}")
                    on:click=move |_| editing.set(Some(Editing::Measurement(measure_id.clone())))>"Record measurement"</button>
                <DeleteRecord record=delete_objective text="Delete objective"/>
                <button type="button" on:click=move |_| opened.set(None)>"Close"</button>
            </div>
        </section>
    }
}

fn or_indicator(indicator: &str) -> String {
    if indicator.trim().is_empty() {
        "Indicator".to_owned()
    } else {
        indicator.to_owned()
    }
}

/// A new objective (`target` None) or an existing one; its measurements
/// are kept.
#[component]
fn ObjectiveForm(target: Option<String>, on_done: Callback<()>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let existing = target.as_ref().and_then(|id| {
        read_untracked(state, |ws| {
            ws.objectives.iter().find(|o| o.id.as_str() == id).cloned()
        })
        .flatten()
    });
    let is_new = existing.is_none();
    let base = existing.unwrap_or_else(|| {
        Objective::new(
            ObjectiveId::try_new("OBJ-NEW").expect("a valid placeholder id"),
            "",
            0.0,
        )
    });
    let title = RwSignal::new(base.title.clone());
    let description = RwSignal::new(base.description.clone());
    let owner = RwSignal::new(id_text(base.owner.as_ref()));
    let indicator = RwSignal::new(base.indicator.clone());
    let unit = RwSignal::new(base.unit.clone());
    let direction = RwSignal::new(base.direction);
    let target_value = RwSignal::new(if is_new {
        String::new()
    } else {
        base.target.to_string()
    });
    let due = RwSignal::new(id_text(base.due.as_ref()));
    let errors = RwSignal::new(FieldErrors::default());
    let snapshot = move || {
        (
            title.get(),
            description.get(),
            owner.get(),
            indicator.get(),
            unit.get(),
            direction.get(),
            target_value.get(),
            due.get(),
        )
    };
    let initial = snapshot();
    let dirty = Signal::derive(move || snapshot() != initial);
    let heading = if is_new {
        "New objective".to_owned()
    } else {
        format!("Edit {}", base.id)
    };
    let submit = Callback::new(move |()| {
        let mut problems = FieldErrors::default();
        let name = title.get_untracked().trim().to_owned();
        if name.is_empty() {
            problems.add("title", "Say what the objective is.");
        }
        let goal = target_value
            .get_untracked()
            .trim()
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite());
        if goal.is_none() {
            problems.add("target", "Give the target as a number.");
        }
        let due_date = optional_date(&due.get_untracked()).unwrap_or_else(|e| {
            problems.add("due", e);
            None
        });
        let (Some(goal), true) = (goal, problems.is_empty()) else {
            errors.set(problems);
            return;
        };
        let mut objective = base.clone();
        objective.title = name;
        objective.description = description.get_untracked();
        objective.owner = PersonId::try_new(owner.get_untracked()).ok();
        objective.indicator = indicator.get_untracked();
        objective.unit = unit.get_untracked();
        objective.direction = direction.get_untracked();
        objective.target = goal;
        objective.due = due_date;
        save_record(
            state,
            "objective-form",
            CycleEntry::Objective(objective),
            is_new,
            on_done,
        );
    });
    view! {
        <EditorForm form="objective-form" heading=heading dirty=dirty save="Save objective" save_testid="save-objective"
            on_submit=submit on_done=on_done errors=errors>
                <TextField id="objective-title" label="Objective" value=title autofocus=true testid="objective-title" wide=true error=FieldErrors::of(errors, "title")/>
                <TextField id="objective-indicator" label="Indicator" value=indicator testid="objective-indicator"
                    placeholder="Staff who finished the yearly training"/>
                <TextField id="objective-unit" label="Unit" value=unit testid="objective-unit" placeholder="%, days, incidents"/>
                <SelectField id="objective-direction" label="Direction" bind=choice(direction) testid="objective-direction"/>
                <NumberField id="objective-target" label="Target" value=target_value testid="objective-target" step="any"
                    error=FieldErrors::of(errors, "target")/>
                <OwnerField id="objective-owner" label="Owner" value=owner none="No owner yet" testid="objective-owner"/>
                <DateField id="objective-due" label="Reach it by" value=due testid="objective-due" error=FieldErrors::of(errors, "due")/>
                <TextAreaField id="objective-description" label="Why, and how it is measured" value=description testid="objective-description" wide=true/>
        </EditorForm>
    }
}

/// A new measurement of `objective` (replacing one of the same day).
#[component]
fn MeasurementForm(objective: String, on_done: Callback<()>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let date = RwSignal::new(id_text(today().as_ref()));
    let value = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::default());
    let initial_date = date.get_untracked();
    let dirty = Signal::derive(move || {
        date.get() != initial_date || !value.get().is_empty() || !note.get().is_empty()
    });
    let heading = format!("New measurement of {objective}");
    let submit = Callback::new(move |()| {
        let mut problems = FieldErrors::default();
        let day = match optional_date(&date.get_untracked()) {
            Ok(Some(day)) => Some(day),
            Ok(None) => {
                problems.add("date", "Give the day of the measurement.");
                None
            }
            Err(e) => {
                problems.add("date", e);
                None
            }
        };
        let number = value
            .get_untracked()
            .trim()
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite());
        if number.is_none() {
            problems.add("value", "Give the measured value as a number.");
        }
        let (Some(day), Some(number), true) = (day, number, problems.is_empty()) else {
            errors.set(problems);
            return;
        };
        let Ok(id) = ObjectiveId::try_new(objective.clone()) else {
            return;
        };
        let measurement = Measurement {
            date: day,
            value: number,
            note: note.get_untracked(),
        };
        let shown = id.clone();
        run_command(
            state,
            move |ws| {
                ws.record_measurement(&id, measurement)
                    .map_err(|e| e.to_string())
            },
            move |_| format!("Measurement of {shown} recorded."),
        );
        close_saved(state, "measurement-form", on_done);
    });
    view! {
        <EditorForm form="measurement-form" heading=heading dirty=dirty save="Record" save_testid="save-measurement"
            on_submit=submit on_done=on_done errors=errors>
                <DateField id="measurement-date" label="Measured on" value=date testid="measurement-date" error=FieldErrors::of(errors, "date")/>
                <NumberField id="measurement-value" label="Value" value=value autofocus=true testid="measurement-value" step="any"
                    error=FieldErrors::of(errors, "value")/>
                <TextAreaField id="measurement-note" label="Note" value=note testid="measurement-note" wide=true/>
        </EditorForm>
    }
}
