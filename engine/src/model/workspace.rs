//! The workspace: one organisation's ISMS, the unit that is stored, exported
//! and analysed.

use super::attributes::Percent;
use super::entities::{
    Action, Applicability, Asset, Control, ImplementationStatus, Person, Risk, SoaEntry, Threat,
    TreatmentDecision, Vulnerability,
};
use super::ids::{ControlId, RiskId, ScenarioId, WorkspaceId};
use crate::methodology::Methodology;
use serde::{Deserialize, Serialize};

/// One organisation's ISMS: its methodology and registers.
///
/// This is the persisted and exported shape (inside the envelope of
/// [`crate::export_json`]); field names are snake_case and every object has a
/// stable string id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    pub id: WorkspaceId,
    pub name: String,
    /// The ISMS scope statement (clause 4.3).
    #[serde(default)]
    pub scope: String,
    pub methodology: Methodology,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub assets: Vec<Asset>,
    #[serde(default)]
    pub threats: Vec<Threat>,
    #[serde(default)]
    pub vulnerabilities: Vec<Vulnerability>,
    #[serde(default)]
    pub risks: Vec<Risk>,
    #[serde(default)]
    pub controls: Vec<Control>,
    #[serde(default)]
    pub soa: Vec<SoaEntry>,
    #[serde(default)]
    pub actions: Vec<Action>,
    #[serde(default)]
    pub scenarios: Vec<Scenario>,
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
        }
    }

    pub fn control(&self, id: &ControlId) -> Option<&Control> {
        self.controls.iter().find(|c| &c.id == id)
    }

    pub fn risk(&self, id: &RiskId) -> Option<&Risk> {
        self.risks.iter().find(|r| &r.id == id)
    }

    pub fn scenario(&self, id_or_name: &str) -> Option<&Scenario> {
        self.scenarios
            .iter()
            .find(|s| s.id.as_str() == id_or_name)
            .or_else(|| self.scenarios.iter().find(|s| s.name == id_or_name))
    }
}

/// A named what-if: changes applied on top of the workspace, never to it
/// (PRODUCT.md 3.3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub id: ScenarioId,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub changes: Vec<Change>,
}

/// One change of a scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// Set a control's implementation status.
    ControlStatus {
        control: ControlId,
        status: ImplementationStatus,
    },
    /// Set a control's effectiveness.
    ControlEffectiveness {
        control: ControlId,
        effectiveness: Percent,
    },
    /// Link a control to a risk.
    LinkControl { risk: RiskId, control: ControlId },
    /// Remove a control from a risk.
    UnlinkControl { risk: RiskId, control: ControlId },
    /// Set a risk's treatment decision (and transferred share for transfer).
    Treatment {
        risk: RiskId,
        decision: TreatmentDecision,
        #[serde(default = "zero")]
        transferred_share: Percent,
    },
    /// Set a control's SoA applicability.
    Applicability {
        control: ControlId,
        applicability: Applicability,
    },
    /// Add a treatment action (its controls count as implemented in the
    /// planned residual, its cost counts in the scenario's cost).
    AddAction { action: Action },
}

fn zero() -> Percent {
    Percent::ZERO
}
