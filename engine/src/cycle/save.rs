//! Saving a record of an ISMS-cycle register as its form made it: one
//! command for every register, so each form saves the same way (the next
//! id of its register when it is new, then the register's upsert).

use super::{Audit, Document, Incident, ManagementReview, Nonconformity, Objective};
use crate::commands::CommandError;
use crate::model::Workspace;

/// A record of an ISMS-cycle register, whole, as a form made it.
#[derive(Debug, Clone, PartialEq)]
pub enum CycleEntry {
    /// A document of the register.
    Document(Document),
    /// A security objective (its measurements as they are).
    Objective(Objective),
    /// An internal audit (its findings as they are).
    Audit(Audit),
    /// A nonconformity (its corrective actions and review as they are).
    Nonconformity(Nonconformity),
    /// An incident.
    Incident(Incident),
    /// A management review (its actions as they are).
    Review(ManagementReview),
}

impl CycleEntry {
    /// What the record is, for a sentence's start: "Incident".
    pub fn noun(&self) -> &'static str {
        match self {
            CycleEntry::Document(_) => "Document",
            CycleEntry::Objective(_) => "Objective",
            CycleEntry::Audit(_) => "Audit",
            CycleEntry::Nonconformity(_) => "Nonconformity",
            CycleEntry::Incident(_) => "Incident",
            CycleEntry::Review(_) => "Management review",
        }
    }
}

impl Workspace {
    /// Stores `entry` through its register's upsert: when `new`, under the
    /// next id of that register (whatever id it carried); otherwise
    /// replacing the record with its id. Returns the id it was stored under.
    pub fn save_cycle_entry(
        &mut self,
        entry: CycleEntry,
        new: bool,
    ) -> Result<String, CommandError> {
        match entry {
            CycleEntry::Document(mut d) => {
                if new {
                    d.id = self.next_document_id();
                }
                let id = d.id.to_string();
                self.upsert_document(d).map(|_| id)
            }
            CycleEntry::Objective(mut o) => {
                if new {
                    o.id = self.next_objective_id();
                }
                let id = o.id.to_string();
                self.upsert_objective(o).map(|_| id)
            }
            CycleEntry::Audit(mut a) => {
                if new {
                    a.id = self.next_audit_id();
                }
                let id = a.id.to_string();
                self.upsert_audit(a).map(|_| id)
            }
            CycleEntry::Nonconformity(mut n) => {
                if new {
                    n.id = self.next_nonconformity_id();
                }
                let id = n.id.to_string();
                self.upsert_nonconformity(n).map(|_| id)
            }
            CycleEntry::Incident(mut i) => {
                if new {
                    i.id = self.next_incident_id();
                }
                let id = i.id.to_string();
                self.upsert_incident(i).map(|_| id)
            }
            CycleEntry::Review(mut r) => {
                if new {
                    r.id = self.next_review_id();
                }
                let id = r.id.to_string();
                self.upsert_management_review(r).map(|_| id)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo_organisation;
    use crate::model::Date;
    use crate::{IncidentId, ObjectiveId};

    #[test]
    fn a_new_entry_gets_the_next_id_and_an_edited_one_replaces_its_record() {
        let mut ws = demo_organisation();
        let count = ws.incidents.len();
        let day = Date::parse("2026-03-03").unwrap();
        let placeholder = IncidentId::try_new("INC-NEW").unwrap();
        let incident = Incident::new(placeholder, "Laptop left on a train", day);
        let id = ws
            .save_cycle_entry(CycleEntry::Incident(incident), true)
            .unwrap();
        assert_eq!(id, ws.incidents.last().unwrap().id.to_string());
        assert_ne!(id, "INC-NEW");
        assert_eq!(ws.incidents.len(), count + 1);

        let mut edited = ws.incidents.last().unwrap().clone();
        edited.lessons_learned = "Encrypt every laptop.".to_owned();
        assert_eq!(
            ws.save_cycle_entry(CycleEntry::Incident(edited), false),
            Ok(id.clone())
        );
        assert_eq!(ws.incidents.len(), count + 1);
        assert_eq!(
            ws.incidents.last().unwrap().lessons_learned,
            "Encrypt every laptop."
        );
    }

    #[test]
    fn an_entry_the_register_refuses_changes_nothing() {
        let mut ws = demo_organisation();
        let before = ws.clone();
        let objective = Objective::new(ObjectiveId::try_new("OBJ-NEW").unwrap(), " ", 1.0);
        let entry = CycleEntry::Objective(objective);
        assert_eq!(entry.noun(), "Objective");
        assert!(ws.save_cycle_entry(entry, true).is_err());
        assert_eq!(ws, before);
    }
}
