//! The document register (clauses 5.2 and 7.5): policies, procedures and
//! records with their owner, version, approval and review cycle.

use crate::model::key_table;
use crate::model::{ClauseId, ControlId, Date, DocumentId, PersonId};
use serde::{Deserialize, Serialize};

/// What kind of documented information a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// A statement of intent approved by management.
    #[default]
    Policy,
    /// How a task is done, step by step.
    Procedure,
    /// A rule set or baseline (e.g. a hardening standard).
    Standard,
    /// A plan (e.g. continuity, incident response, audit programme).
    Plan,
    /// Evidence that something happened (minutes, logs, reports).
    Record,
    /// Anything else.
    Other,
}

key_table!(DocumentKind {
    Policy => "policy",
    Procedure => "procedure",
    Standard => "standard",
    Plan => "plan",
    Record => "record",
    Other => "other",
});

/// Where a document is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentStatus {
    /// Being written; not yet approved.
    #[default]
    Draft,
    /// Approved and in use.
    Approved,
    /// Withdrawn; kept for the record, no longer reviewed.
    Retired,
}

key_table!(DocumentStatus {
    Draft => "draft",
    Approved => "approved",
    Retired => "retired",
});

/// One entry of the document register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id, e.g. "DOC-0001".
    pub id: DocumentId,
    /// The document's title.
    pub title: String,
    /// Policy, procedure, record...
    #[serde(default)]
    pub kind: DocumentKind,
    /// Draft, approved or retired.
    #[serde(default)]
    pub status: DocumentStatus,
    /// Who keeps the document up to date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<PersonId>,
    /// The current version as the document states it, e.g. "2.1".
    #[serde(default)]
    pub version: String,
    /// Who approved the current version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<PersonId>,
    /// When the current version was approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_on: Option<Date>,
    /// Months between reviews (e.g. 12 for yearly).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_interval_months: Option<u16>,
    /// The next review date when set by hand; otherwise the approval date
    /// plus the interval (see [`Document::review_due`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_review: Option<Date>,
    /// Clauses of the catalogue the document supports, e.g. "5.2".
    #[serde(default)]
    pub clauses: Vec<ClauseId>,
    /// Controls the document supports.
    #[serde(default)]
    pub controls: Vec<ControlId>,
    /// Where to find it (path, link) and anything else worth saying.
    #[serde(default)]
    pub location: String,
}

impl Document {
    /// A draft policy with only an id and a title.
    pub fn new(id: DocumentId, title: impl Into<String>) -> Self {
        Document {
            id,
            title: title.into(),
            kind: DocumentKind::Policy,
            status: DocumentStatus::Draft,
            owner: None,
            version: String::new(),
            approved_by: None,
            approved_on: None,
            review_interval_months: None,
            next_review: None,
            clauses: Vec::new(),
            controls: Vec::new(),
            location: String::new(),
        }
    }

    /// When the next review is due: the next review date when one is set,
    /// else the approval date plus the review interval; `None` when
    /// neither is known or the document is retired.
    pub fn review_due(&self) -> Option<Date> {
        if self.status == DocumentStatus::Retired {
            return None;
        }
        self.next_review.or_else(|| {
            self.approved_on?
                .checked_add_months(u32::from(self.review_interval_months?))
        })
    }

    /// Whether the review is overdue on `today` (due the day before or
    /// earlier: a review is overdue on the day after its date).
    pub fn review_overdue(&self, today: Date) -> bool {
        self.review_due().is_some_and(|due| due < today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_review_falls_due_after_the_interval_unless_set_by_hand() {
        let d = |s: &str| Date::parse(s).unwrap();
        let mut doc = Document::new(DocumentId::try_new("DOC-0001").unwrap(), "Policy");
        assert_eq!(doc.review_due(), None);
        doc.approved_on = Some(d("2025-03-31"));
        doc.review_interval_months = Some(12);
        assert_eq!(doc.review_due(), Some(d("2026-03-31")));
        assert!(!doc.review_overdue(d("2026-03-31")));
        assert!(doc.review_overdue(d("2026-04-01")));
        doc.next_review = Some(d("2026-06-30"));
        assert_eq!(doc.review_due(), Some(d("2026-06-30")));
        doc.status = DocumentStatus::Retired;
        assert!(!doc.review_overdue(d("2030-01-01")));
    }
}
