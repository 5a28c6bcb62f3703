//! Named commands for nonconformities and corrective action (clause
//! 10.2): raising one from an audit finding or an incident, its corrective
//! actions (tied to the treatment plan where they name an action) and the
//! effectiveness review that closes it.

use super::commands::{first_line, known_clause, remove, required, upsert};
use super::{
    CorrectiveAction, EffectivenessReview, FindingClass, Nonconformity, NonconformityGrade,
    NonconformitySource, NonconformityStatus,
};
use crate::commands::CommandError;
use crate::model::{ActionStatus, Date, FindingId, IncidentId, NonconformityId, Workspace};

impl Workspace {
    // --- Nonconformities -----------------------------------------------

    fn clean_nonconformity(&self, nc: &mut Nonconformity) {
        nc.owner = self.existing_person(nc.owner.take());
        nc.clause = nc.clause.take().filter(known_clause);
        self.keep_controls(&mut nc.controls);
        let source_exists = match &nc.source {
            NonconformitySource::Manual => true,
            NonconformitySource::AuditFinding { finding } => {
                self.finding_ids().any(|(_, f)| f == finding)
            }
            NonconformitySource::Incident { incident } => {
                self.incidents.iter().any(|i| &i.id == incident)
            }
        };
        if !source_exists {
            nc.source = NonconformitySource::Manual;
        }
        for action in &mut nc.corrective_actions {
            action.owner = self.existing_person(action.owner.take());
            action.action = action
                .action
                .take()
                .filter(|a| self.actions.iter().any(|x| &x.id == a));
        }
        if let Some(review) = &mut nc.effectiveness {
            review.reviewed_by = self.existing_person(review.reviewed_by.take());
        }
    }

    /// Stores `nonconformity` (replacing the one with its id). True when it
    /// replaced one; refused when the title is empty.
    pub fn upsert_nonconformity(&mut self, mut nc: Nonconformity) -> Result<bool, CommandError> {
        nc.title = required(&nc.title, "nonconformity title")?;
        self.clean_nonconformity(&mut nc);
        Ok(upsert(&mut self.nonconformities, nc, |n| &n.id))
    }

    /// Deletes nonconformity `id`. False when there is none.
    pub fn remove_nonconformity(&mut self, id: &NonconformityId) -> bool {
        remove(&mut self.nonconformities, id, |n| &n.id)
    }

    /// The nonconformity already raised from `source`, if any.
    fn raised_from(&self, source: &NonconformitySource) -> Option<&NonconformityId> {
        self.nonconformities
            .iter()
            .find(|n| &n.source == source)
            .map(|n| &n.id)
    }

    /// A new nonconformity from `source` (named `what` in the refusal:
    /// "finding FND-0001"), with the next free id, raised on `raised_on`;
    /// refused when one was already raised from `source`. Not stored yet.
    fn raise(
        &self,
        source: NonconformitySource,
        what: &str,
        title: String,
        description: &str,
        raised_on: Date,
    ) -> Result<Nonconformity, CommandError> {
        if let Some(existing) = self.raised_from(&source) {
            return Err(CommandError::Invalid(format!(
                "{what} already has nonconformity {existing}"
            )));
        }
        let mut nc = Nonconformity::new(self.next_nonconformity_id(), title);
        nc.description = description.to_owned();
        nc.source = source;
        nc.raised_on = Some(raised_on);
        Ok(nc)
    }

    /// Raises a nonconformity from audit finding `finding`, raised on
    /// `raised_on`: its description, clause and control come from the
    /// finding, its grade from the finding's class. Returns the new id;
    /// refused when there is no such finding, the finding is an observation
    /// or opportunity for improvement, or a nonconformity was already
    /// raised from it.
    pub fn raise_nonconformity_from_finding(
        &mut self,
        finding: &FindingId,
        raised_on: Date,
    ) -> Result<NonconformityId, CommandError> {
        let found = self
            .audits
            .iter()
            .find_map(|a| a.finding(finding))
            .ok_or_else(|| CommandError::NotFound(finding.to_string()))?;
        if !found.class.is_nonconformity() {
            return Err(CommandError::Invalid(format!(
                "finding {finding} is an {}, not a nonconformity",
                found.class.name().replace('_', " ")
            )));
        }
        let mut nc = self.raise(
            NonconformitySource::AuditFinding {
                finding: finding.clone(),
            },
            &format!("finding {finding}"),
            first_line(&found.description),
            &found.description,
            raised_on,
        )?;
        nc.grade = match found.class {
            FindingClass::MajorNonconformity => NonconformityGrade::Major,
            _ => NonconformityGrade::Minor,
        };
        nc.clause = found.clause.clone();
        nc.controls = found.control.iter().cloned().collect();
        let id = nc.id.clone();
        self.nonconformities.push(nc);
        Ok(id)
    }

    /// Raises a nonconformity from incident `incident`, raised on
    /// `raised_on`: its title and description and controls come from the
    /// incident, and its owner is the incident's. Returns the new id;
    /// refused when there is no such incident or one was already raised
    /// from it.
    pub fn raise_nonconformity_from_incident(
        &mut self,
        incident: &IncidentId,
        raised_on: Date,
    ) -> Result<NonconformityId, CommandError> {
        let found = self
            .incidents
            .iter()
            .find(|i| &i.id == incident)
            .ok_or_else(|| CommandError::NotFound(incident.to_string()))?;
        let mut nc = self.raise(
            NonconformitySource::Incident {
                incident: incident.clone(),
            },
            &format!("incident {incident}"),
            found.title.clone(),
            &found.description,
            raised_on,
        )?;
        nc.owner = found.owner.clone();
        nc.controls = found.controls.clone();
        let id = nc.id.clone();
        self.nonconformities.push(nc);
        Ok(id)
    }

    /// Appends `action` to nonconformity `id`'s corrective actions (its
    /// owner and treatment-plan link dropped when they do not exist). False
    /// when there is no such nonconformity or the title is empty.
    pub fn add_corrective_action(
        &mut self,
        id: &NonconformityId,
        mut action: CorrectiveAction,
    ) -> bool {
        let Ok(title) = required(&action.title, "corrective action title") else {
            return false;
        };
        action.title = title;
        action.owner = self.existing_person(action.owner.take());
        action.action = action
            .action
            .take()
            .filter(|a| self.actions.iter().any(|x| &x.id == a));
        match self.nonconformities.iter_mut().find(|n| &n.id == id) {
            Some(nc) => {
                nc.corrective_actions.push(action);
                if nc.status == NonconformityStatus::AwaitingReview {
                    nc.status = NonconformityStatus::Open;
                }
                true
            }
            None => false,
        }
    }

    /// Sets the status of corrective action `index` of nonconformity `id`.
    /// A linked treatment-plan action gets the same status (so finishing it
    /// marks its controls implemented, see
    /// [`Workspace::set_action_status`]); when no corrective action is left
    /// open, an open nonconformity moves to awaiting its effectiveness
    /// review. False when there is no such nonconformity or action.
    pub fn set_corrective_action_status(
        &mut self,
        id: &NonconformityId,
        index: usize,
        status: ActionStatus,
    ) -> bool {
        let Some(nc) = self.nonconformities.iter_mut().find(|n| &n.id == id) else {
            return false;
        };
        let Some(action) = nc.corrective_actions.get_mut(index) else {
            return false;
        };
        action.status = status;
        let linked = action.action.clone();
        if nc.corrective_actions.iter().all(|a| !a.status.is_open()) {
            if nc.status == NonconformityStatus::Open {
                nc.status = NonconformityStatus::AwaitingReview;
            }
        } else if nc.status == NonconformityStatus::AwaitingReview {
            nc.status = NonconformityStatus::Open;
        }
        if let Some(linked) = linked {
            self.set_action_status(&linked, status);
        }
        true
    }

    /// Removes corrective action `index` of nonconformity `id`. False when
    /// there is no such nonconformity or action.
    pub fn remove_corrective_action(&mut self, id: &NonconformityId, index: usize) -> bool {
        match self.nonconformities.iter_mut().find(|n| &n.id == id) {
            Some(nc) if index < nc.corrective_actions.len() => {
                nc.corrective_actions.remove(index);
                true
            }
            _ => false,
        }
    }

    /// Records the effectiveness review of nonconformity `id`: effective
    /// closes it, not effective reopens it for further action. Returns the
    /// new status; refused when there is no such nonconformity or one of
    /// its corrective actions is still open.
    pub fn review_effectiveness(
        &mut self,
        id: &NonconformityId,
        mut review: EffectivenessReview,
    ) -> Result<NonconformityStatus, CommandError> {
        review.reviewed_by = self.existing_person(review.reviewed_by.take());
        let nc = self
            .nonconformities
            .iter_mut()
            .find(|n| &n.id == id)
            .ok_or_else(|| CommandError::NotFound(id.to_string()))?;
        let open = nc
            .corrective_actions
            .iter()
            .filter(|a| a.status.is_open())
            .count();
        if open > 0 {
            return Err(CommandError::Invalid(format!(
                "{open} corrective action(s) of {id} are still open; finish or cancel them before reviewing effectiveness"
            )));
        }
        nc.status = if review.effective {
            NonconformityStatus::Closed
        } else {
            NonconformityStatus::Open
        };
        nc.effectiveness = Some(review);
        Ok(nc.status)
    }
}
