//! Planning, running (in shards) and merging a Monte Carlo simulation.
//!
//! Iterations are grouped in blocks of [`BLOCK_ITERATIONS`]. Risk i in block
//! b draws from its own generator seeded from (seed, b, i), three uniforms
//! per iteration (TEF, V, LM) with the fast sampler. Consequences:
//!
//! * a shard (any whole number of blocks) computes exactly what a single
//!   thread computes for those iterations, so Web Workers or threads can
//!   each run one and [`merge`] gives the single-thread result bit for bit;
//! * every scenario draws the same numbers for the same risk and iteration
//!   (common random numbers), so differences between scenarios are not noise,
//!   and a risk that a scenario leaves unchanged contributes exactly the same
//!   losses.
//!
//! Per-risk sums are kept per block and added in block order when merging,
//! and the portfolio loss of every iteration is kept, so nothing depends on
//! how the work was split.

use std::ops::{ControlFlow, Range};

use serde::{Deserialize, Serialize};

use super::distribution::LossDistribution;
use super::error::QuantError;
use super::pert::ThreePointEstimate;
use super::random::{mix64, Xoshiro256PlusPlus};
use super::risk::{RiskInput, ScenarioInputs};
use super::sampler::{table_values, ExactFactor, FastFactor, Sampler};

/// Iterations per block: the unit of random streams and of sharding.
pub(crate) const BLOCK_ITERATIONS: u64 = 1024;

/// Blocks simulated together for one risk before moving to the next (a
/// cache optimisation; progress is reported after each group).
const GROUP_BLOCKS: usize = 8;

/// Seed, length and sampler of a simulation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimulationSettings {
    /// Any 64-bit value; the same seed gives the same result on every platform.
    pub seed: u64,
    /// Number of simulated years (at least 2).
    pub iterations: u64,
    /// How BetaPERT values are drawn: the fast inverse-CDF table or exact Gamma draws.
    pub sampler: Sampler,
}

/// What a simulation worker needs to rebuild a plan: the plan is
/// deterministic, so every worker builds the same one from this.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimulationJob {
    /// The simulation's settings.
    pub settings: SimulationSettings,
    /// The scenarios, the baseline first.
    pub scenarios: Vec<ScenarioInputs>,
}

/// A validated simulation: settings and scenarios (the first is the baseline).
#[derive(Clone, Debug)]
pub struct SimulationPlan {
    settings: SimulationSettings,
    scenarios: Vec<ScenarioInputs>,
    /// For each risk, its distinct simulated figures across scenarios.
    variants: Vec<Vec<Variant>>,
    /// For each risk and scenario, the index of its variant.
    variant_of: Vec<Vec<usize>>,
    fingerprint: u64,
}

#[derive(Clone, Debug, PartialEq)]
struct Variant {
    estimates: [ThreePointEstimate; 3],
    /// The exact mean, subtracted before summing squares (keeps the variance
    /// free of cancellation).
    shift: f64,
}

impl SimulationPlan {
    /// Validates every risk of every scenario. All scenarios must have as
    /// many risks as the first.
    pub fn try_new(
        settings: SimulationSettings,
        scenarios: Vec<ScenarioInputs>,
    ) -> Result<Self, QuantError> {
        if settings.iterations < 2 {
            return Err(QuantError::TooFewIterations(settings.iterations));
        }
        let Some(baseline) = scenarios.first() else {
            return Err(QuantError::NoScenario);
        };
        let risk_count = baseline.risks.len();
        for scenario in &scenarios {
            if scenario.risks.len() != risk_count {
                return Err(QuantError::ScenarioSizeMismatch {
                    scenario: scenario.name.clone(),
                    expected: risk_count,
                    found: scenario.risks.len(),
                });
            }
            for (index, risk) in scenario.risks.iter().enumerate() {
                risk.validate(&scenario.name, index)?;
            }
        }
        let mut variants = vec![Vec::<Variant>::new(); risk_count];
        let mut variant_of = vec![Vec::with_capacity(scenarios.len()); risk_count];
        for scenario in &scenarios {
            for (risk, input) in scenario.risks.iter().enumerate() {
                let estimates = input.effective_estimates();
                let known = &mut variants[risk];
                let index = match known.iter().position(|v| v.estimates == estimates) {
                    Some(index) => index,
                    None => {
                        known.push(Variant {
                            estimates,
                            shift: input.expected_annual_loss(),
                        });
                        known.len() - 1
                    }
                };
                variant_of[risk].push(index);
            }
        }
        let fingerprint = fingerprint(&settings, &scenarios);
        Ok(Self {
            settings,
            scenarios,
            variants,
            variant_of,
            fingerprint,
        })
    }

    /// A plan with a single scenario named "baseline".
    pub fn single(settings: SimulationSettings, risks: Vec<RiskInput>) -> Result<Self, QuantError> {
        Self::try_new(settings, vec![ScenarioInputs::new("baseline", risks)])
    }

    /// Seed, number of iterations and sampler of the plan.
    pub fn settings(&self) -> SimulationSettings {
        self.settings
    }

    /// The scenarios to simulate, the baseline first.
    pub fn scenarios(&self) -> &[ScenarioInputs] {
        &self.scenarios
    }

    /// Number of risks each scenario lists.
    pub fn risk_count(&self) -> usize {
        self.variants.len()
    }

    /// Splits the iterations into at most `parts` contiguous, block-aligned
    /// ranges of nearly equal size (fewer when there are fewer blocks).
    pub fn shard_ranges(&self, parts: usize) -> Vec<Range<u64>> {
        let iterations = self.settings.iterations;
        let blocks = iterations.div_ceil(BLOCK_ITERATIONS);
        let parts = (parts.max(1) as u64).min(blocks);
        (0..parts)
            .map(|part| {
                let first = blocks * part / parts;
                let last = blocks * (part + 1) / parts;
                (first * BLOCK_ITERATIONS)..(last * BLOCK_ITERATIONS).min(iterations)
            })
            .collect()
    }

    fn check_range(&self, range: &Range<u64>) -> Result<(), QuantError> {
        let iterations = self.settings.iterations;
        let aligned_end = range.end.is_multiple_of(BLOCK_ITERATIONS) || range.end == iterations;
        if !range.start.is_multiple_of(BLOCK_ITERATIONS)
            || !aligned_end
            || range.start > range.end
            || range.end > iterations
        {
            return Err(QuantError::MisalignedShard {
                start: range.start,
                end: range.end,
            });
        }
        Ok(())
    }
}

/// The partial result of one range of iterations, to be combined by [`merge`].
/// Serialisable, so a Web Worker can post it back to the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShardResult {
    fingerprint: u64,
    settings: SimulationSettings,
    start: u64,
    end: u64,
    risk_count: usize,
    scenarios: Vec<ShardScenario>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct ShardScenario {
    name: String,
    /// Exact mean of each risk (the shift of the sums below).
    shifts: Vec<f64>,
    /// Per block then per risk: sum of (loss - shift).
    block_sums: Vec<f64>,
    /// Per block then per risk: sum of (loss - shift)^2.
    block_squares: Vec<f64>,
    /// Portfolio loss of each iteration of the range.
    portfolio: Vec<f64>,
}

impl ShardResult {
    /// The iterations this shard covers.
    pub fn iterations(&self) -> Range<u64> {
        self.start..self.end
    }
}

/// Simulates iterations `range` of `plan` (block-aligned: see
/// [`SimulationPlan::shard_ranges`]).
pub(crate) fn simulate_shard(
    plan: &SimulationPlan,
    range: Range<u64>,
) -> Result<ShardResult, QuantError> {
    simulate_shard_with_progress(plan, range, |_| ControlFlow::Continue(()))
}

/// As [`simulate_shard`], calling `progress` with the number of iterations
/// of the range done so far (every 8 blocks, 8,192 iterations);
/// returning `ControlFlow::Break` cancels.
pub fn simulate_shard_with_progress(
    plan: &SimulationPlan,
    range: Range<u64>,
    mut progress: impl FnMut(u64) -> ControlFlow<()>,
) -> Result<ShardResult, QuantError> {
    plan.check_range(&range)?;
    let risk_count = plan.risk_count();
    let length = (range.end - range.start) as usize;
    let first_block = range.start / BLOCK_ITERATIONS;
    let block_count = (range.end - range.start).div_ceil(BLOCK_ITERATIONS) as usize;
    let mut scenarios: Vec<ShardScenario> = plan
        .scenarios
        .iter()
        .enumerate()
        .map(|(scenario, definition)| ShardScenario {
            name: definition.name.clone(),
            shifts: (0..risk_count)
                .map(|risk| plan.variants[risk][plan.variant_of[risk][scenario]].shift)
                .collect(),
            block_sums: vec![0.0; block_count * risk_count],
            block_squares: vec![0.0; block_count * risk_count],
            portfolio: vec![0.0; length],
        })
        .collect();
    let table = match plan.settings.sampler {
        Sampler::Fast => table_values(),
        Sampler::Exact => &[],
    };
    // Blocks are processed in groups: each risk's table rows then serve a
    // few thousand draws while they are in cache. The grouping changes
    // neither the streams nor the order of any sum.
    let block_size = BLOCK_ITERATIONS as usize;
    let mut losses = vec![0.0; GROUP_BLOCKS * block_size];
    let mut uniforms = vec![0.0; 3 * GROUP_BLOCKS * block_size];
    for group_first in (0..block_count).step_by(GROUP_BLOCKS) {
        let group_end = (group_first + GROUP_BLOCKS).min(block_count);
        let offset = group_first * block_size;
        let group_length = (range.end - range.start) as usize - offset;
        let group_length = group_length.min((group_end - group_first) * block_size);
        for risk in 0..risk_count {
            for (variant_index, variant) in plan.variants[risk].iter().enumerate() {
                let losses = &mut losses[..group_length];
                let streams = (group_first..group_end).map(|block_index| {
                    let block = first_block + block_index as u64;
                    Xoshiro256PlusPlus::for_block(plan.settings.seed, block, risk as u64)
                });
                match plan.settings.sampler {
                    Sampler::Fast => {
                        draw_fast(&variant.estimates, table, streams, &mut uniforms, losses)
                    }
                    Sampler::Exact => {
                        for (mut random, block_losses) in streams.zip(losses.chunks_mut(block_size))
                        {
                            draw_exact(&variant.estimates, &mut random, block_losses);
                        }
                    }
                }
                for (block_index, block_losses) in
                    (group_first..group_end).zip(losses.chunks(block_size))
                {
                    let (sum, squares) = block_moments(block_losses, variant.shift);
                    for (scenario, result) in scenarios.iter_mut().enumerate() {
                        if plan.variant_of[risk][scenario] == variant_index {
                            result.block_sums[block_index * risk_count + risk] = sum;
                            result.block_squares[block_index * risk_count + risk] = squares;
                        }
                    }
                }
                for (scenario, result) in scenarios.iter_mut().enumerate() {
                    if plan.variant_of[risk][scenario] != variant_index {
                        continue;
                    }
                    add_into(&mut result.portfolio[offset..offset + group_length], losses);
                }
            }
        }
        if progress((offset + group_length) as u64).is_break() {
            return Err(QuantError::Cancelled);
        }
    }
    Ok(ShardResult {
        fingerprint: plan.fingerprint,
        settings: plan.settings,
        start: range.start,
        end: range.end,
        risk_count,
        scenarios,
    })
}

// The hot loops below are functions of their own, never inlined, and are
// called thousands of times per shard. A WebAssembly engine first runs code
// compiled quickly and swaps in optimised code only at the next call of a
// function: were they inlined into the shard's one long call, the first
// simulation after opening the page would run unoptimised to its end
// (about twice as long in Chromium). Natively the calls cost nothing
// measurable, and the arithmetic and its order are unchanged.

/// Sum and sum of squares of `losses - shift`, in order.
#[inline(never)]
fn block_moments(losses: &[f64], shift: f64) -> (f64, f64) {
    let (mut sum, mut squares) = (0.0, 0.0);
    for &loss in losses {
        let deviation = loss - shift;
        sum += deviation;
        squares += deviation * deviation;
    }
    (sum, squares)
}

/// Adds `losses` to `totals`, element by element.
#[inline(never)]
fn add_into(totals: &mut [f64], losses: &[f64]) {
    for (total, &loss) in totals.iter_mut().zip(losses) {
        *total += loss;
    }
}

/// Fills `losses` with TEF x V x LM, one block per stream. The uniforms are
/// drawn first, in stream order (T, V, L of iteration 0, then of iteration
/// 1, ...), then each factor is looked up for all iterations in turn, so
/// only one factor's table rows need to sit in cache at a time.
#[inline(never)]
fn draw_fast(
    estimates: &[ThreePointEstimate; 3],
    table: &[f64],
    streams: impl Iterator<Item = Xoshiro256PlusPlus>,
    uniforms: &mut [f64],
    losses: &mut [f64],
) {
    let uniforms = &mut uniforms[..3 * losses.len()];
    for (mut random, block) in streams.zip(uniforms.chunks_mut(3 * BLOCK_ITERATIONS as usize)) {
        for uniform in block.iter_mut() {
            *uniform = random.next_f64();
        }
    }
    let [frequency, vulnerability, magnitude] = estimates.map(|e| FastFactor::new(&e));
    for (loss, draws) in losses.iter_mut().zip(uniforms.chunks_exact(3)) {
        *loss = frequency.quantile(table, draws[0]);
    }
    for (loss, draws) in losses.iter_mut().zip(uniforms.chunks_exact(3)) {
        *loss *= vulnerability.quantile(table, draws[1]);
    }
    for (loss, draws) in losses.iter_mut().zip(uniforms.chunks_exact(3)) {
        *loss *= magnitude.quantile(table, draws[2]);
    }
}

#[inline(never)]
fn draw_exact(
    estimates: &[ThreePointEstimate; 3],
    random: &mut Xoshiro256PlusPlus,
    losses: &mut [f64],
) {
    let [frequency, vulnerability, magnitude] = estimates.map(|e| ExactFactor::new(&e));
    for loss in losses {
        let t = frequency.draw(random);
        let v = vulnerability.draw(random);
        let l = magnitude.draw(random);
        *loss = t * v * l;
    }
}

/// Combines shards that together cover every iteration once (in any order)
/// into the result a single thread would give, bit for bit.
pub fn merge(mut shards: Vec<ShardResult>) -> Result<SimulationResult, QuantError> {
    let Some(first) = shards.first() else {
        return Err(QuantError::ShardsDoNotCover {
            expected_start: 0,
            found_start: u64::MAX,
        });
    };
    let (fingerprint, settings, risk_count) = (first.fingerprint, first.settings, first.risk_count);
    if shards.iter().any(|shard| shard.fingerprint != fingerprint) {
        return Err(QuantError::ShardsFromDifferentPlans);
    }
    shards.sort_by_key(|shard| shard.start);
    let mut expected_start = 0;
    for shard in &shards {
        if shard.start != expected_start {
            return Err(QuantError::ShardsDoNotCover {
                expected_start,
                found_start: shard.start,
            });
        }
        expected_start = shard.end;
    }
    if expected_start != settings.iterations {
        return Err(QuantError::ShardsDoNotCover {
            expected_start,
            found_start: settings.iterations,
        });
    }
    let n = settings.iterations as f64;
    let scenario_count = shards[0].scenarios.len();
    let scenarios = (0..scenario_count)
        .map(|scenario| {
            let mut sums = vec![0.0; risk_count];
            let mut squares = vec![0.0; risk_count];
            let mut portfolio = Vec::with_capacity(settings.iterations as usize);
            for shard in &shards {
                let part = &shard.scenarios[scenario];
                for (block_sums, block_squares) in part
                    .block_sums
                    .chunks(risk_count.max(1))
                    .zip(part.block_squares.chunks(risk_count.max(1)))
                {
                    for risk in 0..risk_count {
                        sums[risk] += block_sums[risk];
                        squares[risk] += block_squares[risk];
                    }
                }
                portfolio.extend_from_slice(&part.portfolio);
            }
            let shifts = &shards[0].scenarios[scenario].shifts;
            let risks = (0..risk_count)
                .map(|risk| {
                    let variance = (squares[risk] - sums[risk] * sums[risk] / n) / (n - 1.0);
                    RiskLoss {
                        expected_annual_loss: shifts[risk] + sums[risk] / n,
                        standard_deviation: variance.max(0.0).sqrt(),
                    }
                })
                .collect();
            ScenarioResult {
                name: shards[0].scenarios[scenario].name.clone(),
                risks,
                portfolio: LossDistribution::new(portfolio),
            }
        })
        .collect();
    Ok(SimulationResult {
        settings,
        scenarios,
    })
}

/// Runs the whole plan on the calling thread.
pub fn simulate(plan: &SimulationPlan) -> Result<SimulationResult, QuantError> {
    merge(vec![simulate_shard(plan, 0..plan.settings.iterations)?])
}

/// Runs the plan on `threads` operating-system threads (one shard each);
/// the result equals [`simulate`]'s exactly. Not for WebAssembly, which
/// uses Web Workers and [`simulate_shard`] instead.
#[cfg(not(target_arch = "wasm32"))]
pub fn simulate_in_parallel(
    plan: &SimulationPlan,
    threads: usize,
) -> Result<SimulationResult, QuantError> {
    let ranges = plan.shard_ranges(threads);
    let shards = std::thread::scope(|scope| {
        let handles: Vec<_> = ranges
            .into_iter()
            .map(|range| scope.spawn(move || simulate_shard(plan, range)))
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect::<Result<Vec<_>, _>>()
    })?;
    merge(shards)
}

/// Simulated results of every scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct SimulationResult {
    /// The settings the result was simulated with.
    pub settings: SimulationSettings,
    /// In the order of the plan; the first is the baseline.
    pub scenarios: Vec<ScenarioResult>,
}

/// Simulated results of one scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioResult {
    /// The scenario's name, such as "baseline".
    pub name: String,
    /// Per risk, in input order.
    pub risks: Vec<RiskLoss>,
    /// The portfolio's annual loss (sum over risks) in every iteration.
    pub portfolio: LossDistribution,
}

/// Simulated annual loss of one risk.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct RiskLoss {
    /// Annualised loss expectancy: mean annual loss over the iterations.
    pub expected_annual_loss: f64,
    /// Sample standard deviation of the annual loss (divisor n - 1).
    pub standard_deviation: f64,
}

fn fingerprint(settings: &SimulationSettings, scenarios: &[ScenarioInputs]) -> u64 {
    let mut hash = mix64(settings.seed ^ 0x5851_F42D_4C95_7F2D);
    let mut feed = |value: u64| hash = mix64(hash ^ value);
    feed(settings.iterations);
    feed(settings.sampler as u64);
    for scenario in scenarios {
        feed(scenario.risks.len() as u64);
        for byte in scenario.name.bytes() {
            feed(u64::from(byte));
        }
        for risk in &scenario.risks {
            for estimate in risk.effective_estimates() {
                feed(estimate.low.to_bits());
                feed(estimate.most_likely.to_bits());
                feed(estimate.high.to_bits());
            }
        }
    }
    hash
}
