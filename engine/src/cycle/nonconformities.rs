//! Nonconformities and corrective action (clause 10.2): what went wrong,
//! where it came from, its correction and root cause, the corrective
//! actions and the review of whether they worked.

use crate::model::key_table;
use crate::model::{
    ActionId, ActionStatus, ClauseId, ControlId, Date, FindingId, IncidentId, NonconformityId,
    PersonId,
};
use serde::{Deserialize, Serialize};

/// How serious a nonconformity is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum NonconformityGrade {
    /// A single lapse.
    #[default]
    Minor,
    /// A requirement not met at all; blocks certification while open.
    Major,
}

key_table!(NonconformityGrade {
    Minor => "minor",
    Major => "major",
});

/// Where a nonconformity stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NonconformityStatus {
    /// Raised; correction and corrective actions under way.
    #[default]
    Open,
    /// Corrective actions done; waiting for the effectiveness review.
    AwaitingReview,
    /// Reviewed and found effective.
    Closed,
}

key_table!(NonconformityStatus {
    Open => "open",
    AwaitingReview => "awaiting_review",
    Closed => "closed",
});

impl NonconformityStatus {
    /// Anything but closed.
    pub fn is_open(self) -> bool {
        self != NonconformityStatus::Closed
    }
}

/// Where a nonconformity was found.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NonconformitySource {
    /// Recorded by hand (a complaint, a self-check, an external audit).
    #[default]
    Manual,
    /// Raised from an internal audit finding.
    AuditFinding {
        /// The finding.
        finding: FindingId,
    },
    /// Raised from an incident.
    Incident {
        /// The incident.
        incident: IncidentId,
    },
}

/// One corrective action of a nonconformity: the same shape as a step of
/// the treatment plan (owner, due date, status), and optionally that step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectiveAction {
    /// What will be done to remove the cause.
    pub title: String,
    /// Who does it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<PersonId>,
    /// By when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// Planned, in progress, done or cancelled.
    #[serde(default)]
    pub status: ActionStatus,
    /// The treatment-plan action that carries this out, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<ActionId>,
}

/// The check, after the corrective actions, that they removed the cause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EffectivenessReview {
    /// When it was reviewed.
    pub date: Date,
    /// Who reviewed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_by: Option<PersonId>,
    /// Whether the actions worked; a nonconformity closes only when they did.
    pub effective: bool,
    /// What was checked and seen.
    #[serde(default)]
    pub notes: String,
}

/// A nonconformity with its corrective action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Nonconformity {
    /// Stable id, e.g. "NC-0001".
    pub id: NonconformityId,
    /// A short name for people.
    pub title: String,
    /// What does not conform, with the evidence.
    #[serde(default)]
    pub description: String,
    /// Where it was found.
    #[serde(default)]
    pub source: NonconformitySource,
    /// Minor or major.
    #[serde(default)]
    pub grade: NonconformityGrade,
    /// When it was raised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raised_on: Option<Date>,
    /// Who answers for resolving it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<PersonId>,
    /// The clause concerned, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<ClauseId>,
    /// The controls concerned; each shows the open nonconformity in the
    /// SoA and counts lower in readiness while it is open.
    #[serde(default)]
    pub controls: Vec<ControlId>,
    /// Why it happened.
    #[serde(default)]
    pub root_cause: String,
    /// What was done at once to contain it.
    #[serde(default)]
    pub correction: String,
    /// What will be done so it does not happen again.
    #[serde(default)]
    pub corrective_actions: Vec<CorrectiveAction>,
    /// When it should be resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// Open, awaiting review or closed.
    #[serde(default)]
    pub status: NonconformityStatus,
    /// The effectiveness review, once done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effectiveness: Option<EffectivenessReview>,
}

impl Nonconformity {
    /// An open, minor, hand-recorded nonconformity with an id and a title.
    pub fn new(id: NonconformityId, title: impl Into<String>) -> Self {
        Nonconformity {
            id,
            title: title.into(),
            description: String::new(),
            source: NonconformitySource::Manual,
            grade: NonconformityGrade::Minor,
            raised_on: None,
            owner: None,
            clause: None,
            controls: Vec::new(),
            root_cause: String::new(),
            correction: String::new(),
            corrective_actions: Vec::new(),
            due: None,
            status: NonconformityStatus::Open,
            effectiveness: None,
        }
    }

    /// Whether it is still open (not closed).
    pub fn is_open(&self) -> bool {
        self.status.is_open()
    }

    /// Whether it is open and its due date is before `today`.
    pub fn overdue(&self, today: Date) -> bool {
        self.is_open() && self.due.is_some_and(|due| due < today)
    }
}
