//! The people register's commands: adding, changing and removing a person,
//! and where a person is named (owners and acceptance records), so that
//! removing someone never leaves an owner field pointing at nobody.

use crate::model::{next_free_number, numbered_id, Person, PersonId, Workspace};

/// Where one person is named in a workspace.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PersonReferences {
    /// Assets the person owns.
    pub assets: usize,
    /// Risks the person owns.
    pub risks: usize,
    /// Risks the person accepted.
    pub acceptances: usize,
    /// Controls the person owns.
    pub controls: usize,
    /// SoA entries the person owns.
    pub soa: usize,
    /// Treatment actions the person owns.
    pub actions: usize,
    /// Places in the ISMS-cycle registers: clause, document, objective,
    /// nonconformity, corrective-action, incident and review-action owner,
    /// document approver, auditor, effectiveness reviewer, review attendee.
    pub cycle: usize,
}

impl PersonReferences {
    /// All places together.
    pub fn total(&self) -> usize {
        self.assets
            + self.risks
            + self.acceptances
            + self.controls
            + self.soa
            + self.actions
            + self.cycle
    }
}

/// Replaces `from` with `to` in one optional owner field; true if it did.
fn hand_over(field: &mut Option<PersonId>, from: &PersonId, to: Option<&PersonId>) -> bool {
    if field.as_ref() == Some(from) {
        *field = to.cloned();
        true
    } else {
        false
    }
}

impl Workspace {
    /// The id a new person gets (`P-0016`): one more than the highest.
    pub fn next_person_id(&self) -> PersonId {
        let next = next_free_number("P", self.people.iter().map(|p| p.id.as_str()));
        PersonId::try_new(numbered_id("P", next)).expect("numbered ids are valid")
    }

    /// The person with id `id`.
    pub fn person(&self, id: &PersonId) -> Option<&Person> {
        self.people.iter().find(|p| &p.id == id)
    }

    /// The name of person `id`, when one is named and is in the register.
    pub fn person_name(&self, id: Option<&PersonId>) -> Option<&str> {
        id.and_then(|id| self.person(id)).map(|p| p.name.as_str())
    }

    /// The person whose name is `name` (ignoring case and surrounding
    /// space), if exactly one has it.
    pub fn person_named(&self, name: &str) -> Option<&Person> {
        let name = name.trim();
        let mut found = self
            .people
            .iter()
            .filter(|p| p.name.trim().eq_ignore_ascii_case(name));
        match (found.next(), found.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    }

    /// Adds `person` under a new id, or replaces the person with its id;
    /// returns the id it is stored under. Names are trimmed.
    pub fn upsert_person(&mut self, mut person: Person) -> PersonId {
        person.name = person.name.trim().to_owned();
        person.role = person.role.trim().to_owned();
        person.email = person.email.trim().to_owned();
        person.department = person.department.trim().to_owned();
        if let Some(slot) = self.people.iter_mut().find(|p| p.id == person.id) {
            *slot = person;
            return slot.id.clone();
        }
        if self.people.iter().any(|p| p.id == person.id) || person.id.as_str().is_empty() {
            person.id = self.next_person_id();
        }
        let id = person.id.clone();
        self.people.push(person);
        id
    }

    /// Adds a person with just a name (as typed in an owner field or found
    /// in an imported file) and returns the new id; an existing person of
    /// that name is returned instead of a second one.
    pub fn add_person_named(&mut self, name: &str) -> PersonId {
        if let Some(existing) = self.person_named(name) {
            return existing.id.clone();
        }
        let id = self.next_person_id();
        self.people.push(Person {
            id: id.clone(),
            name: name.trim().to_owned(),
            role: String::new(),
            email: String::new(),
            department: String::new(),
        });
        id
    }

    /// Where person `id` is named.
    pub fn person_references(&self, id: &PersonId) -> PersonReferences {
        let named = |owner: &Option<PersonId>| owner.as_ref() == Some(id);
        PersonReferences {
            assets: self.assets.iter().filter(|a| named(&a.owner)).count(),
            risks: self.risks.iter().filter(|r| named(&r.owner)).count(),
            acceptances: self
                .risks
                .iter()
                .filter(|r| r.acceptance.as_ref().is_some_and(|a| &a.accepted_by == id))
                .count(),
            controls: self.controls.iter().filter(|c| named(&c.owner)).count(),
            soa: self.soa.iter().filter(|e| named(&e.owner)).count(),
            actions: self.actions.iter().filter(|a| named(&a.owner)).count(),
            cycle: self.clone().hand_over_in_cycle(id, None),
        }
    }

    /// Hands every place person `id` holds in the ISMS-cycle registers to
    /// `successor` (attendance included), or clears it; returns how many.
    fn hand_over_in_cycle(&mut self, id: &PersonId, successor: Option<&PersonId>) -> usize {
        let mut moved = 0;
        let mut slot = |field: &mut Option<PersonId>| {
            if hand_over(field, id, successor) {
                moved += 1;
            }
        };
        self.clauses.iter_mut().for_each(|c| slot(&mut c.owner));
        for document in &mut self.documents {
            slot(&mut document.owner);
            slot(&mut document.approved_by);
        }
        self.objectives.iter_mut().for_each(|o| slot(&mut o.owner));
        self.audits.iter_mut().for_each(|a| slot(&mut a.auditor));
        for nc in &mut self.nonconformities {
            slot(&mut nc.owner);
            nc.corrective_actions
                .iter_mut()
                .for_each(|a| slot(&mut a.owner));
            if let Some(review) = &mut nc.effectiveness {
                slot(&mut review.reviewed_by);
            }
        }
        self.incidents.iter_mut().for_each(|i| slot(&mut i.owner));
        for review in &mut self.management_reviews {
            review.actions.iter_mut().for_each(|a| slot(&mut a.owner));
        }
        for review in &mut self.management_reviews {
            let before = review.attendees.len();
            if review.attendees.contains(id) {
                moved += 1;
                match successor {
                    Some(next) if !review.attendees.contains(next) => {
                        for attendee in &mut review.attendees {
                            if attendee == id {
                                *attendee = next.clone();
                            }
                        }
                    }
                    _ => review.attendees.retain(|p| p != id),
                }
            }
            debug_assert!(review.attendees.len() <= before);
        }
        moved
    }

    /// Removes person `id`, handing everything they own to `successor`
    /// (or to nobody). An acceptance record needs a person: with a
    /// successor it names them, without one it is removed, since a risk
    /// accepted by nobody is not accepted. Returns what changed hands, or
    /// `None` when there is no such person (or the successor is the person
    /// or unknown).
    pub fn remove_person(
        &mut self,
        id: &PersonId,
        successor: Option<&PersonId>,
    ) -> Option<PersonReferences> {
        if !self.people.iter().any(|p| &p.id == id) {
            return None;
        }
        if let Some(next) = successor {
            if next == id || !self.people.iter().any(|p| &p.id == next) {
                return None;
            }
        }
        let references = self.person_references(id);
        for asset in &mut self.assets {
            hand_over(&mut asset.owner, id, successor);
        }
        for risk in &mut self.risks {
            hand_over(&mut risk.owner, id, successor);
            let accepted_by_them = risk
                .acceptance
                .as_ref()
                .is_some_and(|a| &a.accepted_by == id);
            if accepted_by_them {
                match successor {
                    Some(next) => {
                        if let Some(acceptance) = risk.acceptance.as_mut() {
                            acceptance.accepted_by = next.clone();
                        }
                    }
                    None => risk.acceptance = None,
                }
            }
        }
        for control in &mut self.controls {
            hand_over(&mut control.owner, id, successor);
        }
        for entry in &mut self.soa {
            hand_over(&mut entry.owner, id, successor);
        }
        for action in &mut self.actions {
            hand_over(&mut action.owner, id, successor);
        }
        self.hand_over_in_cycle(id, successor);
        self.people.retain(|p| &p.id != id);
        Some(references)
    }
}
