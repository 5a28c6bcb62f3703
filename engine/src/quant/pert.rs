//! Three-point estimates and the BetaPERT distribution in pyfair's
//! moment-matching form (`bench/fair-peers/MODEL.md` section 2).

use serde::{Deserialize, Serialize};

use super::error::EstimateProblem;

/// Weight of the most likely value in the classic PERT mean `(low + 4 most_likely + high) / 6`.
pub(crate) const PERT_GAMMA: f64 = 4.0;

/// A minimum / most likely / maximum estimate of one input factor.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThreePointEstimate {
    /// Smallest plausible value.
    pub low: f64,
    /// Most likely value, between `low` and `high`.
    pub most_likely: f64,
    /// Largest plausible value.
    pub high: f64,
}

impl ThreePointEstimate {
    /// An estimate from its three points (checked when a risk is built).
    pub const fn new(low: f64, most_likely: f64, high: f64) -> Self {
        Self {
            low,
            most_likely,
            high,
        }
    }

    /// A value known exactly (low = most likely = high).
    pub const fn exactly(value: f64) -> Self {
        Self::new(value, value, value)
    }

    /// The PERT mean `(low + 4 most_likely + high) / 6`.
    pub fn mean(&self) -> f64 {
        (self.low + PERT_GAMMA * self.most_likely + self.high) / (PERT_GAMMA + 2.0)
    }

    /// The same estimate multiplied by `factor` (a control's remaining share).
    pub fn scaled(&self, factor: f64) -> Self {
        Self::new(
            self.low * factor,
            self.most_likely * factor,
            self.high * factor,
        )
    }

    pub(crate) fn validate(&self, bounds: (f64, f64)) -> Result<(), EstimateProblem> {
        let ThreePointEstimate {
            low,
            most_likely: mode,
            high,
        } = *self;
        if !(low.is_finite() && mode.is_finite() && high.is_finite()) {
            return Err(EstimateProblem::NotFinite);
        }
        if !(low <= mode && mode <= high) {
            return Err(EstimateProblem::Unordered {
                low,
                most_likely: mode,
                high,
            });
        }
        if low < bounds.0 || high > bounds.1 {
            return Err(EstimateProblem::OutOfRange {
                low,
                high,
                min: bounds.0,
                max: bounds.1,
            });
        }
        Ok(())
    }

    /// Where the mode sits between low and high, in [0, 1] (0 for a point value).
    pub(crate) fn mode_fraction(&self) -> f64 {
        let range = self.high - self.low;
        if range > 0.0 {
            ((self.most_likely - self.low) / range).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    /// The Beta shape parameters (alpha, beta) of this estimate, or `None`
    /// for a point value.
    pub fn beta_shape(&self) -> Option<(f64, f64)> {
        (self.high > self.low).then(|| shape_from_mode_fraction(self.mode_fraction()))
    }

    /// Raw moments `E[X^k]`, k = 1..=4, of the BetaPERT variable.
    ///
    /// `E[X^k] = sum_j C(k,j) low^(k-j) (high-low)^j prod_{r<j} (alpha+r)/(alpha+beta+r)`.
    pub fn raw_moments(&self) -> [f64; 4] {
        let Some((alpha, beta)) = self.beta_shape() else {
            let v = self.low;
            return [v, v * v, v * v * v, v * v * v * v];
        };
        let range = self.high - self.low;
        let mut beta_moments = [1.0; 5];
        for k in 1..5 {
            let r = (k - 1) as f64;
            beta_moments[k] = beta_moments[k - 1] * (alpha + r) / (alpha + beta + r);
        }
        let binomial = [
            [1.0, 0.0, 0.0, 0.0, 0.0],
            [1.0, 1.0, 0.0, 0.0, 0.0],
            [1.0, 2.0, 1.0, 0.0, 0.0],
            [1.0, 3.0, 3.0, 1.0, 0.0],
            [1.0, 4.0, 6.0, 4.0, 1.0],
        ];
        let mut moments = [0.0; 4];
        for (k, moment) in moments.iter_mut().enumerate() {
            let order = k + 1;
            for j in 0..=order {
                *moment += binomial[order][j]
                    * self.low.powi((order - j) as i32)
                    * range.powi(j as i32)
                    * beta_moments[j];
            }
        }
        moments
    }
}

/// pyfair's shape parameters for a standardised PERT whose mode sits at
/// `fraction` of the range: mean `mu = (1 + 4 fraction) / 6`, standard
/// deviation 1/6, `alpha = mu (mu (1 - mu) / sd^2 - 1)`,
/// `beta = alpha (1 - mu) / mu`. Both lie in [2/3, 10/3].
pub(crate) fn shape_from_mode_fraction(fraction: f64) -> (f64, f64) {
    let sd = 1.0 / (PERT_GAMMA + 2.0);
    let mu = (1.0 + PERT_GAMMA * fraction) / (PERT_GAMMA + 2.0);
    let alpha = mu * (mu * (1.0 - mu) / (sd * sd) - 1.0);
    let beta = alpha * (1.0 - mu) / mu;
    (alpha, beta)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_matches_pyfair_for_a_symmetric_estimate() {
        // Symmetric PERT: mu = 1/2, alpha = beta = 1/2 (9 - 1) = 4.
        let (alpha, beta) = ThreePointEstimate::new(2.0, 5.0, 8.0).beta_shape().unwrap();
        assert!((alpha - 4.0).abs() < 1e-12 && (beta - 4.0).abs() < 1e-12);
        // Mode at the low end: mu = 1/6, alpha = 2/3, beta = 10/3.
        let (alpha, beta) = shape_from_mode_fraction(0.0);
        assert!((alpha - 2.0 / 3.0).abs() < 1e-12 && (beta - 10.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn moments_give_the_pert_mean_and_sd() {
        let estimate = ThreePointEstimate::new(1.0, 2.0, 10.0);
        let [m1, m2, _, _] = estimate.raw_moments();
        assert!((m1 - estimate.mean()).abs() < 1e-12);
        let sd = (m2 - m1 * m1).sqrt();
        assert!((sd - 9.0 / 6.0).abs() < 1e-12);
    }

    #[test]
    fn a_point_value_has_degenerate_moments() {
        assert_eq!(
            ThreePointEstimate::exactly(3.0).raw_moments(),
            [3.0, 9.0, 27.0, 81.0]
        );
        assert!(ThreePointEstimate::exactly(3.0).beta_shape().is_none());
    }
}
