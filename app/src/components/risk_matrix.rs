use engine::Methodology;
use leptos::prelude::*;

/// Black or white, whichever reads better on `background` (`#rrggbb`).
/// Uses the WCAG relative luminance; unreadable colours get black text.
pub fn readable_text_colour(background: &str) -> &'static str {
    let channel = |range: std::ops::Range<usize>| {
        let value = background
            .get(range)
            .and_then(|hex| u8::from_str_radix(hex, 16).ok())
            .map_or(1.0, |v| f64::from(v) / 255.0);
        if value <= 0.039_28 {
            value / 12.92
        } else {
            ((value + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * channel(1..3) + 0.7152 * channel(3..5) + 0.0722 * channel(5..7);
    // Contrast with black (L + 0.05) / 0.05 against white 1.05 / (L + 0.05).
    if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) {
        "#111111"
    } else {
        "#ffffff"
    }
}

/// The risk matrix of `methodology` as a grid of buttons: likelihood rises
/// upwards, impact to the right, each cell painted in its level's colour.
/// Picking a cell (or the two selects) shows the level of that pair.
#[component]
pub fn RiskMatrix(
    #[prop(into)] methodology: Signal<Methodology>,
    /// Likelihood picked (1-based).
    likelihood: RwSignal<u8>,
    /// Impact picked (1-based).
    impact: RwSignal<u8>,
) -> impl IntoView {
    // Keep the picks on the scale when a smaller methodology is chosen.
    Effect::new(move |_| {
        let m = methodology.get();
        let (rows, columns) = (
            m.likelihood_scale().len() as u8,
            m.impact_scale().len() as u8,
        );
        if likelihood.get_untracked() > rows {
            likelihood.set(rows);
        }
        if impact.get_untracked() > columns {
            impact.set(columns);
        }
    });
    let picked_level = Memo::new(move |_| {
        let m = methodology.get();
        let l = m.likelihood(likelihood.get())?;
        let i = m.impact(impact.get())?;
        Some(m.level(l, i))
    });

    let grid = move || {
        let m = methodology.get();
        let impact_labels: Vec<String> = m
            .impact_scale()
            .levels()
            .iter()
            .map(|level| level.label.clone())
            .collect();
        let rows = (1..=m.likelihood_scale().len() as u8)
            .rev()
            .map(|l| {
                let row_label = m
                    .likelihood_scale()
                    .level(l)
                    .map(|s| s.label.clone())
                    .unwrap_or_default();
                let cells = (1..=m.impact_scale().len() as u8)
                    .filter_map(|i| {
                        let level = m.level(m.likelihood(l)?, m.impact(i)?);
                        let definition = m.level_definition(level).clone();
                        let impact_label = m
                            .impact_scale()
                            .level(i)
                            .map(|s| s.label.clone())
                            .unwrap_or_default();
                        let label = format!(
                            "Likelihood {l} {row_label}, impact {i} {impact_label}: {}",
                            definition.name
                        );
                        let text_colour = readable_text_colour(&definition.colour);
                        let is_picked = move || likelihood.get() == l && impact.get() == i;
                        Some(view! {
                            <td>
                                <button
                                    type="button"
                                    class="matrix-cell"
                                    class:picked=is_picked
                                    data-likelihood=l
                                    data-impact=i
                                    aria-label=label
                                    aria-pressed=move || if is_picked() { "true" } else { "false" }
                                    style:background-color=definition.colour.clone()
                                    style:color=text_colour
                                    on:click=move |_| {
                                        likelihood.set(l);
                                        impact.set(i);
                                    }
                                >
                                    {definition.name.clone()}
                                </button>
                            </td>
                        })
                    })
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row">{format!("{l} {row_label}")}</th>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="risk-matrix" aria-describedby="matrix-help">
                <caption id="matrix-help">
                    "Rows: likelihood (highest at the top). Columns: impact. Pick a cell to see its level."
                </caption>
                <thead>
                    <tr>
                        <td></td>
                        {impact_labels.into_iter().enumerate().map(|(index, label)| view! {
                            <th scope="col">{format!("{} {label}", index + 1)}</th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
    };

    let scale_select =
        move |id: &'static str, text: &'static str, picked: RwSignal<u8>, likelihood_axis: bool| {
            let options = move || {
                let m = methodology.get();
                let scale = if likelihood_axis {
                    m.likelihood_scale().clone()
                } else {
                    m.impact_scale().clone()
                };
                scale
                    .levels()
                    .iter()
                    .enumerate()
                    .map(|(index, level)| {
                        let value = (index + 1) as u8;
                        view! {
                            <option value=value.to_string() selected=move || picked.get() == value>
                                {format!("{value} {}", level.label)}
                            </option>
                        }
                    })
                    .collect_view()
            };
            view! {
                <label for=id>{text}</label>
                <select
                    id=id
                    data-testid=id
                    prop:value=move || picked.get().to_string()
                    on:change=move |event| {
                        if let Ok(value) = event_target_value(&event).parse::<u8>() {
                            picked.set(value);
                        }
                    }
                >
                    {options}
                </select>
            }
        };

    let result = move || {
        let m = methodology.get();
        picked_level.get().map(|level| {
            let definition = m.level_definition(level).clone();
            let appetite = if m.above_appetite(level) {
                "Above the risk appetite: needs treatment."
            } else {
                "Within the risk appetite: may be accepted."
            };
            let description = |scale: &engine::Scale, value: u8| {
                scale
                    .level(value)
                    .map(|s| s.description.clone())
                    .unwrap_or_default()
            };
            view! {
                <div class="matrix-result" aria-live="polite">
                    <span
                        class="level-swatch"
                        data-testid="matrix-level"
                        data-colour=definition.colour.clone()
                        style:background-color=definition.colour.clone()
                        style:color=readable_text_colour(&definition.colour)
                    >
                        {definition.name.clone()}
                    </span>
                    <span class="appetite-note">{appetite}</span>
                    <dl class="scale-descriptions">
                        <dt>"Likelihood"</dt>
                        <dd>{description(m.likelihood_scale(), likelihood.get())}</dd>
                        <dt>"Impact"</dt>
                        <dd>{description(m.impact_scale(), impact.get())}</dd>
                    </dl>
                </div>
            }
        })
    };

    view! {
        <div class="matrix-picker">
            <div class="matrix-controls">
                {scale_select("matrix-likelihood", "Likelihood", likelihood, true)}
                {scale_select("matrix-impact", "Impact", impact, false)}
            </div>
            {result}
        </div>
        {grid}
    }
}
