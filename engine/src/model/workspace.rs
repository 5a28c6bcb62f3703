//! The workspace: one organisation's ISMS, the unit that is stored, exported
//! and analysed.

use super::attributes::Percent;
use super::entities::{
    Action, Applicability, Asset, Control, ImplementationStatus, Person, Risk, SoaEntry, Threat,
    TreatmentDecision, Vulnerability,
};
use super::ids::{ActionId, ControlId, RiskId, ScenarioId, WorkspaceId};
use crate::cycle::{
    Audit, ClauseAssessment, Document, Incident, ManagementReview, Nonconformity, Objective,
};
use crate::methodology::Methodology;
use serde::{Deserialize, Serialize};

/// One organisation's ISMS: its methodology and registers.
///
/// This is the persisted and exported shape (inside the envelope of
/// [`crate::export_json`]); field names are snake_case and every object has a
/// stable string id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    /// The workspace's id, a generated string that stays the same across renames and exports.
    pub id: WorkspaceId,
    /// The organisation or ISMS name shown in the workspace list.
    pub name: String,
    /// The ISMS scope statement (clause 4.3).
    #[serde(default)]
    pub scope: String,
    /// The risk criteria every rating in this workspace uses.
    pub methodology: Methodology,
    /// People and roles who can own risks, controls and actions.
    #[serde(default)]
    pub people: Vec<Person>,
    /// The asset register.
    #[serde(default)]
    pub assets: Vec<Asset>,
    /// The threat catalogue: the starter threats plus the organisation's own.
    #[serde(default)]
    pub threats: Vec<Threat>,
    /// The vulnerability catalogue: the starter entries plus the organisation's own.
    #[serde(default)]
    pub vulnerabilities: Vec<Vulnerability>,
    /// The risk register.
    #[serde(default)]
    pub risks: Vec<Risk>,
    /// The 93 Annex A controls plus custom controls.
    #[serde(default)]
    pub controls: Vec<Control>,
    /// The Statement of Applicability: at most one entry per control.
    #[serde(default)]
    pub soa: Vec<SoaEntry>,
    /// The risk treatment plan.
    #[serde(default)]
    pub actions: Vec<Action>,
    /// Saved what-if scenarios.
    #[serde(default)]
    pub scenarios: Vec<Scenario>,
    /// The assessment of each clause of [`crate::clause_catalogue`] that
    /// has one (clauses 4 to 10 gap analysis).
    #[serde(default)]
    pub clauses: Vec<ClauseAssessment>,
    /// The document register (clauses 5.2, 7.5).
    #[serde(default)]
    pub documents: Vec<Document>,
    /// Security objectives with their measurements (clauses 6.2, 9.1).
    #[serde(default)]
    pub objectives: Vec<Objective>,
    /// The internal audit programme with findings (clause 9.2).
    #[serde(default)]
    pub audits: Vec<Audit>,
    /// Nonconformities and corrective actions (clause 10.2).
    #[serde(default)]
    pub nonconformities: Vec<Nonconformity>,
    /// The incident register (Annex A 5.24 to 5.28).
    #[serde(default)]
    pub incidents: Vec<Incident>,
    /// Management review records (clause 9.3).
    #[serde(default)]
    pub management_reviews: Vec<ManagementReview>,
}

impl Workspace {
    /// A new workspace with the default methodology, the 93 Annex A controls
    /// (not started, SoA undecided) and the starter threat and vulnerability
    /// catalogues.
    pub fn new(id: WorkspaceId, name: impl Into<String>) -> Self {
        let controls = crate::catalogue::annex_a_controls();
        let soa = controls
            .iter()
            .map(|c| SoaEntry::undecided(c.id.clone()))
            .collect();
        Workspace {
            id,
            name: name.into(),
            scope: String::new(),
            methodology: Methodology::default(),
            people: Vec::new(),
            assets: Vec::new(),
            threats: crate::catalogue::starter_threats(),
            vulnerabilities: crate::catalogue::starter_vulnerabilities(),
            risks: Vec::new(),
            controls,
            soa,
            actions: Vec::new(),
            scenarios: Vec::new(),
            clauses: Vec::new(),
            documents: Vec::new(),
            objectives: Vec::new(),
            audits: Vec::new(),
            nonconformities: Vec::new(),
            incidents: Vec::new(),
            management_reviews: Vec::new(),
        }
    }

    /// The control with this id, such as `A.5.15`, if there is one.
    pub fn control(&self, id: &ControlId) -> Option<&Control> {
        self.controls.iter().find(|c| &c.id == id)
    }

    /// The risk with this id, such as `R-0042`, if there is one.
    pub fn risk(&self, id: &RiskId) -> Option<&Risk> {
        self.risks.iter().find(|r| &r.id == id)
    }

    /// Drops the risks and controls `action` names that do not exist, so a
    /// stored action never links to nothing.
    pub(crate) fn drop_unknown_links(&self, action: &mut Action) {
        action
            .risks
            .retain(|r| self.risks.iter().any(|x| &x.id == r));
        action
            .controls
            .retain(|c| self.controls.iter().any(|x| &x.id == c));
    }

    /// Deletes risk `id` and every reference to it, so the workspace stays
    /// valid: actions forget it (and keep their other risks), scenario
    /// changes that only make sense for it are dropped. `None` when there is
    /// no such risk.
    pub fn remove_risk(&mut self, id: &RiskId) -> Option<RiskRemoval> {
        let position = self.risks.iter().position(|r| &r.id == id)?;
        self.risks.remove(position);
        let mut removal = RiskRemoval::default();
        let forget = |risks: &mut Vec<RiskId>| {
            let before = risks.len();
            risks.retain(|r| r != id);
            before != risks.len()
        };
        for action in &mut self.actions {
            if forget(&mut action.risks) {
                removal.actions_unlinked += 1;
            }
        }
        for incident in &mut self.incidents {
            if forget(&mut incident.risks) {
                removal.incidents_unlinked += 1;
            }
        }
        for scenario in &mut self.scenarios {
            let before = scenario.changes.len();
            scenario.changes.retain(|change| change.risk() != Some(id));
            removal.scenario_changes_dropped += before - scenario.changes.len();
            for change in &mut scenario.changes {
                if let Change::AddAction { action } = change {
                    if forget(&mut action.risks) {
                        removal.actions_unlinked += 1;
                    }
                }
            }
        }
        Some(removal)
    }

    /// Makes `changes` (a scenario's) part of the workspace, in order, so
    /// that analysing the result gives what evaluating the scenario gave.
    /// Changes naming a control or risk that does not exist are skipped; an
    /// added action whose id is taken gets the next free `ACT-` number.
    /// Returns how many changes were applied.
    pub fn apply_changes(&mut self, changes: &[Change]) -> usize {
        let mut applied = 0;
        for change in changes {
            let done = match change {
                Change::ControlStatus { control, status } => self
                    .controls
                    .iter_mut()
                    .find(|c| &c.id == control)
                    .map(|c| c.status = *status)
                    .is_some(),
                Change::ControlEffectiveness {
                    control,
                    effectiveness,
                } => self
                    .controls
                    .iter_mut()
                    .find(|c| &c.id == control)
                    .map(|c| c.effectiveness = *effectiveness)
                    .is_some(),
                Change::LinkControl { risk, control } => {
                    let known = self.controls.iter().any(|c| &c.id == control);
                    match self.risks.iter_mut().find(|r| &r.id == risk) {
                        Some(r) if known => {
                            if !r.controls.contains(control) {
                                r.controls.push(control.clone());
                            }
                            true
                        }
                        _ => false,
                    }
                }
                Change::UnlinkControl { risk, control } => self
                    .risks
                    .iter_mut()
                    .find(|r| &r.id == risk)
                    .map(|r| r.controls.retain(|c| c != control))
                    .is_some(),
                Change::Treatment {
                    risk,
                    decision,
                    transferred_share,
                } => self
                    .risks
                    .iter_mut()
                    .find(|r| &r.id == risk)
                    .map(|r| {
                        r.treatment.decision = *decision;
                        r.treatment.transferred_share = *transferred_share;
                    })
                    .is_some(),
                Change::Applicability {
                    control,
                    applicability,
                } => {
                    if !self.controls.iter().any(|c| &c.id == control) {
                        false
                    } else {
                        match self.soa.iter_mut().find(|e| &e.control == control) {
                            Some(entry) => entry.applicability = *applicability,
                            None => {
                                let mut entry = SoaEntry::undecided(control.clone());
                                entry.applicability = *applicability;
                                self.soa.push(entry);
                            }
                        }
                        true
                    }
                }
                Change::AddAction { action } => {
                    let mut action = action.clone();
                    if self.actions.iter().any(|a| a.id == action.id) {
                        let next = crate::model::next_free_number(
                            "ACT",
                            self.actions.iter().map(|a| a.id.as_str()),
                        );
                        action.id = ActionId::try_new(crate::model::numbered_id("ACT", next))
                            .expect("numbered ids are valid");
                    }
                    self.drop_unknown_links(&mut action);
                    self.actions.push(action);
                    true
                }
            };
            applied += usize::from(done);
        }
        applied
    }

    /// The scenario whose id (such as `S-0001`) or, failing that, whose name matches.
    pub fn scenario(&self, id_or_name: &str) -> Option<&Scenario> {
        self.scenarios
            .iter()
            .find(|s| s.id.as_str() == id_or_name)
            .or_else(|| self.scenarios.iter().find(|s| s.name == id_or_name))
    }
}

/// What else changed when a risk was deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RiskRemoval {
    /// Actions (in the plan or in scenarios) that no longer name the risk.
    pub actions_unlinked: usize,
    /// Scenario changes dropped because they only concerned the risk.
    pub scenario_changes_dropped: usize,
    /// Incidents that no longer name the risk.
    pub incidents_unlinked: usize,
}

/// A named what-if: changes applied on top of the workspace, never to it
/// (PRODUCT.md 3.3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// The scenario's id, such as `S-0001`.
    pub id: ScenarioId,
    /// Name shown when choosing and comparing scenarios.
    pub name: String,
    /// Free text: what the scenario explores.
    #[serde(default)]
    pub description: String,
    /// The changes, applied in order on top of the workspace.
    #[serde(default)]
    pub changes: Vec<Change>,
}

/// One change of a scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// Set a control's implementation status.
    ControlStatus {
        /// The control to change, such as `A.8.7`.
        control: ControlId,
        /// The status to assume.
        status: ImplementationStatus,
    },
    /// Set a control's effectiveness.
    ControlEffectiveness {
        /// The control to change, such as `A.8.7`.
        control: ControlId,
        /// The effectiveness to assume, 0 to 100 %.
        effectiveness: Percent,
    },
    /// Link a control to a risk.
    LinkControl {
        /// The risk to link to, such as `R-0042`.
        risk: RiskId,
        /// The control to link, such as `A.8.7`.
        control: ControlId,
    },
    /// Remove a control from a risk.
    UnlinkControl {
        /// The risk to unlink from, such as `R-0042`.
        risk: RiskId,
        /// The control to unlink, such as `A.8.7`.
        control: ControlId,
    },
    /// Set a risk's treatment decision (and transferred share for transfer).
    Treatment {
        /// The risk to change, such as `R-0042`.
        risk: RiskId,
        /// The treatment option to assume.
        decision: TreatmentDecision,
        /// For transfer: the share of the impact carried by the third party, in whole percent.
        #[serde(default = "zero")]
        transferred_share: Percent,
    },
    /// Set a control's SoA applicability.
    Applicability {
        /// The control to change, such as `A.8.7`.
        control: ControlId,
        /// The applicability to assume.
        applicability: Applicability,
    },
    /// Add a treatment action (its controls count as implemented in the
    /// planned residual, its cost counts in the scenario's cost).
    AddAction {
        /// The action to add, with its own id, cost and status.
        action: Action,
    },
}

impl Change {
    /// The one risk this change is about, for the changes that concern a
    /// single risk (linking, unlinking, treatment).
    pub fn risk(&self) -> Option<&RiskId> {
        match self {
            Change::LinkControl { risk, .. }
            | Change::UnlinkControl { risk, .. }
            | Change::Treatment { risk, .. } => Some(risk),
            _ => None,
        }
    }
}

fn zero() -> Percent {
    Percent::ZERO
}
