//! Drawing BetaPERT values: a fast inverse-CDF table and an exact sampler.
//!
//! **Fast.** Every pyfair PERT is `low + (high - low) X` with X ~ Beta(alpha,
//! beta), and (alpha, beta) depend only on where the mode sits in the range
//! (the standard deviation is always a sixth of the range). So one table
//! serves every estimate: rows of the standard Beta quantile function for
//! 129 evenly spaced mode positions, each row on 1,025 evenly spaced
//! probabilities, with the first and last 8 cells refined 32-fold because
//! the quantile function is steep at the ends. A draw is one uniform and a
//! bilinear interpolation (probability, then mode position). Blending two
//! rows keeps the mean exact (the PERT mean is linear in the mode); the
//! table's relative bias is below 2e-5 on the mean and 1e-4 on the second
//! moment (a test integrates it), well under the Monte Carlo standard
//! errors of 1,000 risks x 100,000 years. Inverse-CDF sampling also makes
//! common random numbers monotone:
//! the same uniform gives a higher loss for a higher estimate.
//!
//! **Exact.** Beta as `G1 / (G1 + G2)` with Gamma draws by Marsaglia and
//! Tsang (2000) and normals by Marsaglia's polar method; kept to validate
//! the fast sampler.

use crate::model::key_table;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::inverse_beta::{density, inverse_regularized_incomplete_beta, ln_beta_function};
use super::pert::{shape_from_mode_fraction, ThreePointEstimate};
use super::portable_math::{ln, powf};
use super::random::Xoshiro256PlusPlus;

/// How BetaPERT values are drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sampler {
    /// Inverse-CDF table with bilinear interpolation: one uniform per draw.
    #[default]
    Fast,
    /// Beta from two Marsaglia–Tsang Gamma draws: slower, no table error.
    Exact,
}

key_table!(Sampler {
    Fast => "fast",
    Exact => "exact",
});

/// Mode positions: rows at fraction j / SHAPE_INTERVALS, j = 0..=SHAPE_INTERVALS.
const SHAPE_INTERVALS: usize = 128;
/// Evenly spaced probability cells per row.
const CELLS: usize = 1024;
/// Cells at each end whose probabilities are refined further.
const TAIL_CELLS: usize = 8;
/// Sub-cells covering the `TAIL_CELLS` cells at each end (small, so they
/// stay in cache next to the main rows).
const TAIL_SUBCELLS: usize = 256;
const MAIN_LEN: usize = CELLS + 1;
const TAIL_LEN: usize = TAIL_SUBCELLS + 1;
const ROW_LEN: usize = MAIN_LEN + 2 * TAIL_LEN;
const LOWER_TAIL_START: usize = MAIN_LEN;
const UPPER_TAIL_START: usize = MAIN_LEN + TAIL_LEN;
/// Probability covered by one tail region.
const TAIL_PROBABILITY: f64 = TAIL_CELLS as f64 / CELLS as f64;
const TAIL_SCALE: f64 = (CELLS * TAIL_SUBCELLS / TAIL_CELLS) as f64;

/// Standard Beta quantiles for every tabulated mode position.
struct QuantileTable {
    values: Vec<f64>,
}

/// The table, built on first use (about 200,000 quantiles; deterministic).
fn quantile_table() -> &'static QuantileTable {
    static TABLE: OnceLock<QuantileTable> = OnceLock::new();
    TABLE.get_or_init(QuantileTable::build)
}

/// Builds the table now rather than inside the first simulation (so that
/// timings of the simulation itself exclude it). Idempotent.
pub fn prepare_fast_sampler() {
    quantile_table();
}

/// Probability of node `index` of a row, in the order the row stores them.
fn node_probability(index: usize) -> f64 {
    if index < MAIN_LEN {
        index as f64 / CELLS as f64
    } else if index < UPPER_TAIL_START {
        (index - LOWER_TAIL_START) as f64 / TAIL_SCALE
    } else {
        (1.0 - TAIL_PROBABILITY) + (index - UPPER_TAIL_START) as f64 / TAIL_SCALE
    }
}

/// The node of the mirrored row holding `1 - node_probability(index)`.
fn mirrored_node(index: usize) -> usize {
    if index < MAIN_LEN {
        CELLS - index
    } else if index < UPPER_TAIL_START {
        UPPER_TAIL_START + TAIL_SUBCELLS - (index - LOWER_TAIL_START)
    } else {
        LOWER_TAIL_START + TAIL_SUBCELLS - (index - UPPER_TAIL_START)
    }
}

impl QuantileTable {
    fn build() -> Self {
        let mut values = vec![0.0; (SHAPE_INTERVALS + 1) * ROW_LEN];
        // Node indices sorted by probability, for a warm-started march. The
        // tail regions repeat some main-grid probabilities (their ends and
        // every 32nd sub-node); `march` computes each probability once.
        let mut order: Vec<usize> = (0..ROW_LEN).collect();
        order.sort_by(|&a, &b| node_probability(a).total_cmp(&node_probability(b)));
        for row in 0..=SHAPE_INTERVALS / 2 {
            let (alpha, beta) = shape_from_mode_fraction(row as f64 / SHAPE_INTERVALS as f64);
            let row_values = Self::row(alpha, beta, &order);
            values[row * ROW_LEN..(row + 1) * ROW_LEN].copy_from_slice(&row_values);
            // Beta(beta, alpha) is the mirror image: Q'(u) = 1 - Q(1 - u).
            let mirror = SHAPE_INTERVALS - row;
            if mirror != row {
                for index in 0..ROW_LEN {
                    values[mirror * ROW_LEN + index] = 1.0 - row_values[mirrored_node(index)];
                }
            }
        }
        Self { values }
    }

    /// Quantiles of Beta(alpha, beta) at every node. Probabilities above 1/2
    /// are inverted on the mirrored distribution so the upper tail keeps its
    /// relative accuracy.
    fn row(alpha: f64, beta: f64, order: &[usize]) -> Vec<f64> {
        let ln_beta = ln_beta_function(alpha, beta);
        let mut row = vec![0.0; ROW_LEN];
        let lower_half = order
            .iter()
            .copied()
            .take_while(|&index| node_probability(index) <= 0.5);
        march(lower_half, alpha, beta, ln_beta, &mut row, false);
        let upper_half = order
            .iter()
            .rev()
            .copied()
            .take_while(|&index| node_probability(index) > 0.5);
        march(upper_half, beta, alpha, ln_beta, &mut row, true);
        row
    }
}

/// Fills `row` at `indices` (in order of increasing distance from the
/// nearer end) with quantiles of Beta(a, b), or with `1 - quantile` of the
/// mirrored distribution when `upper`. Each node starts from a second-order
/// Taylor step off the previous one (`Q' = 1/f`, `Q'' = -(f'/f) Q'^2`), close
/// enough that a single Halley step finishes it.
fn march(
    indices: impl Iterator<Item = usize>,
    a: f64,
    b: f64,
    ln_beta: f64,
    row: &mut [f64],
    upper: bool,
) {
    let mut previous: Option<(f64, f64)> = None;
    let mut last: Option<(f64, f64)> = None;
    for index in indices {
        let p = node_probability(index);
        let tail_p = if upper { 1.0 - p } else { p };
        if let Some((_, repeated)) = last.filter(|&(last_p, _)| last_p == tail_p) {
            row[index] = if upper { 1.0 - repeated } else { repeated };
            continue;
        }
        let guess = previous.and_then(|(x, previous_p)| {
            let slope = 1.0 / density(x, a, b, ln_beta);
            let log_derivative = (a - 1.0) / x - (b - 1.0) / (1.0 - x);
            let step = tail_p - previous_p;
            let guess = x + slope * step - 0.5 * log_derivative * slope * slope * step * step;
            (slope.is_finite() && guess > x && guess < 1.0).then_some(guess)
        });
        let x = inverse_regularized_incomplete_beta(tail_p, a, b, ln_beta, guess);
        row[index] = if upper { 1.0 - x } else { x };
        last = Some((tail_p, x));
        previous = (x > 0.0).then_some((x, tail_p));
    }
}

/// One input factor prepared for the fast sampler: `low + range X`, X
/// interpolated between table rows `row` and `row + 1` with `weight`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct FastFactor {
    low: f64,
    range: f64,
    row_offset: usize,
    weight: f64,
    /// 1 / alpha and 1 / beta: the power laws of the outermost sub-cells.
    lower_exponent: f64,
    upper_exponent: f64,
}

impl FastFactor {
    pub(crate) fn new(estimate: &ThreePointEstimate) -> Self {
        let position = estimate.mode_fraction() * SHAPE_INTERVALS as f64;
        let row = (position as usize).min(SHAPE_INTERVALS - 1);
        let (alpha, beta) = estimate.beta_shape().unwrap_or((1.0, 1.0));
        Self {
            low: estimate.low,
            range: estimate.high - estimate.low,
            row_offset: row * ROW_LEN,
            weight: position - row as f64,
            lower_exponent: 1.0 / alpha,
            upper_exponent: 1.0 / beta,
        }
    }

    /// The value at probability `u` in [0, 1).
    #[inline(always)]
    pub(crate) fn quantile(&self, table: &[f64], u: f64) -> f64 {
        let scaled = u * CELLS as f64;
        let cell = scaled as usize;
        let standard = if (TAIL_CELLS..CELLS - TAIL_CELLS).contains(&cell) {
            self.interpolate(table, cell, scaled - cell as f64)
        } else {
            self.tail_quantile(table, u, cell)
        };
        self.low + self.range * standard
    }

    /// Bilinear interpolation at node `index` (+ `fraction`) of the row pair.
    #[inline(always)]
    fn interpolate(&self, table: &[f64], index: usize, fraction: f64) -> f64 {
        // A fixed-size view lets the compiler drop the bounds checks below.
        let rows: &[f64; 2 * ROW_LEN] = table[self.row_offset..self.row_offset + 2 * ROW_LEN]
            .try_into()
            .expect("a row pair of the table");
        let index = index.min(ROW_LEN - 2);
        let lower_row = rows[index] + fraction * (rows[index + 1] - rows[index]);
        let upper_row =
            rows[ROW_LEN + index] + fraction * (rows[ROW_LEN + index + 1] - rows[ROW_LEN + index]);
        lower_row + self.weight * (upper_row - lower_row)
    }

    /// The refined end regions (probability 1/64 in all). In the outermost
    /// sub-cell the quantile follows the Beta's power law
    /// `Q(u) ~ u^(1/alpha)` (and `1 - Q ~ (1 - u)^(1/beta)`) instead of a
    /// straight line, which would be far off where the density is 0 or
    /// infinite.
    #[cold]
    fn tail_quantile(&self, table: &[f64], u: f64, cell: usize) -> f64 {
        const SUBCELL: f64 = 1.0 / TAIL_SCALE;
        if cell < TAIL_CELLS {
            let fine = u * TAIL_SCALE;
            let index = fine as usize;
            if index == 0 {
                let edge = self.interpolate(table, LOWER_TAIL_START + 1, 0.0);
                return edge * powf(u / SUBCELL, self.lower_exponent);
            }
            self.interpolate(table, LOWER_TAIL_START + index, fine - index as f64)
        } else {
            // Exact: both are multiples of 2^-53 in [1/2, 1).
            let fine = (u - (1.0 - TAIL_PROBABILITY)) * TAIL_SCALE;
            let index = (fine as usize).min(TAIL_SUBCELLS - 1);
            if index == TAIL_SUBCELLS - 1 {
                let edge = self.interpolate(table, UPPER_TAIL_START + index, 0.0);
                let remaining = (1.0 - u) / SUBCELL;
                return 1.0 - (1.0 - edge) * powf(remaining, self.upper_exponent);
            }
            self.interpolate(table, UPPER_TAIL_START + index, fine - index as f64)
        }
    }
}

/// The table's values, for callers that hold `FastFactor`s.
pub(crate) fn table_values() -> &'static [f64] {
    &quantile_table().values
}

/// One input factor prepared for the exact sampler.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct ExactFactor {
    low: f64,
    range: f64,
    alpha: GammaShape,
    beta: GammaShape,
}

/// Marsaglia–Tsang constants for Gamma(shape); shapes below 1 are drawn as
/// Gamma(shape + 1) U^(1/shape).
#[derive(Clone, Copy, Debug, PartialEq)]
struct GammaShape {
    d: f64,
    c: f64,
    /// 1 / shape when shape < 1, else 0.
    boost_exponent: f64,
}

impl GammaShape {
    fn new(shape: f64) -> Self {
        let (boosted, boost_exponent) = if shape < 1.0 {
            (shape + 1.0, 1.0 / shape)
        } else {
            (shape, 0.0)
        };
        let d = boosted - 1.0 / 3.0;
        Self {
            d,
            c: 1.0 / (9.0 * d).sqrt(),
            boost_exponent,
        }
    }

    fn draw(&self, random: &mut Xoshiro256PlusPlus) -> f64 {
        let value = loop {
            let x = standard_normal(random);
            let v = 1.0 + self.c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = random.next_open_f64();
            let x2 = x * x;
            if u < 1.0 - 0.0331 * x2 * x2 || ln(u) < 0.5 * x2 + self.d * (1.0 - v + ln(v)) {
                break self.d * v;
            }
        };
        if self.boost_exponent > 0.0 {
            value * powf(random.next_open_f64(), self.boost_exponent)
        } else {
            value
        }
    }
}

/// A standard normal by Marsaglia's polar method (one of the pair is used,
/// so a stream never carries hidden state between draws).
fn standard_normal(random: &mut Xoshiro256PlusPlus) -> f64 {
    loop {
        let a = 2.0 * random.next_f64() - 1.0;
        let b = 2.0 * random.next_f64() - 1.0;
        let s = a * a + b * b;
        if s > 0.0 && s < 1.0 {
            return a * (-2.0 * ln(s) / s).sqrt();
        }
    }
}

impl ExactFactor {
    pub(crate) fn new(estimate: &ThreePointEstimate) -> Self {
        let (alpha, beta) = estimate.beta_shape().unwrap_or((1.0, 1.0));
        Self {
            low: estimate.low,
            range: estimate.high - estimate.low,
            alpha: GammaShape::new(alpha),
            beta: GammaShape::new(beta),
        }
    }

    pub(crate) fn draw(&self, random: &mut Xoshiro256PlusPlus) -> f64 {
        if self.range == 0.0 {
            return self.low;
        }
        let x = self.alpha.draw(random);
        let y = self.beta.draw(random);
        self.low + self.range * (x / (x + y))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_are_monotone_and_span_zero_to_one() {
        let table = table_values();
        for row in 0..=SHAPE_INTERVALS {
            let values = &table[row * ROW_LEN..(row + 1) * ROW_LEN];
            assert_eq!(values[0], 0.0);
            assert_eq!(values[CELLS], 1.0);
            for window in values[..MAIN_LEN].windows(2) {
                assert!(window[0] <= window[1], "row {row}");
            }
            assert_eq!(values[LOWER_TAIL_START + TAIL_SUBCELLS], values[TAIL_CELLS]);
            assert_eq!(values[UPPER_TAIL_START], values[CELLS - TAIL_CELLS]);
            // Sub-nodes that fall on main nodes hold the same value.
            let ratio = TAIL_SUBCELLS / TAIL_CELLS;
            for main in 1..TAIL_CELLS {
                assert_eq!(values[LOWER_TAIL_START + main * ratio], values[main]);
                assert_eq!(
                    values[UPPER_TAIL_START + main * ratio],
                    values[CELLS - TAIL_CELLS + main]
                );
            }
        }
    }

    #[test]
    fn every_node_holds_its_exact_quantile() {
        let table = table_values();
        for row in [0, 1, 37, 64, 100, SHAPE_INTERVALS] {
            let (alpha, beta) = shape_from_mode_fraction(row as f64 / SHAPE_INTERVALS as f64);
            let ln_beta = ln_beta_function(alpha, beta);
            for index in 0..ROW_LEN {
                let p = node_probability(index);
                let exact = if p <= 0.5 {
                    inverse_regularized_incomplete_beta(p, alpha, beta, ln_beta, None)
                } else {
                    1.0 - inverse_regularized_incomplete_beta(1.0 - p, beta, alpha, ln_beta, None)
                };
                let stored = table[row * ROW_LEN + index];
                assert!(
                    (stored - exact).abs() < 1e-12,
                    "row {row} node {index} (p = {p}): {stored} vs {exact}"
                );
            }
        }
    }

    #[test]
    fn the_table_reproduces_exact_quantiles() {
        let estimate = ThreePointEstimate::new(0.0, 0.3, 1.0);
        let (alpha, beta) = estimate.beta_shape().unwrap();
        let ln_beta = ln_beta_function(alpha, beta);
        let factor = FastFactor::new(&estimate);
        for u in [1e-9, 1e-7, 1e-4, 0.003, 0.25, 0.5] {
            // The outermost sub-cell (probability 3e-5) follows the power
            // law, whose next-order term is up to a couple of percent there.
            let tolerance = if u < 3e-5 {
                2e-2
            } else if u < 1e-3 {
                5e-3
            } else {
                1e-3
            };
            let exact = inverse_regularized_incomplete_beta(u, alpha, beta, ln_beta, None);
            let interpolated = factor.quantile(table_values(), u);
            assert!(
                (interpolated - exact).abs() < tolerance * exact,
                "u={u}: {interpolated} vs {exact}"
            );
            // The same distance from the top.
            let exact = 1.0 - inverse_regularized_incomplete_beta(u, beta, alpha, ln_beta, None);
            let interpolated = factor.quantile(table_values(), 1.0 - u);
            assert!(
                (interpolated - exact).abs() < tolerance * (1.0 - exact),
                "1-u={u}: {interpolated} vs {exact}"
            );
        }
    }

    /// Integrates the interpolated quantile function over u (midpoint rule)
    /// and compares the first two moments with the exact Beta moments: the
    /// table's bias must sit far below Monte Carlo noise.
    #[test]
    fn the_table_keeps_the_moments() {
        let points = 400_000;
        for step in 0..=10 {
            let estimate = ThreePointEstimate::new(0.0, step as f64 / 10.0, 1.0);
            let factor = FastFactor::new(&estimate);
            let (mut first, mut second) = (0.0, 0.0);
            for i in 0..points {
                let x = factor.quantile(table_values(), (i as f64 + 0.5) / points as f64);
                first += x;
                second += x * x;
            }
            let [m1, m2, _, _] = estimate.raw_moments();
            let mean_error = (first / points as f64) / m1 - 1.0;
            let second_error = (second / points as f64) / m2 - 1.0;
            assert!(
                mean_error.abs() < 2e-5 && second_error.abs() < 1e-4,
                "mode at {step}/10: mean {mean_error:.1e}, second moment {second_error:.1e}"
            );
        }
    }

    #[test]
    fn quantiles_cover_every_uniform_without_going_out_of_bounds() {
        let factor = FastFactor::new(&ThreePointEstimate::new(2.0, 9.0, 10.0));
        let largest_uniform = 1.0 - 1.0 / 9_007_199_254_740_992.0;
        for u in [0.0, 1e-300, largest_uniform] {
            let x = factor.quantile(table_values(), u);
            assert!((2.0..=10.0).contains(&x));
        }
    }
}
