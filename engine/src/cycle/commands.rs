//! Named commands for the ISMS-cycle registers, in the style of
//! [`crate::commands`]: every change a page makes is one method here, with
//! its cascades, so the workspace stays valid.
//!
//! Upserts drop references to things that do not exist (people, assets,
//! risks, controls, actions, clauses outside the catalogue), as
//! [`Workspace::upsert_action`] does, so a form can never store a dangling
//! link. Deletions unlink what referred to the deleted object.

use super::{
    clause_requirement, Audit, AuditFinding, ClauseAssessment, ClauseStatus, Document,
    DocumentStatus, Incident, ManagementReview, Measurement, NonconformitySource, Objective,
    ReviewAction,
};
use crate::commands::CommandError;
use crate::model::{
    next_free_number, numbered_id, ActionId, ActionStatus, AssetId, AuditId, ClauseId, ControlId,
    Date, DocumentId, FindingId, IncidentId, NonconformityId, ObjectiveId, PersonId, ReviewId,
    Workspace,
};

/// The next `{prefix}-{number:04}` id after `ids`.
fn next_id(prefix: &str, ids: impl Iterator<Item = String>) -> String {
    let ids: Vec<String> = ids.collect();
    numbered_id(
        prefix,
        next_free_number(prefix, ids.iter().map(String::as_str)),
    )
}

pub(super) use crate::commands::upsert;

/// Removes the element with key `id`; true when there was one.
pub(super) fn remove<T, K: PartialEq + ?Sized>(
    items: &mut Vec<T>,
    id: &K,
    key: impl Fn(&T) -> &K,
) -> bool {
    let before = items.len();
    items.retain(|x| key(x) != id);
    before != items.len()
}

pub(super) fn required(text: &str, what: &'static str) -> Result<String, CommandError> {
    let text = text.trim();
    if text.is_empty() {
        Err(CommandError::Empty(what))
    } else {
        Ok(text.to_owned())
    }
}

pub(super) fn known_clause(clause: &ClauseId) -> bool {
    clause_requirement(clause.as_str()).is_some()
}

impl Workspace {
    fn has_person(&self, id: &PersonId) -> bool {
        self.people.iter().any(|p| &p.id == id)
    }

    /// `person` when that person exists, else `None`.
    pub(super) fn existing_person(&self, person: Option<PersonId>) -> Option<PersonId> {
        person.filter(|p| self.has_person(p))
    }

    pub(super) fn keep_controls(&self, controls: &mut Vec<ControlId>) {
        controls.retain(|c| self.controls.iter().any(|x| &x.id == c));
        dedup(controls);
    }

    fn keep_clauses(clauses: &mut Vec<ClauseId>) {
        clauses.retain(known_clause);
        dedup(clauses);
    }

    /// All finding ids with the audit holding each.
    pub(super) fn finding_ids(&self) -> impl Iterator<Item = (&AuditId, &FindingId)> {
        self.audits
            .iter()
            .flat_map(|a| a.findings.iter().map(move |f| (&a.id, &f.id)))
    }

    /// The id a new document gets (`DOC-0009`).
    pub fn next_document_id(&self) -> DocumentId {
        let id = next_id("DOC", self.documents.iter().map(|d| d.id.to_string()));
        DocumentId::try_new(id).expect("numbered ids are valid")
    }

    /// The id a new objective gets (`OBJ-0004`).
    pub fn next_objective_id(&self) -> ObjectiveId {
        let id = next_id("OBJ", self.objectives.iter().map(|o| o.id.to_string()));
        ObjectiveId::try_new(id).expect("numbered ids are valid")
    }

    /// The id a new audit gets (`AUD-0002`).
    pub fn next_audit_id(&self) -> AuditId {
        let id = next_id("AUD", self.audits.iter().map(|a| a.id.to_string()));
        AuditId::try_new(id).expect("numbered ids are valid")
    }

    /// The id a new audit finding gets (`FND-0007`), unique across audits.
    pub fn next_finding_id(&self) -> FindingId {
        let id = next_id("FND", self.finding_ids().map(|(_, f)| f.to_string()));
        FindingId::try_new(id).expect("numbered ids are valid")
    }

    /// The id a new nonconformity gets (`NC-0003`).
    pub fn next_nonconformity_id(&self) -> NonconformityId {
        let id = next_id("NC", self.nonconformities.iter().map(|n| n.id.to_string()));
        NonconformityId::try_new(id).expect("numbered ids are valid")
    }

    /// The id a new incident gets (`INC-0004`).
    pub fn next_incident_id(&self) -> IncidentId {
        let id = next_id("INC", self.incidents.iter().map(|i| i.id.to_string()));
        IncidentId::try_new(id).expect("numbered ids are valid")
    }

    /// The id a new management review gets (`MR-0002`).
    pub fn next_review_id(&self) -> ReviewId {
        let id = next_id(
            "MR",
            self.management_reviews.iter().map(|r| r.id.to_string()),
        );
        ReviewId::try_new(id).expect("numbered ids are valid")
    }

    // --- Clauses -------------------------------------------------------

    /// Stores the assessment of its clause (replacing an earlier one).
    /// False when the clause is not in the catalogue. An owner who does not
    /// exist is dropped.
    pub fn set_clause_assessment(&mut self, mut assessment: ClauseAssessment) -> bool {
        if !known_clause(&assessment.clause) {
            return false;
        }
        assessment.owner = self.existing_person(assessment.owner);
        upsert(&mut self.clauses, assessment, |c| &c.clause);
        true
    }

    /// Sets the status of `clause`, creating its assessment when it has
    /// none. False when the clause is not in the catalogue.
    pub fn set_clause_status(&mut self, clause: &ClauseId, status: ClauseStatus) -> bool {
        if !known_clause(clause) {
            return false;
        }
        match self.clauses.iter_mut().find(|c| &c.clause == clause) {
            Some(assessment) => assessment.status = status,
            None => {
                let mut assessment = ClauseAssessment::new(clause.clone());
                assessment.status = status;
                self.clauses.push(assessment);
            }
        }
        true
    }

    /// Forgets the assessment of `clause` (it becomes "not assessed").
    /// False when it had none.
    pub fn remove_clause_assessment(&mut self, clause: &ClauseId) -> bool {
        remove(&mut self.clauses, clause, |c| &c.clause)
    }

    // --- Documents -----------------------------------------------------

    /// Stores `document` (replacing the one with its id). True when it
    /// replaced one; refused when the title is empty.
    pub fn upsert_document(&mut self, mut document: Document) -> Result<bool, CommandError> {
        document.title = required(&document.title, "document title")?;
        document.owner = self.existing_person(document.owner);
        document.approved_by = self.existing_person(document.approved_by);
        Self::keep_clauses(&mut document.clauses);
        self.keep_controls(&mut document.controls);
        Ok(upsert(&mut self.documents, document, |d| &d.id))
    }

    /// Deletes document `id`. False when there is none.
    pub fn remove_document(&mut self, id: &DocumentId) -> bool {
        remove(&mut self.documents, id, |d| &d.id)
    }

    /// Records that document `id` was reviewed and approved on `on` by
    /// `by` (optionally as a new `version`): the approval moves to that day,
    /// a hand-set next review date is cleared so the interval counts from
    /// the new approval, and a draft becomes approved. False when there is
    /// no such document or it is retired.
    pub fn approve_document(
        &mut self,
        id: &DocumentId,
        on: Date,
        by: Option<PersonId>,
        version: Option<&str>,
    ) -> bool {
        let by = self.existing_person(by);
        let Some(doc) = self.documents.iter_mut().find(|d| &d.id == id) else {
            return false;
        };
        if doc.status == DocumentStatus::Retired {
            return false;
        }
        doc.approved_on = Some(on);
        doc.approved_by = by.or(doc.approved_by.take());
        doc.next_review = None;
        doc.status = DocumentStatus::Approved;
        if let Some(version) = version.map(str::trim).filter(|v| !v.is_empty()) {
            doc.version = version.to_owned();
        }
        true
    }

    // --- Objectives ----------------------------------------------------

    /// Stores `objective` (replacing the one with its id); measurements are
    /// put in date order, the last of two on one day kept. True when it
    /// replaced one; refused when the title is empty or a number is not
    /// finite.
    pub fn upsert_objective(&mut self, mut objective: Objective) -> Result<bool, CommandError> {
        objective.title = required(&objective.title, "objective title")?;
        if !objective.target.is_finite() {
            return Err(CommandError::Invalid("the target must be a number".into()));
        }
        if objective.measurements.iter().any(|m| !m.value.is_finite()) {
            return Err(CommandError::Invalid(
                "every measured value must be a number".into(),
            ));
        }
        objective.owner = self.existing_person(objective.owner);
        Self::keep_clauses(&mut objective.clauses);
        self.keep_controls(&mut objective.controls);
        // Stable sort, then keep the last of each day.
        crate::order::sort_by_key(&mut objective.measurements, |m| m.date);
        let mut measurements: Vec<Measurement> = Vec::with_capacity(objective.measurements.len());
        for m in objective.measurements.drain(..) {
            match measurements.last_mut() {
                Some(last) if last.date == m.date => *last = m,
                _ => measurements.push(m),
            }
        }
        objective.measurements = measurements;
        Ok(upsert(&mut self.objectives, objective, |o| &o.id))
    }

    /// Deletes objective `id` with its measurements. False when there is none.
    pub fn remove_objective(&mut self, id: &ObjectiveId) -> bool {
        remove(&mut self.objectives, id, |o| &o.id)
    }

    /// Adds `measurement` to objective `id` in date order, replacing one of
    /// the same day. `Ok(true)` when it replaced one; refused when there is
    /// no such objective or the value is not finite.
    pub fn record_measurement(
        &mut self,
        id: &ObjectiveId,
        measurement: Measurement,
    ) -> Result<bool, CommandError> {
        if !measurement.value.is_finite() {
            return Err(CommandError::Invalid(
                "the measured value must be a number".into(),
            ));
        }
        let objective = self
            .objectives
            .iter_mut()
            .find(|o| &o.id == id)
            .ok_or_else(|| CommandError::NotFound(id.to_string()))?;
        let list = &mut objective.measurements;
        match list.binary_search_by_key(&measurement.date, |m| m.date) {
            Ok(at) => {
                list[at] = measurement;
                Ok(true)
            }
            Err(at) => {
                list.insert(at, measurement);
                Ok(false)
            }
        }
    }

    /// Removes objective `id`'s measurement of `date`. False when there is
    /// none.
    pub fn remove_measurement(&mut self, id: &ObjectiveId, date: Date) -> bool {
        match self.objectives.iter_mut().find(|o| &o.id == id) {
            Some(o) => remove(&mut o.measurements, &date, |m| &m.date),
            None => false,
        }
    }

    // --- Audits and findings -------------------------------------------

    fn clean_finding(&self, finding: &mut AuditFinding) {
        finding.clause = finding.clause.take().filter(known_clause);
        finding.control = finding
            .control
            .take()
            .filter(|c| self.controls.iter().any(|x| &x.id == c));
    }

    /// Stores `audit` with its findings (replacing the audit with its id).
    /// True when it replaced one; refused when the title is empty, or when
    /// a finding's id is used by another audit or twice in this one.
    /// Nonconformities raised from findings this edit drops become
    /// hand-recorded ones.
    pub fn upsert_audit(&mut self, mut audit: Audit) -> Result<bool, CommandError> {
        audit.title = required(&audit.title, "audit title")?;
        let mut seen: Vec<&FindingId> = Vec::new();
        for finding in &audit.findings {
            let elsewhere = self
                .finding_ids()
                .any(|(a, f)| f == &finding.id && a != &audit.id);
            if elsewhere || seen.contains(&&finding.id) {
                return Err(CommandError::Taken(finding.id.to_string()));
            }
            seen.push(&finding.id);
        }
        audit.auditor = self.existing_person(audit.auditor);
        Self::keep_clauses(&mut audit.clauses);
        self.keep_controls(&mut audit.controls);
        let mut findings = std::mem::take(&mut audit.findings);
        for finding in &mut findings {
            self.clean_finding(finding);
        }
        audit.findings = findings;
        let dropped: Vec<FindingId> = self
            .audits
            .iter()
            .find(|a| a.id == audit.id)
            .map(|old| {
                old.findings
                    .iter()
                    .filter(|f| audit.finding(&f.id).is_none())
                    .map(|f| f.id.clone())
                    .collect()
            })
            .unwrap_or_default();
        for finding in &dropped {
            self.unlink_finding(finding);
        }
        Ok(upsert(&mut self.audits, audit, |a| &a.id))
    }

    /// Nonconformities raised from `finding` become hand-recorded; returns
    /// how many.
    fn unlink_finding(&mut self, finding: &FindingId) -> usize {
        let mut unlinked = 0;
        for nc in &mut self.nonconformities {
            if matches!(&nc.source, NonconformitySource::AuditFinding { finding: f } if f == finding)
            {
                nc.source = NonconformitySource::Manual;
                unlinked += 1;
            }
        }
        unlinked
    }

    /// Deletes audit `id` with its findings; nonconformities raised from
    /// them stay, as hand-recorded ones. Returns how many were unlinked, or
    /// `None` when there is no such audit.
    pub fn remove_audit(&mut self, id: &AuditId) -> Option<usize> {
        let at = self.audits.iter().position(|a| &a.id == id)?;
        let audit = self.audits.remove(at);
        Some(
            audit
                .findings
                .iter()
                .map(|f| self.unlink_finding(&f.id))
                .sum(),
        )
    }

    /// Stores `finding` in audit `audit` (replacing the finding with its
    /// id). `Ok(true)` when it replaced one; refused when there is no such
    /// audit, the description is empty or another audit uses the id.
    pub fn upsert_finding(
        &mut self,
        audit: &AuditId,
        mut finding: AuditFinding,
    ) -> Result<bool, CommandError> {
        finding.description = required(&finding.description, "finding description")?;
        if self
            .finding_ids()
            .any(|(a, f)| f == &finding.id && a != audit)
        {
            return Err(CommandError::Taken(finding.id.to_string()));
        }
        self.clean_finding(&mut finding);
        let target = self
            .audits
            .iter_mut()
            .find(|a| &a.id == audit)
            .ok_or_else(|| CommandError::NotFound(audit.to_string()))?;
        Ok(upsert(&mut target.findings, finding, |f| &f.id))
    }

    /// Deletes finding `id` from its audit; nonconformities raised from it
    /// become hand-recorded. Returns how many, or `None` when there is no
    /// such finding.
    pub fn remove_finding(&mut self, id: &FindingId) -> Option<usize> {
        let audit = self.audits.iter_mut().find(|a| a.finding(id).is_some())?;
        audit.findings.retain(|f| &f.id != id);
        Some(self.unlink_finding(id))
    }

    // --- Incidents -----------------------------------------------------

    /// Stores `incident` (replacing the one with its id); assets, risks and
    /// controls that do not exist are dropped. True when it replaced one;
    /// refused when the title is empty.
    pub fn upsert_incident(&mut self, mut incident: Incident) -> Result<bool, CommandError> {
        incident.title = required(&incident.title, "incident title")?;
        incident.owner = self.existing_person(incident.owner.take());
        incident
            .assets
            .retain(|a| self.assets.iter().any(|x| &x.id == a));
        dedup(&mut incident.assets);
        incident
            .risks
            .retain(|r| self.risks.iter().any(|x| &x.id == r));
        dedup(&mut incident.risks);
        self.keep_controls(&mut incident.controls);
        Ok(upsert(&mut self.incidents, incident, |i| &i.id))
    }

    /// Deletes incident `id`; nonconformities raised from it stay, as
    /// hand-recorded ones. Returns how many were unlinked, or `None` when
    /// there is no such incident.
    pub fn remove_incident(&mut self, id: &IncidentId) -> Option<usize> {
        if !remove(&mut self.incidents, id, |i| &i.id) {
            return None;
        }
        let mut unlinked = 0;
        for nc in &mut self.nonconformities {
            if matches!(&nc.source, NonconformitySource::Incident { incident } if incident == id) {
                nc.source = NonconformitySource::Manual;
                unlinked += 1;
            }
        }
        Some(unlinked)
    }

    // --- Management reviews --------------------------------------------

    /// Stores `review` (replacing the one with its id); attendees and
    /// owners who do not exist are dropped, empty decisions too. True when
    /// it replaced one; refused when the title is empty.
    pub fn upsert_management_review(
        &mut self,
        mut review: ManagementReview,
    ) -> Result<bool, CommandError> {
        review.title = required(&review.title, "review title")?;
        review.attendees.retain(|p| self.has_person(p));
        dedup(&mut review.attendees);
        review.decisions.retain(|d| !d.trim().is_empty());
        for action in &mut review.actions {
            action.owner = self.existing_person(action.owner.take());
        }
        review.actions.retain(|a| !a.title.trim().is_empty());
        Ok(upsert(&mut self.management_reviews, review, |r| &r.id))
    }

    /// Deletes management review `id`. False when there is none.
    pub fn remove_management_review(&mut self, id: &ReviewId) -> bool {
        remove(&mut self.management_reviews, id, |r| &r.id)
    }

    /// Adds `action` to management review `id` (its owner kept only when
    /// the person exists). Refused when the review is gone or the action
    /// has no title.
    pub fn add_review_action(
        &mut self,
        id: &ReviewId,
        mut action: ReviewAction,
    ) -> Result<(), CommandError> {
        action.title = required(&action.title, "action title")?;
        action.owner = self.existing_person(action.owner.take());
        let review = self
            .management_reviews
            .iter_mut()
            .find(|r| &r.id == id)
            .ok_or_else(|| CommandError::NotFound(format!("review {id}")))?;
        review.actions.push(action);
        Ok(())
    }

    /// Sets the status of action `index` of management review `id`. False
    /// when there is no such review or action.
    pub fn set_review_action_status(
        &mut self,
        id: &ReviewId,
        index: usize,
        status: ActionStatus,
    ) -> bool {
        match self
            .management_reviews
            .iter_mut()
            .find(|r| &r.id == id)
            .and_then(|r| r.actions.get_mut(index))
        {
            Some(action) => {
                action.status = status;
                true
            }
            None => false,
        }
    }

    // --- Cascades from the other registers ------------------------------

    /// Removes asset `id` from every incident; returns how many named it.
    pub(crate) fn unlink_asset_from_cycle(&mut self, id: &AssetId) -> usize {
        let mut unlinked = 0;
        for incident in &mut self.incidents {
            let before = incident.assets.len();
            incident.assets.retain(|a| a != id);
            unlinked += usize::from(before != incident.assets.len());
        }
        unlinked
    }

    /// Removes the treatment-plan link `id` from every corrective action;
    /// returns how many named it.
    pub(crate) fn unlink_action_from_cycle(&mut self, id: &ActionId) -> usize {
        let mut unlinked = 0;
        for action in self
            .nonconformities
            .iter_mut()
            .flat_map(|n| n.corrective_actions.iter_mut())
        {
            if action.action.as_ref() == Some(id) {
                action.action = None;
                unlinked += 1;
            }
        }
        unlinked
    }
}

/// Keeps the first of repeated values, in order.
pub(super) fn dedup<T: PartialEq + Clone>(items: &mut Vec<T>) {
    let mut kept: Vec<T> = Vec::with_capacity(items.len());
    for item in items.drain(..) {
        if !kept.contains(&item) {
            kept.push(item);
        }
    }
    *items = kept;
}

/// The first line of `text`, at most 80 characters, for a title.
pub(super) fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default().trim();
    let mut title: String = line.chars().take(80).collect();
    if title.len() < line.len() {
        title.push('…');
    }
    title
}
