//! Adding scenarios and editing their changes.

use super::bulk::{BulkLink, ControlPicker};
use crate::components::TreatmentFields;
use crate::components::{choice, Choice, FieldErrors, NumberField, SelectField, TextField};
use crate::state::AppState;
use crate::ui::labels::decision;
use crate::ui::workbench::{applicability, implementation, read, read_untracked};
use engine::{
    Applicability, Change, ControlId, ImplementationStatus, Percent, RiskId, ScenarioId,
    TreatmentDecision, Workspace,
};
use leptos::prelude::*;

/// Adds a scenario to the open workspace and returns its id.
pub(super) fn add_scenario(state: AppState, name: String, changes: Vec<Change>) -> String {
    let added = std::rc::Rc::new(std::cell::RefCell::new(String::new()));
    let id = added.clone();
    state.edit(move |ws| *id.borrow_mut() = ws.add_scenario(&name, changes).to_string());
    added.take()
}

/// A change in words, such as "A.8.5 Secure authentication: implemented".
pub(super) fn describe(ws: &Workspace, change: &Change) -> String {
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
pub(super) enum Kind {
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

    pub(super) fn key(self) -> &'static str {
        match self {
            Kind::Status => "status",
            Kind::Effectiveness => "effectiveness",
            Kind::Link => "link",
            Kind::Unlink => "unlink",
            Kind::Treatment => "treatment",
            Kind::Applicability => "applicability",
        }
    }

    pub(super) fn label(self) -> &'static str {
        match self {
            Kind::Status => "Set a control's implementation status",
            Kind::Effectiveness => "Set a control's effectiveness",
            Kind::Link => "Link a control to a risk",
            Kind::Unlink => "Remove a control from a risk",
            Kind::Treatment => "Decide a risk's treatment",
            Kind::Applicability => "Include or exclude a control",
        }
    }

    fn from_key(key: &str) -> Option<Self> {
        Kind::ALL.into_iter().find(|k| k.key() == key)
    }

    pub(super) fn needs_risk(self) -> bool {
        matches!(self, Kind::Link | Kind::Unlink | Kind::Treatment)
    }

    pub(super) fn needs_control(self) -> bool {
        !matches!(self, Kind::Treatment)
    }
}

impl Choice for Kind {
    fn all() -> Vec<Self> {
        Kind::ALL.to_vec()
    }
    fn key(self) -> &'static str {
        Kind::key(self)
    }
    fn from_key(key: &str) -> Option<Self> {
        Kind::from_key(key)
    }
    fn label(self) -> &'static str {
        Kind::label(self)
    }
}

/// The change being composed, as typed.
#[derive(Clone, Copy)]
pub(super) struct ChangeDraft {
    pub(super) kind: RwSignal<Kind>,
    pub(super) control: RwSignal<String>,
    pub(super) risk: RwSignal<String>,
    pub(super) status: RwSignal<ImplementationStatus>,
    pub(super) effectiveness: RwSignal<String>,
    pub(super) decision: RwSignal<TreatmentDecision>,
    pub(super) share: RwSignal<String>,
    pub(super) applicability: RwSignal<Applicability>,
}

impl ChangeDraft {
    pub(super) fn new() -> Self {
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
    pub(super) fn build(&self, ws: &Workspace) -> Result<Change, FieldErrors> {
        let kind = self.kind.get_untracked();
        let control = if kind.needs_control() {
            let typed = self.control.get_untracked();
            match super::bulk::resolve_control(ws, &typed) {
                Some(id) => Some(id),
                None => {
                    return Err(FieldErrors::one(
                        "control",
                        format!(
                            "There is no control \u{201c}{typed}\u{201d}; type its id, words of its title or a word such as MFA, or pick one from the list."
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
                    return Err(FieldErrors::one(
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
                .ok_or_else(|| FieldErrors::one(field, "Enter a whole number from 0 to 100."))
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
pub(super) fn ScenarioEditor(id: String, on_close: impl Fn() + Clone + 'static) -> impl IntoView {
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
            let risks = ws
                .risks
                .iter()
                .map(|r| format!("{} {}", r.id, r.title))
                .collect::<Vec<_>>();
            risks
        })
        .unwrap_or_default()
    });
    let draft = ChangeDraft::new();
    let errors = RwSignal::new(FieldErrors::default());
    let add = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(result) = read_untracked(state, |ws| draft.build(ws)) else {
            return;
        };
        match result {
            Err(problems) => errors.set(problems),
            Ok(change) => {
                errors.set(FieldErrors::default());
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
                    <SelectField id="change-kind" label="Kind of change" testid="change-kind" wide=true
                        bind=choice(draft.kind).and_then(move || errors.set(FieldErrors::default()))/>
                    {move || draft.kind.get().needs_risk().then(|| view! {
                        <TextField id="change-risk" label="Risk" value=draft.risk wide=true
                            list="change-risk-options" testid="change-risk"
                            placeholder="Type a risk id or pick one"
                            error=FieldErrors::of(errors, "risk")/>
                        <datalist id="change-risk-options">
                            {move || options.with(|risks| risks.iter().map(|r| view! { <option value=r.clone()></option> }).collect_view())}
                        </datalist>
                    })}
                    {move || draft.kind.get().needs_control().then(|| view! {
                        <ControlPicker id="change-control" value=draft.control autofocus=true
                            error=FieldErrors::of(errors, "control")/>
                    })}
                    {move || match draft.kind.get() {
                        Kind::Status => view! {
                            <SelectField id="change-status" label="Status" testid="change-status"
                                bind=choice(draft.status)/>
                        }.into_any(),
                        Kind::Effectiveness => view! {
                            <NumberField id="change-effectiveness" label="Effectiveness (%)"
                                value=draft.effectiveness testid="change-effectiveness"
                                min="0" max="100" step="1"
                                error=FieldErrors::of(errors, "effectiveness")/>
                        }.into_any(),
                        Kind::Treatment => view! {
                            <TreatmentFields
                                prefix="change"
                                decision_value=draft.decision
                                share=draft.share
                                share_error=FieldErrors::of(errors, "share")
                            />
                        }.into_any(),
                        Kind::Applicability => view! {
                            <SelectField id="change-applicability" label="Applicability"
                                bind=choice(draft.applicability)/>
                        }.into_any(),
                        Kind::Link | Kind::Unlink => ().into_any(),
                    }}
                </div>
                <div class="form-actions">
                    <button type="submit" class="primary" data-testid="add-change">"Add change"</button>
                    <button type="button" on:click=move |_| close()>"Close"</button>
                </div>
            </form>
            <BulkLink scenario=scenario_id/>
        </section>
    }
}
