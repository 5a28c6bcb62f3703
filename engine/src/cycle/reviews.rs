//! Management reviews (clause 9.3): the record of each review, with who
//! attended, what was decided and the actions that came out of it.

use crate::model::{ActionStatus, Date, PersonId, ReviewId};
use serde::{Deserialize, Serialize};

/// An action decided in a management review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewAction {
    /// What will be done.
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
}

/// The record of one management review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagementReview {
    /// Stable id, e.g. "MR-0001".
    pub id: ReviewId,
    /// A name for people, e.g. "Management review 2026".
    pub title: String,
    /// The day of the meeting.
    pub date: Date,
    /// Who took part.
    #[serde(default)]
    pub attendees: Vec<PersonId>,
    /// What was discussed beyond the pack: notes, feedback, changes.
    #[serde(default)]
    pub notes: String,
    /// Decisions on improvement and on changes to the ISMS, one each.
    #[serde(default)]
    pub decisions: Vec<String>,
    /// Actions decided, with owners and dates.
    #[serde(default)]
    pub actions: Vec<ReviewAction>,
}

impl ManagementReview {
    /// A review with an id, a title and a date, and nothing recorded yet.
    pub fn new(id: ReviewId, title: impl Into<String>, date: Date) -> Self {
        ManagementReview {
            id,
            title: title.into(),
            date,
            attendees: Vec::new(),
            notes: String::new(),
            decisions: Vec::new(),
            actions: Vec::new(),
        }
    }
}
