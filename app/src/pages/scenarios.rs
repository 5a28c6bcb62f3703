//! What-if scenarios (PRODUCT.md 3.3): changes kept beside the workspace,
//! never in it, compared side by side with the baseline; the optimiser's
//! answer turned into a scenario; a scenario applied to the workspace only
//! on request, after a snapshot.

use crate::charts;
use crate::components::OpenWorkspaceGate;
use crate::components::TreatmentFields;
use crate::components::{Chart, ConfirmDialog, HeatMapTable, LevelBadge};
use crate::simulation::{self, Stopped};
use crate::state::AppState;
use crate::ui::labels::decision;
use crate::ui::today;
use crate::ui::workbench::{
    applicability, group_digits, implementation, parse_money, read, read_untracked, APPLICABILITIES,
};
use engine::{
    best_within_budget, candidates_from_actions, cheapest_within_appetite, compare,
    quant_portfolio, AnalysisOptions, Applicability, Change, ControlId, ImplementationStatus,
    OptimiserResult, Percent, RiskId, Sampler, ScenarioId, ScenarioReport, SimulationSettings,
    TreatmentDecision, Workspace,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeSet;

/// The scenarios of workspace `id`.
#[component]
pub fn ScenariosPage(id: String) -> impl IntoView {
    view! {
        <OpenWorkspaceGate id=id>
            <Scenarios/>
        </OpenWorkspaceGate>
    }
}

/// A scenario as the list shows it.
#[derive(Debug, Clone, PartialEq)]
struct Listed {
    id: String,
    name: String,
    changes: usize,
}

#[component]
fn Scenarios() -> impl IntoView {
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
    let name_error = RwSignal::new(None::<&'static str>);

    let create = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let text = name.get_untracked().trim().to_owned();
        if text.is_empty() {
            name_error.set(Some("Give the scenario a name."));
            return;
        }
        if listed.with_untracked(|l| l.iter().any(|s| s.name == text)) {
            name_error.set(Some("A scenario of that name exists already."));
            return;
        }
        name_error.set(None);
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
            <div class="form-field">
                <label for="scenario-name">"New scenario"</label>
                <input
                    id="scenario-name"
                    data-testid="scenario-name"
                    placeholder="e.g. Finish the MFA roll-out"
                    aria-invalid=move || name_error.get().is_some().to_string()
                    aria-describedby="scenario-name-error"
                    prop:value=move || name.get()
                    on:input=move |event| name.set(event_target_value(&event))
                />
                <p class="field-error" id="scenario-name-error" role="alert">{move || name_error.get()}</p>
            </div>
            <button type="submit" class="primary" data-testid="create-scenario">"Create from the current workspace"</button>
        </form>

        {move || {
            if listed.with(Vec::is_empty) {
                return view! { <p class="empty-state" data-testid="scenarios-empty">"No scenarios yet. Create one above, or let the optimiser below propose one."</p> }.into_any();
            }
            view! {
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

/// Adds a scenario to the open workspace and returns its id.
fn add_scenario(state: AppState, name: String, changes: Vec<Change>) -> String {
    let added = std::rc::Rc::new(std::cell::RefCell::new(String::new()));
    let id = added.clone();
    state.edit(move |ws| *id.borrow_mut() = ws.add_scenario(&name, changes).to_string());
    added.take()
}

/// A change in words, such as "A.8.5 Secure authentication: implemented".
fn describe(ws: &Workspace, change: &Change) -> String {
    let control = |id: &ControlId| match ws.control(id) {
        Some(c) => format!("{} {}", c.id, c.title),
        None => id.to_string(),
    };
    let risk = |id: &RiskId| match ws.risk(id) {
        Some(r) => format!("{} {}", r.id, r.title),
        None => id.to_string(),
    };
    match change {
        Change::ControlStatus { control: c, status } => {
            format!(
                "{}: status {}",
                control(c),
                implementation(*status).to_lowercase()
            )
        }
        Change::ControlEffectiveness {
            control: c,
            effectiveness,
        } => format!("{}: effectiveness {} %", control(c), effectiveness.get()),
        Change::LinkControl {
            risk: r,
            control: c,
        } => {
            format!("{}: add control {}", risk(r), control(c))
        }
        Change::UnlinkControl {
            risk: r,
            control: c,
        } => {
            format!("{}: remove control {}", risk(r), control(c))
        }
        Change::Treatment {
            risk: r,
            decision: d,
            transferred_share,
        } => {
            if *d == TreatmentDecision::Transfer {
                format!(
                    "{}: transfer {} % of the impact",
                    risk(r),
                    transferred_share.get()
                )
            } else {
                format!("{}: treatment {}", risk(r), decision(*d).to_lowercase())
            }
        }
        Change::Applicability {
            control: c,
            applicability: a,
        } => format!("{}: {}", control(c), applicability(*a).to_lowercase()),
        Change::AddAction { action } => format!("New action: {}", action.title),
    }
}

/// Kinds of change the editor offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Status,
    Effectiveness,
    Link,
    Unlink,
    Treatment,
    Applicability,
}

impl Kind {
    const ALL: [Kind; 6] = [
        Kind::Status,
        Kind::Effectiveness,
        Kind::Link,
        Kind::Unlink,
        Kind::Treatment,
        Kind::Applicability,
    ];

    fn key(self) -> &'static str {
        match self {
            Kind::Status => "status",
            Kind::Effectiveness => "effectiveness",
            Kind::Link => "link",
            Kind::Unlink => "unlink",
            Kind::Treatment => "treatment",
            Kind::Applicability => "applicability",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Kind::Status => "Set a control's implementation status",
            Kind::Effectiveness => "Set a control's effectiveness",
            Kind::Link => "Link a control to a risk",
            Kind::Unlink => "Remove a control from a risk",
            Kind::Treatment => "Decide a risk's treatment",
            Kind::Applicability => "Include or exclude a control",
        }
    }

    fn needs_risk(self) -> bool {
        matches!(self, Kind::Link | Kind::Unlink | Kind::Treatment)
    }

    fn needs_control(self) -> bool {
        !matches!(self, Kind::Treatment)
    }
}

/// The change being composed, as typed.
#[derive(Clone, Copy)]
struct ChangeDraft {
    kind: RwSignal<Kind>,
    control: RwSignal<String>,
    risk: RwSignal<String>,
    status: RwSignal<ImplementationStatus>,
    effectiveness: RwSignal<String>,
    decision: RwSignal<TreatmentDecision>,
    share: RwSignal<String>,
    applicability: RwSignal<Applicability>,
}

impl ChangeDraft {
    fn new() -> Self {
        Self {
            kind: RwSignal::new(Kind::Status),
            control: RwSignal::new(String::new()),
            risk: RwSignal::new(String::new()),
            status: RwSignal::new(ImplementationStatus::Implemented),
            effectiveness: RwSignal::new("80".into()),
            decision: RwSignal::new(TreatmentDecision::Mitigate),
            share: RwSignal::new("50".into()),
            applicability: RwSignal::new(Applicability::Applicable),
        }
    }

    /// The change, or the field at fault and why.
    fn build(&self, ws: &Workspace) -> Result<Change, (&'static str, String)> {
        let kind = self.kind.get_untracked();
        let control = if kind.needs_control() {
            let typed = self.control.get_untracked();
            let id = typed.split_whitespace().next().unwrap_or("").to_owned();
            match ws
                .controls
                .iter()
                .find(|c| c.id.as_str().eq_ignore_ascii_case(&id))
            {
                Some(c) => Some(c.id.clone()),
                None => {
                    return Err((
                        "control",
                        format!(
                            "There is no control \u{201c}{typed}\u{201d}; pick one from the list."
                        ),
                    ))
                }
            }
        } else {
            None
        };
        let risk = if kind.needs_risk() {
            let typed = self.risk.get_untracked();
            let id = typed.split_whitespace().next().unwrap_or("").to_owned();
            match ws
                .risks
                .iter()
                .find(|r| r.id.as_str().eq_ignore_ascii_case(&id))
            {
                Some(r) => Some(r.id.clone()),
                None => {
                    return Err((
                        "risk",
                        format!(
                            "There is no risk \u{201c}{typed}\u{201d}; pick one from the list."
                        ),
                    ))
                }
            }
        } else {
            None
        };
        let percent = |text: String, field: &'static str| {
            text.trim()
                .parse::<u8>()
                .ok()
                .and_then(Percent::checked_new)
                .ok_or((field, "Enter a whole number from 0 to 100.".to_owned()))
        };
        Ok(match kind {
            Kind::Status => Change::ControlStatus {
                control: control.expect("needed"),
                status: self.status.get_untracked(),
            },
            Kind::Effectiveness => Change::ControlEffectiveness {
                control: control.expect("needed"),
                effectiveness: percent(self.effectiveness.get_untracked(), "effectiveness")?,
            },
            Kind::Link => Change::LinkControl {
                risk: risk.expect("needed"),
                control: control.expect("needed"),
            },
            Kind::Unlink => Change::UnlinkControl {
                risk: risk.expect("needed"),
                control: control.expect("needed"),
            },
            Kind::Treatment => {
                let decision = self.decision.get_untracked();
                Change::Treatment {
                    risk: risk.expect("needed"),
                    decision,
                    transferred_share: if decision == TreatmentDecision::Transfer {
                        percent(self.share.get_untracked(), "share")?
                    } else {
                        Percent::ZERO
                    },
                }
            }
            Kind::Applicability => Change::Applicability {
                control: control.expect("needed"),
                applicability: self.applicability.get_untracked(),
            },
        })
    }
}

/// The changes of scenario `id`, and a form to add one.
#[component]
fn ScenarioEditor(id: String, on_close: impl Fn() + Clone + 'static) -> impl IntoView {
    let state = expect_context::<AppState>();
    let scenario_id = StoredValue::new(id);
    let scenario = Memo::new(move |_| {
        read(state, |ws| {
            ws.scenarios
                .iter()
                .find(|s| scenario_id.with_value(|id| s.id.as_str() == id))
                .map(|s| {
                    let changes = s
                        .changes
                        .iter()
                        .map(|c| describe(ws, c))
                        .collect::<Vec<_>>();
                    (s.name.clone(), changes)
                })
        })
        .flatten()
    });
    let options = Memo::new(move |_| {
        read(state, |ws| {
            let controls = ws
                .controls
                .iter()
                .map(|c| format!("{} {}", c.id, c.title))
                .collect::<Vec<_>>();
            let risks = ws
                .risks
                .iter()
                .map(|r| format!("{} {}", r.id, r.title))
                .collect::<Vec<_>>();
            (controls, risks)
        })
        .unwrap_or_default()
    });
    let draft = ChangeDraft::new();
    let error = RwSignal::new(None::<(&'static str, String)>);
    let field_error = move |field: &'static str| {
        move || {
            error
                .get()
                .filter(|(f, _)| *f == field)
                .map(|(_, message)| message)
        }
    };
    let invalid = move |field: &'static str| {
        move || {
            error
                .with(|e| e.as_ref().is_some_and(|(f, _)| *f == field))
                .to_string()
        }
    };
    let add = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(result) = read_untracked(state, |ws| draft.build(ws)) else {
            return;
        };
        match result {
            Err(problem) => error.set(Some(problem)),
            Ok(change) => {
                error.set(None);
                let target = scenario_id.get_value();
                state.edit(move |ws| {
                    if let Ok(id) = ScenarioId::try_new(target) {
                        ws.add_scenario_change(&id, change);
                    }
                });
            }
        }
    };
    let remove = move |index: usize| {
        let target = scenario_id.get_value();
        state.edit(move |ws| {
            if let Ok(id) = ScenarioId::try_new(target) {
                ws.remove_scenario_change(&id, index);
            }
        });
    };
    let close = on_close.clone();
    view! {
        <section class="card scenario-editor" aria-labelledby="scenario-editor-heading" data-testid="scenario-editor">
            <h2 id="scenario-editor-heading">{move || scenario.with(|s| s.as_ref().map(|(name, _)| format!("Changes of \u{201c}{name}\u{201d}")))}</h2>
            {move || scenario.with(|s| s.as_ref().map(|(_, changes)| {
                if changes.is_empty() {
                    return view! { <p class="muted" data-testid="no-changes">"No changes yet: this scenario is the workspace as it is."</p> }.into_any();
                }
                view! {
                    <ol class="change-list">
                        {changes.iter().cloned().enumerate().map(|(index, text)| view! {
                            <li data-testid="scenario-change">
                                <span>{text.clone()}</span>" "
                                <button type="button" class="link-button" on:click=move |_| remove(index)>
                                    "Remove"<span class="visually-hidden">{format!(" {text}")}</span>
                                </button>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }))}
            <form class="change-form" on:submit=add novalidate>
                <h3>"Add a change"</h3>
                <div class="form-grid">
                    <div class="form-field wide">
                        <label for="change-kind">"Kind of change"</label>
                        <select id="change-kind" data-testid="change-kind" on:change=move |event| {
                            let key = event_target_value(&event);
                            if let Some(kind) = Kind::ALL.into_iter().find(|k| k.key() == key) {
                                draft.kind.set(kind);
                                error.set(None);
                            }
                        }>
                            {Kind::ALL.into_iter().map(|k| view! {
                                <option value=k.key() selected=move || draft.kind.get() == k>{k.label()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    {move || draft.kind.get().needs_risk().then(|| view! {
                        <div class="form-field wide">
                            <label for="change-risk">"Risk"</label>
                            <input
                                id="change-risk"
                                list="change-risk-options"
                                data-testid="change-risk"
                                placeholder="Type a risk id or pick one"
                                aria-invalid=invalid("risk")
                                aria-describedby="change-risk-error"
                                prop:value=move || draft.risk.get()
                                on:input=move |event| draft.risk.set(event_target_value(&event))
                            />
                            <datalist id="change-risk-options">
                                {move || options.with(|(_, risks)| risks.iter().map(|r| view! { <option value=r.clone()></option> }).collect_view())}
                            </datalist>
                            <p class="field-error" id="change-risk-error" role="alert">{field_error("risk")}</p>
                        </div>
                    })}
                    {move || draft.kind.get().needs_control().then(|| view! {
                        <div class="form-field wide">
                            <label for="change-control">"Control"</label>
                            <input
                                id="change-control"
                                list="change-control-options"
                                data-testid="change-control"
                                placeholder="Type a control id such as A.8.5, or pick one"
                                aria-invalid=invalid("control")
                                aria-describedby="change-control-error"
                                prop:value=move || draft.control.get()
                                on:input=move |event| draft.control.set(event_target_value(&event))
                            />
                            <datalist id="change-control-options">
                                {move || options.with(|(controls, _)| controls.iter().map(|c| view! { <option value=c.clone()></option> }).collect_view())}
                            </datalist>
                            <p class="field-error" id="change-control-error" role="alert">{field_error("control")}</p>
                        </div>
                    })}
                    {move || match draft.kind.get() {
                        Kind::Status => view! {
                            <div class="form-field">
                                <label for="change-status">"Status"</label>
                                <select id="change-status" data-testid="change-status" on:change=move |event| {
                                    if let Some(s) = ImplementationStatus::from_name(&event_target_value(&event)) { draft.status.set(s); }
                                }>
                                    {ImplementationStatus::ALL.into_iter().map(|s| view! {
                                        <option value=ImplementationStatus::name(s) selected=move || draft.status.get() == s>{implementation(s)}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                        }.into_any(),
                        Kind::Effectiveness => view! {
                            <div class="form-field">
                                <label for="change-effectiveness">"Effectiveness (%)"</label>
                                <input
                                    id="change-effectiveness"
                                    type="number" min="0" max="100" step="1"
                                    data-testid="change-effectiveness"
                                    aria-invalid=invalid("effectiveness")
                                    aria-describedby="change-effectiveness-error"
                                    prop:value=move || draft.effectiveness.get()
                                    on:input=move |event| draft.effectiveness.set(event_target_value(&event))
                                />
                                <p class="field-error" id="change-effectiveness-error" role="alert">{field_error("effectiveness")}</p>
                            </div>
                        }.into_any(),
                        Kind::Treatment => view! {
                            <TreatmentFields
                                prefix="change"
                                decision_value=draft.decision
                                share=draft.share
                                share_error=Signal::derive(field_error("share"))
                            />
                        }.into_any(),
                        Kind::Applicability => view! {
                            <div class="form-field">
                                <label for="change-applicability">"Applicability"</label>
                                <select id="change-applicability" on:change=move |event| {
                                    if let Some(a) = Applicability::from_name(&event_target_value(&event)) { draft.applicability.set(a); }
                                }>
                                    {APPLICABILITIES.into_iter().map(|a| view! {
                                        <option value=Applicability::name(a) selected=move || draft.applicability.get() == a>{applicability(a)}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                        }.into_any(),
                        Kind::Link | Kind::Unlink => ().into_any(),
                    }}
                </div>
                <div class="form-actions">
                    <button type="submit" class="primary" data-testid="add-change">"Add change"</button>
                    <button type="button" on:click=move |_| close()>"Close"</button>
                </div>
            </form>
        </section>
    }
}

/// The baseline and the ticked scenarios side by side.
#[component]
fn ComparisonView(compared: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let comparison = Memo::new(move |_| {
        let ids = compared.get();
        read(state, |ws| {
            let scenarios = ws
                .scenarios
                .iter()
                .filter(|s| ids.contains(s.id.as_str()))
                .collect::<Vec<_>>();
            (
                compare(ws, &scenarios, &AnalysisOptions { today: today() }),
                ws.methodology.clone(),
            )
        })
    });
    let methodology = Signal::derive(move || {
        comparison
            .with(|c| c.as_ref().map(|(_, m)| m.clone()))
            .unwrap_or_default()
    });
    let currency = move || methodology.with(|m| m.currency().to_owned());

    // Simulated losses of the same columns, on request (Monte Carlo in Web
    // Workers); dropped as soon as the ticked scenarios change.
    let simulated = RwSignal::new(None::<Vec<ScenarioReport>>);
    let simulating = RwSignal::new(None::<f64>);
    let simulation_error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        compared.track();
        simulated.set(None);
        simulation_error.set(None);
    });
    let simulate = move |_| {
        let ids = compared.get_untracked();
        let Some(portfolio) = read_untracked(state, |ws| {
            let scenarios = ws
                .scenarios
                .iter()
                .filter(|s| ids.contains(s.id.as_str()))
                .collect::<Vec<_>>();
            quant_portfolio(ws, &scenarios)
        }) else {
            return;
        };
        if portfolio.risks.is_empty() {
            simulation_error.set(Some(
                "No open risk has quantitative inputs: add them in the risk editor.".into(),
            ));
            return;
        }
        let settings = SimulationSettings {
            seed: COMPARISON_SEED,
            iterations: COMPARISON_YEARS,
            sampler: Sampler::Fast,
        };
        simulating.set(Some(0.0));
        simulation_error.set(None);
        spawn_local(async move {
            let result = simulation::run(
                &portfolio,
                settings,
                simulation::worker_count(),
                |_| {},
                move |share| simulating.set(Some(share)),
            )
            .await;
            simulating.set(None);
            match result {
                Ok(reports) if compared.get_untracked() == ids => simulated.set(Some(reports)),
                Ok(_) => {}
                Err(Stopped::Failed(message)) => simulation_error.set(Some(message)),
                Err(Stopped::Cancelled) => {}
            }
        });
    };
    let simulated_row =
        move |label: &'static str,
              key: &'static str,
              value: fn(&ScenarioReport) -> Option<String>| {
            move || {
                simulated.with(|reports| {
                    reports.as_ref().map(|reports| {
                    view! {
                        <tr class="simulated-row">
                            <th scope="row">{label}</th>
                            {reports.iter().enumerate().map(|(index, report)| view! {
                                <td class="number-cell" data-testid=format!("cmp-{key}-{index}")>
                                    {value(report).unwrap_or_else(|| "\u{2014}".into())}
                                </td>
                            }).collect_view()}
                        </tr>
                    }
                })
                })
            }
        };
    let row = move |label: &'static str,
                    key: &'static str,
                    value: fn(&engine::ScenarioSummary) -> String| {
        move || {
            comparison.with(|c| {
                c.as_ref().map(|(comparison, _)| {
                    view! {
                        <tr>
                            <th scope="row">{label}</th>
                            {comparison.columns.iter().enumerate().map(|(index, column)| view! {
                                <td class="number-cell" data-testid=format!("cmp-{key}-{index}")>{value(column)}</td>
                            }).collect_view()}
                        </tr>
                    }
                })
            })
        }
    };
    view! {
            <section class="card comparison" aria-labelledby="comparison-heading" data-testid="comparison">
                <h2 id="comparison-heading">"Side by side"</h2>
                <p class="muted small">"Today's workspace (the baseline) beside every ticked scenario. Tick scenarios in the list above."</p>
                <div class="table-scroll">
                    <table class="comparison-table">
                        <caption class="visually-hidden">"Scenario comparison"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Figure"</th>
                                {move || comparison.with(|c| c.as_ref().map(|(c, _)| c.columns.iter().enumerate().map(|(index, column)| view! {
                                    <th scope="col" data-testid=format!("cmp-name-{index}")>{column.name.clone()}</th>
                                }).collect_view()))}
                            </tr>
                        </thead>
                        <tbody>
                            {row("Risks above appetite now", "above-current", |c| c.current_above_appetite.to_string())}
                            {row("Above appetite once the plan is done", "above-planned", |c| c.planned_above_appetite.to_string())}
                            {row("Risks whose current level changes", "changed", |c| c.risks_changed.to_string())}
                            {move || comparison.with(|c| c.as_ref().map(|(comparison, m)| {
                                (0..m.levels().len()).filter_map(|i| m.risk_level(i)).map(|level| view! {
                                    <tr>
                                        <th scope="row">"Current: " <LevelBadge methodology=methodology level=level/></th>
                                        {comparison.columns.iter().enumerate().map(|(index, column)| view! {
                                            <td class="number-cell" data-testid=format!("cmp-level{}-{index}", level.index())>
                                                {column.distributions.current.counts.get(level.index()).copied().unwrap_or(0)}
                                            </td>
                                        }).collect_view()}
                                    </tr>
                                }).collect_view()
                            }))}
                            {row("Applicable controls", "applicable", |c| c.soa_applicable.to_string())}
                            {row("Implementation progress", "progress", |c| format!("{:.1} %", c.implementation_progress * 100.0))}
                            {row("Audit readiness", "readiness", |c| format!("{:.1} %", c.readiness))}
                            {row("Open actions, one-off cost", "one-off", |c| group_digits(c.cost.one_off))}
                            {row("Open actions, yearly cost", "yearly", |c| group_digits(c.cost.yearly))}
                            {row("Expected annual loss (point estimate)", "ale", |c| c.expected_annual_loss.map(|v| group_digits(v.round() as u64)).unwrap_or_else(|| "\u{2014}".into()))}
                            {simulated_row("Simulated ALE", "sim-ale", |r| Some(group_digits(r.expected_annual_loss.round().max(0.0) as u64)))}
                            {simulated_row("Simulated value at risk 95 %", "sim-var95", |r| Some(group_digits(r.value_at_risk_95.round().max(0.0) as u64)))}
                            {simulated_row("ROSI against the baseline", "sim-rosi", |r| r.return_on_investment.map(|x| format!("{:.0} %", x.rosi * 100.0)))}
                        </tbody>
                    </table>
                </div>
                <p class="muted small">{move || format!("Costs and losses in {}.", currency())}</p>
                <div class="simulate-comparison">
                    <button type="button" data-testid="simulate-comparison" disabled=move || simulating.get().is_some() on:click=simulate>
                        {format!("Add simulated losses ({} years, seed {})", group_digits(COMPARISON_YEARS), COMPARISON_SEED)}
                    </button>
                    <span role="status" aria-live="polite" data-testid="simulate-comparison-status">
                        {move || simulating.get().map(|share| format!("Simulating… {:.0} %", share * 100.0))}
                        {move || simulation_error.get()}
                        {move || simulated.with(|s| s.is_some()).then_some("Simulated rows added; the Quantitative page shows the curves and more figures.")}
                    </span>
                </div>
                <h3>"Current residual heat maps"</h3>
                <div class="heat-maps">
                    {move || comparison.with(|c| c.as_ref().map(|(comparison, m)| comparison.columns.iter().map(|column| {
                        let svg = charts::heat_map(m, &column.heat_maps.current, None);
                        let map = column.heat_maps.current.clone();
                        let name = column.name.clone();
                        view! {
                            <div class="heat-map-panel" data-testid="comparison-heat-map">
                                <h4>{name.clone()}</h4>
                                <Chart label=format!("Current residual heat map of {name}") svg=Signal::stored(svg)>
    <HeatMapTable title=format!("Risks per likelihood and impact in {name}") map=map/>
                                </Chart>
                            </div>
                        }
                    }).collect_view()))}
                </div>
            </section>
        }
}

/// Length and seed of the simulation added to a comparison: the same as
/// the Quantitative page's defaults, so the figures can be found again there.
const COMPARISON_YEARS: u64 = 50_000;
const COMPARISON_SEED: u64 = 20_240_601;

/// What the optimiser was asked.
#[derive(Debug, Clone, PartialEq)]
enum Goal {
    Appetite,
    Budget(u64),
}

/// The engine's optimiser over the open treatment actions.
#[component]
fn Optimiser(compared: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let budget = RwSignal::new(String::new());
    let budget_error = RwSignal::new(None::<String>);
    let answer = RwSignal::new(None::<(Goal, OptimiserResult, Vec<(String, String, u64)>)>);
    let run = move |goal: Goal| {
        let result = read_untracked(state, |ws| {
            let candidates = candidates_from_actions(ws);
            let result = match goal {
                Goal::Appetite => cheapest_within_appetite(ws, &candidates),
                Goal::Budget(limit) => best_within_budget(ws, &candidates, limit),
            };
            let chosen = result
                .chosen
                .iter()
                .filter_map(|id| candidates.iter().find(|c| &c.id == id))
                .map(|c| (c.id.clone(), c.title.clone(), c.cost))
                .collect::<Vec<_>>();
            (result, chosen)
        });
        if let Some((result, chosen)) = result {
            answer.set(Some((goal, result, chosen)));
        }
    };
    let run_budget = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match parse_money(&budget.get_untracked()) {
            Ok(limit) => {
                budget_error.set(None);
                run(Goal::Budget(limit));
            }
            Err(message) => budget_error.set(Some(message)),
        }
    };
    let save = move |_| {
        let Some((goal, result, _)) = answer.get_untracked() else {
            return;
        };
        let changes = read_untracked(state, |ws| {
            let candidates = candidates_from_actions(ws);
            let mut changes: Vec<Change> = Vec::new();
            for id in &result.chosen {
                if let Some(c) = candidates.iter().find(|c| &c.id == id) {
                    for change in &c.changes {
                        if !changes.contains(change) {
                            changes.push(change.clone());
                        }
                    }
                }
            }
            changes
        })
        .unwrap_or_default();
        let name = match goal {
            Goal::Appetite => "Optimiser: cheapest way to appetite".to_owned(),
            Goal::Budget(limit) => format!("Optimiser: best within {}", group_digits(limit)),
        };
        let name = read_untracked(state, |ws| unique_name(ws, &name)).unwrap_or(name);
        let id = add_scenario(state, name.clone(), changes);
        compared.update(|c| {
            c.insert(id);
        });
        state.notice.set(Some(format!(
            "Scenario \u{201c}{name}\u{201d} saved; it is ticked for comparison."
        )));
    };
    let currency =
        move || read(state, |ws| ws.methodology.currency().to_owned()).unwrap_or_default();
    view! {
        <section class="card" aria-labelledby="optimiser-heading" data-testid="optimiser">
            <h2 id="optimiser-heading">"Optimiser"</h2>
            <p class="muted small">"Chooses among the open treatment actions (each one's controls become implemented; its cost is one-off plus a year of running cost)."</p>
            <div class="optimiser-controls">
                <button type="button" class="primary" data-testid="optimise-appetite" on:click=move |_| run(Goal::Appetite)>
                    "Cheapest set that brings every risk within appetite"
                </button>
                <form class="inline-form" on:submit=run_budget novalidate>
                    <div class="form-field">
                        <label for="optimiser-budget">{move || format!("Budget ({})", currency())}</label>
                        <input
                            id="optimiser-budget"
                            data-testid="optimiser-budget"
                            inputmode="numeric"
                            aria-invalid=move || budget_error.get().is_some().to_string()
                            aria-describedby="optimiser-budget-error"
                            prop:value=move || budget.get()
                            on:input=move |event| budget.set(event_target_value(&event))
                        />
                        <p class="field-error" id="optimiser-budget-error" role="alert">{move || budget_error.get()}</p>
                    </div>
                    <button type="submit" data-testid="optimise-budget">"Largest reduction within the budget"</button>
                </form>
            </div>
            {move || answer.get().map(|(goal, result, chosen)| view! {
                <div class="optimiser-answer" data-testid="optimiser-answer" role="status">
                    <p data-testid="optimiser-summary">
                        {format!(
                            "{} {} chosen, first-year cost {} {}; risks above appetite {} \u{2192} {}.",
                            chosen.len(),
                            if chosen.len() == 1 { "action" } else { "actions" },
                            group_digits(result.cost),
                            currency(),
                            result.above_appetite_before,
                            result.above_appetite_after,
                        )}
                        {match goal {
                            Goal::Appetite if !result.reached => format!(" Even all open actions leave {} risks above appetite.", result.unreachable_risks.len()),
                            _ => String::new(),
                        }}
                        {(!result.exact).then_some(" (Found by the greedy search: many candidates.)")}
                    </p>
                    <ul>
                        {chosen.into_iter().map(|(id, title, cost)| view! {
                            <li data-testid="optimiser-choice">{format!("{id} {title} ({})", group_digits(cost))}</li>
                        }).collect_view()}
                    </ul>
                    <button type="button" data-testid="optimiser-save" on:click=save>"Save as a scenario"</button>
                </div>
            })}
        </section>
    }
}

/// `name`, or `name (2)`, `name (3)`… whichever no scenario has yet.
fn unique_name(ws: &Workspace, name: &str) -> String {
    let taken = |n: &str| ws.scenarios.iter().any(|s| s.name == n);
    if !taken(name) {
        return name.to_owned();
    }
    (2..)
        .map(|i| format!("{name} ({i})"))
        .find(|n| !taken(n))
        .expect("some number is free")
}
