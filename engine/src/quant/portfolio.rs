//! From a workspace to a simulation: the risks with quantitative inputs,
//! their control reductions now, and the same under each scenario (applied
//! to a copy, so a scenario means exactly what it means for the qualitative
//! analysis).

use serde::Serialize;

use super::pert::ThreePointEstimate;
use super::risk::{ControlEffect, ControlKind, Reduction, RiskInput, ScenarioInputs};
use crate::model::{
    ActionStatus, Change, ControlType, Estimate, ImplementationStatus, Money, RiskId, RiskStatus,
    Scenario, Workspace,
};
use crate::residual::implementation_factor;

/// What a workspace gives the Monte Carlo simulation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuantPortfolio {
    /// The simulated risks (open, with quantitative inputs), in register
    /// order: the i-th input of every scenario is the i-th risk here.
    pub risks: Vec<QuantRisk>,
    /// The baseline (the workspace as it is) first, then each scenario.
    pub scenarios: Vec<ScenarioInputs>,
    /// First-year cost of each scenario's treatment against the baseline:
    /// open actions whose controls the scenario implements, plus the actions
    /// it adds. 0 for the baseline.
    pub treatment_costs: Vec<Money>,
    /// The workspace's currency.
    pub currency: String,
}

/// One simulated risk.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuantRisk {
    /// The risk's id, such as `R-0042`.
    pub id: RiskId,
    /// The risk's title, for tables and charts.
    pub title: String,
}

fn estimate(e: Estimate) -> ThreePointEstimate {
    ThreePointEstimate::new(e.low(), e.most_likely(), e.high())
}

/// Preventive controls act on vulnerability, corrective on loss magnitude;
/// a control that is both, or detective, acts half on each.
fn kind(types: crate::model::ControlTypeSet) -> ControlKind {
    let preventive = types.contains(ControlType::Preventive);
    let corrective = types.contains(ControlType::Corrective);
    match (preventive, corrective) {
        (true, false) => ControlKind::Preventive,
        (false, true) => ControlKind::Corrective,
        _ => ControlKind::Detective,
    }
}

/// The simulated risks of `workspace` as they stand (current residual
/// controls: effectiveness x the methodology's implementation factor).
fn inputs(workspace: &Workspace) -> Vec<RiskInput> {
    let methodology = &workspace.methodology;
    workspace
        .risks
        .iter()
        .filter(|r| r.status != RiskStatus::Closed)
        .filter_map(|risk| {
            let q = risk.quantitative?;
            let effects = risk
                .controls
                .iter()
                .filter_map(|id| workspace.control(id))
                .map(|control| ControlEffect {
                    kind: kind(control.types),
                    effectiveness: f64::from(control.effectiveness.get()) / 100.0,
                    implementation: implementation_factor(methodology, control.status),
                })
                .collect::<Vec<_>>();
            Some(
                RiskInput::new(
                    estimate(q.threat_event_frequency),
                    estimate(q.vulnerability),
                    estimate(q.loss_magnitude),
                )
                .with_reduction(Reduction::from_controls(&effects)),
            )
        })
        .collect()
}

/// The first-year cost of what `scenario` does beyond `workspace`.
fn treatment_cost(workspace: &Workspace, scenario: &Scenario) -> Money {
    let implemented: Vec<&crate::model::ControlId> = scenario
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::ControlStatus {
                control,
                status: ImplementationStatus::Implemented,
            } => Some(control),
            _ => None,
        })
        .collect();
    let planned: Money = workspace
        .actions
        .iter()
        .filter(|a| a.status.is_open())
        .filter(|a| a.controls.iter().any(|c| implemented.contains(&c)))
        .map(|a| a.cost.first_year())
        .sum();
    let added: Money = scenario
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::AddAction { action } if action.status != ActionStatus::Cancelled => {
                Some(action.cost.first_year())
            }
            _ => None,
        })
        .sum();
    planned.saturating_add(added)
}

/// The quantitative portfolio of `workspace` and `scenarios`.
pub fn quant_portfolio(workspace: &Workspace, scenarios: &[&Scenario]) -> QuantPortfolio {
    let risks = workspace
        .risks
        .iter()
        .filter(|r| r.status != RiskStatus::Closed && r.quantitative.is_some())
        .map(|r| QuantRisk {
            id: r.id.clone(),
            title: r.title.clone(),
        })
        .collect();
    let mut inputs_by_scenario = vec![ScenarioInputs::new("Baseline", inputs(workspace))];
    let mut treatment_costs = vec![0];
    for scenario in scenarios {
        let mut changed = workspace.clone();
        changed.apply_changes(&scenario.changes);
        // Changes never add or close risks, so the risk list stays aligned.
        inputs_by_scenario.push(ScenarioInputs::new(scenario.name.clone(), inputs(&changed)));
        treatment_costs.push(treatment_cost(workspace, scenario));
    }
    QuantPortfolio {
        risks,
        scenarios: inputs_by_scenario,
        treatment_costs,
        currency: workspace.methodology.currency().to_owned(),
    }
}

/// The figures of one simulated scenario, as the app and the CLI show them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScenarioReport {
    /// "Baseline" or the scenario's name.
    pub name: String,
    /// Annualised loss expectancy of the portfolio.
    pub expected_annual_loss: f64,
    /// Standard deviation of the annual portfolio loss, in currency units.
    pub standard_deviation: f64,
    /// Median annual loss, in currency units.
    pub p50: f64,
    /// Annual loss exceeded in one year out of ten, in currency units.
    pub p90: f64,
    /// Annual loss exceeded in one year out of a hundred, in currency units.
    pub p99: f64,
    /// Value at risk at 95 %: the 95th percentile of annual loss, in currency units.
    pub value_at_risk_95: f64,
    /// Value at risk at 99 %: the 99th percentile of annual loss, in currency units.
    pub value_at_risk_99: f64,
    /// Tail value at risk at 95 %: mean annual loss in the worst 5 % of years, in currency units.
    pub tail_value_at_risk_95: f64,
    /// Tail value at risk at 99 %: mean annual loss in the worst 1 % of years, in currency units.
    pub tail_value_at_risk_99: f64,
    /// Per risk (in [`QuantPortfolio::risks`] order): ALE and standard deviation.
    pub risks: Vec<super::simulation::RiskLoss>,
    /// Loss exceedance curve: (loss, share of years with a larger loss), at
    /// the 200 probabilities of [`super::percentile_grid_probabilities`].
    pub exceedance: Vec<(f64, f64)>,
    /// Against the baseline, when the scenario has a known cost.
    pub return_on_investment: Option<super::investment::ReturnOnInvestment>,
    /// The scenario's treatment cost in whole currency units; 0 for the baseline.
    pub treatment_cost: Money,
}

/// The report of a simulation of `portfolio` (its scenarios in order).
pub fn quant_report(
    portfolio: &QuantPortfolio,
    result: &super::simulation::SimulationResult,
) -> Vec<ScenarioReport> {
    let baseline = &result.scenarios[0];
    result
        .scenarios
        .iter()
        .enumerate()
        .map(|(index, scenario)| {
            let d = &scenario.portfolio;
            let cost = portfolio.treatment_costs.get(index).copied().unwrap_or(0);
            let level = |f: fn(&super::LossDistribution, f64) -> Result<f64, super::QuantError>,
                         l: f64| f(d, l).unwrap_or(f64::NAN);
            ScenarioReport {
                name: scenario.name.clone(),
                expected_annual_loss: d.mean(),
                standard_deviation: d.standard_deviation(),
                p50: d.percentile(50.0),
                p90: d.percentile(90.0),
                p99: d.percentile(99.0),
                value_at_risk_95: level(super::LossDistribution::value_at_risk, 0.95),
                value_at_risk_99: level(super::LossDistribution::value_at_risk, 0.99),
                tail_value_at_risk_95: level(super::LossDistribution::tail_value_at_risk, 0.95),
                tail_value_at_risk_99: level(super::LossDistribution::tail_value_at_risk, 0.99),
                risks: scenario.risks.clone(),
                exceedance: d
                    .percentile_grid()
                    .into_iter()
                    .map(|p| (p.loss, 1.0 - p.percent / 100.0))
                    .collect(),
                return_on_investment: (index > 0 && cost > 0)
                    .then(|| super::return_on_investment(baseline, scenario, cost as f64).ok())
                    .flatten(),
                treatment_cost: cost,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_organisation;

    #[test]
    fn the_demo_portfolio_lists_its_quantified_risks_for_every_scenario() {
        let ws = demo_organisation();
        let scenarios: Vec<&Scenario> = ws.scenarios.iter().collect();
        let portfolio = quant_portfolio(&ws, &scenarios);
        let quantified = ws
            .risks
            .iter()
            .filter(|r| r.quantitative.is_some() && r.status != RiskStatus::Closed)
            .count();
        assert!(quantified > 0);
        assert_eq!(portfolio.risks.len(), quantified);
        assert_eq!(portfolio.scenarios.len(), 1 + ws.scenarios.len());
        for scenario in &portfolio.scenarios {
            assert_eq!(scenario.risks.len(), quantified, "{}", scenario.name);
        }
        assert_eq!(portfolio.treatment_costs[0], 0);
    }

    #[test]
    fn implementing_a_linked_control_lowers_the_expected_loss() {
        let mut ws = demo_organisation();
        let risk = ws
            .risks
            .iter()
            .position(|r| r.quantitative.is_some() && !r.controls.is_empty())
            .expect("a quantified risk with controls");
        let control = ws.risks[risk].controls[0].clone();
        if let Some(c) = ws.controls.iter_mut().find(|c| c.id == control) {
            c.status = ImplementationStatus::NotStarted;
        }
        let scenario = Scenario {
            id: crate::model::ScenarioId::try_new("S-q").unwrap(),
            name: "implement".into(),
            description: String::new(),
            changes: vec![Change::ControlStatus {
                control,
                status: ImplementationStatus::Implemented,
            }],
        };
        let portfolio = quant_portfolio(&ws, &[&scenario]);
        let index = portfolio
            .risks
            .iter()
            .position(|r| r.id == ws.risks[risk].id)
            .unwrap();
        let before = portfolio.scenarios[0].risks[index].expected_annual_loss();
        let after = portfolio.scenarios[1].risks[index].expected_annual_loss();
        assert!(after < before, "{after} < {before}");
    }
}
