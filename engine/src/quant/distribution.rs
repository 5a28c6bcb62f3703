//! The simulated distribution of one annual loss (usually the portfolio's):
//! mean, standard deviation, percentiles, exceedance probabilities, value at
//! risk and tail value at risk.

use super::error::QuantError;

/// Probabilities (in percent) of the standard percentile grid: 0.5, 1.0,
/// ..., 99.5 and 99.9, 200 points. The loss exceedance curve is
/// `P(loss > Q(p)) = 1 - p / 100` over this grid.
pub fn percentile_grid_probabilities() -> [f64; 200] {
    let mut grid = [99.9; 200];
    for (index, value) in grid.iter_mut().take(199).enumerate() {
        *value = (index + 1) as f64 / 2.0;
    }
    grid
}

/// One point of a percentile grid.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct PercentilePoint {
    /// Probability in percent (0..=100).
    pub percent: f64,
    /// Loss not exceeded with that probability.
    pub loss: f64,
}

/// Simulated annual losses, one per iteration, with their summary statistics.
#[derive(Clone, Debug, PartialEq)]
pub struct LossDistribution {
    by_iteration: Vec<f64>,
    sorted: Vec<f64>,
    mean: f64,
    standard_deviation: f64,
}

impl LossDistribution {
    /// The distribution of `losses` (iteration order is kept for paired
    /// comparisons between scenarios).
    pub fn new(losses: Vec<f64>) -> Self {
        let count = losses.len() as f64;
        let mean = if losses.is_empty() {
            0.0
        } else {
            losses.iter().sum::<f64>() / count
        };
        let standard_deviation = if losses.len() < 2 {
            0.0
        } else {
            let squares: f64 = losses.iter().map(|x| (x - mean) * (x - mean)).sum();
            (squares / (count - 1.0)).sqrt()
        };
        let mut sorted = losses.clone();
        sorted.sort_unstable_by(f64::total_cmp);
        Self {
            by_iteration: losses,
            sorted,
            mean,
            standard_deviation,
        }
    }

    /// Number of iterations.
    pub fn len(&self) -> usize {
        self.by_iteration.len()
    }

    /// Whether there is no iteration at all.
    pub fn is_empty(&self) -> bool {
        self.by_iteration.is_empty()
    }

    /// The loss of every iteration, in iteration order.
    pub fn losses(&self) -> &[f64] {
        &self.by_iteration
    }

    /// The losses in ascending order.
    pub fn sorted_losses(&self) -> &[f64] {
        &self.sorted
    }

    /// Sample mean: the annualised loss expectancy.
    pub fn mean(&self) -> f64 {
        self.mean
    }

    /// Sample standard deviation (divisor n - 1).
    pub fn standard_deviation(&self) -> f64 {
        self.standard_deviation
    }

    /// The `percent`-th percentile, numpy's default "linear" method
    /// (Hyndman and Fan type 7): `h = (n - 1) p / 100`,
    /// `Q = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h])` on the
    /// sorted sample. `percent` is clamped to [0, 100]; NaN for no data.
    pub fn percentile(&self, percent: f64) -> f64 {
        let n = self.sorted.len();
        if n == 0 {
            return f64::NAN;
        }
        let h = (n - 1) as f64 * (percent.clamp(0.0, 100.0) / 100.0);
        let below = h.floor();
        let index = below as usize;
        if index + 1 >= n {
            return self.sorted[n - 1];
        }
        let (a, b) = (self.sorted[index], self.sorted[index + 1]);
        a + (h - below) * (b - a)
    }

    /// Percentiles at the 200 standard grid probabilities.
    pub fn percentile_grid(&self) -> Vec<PercentilePoint> {
        percentile_grid_probabilities()
            .iter()
            .map(|&percent| PercentilePoint {
                percent,
                loss: self.percentile(percent),
            })
            .collect()
    }

    /// Share of iterations whose loss is strictly greater than `threshold`
    /// (one point of the loss exceedance curve).
    pub fn exceedance_probability(&self, threshold: f64) -> f64 {
        if self.sorted.is_empty() {
            return 0.0;
        }
        let not_above = self.sorted.partition_point(|&loss| loss <= threshold);
        (self.sorted.len() - not_above) as f64 / self.sorted.len() as f64
    }

    /// Value at risk at confidence `level` (e.g. 0.95): the loss not exceeded
    /// in that share of years, the `100 level`-th percentile.
    pub fn value_at_risk(&self, level: f64) -> Result<f64, QuantError> {
        check_level(level)?;
        Ok(self.percentile(100.0 * level))
    }

    /// Tail value at risk (expected shortfall) at confidence `level`: the
    /// mean loss of the worst `1 - level` share of years,
    /// `(1 / (1 - level)) * integral from level to 1 of Q(p) dp` over the
    /// empirical quantile function (the order statistic straddling the level
    /// counts with its fractional weight).
    pub fn tail_value_at_risk(&self, level: f64) -> Result<f64, QuantError> {
        check_level(level)?;
        let n = self.sorted.len();
        if n == 0 {
            return Ok(f64::NAN);
        }
        let cut = n as f64 * level;
        let first = (cut.floor() as usize).min(n - 1);
        let partial_weight = (first + 1) as f64 - cut;
        let tail: f64 = self.sorted[first + 1..].iter().sum();
        Ok((partial_weight * self.sorted[first] + tail) / (n as f64 - cut))
    }
}

fn check_level(level: f64) -> Result<(), QuantError> {
    if level > 0.0 && level < 1.0 {
        Ok(())
    } else {
        Err(QuantError::InvalidLevel(level))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_to_ten() -> LossDistribution {
        LossDistribution::new((1..=10).rev().map(f64::from).collect())
    }

    #[test]
    fn percentiles_follow_numpy_linear() {
        let d = one_to_ten();
        // numpy.percentile(range(1, 11), [0, 25, 50, 90, 99, 100])
        let expected = [
            (0.0, 1.0),
            (25.0, 3.25),
            (50.0, 5.5),
            (90.0, 9.1),
            (99.0, 9.91),
            (100.0, 10.0),
        ];
        for (p, q) in expected {
            assert!((d.percentile(p) - q).abs() < 1e-12, "p{p}");
        }
        assert_eq!(d.percentile_grid().len(), 200);
        assert_eq!(percentile_grid_probabilities()[198], 99.5);
    }

    #[test]
    fn moments_use_the_unbiased_variance() {
        let d = one_to_ten();
        assert_eq!(d.mean(), 5.5);
        assert!((d.standard_deviation() - (55.0f64 / 6.0).sqrt()).abs() < 1e-12);
        assert_eq!(d.losses()[0], 10.0);
    }

    #[test]
    fn exceedance_and_tail_measures() {
        let d = one_to_ten();
        assert_eq!(d.exceedance_probability(5.5), 0.5);
        assert_eq!(d.exceedance_probability(10.0), 0.0);
        assert_eq!(d.exceedance_probability(0.0), 1.0);
        // Worst 20 % of ten years: 9 and 10.
        assert!((d.tail_value_at_risk(0.8).unwrap() - 9.5).abs() < 1e-12);
        // Worst 25 %: 10, 9 and half of 8.
        assert!((d.tail_value_at_risk(0.75).unwrap() - (10.0 + 9.0 + 4.0) / 2.5).abs() < 1e-12);
        assert!((d.value_at_risk(0.9).unwrap() - 9.1).abs() < 1e-12);
        assert!(d.tail_value_at_risk(1.0).is_err());
        assert!(d.value_at_risk(0.0).is_err());
    }
}
