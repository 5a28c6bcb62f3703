//! Residual risk (PRODUCT.md 3.2).
//!
//! For a risk with inherent likelihood `L` and impact `I` and linked controls
//! `c`, each with effectiveness `e_c` (fraction) and implementation factor
//! `f_c` (methodology setting per status):
//!
//! ```text
//! r_L = 1 - prod_c (1 - w_L(c) * e_c * f_c)
//! r_I = 1 - prod_c (1 - w_I(c) * e_c * f_c)
//! L'  = 1 + (L - 1) * (1 - r_L)
//! I'  = 1 + (I - 1) * (1 - r_I) * (1 - s)       s = transferred share (transfer only)
//! ```
//!
//! `w_L`, `w_I` are the control-type weights (default preventive 1/0,
//! detective 0.5/0.5, corrective 0/1); a control of several types takes the
//! larger weight on each axis. `L'` and `I'` are rounded to the nearest level
//! with halves rounded up (conservative), and never fall below 1.
//!
//! *Current* uses today's statuses. *Planned* treats every control named by
//! an open treatment action as implemented. Decisions: *avoid* closes the
//! risk (rating 1, 1); *accept* keeps the current rating as the planned one;
//! *transfer* lowers the impact by the transferred share. A manual override
//! wins over all of these and is reported as such.

use crate::methodology::{Impact, Likelihood, Methodology};
use crate::model::key_table;
use crate::model::{ControlId, ControlType, ControlTypeSet, ImplementationStatus, Percent};
use crate::scoring::Rating;
use crate::ControlTypeWeights;
use serde::Serialize;

/// Slack added before rounding so that a value that is mathematically a half
/// but computed a hair below still rounds up.
const ROUNDING_SLACK: f64 = 1e-9;

/// Rounds a continuous rating to the nearest whole level, halves up, clamped
/// to `1..=top`.
pub(crate) fn round_rating(value: f64, top: u8) -> u8 {
    let shifted = value + 0.5 + ROUNDING_SLACK;
    // `floor` is a library call on baseline x86-64 and this runs twice per
    // risk; for non-negative values below 2^52 truncating through an
    // integer is the same floor. Anything else (negative, huge, NaN) takes
    // `floor` itself, so results never differ.
    let rounded = if (0.0..4_503_599_627_370_496.0).contains(&shifted) {
        (shifted as u64) as f64
    } else {
        shifted.floor()
    };
    rounded.clamp(1.0, f64::from(top)) as u8
}

/// `(w_L, w_I)` of a control with `types`: the larger weight of its types on
/// each axis (0, 0 when it has no type).
pub(crate) fn axis_weights(types: ControlTypeSet, weights: &ControlTypeWeights) -> (f64, f64) {
    let mut likelihood: f64 = 0.0;
    let mut impact: f64 = 0.0;
    for t in types.iter() {
        let w = match t {
            ControlType::Preventive => weights.preventive,
            ControlType::Detective => weights.detective,
            ControlType::Corrective => weights.corrective,
        };
        likelihood = likelihood.max(w.likelihood);
        impact = impact.max(w.impact);
    }
    (likelihood, impact)
}

/// The implementation factor of `status` under `methodology`.
pub(crate) fn implementation_factor(
    methodology: &Methodology,
    status: ImplementationStatus,
) -> f64 {
    let f = methodology.implementation_factors();
    match status {
        ImplementationStatus::NotStarted => f.not_started,
        ImplementationStatus::Planned => f.planned,
        ImplementationStatus::Partial => f.partial,
        ImplementationStatus::Implemented => f.implemented,
    }
}

/// What one linked control contributes to a risk's residual.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ControlContribution {
    /// The linked control, such as `A.8.7`.
    pub control: ControlId,
    /// `e_c`: the control's effectiveness, 0 to 100 %.
    pub effectiveness: Percent,
    /// The control's implementation status today.
    pub status: ImplementationStatus,
    /// `w_L(c)`
    pub likelihood_weight: f64,
    /// `w_I(c)`
    pub impact_weight: f64,
    /// `f_c` for today's status.
    pub current_factor: f64,
    /// `f_c` in the planned state (the implemented factor when an open
    /// action covers the control).
    pub planned_factor: f64,
    /// Whether an open treatment action makes this control count as
    /// implemented in the planned state.
    pub assumed_implemented: bool,
}

impl ControlContribution {
    /// `(w_L e f, w_I e f)` with the current or planned factor.
    pub fn reductions(&self, planned: bool) -> (f64, f64) {
        let factor = if planned {
            self.planned_factor
        } else {
            self.current_factor
        };
        let strength = self.effectiveness.fraction() * factor;
        (
            self.likelihood_weight * strength,
            self.impact_weight * strength,
        )
    }
}

/// Why a residual rating is what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResidualBasis {
    /// The formula over the linked controls.
    Controls,
    /// The risk is transferred: the formula, then the impact lowered by the
    /// transferred share.
    Transfer,
    /// The risk is accepted: the planned rating is the current one.
    Accepted,
    /// The risk is avoided: closed at the lowest rating.
    Avoided,
    /// A manual override set by the user.
    Override,
}

key_table!(ResidualBasis {
    Controls => "controls",
    Transfer => "transfer",
    Accepted => "accepted",
    Avoided => "avoided",
    Override => "override",
});

/// A residual rating with the arithmetic that produced it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Residual {
    /// `r_L`
    pub likelihood_reduction: f64,
    /// `r_I`
    pub impact_reduction: f64,
    /// `s`, the share of impact transferred (0 unless the decision is transfer).
    pub transferred_share: f64,
    /// `L'` before rounding.
    pub likelihood_exact: f64,
    /// `I'` before rounding.
    pub impact_exact: f64,
    /// The formula's rating (after rounding), whatever the basis.
    pub computed: Rating,
    /// The rating that counts.
    pub rating: Rating,
    /// Which rule gave the rating: the controls formula, transfer, acceptance, avoidance or a manual override.
    pub basis: ResidualBasis,
}

/// Computes the formula part: reductions, exact and rounded ratings.
pub(crate) fn formula(
    methodology: &Methodology,
    inherent: Rating,
    contributions: &[ControlContribution],
    planned: bool,
    transferred_share: f64,
) -> Residual {
    let mut keep_likelihood = 1.0;
    let mut keep_impact = 1.0;
    for c in contributions {
        let (l, i) = c.reductions(planned);
        keep_likelihood *= 1.0 - l;
        keep_impact *= 1.0 - i;
    }
    let likelihood_reduction = 1.0 - keep_likelihood;
    let impact_reduction = 1.0 - keep_impact;
    let l = f64::from(inherent.likelihood.get());
    let i = f64::from(inherent.impact.get());
    let likelihood_exact = 1.0 + (l - 1.0) * keep_likelihood;
    let impact_exact = 1.0 + (i - 1.0) * keep_impact * (1.0 - transferred_share);
    let likelihood =
        Likelihood::checked_new(round_rating(likelihood_exact, inherent.likelihood.get()))
            .expect("rounded rating lies on the scale");
    let impact = Impact::checked_new(round_rating(impact_exact, inherent.impact.get()))
        .expect("rounded rating lies on the scale");
    let computed = Rating::new(methodology, likelihood, impact);
    Residual {
        likelihood_reduction,
        impact_reduction,
        transferred_share,
        likelihood_exact,
        impact_exact,
        computed,
        rating: computed,
        basis: if transferred_share > 0.0 {
            ResidualBasis::Transfer
        } else {
            ResidualBasis::Controls
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_round_up_and_ratings_stay_on_the_scale() {
        assert_eq!(round_rating(2.5, 5), 3);
        assert_eq!(round_rating(2.4999999999, 5), 3);
        assert_eq!(round_rating(2.49, 5), 2);
        assert_eq!(round_rating(0.2, 5), 1);
        assert_eq!(round_rating(5.4, 5), 5);
    }

    #[test]
    fn several_types_take_the_larger_weight_per_axis() {
        let weights = ControlTypeWeights::default();
        let both = ControlTypeSet::of(&[ControlType::Preventive, ControlType::Detective]);
        assert_eq!(axis_weights(both, &weights), (1.0, 0.5));
        let all = ControlTypeSet::of(ControlType::ALL);
        assert_eq!(axis_weights(all, &weights), (1.0, 1.0));
        assert_eq!(axis_weights(ControlTypeSet::EMPTY, &weights), (0.0, 0.0));
    }
}
