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
    /// The person's id, such as `P-0003`.
    pub id: PersonId,
    /// Full name as shown in owner lists and reports.
    pub name: String,
    /// Role in the ISMS, e.g. "CISO", "IT operations lead".
    #[serde(default)]
    pub role: String,
    /// Contact address; may be empty.
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
    /// Data or documents, in any form.
    Information,
    /// Applications and system software.
    Software,
    /// Devices, servers, network equipment.
    Hardware,
    /// A service the organisation runs or relies on, such as email or payroll.
    Service,
    /// Staff and their knowledge.
    People,
    /// Premises: offices, data centres.
    Site,
    /// An external party the organisation depends on.
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
    /// Harm if the asset is disclosed to the wrong people.
    pub confidentiality: Impact,
    /// Harm if the asset is altered or corrupted.
    pub integrity: Impact,
    /// Harm if the asset is unavailable when needed.
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
    /// The asset's id, such as `A-0012`.
    pub id: AssetId,
    /// Short name shown in the asset register.
    pub name: String,
    /// What sort of asset this is.
    pub kind: AssetKind,
    /// The asset owner (ISO/IEC 27001 A.5.9); `None` is flagged by the consistency checks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<PersonId>,
    /// Free text describing the asset.
    #[serde(default)]
    pub description: String,
    /// Value per security property on the impact scale; a risk's default impact is the highest of these over its affected properties.
    pub valuation: Valuation,
    /// Classification label, e.g. "Internal", "Confidential".
    #[serde(default)]
    pub classification: String,
}

/// A potential cause of an unwanted incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Threat {
    /// The threat's id, such as `T-07`.
    pub id: ThreatId,
    /// Short name shown in the catalogue.
    pub name: String,
    /// Free text describing the threat.
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
    /// The vulnerability's id, such as `V-04`.
    pub id: VulnerabilityId,
    /// Short name shown in the catalogue.
    pub name: String,
    /// Free text describing the weakness.
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
    /// The chosen treatment option.
    #[serde(default)]
    pub decision: TreatmentDecision,
    /// Why this option was chosen; auditors expect one for every decision.
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
    /// Residual likelihood on the methodology's scale, 1 = lowest.
    pub likelihood: Likelihood,
    /// Residual impact on the methodology's scale, 1 = lowest.
    pub impact: Impact,
    /// Why the computed residual does not apply; shown wherever the override is reported.
    pub justification: String,
}

/// Who accepted a risk, when, and until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acceptance {
    /// The person who accepted the risk, usually the risk owner.
    pub accepted_by: PersonId,
    /// The day the risk was accepted.
    pub date: Date,
    /// The last day the acceptance holds; from the next day it counts as expired. `None`: no expiry.
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
    /// Threat event frequency: loss events attempted per year (low, most likely, high).
    pub threat_event_frequency: Estimate,
    /// Vulnerability: probability in `[0, 1]` that a threat event becomes a loss (low, most likely, high).
    pub vulnerability: Estimate,
    /// Loss magnitude: currency units lost per loss event (low, most likely, high).
    pub loss_magnitude: Estimate,
}

/// A risk scenario with its assessment and treatment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Risk {
    /// The risk's id, such as `R-0042`.
    pub id: RiskId,
    /// Short statement of the scenario, shown in the register.
    pub title: String,
    /// Free text describing the scenario.
    #[serde(default)]
    pub description: String,
    /// Assets the scenario affects; their valuations give the default impact.
    #[serde(default)]
    pub assets: Vec<AssetId>,
    /// The threat from the catalogue, if one applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threat: Option<ThreatId>,
    /// The vulnerability from the catalogue, if one applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vulnerability: Option<VulnerabilityId>,
    /// The risk owner, accountable for treatment and acceptance (ISO/IEC 27001 6.1.2 c).
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
    /// Treatment decision, rationale and transferred share.
    #[serde(default)]
    pub treatment: Treatment,
    /// Controls that mitigate this risk.
    #[serde(default)]
    pub controls: Vec<ControlId>,
    /// A residual rating set by hand; wins over every computed rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residual_override: Option<ResidualOverride>,
    /// The acceptance record; needed when a risk above appetite is accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acceptance: Option<Acceptance>,
    /// When the risk is next due for review; overdue from the next day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_date: Option<Date>,
    /// Life-cycle state; closed risks are left out of every count and check.
    #[serde(default)]
    pub status: RiskStatus,
    /// FAIR-lite inputs for the Monte Carlo simulation; `None` leaves the risk out of it.
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
    /// Annex A clause 5: organizational controls.
    Organizational,
    /// Annex A clause 6: people controls.
    People,
    /// Annex A clause 7: physical controls.
    Physical,
    /// Annex A clause 8: technological controls.
    Technological,
    /// A control the organisation added itself.
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
    /// Nothing done yet; implementation factor 0 by default.
    #[default]
    NotStarted,
    /// Scheduled but not in place; implementation factor 0 by default.
    Planned,
    /// Partly in place; implementation factor 0.5 by default.
    Partial,
    /// Fully in place; implementation factor 1 by default.
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
    /// The control's id: the Annex A number such as `A.5.15`, or a custom id.
    pub id: ControlId,
    /// Short title, as in Annex A for built-in controls.
    pub title: String,
    /// Built-in Annex A control or one the organisation added.
    pub source: ControlSource,
    /// The Annex A theme, or custom.
    pub theme: Theme,
    /// Free text describing the control.
    #[serde(default)]
    pub description: String,
    /// Control types; the residual formula takes the largest weight of them
    /// on each axis.
    pub types: ControlTypeSet,
    /// The security properties the control protects.
    pub properties: PropertySet,
    /// Cybersecurity concepts (identify, protect, detect, respond, recover).
    pub concepts: ConceptSet,
    /// How much of a risk the control removes when fully implemented.
    pub effectiveness: Percent,
    /// Implementation status; its factor scales the effectiveness in the residual formula.
    #[serde(default)]
    pub status: ImplementationStatus,
    /// The control owner; `None` is flagged by the consistency checks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<PersonId>,
}

/// Whether a control is in the Statement of Applicability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Applicability {
    /// Not yet decided; counts against SoA completeness.
    #[default]
    Undecided,
    /// In the SoA; needs at least one inclusion reason.
    Applicable,
    /// Left out of the SoA; needs a justification, and a risk relying on it is an error.
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
    /// Selected to treat one or more risks.
    RiskTreatment,
    /// Required by law or regulation.
    LegalOrRegulatory,
    /// Required by a contract with a customer or supplier.
    Contractual,
    /// Required by the organisation's own business needs.
    BusinessRequirement,
    /// Recognised good practice, without a specific requirement.
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
    /// The Annex A or custom control this entry decides on, such as `A.8.24`.
    pub control: ControlId,
    /// Applicable, excluded or undecided.
    #[serde(default)]
    pub applicability: Applicability,
    /// Why the control is included; several allowed.
    #[serde(default)]
    pub reasons: Vec<InclusionReason>,
    /// Required when the control is excluded.
    #[serde(default)]
    pub exclusion_justification: String,
    /// The person responsible for the control in the SoA.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<PersonId>,
    /// Where the evidence of implementation is, or other notes for the auditor.
    #[serde(default)]
    pub evidence: String,
    /// When the control should be implemented.
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
    /// Scheduled, not started.
    #[default]
    Planned,
    /// Being worked on.
    InProgress,
    /// Finished; no longer counts towards the planned residual.
    Done,
    /// Dropped; no longer counts towards the planned residual.
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
    /// One-off cost in whole currency units.
    #[serde(default)]
    pub one_off: Money,
    /// Running cost per year in whole currency units.
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
    /// The action's id, such as `ACT-0005`.
    pub id: ActionId,
    /// What will be done, in a few words.
    pub title: String,
    /// Free text with the details.
    #[serde(default)]
    pub description: String,
    /// The risks this action treats.
    #[serde(default)]
    pub risks: Vec<RiskId>,
    /// Controls this action implements; in the planned residual they count as
    /// implemented while the action is open.
    #[serde(default)]
    pub controls: Vec<ControlId>,
    /// The person responsible for carrying it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<PersonId>,
    /// The due date; overdue from the next day while still open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// One-off and yearly cost.
    #[serde(default)]
    pub cost: Cost,
    /// Progress; open actions count towards the planned residual.
    #[serde(default)]
    pub status: ActionStatus,
}
