//! Errors of the quantitative simulation.

use crate::model::key_table;
use std::fmt;

/// One of the three FAIR-lite input factors of a risk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputFactor {
    /// Threat event frequency, events per year.
    ThreatEventFrequency,
    /// Vulnerability: probability that a threat event becomes a loss event.
    Vulnerability,
    /// Loss magnitude, currency per loss event.
    LossMagnitude,
}

// In the order they are drawn.
key_table!(InputFactor {
    ThreatEventFrequency => "threat_event_frequency",
    Vulnerability => "vulnerability",
    LossMagnitude => "loss_magnitude",
});

impl InputFactor {
    /// A label for messages and charts.
    pub fn label(self) -> &'static str {
        match self {
            InputFactor::ThreatEventFrequency => "threat event frequency",
            InputFactor::Vulnerability => "vulnerability",
            InputFactor::LossMagnitude => "loss magnitude",
        }
    }
}

/// What is wrong with a three-point estimate.
#[derive(Clone, Debug, PartialEq)]
pub enum EstimateProblem {
    /// A value is NaN or infinite.
    NotFinite,
    /// The points are not in the order low <= most likely <= high.
    Unordered {
        /// The low point as given.
        low: f64,
        /// The most likely point as given.
        most_likely: f64,
        /// The high point as given.
        high: f64,
    },
    /// A point lies outside the factor's range (probabilities in [0, 1],
    /// frequencies and amounts not negative).
    OutOfRange {
        /// The low point as given.
        low: f64,
        /// The high point as given.
        high: f64,
        /// The smallest value the factor allows.
        min: f64,
        /// The largest value the factor allows.
        max: f64,
    },
}

/// Why a simulation could not be planned, run, merged or compared.
#[derive(Clone, Debug, PartialEq)]
pub enum QuantError {
    /// An estimate of a risk is unusable; fix the figures of that risk.
    InvalidEstimate {
        /// Name of the scenario the risk belongs to.
        scenario: String,
        /// Position of the risk in the scenario's list, 0-based.
        risk: usize,
        /// Which of the three inputs is wrong.
        factor: InputFactor,
        /// What is wrong with it.
        problem: EstimateProblem,
    },
    /// A control reduction is not a fraction between 0 and 1.
    InvalidReduction {
        /// Name of the scenario the risk belongs to.
        scenario: String,
        /// Position of the risk in the scenario's list, 0-based.
        risk: usize,
        /// The reduction given; it must lie in `[0, 1]`.
        value: f64,
    },
    /// A simulation needs at least two iterations (for a standard deviation).
    TooFewIterations(u64),
    /// A simulation needs at least one scenario (the baseline).
    NoScenario,
    /// Every scenario must list the same risks, in the same order, as the baseline.
    ScenarioSizeMismatch {
        /// Name of the scenario with the wrong number of risks.
        scenario: String,
        /// Number of risks in the baseline.
        expected: usize,
        /// Number of risks in this scenario.
        found: usize,
    },
    /// A shard must start on a block boundary and end on one or at the last
    /// iteration; use `SimulationPlan::shard_ranges`.
    MisalignedShard {
        /// First iteration of the shard.
        start: u64,
        /// One past the shard's last iteration.
        end: u64,
    },
    /// The shards given to `merge` came from different plans.
    ShardsFromDifferentPlans,
    /// The shards given to `merge` do not cover every iteration exactly once.
    ShardsDoNotCover {
        /// The iteration the next shard should start at.
        expected_start: u64,
        /// The iteration it does start at.
        found_start: u64,
    },
    /// The caller cancelled the simulation.
    Cancelled,
    /// Two results can only be compared when they come from the same run
    /// (same seed and number of iterations).
    IncomparableResults,
    /// A scenario index that does not exist.
    NoSuchScenario(usize),
    /// A cost must be a positive, finite amount.
    InvalidCost(f64),
    /// A confidence level must lie strictly between 0 and 1.
    InvalidLevel(f64),
}

impl fmt::Display for EstimateProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EstimateProblem::NotFinite => write!(f, "a value is missing or not a number"),
            EstimateProblem::Unordered {
                low,
                most_likely,
                high,
            } => write!(
                f,
                "the values must satisfy low <= most likely <= high (got {low}, {most_likely}, {high})"
            ),
            EstimateProblem::OutOfRange {
                low,
                high,
                min,
                max,
            } => write!(
                f,
                "the values {low} .. {high} must lie between {min} and {max}"
            ),
        }
    }
}

impl fmt::Display for QuantError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QuantError::InvalidEstimate {
                scenario,
                risk,
                factor,
                problem,
            } => write!(
                f,
                "scenario '{scenario}', risk #{risk}: {}: {problem}",
                factor.label()
            ),
            QuantError::InvalidReduction {
                scenario,
                risk,
                value,
            } => write!(
                f,
                "scenario '{scenario}', risk #{risk}: a control reduction must be between 0 and 1 (got {value})"
            ),
            QuantError::TooFewIterations(n) => {
                write!(f, "at least 2 iterations are needed (got {n})")
            }
            QuantError::NoScenario => write!(f, "no scenario to simulate"),
            QuantError::ScenarioSizeMismatch {
                scenario,
                expected,
                found,
            } => write!(
                f,
                "scenario '{scenario}' has {found} risks but the baseline has {expected}"
            ),
            QuantError::MisalignedShard { start, end } => write!(
                f,
                "iterations {start}..{end} do not start and end on block boundaries"
            ),
            QuantError::ShardsFromDifferentPlans => {
                write!(f, "the partial results come from different simulations")
            }
            QuantError::ShardsDoNotCover {
                expected_start,
                found_start,
            } => write!(
                f,
                "the partial results do not cover every iteration once (expected one starting at {expected_start}, found {found_start})"
            ),
            QuantError::Cancelled => write!(f, "the simulation was cancelled"),
            QuantError::IncomparableResults => write!(
                f,
                "the results come from different runs (seed or iterations differ)"
            ),
            QuantError::NoSuchScenario(index) => write!(f, "there is no scenario #{index}"),
            QuantError::InvalidCost(cost) => {
                write!(f, "a cost must be a positive amount (got {cost})")
            }
            QuantError::InvalidLevel(level) => write!(
                f,
                "a confidence level must be strictly between 0 and 1 (got {level})"
            ),
        }
    }
}

impl std::error::Error for QuantError {}
