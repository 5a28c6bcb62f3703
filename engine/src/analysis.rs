//! The full deterministic analysis of a workspace, optionally under a
//! scenario's changes: ratings with breakdowns for every risk, heat maps,
//! level distributions, SoA coverage, consistency findings and cost.

use crate::assess::{
    assess, contributions_at, linked_positions, AnalysisOptions, Buffers, ControlTable, Links,
    Overlay, RiskAssessment,
};
use crate::checks::{self, Finding};
use crate::integrity::Registers;
use crate::methodology::RiskLevel;
use crate::model::{Money, RiskId, Workspace};
use crate::residual::ResidualBasis;
use crate::scoring::{HeatMap, LevelDistribution};
use crate::soa::{self, SoaCoverage};
use serde::Serialize;

/// Heat maps before and after treatment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeatMaps {
    /// Counts per (likelihood, impact) cell of the inherent ratings.
    pub inherent: HeatMap,
    /// Counts per cell of the current residual ratings (today's control statuses).
    pub current: HeatMap,
    /// Counts per cell of the planned residual ratings (open actions' controls implemented).
    pub planned: HeatMap,
}

/// Level distributions before and after treatment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Distributions {
    /// Number of open risks per level, inherent.
    pub inherent: LevelDistribution,
    /// Number of open risks per level, current residual.
    pub current: LevelDistribution,
    /// Number of open risks per level, planned residual.
    pub planned: LevelDistribution,
}

/// Cost of the open treatment actions, in whole currency units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CostSummary {
    /// Sum of the one-off costs of open actions.
    pub one_off: Money,
    /// Sum of the yearly running costs of open actions.
    pub yearly: Money,
    /// Number of actions still planned or in progress.
    pub open_actions: u32,
}

/// The result of [`analyze`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// The methodology's risk appetite: the highest level that may be accepted.
    pub appetite: RiskLevel,
    /// Level names, lowest first, so a reader of the JSON can name levels.
    pub level_names: Vec<String>,
    /// Every risk's inherent, current and planned rating with its breakdown, in register order.
    pub risks: Vec<RiskAssessment>,
    /// Heat maps for inherent, current and planned ratings.
    pub heat_maps: HeatMaps,
    /// Level distributions for inherent, current and planned ratings.
    pub distributions: Distributions,
    /// Statement of Applicability coverage and the readiness figure.
    pub soa: SoaCoverage,
    /// Consistency findings, each with its severity and the object it concerns.
    pub findings: Vec<Finding>,
    /// Cost of the treatment plan's open actions.
    pub cost: CostSummary,
    /// Point estimate of annual loss from the most-likely quantitative
    /// inputs, scaled by the current residual reductions:
    /// `sum TEF * V * (1 - r_L) * LM * (1 - r_I)`; `None` when no risk has
    /// quantitative inputs. The Monte Carlo simulation gives the
    /// distribution.
    pub expected_annual_loss: Option<f64>,
}

impl Analysis {
    /// The assessment of risk `id`.
    pub fn risk(&self, id: &RiskId) -> Option<&RiskAssessment> {
        self.risks.iter().find(|r| &r.risk == id)
    }
}

/// Analyses `workspace` without date-dependent checks.
pub fn analyze(workspace: &Workspace) -> Analysis {
    analyze_with(workspace, &AnalysisOptions::default())
}

/// Analyses `workspace` with `options`.
pub fn analyze_with(workspace: &Workspace, options: &AnalysisOptions) -> Analysis {
    evaluate(workspace, &Overlay::default(), options)
}

/// The analysis of `workspace` under `overlay`.
pub(crate) fn evaluate<'a>(
    workspace: &'a Workspace,
    overlay: &Overlay<'a>,
    options: &AnalysisOptions,
) -> Analysis {
    let methodology = &workspace.methodology;
    // Id indexes built once: the scoring and the integrity checks share them.
    let registers = Registers::new(workspace);
    let table = ControlTable::new(workspace, overlay);
    let mut heat_maps = HeatMaps {
        inherent: HeatMap::empty(methodology),
        current: HeatMap::empty(methodology),
        planned: HeatMap::empty(methodology),
    };
    let mut distributions = Distributions {
        inherent: LevelDistribution::empty(methodology),
        current: LevelDistribution::empty(methodology),
        planned: LevelDistribution::empty(methodology),
    };
    let mut expected_annual_loss: Option<f64> = None;
    let mut buffers = Buffers::default();
    let mut assets = Vec::new();
    let mut risk_problems = Vec::new();
    let mut links = Links::default();
    // One pass over the register: each risk's asset and control ids are
    // looked up once, for its integrity checks and for its scoring.
    let risks: Vec<RiskAssessment> = workspace
        .risks
        .iter()
        .enumerate()
        .map(|(i, risk)| {
            registers.resolve_assets(risk, &mut assets);
            table.resolve(risk, &mut buffers.own);
            registers.check_risk(i, risk, &assets, &buffers.own, &mut risk_problems);
            linked_positions(risk, &buffers.own, overlay, &table, &mut buffers.linked);
            links.push(&buffers.linked);
            let contributions = contributions_at(methodology, &table, &buffers.linked);
            let risk_assets = assets.iter().flatten().map(|&p| &workspace.assets[p]);
            let assessment = assess(methodology, risk, risk_assets, overlay, contributions);
            if !assessment.closed {
                heat_maps.inherent.add(&assessment.inherent);
                heat_maps.current.add(&assessment.current.rating);
                heat_maps.planned.add(&assessment.planned.rating);
                distributions
                    .inherent
                    .add(methodology, assessment.inherent.level);
                distributions
                    .current
                    .add(methodology, assessment.current.rating.level);
                distributions
                    .planned
                    .add(methodology, assessment.planned.rating.level);
                if let Some(q) = &risk.quantitative {
                    let loss = q.threat_event_frequency.most_likely()
                        * q.vulnerability.most_likely()
                        * (1.0 - assessment.current.likelihood_reduction)
                        * q.loss_magnitude.most_likely()
                        * (1.0 - assessment.current.impact_reduction);
                    let loss = if assessment.current.basis == ResidualBasis::Avoided {
                        0.0
                    } else {
                        loss * (1.0 - assessment.current.transferred_share)
                    };
                    *expected_annual_loss.get_or_insert(0.0) += loss;
                }
            }
            assessment
        })
        .collect();
    let mut cost = CostSummary::default();
    for action in workspace
        .actions
        .iter()
        .chain(overlay.added_actions.iter().copied())
    {
        if action.status.is_open() {
            cost.one_off = cost.one_off.saturating_add(action.cost.one_off);
            cost.yearly = cost.yearly.saturating_add(action.cost.yearly);
            cost.open_actions += 1;
        }
    }
    let soa = soa::coverage(workspace, &table, &risks, &links);
    let integrity = registers.finish(workspace, risk_problems);
    let findings = checks::run(workspace, integrity, &table, &risks, &soa, options);
    Analysis {
        appetite: methodology.appetite(),
        level_names: methodology
            .levels()
            .iter()
            .map(|l| l.name.clone())
            .collect(),
        risks,
        heat_maps,
        distributions,
        soa,
        findings,
        cost,
        expected_annual_loss,
    }
}
