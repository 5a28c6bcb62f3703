//! The incident register (Annex A 5.24 to 5.28): what happened, when, how
//! bad, the assets, risks and controls it concerns, and the lessons
//! learned. For each incident the engine suggests which risks' likelihood
//! to look at again; a suggestion changes nothing until someone presses
//! its button.

use crate::components::DeleteRecord;
use crate::components::{choice, FieldErrors, MultiSelectField, OpenWorkspaceGate, OwnerField};
use crate::components::{DateField, SelectField, TextAreaField, TextField, UnsavedMark};
use crate::routes::Route;
use crate::state::AppState;
use crate::ui::labels::{incident_severity, incident_status};
use crate::ui::workbench::{control_options, read, read_untracked};
use crate::ui::{id_text, optional_date, run_command, today};
use engine::CycleRecord;
use engine::{likelihood_suggestions, AssetId, ControlId, Incident, IncidentId, PersonId, RiskId};
use leptos::prelude::*;

/// The incidents page of workspace `id`.
#[component]
pub fn IncidentsPage(id: String) -> impl IntoView {
    view! {
        <OpenWorkspaceGate id=id>
            <IncidentRegister/>
        </OpenWorkspaceGate>
    }
}

#[component]
fn IncidentRegister() -> impl IntoView {
    let state = expect_context::<AppState>();
    let incidents = Memo::new(move |_| {
        read(state, |ws| {
            let mut all = ws.incidents.clone();
            engine::order::sort_by_key(&mut all, |i| std::cmp::Reverse(i.occurred));
            all
        })
        .unwrap_or_default()
    });
    let editing = RwSignal::new(None::<Option<String>>);
    view! {
        <h1>"Incidents"</h1>
        <p class="lead">
            "Security incidents with what they touched and what was learned. The suggestions to review a risk's likelihood are only suggestions: nothing changes until you apply one."
        </p>
        <div class="register-toolbar">
            <span class="muted" role="status" data-testid="incident-count">
                {move || format!("{} incidents", incidents.with(Vec::len))}
            </span>
            <button type="button" class="primary" data-testid="new-incident"
                on:click=move |_| editing.set(Some(None))>"New incident"</button>
        </div>
        {move || editing.get().map(|target| view! {
            <IncidentForm target=target on_done=move || editing.set(None)/>
        })}
        {move || incidents.with(Vec::is_empty).then(|| view! {
            <div class="empty-state" data-testid="incidents-empty"><p>"No incidents recorded."</p></div>
        })}
        <For each=move || incidents.get() key=|incident| format!("{incident:?}") let:incident>
            <IncidentCard incident=incident editing=editing/>
        </For>
    }
}

#[component]
fn IncidentCard(incident: Incident, editing: RwSignal<Option<Option<String>>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = incident.id.clone();
    let suggestions = {
        let id = id.clone();
        Memo::new(move |_| read(state, |ws| likelihood_suggestions(ws, &id)).unwrap_or_default())
    };
    let workspace_id = read_untracked(state, |ws| ws.id.as_str().to_owned()).unwrap_or_default();
    let concerns = {
        let mut parts: Vec<String> = incident.assets.iter().map(ToString::to_string).collect();
        parts.extend(incident.risks.iter().map(ToString::to_string));
        parts.extend(incident.controls.iter().map(ToString::to_string));
        if parts.is_empty() {
            "—".to_owned()
        } else {
            parts.join(", ")
        }
    };
    let heading_id = format!("incident-{id}");
    let edit_id = id.to_string();
    // The nonconformity already raised from this incident, followed live.
    let raised = {
        let id = id.clone();
        Memo::new(move |_| {
            read(state, |ws| {
                ws.nonconformities
                    .iter()
                    .find(|n| matches!(&n.source, engine::NonconformitySource::Incident { incident } if *incident == id))
                    .map(|n| n.id.to_string())
            })
            .flatten()
        })
    };
    let nc_href = Route::Nonconformities(workspace_id.clone()).href();
    let (raise_id, suggesting) = (id.clone(), id.clone());
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
    view! {
        <section class="card" data-testid="incident-card" data-id=id.to_string() aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{format!("{} · {}", incident.id, incident.title)}</h2>
            <p>
                <span class="pill">{incident_severity(incident.severity)}</span>" "
                <span class="pill">{incident_status(incident.status)}</span>
                {format!(" · occurred {} · concerns {}", incident.occurred, concerns)}
            </p>
            {(!incident.description.is_empty()).then(|| view! { <p>{incident.description.clone()}</p> })}
            {(!incident.lessons_learned.is_empty()).then(|| view! { <p class="small">"Lessons learned: "{incident.lessons_learned.clone()}</p> })}
            {(!incident.likelihood_changes.is_empty()).then(|| view! {
                <p class="small" data-testid="likelihood-changes">
                    "Likelihood raised after this incident: "
                    {incident.likelihood_changes.iter().map(|c| format!("{} from {} to {} on {}", c.risk, c.from, c.to, c.on)).collect::<Vec<_>>().join("; ")}
                </p>
            })}
            {move || {
                let list = suggestions.get();
                let count = list.len();
                (!list.is_empty()).then(|| view! {
                    <details class="likelihood-review">
                    <summary>{format!("Risks to look at again ({count})")}</summary>
                    <ul class="cycle-sub" data-testid="likelihood-suggestions">
                        {list.into_iter().map(|s| {
                            let risk = s.risk.clone();
                            let incident = suggesting.clone();
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
                })
            }}
            <div class="button-row">
                <button type="button" aria-label=format!("Edit {edit_id}")
                    on:click={let edit_id = edit_id.clone(); move |_| editing.set(Some(Some(edit_id.clone())))}>"Edit"</button>
                {
                    let label = format!("Raise nonconformity from {edit_id}");
                    move || match raised.get() {
                        Some(nc) => view! {
                            <a href=nc_href.clone() data-testid="incident-nc">{format!("Nonconformity {nc}")}</a>
                        }.into_any(),
                        None => view! {
                            <button type="button" data-testid="incident-raise-nc" aria-label=label.clone()
                                on:click=raise.clone()>"Raise nonconformity"</button>
                        }.into_any(),
                    }
                }
                <DeleteRecord record=CycleRecord::Incident(incident.id.clone())/>
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
fn IncidentForm(
    target: Option<String>,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let existing = target.as_ref().and_then(|id| {
        read_untracked(state, |ws| {
            ws.incidents.iter().find(|i| i.id.as_str() == id).cloned()
        })
        .flatten()
    });
    let is_new = existing.is_none();
    let title = RwSignal::new(
        existing
            .as_ref()
            .map(|i| i.title.clone())
            .unwrap_or_default(),
    );
    let occurred = RwSignal::new(id_text(
        existing
            .as_ref()
            .map(|i| i.occurred)
            .or_else(today)
            .as_ref(),
    ));
    let owner = RwSignal::new(id_text(existing.as_ref().and_then(|i| i.owner.as_ref())));
    let severity = RwSignal::new(existing.as_ref().map(|i| i.severity).unwrap_or_default());
    let status = RwSignal::new(existing.as_ref().map(|i| i.status).unwrap_or_default());
    let list = |f: fn(&Incident) -> Vec<String>| {
        RwSignal::new(existing.as_ref().map(f).unwrap_or_default())
    };
    let assets = list(|i| i.assets.iter().map(ToString::to_string).collect());
    let risks = list(|i| i.risks.iter().map(ToString::to_string).collect());
    let controls = list(|i| i.controls.iter().map(ToString::to_string).collect());
    let description = RwSignal::new(
        existing
            .as_ref()
            .map(|i| i.description.clone())
            .unwrap_or_default(),
    );
    let lessons = RwSignal::new(
        existing
            .as_ref()
            .map(|i| i.lessons_learned.clone())
            .unwrap_or_default(),
    );
    let errors = RwSignal::new(FieldErrors::default());
    let snapshot = move || {
        (
            title.get(),
            occurred.get(),
            owner.get(),
            severity.get(),
            status.get(),
            assets.get(),
            risks.get(),
            controls.get(),
            description.get(),
            lessons.get(),
        )
    };
    let initial = snapshot();
    let dirty = Signal::derive(move || snapshot() != initial);
    state.track_unsaved("incident-form", move || dirty.get());
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
    let existing_id = existing.as_ref().map(|i| i.id.clone());
    let heading = match &existing_id {
        Some(id) => format!("Edit {id}"),
        None => "New incident".to_owned(),
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
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
        let id = existing_id
            .clone()
            .unwrap_or_else(|| IncidentId::try_new("INC-NEW").expect("a valid placeholder id"));
        let mut incident = Incident::new(id, name, day);
        incident.owner = PersonId::try_new(owner.get_untracked()).ok();
        incident.severity = severity.get_untracked();
        incident.status = status.get_untracked();
        incident.assets = assets
            .get_untracked()
            .into_iter()
            .filter_map(|a| AssetId::try_new(a).ok())
            .collect();
        incident.risks = risks
            .get_untracked()
            .into_iter()
            .filter_map(|r| RiskId::try_new(r).ok())
            .collect();
        incident.controls = controls
            .get_untracked()
            .into_iter()
            .filter_map(|c| ControlId::try_new(c).ok())
            .collect();
        incident.description = description.get_untracked();
        incident.lessons_learned = lessons.get_untracked();
        run_command(
            state,
            move |ws| {
                if is_new {
                    incident.id = ws.next_incident_id();
                }
                let id = incident.id.clone();
                ws.upsert_incident(incident)
                    .map(|_| id)
                    .map_err(|e| e.to_string())
            },
            |id| format!("Incident {id} saved."),
        );
        state.unsaved_forms.update(|forms| {
            forms.remove("incident-form");
        });
        on_done();
    };
    view! {
        <form class="card editor-form" data-testid="incident-form" novalidate on:submit=submit
            on:keydown=move |event| if event.key() == "Escape" { on_done() }>
            <h2>{heading}</h2>
            <UnsavedMark dirty=dirty/>
            <div class="form-grid">
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
            </div>
            <div class="button-row">
                <button type="submit" class="primary" data-testid="save-incident">"Save incident"</button>
                <button type="button" on:click=move |_| on_done()>"Cancel"</button>
            </div>
        </form>
    }
}
