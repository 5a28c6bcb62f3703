//! Quantitative risk: a FAIR-lite Monte Carlo simulation of annual losses.
//!
//! Model (`bench/fair-peers/MODEL.md` section 2): for risk i in simulated
//! year k, `loss = TEF x V x LM`, each factor drawn from a BetaPERT over its
//! three-point estimate in pyfair's moment-matching form (gamma = 4); the
//! portfolio loss of year k is the sum over risks. Controls scale V
//! (preventive) or LM (corrective) by `1 - effectiveness x implementation`.
//!
//! Everything is seeded and deterministic on every platform; a simulation
//! can be split into shards (threads, Web Workers) whose merge equals the
//! single-thread result exactly, and scenarios share their random numbers.

mod distribution;
mod error;
mod inverse_beta;
mod investment;
mod pert;
mod portable_math;
mod portfolio;
mod random;
mod risk;
mod sampler;
mod simulation;
mod tornado;

#[cfg(test)]
mod tests;

pub use distribution::{percentile_grid_probabilities, LossDistribution, PercentilePoint};
pub use error::{EstimateProblem, InputFactor, QuantError};
pub use investment::{return_on_investment, ReturnOnInvestment};
pub use pert::ThreePointEstimate;
pub use portfolio::{quant_portfolio, quant_report, QuantPortfolio, QuantRisk, ScenarioReport};
pub use random::SplitMix64;
pub use risk::{ControlEffect, ControlKind, Reduction, RiskInput, ScenarioInputs, TreatmentInputs};
pub use sampler::{prepare_fast_sampler, Sampler};
#[cfg(not(target_arch = "wasm32"))]
pub use simulation::simulate_in_parallel;
pub use simulation::{
    merge, simulate, simulate_shard_with_progress, RiskLoss, ScenarioResult, ShardResult,
    SimulationJob, SimulationPlan, SimulationResult, SimulationSettings,
};
pub use tornado::{tornado, TornadoBar, TornadoGrouping};
