//! Internal audits (clause 9.2): the audit programme, each audit's scope
//! and its findings.

use crate::model::key_table;
use crate::model::{AuditId, ClauseId, ControlId, Date, FindingId, PersonId};
use serde::{Deserialize, Serialize};

/// Where an audit stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditStatus {
    /// In the programme, not started.
    #[default]
    Planned,
    /// Under way.
    InProgress,
    /// Done and reported.
    Completed,
    /// Dropped from the programme.
    Cancelled,
}

key_table!(AuditStatus {
    Planned => "planned",
    InProgress => "in_progress",
    Completed => "completed",
    Cancelled => "cancelled",
});

/// How an audit finding is classified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingClass {
    /// A requirement is not met at all, or the failure puts the ISMS's
    /// purpose at risk; blocks certification until resolved.
    MajorNonconformity,
    /// A single lapse against a requirement.
    MinorNonconformity,
    /// Not a failure yet, but worth watching.
    Observation,
    /// Something that works and could work better.
    OpportunityForImprovement,
}

key_table!(FindingClass {
    MajorNonconformity => "major_nonconformity",
    MinorNonconformity => "minor_nonconformity",
    Observation => "observation",
    OpportunityForImprovement => "opportunity_for_improvement",
});

impl FindingClass {
    /// Whether the finding is a nonconformity (major or minor), which
    /// needs a nonconformity record with corrective action.
    pub fn is_nonconformity(self) -> bool {
        matches!(
            self,
            FindingClass::MajorNonconformity | FindingClass::MinorNonconformity
        )
    }
}

/// One finding of an audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFinding {
    /// Stable id, unique across all audits, e.g. "FND-0001".
    pub id: FindingId,
    /// Nonconformity, observation or opportunity for improvement.
    pub class: FindingClass,
    /// What the auditor found, with the evidence.
    pub description: String,
    /// The clause concerned, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<ClauseId>,
    /// The control concerned, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub control: Option<ControlId>,
}

/// One audit of the programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Audit {
    /// Stable id, e.g. "AUD-0001".
    pub id: AuditId,
    /// A name for people, e.g. "Internal audit 2026: access and operations".
    pub title: String,
    /// Planned, in progress, completed or cancelled.
    #[serde(default)]
    pub status: AuditStatus,
    /// Clauses in scope.
    #[serde(default)]
    pub clauses: Vec<ClauseId>,
    /// Controls in scope.
    #[serde(default)]
    pub controls: Vec<ControlId>,
    /// First day of the audit (planned or actual).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    /// Last day of the audit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    /// The lead auditor (entered as a person, external auditors too).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auditor: Option<PersonId>,
    /// Criteria, method and the conclusion of the report.
    #[serde(default)]
    pub summary: String,
    /// What the audit found.
    #[serde(default)]
    pub findings: Vec<AuditFinding>,
}

impl Audit {
    /// A planned audit with an id and a title.
    pub fn new(id: AuditId, title: impl Into<String>) -> Self {
        Audit {
            id,
            title: title.into(),
            status: AuditStatus::Planned,
            clauses: Vec::new(),
            controls: Vec::new(),
            start: None,
            end: None,
            auditor: None,
            summary: String::new(),
            findings: Vec::new(),
        }
    }

    /// The finding with id `id`.
    pub fn finding(&self, id: &FindingId) -> Option<&AuditFinding> {
        self.findings.iter().find(|f| &f.id == id)
    }
}
