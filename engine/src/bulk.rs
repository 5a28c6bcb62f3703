//! Bulk commands: one change applied to many records of a register at once
//! (the multi-select of the register tables). Each is one named command, so
//! a bulk edit is stored, synchronised and undone as a single change.
//!
//! Records are named by their ids as text (the tables hand over the ids of
//! the selected rows); ids that name nothing are skipped, and each command
//! returns how many records it changed.

use crate::commands::CommandError;
use crate::cycle::{AuditStatus, IncidentStatus, NonconformityGrade};
use crate::model::{ActionId, ActionStatus, Date, PersonId, TreatmentDecision, Workspace};

/// The registers whose records have one owner each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnedRegister {
    /// The asset register.
    Assets,
    /// The risk register.
    Risks,
    /// The treatment plan's actions.
    Actions,
    /// The document register.
    Documents,
    /// The incident register.
    Incidents,
    /// Security objectives.
    Objectives,
    /// Nonconformities.
    Nonconformities,
    /// Internal audits (their lead auditor).
    Audits,
}

/// Sets `value` on every record of `records` whose id is in `ids`; returns
/// how many.
fn set_each<T>(
    records: &mut [T],
    ids: &[String],
    id: impl Fn(&T) -> &str,
    mut set: impl FnMut(&mut T),
) -> usize {
    let mut changed = 0;
    for record in records
        .iter_mut()
        .filter(|r| ids.iter().any(|i| i == id(r)))
    {
        set(record);
        changed += 1;
    }
    changed
}

impl Workspace {
    /// Makes `owner` (nobody with `None`) the owner of every record of
    /// `register` whose id is in `ids`. Refused when `owner` is not in the
    /// people register.
    pub fn set_owner_of(
        &mut self,
        register: OwnedRegister,
        ids: &[String],
        owner: Option<&PersonId>,
    ) -> Result<usize, CommandError> {
        if let Some(owner) = owner {
            if self.person(owner).is_none() {
                return Err(CommandError::NotFound(format!("person {owner}")));
            }
        }
        let owner = owner.cloned();
        let o = || owner.clone();
        Ok(match register {
            OwnedRegister::Assets => {
                set_each(&mut self.assets, ids, |a| a.id.as_str(), |a| a.owner = o())
            }
            OwnedRegister::Risks => {
                set_each(&mut self.risks, ids, |r| r.id.as_str(), |r| r.owner = o())
            }
            OwnedRegister::Actions => {
                set_each(&mut self.actions, ids, |a| a.id.as_str(), |a| a.owner = o())
            }
            OwnedRegister::Documents => set_each(
                &mut self.documents,
                ids,
                |d| d.id.as_str(),
                |d| d.owner = o(),
            ),
            OwnedRegister::Incidents => set_each(
                &mut self.incidents,
                ids,
                |i| i.id.as_str(),
                |i| i.owner = o(),
            ),
            OwnedRegister::Objectives => set_each(
                &mut self.objectives,
                ids,
                |x| x.id.as_str(),
                |x| x.owner = o(),
            ),
            OwnedRegister::Nonconformities => set_each(
                &mut self.nonconformities,
                ids,
                |n| n.id.as_str(),
                |n| n.owner = o(),
            ),
            OwnedRegister::Audits => set_each(
                &mut self.audits,
                ids,
                |a| a.id.as_str(),
                |a| a.auditor = o(),
            ),
        })
    }

    /// Sets the status of every incident whose id is in `ids`. Returns how
    /// many.
    pub fn set_status_of_incidents(&mut self, ids: &[String], status: IncidentStatus) -> usize {
        set_each(
            &mut self.incidents,
            ids,
            |i| i.id.as_str(),
            |i| i.status = status,
        )
    }

    /// Sets the status of every audit whose id is in `ids` (its findings
    /// stay). Returns how many.
    pub fn set_status_of_audits(&mut self, ids: &[String], status: AuditStatus) -> usize {
        set_each(
            &mut self.audits,
            ids,
            |a| a.id.as_str(),
            |a| a.status = status,
        )
    }

    /// Sets the grade of every nonconformity whose id is in `ids`. Its
    /// status is left alone: a nonconformity closes only through its
    /// effectiveness review. Returns how many.
    pub fn set_grade_of_nonconformities(
        &mut self,
        ids: &[String],
        grade: NonconformityGrade,
    ) -> usize {
        set_each(
            &mut self.nonconformities,
            ids,
            |n| n.id.as_str(),
            |n| n.grade = grade,
        )
    }

    /// Sets the status of every action whose id is in `ids`, with the same
    /// consequences as [`Workspace::set_action_status`] (finishing an action
    /// marks its controls implemented). Returns how many.
    pub fn set_status_of_actions(&mut self, ids: &[String], status: ActionStatus) -> usize {
        ids.iter()
            .filter_map(|id| ActionId::try_new(id.as_str()).ok())
            .filter(|id| self.set_action_status(id, status))
            .count()
    }

    /// Sets the next review date of every risk whose id is in `ids` (`None`
    /// clears it). Returns how many.
    pub fn set_review_date_of_risks(&mut self, ids: &[String], date: Option<Date>) -> usize {
        set_each(
            &mut self.risks,
            ids,
            |r| r.id.as_str(),
            |r| r.review_date = date,
        )
    }

    /// Sets the treatment decision of every risk whose id is in `ids`,
    /// keeping each risk's rationale and controls. Returns how many.
    pub fn set_decision_of_risks(&mut self, ids: &[String], decision: TreatmentDecision) -> usize {
        set_each(
            &mut self.risks,
            ids,
            |r| r.id.as_str(),
            |r| r.treatment.decision = decision,
        )
    }

    /// Sets the department of every person whose id is in `ids`. Returns
    /// how many.
    pub fn set_department_of(&mut self, ids: &[String], department: &str) -> usize {
        let department = department.trim();
        set_each(
            &mut self.people,
            ids,
            |p| p.id.as_str(),
            |p| department.clone_into(&mut p.department),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo_organisation;
    use crate::model::ImplementationStatus;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn set_owner_of_changes_only_the_named_assets() {
        let mut ws = demo_organisation();
        let person = ws.people[1].id.clone();
        let named = ids(&[ws.assets[0].id.as_str(), ws.assets[2].id.as_str(), "A-9999"]);
        let untouched = ws.assets[1].owner.clone();
        assert_eq!(
            ws.set_owner_of(OwnedRegister::Assets, &named, Some(&person)),
            Ok(2)
        );
        assert_eq!(ws.assets[0].owner.as_ref(), Some(&person));
        assert_eq!(ws.assets[2].owner.as_ref(), Some(&person));
        assert_eq!(ws.assets[1].owner, untouched);
        assert_eq!(ws.set_owner_of(OwnedRegister::Assets, &named, None), Ok(2));
        assert_eq!(ws.assets[0].owner, None);
    }

    #[test]
    fn set_owner_of_refuses_someone_not_in_the_register() {
        let mut ws = demo_organisation();
        let before = ws.clone();
        let stranger = PersonId::try_new("P-9999").unwrap();
        let named = ids(&[ws.risks[0].id.as_str()]);
        assert!(matches!(
            ws.set_owner_of(OwnedRegister::Risks, &named, Some(&stranger)),
            Err(CommandError::NotFound(_))
        ));
        assert_eq!(ws, before);
    }

    #[test]
    fn set_owner_of_reaches_every_register() {
        let mut ws = demo_organisation();
        let person = ws.people[0].id.clone();
        let cases: Vec<(OwnedRegister, String)> = vec![
            (OwnedRegister::Risks, ws.risks[0].id.to_string()),
            (OwnedRegister::Actions, ws.actions[0].id.to_string()),
            (OwnedRegister::Documents, ws.documents[0].id.to_string()),
            (OwnedRegister::Incidents, ws.incidents[0].id.to_string()),
            (OwnedRegister::Objectives, ws.objectives[0].id.to_string()),
            (
                OwnedRegister::Nonconformities,
                ws.nonconformities[0].id.to_string(),
            ),
        ];
        for (register, id) in cases {
            assert_eq!(
                ws.set_owner_of(register, &[id], Some(&person)),
                Ok(1),
                "{register:?}"
            );
        }
        assert_eq!(ws.risks[0].owner.as_ref(), Some(&person));
        assert_eq!(ws.actions[0].owner.as_ref(), Some(&person));
        assert_eq!(ws.documents[0].owner.as_ref(), Some(&person));
        assert_eq!(ws.incidents[0].owner.as_ref(), Some(&person));
        assert_eq!(ws.objectives[0].owner.as_ref(), Some(&person));
        assert_eq!(ws.nonconformities[0].owner.as_ref(), Some(&person));
        let audit = ws.audits[0].id.to_string();
        assert_eq!(
            ws.set_owner_of(OwnedRegister::Audits, &[audit], Some(&person)),
            Ok(1)
        );
        assert_eq!(ws.audits[0].auditor.as_ref(), Some(&person));
    }

    #[test]
    fn status_of_incidents_and_audits_and_grade_of_nonconformities() {
        let mut ws = demo_organisation();
        let named = ids(&[
            ws.incidents[0].id.as_str(),
            ws.incidents[1].id.as_str(),
            "INC-9999",
        ]);
        let third = ws.incidents[2].status;
        assert_eq!(
            ws.set_status_of_incidents(&named, IncidentStatus::Closed),
            2
        );
        assert_eq!(ws.incidents[0].status, IncidentStatus::Closed);
        assert_eq!(ws.incidents[1].status, IncidentStatus::Closed);
        assert_eq!(ws.incidents[2].status, third);

        let findings = ws.audits[0].findings.clone();
        let audit = ids(&[ws.audits[0].id.as_str()]);
        assert_eq!(ws.set_status_of_audits(&audit, AuditStatus::Planned), 1);
        assert_eq!(ws.audits[0].status, AuditStatus::Planned);
        assert_eq!(ws.audits[0].findings, findings);

        let status = ws.nonconformities[0].status;
        let nc = ids(&[ws.nonconformities[0].id.as_str()]);
        assert_eq!(
            ws.set_grade_of_nonconformities(&nc, NonconformityGrade::Major),
            1
        );
        assert_eq!(ws.nonconformities[0].grade, NonconformityGrade::Major);
        assert_eq!(
            ws.nonconformities[0].status, status,
            "closes only by review"
        );
    }

    #[test]
    fn set_status_of_actions_finishes_them_and_implements_their_controls() {
        let mut ws = demo_organisation();
        let at = ws
            .actions
            .iter()
            .position(|a| a.status.is_open() && !a.controls.is_empty())
            .expect("an open action with controls in the demo");
        let action = ws.actions[at].clone();
        let named = ids(&[action.id.as_str(), "ACT-9999"]);
        assert_eq!(ws.set_status_of_actions(&named, ActionStatus::Done), 1);
        assert_eq!(ws.actions[at].status, ActionStatus::Done);
        for control in &action.controls {
            let control = ws.controls.iter().find(|c| &c.id == control).unwrap();
            assert_eq!(control.status, ImplementationStatus::Implemented);
        }
    }

    #[test]
    fn review_date_and_decision_of_risks() {
        let mut ws = demo_organisation();
        let date = Date::parse("2027-03-31").unwrap();
        let named = ids(&[ws.risks[0].id.as_str(), ws.risks[1].id.as_str()]);
        let rationale = ws.risks[0].treatment.rationale.clone();
        assert_eq!(ws.set_review_date_of_risks(&named, Some(date)), 2);
        assert_eq!(ws.risks[0].review_date, Some(date));
        assert_eq!(ws.risks[1].review_date, Some(date));
        assert_eq!(
            ws.set_decision_of_risks(&named, TreatmentDecision::Avoid),
            2
        );
        assert_eq!(ws.risks[1].treatment.decision, TreatmentDecision::Avoid);
        assert_eq!(ws.risks[0].treatment.rationale, rationale);
        assert_eq!(ws.set_review_date_of_risks(&named[..1], None), 1);
        assert_eq!(ws.risks[0].review_date, None);
    }

    #[test]
    fn set_department_of_people_trims_it() {
        let mut ws = demo_organisation();
        let named = ids(&[ws.people[0].id.as_str(), ws.people[1].id.as_str()]);
        assert_eq!(ws.set_department_of(&named, "  Finance "), 2);
        assert_eq!(ws.people[0].department, "Finance");
        assert_eq!(ws.people[1].department, "Finance");
        assert_ne!(ws.people[2].department, "Finance");
    }
}

#[cfg(test)]
mod csv_of_view {
    use crate::csv_of_table;

    #[test]
    fn a_table_view_is_written_with_quotes_and_formula_guards() {
        let rows = vec![
            vec!["A-0001".to_owned(), "Payroll, HR".to_owned()],
            vec!["A-0002".to_owned(), "=SUM(A1)".to_owned()],
        ];
        assert_eq!(
            csv_of_table(&["Id", "Name"], &rows),
            "\u{feff}Id,Name\r\nA-0001,\"Payroll, HR\"\r\nA-0002,'=SUM(A1)\r\n"
        );
    }
}
