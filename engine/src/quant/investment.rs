//! Return on security investment, from two scenarios of one simulation.

use serde::Serialize;

use super::error::QuantError;
use super::risk::TreatmentInputs;
use super::simulation::{ScenarioResult, SimulationResult};

/// What a treatment (the change from one scenario to another) is worth.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ReturnOnInvestment {
    /// Portfolio ALE without the treatment.
    pub expected_loss_before: f64,
    /// Portfolio ALE with the treatment.
    pub expected_loss_after: f64,
    /// `expected_loss_before - expected_loss_after`.
    pub loss_reduction: f64,
    /// Annualised cost of the treatment.
    pub annual_cost: f64,
    /// ROSI = (ALE before - ALE after - cost) / cost; above 0 pays off on average.
    pub rosi: f64,
    /// Share of simulated years in which the loss avoided exceeds the cost
    /// (paired year by year, thanks to common random numbers).
    pub probability_pays_off: f64,
}

/// ROSI of going from `before` to `after`, two scenarios of the same
/// simulation, at `annual_cost` (same currency and period as the losses).
pub fn return_on_investment(
    before: &ScenarioResult,
    after: &ScenarioResult,
    annual_cost: f64,
) -> Result<ReturnOnInvestment, QuantError> {
    if !(annual_cost.is_finite() && annual_cost > 0.0) {
        return Err(QuantError::InvalidCost(annual_cost));
    }
    let (losses_before, losses_after) = (before.portfolio.losses(), after.portfolio.losses());
    if losses_before.len() != losses_after.len() || losses_before.is_empty() {
        return Err(QuantError::IncomparableResults);
    }
    let expected_loss_before = before.portfolio.mean();
    let expected_loss_after = after.portfolio.mean();
    let loss_reduction = expected_loss_before - expected_loss_after;
    let paying_years = losses_before
        .iter()
        .zip(losses_after)
        .filter(|(b, a)| *b - *a > annual_cost)
        .count();
    Ok(ReturnOnInvestment {
        expected_loss_before,
        expected_loss_after,
        loss_reduction,
        annual_cost,
        rosi: (loss_reduction - annual_cost) / annual_cost,
        probability_pays_off: paying_years as f64 / losses_before.len() as f64,
    })
}

impl SimulationResult {
    /// ROSI of scenario `after` against scenario `before` (indices in the plan).
    pub fn return_on_investment(
        &self,
        before: usize,
        after: usize,
        annual_cost: f64,
    ) -> Result<ReturnOnInvestment, QuantError> {
        let scenario = |index: usize| {
            self.scenarios
                .get(index)
                .ok_or(QuantError::NoSuchScenario(index))
        };
        return_on_investment(scenario(before)?, scenario(after)?, annual_cost)
    }
}

impl SimulationResult {
    /// ROSI of every treatment alone and of all together (at the summed
    /// cost), for a simulation whose scenarios are
    /// `baseline.treatment_scenarios(treatments)`.
    pub fn treatment_returns(
        &self,
        treatments: &[TreatmentInputs],
    ) -> Result<Vec<(String, ReturnOnInvestment)>, QuantError> {
        let mut returns = Vec::with_capacity(treatments.len() + 1);
        for (index, treatment) in treatments.iter().enumerate() {
            let rosi = self.return_on_investment(0, index + 1, treatment.annual_cost)?;
            returns.push((treatment.name.clone(), rosi));
        }
        let total_cost = treatments.iter().map(|t| t.annual_cost).sum();
        let rosi = self.return_on_investment(0, treatments.len() + 1, total_cost)?;
        returns.push(("all treatments".to_owned(), rosi));
        Ok(returns)
    }
}
