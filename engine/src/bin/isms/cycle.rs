//! The ISMS-cycle part of `isms analyze`: readiness with its parts and the
//! lists an auditor asks for first.

use engine::{Analysis, CertificationReadiness, Date, Direction, NonconformityGrade, Workspace};
use serde::Serialize;

/// A document whose review is overdue.
#[derive(Serialize)]
pub struct OverdueReview {
    id: String,
    title: String,
    due: Date,
}

/// An objective whose latest measurement misses its target.
#[derive(Serialize)]
pub struct OffTarget {
    id: String,
    title: String,
    latest: f64,
    measured: Date,
    direction: Direction,
    target: f64,
    unit: String,
}

/// An open nonconformity past its due date.
#[derive(Serialize)]
pub struct OverdueNonconformity {
    id: String,
    title: String,
    grade: NonconformityGrade,
    due: Date,
}

/// What `analyze` prints under "cycle".
#[derive(Serialize)]
pub struct CycleReport {
    readiness: CertificationReadiness,
    overdue_document_reviews: Vec<OverdueReview>,
    off_target_objectives: Vec<OffTarget>,
    overdue_nonconformities: Vec<OverdueNonconformity>,
}

/// The report of `workspace`; the overdue lists are empty without a date.
pub fn report(workspace: &Workspace, analysis: &Analysis, today: Option<Date>) -> CycleReport {
    let overdue_document_reviews = workspace
        .documents
        .iter()
        .filter_map(|d| {
            let due = d.review_due()?;
            today.filter(|t| due < *t).map(|_| OverdueReview {
                id: d.id.to_string(),
                title: d.title.clone(),
                due,
            })
        })
        .collect();
    let off_target_objectives = workspace
        .objectives
        .iter()
        .filter(|o| o.on_target() == Some(false))
        .filter_map(|o| {
            let latest = o.latest()?;
            Some(OffTarget {
                id: o.id.to_string(),
                title: o.title.clone(),
                latest: latest.value,
                measured: latest.date,
                direction: o.direction,
                target: o.target,
                unit: o.unit.clone(),
            })
        })
        .collect();
    let overdue_nonconformities = workspace
        .nonconformities
        .iter()
        .filter(|n| today.is_some_and(|t| n.overdue(t)))
        .filter_map(|n| {
            Some(OverdueNonconformity {
                id: n.id.to_string(),
                title: n.title.clone(),
                grade: n.grade,
                due: n.due?,
            })
        })
        .collect();
    CycleReport {
        readiness: engine::certification_readiness(workspace, &analysis.soa),
        overdue_document_reviews,
        off_target_objectives,
        overdue_nonconformities,
    }
}
