//! The regularised incomplete beta function and its inverse, used once to
//! build the fast sampler's quantile table (never in the sampling loop).

use super::portable_math::{exp, ln, ln_gamma, powf};

/// `ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a + b)`.
pub(crate) fn ln_beta_function(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

/// Density of Beta(a, b) at x in (0, 1).
pub(crate) fn density(x: f64, a: f64, b: f64, ln_beta: f64) -> f64 {
    exp((a - 1.0) * ln(x) + (b - 1.0) * ln(1.0 - x) - ln_beta)
}

/// Regularised incomplete beta `I_x(a, b) = P(Beta(a, b) <= x)`.
///
/// Continued fraction (Lentz's method), on whichever side of the mean it
/// converges fast, as in Numerical Recipes `betai`.
pub(crate) fn regularized_incomplete_beta(x: f64, a: f64, b: f64, ln_beta: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let prefactor = exp(a * ln(x) + b * ln(1.0 - x) - ln_beta);
    if x < (a + 1.0) / (a + b + 2.0) {
        prefactor * continued_fraction(x, a, b) / a
    } else {
        1.0 - prefactor * continued_fraction(1.0 - x, b, a) / b
    }
}

fn continued_fraction(x: f64, a: f64, b: f64) -> f64 {
    const TINY: f64 = 1e-300;
    const EPSILON: f64 = 1e-16;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..400 {
        let m = m as f64;
        let m2 = 2.0 * m;
        let even = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + even * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + even / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        h *= d * c;
        let odd = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + odd * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + odd / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let step = d * c;
        h *= step;
        if (step - 1.0).abs() < EPSILON {
            break;
        }
    }
    h
}

/// The quantile `x` with `I_x(a, b) = p`, for p in [0, 1]; accurate in
/// relative terms for small p (for p near 1 solve the mirrored problem
/// `1 - x` with `I_(1-x)(b, a) = 1 - p`).
///
/// Halley's method inside a shrinking bracket (bisection when a step leaves
/// it). `guess` speeds up a march over increasing p; `None` starts from the
/// lower-tail power law `x ~ (p a B(a, b))^(1/a)`.
pub(crate) fn inverse_regularized_incomplete_beta(
    p: f64,
    a: f64,
    b: f64,
    ln_beta: f64,
    guess: Option<f64>,
) -> f64 {
    if p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    let (mut low, mut high) = (0.0f64, 1.0f64);
    let mut x = guess.unwrap_or_else(|| powf(p * a * exp(ln_beta), 1.0 / a));
    if !(x > 0.0 && x < 1.0) {
        x = 0.5;
    }
    for _ in 0..100 {
        let error = regularized_incomplete_beta(x, a, b, ln_beta) - p;
        if error == 0.0 {
            return x;
        }
        if error < 0.0 {
            low = x;
        } else {
            high = x;
        }
        let f = density(x, a, b, ln_beta);
        let mut next = f64::NAN;
        // Relative step below which the next error is negligible: Halley's
        // relative error cubes each step, Newton's squares.
        let mut settled_below = 0.0;
        if f > 0.0 && f.is_finite() {
            let newton = error / f;
            let curvature = (a - 1.0) / x - (b - 1.0) / (1.0 - x);
            let denominator = 1.0 - 0.5 * newton * curvature;
            // Halley when its correction is tame, plain Newton otherwise.
            if denominator > 0.5 && denominator < 2.0 {
                next = x - newton / denominator;
                settled_below = 1e-6;
            } else {
                next = x - newton;
                settled_below = 1e-9;
            }
        }
        if !(next > low && next < high) {
            next = 0.5 * (low + high);
            settled_below = 0.0;
        }
        let step = (next - x).abs();
        if step <= settled_below * x || step <= 4e-16 * x || high - low <= 4e-16 * low {
            return next;
        }
        x = next;
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incomplete_beta_has_closed_forms_for_small_integers() {
        // Beta(1, 1) is uniform; Beta(2, 1) has CDF x^2; Beta(1, 3) has 1 - (1-x)^3.
        type Cdf = fn(f64) -> f64;
        let cases: [(f64, f64, Cdf); 3] = [
            (1.0, 1.0, |x| x),
            (2.0, 1.0, |x| x * x),
            (1.0, 3.0, |x| 1.0 - (1.0 - x).powi(3)),
        ];
        for (a, b, cdf) in cases {
            let ln_beta = ln_beta_function(a, b);
            for k in 1..20 {
                let x = k as f64 / 20.0;
                let value = regularized_incomplete_beta(x, a, b, ln_beta);
                assert!((value - cdf(x)).abs() < 1e-14, "I_{x}({a},{b}) = {value}");
            }
        }
    }

    #[test]
    fn the_inverse_inverts() {
        for (a, b) in [
            (2.0 / 3.0, 10.0 / 3.0),
            (4.0, 4.0),
            (10.0 / 3.0, 2.0 / 3.0),
            (1.3, 2.9),
        ] {
            let ln_beta = ln_beta_function(a, b);
            for p in [1e-12, 1e-6, 0.001, 0.1, 0.3, 0.5] {
                let x = inverse_regularized_incomplete_beta(p, a, b, ln_beta, None);
                let back = regularized_incomplete_beta(x, a, b, ln_beta);
                assert!(
                    (back - p).abs() <= 1e-13 * p,
                    "a={a} b={b} p={p} x={x} back={back}"
                );
                // The upper tail, through the mirror image.
                let y = inverse_regularized_incomplete_beta(p, b, a, ln_beta, None);
                let back = regularized_incomplete_beta(y, b, a, ln_beta);
                assert!((back - p).abs() <= 1e-13 * p, "mirror a={a} b={b} p={p}");
            }
        }
    }
}
