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
mod clauses;
mod commands;
mod corrective;
mod documents;
mod incidents;
pub(crate) mod integrity;
mod nonconformities;
mod objectives;
mod reviews;

pub use audits::{Audit, AuditFinding, AuditStatus, FindingClass};
pub use clauses::{
    clause_catalogue, clause_requirement, ClauseAssessment, ClauseRequirement, ClauseStatus, Phase,
};
pub use documents::{Document, DocumentKind, DocumentStatus};
pub use incidents::{
    likelihood_suggestions, Incident, IncidentSeverity, IncidentStatus, LikelihoodSuggestion,
    Relation,
};
pub use nonconformities::{
    CorrectiveAction, EffectivenessReview, Nonconformity, NonconformityGrade, NonconformitySource,
    NonconformityStatus,
};
pub use objectives::{Direction, Measurement, Objective};
pub use reviews::{ManagementReview, ReviewAction};
