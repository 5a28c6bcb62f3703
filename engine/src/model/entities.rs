//! The registers of a workspace (PRODUCT.md section 2): people, assets,
//! threats, vulnerabilities, risks, controls, SoA entries and treatment
//! actions. Each object carries a stable id; references between objects are
//! by id and are checked on import ([`crate::import_json`]) and by the
//! consistency checks.

use super::attributes::{ConceptSet, ControlTypeSet, Estimate, Money, Percent, PropertySet};
use super::date::Date;
use super::ids::{ActionId, AssetId, ControlId, PersonId, RiskId, ThreatId, VulnerabilityId};
use super::key_table;
use crate::methodology::{Impact, Likelihood};
use serde::{Deserialize, Serialize};

/// A person or role: risk owners, control owners, action owners.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    /// Role in the ISMS, e.g. "CISO", "IT operations lead".
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub email: String,
    /// Department or team, e.g. "IT operations".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub department: String,
}

/// The kind of an asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssetKind {
    Information,
    Software,
    Hardware,
    Service,
    People,
    Site,
    Supplier,
}

key_table!(AssetKind {
    Information => "information",
    Software => "software",
    Hardware => "hardware",
    Service => "service",
    People => "people",
    Site => "site",
    Supplier => "supplier",
});

/// How much harm losing each security property of an asset would do, on the
/// methodology's impact scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Valuation {
    pub confidentiality: Impact,
    pub integrity: Impact,
    pub availability: Impact,
}

impl Valuation {
    /// The valuation of one property.
    pub fn of(&self, property: super::attributes::Property) -> Impact {
        use super::attributes::Property;
        match property {
            Property::Confidentiality => self.confidentiality,
            Property::Integrity => self.integrity,
            Property::Availability => self.availability,
        }
    }
}

/// Something of value to the organisation that risks can harm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Asset {
    pub id: AssetId,
    pub name: String,
    pub kind: AssetKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<PersonId>,
    #[serde(default)]
    pub description: String,
    pub valuation: Valuation,
    /// Classification label, e.g. "Internal", "Confidential".
    #[serde(default)]
    pub classification: String,
}

/// A potential cause of an unwanted incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Threat {
    pub id: ThreatId,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Broad family, e.g. "human deliberate", "environmental".
    #[serde(default)]
    pub category: String,
    /// The security properties the threat harms.
    pub harms: PropertySet,
}

/// A weakness a threat can exploit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Vulnerability {
    pub id: VulnerabilityId,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

/// What the organisation decided to do about a risk (ISO/IEC 27005 risk
/// treatment options).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TreatmentDecision {
    /// No decision yet.
    #[default]
    Undecided,
    /// Reduce the risk with controls.
    Mitigate,
    /// Retain the risk as it is (needs an acceptance record above appetite).
    Accept,
    /// Stop the activity that gives rise to the risk.
    Avoid,
    /// Share the risk with a third party (insurance, outsourcing).
    Transfer,
}

key_table!(TreatmentDecision {
    Undecided => "undecided",
    Mitigate => "mitigate",
    Accept => "accept",
    Avoid => "avoid",
    Transfer => "transfer",
});

/// The treatment decision with its rationale.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Treatment {
    #[serde(default)]
    pub decision: TreatmentDecision,
    #[serde(default)]
    pub rationale: String,
    /// For [`TreatmentDecision::Transfer`]: the share of the impact carried by
    /// the third party.
    #[serde(default = "zero_percent", skip_serializing_if = "is_zero_percent")]
    pub transferred_share: Percent,
}

fn zero_percent() -> Percent {
    Percent::ZERO
}

fn is_zero_percent(p: &Percent) -> bool {
    *p == Percent::ZERO
}

/// A residual rating set by hand, which wins over the computed one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResidualOverride {
    pub likelihood: Likelihood,
    pub impact: Impact,
    pub justification: String,
}

/// Who accepted a risk, when, and until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acceptance {
    pub accepted_by: PersonId,
    pub date: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<Date>,
}

/// Life-cycle state of a risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskStatus {
    /// Identified, not yet assessed and treated.
    #[default]
    Open,
    /// Treatment under way.
    InTreatment,
    /// Treated or accepted and monitored.
    Monitored,
    /// No longer relevant; excluded from analysis totals.
    Closed,
}

key_table!(RiskStatus {
    Open => "open",
    InTreatment => "in_treatment",
    Monitored => "monitored",
    Closed => "closed",
});

/// Optional quantitative inputs (PRODUCT.md 3.4): threat event frequency
/// (events per year), vulnerability (probability in `[0, 1]` that an event
/// becomes a loss) and loss magnitude (currency per loss event).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct QuantitativeInputs {
    pub threat_event_frequency: Estimate,
    pub vulnerability: Estimate,
    pub loss_magnitude: Estimate,
}

/// A risk scenario with its assessment and treatment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Risk {
    pub id: RiskId,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub assets: Vec<AssetId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threat: Option<ThreatId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vulnerability: Option<VulnerabilityId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<PersonId>,
    /// The security properties the scenario harms.
    pub properties: PropertySet,
    /// Inherent likelihood, before any control.
    pub likelihood: Likelihood,
    /// Inherent impact; when absent it is the highest valuation of the
    /// affected properties over the risk's assets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<Impact>,
    #[serde(default)]
    pub treatment: Treatment,
    /// Controls that mitigate this risk.
    #[serde(default)]
    pub controls: Vec<ControlId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residual_override: Option<ResidualOverride>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acceptance: Option<Acceptance>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_date: Option<Date>,
    #[serde(default)]
    pub status: RiskStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantitative: Option<QuantitativeInputs>,
}

impl Risk {
    /// A risk with only an id and a likelihood: no title, assets, controls
    /// or treatment decision yet, open. Forms and imports fill in the rest.
    pub fn blank(id: RiskId, likelihood: Likelihood) -> Self {
        Risk {
            id,
            title: String::new(),
            description: String::new(),
            assets: Vec::new(),
            threat: None,
            vulnerability: None,
            owner: None,
            properties: PropertySet::EMPTY,
            likelihood,
            impact: None,
            treatment: Treatment::default(),
            controls: Vec::new(),
            residual_override: None,
            acceptance: None,
            review_date: None,
            status: RiskStatus::Open,
            quantitative: None,
        }
    }
}

/// Where a control comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ControlSource {
    /// ISO/IEC 27001:2022 Annex A.
    AnnexA2022,
    /// Added by the organisation.
    Custom,
}

key_table!(ControlSource {
    AnnexA2022 => "annex_a2022",
    Custom => "custom",
});

/// The Annex A theme of a control (clause 5 to 8), or custom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    Organizational,
    People,
    Physical,
    Technological,
    Custom,
}

key_table!(Theme {
    Organizational => "organizational",
    People => "people",
    Physical => "physical",
    Technological => "technological",
    Custom => "custom",
});

/// How far a control has been put in place.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ImplementationStatus {
    #[default]
    NotStarted,
    Planned,
    Partial,
    Implemented,
}

key_table!(ImplementationStatus {
    NotStarted => "not_started",
    Planned => "planned",
    Partial => "partial",
    Implemented => "implemented",
});

/// A security control: built-in Annex A or custom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Control {
    pub id: ControlId,
    pub title: String,
    pub source: ControlSource,
    pub theme: Theme,
    #[serde(default)]
    pub description: String,
    /// Control types; the residual formula takes the largest weight of them
    /// on each axis.
    pub types: ControlTypeSet,
    pub properties: PropertySet,
    pub concepts: ConceptSet,
    /// How much of a risk the control removes when fully implemented.
    pub effectiveness: Percent,
    #[serde(default)]
    pub status: ImplementationStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<PersonId>,
}

/// Whether a control is in the Statement of Applicability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Applicability {
    #[default]
    Undecided,
    Applicable,
    Excluded,
}

key_table!(Applicability {
    Undecided => "undecided",
    Applicable => "applicable",
    Excluded => "excluded",
});

/// Why a control is included in the SoA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InclusionReason {
    RiskTreatment,
    LegalOrRegulatory,
    Contractual,
    BusinessRequirement,
    BestPractice,
}

key_table!(InclusionReason {
    RiskTreatment => "risk_treatment",
    LegalOrRegulatory => "legal_or_regulatory",
    Contractual => "contractual",
    BusinessRequirement => "business_requirement",
    BestPractice => "best_practice",
});

/// The SoA decision for one control.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SoaEntry {
    pub control: ControlId,
    #[serde(default)]
    pub applicability: Applicability,
    #[serde(default)]
    pub reasons: Vec<InclusionReason>,
    /// Required when the control is excluded.
    #[serde(default)]
    pub exclusion_justification: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<PersonId>,
    #[serde(default)]
    pub evidence: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_date: Option<Date>,
}

impl SoaEntry {
    /// An undecided entry for `control`.
    pub fn undecided(control: ControlId) -> Self {
        SoaEntry {
            control,
            applicability: Applicability::Undecided,
            reasons: Vec::new(),
            exclusion_justification: String::new(),
            owner: None,
            evidence: String::new(),
            target_date: None,
        }
    }
}

/// Progress of a treatment action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    #[default]
    Planned,
    InProgress,
    Done,
    Cancelled,
}

key_table!(ActionStatus {
    Planned => "planned",
    InProgress => "in_progress",
    Done => "done",
    Cancelled => "cancelled",
});

impl ActionStatus {
    /// Still to be done (neither done nor cancelled).
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Planned | ActionStatus::InProgress)
    }
}

/// Cost of an action in whole currency units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Cost {
    #[serde(default)]
    pub one_off: Money,
    #[serde(default)]
    pub yearly: Money,
}

impl Cost {
    /// One-off cost plus one year of running cost, the figure the optimiser
    /// minimises.
    pub fn first_year(&self) -> Money {
        self.one_off.saturating_add(self.yearly)
    }
}

/// A step of the risk treatment plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub id: ActionId,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub risks: Vec<RiskId>,
    /// Controls this action implements; in the planned residual they count as
    /// implemented while the action is open.
    #[serde(default)]
    pub controls: Vec<ControlId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<PersonId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    #[serde(default)]
    pub cost: Cost,
    #[serde(default)]
    pub status: ActionStatus,
}
