//! Referential integrity of the ISMS-cycle registers: duplicate ids,
//! clause numbers outside the catalogue and references to people, assets,
//! risks, controls, actions, findings and incidents that do not exist.
//! Called from [`crate::integrity`], so import refuses such a workspace and
//! the checks report it for one edited in place.

use super::clause_requirement;
use crate::fast_hash::FastMap;
use crate::integrity::{ids, missing, IntegrityProblem, ObjectKind, ObjectRef, Registers};
use crate::model::{ClauseId, Workspace};

/// Collects the problems of one object: each with a path and a message.
struct Problems<'o> {
    out: &'o mut Vec<IntegrityProblem>,
    object: ObjectRef,
}

impl Problems<'_> {
    fn push(&mut self, path: String, message: String) {
        self.out.push(IntegrityProblem {
            path,
            object: self.object.clone(),
            message,
        });
    }

    /// A reference of `kind` at `path`, when it is given and unknown.
    fn reference(
        &mut self,
        registers: &Registers,
        kind: ObjectKind,
        path: String,
        id: Option<&str>,
    ) {
        if let Some(id) = id {
            if !registers.has(kind, id) {
                self.push(path, missing(kind_word(kind), id));
            }
        }
    }

    fn references<'a>(
        &mut self,
        registers: &Registers,
        kind: ObjectKind,
        path: &str,
        ids: impl Iterator<Item = &'a str>,
    ) {
        for (j, id) in ids.enumerate() {
            self.reference(registers, kind, format!("{path}[{j}]"), Some(id));
        }
    }

    fn clause(&mut self, path: String, clause: Option<&ClauseId>) {
        if let Some(clause) = clause {
            if clause_requirement(clause.as_str()).is_none() {
                self.push(
                    path,
                    format!(
                        "refers to clause {:?}, which is not in the clause catalogue (4.1 to 10.2)",
                        clause.as_str()
                    ),
                );
            }
        }
    }

    fn clauses(&mut self, path: &str, clauses: &[ClauseId]) {
        for (j, clause) in clauses.iter().enumerate() {
            self.clause(format!("{path}[{j}]"), Some(clause));
        }
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
            object: ObjectRef::new(ObjectKind::Clause, clause),
        };
        p.clause(format!("clauses[{i}].clause"), Some(&assessment.clause));
        if let Some(first) = seen_clauses.insert(clause, i) {
            p.push(
                format!("clauses[{i}].clause"),
                format!("clause {clause:?} is already assessed at clauses[{first}]; keep one"),
            );
        }
        let owner = assessment.owner.as_ref().map(|o| o.as_str());
        p.reference(registers, Person, format!("clauses[{i}].owner"), owner);
    }

    ids(
        ws.documents.iter().map(|d| d.id.as_str()),
        "documents",
        ObjectKind::Document,
        out,
    );
    for (i, doc) in ws.documents.iter().enumerate() {
        let mut p = Problems {
            out,
            object: ObjectRef::new(ObjectKind::Document, doc.id.as_str()),
        };
        let owner = doc.owner.as_ref().map(|o| o.as_str());
        p.reference(registers, Person, format!("documents[{i}].owner"), owner);
        let approver = doc.approved_by.as_ref().map(|o| o.as_str());
        p.reference(
            registers,
            Person,
            format!("documents[{i}].approved_by"),
            approver,
        );
        p.clauses(&format!("documents[{i}].clauses"), &doc.clauses);
        let controls = doc.controls.iter().map(|c| c.as_str());
        p.references(
            registers,
            Control,
            &format!("documents[{i}].controls"),
            controls,
        );
    }

    ids(
        ws.objectives.iter().map(|o| o.id.as_str()),
        "objectives",
        ObjectKind::Objective,
        out,
    );
    for (i, objective) in ws.objectives.iter().enumerate() {
        let mut p = Problems {
            out,
            object: ObjectRef::new(ObjectKind::Objective, objective.id.as_str()),
        };
        let owner = objective.owner.as_ref().map(|o| o.as_str());
        p.reference(registers, Person, format!("objectives[{i}].owner"), owner);
        p.clauses(&format!("objectives[{i}].clauses"), &objective.clauses);
        let controls = objective.controls.iter().map(|c| c.as_str());
        p.references(
            registers,
            Control,
            &format!("objectives[{i}].controls"),
            controls,
        );
        if !objective.target.is_finite() {
            p.push(
                format!("objectives[{i}].target"),
                "the target must be a finite number".into(),
            );
        }
        let mut dates: FastMap<_, usize> = FastMap::default();
        for (j, m) in objective.measurements.iter().enumerate() {
            if !m.value.is_finite() {
                p.push(
                    format!("objectives[{i}].measurements[{j}].value"),
                    "a measured value must be a finite number".into(),
                );
            }
            if let Some(first) = dates.insert(m.date, j) {
                p.push(
                    format!("objectives[{i}].measurements[{j}].date"),
                    format!(
                        "{} is already measured at measurements[{first}]; one measurement per day",
                        m.date
                    ),
                );
            }
        }
    }

    ids(
        ws.audits.iter().map(|a| a.id.as_str()),
        "audits",
        ObjectKind::Audit,
        out,
    );
    let mut findings: FastMap<&str, (usize, usize)> = FastMap::default();
    for (i, audit) in ws.audits.iter().enumerate() {
        let mut p = Problems {
            out,
            object: ObjectRef::new(ObjectKind::Audit, audit.id.as_str()),
        };
        let auditor = audit.auditor.as_ref().map(|o| o.as_str());
        p.reference(registers, Person, format!("audits[{i}].auditor"), auditor);
        p.clauses(&format!("audits[{i}].clauses"), &audit.clauses);
        let controls = audit.controls.iter().map(|c| c.as_str());
        p.references(
            registers,
            Control,
            &format!("audits[{i}].controls"),
            controls,
        );
        for (j, finding) in audit.findings.iter().enumerate() {
            let path = format!("audits[{i}].findings[{j}]");
            if let Some((a, f)) = findings.insert(finding.id.as_str(), (i, j)) {
                p.push(
                    format!("{path}.id"),
                    format!(
                        "id {:?} is already used by audits[{a}].findings[{f}]; every finding needs its own id",
                        finding.id.as_str()
                    ),
                );
            }
            p.clause(format!("{path}.clause"), finding.clause.as_ref());
            let control = finding.control.as_ref().map(|c| c.as_str());
            p.reference(registers, Control, format!("{path}.control"), control);
        }
    }

    ids(
        ws.nonconformities.iter().map(|n| n.id.as_str()),
        "nonconformities",
        ObjectKind::Nonconformity,
        out,
    );
    for (i, nc) in ws.nonconformities.iter().enumerate() {
        let mut p = Problems {
            out,
            object: ObjectRef::new(ObjectKind::Nonconformity, nc.id.as_str()),
        };
        match &nc.source {
            super::NonconformitySource::Manual => {}
            super::NonconformitySource::AuditFinding { finding } => {
                if !findings.contains_key(finding.as_str()) {
                    p.push(
                        format!("nonconformities[{i}].source.finding"),
                        missing("audit finding", finding.as_str()),
                    );
                }
            }
            super::NonconformitySource::Incident { incident } => {
                if !ws.incidents.iter().any(|x| &x.id == incident) {
                    p.push(
                        format!("nonconformities[{i}].source.incident"),
                        missing("incident", incident.as_str()),
                    );
                }
            }
        }
        let owner = nc.owner.as_ref().map(|o| o.as_str());
        p.reference(
            registers,
            Person,
            format!("nonconformities[{i}].owner"),
            owner,
        );
        p.clause(format!("nonconformities[{i}].clause"), nc.clause.as_ref());
        let controls = nc.controls.iter().map(|c| c.as_str());
        p.references(
            registers,
            Control,
            &format!("nonconformities[{i}].controls"),
            controls,
        );
        for (j, action) in nc.corrective_actions.iter().enumerate() {
            let path = format!("nonconformities[{i}].corrective_actions[{j}]");
            let owner = action.owner.as_ref().map(|o| o.as_str());
            p.reference(registers, Person, format!("{path}.owner"), owner);
            let linked = action.action.as_ref().map(|a| a.as_str());
            p.reference(registers, Action, format!("{path}.action"), linked);
        }
        if let Some(review) = &nc.effectiveness {
            let by = review.reviewed_by.as_ref().map(|o| o.as_str());
            p.reference(
                registers,
                Person,
                format!("nonconformities[{i}].effectiveness.reviewed_by"),
                by,
            );
        }
    }

    ids(
        ws.incidents.iter().map(|x| x.id.as_str()),
        "incidents",
        ObjectKind::Incident,
        out,
    );
    for (i, incident) in ws.incidents.iter().enumerate() {
        let mut p = Problems {
            out,
            object: ObjectRef::new(ObjectKind::Incident, incident.id.as_str()),
        };
        let owner = incident.owner.as_ref().map(|o| o.as_str());
        p.reference(registers, Person, format!("incidents[{i}].owner"), owner);
        let assets = incident.assets.iter().map(|a| a.as_str());
        p.references(registers, Asset, &format!("incidents[{i}].assets"), assets);
        let risks = incident.risks.iter().map(|r| r.as_str());
        p.references(registers, Risk, &format!("incidents[{i}].risks"), risks);
        let controls = incident.controls.iter().map(|c| c.as_str());
        p.references(
            registers,
            Control,
            &format!("incidents[{i}].controls"),
            controls,
        );
    }

    ids(
        ws.management_reviews.iter().map(|r| r.id.as_str()),
        "management_reviews",
        ObjectKind::ManagementReview,
        out,
    );
    for (i, review) in ws.management_reviews.iter().enumerate() {
        let mut p = Problems {
            out,
            object: ObjectRef::new(ObjectKind::ManagementReview, review.id.as_str()),
        };
        let attendees = review.attendees.iter().map(|a| a.as_str());
        p.references(
            registers,
            Person,
            &format!("management_reviews[{i}].attendees"),
            attendees,
        );
        for (j, action) in review.actions.iter().enumerate() {
            let owner = action.owner.as_ref().map(|o| o.as_str());
            p.reference(
                registers,
                Person,
                format!("management_reviews[{i}].actions[{j}].owner"),
                owner,
            );
        }
    }
}
