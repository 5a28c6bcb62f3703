//! The plan of action and milestones (open treatment actions and open
//! nonconformities) and the assessment results (internal audits and their
//! findings).

use super::{date_time, resource, text_or, token, Doc};
use crate::cycle::{AuditStatus, FindingClass, NonconformityStatus};
use crate::model::{ActionStatus, Date, PersonId, TreatmentDecision};
use serde_json::{json, Value};

fn person_name(doc: &Doc, id: Option<&PersonId>) -> Option<String> {
    let id = id?;
    let person = doc.workspace.people.iter().find(|p| &p.id == id)?;
    Some(text_or(&person.name, id.as_str()))
}

/// A remediation ("response") for one step, with a milestone on its due date.
struct Step<'a> {
    key: String,
    title: &'a str,
    description: &'a str,
    owner: Option<&'a PersonId>,
    due: Option<Date>,
    status: ActionStatus,
    reference: String,
}

fn remediation(doc: &Doc, step: &Step) -> Value {
    let lifecycle = if step.status == ActionStatus::Done {
        "completed"
    } else {
        "planned"
    };
    let status = match step.status {
        ActionStatus::Planned => "planned",
        ActionStatus::InProgress => "in progress",
        ActionStatus::Done => "done",
        ActionStatus::Cancelled => "cancelled",
    };
    let mut remarks = format!("{}; status {status}", step.reference);
    if let Some(owner) = person_name(doc, step.owner) {
        remarks.push_str(&format!("; owner {owner}"));
    }
    remarks.push('.');
    let title = text_or(step.title, &step.reference);
    let mut value = json!({
        "uuid": doc.uuid(&format!("remediation/{}", step.key)),
        "lifecycle": lifecycle,
        "title": title,
        "description": text_or(step.description, &title),
        "remarks": remarks,
    });
    if let Some(due) = step.due {
        value["tasks"] = json!([{
            "uuid": doc.uuid(&format!("task/{}", step.key)),
            "type": "milestone",
            "title": format!("Due: {title}"),
            "timing": { "on-date": { "date": date_time(due) } },
        }]);
    }
    value
}

fn step_of(action: &crate::model::Action, key: String) -> Step<'_> {
    Step {
        key,
        title: &action.title,
        description: &action.description,
        owner: action.owner.as_ref(),
        due: action.due,
        status: action.status,
        reference: format!("Treatment action {}", action.id),
    }
}

fn decision_words(decision: TreatmentDecision) -> &'static str {
    match decision {
        TreatmentDecision::Mitigate => "reduce the risk",
        TreatmentDecision::Accept => "accept the risk",
        TreatmentDecision::Transfer => "share the risk",
        TreatmentDecision::Avoid => "avoid the risk",
        TreatmentDecision::Undecided => "not decided yet",
    }
}

/// The POA&M: one item per risk with open treatment actions (the actions as
/// its planned remediations), one per open action that treats no risk, and
/// one per open nonconformity (its corrective actions as remediations).
pub(super) fn poam(doc: &Doc) -> Result<Value, String> {
    let ws = doc.workspace;
    let mut risks = Vec::new();
    let mut items = Vec::new();
    for risk in &ws.risks {
        let open: Vec<_> = ws
            .actions
            .iter()
            .filter(|a| a.status.is_open() && a.risks.contains(&risk.id))
            .collect();
        if open.is_empty() {
            continue;
        }
        let uuid = doc.uuid(&format!("risk/{}", risk.id));
        let title = format!("{}: {}", risk.id, text_or(&risk.title, "risk"));
        let remediating = open.iter().any(|a| a.status == ActionStatus::InProgress);
        let mut statement = format!(
            "Treatment decision: {}.",
            decision_words(risk.treatment.decision)
        );
        if !risk.treatment.rationale.trim().is_empty() {
            statement.push_str(&format!(" {}", risk.treatment.rationale.trim()));
        }
        let mut value = json!({
            "uuid": uuid,
            "title": title,
            "description": text_or(&risk.description, &title),
            "statement": statement,
            "status": if remediating { "remediating" } else { "open" },
            "remediations": open
                .iter()
                .map(|a| remediation(doc, &step_of(a, format!("{}/{}", risk.id, a.id))))
                .collect::<Vec<_>>(),
        });
        if let Some(deadline) = open.iter().filter_map(|a| a.due).max() {
            value["deadline"] = json!(date_time(deadline));
        }
        risks.push(value);
        items.push(json!({
            "uuid": doc.uuid(&format!("poam-item/risk/{}", risk.id)),
            "title": title,
            "description": format!(
                "Risk {} has {} open treatment action(s) in the risk treatment plan.",
                risk.id,
                open.len()
            ),
            "related-risks": [{ "risk-uuid": uuid }],
        }));
    }
    for action in ws
        .actions
        .iter()
        .filter(|a| a.status.is_open() && a.risks.is_empty())
    {
        let step = step_of(action, action.id.to_string());
        let mut item = json!({
            "uuid": doc.uuid(&format!("poam-item/action/{}", action.id)),
            "title": format!("{}: {}", action.id, text_or(&action.title, "action")),
            "description": text_or(&action.description, &text_or(&action.title, "Open action.")),
            "remarks": format!("Treats no risk directly. {}", remediation(doc, &step)["remarks"].as_str().unwrap_or_default()),
        });
        if let Some(due) = action.due {
            item["remarks"] = json!(format!(
                "{} Due {due}.",
                item["remarks"].as_str().unwrap_or_default()
            ));
        }
        items.push(item);
    }
    for nc in ws.nonconformities.iter().filter(|n| n.is_open()) {
        let uuid = doc.uuid(&format!("risk/nonconformity/{}", nc.id));
        let title = format!("{}: {}", nc.id, text_or(&nc.title, "nonconformity"));
        let mut statement = format!(
            "Root cause: {}",
            text_or(&nc.root_cause, "not recorded yet.")
        );
        if !nc.correction.trim().is_empty() {
            statement.push_str(&format!("\n\nCorrection: {}", nc.correction.trim()));
        }
        let remediations: Vec<Value> = nc
            .corrective_actions
            .iter()
            .enumerate()
            .filter(|(_, c)| c.status != ActionStatus::Cancelled)
            .map(|(i, c)| {
                let step = Step {
                    key: format!("{}/{}", nc.id, i + 1),
                    title: &c.title,
                    description: &c.title,
                    owner: c.owner.as_ref(),
                    due: c.due,
                    status: c.status,
                    reference: format!("Corrective action {} of {}", i + 1, nc.id),
                };
                remediation(doc, &step)
            })
            .collect();
        let mut value = json!({
            "uuid": uuid,
            "title": title,
            "description": text_or(&nc.description, &title),
            "statement": statement,
            "status": match nc.status {
                NonconformityStatus::Open => "open",
                _ => "remediating",
            },
        });
        if !remediations.is_empty() {
            value["remediations"] = json!(remediations);
        }
        if let Some(due) = nc.due {
            value["deadline"] = json!(date_time(due));
        }
        risks.push(value);
        let controls: Vec<&str> = nc.controls.iter().map(|c| c.as_str()).collect();
        let mut description = format!("Open nonconformity {}", nc.id);
        if !controls.is_empty() {
            description.push_str(&format!(" concerning {}", controls.join(", ")));
        }
        description.push('.');
        items.push(json!({
            "uuid": doc.uuid(&format!("poam-item/nonconformity/{}", nc.id)),
            "title": title,
            "description": description,
            "related-risks": [{ "risk-uuid": uuid }],
        }));
    }
    if items.is_empty() {
        return Err(
            "No treatment action and no nonconformity is open, so a plan of action \
                    and milestones would be empty."
                .into(),
        );
    }
    let mut plan = json!({
        "uuid": doc.uuid("poam"),
        "metadata": doc.metadata("Plan of action and milestones", &[], &[]),
        "system-id": { "identifier-type": "https://ietf.org/rfc/rfc4122", "id": doc.uuid("system") },
        "poam-items": items,
    });
    if !risks.is_empty() {
        plan["risks"] = json!(risks);
    }
    Ok(json!({ "plan-of-action-and-milestones": plan }))
}

fn class_words(class: FindingClass) -> &'static str {
    match class {
        FindingClass::MajorNonconformity => "Major nonconformity",
        FindingClass::MinorNonconformity => "Minor nonconformity",
        FindingClass::Observation => "Observation",
        FindingClass::OpportunityForImprovement => "Opportunity for improvement",
    }
}

/// The assessment results: one result per internal audit that has started
/// (in progress or completed), its findings with their class and target.
pub(super) fn assessment_results(doc: &Doc) -> Result<Value, String> {
    let ws = doc.workspace;
    let audits: Vec<_> = ws
        .audits
        .iter()
        .filter(|a| matches!(a.status, AuditStatus::InProgress | AuditStatus::Completed))
        .collect();
    if audits.is_empty() {
        return Err(
            "No internal audit is in progress or completed, so there are no \
                    assessment results yet."
                .into(),
        );
    }
    let auditors: Vec<&PersonId> = audits.iter().filter_map(|a| a.auditor.as_ref()).collect();
    let results: Vec<Value> = audits
        .iter()
        .map(|audit| {
            let mut controls: Vec<String> =
                audit.controls.iter().map(|c| token(c.as_str())).collect();
            for finding in &audit.findings {
                if let Some(control) = &finding.control {
                    let id = token(control.as_str());
                    if !controls.contains(&id) {
                        controls.push(id);
                    }
                }
            }
            let selection = if controls.is_empty() {
                json!({ "description": "The audit named no control; its scope is the clauses listed in the remarks.", "include-all": {} })
            } else {
                json!({ "include-controls": controls.iter().map(|c| json!({ "control-id": c })).collect::<Vec<_>>() })
            };
            let mut remarks = Vec::new();
            if !audit.clauses.is_empty() {
                let clauses: Vec<&str> = audit.clauses.iter().map(|c| c.as_str()).collect();
                remarks.push(format!("Clauses in scope: {}.", clauses.join(", ")));
            }
            if let Some(name) = person_name(doc, audit.auditor.as_ref()) {
                remarks.push(format!("Lead auditor: {name}."));
            }
            if audit.start.is_none() {
                remarks.push("No start date is recorded; the export time stands in.".into());
            }
            let start = audit.start.or(audit.end).map(date_time);
            let mut result = json!({
                "uuid": doc.uuid(&format!("result/{}", audit.id)),
                "title": format!("{}: {}", audit.id, text_or(&audit.title, "internal audit")),
                "description": text_or(&audit.summary, &format!("Internal audit {}.", audit.id)),
                "start": start.as_deref().unwrap_or(doc.generated),
                "reviewed-controls": { "control-selections": [selection] },
            });
            if let (AuditStatus::Completed, Some(end)) = (audit.status, audit.end) {
                result["end"] = json!(date_time(end));
            }
            if !remarks.is_empty() {
                result["remarks"] = json!(remarks.join(" "));
            }
            let findings: Vec<Value> = audit
                .findings
                .iter()
                .map(|f| {
                    let target = match (&f.control, &f.clause) {
                        (Some(control), _) => token(control.as_str()),
                        (None, Some(clause)) => format!("clause-{clause}"),
                        (None, None) => "isms".to_owned(),
                    };
                    let nonconformity = matches!(
                        f.class,
                        FindingClass::MajorNonconformity | FindingClass::MinorNonconformity
                    );
                    json!({
                        "uuid": doc.uuid(&format!("finding/{}", f.id)),
                        "title": format!("{} {}", class_words(f.class), f.id),
                        "description": text_or(&f.description, class_words(f.class)),
                        "target": {
                            "type": "objective-id",
                            "target-id": target,
                            "status": if nonconformity {
                                json!({ "state": "not-satisfied", "reason": "fail" })
                            } else {
                                json!({ "state": "satisfied", "reason": "other" })
                            },
                        },
                    })
                })
                .collect();
            if !findings.is_empty() {
                result["findings"] = json!(findings);
            }
            result
        })
        .collect();
    let programme = doc.uuid("resource/audit-programme");
    Ok(json!({
        "assessment-results": {
            "uuid": doc.uuid("assessment-results"),
            "metadata": doc.metadata("Internal audit results", &auditors, &[]),
            "import-ap": { "href": format!("#{programme}") },
            "results": results,
            "back-matter": { "resources": [resource(
                &programme,
                "Internal audit programme",
                "The audit programme kept in ISMS Workbench (audits, their scope and dates); no OSCAL assessment plan is exported for it.",
                &doc.workspace_urn(),
            )] },
        }
    }))
}
