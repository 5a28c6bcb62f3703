//! Certification readiness: one figure for "how ready is this ISMS for the
//! certification audit", always shown with its three parts, each of which
//! can be unknown.
//!
//! Formula (every part from 0 to 1, the figure in percent):
//!
//! - **Clauses** (weight 0.4): the mean score over the catalogue's clauses
//!   that are not marked not applicable, with fully met 1, partially met
//!   0.5, not started 0; a clause without an assessment counts as not
//!   started. Unknown when no clause is assessed at all.
//! - **SoA** (weight 0.4): the mean of the SoA coverage's four readiness
//!   parts (decided, implementation, risks treated, exclusions justified),
//!   with the implementation part recomputed from each applicable control's
//!   *effective* status: every open nonconformity naming the control lowers
//!   its status one step (implemented, partial, planned, not started), a
//!   major one two steps. Unknown when no control has an SoA decision.
//! - **Nonconformities** (weight 0.2): 1 minus the open share, where a
//!   major nonconformity weighs 2 and a minor 1; 1 when none were ever
//!   raised. Unknown when none were raised and no internal audit has been
//!   completed (nothing is known about conformity yet).
//!
//! The figure is the weighted mean of the known parts; unknown when all
//! three are. Open major nonconformities are listed as blockers: an
//! auditor does not recommend certification while one is open, whatever
//! the figure says.

use super::{clause_catalogue, AuditStatus, ClauseStatus, NonconformityGrade};
use crate::methodology::Methodology;
use crate::model::{Applicability, ControlId, ImplementationStatus, NonconformityId, Workspace};
use crate::residual::implementation_factor;
use crate::soa::SoaCoverage;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Weight of the clause part in the figure.
pub const CLAUSE_WEIGHT: f64 = 0.4;
/// Weight of the SoA part in the figure.
pub const SOA_WEIGHT: f64 = 0.4;
/// Weight of the nonconformity part in the figure.
pub const NONCONFORMITY_WEIGHT: f64 = 0.2;

/// The clause part of the readiness figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClausePart {
    /// 0 to 1; `None` when no clause is assessed.
    pub score: Option<f64>,
    /// Clauses assessed fully met.
    pub fully_met: u32,
    /// Clauses assessed partially met.
    pub partially_met: u32,
    /// Clauses assessed not started.
    pub not_started: u32,
    /// Clauses marked not applicable (left out).
    pub not_applicable: u32,
    /// Catalogue clauses with no assessment (counted as not started).
    pub not_assessed: u32,
}

/// The SoA part of the readiness figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SoaPart {
    /// 0 to 1; `None` when no control has an SoA decision.
    pub score: Option<f64>,
    /// Controls with an SoA decision / all controls.
    pub decided: f64,
    /// Mean implementation factor of applicable controls at their effective
    /// status (lowered by open nonconformities).
    pub effective_implementation: f64,
    /// The same mean at the recorded statuses, for comparison.
    pub recorded_implementation: f64,
    /// Open risks treated or accepted / open risks.
    pub risks_treated: f64,
    /// Excluded controls with a justification / excluded controls.
    pub exclusions_justified: f64,
    /// Applicable controls whose status an open nonconformity lowers.
    pub lowered_controls: Vec<ControlId>,
}

/// The nonconformity part of the readiness figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NonconformityPart {
    /// 0 to 1; `None` when nothing is known about conformity yet.
    pub score: Option<f64>,
    /// Open minor nonconformities.
    pub open_minor: u32,
    /// Open major nonconformities.
    pub open_major: u32,
    /// Closed nonconformities.
    pub closed: u32,
    /// Completed internal audits.
    pub completed_audits: u32,
}

/// The certification readiness figure with its parts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CertificationReadiness {
    /// Percent, 0 to 100; `None` when no part is known.
    pub figure: Option<f64>,
    /// The clause part (weight [`CLAUSE_WEIGHT`]).
    pub clauses: ClausePart,
    /// The SoA part (weight [`SOA_WEIGHT`]).
    pub soa: SoaPart,
    /// The nonconformity part (weight [`NONCONFORMITY_WEIGHT`]).
    pub nonconformities: NonconformityPart,
    /// Open major nonconformities, each of which blocks certification.
    pub blockers: Vec<NonconformityId>,
}

/// `status` lowered by the open nonconformities naming the control: one
/// step per minor, two per major, never below not started.
pub fn effective_status(
    status: ImplementationStatus,
    open: &[NonconformityGrade],
) -> ImplementationStatus {
    let steps: usize = open
        .iter()
        .map(|g| match g {
            NonconformityGrade::Minor => 1,
            NonconformityGrade::Major => 2,
        })
        .sum();
    let at = ImplementationStatus::ALL
        .iter()
        .position(|s| *s == status)
        .unwrap_or(0);
    ImplementationStatus::ALL[at.saturating_sub(steps)]
}

/// The open nonconformities naming each control, in register order; the
/// SoA shows them beside the control.
pub fn open_nonconformities_by_control(
    workspace: &Workspace,
) -> BTreeMap<ControlId, Vec<NonconformityId>> {
    let mut map: BTreeMap<ControlId, Vec<NonconformityId>> = BTreeMap::new();
    for nc in workspace.nonconformities.iter().filter(|n| n.is_open()) {
        for control in &nc.controls {
            let list = map.entry(control.clone()).or_default();
            if !list.contains(&nc.id) {
                list.push(nc.id.clone());
            }
        }
    }
    map
}

fn clause_part(workspace: &Workspace) -> ClausePart {
    let assessed: HashMap<&str, ClauseStatus> = workspace
        .clauses
        .iter()
        .map(|c| (c.clause.as_str(), c.status))
        .collect();
    let mut part = ClausePart {
        score: None,
        fully_met: 0,
        partially_met: 0,
        not_started: 0,
        not_applicable: 0,
        not_assessed: 0,
    };
    let (mut sum, mut count) = (0.0, 0u32);
    let mut any = false;
    for requirement in clause_catalogue() {
        let status = match assessed.get(requirement.number) {
            Some(status) => {
                any = true;
                *status
            }
            None => {
                part.not_assessed += 1;
                ClauseStatus::NotStarted
            }
        };
        match status {
            ClauseStatus::FullyMet => part.fully_met += 1,
            ClauseStatus::PartiallyMet => part.partially_met += 1,
            ClauseStatus::NotStarted if assessed.contains_key(requirement.number) => {
                part.not_started += 1
            }
            ClauseStatus::NotStarted => {}
            ClauseStatus::NotApplicable => part.not_applicable += 1,
        }
        if let Some(score) = status.score() {
            sum += score;
            count += 1;
        }
    }
    part.score = match (any, count) {
        (false, _) => None,
        // Everything marked not applicable: nothing left to meet.
        (true, 0) => Some(1.0),
        (true, n) => Some(sum / f64::from(n)),
    };
    part
}

fn soa_part(workspace: &Workspace, coverage: &SoaCoverage) -> SoaPart {
    let methodology: &Methodology = &workspace.methodology;
    let open = open_grades(workspace);
    let applicable: HashMap<&str, bool> = workspace
        .soa
        .iter()
        .map(|e| {
            (
                e.control.as_str(),
                e.applicability == Applicability::Applicable,
            )
        })
        .collect();
    let (mut effective, mut recorded, mut count) = (0.0, 0.0, 0u32);
    let mut lowered_controls = Vec::new();
    for control in &workspace.controls {
        if applicable.get(control.id.as_str()) != Some(&true) {
            continue;
        }
        let grades = open
            .get(control.id.as_str())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let status = effective_status(control.status, grades);
        if status != control.status {
            lowered_controls.push(control.id.clone());
        }
        effective += implementation_factor(methodology, status);
        recorded += implementation_factor(methodology, control.status);
        count += 1;
    }
    let mean = |sum: f64| {
        if count == 0 {
            0.0
        } else {
            sum / f64::from(count)
        }
    };
    let parts = &coverage.readiness_parts;
    let decided_any = coverage.applicable + coverage.excluded > 0;
    SoaPart {
        score: decided_any.then(|| {
            (parts.decided + mean(effective) + parts.risks_treated + parts.exclusions_justified)
                / 4.0
        }),
        decided: parts.decided,
        effective_implementation: mean(effective),
        recorded_implementation: mean(recorded),
        risks_treated: parts.risks_treated,
        exclusions_justified: parts.exclusions_justified,
        lowered_controls,
    }
}

/// The grades of the open nonconformities naming each control.
fn open_grades(workspace: &Workspace) -> HashMap<&str, Vec<NonconformityGrade>> {
    let mut map: HashMap<&str, Vec<NonconformityGrade>> = HashMap::new();
    for nc in workspace.nonconformities.iter().filter(|n| n.is_open()) {
        let mut controls: Vec<&str> = nc.controls.iter().map(|c| c.as_str()).collect();
        crate::order::sort(&mut controls);
        controls.dedup();
        for control in controls {
            map.entry(control).or_default().push(nc.grade);
        }
    }
    map
}

fn nonconformity_part(workspace: &Workspace) -> (NonconformityPart, Vec<NonconformityId>) {
    let mut part = NonconformityPart {
        score: None,
        open_minor: 0,
        open_major: 0,
        closed: 0,
        completed_audits: workspace
            .audits
            .iter()
            .filter(|a| a.status == AuditStatus::Completed)
            .count() as u32,
    };
    let (mut open_weight, mut total_weight) = (0u32, 0u32);
    let mut blockers = Vec::new();
    for nc in &workspace.nonconformities {
        let weight = match nc.grade {
            NonconformityGrade::Minor => 1,
            NonconformityGrade::Major => 2,
        };
        total_weight += weight;
        if nc.is_open() {
            open_weight += weight;
            match nc.grade {
                NonconformityGrade::Minor => part.open_minor += 1,
                NonconformityGrade::Major => {
                    part.open_major += 1;
                    blockers.push(nc.id.clone());
                }
            }
        } else {
            part.closed += 1;
        }
    }
    part.score = if total_weight > 0 {
        Some(1.0 - f64::from(open_weight) / f64::from(total_weight))
    } else if part.completed_audits > 0 {
        Some(1.0)
    } else {
        None
    };
    (part, blockers)
}

/// The certification readiness of `workspace`, with `coverage` the SoA
/// coverage of its analysis ([`crate::Analysis::soa`]). See the module
/// documentation for the formula.
pub fn certification_readiness(
    workspace: &Workspace,
    coverage: &SoaCoverage,
) -> CertificationReadiness {
    let clauses = clause_part(workspace);
    let soa = soa_part(workspace, coverage);
    let (nonconformities, blockers) = nonconformity_part(workspace);
    let known: Vec<(f64, f64)> = [
        (CLAUSE_WEIGHT, clauses.score),
        (SOA_WEIGHT, soa.score),
        (NONCONFORMITY_WEIGHT, nonconformities.score),
    ]
    .into_iter()
    .filter_map(|(weight, score)| score.map(|s| (weight, s)))
    .collect();
    let weights: f64 = known.iter().map(|(w, _)| w).sum();
    let figure = (!known.is_empty())
        .then(|| 100.0 * known.iter().map(|(w, s)| w * s).sum::<f64>() / weights);
    CertificationReadiness {
        figure,
        clauses,
        soa,
        nonconformities,
        blockers,
    }
}
