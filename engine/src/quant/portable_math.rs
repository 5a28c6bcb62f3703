//! `ln`, `exp` and `ln Γ` built from `+ - * /` only.
//!
//! The standard library forwards `f64::ln` and `f64::exp` to the platform's
//! libm, whose last bit differs between glibc, musl, macOS and the wasm
//! runtime. The sampling tables and the exact sampler are built from these
//! functions instead, so a seed gives bit-identical losses on every platform
//! (IEEE 754 makes the four basic operations and `sqrt` correctly rounded
//! everywhere, and Rust never fuses a multiply and an add on its own).
//!
//! Accuracy is a few units in the last place, far below the Monte Carlo noise.

const LN_2_HIGH: f64 = 6.931_471_803_691_238e-1;
const LN_2_LOW: f64 = 1.908_214_929_270_587_7e-10;
const SQRT_2: f64 = std::f64::consts::SQRT_2;

/// Natural logarithm of a positive, finite `x` (`-inf` at 0, NaN below 0).
pub(crate) fn ln(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x.is_infinite() {
        return x;
    }
    let (mut mantissa, mut exponent) = split_binary(x);
    // Centre the mantissa on 1 so the series argument stays below 0.172.
    if mantissa > SQRT_2 {
        mantissa *= 0.5;
        exponent += 1;
    }
    // ln m = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...), s = (m - 1)/(m + 1).
    let s = (mantissa - 1.0) / (mantissa + 1.0);
    let s2 = s * s;
    // 1/23, 1/21, ..., 1/3, 1 by Horner's rule.
    const ODD_RECIPROCALS: [f64; 12] = [
        1.0 / 23.0,
        1.0 / 21.0,
        1.0 / 19.0,
        1.0 / 17.0,
        1.0 / 15.0,
        1.0 / 13.0,
        1.0 / 11.0,
        1.0 / 9.0,
        1.0 / 7.0,
        1.0 / 5.0,
        1.0 / 3.0,
        1.0,
    ];
    let mut term = ODD_RECIPROCALS[0];
    for coefficient in &ODD_RECIPROCALS[1..] {
        term = term * s2 + coefficient;
    }
    let ln_mantissa = 2.0 * s * term;
    let e = exponent as f64;
    e * LN_2_HIGH + (ln_mantissa + e * LN_2_LOW)
}

/// `e^x`; 0 below about -745, infinity above about 709.8.
pub(crate) fn exp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x > 709.782_712_893_384 {
        return f64::INFINITY;
    }
    if x < -745.2 {
        return 0.0;
    }
    // x = k ln 2 + r with |r| <= ln2 / 2, then e^r by its Taylor series.
    let k = (x * std::f64::consts::LOG2_E).round();
    let r = (x - k * LN_2_HIGH) - k * LN_2_LOW;
    // Taylor series to r^17 / 17! by Horner's rule: 1 + r (1 + r/2 (1 + r/3 (...))).
    let mut sum = 1.0;
    for reciprocal in [
        1.0 / 17.0,
        1.0 / 16.0,
        1.0 / 15.0,
        1.0 / 14.0,
        1.0 / 13.0,
        1.0 / 12.0,
        1.0 / 11.0,
        1.0 / 10.0,
        1.0 / 9.0,
        1.0 / 8.0,
        1.0 / 7.0,
        1.0 / 6.0,
        1.0 / 5.0,
        1.0 / 4.0,
        1.0 / 3.0,
        1.0 / 2.0,
        1.0,
    ] {
        sum = 1.0 + sum * r * reciprocal;
    }
    scale_by_power_of_two(sum, k as i32)
}

/// `x^y` for `x > 0`.
pub(crate) fn powf(x: f64, y: f64) -> f64 {
    exp(y * ln(x))
}

/// ln Γ(x) for x > 0 (Lanczos, g = 7, nine coefficients; relative error ~1e-15).
pub(crate) fn ln_gamma(x: f64) -> f64 {
    const COEFFICIENTS: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection would need sin(); shift up instead: Γ(x) = Γ(x + 1) / x.
        return ln_gamma(x + 1.0) - ln(x);
    }
    let z = x - 1.0;
    let mut series = COEFFICIENTS[0];
    for (index, coefficient) in COEFFICIENTS.iter().enumerate().skip(1) {
        series += coefficient / (z + index as f64);
    }
    let t = z + 7.5;
    const HALF_LN_TWO_PI: f64 = 0.918_938_533_204_672_8;
    HALF_LN_TWO_PI + (z + 0.5) * ln(t) - t + ln(series)
}

/// Mantissa in [1, 2) and binary exponent of a positive finite `x`.
fn split_binary(x: f64) -> (f64, i32) {
    let mut bits = x.to_bits();
    let mut exponent_bias = 1023;
    if (bits >> 52) & 0x7ff == 0 {
        // Subnormal: scale into the normal range first (exact).
        bits = (x * f64::from_bits(0x4350_0000_0000_0000)).to_bits(); // 2^54
        exponent_bias += 54;
    }
    let exponent = ((bits >> 52) & 0x7ff) as i32 - exponent_bias;
    let mantissa = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    (mantissa, exponent)
}

/// `value * 2^power` for `value` in about [0.7, 1.5], going through
/// subnormals without double rounding surprises for the range `exp` needs.
fn scale_by_power_of_two(value: f64, power: i32) -> f64 {
    if power > 1023 {
        return value * f64::from_bits(0x7fe0_0000_0000_0000) * two_to(power - 1023);
    }
    if power < -1022 {
        return value * two_to(-1022) * two_to(power + 1022);
    }
    value * two_to(power)
}

/// 2^power for power in [-1022, 1023] (exact).
fn two_to(power: i32) -> f64 {
    f64::from_bits(((power + 1023) as u64) << 52)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relative_error(a: f64, b: f64) -> f64 {
        ((a - b) / b).abs()
    }

    #[test]
    fn ln_and_exp_agree_with_the_platform_to_a_few_ulp() {
        let mut x = 1e-300;
        while x < 1e300 {
            assert!(
                relative_error(ln(x), x.ln()) < 1e-15 || (ln(x) - x.ln()).abs() < 1e-15,
                "ln {x}"
            );
            x *= 1.37;
        }
        let mut y = -700.0;
        while y < 700.0 {
            assert!(relative_error(exp(y), y.exp()) < 4e-15, "exp {y}");
            y += 0.173;
        }
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(ln(1.0), 0.0);
    }

    #[test]
    fn ln_gamma_matches_known_values() {
        // Γ(1) = Γ(2) = 1, Γ(1/2) = sqrt(pi), Γ(5) = 24.
        assert!(ln_gamma(1.0).abs() < 1e-14);
        assert!(ln_gamma(2.0).abs() < 1e-14);
        assert!((ln_gamma(0.5) - std::f64::consts::PI.sqrt().ln()).abs() < 1e-14);
        assert!((ln_gamma(5.0) - 24f64.ln()).abs() < 1e-13);
        assert!((ln_gamma(2.0 / 3.0) - 0.303_150_275_147_523_2).abs() < 1e-13);
    }
}
