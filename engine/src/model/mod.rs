//! Domain types: everything a workspace holds (PRODUCT.md section 2).

mod attributes;
mod date;
mod entities;
mod ids;
mod keys;
mod workspace;

pub use attributes::{
    Concept, ConceptSet, ControlType, ControlTypeSet, Estimate, EstimateFields, Money, Percent,
    Property, PropertySet,
};
pub use date::Date;
pub use entities::{
    Acceptance, Action, ActionStatus, Applicability, Asset, AssetKind, Control, ControlSource,
    Cost, ImplementationStatus, InclusionReason, Person, QuantitativeInputs, ResidualOverride,
    Risk, RiskStatus, SoaEntry, Theme, Threat, Treatment, TreatmentDecision, Valuation,
    Vulnerability,
};
pub(crate) use ids::{next_free_number, numbered_id};
pub use ids::{
    ActionId, AssetId, AuditId, ClauseId, ControlId, DocumentId, FindingId, IdError, IncidentId,
    NonconformityId, ObjectiveId, PersonId, ReviewId, RiskId, ScenarioId, ThreatId,
    VulnerabilityId, WorkspaceId,
};
pub(crate) use keys::key_table;
pub use workspace::{Change, RiskRemoval, Scenario, Workspace};
