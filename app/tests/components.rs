//! Components mounted into a real document (wasm-bindgen-test, headless Chromium).

use app::components::{readable_text_colour, RiskMatrix};
use app::routes::{ReportKind, Route};
use engine::{Methodology, Preset};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let document = document();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

fn text_of(root: &web_sys::HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} is on the page"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn clicking_a_matrix_cell_shows_its_level() {
    let root = container();
    let preset = RwSignal::new(Preset::Iso27005FiveByFive);
    let likelihood = RwSignal::new(1u8);
    let impact = RwSignal::new(1u8);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <RiskMatrix
                methodology=Signal::derive(move || preset.get().methodology())
                likelihood=likelihood
                impact=impact
            />
        }
    });
    assert_eq!(
        root.query_selector_all(".matrix-cell").unwrap().length(),
        25
    );
    assert_eq!(text_of(&root, "[data-testid=matrix-level]"), "Low");

    let cell: web_sys::HtmlElement = root
        .query_selector(".matrix-cell[data-likelihood='5'][data-impact='5']")
        .unwrap()
        .unwrap()
        .unchecked_into();
    cell.click();
    assert_eq!((likelihood.get_untracked(), impact.get_untracked()), (5, 5));
    // Let the reactive system flush.
    gloo_timers_like_tick().await;
    assert_eq!(text_of(&root, "[data-testid=matrix-level]"), "Very high");
    assert_eq!(cell.get_attribute("aria-pressed").as_deref(), Some("true"));

    // A smaller methodology pulls the picks back onto its scales.
    preset.set(Preset::ThreeByThree);
    gloo_timers_like_tick().await;
    assert_eq!(root.query_selector_all(".matrix-cell").unwrap().length(), 9);
    assert_eq!((likelihood.get_untracked(), impact.get_untracked()), (3, 3));
    assert_eq!(text_of(&root, "[data-testid=matrix-level]"), "High");
}

/// Waits one macrotask so effects and the DOM catch up.
async fn gloo_timers_like_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
fn text_on_level_colours_stays_readable() {
    let m = Methodology::default();
    assert_eq!(readable_text_colour("#ffffff"), "#111111");
    assert_eq!(readable_text_colour("#000000"), "#ffffff");
    assert_eq!(readable_text_colour("#c9372c"), "#ffffff");
    assert_eq!(readable_text_colour(&m.levels()[1].colour), "#111111");
}

#[wasm_bindgen_test]
fn routes_parse_and_print_back() {
    for route in [
        Route::Workspaces,
        Route::Matrix,
        Route::Workspace("ws-4f9c".into()),
        Route::Workspace("a b/c".into()),
        Route::Assets("ws".into()),
        Route::Dashboard("ws".into()),
        Route::Scenarios("ws".into()),
        Route::Quant("ws".into()),
        Route::Asset("ws".into(), "A-0001".into()),
        Route::Plan("ws".into()),
        Route::Action("ws".into(), "ACT-0002".into()),
        Route::Soa("ws".into(), Some("5.1".into())),
        Route::Risk("ws".into(), "R-0001".into()),
        Route::NewRisk("ws".into()),
        Route::Reports("ws".into()),
        Route::Report("ws".into(), ReportKind::Soa),
        Route::Report("ws".into(), ReportKind::Summary),
    ] {
        assert_eq!(Route::parse(&route.href()), route);
    }
    assert_eq!(
        Route::parse("#/workspace/ws/reports/nothing"),
        Route::NotFound("workspace/ws/reports/nothing".into())
    );
    assert_eq!(Route::parse(""), Route::Workspaces);
    assert_eq!(Route::parse("#/"), Route::Workspaces);
    assert_eq!(Route::parse("#/nowhere"), Route::NotFound("nowhere".into()));
}

/// The texts of an SVG's `<text>` elements, trimmed (plotters puts each on
/// its own line).
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("</text>")
        .filter_map(|part| {
            part.rsplit_once('>')
                .map(|(_, text)| text.trim().to_owned())
        })
        .filter(|text| !text.contains('<'))
        .filter(|text| !text.is_empty())
        .collect()
}

fn has_text(svg: &str, text: &str) -> bool {
    svg_texts(svg).iter().any(|t| t == text)
}

#[wasm_bindgen_test]
fn heat_map_svg_shows_counts_in_level_colours_without_inline_styles() {
    use app::charts::{heat_map, heat_map_cell, heat_map_left, HEAT_CELL, HEAT_TOP};
    use engine::{HeatMap, Methodology};
    let methodology = Methodology::default();
    let mut map = HeatMap::empty(&methodology);
    map.cells[4][3] = 17; // likelihood 5, impact 4
    map.cells[0][0] = 3; // likelihood 1, impact 1
    let svg = heat_map(&methodology, &map, Some((5, 4)));
    assert!(svg.starts_with("<svg"), "{svg}");
    assert!(has_text(&svg, "17") && has_text(&svg, "3"), "counts drawn");
    // Very high (5,4) and Low (1,1) cells in their level colours.
    let colour = |l, i| {
        let level = methodology.level(
            methodology.likelihood(l).unwrap(),
            methodology.impact(i).unwrap(),
        );
        methodology.level_definition(level).colour.to_lowercase()
    };
    assert!(svg
        .to_lowercase()
        .contains(&format!("fill=\"{}\"", colour(5, 4))));
    assert!(svg
        .to_lowercase()
        .contains(&format!("fill=\"{}\"", colour(1, 1))));
    // The strict CSP forbids inline style attributes; text follows the theme.
    assert!(!svg.contains("style="), "no inline styles");
    assert!(svg.contains("currentColor"));
    assert!(!svg.contains("#010203"), "the sentinel colour is replaced");
    // The axes name the scales' levels, not their numbers.
    for name in [
        "Rare",
        "Unlikely",
        "Possible",
        "Likely",
        "Almost certain",
        "Negligible",
        "Minor",
        "Moderate",
        "Major",
        "Severe",
    ] {
        assert!(has_text(&svg, name), "axis label {name}");
    }
    for number in ["1", "2", "4", "5"] {
        assert!(!has_text(&svg, number), "no bare scale number {number}");
    }
    // A click in the middle of the top-right cell is (5, 5); outside, none.
    let middle = f64::from(HEAT_CELL) / 2.0;
    let left = heat_map_left(&methodology);
    let x = f64::from(left + 4 * HEAT_CELL) + middle;
    let y = f64::from(HEAT_TOP) + middle;
    assert_eq!(heat_map_cell(&methodology, x, y), Some((5, 5)));
    assert_eq!(
        heat_map_cell(
            &methodology,
            f64::from(left) + middle,
            y + 4.0 * f64::from(HEAT_CELL)
        ),
        Some((1, 1))
    );
    assert_eq!(heat_map_cell(&methodology, 2.0, 2.0), None);
}

#[wasm_bindgen_test]
fn stacked_and_progress_bars_draw_every_row() {
    use app::charts::{progress_bars, stacked_bars, Segment};
    let svg = stacked_bars(&[
        (
            "Inherent".into(),
            vec![
                Segment {
                    value: 40,
                    colour: "#2e7d32".into(),
                },
                Segment {
                    value: 20,
                    colour: "#c62828".into(),
                },
            ],
        ),
        (
            "Current".into(),
            vec![Segment {
                value: 60,
                colour: "#2e7d32".into(),
            }],
        ),
    ]);
    assert!(has_text(&svg, "Inherent") && has_text(&svg, "Current"));
    assert!(has_text(&svg, "40") && has_text(&svg, "20"));
    assert_eq!(
        svg_texts(&svg).iter().filter(|t| *t == "60").count(),
        2,
        "both totals; a lone segment is not labelled twice"
    );
    // Thousands are grouped, as in the tables.
    let svg = stacked_bars(&[(
        "R-0007 Ransomware encrypts the clinic scheduling service and its backups".into(),
        vec![Segment {
            value: 585_457,
            colour: "#2563eb".into(),
        }],
    )]);
    assert!(has_text(&svg, "585\u{202f}457"), "{svg}");
    // A long label is shortened at a word, and kept whole as its tooltip.
    assert!(
        has_text(&svg, "R-0007 Ransomware encrypts…"),
        "{:?}",
        svg_texts(&svg)
    );
    assert!(svg.contains(
        "<title>R-0007 Ransomware encrypts the clinic scheduling service and its backups</title>"
    ));
    let svg = progress_bars(&[("Organizational".into(), 42.4), ("People".into(), 130.0)]);
    assert!(has_text(&svg, "42 %"));
    assert!(has_text(&svg, "100 %"), "clamped to 100");
}

#[wasm_bindgen_test]
fn exceedance_curves_and_tornado_are_plain_svg() {
    use app::charts::{exceedance_curves, tornado};
    let svg = exceedance_curves(
        &[
            (
                "Baseline".into(),
                vec![(1_000.0, 0.9), (50_000.0, 0.5), (900_000.0, 0.01)],
            ),
            (
                "With MFA".into(),
                vec![(800.0, 0.9), (20_000.0, 0.5), (400_000.0, 0.01)],
            ),
        ],
        "EUR",
    );
    assert!(
        has_text(&svg, "Baseline") && has_text(&svg, "With MFA"),
        "legend"
    );
    assert!(svg.contains("EUR, log scale"));
    assert!(
        has_text(&svg, "1.0 M"),
        "a decade tick up to the largest loss"
    );
    let lower = svg.to_lowercase();
    for colour in &app::charts::SERIES[..2] {
        // Each series: its curve and its legend key.
        assert_eq!(
            lower.matches(&format!("stroke=\"{colour}\"")).count(),
            2,
            "{colour}"
        );
    }
    assert!(!svg.contains("style="));
    let svg = tornado(
        &[("R-0001 loss magnitude".into(), 10_000.0, 90_000.0)],
        40_000.0,
    );
    assert!(has_text(&svg, "R-0001 loss magnitude"));
    assert!(has_text(&svg, "80 k"), "the swing is labelled");
    assert!(
        has_text(&svg, "expected annual loss 40\u{202f}000"),
        "{:?}",
        svg_texts(&svg)
    );
    assert!(!svg.contains("style="));
}

#[wasm_bindgen_test]
async fn a_text_field_bound_to_part_of_a_draft_wires_its_label_error_and_value() {
    use app::components::{FieldErrors, TextBinding, TextField};
    #[derive(Clone, PartialEq)]
    struct Draft {
        name: String,
        other: u8,
    }
    let root = container();
    let draft = RwSignal::new(Draft {
        name: "first".into(),
        other: 7,
    });
    let errors = RwSignal::new(FieldErrors::default());
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <TextField id="kit-name" label=move || format!("Name ({})", draft.with(|d| d.other))
                value=TextBinding::new(move || draft.with(|d| d.name.clone()), move |text| draft.update(|d| d.name = text))
                error=FieldErrors::of(errors, "name") error_testid="kit-error" inputmode="numeric"/>
        }
    });
    // Properties such as the value are set once the renderer has run.
    gloo_timers_like_tick().await;
    let input: web_sys::HtmlInputElement = root
        .query_selector("#kit-name")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(input.value(), "first");
    assert_eq!(input.get_attribute("inputmode").as_deref(), Some("numeric"));
    assert_eq!(
        input.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
    assert_eq!(
        input.get_attribute("aria-describedby").as_deref(),
        Some("kit-name-error")
    );
    assert_eq!(text_of(&root, "label[for=kit-name]"), "Name (7)");

    // Typing changes only the bound part of the draft.
    input.set_value("second");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    assert_eq!(draft.with_untracked(|d| d.name.clone()), "second");
    assert_eq!(draft.with_untracked(|d| d.other), 7);

    // The label follows its signal; the error shows under the field.
    draft.update(|d| d.other = 8);
    errors.set(FieldErrors::one("name", "Too short."));
    gloo_timers_like_tick().await;
    assert_eq!(text_of(&root, "label[for=kit-name]"), "Name (8)");
    assert_eq!(text_of(&root, "#kit-name-error"), "Too short.");
    assert_eq!(text_of(&root, "[data-testid=kit-error]"), "Too short.");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
fn field_errors_keep_the_first_message_of_a_field_and_forget_on_request() {
    use app::components::FieldErrors;
    let mut errors = FieldErrors::default();
    errors.add("title", "Give it a title.");
    errors.add("title", "A second message is not kept.");
    errors.add("due", "Not a date.");
    assert_eq!(errors.get("title").as_deref(), Some("Give it a title."));
    assert_eq!(
        errors.messages().collect::<Vec<_>>(),
        ["Give it a title.", "Not a date."]
    );
    errors.remove("title");
    assert_eq!(errors.get("title"), None);
    assert_eq!(errors.fields().collect::<Vec<_>>(), ["due"]);
}

/// The smallest text of the chart in `root`, in CSS pixels as drawn: each
/// `<text>`'s font size scaled by the SVG's drawn width over its viewBox.
fn smallest_drawn_text(root: &web_sys::HtmlElement) -> f64 {
    let svg = root.query_selector("svg").unwrap().expect("an svg");
    let view_width: f64 = svg
        .get_attribute("viewBox")
        .and_then(|v| v.split(' ').nth(2).and_then(|w| w.parse().ok()))
        .expect("a viewBox");
    let scale = svg.get_bounding_client_rect().width() / view_width;
    let texts = root.query_selector_all("svg text").unwrap();
    assert!(texts.length() > 0, "the chart has text");
    (0..texts.length())
        .filter_map(|i| texts.item(i))
        .filter_map(|t| {
            t.unchecked_into::<web_sys::Element>()
                .get_attribute("font-size")
        })
        .map(|size| size.parse::<f64>().expect("a numeric font size") * scale)
        .fold(f64::INFINITY, f64::min)
}

#[wasm_bindgen_test]
fn chart_text_is_at_least_12_px_and_16_px_with_presenter_type() {
    use app::charts::{
        exceedance_curves, heat_map, objective_trend, progress_bars, stacked_bars, tornado, Segment,
    };
    use engine::HeatMap;
    let methodology = Methodology::default();
    let mut map = HeatMap::empty(&methodology);
    map.cells[2][2] = 12;
    let charts = [
        heat_map(&methodology, &map, None),
        stacked_bars(&[(
            "Current".into(),
            vec![
                Segment {
                    value: 30,
                    colour: "#2e7d32".into(),
                },
                Segment {
                    value: 12,
                    colour: "#c62828".into(),
                },
            ],
        )]),
        progress_bars(&[("Technological".into(), 64.0)]),
        exceedance_curves(
            &[("Baseline".into(), vec![(1_000.0, 0.9), (90_000.0, 0.05)])],
            "EUR",
        ),
        tornado(&[("R-0001 loss magnitude".into(), 1.0e4, 9.0e4)], 4.0e4),
        objective_trend(&[(0, 60.0, "2026-01-31".into())], 90.0, "%"),
    ];
    let html = document().document_element().unwrap();
    for svg in &charts {
        // Sized in rem: one SVG unit per CSS pixel at the default type size.
        assert!(svg.contains("rem\" height=\""), "{svg}");
        let root = container();
        root.set_inner_html(svg);
        let normal = smallest_drawn_text(&root);
        assert!(normal >= 12.0, "chart text {normal} px in {svg}");
        // Presenter mode sets the root type to 125 % (style/main.css).
        html.set_attribute("style", "font-size: 125%").unwrap();
        let presented = smallest_drawn_text(&root);
        html.remove_attribute("style").unwrap();
        assert!(
            presented >= 16.0,
            "presenter chart text {presented} px in {svg}"
        );
        root.remove();
    }
}

#[wasm_bindgen_test]
fn amounts_are_grouped_rounded_and_carry_their_currency() {
    use app::ui::format::*;
    assert_eq!(group_digits(0), "0");
    assert_eq!(group_digits(999), "999");
    assert_eq!(group_digits(1_000), "1\u{202f}000");
    assert_eq!(group_digits(1_234_567), "1\u{202f}234\u{202f}567");
    assert_eq!(amount(585_456.6), "585\u{202f}457");
    assert_eq!(amount(-1_500.0), "\u{2212}1\u{202f}500");
    assert_eq!(amount(f64::NAN), NO_FIGURE);
    assert_eq!(money(247_164.2, "EUR"), "247\u{202f}164 EUR");
    assert_eq!(money(12.0, ""), "12");
    assert_eq!(short_money(1_234_000.0), "1.2 M");
    assert_eq!(short_money(350_000.0), "350 k");
    assert_eq!(percent(0.424), "42 %");
    let why = loss_difference("Baseline", 247_164.0, 585_457.0, "EUR");
    assert!(why.starts_with("Why two expected losses for the baseline: "));
    assert!(why.contains("(247\u{202f}164 EUR)") && why.contains("(585\u{202f}457 EUR)"));
}
