//! The ISMS cycle beyond risk and the SoA (clauses 4 to 10): the clause
//! gap analysis, documents, objectives and measurements, internal audits,
//! nonconformities and corrective action, incidents and management reviews;
//! and what is computed from them: certification readiness, consistency
//! checks, likelihood suggestions after incidents, the management-review
//! pack and the PDCA status.
//!
//! Each register is its own module with its types; `commands` holds the
//! named commands that change them, `integrity` the reference checks,
//! `checks` the consistency findings, `readiness` the certification figure
//! and `pack` the management-review pack and PDCA status.

mod audits;
pub(crate) mod checks;
mod clauses;
mod commands;
mod corrective;
mod documents;
mod incidents;
pub(crate) mod integrity;
mod nonconformities;
mod objectives;
mod pack;
mod readiness;
mod removal;
mod reviews;
mod save;

pub use audits::{Audit, AuditFinding, AuditStatus, FindingClass};
pub use clauses::clause_requirement;
pub use clauses::{clause_catalogue, ClauseAssessment, ClauseRequirement, ClauseStatus, Phase};
pub use documents::{Document, DocumentKind, DocumentStatus};
pub use incidents::{
    likelihood_suggestions, Incident, IncidentSeverity, IncidentStatus, LikelihoodChange,
    LikelihoodSuggestion, Relation,
};
pub use nonconformities::{
    CorrectiveAction, EffectivenessReview, Nonconformity, NonconformityGrade, NonconformitySource,
    NonconformityStatus,
};
pub use objectives::{Direction, Measurement, Objective};
pub use pack::{
    management_review_pack, pdca_status, AuditLine, DocumentChanges, DocumentLine, EarlierAction,
    IncidentLine, NonconformityLine, ObjectiveLine, Opportunity, PdcaItem, PdcaStatus, PhaseStatus,
    ReviewPack, RiskStatusLine,
};
pub use readiness::{
    certification_readiness, effective_status, open_nonconformities_by_control,
    CertificationReadiness, ClausePart, NonconformityPart, SoaPart, CLAUSE_WEIGHT,
    NONCONFORMITY_WEIGHT, SOA_WEIGHT,
};
pub use removal::{CycleRecord, RemovalEffects};
pub use reviews::{ManagementReview, ReviewAction};
pub use save::CycleEntry;
