//! The management-review pack (clause 9.3.2) and the PDCA status at a
//! glance, assembled from the workspace: pure functions returning plain
//! structs that the app renders and prints.

use super::readiness::{certification_readiness, CertificationReadiness};
use super::{
    clause_catalogue, AuditStatus, ClauseStatus, DocumentKind, DocumentStatus, FindingClass,
    IncidentSeverity, IncidentStatus, Measurement, NonconformityGrade, NonconformityStatus, Phase,
};
use crate::analysis::Analysis;
use crate::model::{
    ActionStatus, Applicability, AuditId, Date, DocumentId, FindingId, ImplementationStatus,
    IncidentId, NonconformityId, ObjectiveId, PersonId, ReviewId, RiskStatus, Workspace,
};
use serde::Serialize;

/// An action from an earlier management review and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EarlierAction {
    /// The review that decided it.
    pub review: ReviewId,
    /// What was to be done.
    pub title: String,
    /// Who does it.
    pub owner: Option<PersonId>,
    /// By when.
    pub due: Option<Date>,
    /// Where it stands.
    pub status: ActionStatus,
    /// Open and past its due date.
    pub overdue: bool,
}

/// A document that changed or needs attention since the last review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentLine {
    /// The document.
    pub id: DocumentId,
    /// Its title.
    pub title: String,
    /// Its version.
    pub version: String,
    /// When it was approved.
    pub approved_on: Option<Date>,
    /// When its review is due.
    pub review_due: Option<Date>,
}

/// Changes to the ISMS's documented information since the last review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentChanges {
    /// Approved (or re-approved) since the last review.
    pub approved: Vec<DocumentLine>,
    /// Reviews overdue today.
    pub review_overdue: Vec<DocumentLine>,
    /// Drafts not yet approved.
    pub drafts: Vec<DocumentLine>,
}

/// An objective with its latest result and its measurements since the
/// last review (for the trend chart).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectiveLine {
    /// The objective.
    pub id: ObjectiveId,
    /// Its title.
    pub title: String,
    /// The target value.
    pub target: f64,
    /// "at_least" or "at_most".
    pub direction: super::Direction,
    /// The unit of the indicator.
    pub unit: String,
    /// The latest measurement.
    pub latest: Option<Measurement>,
    /// Whether the latest measurement meets the target.
    pub on_target: Option<bool>,
    /// Measurements since the last review (all when there was none).
    pub measurements: Vec<Measurement>,
}

/// An audit and its findings by class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditLine {
    /// The audit.
    pub id: AuditId,
    /// Its title.
    pub title: String,
    /// Where it stands.
    pub status: AuditStatus,
    /// Its last day.
    pub end: Option<Date>,
    /// Major nonconformities found.
    pub major: u32,
    /// Minor nonconformities found.
    pub minor: u32,
    /// Observations.
    pub observations: u32,
    /// Opportunities for improvement.
    pub opportunities: u32,
}

/// A nonconformity in the pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NonconformityLine {
    /// The nonconformity.
    pub id: NonconformityId,
    /// Its title.
    pub title: String,
    /// Minor or major.
    pub grade: NonconformityGrade,
    /// Where it stands.
    pub status: NonconformityStatus,
    /// When it should be resolved.
    pub due: Option<Date>,
    /// Corrective actions done (or cancelled) / all.
    pub actions_done: usize,
    /// Number of corrective actions.
    pub actions: usize,
    /// Whether the effectiveness review found the actions effective.
    pub effective: Option<bool>,
}

/// An incident in the pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IncidentLine {
    /// The incident.
    pub id: IncidentId,
    /// Its title.
    pub title: String,
    /// When it happened.
    pub occurred: Date,
    /// Low to critical.
    pub severity: IncidentSeverity,
    /// Where it stands.
    pub status: IncidentStatus,
    /// What was learned.
    pub lessons_learned: String,
}

/// Risk assessment and treatment figures from the analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskStatusLine {
    /// Risks not closed.
    pub open_risks: u32,
    /// Open risks whose current residual is above appetite.
    pub above_appetite_now: u32,
    /// Open risks whose planned residual is above appetite.
    pub above_appetite_planned: u32,
    /// Treatment actions not done or cancelled.
    pub open_actions: u32,
    /// Open treatment actions past their due date.
    pub overdue_actions: u32,
    /// SoA implementation progress, 0 to 1.
    pub implementation_progress: f64,
}

/// An opportunity for improvement for the review to consider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Opportunity {
    /// The finding it comes from.
    pub finding: FindingId,
    /// The audit holding that finding.
    pub audit: AuditId,
    /// Observation or opportunity for improvement.
    pub class: FindingClass,
    /// What was found.
    pub description: String,
}

/// The management-review pack: every input clause 9.3.2 lists, from the
/// data, as of `date`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewPack {
    /// The day the pack is assembled for.
    pub date: Date,
    /// The last management review before that day, if any; "since" in the
    /// sections below means since its date.
    pub previous_review: Option<(ReviewId, Date)>,
    /// Actions of earlier reviews and where they stand.
    pub earlier_actions: Vec<EarlierAction>,
    /// Changes in documented information.
    pub documents: DocumentChanges,
    /// Objectives and measurements.
    pub objectives: Vec<ObjectiveLine>,
    /// Internal audits since the last review (all when there was none).
    pub audits: Vec<AuditLine>,
    /// Nonconformities open, or closed since the last review.
    pub nonconformities: Vec<NonconformityLine>,
    /// Incidents since the last review, newest first.
    pub incidents: Vec<IncidentLine>,
    /// Risk assessment and treatment status.
    pub risks: RiskStatusLine,
    /// Observations and opportunities for improvement from audits since
    /// the last review.
    pub opportunities: Vec<Opportunity>,
    /// The certification readiness with its parts.
    pub readiness: CertificationReadiness,
    /// The PDCA status at a glance.
    pub pdca: PdcaStatus,
}

/// Assembles the management-review pack of `workspace` as of `date`, with
/// `analysis` its analysis (for the risk figures and the SoA part of
/// readiness).
pub fn management_review_pack(
    workspace: &Workspace,
    analysis: &Analysis,
    date: Date,
) -> ReviewPack {
    let previous = workspace
        .management_reviews
        .iter()
        .filter(|r| r.date < date)
        .max_by_key(|r| r.date);
    let since = previous.map(|r| r.date);
    let after = |d: Option<Date>| match (since, d) {
        (None, _) => true,
        (Some(since), Some(d)) => d >= since,
        (Some(_), None) => false,
    };
    let earlier_actions = workspace
        .management_reviews
        .iter()
        .filter(|r| r.date < date)
        .flat_map(|r| {
            r.actions.iter().map(move |a| EarlierAction {
                review: r.id.clone(),
                title: a.title.clone(),
                owner: a.owner.clone(),
                due: a.due,
                status: a.status,
                overdue: a.status.is_open() && a.due.is_some_and(|d| d < date),
            })
        })
        .collect();
    let line = |d: &super::Document| DocumentLine {
        id: d.id.clone(),
        title: d.title.clone(),
        version: d.version.clone(),
        approved_on: d.approved_on,
        review_due: d.review_due(),
    };
    let documents = DocumentChanges {
        approved: workspace
            .documents
            .iter()
            .filter(|d| {
                d.status == DocumentStatus::Approved
                    && d.approved_on.is_some()
                    && after(d.approved_on)
            })
            .map(line)
            .collect(),
        review_overdue: workspace
            .documents
            .iter()
            .filter(|d| d.review_overdue(date))
            .map(line)
            .collect(),
        drafts: workspace
            .documents
            .iter()
            .filter(|d| d.status == DocumentStatus::Draft)
            .map(line)
            .collect(),
    };
    let objectives = workspace
        .objectives
        .iter()
        .map(|o| ObjectiveLine {
            id: o.id.clone(),
            title: o.title.clone(),
            target: o.target,
            direction: o.direction,
            unit: o.unit.clone(),
            latest: o.latest().cloned(),
            on_target: o.on_target(),
            measurements: o
                .measurements
                .iter()
                .filter(|m| after(Some(m.date)) && m.date <= date)
                .cloned()
                .collect(),
        })
        .collect();
    let audits = workspace
        .audits
        .iter()
        .filter(|a| after(a.end.or(a.start)) || a.status != AuditStatus::Completed)
        .map(|a| {
            let count = |class| a.findings.iter().filter(|f| f.class == class).count() as u32;
            AuditLine {
                id: a.id.clone(),
                title: a.title.clone(),
                status: a.status,
                end: a.end,
                major: count(FindingClass::MajorNonconformity),
                minor: count(FindingClass::MinorNonconformity),
                observations: count(FindingClass::Observation),
                opportunities: count(FindingClass::OpportunityForImprovement),
            }
        })
        .collect();
    let nonconformities = workspace
        .nonconformities
        .iter()
        .filter(|n| n.is_open() || after(n.effectiveness.as_ref().map(|e| e.date)))
        .map(|n| NonconformityLine {
            id: n.id.clone(),
            title: n.title.clone(),
            grade: n.grade,
            status: n.status,
            due: n.due,
            actions_done: n
                .corrective_actions
                .iter()
                .filter(|a| !a.status.is_open())
                .count(),
            actions: n.corrective_actions.len(),
            effective: n.effectiveness.as_ref().map(|e| e.effective),
        })
        .collect();
    let mut incidents: Vec<IncidentLine> = workspace
        .incidents
        .iter()
        .filter(|i| after(Some(i.occurred)) || i.status != IncidentStatus::Closed)
        .map(|i| IncidentLine {
            id: i.id.clone(),
            title: i.title.clone(),
            occurred: i.occurred,
            severity: i.severity,
            status: i.status,
            lessons_learned: i.lessons_learned.clone(),
        })
        .collect();
    crate::order::sort_by_key(&mut incidents, |i| std::cmp::Reverse(i.occurred));
    let open: Vec<_> = analysis.risks.iter().filter(|r| !r.closed).collect();
    let risks = RiskStatusLine {
        open_risks: open.len() as u32,
        above_appetite_now: open.iter().filter(|r| r.current_above_appetite).count() as u32,
        above_appetite_planned: open.iter().filter(|r| r.planned_above_appetite).count() as u32,
        open_actions: workspace
            .actions
            .iter()
            .filter(|a| a.status.is_open())
            .count() as u32,
        overdue_actions: workspace
            .actions
            .iter()
            .filter(|a| a.status.is_open() && a.due.is_some_and(|d| d < date))
            .count() as u32,
        implementation_progress: analysis.soa.implementation_progress,
    };
    let opportunities = workspace
        .audits
        .iter()
        .filter(|a| after(a.end.or(a.start)))
        .flat_map(|a| {
            a.findings
                .iter()
                .filter(|f| !f.class.is_nonconformity())
                .map(move |f| Opportunity {
                    finding: f.id.clone(),
                    audit: a.id.clone(),
                    class: f.class,
                    description: f.description.clone(),
                })
        })
        .collect();
    ReviewPack {
        date,
        previous_review: previous.map(|r| (r.id.clone(), r.date)),
        earlier_actions,
        documents,
        objectives,
        audits,
        nonconformities,
        incidents,
        risks,
        opportunities,
        readiness: certification_readiness(workspace, &analysis.soa),
        pdca: pdca_status(workspace, date),
    }
}

/// One thing the PDCA view looks for, and whether it is there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PdcaItem {
    /// What is looked for, in a few words.
    pub label: String,
    /// Whether it is present.
    pub present: bool,
}

/// One phase of the cycle: its clauses' assessments and what is present
/// or missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhaseStatus {
    /// Plan, Do, Check or Act.
    pub phase: Phase,
    /// Catalogue clauses of the phase.
    pub clauses: u32,
    /// Of them, assessed fully met (or not applicable).
    pub clauses_met: u32,
    /// What the phase needs, present or not.
    pub items: Vec<PdcaItem>,
}

impl PhaseStatus {
    /// The labels of what is missing.
    pub fn missing(&self) -> Vec<&str> {
        self.items
            .iter()
            .filter(|i| !i.present)
            .map(|i| i.label.as_str())
            .collect()
    }
}

/// The PDCA status of the ISMS: one entry per phase, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PdcaStatus {
    /// Plan, Do, Check and Act.
    pub phases: Vec<PhaseStatus>,
}

/// What is present and missing in each PDCA phase on `today` (a year is 12
/// months back from `today`).
pub fn pdca_status(workspace: &Workspace, today: Date) -> PdcaStatus {
    let year_ago = Date::from_unix_days(today.unix_days() - 365).unwrap_or(today);
    let quarter_ago = Date::from_unix_days(today.unix_days() - 92).unwrap_or(today);
    let item = |label: &str, present: bool| PdcaItem {
        label: label.to_owned(),
        present,
    };
    let open_risks: Vec<_> = workspace
        .risks
        .iter()
        .filter(|r| r.status != RiskStatus::Closed)
        .collect();
    let applicable: Vec<_> = workspace
        .soa
        .iter()
        .filter(|e| e.applicability == Applicability::Applicable)
        .map(|e| &e.control)
        .collect();
    let implemented = workspace
        .controls
        .iter()
        .filter(|c| applicable.contains(&&c.id) && c.status == ImplementationStatus::Implemented)
        .count();
    let plan = vec![
        item(
            "scope statement written",
            !workspace.scope.trim().is_empty(),
        ),
        item(
            "security policy approved",
            workspace
                .documents
                .iter()
                .any(|d| d.kind == DocumentKind::Policy && d.status == DocumentStatus::Approved),
        ),
        item("risks identified and assessed", !open_risks.is_empty()),
        item(
            "every risk has a treatment decision",
            !open_risks.is_empty()
                && open_risks
                    .iter()
                    .all(|r| r.treatment.decision != crate::model::TreatmentDecision::Undecided),
        ),
        item(
            "SoA decided for every control",
            !workspace.soa.is_empty()
                && workspace
                    .soa
                    .iter()
                    .all(|e| e.applicability != Applicability::Undecided),
        ),
        item("security objectives set", !workspace.objectives.is_empty()),
    ];
    let do_items = vec![
        item("treatment plan has actions", !workspace.actions.is_empty()),
        item(
            "no treatment action overdue",
            !workspace
                .actions
                .iter()
                .any(|a| a.status.is_open() && a.due.is_some_and(|d| d < today)),
        ),
        item(
            "most applicable controls implemented",
            !applicable.is_empty() && implemented * 2 > applicable.len(),
        ),
        item(
            "no document review overdue",
            !workspace.documents.iter().any(|d| d.review_overdue(today)),
        ),
        item(
            "incidents recorded with lessons learned",
            workspace.incidents.iter().all(|i| {
                i.status != IncidentStatus::Closed || !i.lessons_learned.trim().is_empty()
            }),
        ),
    ];
    let check = vec![
        item(
            "objectives measured in the last three months",
            !workspace.objectives.is_empty()
                && workspace
                    .objectives
                    .iter()
                    .all(|o| o.latest().is_some_and(|m| m.date >= quarter_ago)),
        ),
        item(
            "internal audit completed in the last year",
            workspace.audits.iter().any(|a| {
                a.status == AuditStatus::Completed
                    && a.end.or(a.start).is_some_and(|d| d >= year_ago)
            }),
        ),
        item(
            "management review held in the last year",
            workspace
                .management_reviews
                .iter()
                .any(|r| r.date >= year_ago && r.date <= today),
        ),
    ];
    let open_ncs: Vec<_> = workspace
        .nonconformities
        .iter()
        .filter(|n| n.is_open())
        .collect();
    let act = vec![
        item(
            "every open nonconformity has corrective action",
            open_ncs.iter().all(|n| !n.corrective_actions.is_empty()),
        ),
        item(
            "no nonconformity overdue",
            !open_ncs.iter().any(|n| n.overdue(today)),
        ),
        item(
            "effectiveness reviewed where actions are done",
            !open_ncs
                .iter()
                .any(|n| n.status == NonconformityStatus::AwaitingReview),
        ),
        item(
            "no open major nonconformity",
            !open_ncs
                .iter()
                .any(|n| n.grade == NonconformityGrade::Major),
        ),
        item(
            "management review actions on time",
            !workspace.management_reviews.iter().any(|r| {
                r.actions
                    .iter()
                    .any(|a| a.status.is_open() && a.due.is_some_and(|d| d < today))
            }),
        ),
    ];
    let phases = [
        (Phase::Plan, plan),
        (Phase::Do, do_items),
        (Phase::Check, check),
        (Phase::Act, act),
    ]
    .into_iter()
    .map(|(phase, items)| {
        let in_phase: Vec<_> = clause_catalogue()
            .iter()
            .filter(|c| c.phase == phase)
            .collect();
        let clauses_met = in_phase
            .iter()
            .filter(|c| {
                workspace.clauses.iter().any(|a| {
                    a.clause.as_str() == c.number
                        && matches!(
                            a.status,
                            ClauseStatus::FullyMet | ClauseStatus::NotApplicable
                        )
                })
            })
            .count() as u32;
        PhaseStatus {
            phase,
            clauses: in_phase.len() as u32,
            clauses_met,
            items,
        }
    })
    .collect();
    PdcaStatus { phases }
}
