//! Referential integrity of the ISMS-cycle registers: duplicate ids,
//! clause numbers outside the catalogue and references to people, assets,
//! risks, controls, actions, findings and incidents that do not exist.
//! Called from [`crate::integrity`], so import refuses such a workspace and
//! the checks report it for one edited in place.

use super::clause_requirement;
use crate::fast_hash::FastMap;
use crate::integrity::{ids, missing, IntegrityProblem, ObjectKind, ObjectRef, Registers};
use crate::model::{ClauseId, Workspace};
use std::borrow::Borrow;

/// Collects the problems of one object: each with a path and a message.
struct Problems<'o> {
    out: &'o mut Vec<IntegrityProblem>,
    registers: &'o Registers<'o>,
    object: ObjectRef,
    /// The object's path: `documents[2]`.
    at: String,
}

impl Problems<'_> {
    /// The path of `field` of the object: `documents[2].owner`.
    fn path(&self, field: &str) -> String {
        format!("{}.{field}", self.at)
    }

    fn push(&mut self, path: String, message: String) {
        self.out.push(IntegrityProblem {
            path,
            object: self.object.clone(),
            message,
        });
    }

    /// A reference of `kind` in `field`, when it is given and unknown.
    fn reference<Id: Borrow<str>>(&mut self, kind: ObjectKind, field: &str, id: Option<&Id>) {
        if let Some(id) = id.map(Borrow::borrow) {
            if !self.registers.has(kind, id) {
                self.push(self.path(field), missing(kind_word(kind), id));
            }
        }
    }

    /// Each reference of `kind` in the list `field` that is unknown.
    fn references<Id: Borrow<str>>(&mut self, kind: ObjectKind, field: &str, ids: &[Id]) {
        for (j, id) in ids.iter().enumerate() {
            self.reference(kind, &format!("{field}[{j}]"), Some(id));
        }
    }

    fn clause(&mut self, field: &str, clause: Option<&ClauseId>) {
        if let Some(clause) = clause {
            if clause_requirement(clause.as_str()).is_none() {
                self.push(
                    self.path(field),
                    format!(
                        "refers to clause {:?}, which is not in the clause catalogue (4.1 to 10.2)",
                        clause.as_str()
                    ),
                );
            }
        }
    }

    fn clauses(&mut self, field: &str, clauses: &[ClauseId]) {
        for (j, clause) in clauses.iter().enumerate() {
            self.clause(&format!("{field}[{j}]"), Some(clause));
        }
    }
}

/// Checks that the ids of `register` are unique, then runs `check` on the
/// problems of each of its objects.
fn each_object<'w, T>(
    out: &mut Vec<IntegrityProblem>,
    registers: &Registers,
    (register, kind): (&str, ObjectKind),
    items: &'w [T],
    id: impl Fn(&'w T) -> &'w str,
    mut check: impl FnMut(&mut Problems, &'w T),
) {
    ids(items.iter().map(&id), register, kind, out);
    for (i, item) in items.iter().enumerate() {
        let mut p = Problems {
            out,
            registers,
            object: ObjectRef::new(kind, id(item)),
            at: format!("{register}[{i}]"),
        };
        check(&mut p, item);
    }
}

fn kind_word(kind: ObjectKind) -> &'static str {
    match kind {
        ObjectKind::Person => "person",
        ObjectKind::Asset => "asset",
        ObjectKind::Risk => "risk",
        ObjectKind::Control => "control",
        ObjectKind::Action => "action",
        other => other.name(),
    }
}

/// Pushes every integrity problem of the ISMS-cycle registers onto `out`,
/// register by register in the workspace's order.
pub(crate) fn check(ws: &Workspace, registers: &Registers, out: &mut Vec<IntegrityProblem>) {
    use ObjectKind::{Action, Asset, Control, Person, Risk};
    let mut seen_clauses: FastMap<&str, usize> = FastMap::default();
    for (i, assessment) in ws.clauses.iter().enumerate() {
        let clause = assessment.clause.as_str();
        let mut p = Problems {
            out,
            registers,
            object: ObjectRef::new(ObjectKind::Clause, clause),
            at: format!("clauses[{i}]"),
        };
        p.clause("clause", Some(&assessment.clause));
        if let Some(first) = seen_clauses.insert(clause, i) {
            p.push(
                p.path("clause"),
                format!("clause {clause:?} is already assessed at clauses[{first}]; keep one"),
            );
        }
        p.reference(Person, "owner", assessment.owner.as_ref());
    }

    let documents = ("documents", ObjectKind::Document);
    each_object(
        out,
        registers,
        documents,
        &ws.documents,
        |d| d.id.as_str(),
        |p, doc| {
            p.reference(Person, "owner", doc.owner.as_ref());
            p.reference(Person, "approved_by", doc.approved_by.as_ref());
            p.clauses("clauses", &doc.clauses);
            p.references(Control, "controls", &doc.controls);
        },
    );

    let objectives = ("objectives", ObjectKind::Objective);
    each_object(
        out,
        registers,
        objectives,
        &ws.objectives,
        |o| o.id.as_str(),
        |p, objective| {
            p.reference(Person, "owner", objective.owner.as_ref());
            p.clauses("clauses", &objective.clauses);
            p.references(Control, "controls", &objective.controls);
            if !objective.target.is_finite() {
                p.push(
                    p.path("target"),
                    "the target must be a finite number".into(),
                );
            }
            let mut dates: FastMap<_, usize> = FastMap::default();
            for (j, m) in objective.measurements.iter().enumerate() {
                if !m.value.is_finite() {
                    p.push(
                        p.path(&format!("measurements[{j}].value")),
                        "a measured value must be a finite number".into(),
                    );
                }
                if let Some(first) = dates.insert(m.date, j) {
                    p.push(
                        p.path(&format!("measurements[{j}].date")),
                        format!(
                        "{} is already measured at measurements[{first}]; one measurement per day",
                        m.date
                    ),
                    );
                }
            }
        },
    );

    // Each finding id with the path of the finding that has it.
    let mut findings: FastMap<&str, String> = FastMap::default();
    let audits = ("audits", ObjectKind::Audit);
    each_object(
        out,
        registers,
        audits,
        &ws.audits,
        |a| a.id.as_str(),
        |p, audit| {
            p.reference(Person, "auditor", audit.auditor.as_ref());
            p.clauses("clauses", &audit.clauses);
            p.references(Control, "controls", &audit.controls);
            for (j, finding) in audit.findings.iter().enumerate() {
                let field = format!("findings[{j}]");
                if let Some(first) = findings.insert(finding.id.as_str(), p.path(&field)) {
                    p.push(
                        p.path(&format!("{field}.id")),
                        format!(
                            "id {:?} is already used by {first}; every finding needs its own id",
                            finding.id.as_str()
                        ),
                    );
                }
                p.clause(&format!("{field}.clause"), finding.clause.as_ref());
                p.reference(
                    Control,
                    &format!("{field}.control"),
                    finding.control.as_ref(),
                );
            }
        },
    );

    let nonconformities = ("nonconformities", ObjectKind::Nonconformity);
    each_object(
        out,
        registers,
        nonconformities,
        &ws.nonconformities,
        |n| n.id.as_str(),
        |p, nc| {
            match &nc.source {
                super::NonconformitySource::Manual => {}
                super::NonconformitySource::AuditFinding { finding } => {
                    if !findings.contains_key(finding.as_str()) {
                        p.push(
                            p.path("source.finding"),
                            missing("audit finding", finding.as_str()),
                        );
                    }
                }
                super::NonconformitySource::Incident { incident } => {
                    if !ws.incidents.iter().any(|x| &x.id == incident) {
                        p.push(
                            p.path("source.incident"),
                            missing("incident", incident.as_str()),
                        );
                    }
                }
            }
            p.reference(Person, "owner", nc.owner.as_ref());
            p.clause("clause", nc.clause.as_ref());
            p.references(Control, "controls", &nc.controls);
            for (j, action) in nc.corrective_actions.iter().enumerate() {
                let field = format!("corrective_actions[{j}]");
                p.reference(Person, &format!("{field}.owner"), action.owner.as_ref());
                p.reference(Action, &format!("{field}.action"), action.action.as_ref());
            }
            if let Some(review) = &nc.effectiveness {
                p.reference(
                    Person,
                    "effectiveness.reviewed_by",
                    review.reviewed_by.as_ref(),
                );
            }
        },
    );

    let incidents = ("incidents", ObjectKind::Incident);
    each_object(
        out,
        registers,
        incidents,
        &ws.incidents,
        |x| x.id.as_str(),
        |p, incident| {
            p.reference(Person, "owner", incident.owner.as_ref());
            p.references(Asset, "assets", &incident.assets);
            p.references(Risk, "risks", &incident.risks);
            p.references(Control, "controls", &incident.controls);
        },
    );

    let reviews = ("management_reviews", ObjectKind::ManagementReview);
    each_object(
        out,
        registers,
        reviews,
        &ws.management_reviews,
        |r| r.id.as_str(),
        |p, review| {
            p.references(Person, "attendees", &review.attendees);
            for (j, action) in review.actions.iter().enumerate() {
                p.reference(
                    Person,
                    &format!("actions[{j}].owner"),
                    action.owner.as_ref(),
                );
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use crate::demo::demo_organisation;
    use crate::integrity::problems;
    use crate::model::{AuditId, ClauseId, ControlId, PersonId};

    #[test]
    fn problems_name_the_path_of_the_field_and_the_first_holder_of_an_id() {
        let mut ws = demo_organisation();
        let mut copy = ws.audits[0].clone();
        assert!(
            !copy.findings.is_empty(),
            "the demo's first audit has findings"
        );
        copy.id = AuditId::try_new("AUD-0099").unwrap();
        ws.audits.push(copy);
        let last = ws.audits.len() - 1;
        ws.documents[1].approved_by = Some(PersonId::try_new("P-99").unwrap());
        ws.documents[1]
            .clauses
            .push(ClauseId::try_new("11.1").unwrap());
        ws.incidents[0].controls = vec![ControlId::try_new("A.9.9").unwrap()];
        let found: Vec<(String, String)> = problems(&ws)
            .into_iter()
            .map(|p| (p.path, p.message))
            .collect();
        let at = |path: &str| {
            found
                .iter()
                .find(|(p, _)| p == path)
                .map(|(_, m)| m.as_str())
                .unwrap_or_else(|| panic!("no problem at {path}: {found:#?}"))
        };
        assert!(at("documents[1].approved_by").contains("\"P-99\""));
        let clause = format!(
            "documents[1].clauses[{}]",
            ws.documents[1].clauses.len() - 1
        );
        assert_eq!(
            at(&clause),
            "refers to clause \"11.1\", which is not in the clause catalogue (4.1 to 10.2)"
        );
        assert!(at("incidents[0].controls[0]").contains("\"A.9.9\""));
        let finding = ws.audits[0].findings[0].id.as_str();
        assert_eq!(
            at(&format!("audits[{last}].findings[0].id")),
            format!(
                "id {finding:?} is already used by audits[0].findings[0]; every finding needs its own id"
            )
        );
    }
}
