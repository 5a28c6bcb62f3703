//! The incident register (Annex A 5.24 to 5.28): what happened, when, how
//! bad, the assets, risks and controls it concerns, and the lessons
//! learned. For each incident the engine suggests which risks' likelihood
//! to look at again; a suggestion changes nothing until someone presses
//! its button (in the incident's open view).

use crate::components::open_record;
use crate::components::{
    bulk_choice, record_actions, save_record, BulkEdit, DeleteChosen, EditorForm, RegisterTable,
};
use crate::components::{choice, FieldErrors, MultiSelectField, OwnerField};
use crate::components::{DateField, SelectField, TextAreaField, TextField};
use crate::components::{DeleteRecord, TableColumn, TableRow};
use crate::routes::Route;
use crate::state::AppState;
use crate::ui::labels::{incident_severity, incident_status};
use crate::ui::workbench::{control_options, read, read_untracked};
use crate::ui::{id_text, id_texts, ids_from, optional_date, run_command, today};
use engine::{likelihood_suggestions, AssetId, ControlId, Incident, IncidentId, PersonId, RiskId};
use engine::{CycleEntry, CycleRecord, NonconformitySource, OwnedRegister, Workspace};
use leptos::prelude::*;

const COLUMNS: [TableColumn; 8] = [
    TableColumn::text("id", "Id"),
    TableColumn::text("title", "Incident"),
    TableColumn::text("occurred", "Occurred"),
    TableColumn::text("severity", "Severity"),
    TableColumn::text("status", "Status"),
    TableColumn::text("owner", "Handled by"),
    TableColumn::text("concerns", "Concerns"),
    TableColumn::text("nc", "Nonconformity").optional(),
];

/// The nonconformity raised from incident `id`, if any.
fn raised_from(ws: &Workspace, id: &IncidentId) -> Option<String> {
    ws.nonconformities
        .iter()
        .find(|n| matches!(&n.source, NonconformitySource::Incident { incident } if incident == id))
        .map(|n| n.id.to_string())
}

/// What an incident concerns: its assets, risks and controls.
fn concerns(incident: &Incident) -> String {
    let mut parts: Vec<String> = incident.assets.iter().map(ToString::to_string).collect();
    parts.extend(incident.risks.iter().map(ToString::to_string));
    parts.extend(incident.controls.iter().map(ToString::to_string));
    parts.join(", ")
}

/// The register's rows, the latest first.
fn rows_of(ws: &Workspace) -> Vec<TableRow> {
    let mut all: Vec<&Incident> = ws.incidents.iter().collect();
    engine::order::sort_by_key(&mut all, |i| std::cmp::Reverse(i.occurred));
    all.into_iter()
        .map(|i| TableRow {
            id: i.id.to_string(),
            name: i.id.to_string(),
            cells: vec![
                i.id.to_string(),
                i.title.clone(),
                i.occurred.to_string(),
                incident_severity(i.severity).to_owned(),
                incident_status(i.status).to_owned(),
                ws.person_name(i.owner.as_ref())
                    .unwrap_or_default()
                    .to_owned(),
                concerns(i),
                raised_from(ws, &i.id).unwrap_or_default(),
            ],
            flag: None,
        })
        .collect()
}

/// The incidents page (the app shows it once workspace `id` is open).
#[component]
pub fn IncidentsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = Memo::new(move |_| read(state, rows_of).unwrap_or_default());
    let editing = RwSignal::new(None::<Option<String>>);
    let opened = RwSignal::new(None::<String>);
    let deleting = RwSignal::new(None::<String>);
    let open = open_record(opened);
    let edit = Callback::new(move |id: String| editing.set(Some(Some(id))));
    let actions = record_actions(opened, edit, vec![], deleting);
    let bulk = vec![
        BulkEdit::owner(state, OwnedRegister::Incidents, "incidents"),
        bulk_choice(
            state,
            "Status",
            "incidents",
            Workspace::set_status_of_incidents,
        ),
    ];
    let detail = move || {
        let id = opened.get()?;
        let incident = read(state, |ws| {
            ws.incidents.iter().find(|i| i.id.as_str() == id).cloned()
        })
        .flatten()?;
        Some(view! { <IncidentCard incident=incident editing=editing opened=opened/> })
    };
    view! {
        <h1>"Incidents"</h1>
        <p class="lead">
            "Security incidents with what they touched and what was learned. Open one to see which risks' likelihood to look at again: those are only suggestions, nothing changes until you apply one."
        </p>
        <div class="register-toolbar">
            <span class="muted" role="status" data-testid="incident-count">
                {move || format!("{} incidents", rows.with(Vec::len))}
            </span>
            <button type="button" class="primary" data-testid="new-incident"
                on:click=move |_| editing.set(Some(None))>"New incident"</button>
        </div>
        {move || editing.get().map(|target| view! {
            <IncidentForm target=target on_done=Callback::new(move |()| editing.set(None))/>
        })}
        <div id="record-open" tabindex="-1">{detail}</div>
        {move || rows.with(Vec::is_empty).then(|| view! {
            <div class="empty-state" data-testid="incidents-empty"><p>"No incidents recorded."</p></div>
        })}
        <RegisterTable register="incidents" caption="Incidents of this workspace" columns=COLUMNS.to_vec()
            rows=rows testid="incident-table" row_testid="incident-row" on_open=open
            actions=actions bulk=bulk/>
        <DeleteChosen deleting=deleting record=|id| IncidentId::try_new(id).ok().map(CycleRecord::Incident)/>
    }
}

/// The open incident: everything about it, its likelihood suggestions with
/// their buttons, and raising a nonconformity from it.
#[component]
fn IncidentCard(
    incident: Incident,
    editing: RwSignal<Option<Option<String>>>,
    opened: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = incident.id.clone();
    let (suggestions, raised, workspace_id) = read_untracked(state, |ws| {
        (
            likelihood_suggestions(ws, &id),
            raised_from(ws, &id),
            ws.id.as_str().to_owned(),
        )
    })
    .unwrap_or_default();
    let heading_id = format!("incident-{id}");
    let edit_id = id.to_string();
    let nc_href = Route::Nonconformities(workspace_id.clone()).href();
    let raise_id = id.clone();
    let raise = move |_| {
        let Some(day) = today() else { return };
        let incident = raise_id.clone();
        run_command(
            state,
            move |ws| {
                ws.raise_nonconformity_from_incident(&incident, day)
                    .map_err(|e| e.to_string())
            },
            |nc| format!("Nonconformity {nc} raised from the incident."),
        );
    };
    let count = suggestions.len();
    let concerned = match concerns(&incident) {
        text if text.is_empty() => "\u{2014}".to_owned(),
        text => text,
    };
    view! {
        <section class="card" data-testid="incident-card" data-id=id.to_string() aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{format!("{} \u{b7} {}", incident.id, incident.title)}</h2>
            <p>
                <span class="pill">{incident_severity(incident.severity)}</span>" "
                <span class="pill">{incident_status(incident.status)}</span>
                {format!(" \u{b7} occurred {} \u{b7} concerns {}", incident.occurred, concerned)}
            </p>
            {(!incident.description.is_empty()).then(|| view! { <p>{incident.description.clone()}</p> })}
            {(!incident.lessons_learned.is_empty()).then(|| view! { <p class="small">"Lessons learned: "{incident.lessons_learned.clone()}</p> })}
            {(!incident.likelihood_changes.is_empty()).then(|| view! {
                <p class="small" data-testid="likelihood-changes">
                    "Likelihood raised after this incident: "
                    {incident.likelihood_changes.iter().map(|c| format!("{} from {} to {} on {}", c.risk, c.from, c.to, c.on)).collect::<Vec<_>>().join("; ")}
                </p>
            })}
            {(!suggestions.is_empty()).then(|| view! {
                <details class="likelihood-review">
                <summary>{format!("Risks to look at again ({count})")}</summary>
                <ul class="cycle-sub" data-testid="likelihood-suggestions">
                    {suggestions.into_iter().map(|s| {
                        let (risk, incident) = (s.risk.clone(), id.clone());
                        let apply = move |_| apply_likelihood(state, incident.clone(), risk.clone());
                        view! {
                            <li data-testid="likelihood-suggestion">
                                <a href=Route::Risk(workspace_id.clone(), s.risk.to_string()).href()>{s.risk.to_string()}</a>
                                ": "{s.message.clone()}" "
                                <button type="button" data-testid="apply-likelihood"
                                    aria-label=format!("Raise likelihood to {} for {}", s.suggested.get(), s.risk)
                                    on:click=apply>{format!("Raise likelihood to {}", s.suggested.get())}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                </details>
            })}
            <div class="button-row">
                <button type="button" aria-label=format!("Edit {edit_id}")
                    on:click={let edit_id = edit_id.clone(); move |_| editing.set(Some(Some(edit_id.clone())))}>"Edit"</button>
                {match raised {
                    Some(nc) => view! {
                        <a href=nc_href data-testid="incident-nc">{format!("Nonconformity {nc}")}</a>
                    }.into_any(),
                    None => view! {
                        <button type="button" data-testid="incident-raise-nc" aria-label=format!("Raise nonconformity from {edit_id}")
                            on:click=raise>"Raise nonconformity"</button>
                    }.into_any(),
                }}
                <DeleteRecord record=CycleRecord::Incident(incident.id.clone())/>
                <button type="button" on:click=move |_| opened.set(None)>"Close"</button>
            </div>
        </section>
    }
}

/// Applies incident `incident`'s likelihood suggestion for `risk`, at the
/// person's request: the engine raises the risk's inherent likelihood and
/// records the change (from, to, when) on the incident.
fn apply_likelihood(state: AppState, incident: IncidentId, risk: RiskId) {
    let Some(day) = today() else { return };
    run_command(
        state,
        move |ws| {
            ws.apply_likelihood_suggestion(&incident, &risk, day)
                .map_err(|e| e.to_string())
        },
        |change| {
            format!(
                "The likelihood of {} is now {} (was {}); the change is recorded on the incident.",
                change.risk,
                change.to.get(),
                change.from.get()
            )
        },
    );
}

/// Adds an incident (`target` None) or edits one.
#[component]
fn IncidentForm(target: Option<String>, on_done: Callback<()>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let existing = target.as_ref().and_then(|id| {
        read_untracked(state, |ws| {
            ws.incidents.iter().find(|i| i.id.as_str() == id).cloned()
        })
        .flatten()
    });
    let is_new = existing.is_none();
    let occurred = RwSignal::new(id_text(
        existing
            .as_ref()
            .map(|i| i.occurred)
            .or_else(today)
            .as_ref(),
    ));
    let base = existing.unwrap_or_else(|| {
        // The day is the form's; this one is only a placeholder.
        let day = engine::Date::parse("2000-01-01").expect("a date");
        Incident::new(
            IncidentId::try_new("INC-NEW").expect("a valid placeholder id"),
            "",
            day,
        )
    });
    let title = RwSignal::new(base.title.clone());
    let owner = RwSignal::new(id_text(base.owner.as_ref()));
    let severity = RwSignal::new(base.severity);
    let status = RwSignal::new(base.status);
    let assets = RwSignal::new(id_texts(&base.assets));
    let risks = RwSignal::new(id_texts(&base.risks));
    let controls = RwSignal::new(id_texts(&base.controls));
    let description = RwSignal::new(base.description.clone());
    let lessons = RwSignal::new(base.lessons_learned.clone());
    let errors = RwSignal::new(FieldErrors::default());
    let snapshot = move || {
        (
            (title.get(), occurred.get(), owner.get()),
            (severity.get(), status.get()),
            (assets.get(), risks.get(), controls.get()),
            (description.get(), lessons.get()),
        )
    };
    let initial = snapshot();
    let dirty = Signal::derive(move || snapshot() != initial);
    let (asset_choices, risk_choices, control_choices) = read_untracked(state, |ws| {
        (
            ws.assets
                .iter()
                .map(|a| (a.id.to_string(), format!("{} {}", a.id, a.name)))
                .collect::<Vec<_>>(),
            ws.risks
                .iter()
                .map(|r| (r.id.to_string(), format!("{} {}", r.id, r.title)))
                .collect::<Vec<_>>(),
            control_options(ws),
        )
    })
    .unwrap_or_default();
    let heading = if is_new {
        "New incident".to_owned()
    } else {
        format!("Edit {}", base.id)
    };
    let submit = Callback::new(move |()| {
        let mut problems = FieldErrors::default();
        let name = title.get_untracked().trim().to_owned();
        if name.is_empty() {
            problems.add("title", "Give the incident a short title.");
        }
        let day = match optional_date(&occurred.get_untracked()) {
            Ok(Some(day)) => Some(day),
            Ok(None) => {
                problems.add("occurred", "Give the day it happened.");
                None
            }
            Err(e) => {
                problems.add("occurred", e);
                None
            }
        };
        let Some(day) = day.filter(|_| problems.is_empty()) else {
            errors.set(problems);
            return;
        };
        let mut incident = base.clone();
        incident.title = name;
        incident.occurred = day;
        incident.owner = PersonId::try_new(owner.get_untracked()).ok();
        incident.severity = severity.get_untracked();
        incident.status = status.get_untracked();
        incident.assets = ids_from(assets.get_untracked(), AssetId::try_new);
        incident.risks = ids_from(risks.get_untracked(), RiskId::try_new);
        incident.controls = ids_from(controls.get_untracked(), ControlId::try_new);
        incident.description = description.get_untracked();
        incident.lessons_learned = lessons.get_untracked();
        save_record(
            state,
            "incident-form",
            CycleEntry::Incident(incident),
            is_new,
            on_done,
        );
    });
    view! {
        <EditorForm form="incident-form" heading=heading dirty=dirty save="Save incident" save_testid="save-incident"
            on_submit=submit on_done=on_done errors=errors>
            <TextField id="incident-title" label="Title" value=title autofocus=true testid="incident-title" wide=true error=FieldErrors::of(errors, "title")/>
            <DateField id="incident-occurred" label="Occurred on" value=occurred testid="incident-occurred" error=FieldErrors::of(errors, "occurred")/>
            <OwnerField id="incident-owner" label="Handled by" value=owner none="Nobody yet" testid="incident-owner"/>
            <SelectField id="incident-severity" label="Severity" bind=choice(severity) testid="incident-severity"/>
            <SelectField id="incident-status" label="Status" bind=choice(status) testid="incident-status"/>
            <MultiSelectField id="incident-assets" label="Assets affected" options=asset_choices chosen=assets wide=true/>
            <MultiSelectField id="incident-risks" label="Risks it is an instance of" options=risk_choices chosen=risks wide=true/>
            <MultiSelectField id="incident-controls" label="Controls concerned" options=control_choices chosen=controls wide=true/>
            <TextAreaField id="incident-description" label="What happened" value=description testid="incident-description" wide=true/>
            <TextAreaField id="incident-lessons" label="Lessons learned" value=lessons testid="incident-lessons" wide=true/>
        </EditorForm>
    }
}
