//! Consistency checks (PRODUCT.md 3.6): what a lead auditor would flag. Each
//! finding has a severity, a message that says what to do, and the object it
//! is about.

use crate::assess::{AnalysisOptions, ControlTable, RiskAssessment};
use crate::integrity::{IntegrityProblem, ObjectKind, ObjectRef};
use crate::model::key_table;
use crate::model::{Applicability, TreatmentDecision, Workspace};
use crate::residual::ResidualBasis;
use crate::scoring::ImpactSource;
use crate::soa::SoaCoverage;
use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; no nonconformity.
    Info,
    /// Likely to be raised in an audit; fix before it.
    Warning,
    /// Wrong or inconsistent data, or a clear nonconformity.
    Error,
}

key_table!(Severity {
    Info => "info",
    Warning => "warning",
    Error => "error",
});

/// One consistency finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// How serious the finding is: an error, a warning or information.
    pub severity: Severity,
    /// Stable machine-readable code, e.g. "missing_owner".
    pub code: &'static str,
    /// What is wrong and what to do about it, in plain words.
    pub message: String,
    /// The object the finding concerns, for a link to it.
    pub object: ObjectRef,
}

fn finding(severity: Severity, code: &'static str, object: ObjectRef, message: String) -> Finding {
    Finding {
        severity,
        code,
        message,
        object,
    }
}

pub(crate) fn run(
    workspace: &Workspace,
    integrity: Vec<IntegrityProblem>,
    table: &ControlTable<'_>,
    risks: &[RiskAssessment],
    soa: &SoaCoverage,
    options: &AnalysisOptions,
) -> Vec<Finding> {
    use Severity::*;
    let mut out = Vec::new();
    let today = options.today;
    for problem in integrity {
        out.push(finding(
            Error,
            "integrity",
            problem.object,
            format!("{}: {}", problem.path, problem.message),
        ));
    }
    for asset in &workspace.assets {
        if asset.owner.is_none() {
            out.push(finding(
                Warning,
                "missing_owner",
                ObjectRef::new(ObjectKind::Asset, asset.id.as_str()),
                format!(
                    "Asset {} \"{}\" has no owner; name one (ISO 27001 A.5.9).",
                    asset.id, asset.name
                ),
            ));
        }
    }
    let appetite_name = &workspace
        .methodology
        .level_definition(workspace.methodology.appetite())
        .name;
    // Assessments are in register order.
    for (risk, a) in workspace.risks.iter().zip(risks) {
        if a.closed {
            continue;
        }
        let object = || ObjectRef::new(ObjectKind::Risk, risk.id.as_str());
        if risk.owner.is_none() {
            out.push(finding(
                Warning,
                "missing_owner",
                object(),
                format!(
                    "Risk {} has no risk owner; assign one (clause 6.1.2 c).",
                    risk.id
                ),
            ));
        }
        if a.impact_source == ImpactSource::Lowest {
            out.push(finding(
                Warning,
                "impact_not_derived",
                object(),
                format!(
                    "Risk {} states no impact and none can be derived from its assets; link an asset and the affected properties, or set the impact.",
                    risk.id
                ),
            ));
        }
        if a.current_above_appetite {
            match a.decision {
                TreatmentDecision::Accept => match &risk.acceptance {
                    None => out.push(finding(
                        Error,
                        "acceptance_missing",
                        object(),
                        format!(
                            "Risk {} is above the appetite ({appetite_name}) and accepted without an acceptance record; record who accepted it and when.",
                            risk.id
                        ),
                    )),
                    Some(acceptance) => {
                        if let (Some(today), Some(expires)) = (today, acceptance.expires) {
                            if expires < today {
                                out.push(finding(
                                    Error,
                                    "acceptance_expired",
                                    object(),
                                    format!(
                                        "The acceptance of risk {} expired on {expires}; review the risk and renew or withdraw the acceptance.",
                                        risk.id
                                    ),
                                ));
                            }
                        }
                    }
                },
                TreatmentDecision::Undecided => out.push(finding(
                    Warning,
                    "treatment_undecided",
                    object(),
                    format!(
                        "Risk {} is above the appetite ({appetite_name}) and has no treatment decision; choose mitigate, accept, avoid or transfer.",
                        risk.id
                    ),
                )),
                _ => {}
            }
        }
        for (name, residual) in [("current", &a.current), ("planned", &a.planned)] {
            if residual.rating.level > a.inherent.level {
                out.push(finding(
                    Warning,
                    "residual_above_inherent",
                    object(),
                    format!(
                        "The {name} residual level of risk {} is above its inherent level; check the override or the matrix.",
                        risk.id
                    ),
                ));
            }
        }
        if a.current.basis == ResidualBasis::Override
            && a.current.rating.level < a.inherent.level
            && !a.controls.iter().any(|c| c.reductions(false) != (0.0, 0.0))
        {
            out.push(finding(
                Warning,
                "override_without_control",
                object(),
                format!(
                    "Risk {} has a manual residual below its inherent level but no effective control in place; link the controls that justify it or remove the override.",
                    risk.id
                ),
            ));
        }
        if a.decision == TreatmentDecision::Transfer && a.current.transferred_share == 0.0 {
            out.push(finding(
                Warning,
                "transfer_without_share",
                object(),
                format!("Risk {} is transferred but the transferred share is 0 %; enter the share the third party carries.", risk.id),
            ));
        }
        if let (Some(today), Some(review)) = (today, risk.review_date) {
            if review < today {
                out.push(finding(
                    Warning,
                    "review_overdue",
                    object(),
                    format!("The review of risk {} was due on {review}; review it and set the next date.", risk.id),
                ));
            }
        }
    }
    for state in &table.states {
        let control = state.control;
        let object = || ObjectRef::new(ObjectKind::Control, control.id.as_str());
        if state.applicability == Applicability::Applicable
            && control.owner.is_none()
            && state.soa.is_none_or(|e| e.owner.is_none())
        {
            out.push(finding(
                Warning,
                "missing_owner",
                object(),
                format!(
                    "Applicable control {} \"{}\" has no owner; name one in the SoA.",
                    control.id, control.title
                ),
            ));
        }
    }
    for id in &soa.missing_justifications {
        out.push(finding(
            Error,
            "exclusion_unjustified",
            ObjectRef::new(ObjectKind::SoaEntry, id.as_str()),
            format!(
                "Control {id} is excluded without a justification; clause 6.1.3 d requires one."
            ),
        ));
    }
    for reliance in &soa.excluded_but_relied_on {
        let risks: Vec<&str> = reliance.risks.iter().take(5).map(|r| r.as_str()).collect();
        let more = reliance.risks.len().saturating_sub(5);
        out.push(finding(
            Error,
            "excluded_control_relied_on",
            ObjectRef::new(ObjectKind::SoaEntry, reliance.control.as_str()),
            format!(
                "Control {} is excluded from the SoA but risk(s) {}{} rely on it; include it or unlink it.",
                reliance.control,
                risks.join(", "),
                if more > 0 { format!(" and {more} more") } else { String::new() }
            ),
        ));
    }
    for id in &soa.uncovered_risks {
        out.push(finding(
            Warning,
            "risk_not_covered",
            ObjectRef::new(ObjectKind::Risk, id.as_str()),
            format!("Risk {id} needs treatment but no applicable control is linked to it; link controls or change the decision."),
        ));
    }
    if soa.undecided > 0 {
        out.push(finding(
            Info,
            "soa_undecided",
            ObjectRef::new(ObjectKind::Workspace, workspace.id.as_str()),
            format!(
                "{} controls have no SoA decision yet; mark each applicable or excluded.",
                soa.undecided
            ),
        ));
    }
    for action in &workspace.actions {
        if !action.status.is_open() {
            continue;
        }
        let object = || ObjectRef::new(ObjectKind::Action, action.id.as_str());
        if action.owner.is_none() {
            out.push(finding(
                Warning,
                "missing_owner",
                object(),
                format!(
                    "Action {} \"{}\" has no owner; assign one.",
                    action.id, action.title
                ),
            ));
        }
        if let (Some(today), Some(due)) = (today, action.due) {
            if due < today {
                out.push(finding(
                    Warning,
                    "action_overdue",
                    object(),
                    format!(
                        "Action {} was due on {due} and is not done; finish it or reschedule it.",
                        action.id
                    ),
                ));
            }
        }
    }
    crate::cycle::checks::run(workspace, today, &mut out);
    out
}
