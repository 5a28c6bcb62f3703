//! Consistency checks of the ISMS-cycle registers, run with the others by
//! the analysis ([`crate::analyze_with`]). Date checks need today's date in
//! [`crate::AnalysisOptions`]; without it they are skipped, as the risk
//! checks are. Like those, something is overdue on the day after its date.

use super::{DocumentStatus, IncidentStatus, NonconformityGrade};
use crate::checks::{Finding, Severity};
use crate::integrity::{ObjectKind, ObjectRef};
use crate::model::{Date, Workspace};

fn push(
    out: &mut Vec<Finding>,
    severity: Severity,
    code: &'static str,
    object: ObjectRef,
    message: String,
) {
    out.push(Finding {
        severity,
        code,
        message,
        object,
    });
}

/// The warning for an object nobody owns: "Document DOC-0001 \"Policy\" has
/// no owner; {advice}." The id is the object's own.
fn missing_owner(out: &mut Vec<Finding>, object: ObjectRef, kind: &str, title: &str, advice: &str) {
    let message = format!("{kind} {} \"{title}\" has no owner; {advice}.", object.id);
    push(out, Severity::Warning, "missing_owner", object, message);
}

/// Trims a number for a message: `95`, `92.5`.
fn shown(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Pushes the ISMS-cycle findings of `workspace` onto `out`.
pub(crate) fn run(workspace: &Workspace, today: Option<Date>, out: &mut Vec<Finding>) {
    use Severity::*;
    for doc in &workspace.documents {
        if doc.status == DocumentStatus::Retired {
            continue;
        }
        let object = || ObjectRef::new(ObjectKind::Document, doc.id.as_str());
        if doc.owner.is_none() {
            missing_owner(
                out,
                object(),
                "Document",
                &doc.title,
                "name who keeps it up to date (clause 7.5.3)",
            );
        }
        if let (Some(today), Some(due)) = (today, doc.review_due()) {
            if due < today {
                push(out, Warning, "document_review_overdue", object(), format!(
                    "The review of document {} \"{}\" was due on {due}; review and approve it again, or retire it.",
                    doc.id, doc.title
                ));
            }
        }
    }
    for objective in &workspace.objectives {
        let object = || ObjectRef::new(ObjectKind::Objective, objective.id.as_str());
        if objective.owner.is_none() {
            missing_owner(
                out,
                object(),
                "Objective",
                &objective.title,
                "clause 6.2 asks who is responsible",
            );
        }
        let Some(latest) = objective.latest() else {
            continue;
        };
        if !objective.direction.meets(latest.value, objective.target) {
            let wanted = match objective.direction {
                super::Direction::AtLeast => "at least",
                super::Direction::AtMost => "at most",
            };
            let unit = if objective.unit.is_empty() {
                String::new()
            } else {
                format!(" {}", objective.unit)
            };
            let late = match (today, objective.due) {
                (Some(today), Some(due)) if due < today => {
                    format!(" Its due date, {due}, has passed.")
                }
                _ => String::new(),
            };
            push(out, Warning, "objective_off_target", object(), format!(
                "Objective {} \"{}\" is off target: {}{unit} on {} against a target of {wanted} {}{unit}.{late} Decide what to change, or adjust the target in the management review.",
                objective.id,
                objective.title,
                shown(latest.value),
                latest.date,
                shown(objective.target)
            ));
        }
    }
    for nc in workspace.nonconformities.iter().filter(|n| n.is_open()) {
        let object = || ObjectRef::new(ObjectKind::Nonconformity, nc.id.as_str());
        if nc.grade == NonconformityGrade::Major {
            push(out, Error, "major_nonconformity_open", object(), format!(
                "Major nonconformity {} \"{}\" is open; certification cannot be recommended until it is resolved.",
                nc.id, nc.title
            ));
        }
        if nc.owner.is_none() {
            missing_owner(out, object(), "Nonconformity", &nc.title, "assign one");
        }
        if nc.corrective_actions.is_empty() && nc.root_cause.trim().is_empty() {
            push(
                out,
                Info,
                "nonconformity_not_analysed",
                object(),
                format!(
                "Nonconformity {} has no root cause and no corrective action yet (clause 10.2).",
                nc.id
            ),
            );
        }
        let Some(today) = today else { continue };
        if let Some(due) = nc.due.filter(|due| *due < today) {
            push(out, Warning, "nonconformity_overdue", object(), format!(
                "Nonconformity {} \"{}\" was due to be resolved on {due} and is still open; finish its corrective actions or reschedule.",
                nc.id, nc.title
            ));
        }
        for action in &nc.corrective_actions {
            if let Some(due) = action
                .due
                .filter(|due| action.status.is_open() && *due < today)
            {
                push(out, Warning, "corrective_action_overdue", object(), format!(
                    "Corrective action \"{}\" of nonconformity {} was due on {due} and is not done.",
                    action.title, nc.id
                ));
            }
        }
    }
    for incident in &workspace.incidents {
        if incident.status == IncidentStatus::Closed && incident.lessons_learned.trim().is_empty() {
            push(out, Warning, "incident_without_lessons", ObjectRef::new(ObjectKind::Incident, incident.id.as_str()), format!(
                "Incident {} \"{}\" is closed without lessons learned; record what was learned (Annex A 5.27).",
                incident.id, incident.title
            ));
        }
    }
    let Some(today) = today else { return };
    for review in &workspace.management_reviews {
        for action in &review.actions {
            if let Some(due) = action
                .due
                .filter(|due| action.status.is_open() && *due < today)
            {
                push(
                    out,
                    Warning,
                    "review_action_overdue",
                    ObjectRef::new(ObjectKind::ManagementReview, review.id.as_str()),
                    format!(
                        "Action \"{}\" from management review {} was due on {due} and is not done.",
                        action.title, review.id
                    ),
                );
            }
        }
    }
}
