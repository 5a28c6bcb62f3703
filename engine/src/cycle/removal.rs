//! Deleting a record of the ISMS-cycle registers, one command for all of
//! them: what a deletion takes with it or unlinks is worked out first (for
//! the confirmation a page shows) and the same figures come back from the
//! deletion itself.
//!
//! What refers to what: nonconformities name the audit finding or the
//! incident they were raised from; an audit holds its findings, an
//! objective its measurements, a nonconformity its corrective actions and
//! a management review its actions. Nothing else in the workspace names a
//! document, an objective, a nonconformity or a review. Treatment-plan
//! actions that corrective actions link to belong to the plan and stay.

use crate::model::{
    AuditId, Date, DocumentId, FindingId, IncidentId, NonconformityId, ObjectiveId, ReviewId,
    Workspace,
};
use serde::Serialize;

/// One record of the ISMS-cycle registers, named for deletion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CycleRecord {
    /// An internal audit, with its findings.
    Audit(AuditId),
    /// One finding of an audit.
    Finding(FindingId),
    /// A nonconformity, with its corrective actions.
    Nonconformity(NonconformityId),
    /// An incident.
    Incident(IncidentId),
    /// A security objective, with its measurements.
    Objective(ObjectiveId),
    /// The measurement of an objective on a day.
    Measurement(ObjectiveId, Date),
    /// A document of the register.
    Document(DocumentId),
    /// A management review, with its actions.
    Review(ReviewId),
}

impl CycleRecord {
    /// The record in words: "audit AUD-0001", "the measurement of OBJ-0001
    /// on 2025-01-31".
    pub fn label(&self) -> String {
        match self {
            CycleRecord::Audit(id) => format!("audit {id}"),
            CycleRecord::Finding(id) => format!("finding {id}"),
            CycleRecord::Nonconformity(id) => format!("nonconformity {id}"),
            CycleRecord::Incident(id) => format!("incident {id}"),
            CycleRecord::Objective(id) => format!("objective {id}"),
            CycleRecord::Measurement(id, date) => format!("the measurement of {id} on {date}"),
            CycleRecord::Document(id) => format!("document {id}"),
            CycleRecord::Review(id) => format!("management review {id}"),
        }
    }
}

/// What deleting a record takes with it and what it unlinks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RemovalEffects {
    /// Audit findings deleted with their audit.
    pub findings: usize,
    /// Nonconformities raised from a deleted finding or incident: they
    /// stay, as recorded by hand.
    pub nonconformities_unlinked: usize,
    /// Corrective actions deleted with their nonconformity.
    pub corrective_actions: usize,
    /// Treatment-plan actions those corrective actions linked to; they stay
    /// in the plan.
    pub plan_actions_kept: usize,
    /// Measurements deleted with their objective.
    pub measurements: usize,
    /// Actions deleted with their management review.
    pub review_actions: usize,
}

impl RemovalEffects {
    /// True when the deletion touches nothing but the record itself.
    pub fn is_empty(&self) -> bool {
        *self == RemovalEffects::default()
    }
}

impl Workspace {
    /// How many nonconformities were raised from any of `findings` or from
    /// `incident`.
    fn raised_from_count(&self, findings: &[&FindingId], incident: Option<&IncidentId>) -> usize {
        use super::NonconformitySource as Source;
        self.nonconformities
            .iter()
            .filter(|n| match &n.source {
                Source::AuditFinding { finding } => findings.contains(&finding),
                Source::Incident { incident: i } => Some(i) == incident,
                Source::Manual => false,
            })
            .count()
    }

    /// What deleting `record` would take with it and unlink; `None` when
    /// there is no such record. Nothing is changed.
    pub fn removal_effects(&self, record: &CycleRecord) -> Option<RemovalEffects> {
        let mut effects = RemovalEffects::default();
        match record {
            CycleRecord::Audit(id) => {
                let audit = self.audits.iter().find(|a| &a.id == id)?;
                let findings: Vec<&FindingId> = audit.findings.iter().map(|f| &f.id).collect();
                effects.findings = findings.len();
                effects.nonconformities_unlinked = self.raised_from_count(&findings, None);
            }
            CycleRecord::Finding(id) => {
                self.audits.iter().find_map(|a| a.finding(id))?;
                effects.nonconformities_unlinked = self.raised_from_count(&[id], None);
            }
            CycleRecord::Incident(id) => {
                self.incidents.iter().find(|i| &i.id == id)?;
                effects.nonconformities_unlinked = self.raised_from_count(&[], Some(id));
            }
            CycleRecord::Nonconformity(id) => {
                let nc = self.nonconformities.iter().find(|n| &n.id == id)?;
                effects.corrective_actions = nc.corrective_actions.len();
                effects.plan_actions_kept = nc
                    .corrective_actions
                    .iter()
                    .filter(|a| a.action.is_some())
                    .count();
            }
            CycleRecord::Objective(id) => {
                let objective = self.objectives.iter().find(|o| &o.id == id)?;
                effects.measurements = objective.measurements.len();
            }
            CycleRecord::Measurement(id, date) => {
                let objective = self.objectives.iter().find(|o| &o.id == id)?;
                objective.measurements.iter().find(|m| &m.date == date)?;
            }
            CycleRecord::Document(id) => {
                self.documents.iter().find(|d| &d.id == id)?;
            }
            CycleRecord::Review(id) => {
                let review = self.management_reviews.iter().find(|r| &r.id == id)?;
                effects.review_actions = review.actions.len();
            }
        }
        Some(effects)
    }

    /// Deletes `record` with what it holds, unlinking what referred to it
    /// (see [`Workspace::removal_effects`], whose figures it returns).
    /// `None` when there is no such record; nothing is changed then.
    pub fn remove_cycle_record(&mut self, record: &CycleRecord) -> Option<RemovalEffects> {
        let effects = self.removal_effects(record)?;
        let done = match record {
            CycleRecord::Audit(id) => self.remove_audit(id).is_some(),
            CycleRecord::Finding(id) => self.remove_finding(id).is_some(),
            CycleRecord::Incident(id) => self.remove_incident(id).is_some(),
            CycleRecord::Nonconformity(id) => self.remove_nonconformity(id),
            CycleRecord::Objective(id) => self.remove_objective(id),
            CycleRecord::Measurement(id, date) => self.remove_measurement(id, *date),
            CycleRecord::Document(id) => self.remove_document(id),
            CycleRecord::Review(id) => self.remove_management_review(id),
        };
        debug_assert!(done, "removal_effects found {record:?}");
        Some(effects)
    }
}
