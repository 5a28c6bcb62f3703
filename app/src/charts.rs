//! Charts drawn with plotters into SVG text: heat maps, stacked bars and
//! progress bars. SVG rather than a canvas, so the charts scale, print
//! sharply in the reports and can be read by tests.
//!
//! Every chart is a pure function of its figures; the `Chart` component
//! (components/chart.rs) shows it beside its text alternative. Text and lines
//! are drawn in [`INK`], a sentinel colour that [`finish`] turns into
//! `currentColor`, so the charts follow the light and the dark theme and
//! print in black.
//!
//! Sizes: a chart's width and height are written in `rem`, one SVG unit
//! for each CSS pixel at the browser's default type size, so its text is
//! as large in pixels as in SVG units ([`TEXT`] and more, never under 14)
//! and grows with the page's type: Presenter mode's larger root size
//! enlarges every chart with it. Amounts are written by `ui::format`, as in
//! the tables.

use crate::components::readable_text_colour;
use crate::ui::format::{amount, group_digits, short_money};
use engine::{HeatMap, Methodology, Scale};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Stands for the page's text colour; replaced by `currentColor`.
const INK: RGBColor = RGBColor(1, 2, 3);
const INK_HEX: &str = "#010203";
/// Bars of progress charts.
const ACCENT: RGBColor = RGBColor(37, 99, 235);
const FONT: &str = "sans-serif";

/// Size of every label, tick and legend, in SVG units (CSS pixels at the
/// default type size).
pub const TEXT: u32 = 14;
/// Size of the counts inside heat-map cells.
const COUNT_TEXT: u32 = 18;
/// Room given to one character of [`TEXT`] when laying labels out (an
/// average sans-serif letter is about 0.55 em wide; digits and capitals
/// need a little more).
const CHAR: i32 = 8;

/// Side of one heat-map cell, in SVG units.
pub const HEAT_CELL: u32 = 52;
pub const HEAT_TOP: u32 = 6;
/// Below the grid: the impact names on two staggered lines, then the title.
const HEAT_BOTTOM: u32 = 70;
const HEAT_RIGHT: u32 = 8;
/// Likelihood names longer than this are shortened (the table of figures
/// and the methodology page have them in full).
const HEAT_NAME_CHARS: usize = 16;

/// The SVG as the page uses it: sized in `rem` (see the module's note), ink
/// in the text colour, and hidden from assistive technology (the figure
/// around it has the accessible name and the table of figures).
fn finish(svg: String, (width, height): (u32, u32)) -> String {
    let rem = |units: u32| {
        let text = format!("{:.4}", f64::from(units) / 16.0);
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    };
    svg.replacen(
        &format!("width=\"{width}\" height=\"{height}\""),
        &format!("width=\"{}rem\" height=\"{}rem\"", rem(width), rem(height)),
        1,
    )
    .replace(INK_HEX, "currentColor")
    .replacen("<svg ", "<svg aria-hidden=\"true\" focusable=\"false\" ", 1)
}

/// `#rrggbb` as a plotters colour (grey when malformed).
pub fn colour(hex: &str) -> RGBColor {
    let channel = |range: std::ops::Range<usize>| {
        hex.get(range)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .unwrap_or(128)
    };
    RGBColor(channel(1..3), channel(3..5), channel(5..7))
}

/// A font of `size` SVG units. plotters writes a font's size divided by
/// 1.24 (its own em-to-pixel ratio); this undoes that.
fn font(size: u32) -> FontDesc<'static> {
    (FONT, f64::from(size) * 1.24).into_font()
}

fn text_on(background: &str, size: u32) -> TextStyle<'static> {
    let fg = colour(readable_text_colour(background));
    font(size)
        .color(&fg)
        .pos(Pos::new(HPos::Center, VPos::Center))
}

fn ink(pos: Pos) -> TextStyle<'static> {
    font(TEXT).color(&INK).pos(pos)
}

/// A vertical axis title, reading upwards.
fn ink_upwards() -> TextStyle<'static> {
    font(TEXT)
        .transform(FontTransform::Rotate270)
        .color(&INK)
        .pos(Pos::new(HPos::Center, VPos::Center))
}

/// `text` cut to at most `max` characters, at a word boundary when one is
/// near the end, with "…" when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    let at_word = kept
        .rfind(' ')
        .filter(|&space| kept[..space].chars().count() * 3 >= max * 2)
        .map_or(kept.as_str(), |space| &kept[..space]);
    format!("{}…", at_word.trim_end_matches([' ', ',', ';', ':', '-']))
}

/// Adds the full text as a tooltip (`<title>`) to the first `<text>`
/// element showing `short`, when `short` is not the whole text.
fn with_full_text(svg: String, short: &str, full: &str) -> String {
    if short == full {
        return svg;
    }
    let shown = format!(">\n{}\n</text>", escape(short));
    svg.replacen(
        &shown,
        &format!(
            "><title>{}</title>\n{}\n</text>",
            escape(full),
            escape(short)
        ),
        1,
    )
}

/// Width of a column of labels of at most `max` characters, with a margin.
fn label_width<'a>(labels: impl Iterator<Item = &'a str>, max: usize) -> i32 {
    let longest = labels
        .map(|l| l.chars().count().min(max))
        .max()
        .unwrap_or(0);
    longest as i32 * CHAR + 12
}

fn scale_names(scale: &Scale, max: usize) -> Vec<String> {
    scale
        .levels()
        .iter()
        .map(|level| shorten(&level.label, max))
        .collect()
}

/// Room left of the heat-map grid: the axis title and the likelihood names.
pub fn heat_map_left(methodology: &Methodology) -> u32 {
    let names = scale_names(methodology.likelihood_scale(), HEAT_NAME_CHARS);
    (24 + label_width(names.iter().map(String::as_str), HEAT_NAME_CHARS)) as u32
}

/// Width and height of a heat map of `methodology`'s matrix.
pub fn heat_map_size(methodology: &Methodology) -> (u32, u32) {
    let columns = methodology.impact_scale().len() as u32;
    let rows = methodology.likelihood_scale().len() as u32;
    (
        heat_map_left(methodology) + columns * HEAT_CELL + HEAT_RIGHT,
        HEAT_TOP + rows * HEAT_CELL + HEAT_BOTTOM,
    )
}

/// The cell (likelihood, impact) under SVG point (`x`, `y`) of a heat map of
/// `methodology`, if any.
pub fn heat_map_cell(methodology: &Methodology, x: f64, y: f64) -> Option<(u8, u8)> {
    let rows = methodology.likelihood_scale().len() as f64;
    let columns = methodology.impact_scale().len() as f64;
    let cell = f64::from(HEAT_CELL);
    let column = ((x - f64::from(heat_map_left(methodology))) / cell).floor();
    let row = ((y - f64::from(HEAT_TOP)) / cell).floor();
    if column < 0.0 || row < 0.0 || column >= columns || row >= rows {
        return None;
    }
    Some(((rows - row) as u8, column as u8 + 1))
}

/// A heat map: likelihood rising upwards, impact to the right, each cell in
/// its level's colour with the number of risks rated there, the scales'
/// names along the axes (impact names on two staggered lines, so each has
/// two cells' width). `selected` (likelihood, impact) gets a thick outline.
pub fn heat_map(methodology: &Methodology, map: &HeatMap, selected: Option<(u8, u8)>) -> String {
    let size = heat_map_size(methodology);
    let rows = methodology.likelihood_scale().len();
    let columns = methodology.impact_scale().len();
    let likelihood_names = scale_names(methodology.likelihood_scale(), HEAT_NAME_CHARS);
    let impact_chars = (2 * HEAT_CELL as i32 / CHAR) as usize;
    let impact_names = scale_names(methodology.impact_scale(), impact_chars);
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let cell = HEAT_CELL as i32;
        let (left, top) = (heat_map_left(methodology) as i32, HEAT_TOP as i32);
        for row in 0..rows {
            let likelihood = (rows - row) as u8;
            for column in 0..columns {
                let impact = column as u8 + 1;
                let (Some(l), Some(i)) = (
                    methodology.likelihood(likelihood),
                    methodology.impact(impact),
                ) else {
                    continue;
                };
                let fill = &methodology.level_definition(methodology.level(l, i)).colour;
                let x0 = left + column as i32 * cell;
                let y0 = top + row as i32 * cell;
                let _ = area.draw(&Rectangle::new(
                    [(x0 + 1, y0 + 1), (x0 + cell - 1, y0 + cell - 1)],
                    colour(fill).filled(),
                ));
                let count = map
                    .cells
                    .get(usize::from(likelihood) - 1)
                    .and_then(|r| r.get(column))
                    .copied()
                    .unwrap_or(0);
                let label = if count == 0 {
                    "·".to_owned()
                } else {
                    group_digits(u64::from(count))
                };
                let _ = area.draw(&Text::new(
                    label,
                    (x0 + cell / 2, y0 + cell / 2),
                    text_on(fill, COUNT_TEXT),
                ));
                if selected == Some((likelihood, impact)) {
                    let _ = area.draw(&Rectangle::new(
                        [(x0 + 2, y0 + 2), (x0 + cell - 2, y0 + cell - 2)],
                        INK.stroke_width(3),
                    ));
                }
            }
            let name = &likelihood_names[usize::from(likelihood) - 1];
            let _ = area.draw(&Text::new(
                name.clone(),
                (left - 8, top + row as i32 * cell + cell / 2),
                ink(Pos::new(HPos::Right, VPos::Center)),
            ));
        }
        let bottom = top + rows as i32 * cell;
        for (column, name) in impact_names.iter().enumerate() {
            let line = (column % 2) as i32;
            let x = left + column as i32 * cell + cell / 2;
            if line == 1 {
                // A tick joins a name on the second line to its column.
                let _ = area.draw(&PathElement::new(
                    vec![(x, bottom + 2), (x, bottom + 20)],
                    INK.mix(0.35),
                ));
            }
            let _ = area.draw(&Text::new(
                name.clone(),
                (x, bottom + 5 + line * 18),
                ink(Pos::new(HPos::Center, VPos::Top)),
            ));
        }
        let _ = area.draw(&Text::new(
            "Impact →",
            (left + columns as i32 * cell / 2, bottom + 48),
            ink(Pos::new(HPos::Center, VPos::Top)),
        ));
        let _ = area.draw(&Text::new(
            "Likelihood →",
            (12, top + rows as i32 * cell / 2),
            ink_upwards(),
        ));
        let _ = area.present();
    }
    for (level, name) in methodology
        .likelihood_scale()
        .levels()
        .iter()
        .zip(&likelihood_names)
    {
        svg = with_full_text(svg, name, &level.label);
    }
    for (level, name) in methodology
        .impact_scale()
        .levels()
        .iter()
        .zip(&impact_names)
    {
        svg = with_full_text(svg, name, &level.label);
    }
    finish(svg, size)
}

/// One part of a stacked bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub value: u32,
    /// `#rrggbb`.
    pub colour: String,
}

/// Row labels of bar charts longer than this are shortened, with the full
/// label as the bar's tooltip.
const BAR_LABEL_CHARS: usize = 30;

/// Horizontal bars, one per (label, segments) row, each stacked from its
/// segments (all rows on the same scale), with the row's label on the left
/// (shortened past 30 characters, in full as a tooltip) and its total on
/// the right. Segments wide enough show their value.
pub fn stacked_bars(rows: &[(String, Vec<Segment>)]) -> String {
    const SPAN: i32 = 330;
    const BAR: i32 = 26;
    const GAP: i32 = 12;
    let labels: Vec<String> = rows
        .iter()
        .map(|(label, _)| shorten(label, BAR_LABEL_CHARS))
        .collect();
    let label_w = label_width(labels.iter().map(String::as_str), BAR_LABEL_CHARS).max(60);
    let totals: Vec<u32> = rows
        .iter()
        .map(|(_, s)| s.iter().map(|s| s.value).sum::<u32>())
        .collect();
    let largest = totals.iter().copied().max().unwrap_or(0).max(1);
    let total_w = label_width(
        totals
            .iter()
            .map(|t| group_digits(u64::from(*t)))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str),
        16,
    );
    let size = (
        (label_w + SPAN + total_w) as u32,
        (rows.len() as i32 * (BAR + GAP) + GAP).max(BAR + 2 * GAP) as u32,
    );
    let span = f64::from(SPAN);
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        for (index, (label, (_, segments))) in labels.iter().zip(rows).enumerate() {
            let y0 = GAP + index as i32 * (BAR + GAP);
            let _ = area.draw(&Text::new(
                label.clone(),
                (label_w - 8, y0 + BAR / 2),
                ink(Pos::new(HPos::Right, VPos::Center)),
            ));
            let mut x = label_w;
            let mut sum = 0;
            // A lone segment is labelled by the total alone.
            let label_inside = segments.iter().filter(|s| s.value > 0).count() > 1;
            for segment in segments.iter().filter(|s| s.value > 0) {
                sum += segment.value;
                let end = label_w + (f64::from(sum) / f64::from(largest) * span).round() as i32;
                let _ = area.draw(&Rectangle::new(
                    [(x, y0), (end.max(x + 1), y0 + BAR)],
                    colour(&segment.colour).filled(),
                ));
                let value = group_digits(u64::from(segment.value));
                if label_inside && end - x >= value.chars().count() as i32 * CHAR + 6 {
                    let _ = area.draw(&Text::new(
                        value,
                        ((x + end) / 2, y0 + BAR / 2),
                        text_on(&segment.colour, TEXT),
                    ));
                }
                x = end;
            }
            let _ = area.draw(&Text::new(
                group_digits(u64::from(sum)),
                (x + 6, y0 + BAR / 2),
                ink(Pos::new(HPos::Left, VPos::Center)),
            ));
        }
        let _ = area.present();
    }
    for (short, (full, _)) in labels.iter().zip(rows) {
        svg = with_full_text(svg, short, full);
    }
    finish(svg, size)
}

/// Horizontal progress bars from 0 to 100 %, one per (label, percent) row,
/// over a faint track, with the percentage on the right.
pub fn progress_bars(rows: &[(String, f64)]) -> String {
    const SPAN: i32 = 300;
    const BAR: i32 = 18;
    const GAP: i32 = 10;
    let labels: Vec<String> = rows
        .iter()
        .map(|(label, _)| shorten(label, BAR_LABEL_CHARS))
        .collect();
    let label_w = label_width(labels.iter().map(String::as_str), BAR_LABEL_CHARS).max(60);
    let size = (
        (label_w + SPAN + 60) as u32,
        (rows.len() as i32 * (BAR + GAP) + GAP).max(BAR + 2 * GAP) as u32,
    );
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        for (index, (label, (_, percent))) in labels.iter().zip(rows).enumerate() {
            let y0 = GAP + index as i32 * (BAR + GAP);
            let percent = percent.clamp(0.0, 100.0);
            let _ = area.draw(&Text::new(
                label.clone(),
                (label_w - 8, y0 + BAR / 2),
                ink(Pos::new(HPos::Right, VPos::Center)),
            ));
            let _ = area.draw(&Rectangle::new(
                [(label_w, y0), (label_w + SPAN, y0 + BAR)],
                INK.mix(0.12).filled(),
            ));
            let end = label_w + (percent / 100.0 * f64::from(SPAN)).round() as i32;
            if end > label_w {
                let _ = area.draw(&Rectangle::new(
                    [(label_w, y0), (end, y0 + BAR)],
                    ACCENT.filled(),
                ));
            }
            let _ = area.draw(&Text::new(
                format!("{percent:.0} %"),
                (label_w + SPAN + 8, y0 + BAR / 2),
                ink(Pos::new(HPos::Left, VPos::Center)),
            ));
        }
        let _ = area.present();
    }
    for (short, (full, _)) in labels.iter().zip(rows) {
        svg = with_full_text(svg, short, full);
    }
    finish(svg, size)
}

/// Distinct colours for overlaid series (readable on light and dark).
pub const SERIES: [&str; 6] = [
    "#2563eb", "#d97706", "#16a34a", "#db2777", "#7c3aed", "#0891b2",
];

/// Loss exceedance curves, one per (name, points) series of (loss, share of
/// years with a larger loss), overlaid on one chart; losses on a log scale.
/// Axes, ticks and legend are placed by hand: plotters' automatic layout
/// measures text with inline styles, which the page's CSP forbids.
pub fn exceedance_curves(series: &[(String, Vec<(f64, f64)>)], currency: &str) -> String {
    const WIDTH: u32 = 640;
    const HEIGHT: u32 = 340;
    const LEFT: i32 = 60;
    const RIGHT: i32 = 16;
    const TOP: i32 = 12;
    const BOTTOM: i32 = 52;
    let (low, high) = series
        .iter()
        .flat_map(|(_, points)| points.iter().map(|p| p.0))
        .filter(|l| *l > 0.0 && l.is_finite())
        .fold((f64::INFINITY, 0.0_f64), |(lo, hi), l| {
            (lo.min(l), hi.max(l))
        });
    let (low, high) = if low.is_finite() && high > low {
        (step_125(low, false), step_125(high, true))
    } else {
        (1.0, 10.0)
    };
    let plot_w = f64::from(WIDTH as i32 - LEFT - RIGHT);
    let plot_h = f64::from(HEIGHT as i32 - TOP - BOTTOM);
    let x = |loss: f64| {
        let t = (loss.max(low).log10() - low.log10()) / (high.log10() - low.log10());
        LEFT + (t * plot_w).round() as i32
    };
    let y = |share: f64| TOP + ((1.0 - share.clamp(0.0, 1.0)) * plot_h).round() as i32;
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        // Grid and axes.
        for step in 0..=4 {
            let share = f64::from(step) * 0.25;
            let _ = area.draw(&PathElement::new(
                vec![(LEFT, y(share)), (LEFT + plot_w as i32, y(share))],
                INK.mix(0.12),
            ));
            let _ = area.draw(&Text::new(
                format!("{:.0} %", share * 100.0),
                (LEFT - 6, y(share)),
                ink(Pos::new(HPos::Right, VPos::Center)),
            ));
        }
        let mut decade = 10f64.powf(low.log10().floor());
        while decade <= high * 1.000_001 {
            for multiple in [1.0, 2.0, 5.0] {
                let tick = decade * multiple;
                if tick > high * 1.000_001 {
                    break;
                }
                if tick < low * 0.999_999 {
                    continue;
                }
                let _ = area.draw(&PathElement::new(
                    vec![(x(tick), TOP), (x(tick), TOP + plot_h as i32)],
                    INK.mix(if multiple == 1.0 { 0.18 } else { 0.07 }),
                ));
                if multiple == 1.0 || (high / low) < 1e3 {
                    let _ = area.draw(&Text::new(
                        short_money(tick),
                        (x(tick), TOP + plot_h as i32 + 6),
                        ink(Pos::new(HPos::Center, VPos::Top)),
                    ));
                }
            }
            decade *= 10.0;
        }
        let _ = area.draw(&Text::new(
            format!("Annual loss ({currency}, log scale)"),
            (LEFT + plot_w as i32 / 2, HEIGHT as i32 - 14),
            ink(Pos::new(HPos::Center, VPos::Center)),
        ));
        let _ = area.draw(&Text::new(
            "Share of years exceeding",
            (12, TOP + plot_h as i32 / 2),
            ink_upwards(),
        ));
        // Curves and legend.
        for (index, (name, points)) in series.iter().enumerate() {
            let colour = colour(SERIES[index % SERIES.len()]);
            let line: Vec<(i32, i32)> = points
                .iter()
                .filter(|(l, _)| *l > 0.0 && l.is_finite())
                .map(|(l, e)| (x(*l), y(*e)))
                .collect();
            let _ = area.draw(&PathElement::new(line, colour.stroke_width(2)));
            let ly = TOP + 10 + index as i32 * 20;
            let lx = LEFT + plot_w as i32 - 300;
            let _ = area.draw(&PathElement::new(
                vec![(lx, ly), (lx + 20, ly)],
                colour.stroke_width(3),
            ));
            let _ = area.draw(&Text::new(
                shorten(name, 32),
                (lx + 26, ly),
                ink(Pos::new(HPos::Left, VPos::Center)),
            ));
        }
        let _ = area.present();
    }
    for (name, _) in series {
        svg = with_full_text(svg, &shorten(name, 32), name);
    }
    finish(svg, (WIDTH, HEIGHT))
}

/// The nearest value of the 1-2-5 series (…, 0.5, 1, 2, 5, 10, 20, …) at or
/// below `value`, or at or above it when `up`.
fn step_125(value: f64, up: bool) -> f64 {
    let decade = 10f64.powf(value.log10().floor());
    let steps = [1.0, 2.0, 5.0, 10.0];
    if up {
        steps
            .iter()
            .map(|s| s * decade)
            .find(|v| *v >= value * 0.999_999)
            .unwrap_or(10.0 * decade)
    } else {
        steps
            .iter()
            .rev()
            .map(|s| s * decade)
            .find(|v| *v <= value * 1.000_001)
            .unwrap_or(decade)
    }
}

/// A tornado chart: for each (label, value at low, value at high) row a bar
/// between the two around the `base` line, widest first as given.
pub fn tornado(rows: &[(String, f64, f64)], base: f64) -> String {
    const WIDTH: u32 = 660;
    const BAR: i32 = 18;
    const GAP: i32 = 8;
    let labels: Vec<String> = rows
        .iter()
        .map(|(label, _, _)| shorten(label, BAR_LABEL_CHARS))
        .collect();
    let label_w = label_width(labels.iter().map(String::as_str), BAR_LABEL_CHARS).max(60);
    let height = (rows.len() as i32 * (BAR + GAP) + GAP + 28).max(60) as u32;
    let (low, high) = rows.iter().fold((base, base), |(lo, hi), (_, a, b)| {
        (lo.min(a.min(*b)), hi.max(a.max(*b)))
    });
    let span = (high - low).max(1.0);
    let plot = f64::from(WIDTH as i32 - label_w - 70);
    let x = |value: f64| label_w + ((value - low) / span * plot).round() as i32;
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        for (index, (label, (_, at_low, at_high))) in labels.iter().zip(rows).enumerate() {
            let y0 = GAP + index as i32 * (BAR + GAP);
            let _ = area.draw(&Text::new(
                label.clone(),
                (label_w - 8, y0 + BAR / 2),
                ink(Pos::new(HPos::Right, VPos::Center)),
            ));
            let _ = area.draw(&Rectangle::new(
                [(x(*at_low), y0), (x(base), y0 + BAR)],
                colour("#16a34a").filled(),
            ));
            let _ = area.draw(&Rectangle::new(
                [(x(base), y0), (x(*at_high).max(x(base) + 1), y0 + BAR)],
                colour("#dc2626").filled(),
            ));
            let _ = area.draw(&Text::new(
                short_money(at_high - at_low),
                (x(*at_high) + 6, y0 + BAR / 2),
                ink(Pos::new(HPos::Left, VPos::Center)),
            ));
        }
        let bottom = GAP + rows.len() as i32 * (BAR + GAP);
        let _ = area.draw(&PathElement::new(
            vec![(x(base), 2), (x(base), bottom)],
            INK.stroke_width(1),
        ));
        let _ = area.draw(&Text::new(
            format!("expected annual loss {}", amount(base)),
            (x(base), bottom + 4),
            ink(Pos::new(HPos::Center, VPos::Top)),
        ));
        let _ = area.present();
    }
    for (short, (full, _, _)) in labels.iter().zip(rows) {
        svg = with_full_text(svg, short, full);
    }
    finish(svg, (WIDTH, height))
}

/// Width and height of the objective trend chart, in SVG units.
/// Narrow on purpose: scaled down to a phone's width its text stays
/// about 12 px high.
pub const TREND_SIZE: (u32, u32) = (360, 220);

/// An objective's measurements over time as a line with dots, and its
/// target as a dashed line. `points` are (day number, value) oldest first
/// with their date labels; the x axis spaces them by day number. Text is
/// 14 units high. Empty `points` give a chart with only the target line.
pub fn objective_trend(points: &[(i64, f64, String)], target: f64, unit: &str) -> String {
    let (width, height) = TREND_SIZE;
    let (left, right, top, bottom) = (50.0, 10.0, 14.0, 40.0);
    let plot_w = f64::from(width) - left - right;
    let plot_h = f64::from(height) - top - bottom;
    let values = points.iter().map(|p| p.1).chain(std::iter::once(target));
    let (mut low, mut high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !(low.is_finite() && high.is_finite()) {
        (low, high) = (0.0, 1.0);
    }
    if (high - low).abs() < f64::EPSILON {
        low -= 1.0;
        high += 1.0;
    }
    let pad = (high - low) * 0.1;
    let (low, high) = (
        (low - pad).max(if low >= 0.0 { 0.0 } else { f64::NEG_INFINITY }),
        high + pad,
    );
    let y = |v: f64| top + plot_h * (1.0 - (v - low) / (high - low));
    let first = points.first().map_or(0, |p| p.0);
    let last = points.last().map_or(1, |p| p.0).max(first + 1);
    let x = |day: i64| left + plot_w * ((day - first) as f64 / (last - first) as f64);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" font-family=\"{FONT}\" font-size=\"14\">"
    );
    // Axes.
    svg.push_str(&format!(
        "<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{b}\" stroke=\"{INK_HEX}\"/><line x1=\"{left}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\" stroke=\"{INK_HEX}\"/>",
        b = top + plot_h,
        r = left + plot_w
    ));
    for value in [low, (low + high) / 2.0, high] {
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" dominant-baseline=\"middle\" fill=\"{INK_HEX}\">{}</text>",
            left - 6.0,
            y(value),
            short_number(value)
        ));
    }
    // Target.
    let ty = y(target);
    svg.push_str(&format!(
        "<line x1=\"{left}\" y1=\"{ty:.1}\" x2=\"{r}\" y2=\"{ty:.1}\" stroke=\"#c2410c\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/><text x=\"{}\" y=\"{:.1}\" fill=\"{INK_HEX}\">target {} {}</text>",
        left + 6.0,
        ty - 5.0,
        short_number(target),
        escape(unit),
        r = left + plot_w
    ));
    // Measurements.
    if !points.is_empty() {
        let path: Vec<String> = points
            .iter()
            .map(|p| format!("{:.1},{:.1}", x(p.0), y(p.1)))
            .collect();
        svg.push_str(&format!(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"rgb({},{},{})\" stroke-width=\"2\"/>",
            path.join(" "),
            ACCENT.0,
            ACCENT.1,
            ACCENT.2
        ));
        for p in points {
            svg.push_str(&format!(
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"rgb({},{},{})\"/>",
                x(p.0),
                y(p.1),
                ACCENT.0,
                ACCENT.1,
                ACCENT.2
            ));
        }
        let (a, z) = (&points[0], &points[points.len() - 1]);
        let base = top + plot_h + 24.0;
        svg.push_str(&format!(
            "<text x=\"{left}\" y=\"{base}\" fill=\"{INK_HEX}\">{}</text>",
            escape(&a.2)
        ));
        if points.len() > 1 {
            svg.push_str(&format!(
                "<text x=\"{}\" y=\"{base}\" text-anchor=\"end\" fill=\"{INK_HEX}\">{}</text>",
                left + plot_w,
                escape(&z.2)
            ));
        }
    }
    svg.push_str("</svg>");
    finish(svg, (width, height))
}

/// A value with at most one decimal, without a trailing ".0".
fn short_number(value: f64) -> String {
    let text = format!("{value:.1}");
    text.strip_suffix(".0").map(str::to_owned).unwrap_or(text)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

// `#[test]` is not collected by wasm-bindgen-test-runner (the app's tests
// run on wasm32 only): these run through wasm-bindgen-test, in the browser
// like the app's other tests.
#[cfg(test)]
mod trend_tests {
    use super::*;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn the_trend_has_a_dot_per_measurement_a_target_line_and_readable_text() {
        let points = vec![
            (0, 60.0, "2026-01-31".to_owned()),
            (30, 75.0, "2026-03-02".to_owned()),
            (60, 92.0, "2026-04-01".to_owned()),
        ];
        let svg = objective_trend(&points, 90.0, "%");
        assert_eq!(svg.matches("<circle").count(), 3);
        assert!(svg.contains("stroke-dasharray"), "a dashed target line");
        assert!(svg.contains("target 90 %"));
        assert!(svg.contains("font-size=\"14\""));
        assert!(svg.contains("2026-01-31") && svg.contains("2026-04-01"));
        assert!(svg.contains("currentColor"));
        assert!(!objective_trend(&[], 5.0, "days").contains("<circle"));
    }
}
