//! How numbers and amounts are written, in tables, figures and charts
//! alike: digits grouped by thousands with a narrow no-break space
//! ("12 500"), amounts rounded to whole units, the currency after the
//! amount, and a dash where there is no figure.

/// Shown where a figure is unknown or not a number.
pub const NO_FIGURE: &str = "\u{2014}";

/// "12 500" for 12500.
pub fn group_digits(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

/// An amount rounded to whole units and grouped ("585 457"); negative
/// amounts keep their sign; a dash when it is not a finite number.
pub fn amount(value: f64) -> String {
    if !value.is_finite() {
        return NO_FIGURE.to_owned();
    }
    let rounded = value.round();
    let digits = group_digits(rounded.abs().min(u64::MAX as f64) as u64);
    if rounded < 0.0 {
        format!("\u{2212}{digits}")
    } else {
        digits
    }
}

/// An amount with its currency after it ("585 457 EUR"); the currency is
/// left out when empty.
pub fn money(value: f64, currency: &str) -> String {
    if currency.is_empty() || !value.is_finite() {
        amount(value)
    } else {
        format!("{} {currency}", amount(value))
    }
}

/// A short amount for a chart's axis: "1.2 M", "350 k", "900".
pub fn short_money(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude >= 1e9 {
        format!("{:.1} G", value / 1e9)
    } else if magnitude >= 1e6 {
        format!("{:.1} M", value / 1e6)
    } else if magnitude >= 1e3 {
        format!("{:.0} k", value / 1e3)
    } else {
        format!("{value:.0}")
    }
}

/// A share from 0 to 1 as a whole percentage: "42 %".
pub fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}

/// Why today's point-estimate expected loss and the simulated ALE differ,
/// in one sentence with both figures (the Scenarios and the Quantitative
/// pages show one each).
pub fn loss_difference(
    column: &str,
    point_estimate: f64,
    simulated: f64,
    currency: &str,
) -> String {
    format!(
        "Why two expected losses for the {}: the point estimate ({}) multiplies each risk's most likely \
         frequency, vulnerability and loss, while the simulated ALE ({}) averages over their \
         whole ranges, whose high ends pull it up.",
        column.to_lowercase(),
        money(point_estimate, currency),
        money(simulated, currency)
    )
}
