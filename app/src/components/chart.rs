//! A chart (SVG drawn by `crate::charts`) with its text alternative.

use engine::HeatMap;
use leptos::prelude::*;

/// A figure holding an SVG chart, announced to screen readers by `label`,
/// with a caption and the same figures as text (`children`, usually a
/// table) in a disclosure under it.
#[component]
pub fn Chart(
    /// Short accessible name, such as "Inherent heat map".
    #[prop(into)]
    label: String,
    /// The chart's SVG text.
    #[prop(into)]
    svg: Signal<String>,
    /// Shown under the chart.
    #[prop(optional, into)]
    caption: Option<String>,
    #[prop(optional)] test_id: &'static str,
    /// The text alternative: the chart's figures.
    children: Children,
) -> impl IntoView {
    view! {
        <figure class="chart" data-testid=test_id>
            <div class="chart-svg" role="img" aria-label=label inner_html=move || svg.get()></div>
            {caption.map(|c| view! { <figcaption>{c}</figcaption> })}
            <details class="chart-data">
                <summary>"Figures as a table"</summary>
                {children()}
            </details>
        </figure>
    }
}

/// A heat map's counts as a table, likelihood rows from the top: the text
/// alternative of a heat-map chart.
#[component]
pub fn HeatMapTable(#[prop(into)] title: String, map: HeatMap) -> impl IntoView {
    let columns = map.cells.first().map_or(0, Vec::len);
    view! {
        <table class="chart-table">
            <caption class="visually-hidden">{title}</caption>
            <thead>
                <tr>
                    <th scope="col">"Likelihood \\ impact"</th>
                    {(1..=columns).map(|i| view! { <th scope="col" class="number-cell">{i}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>
                {map.cells.iter().enumerate().rev().map(|(row, counts)| view! {
                    <tr>
                        <th scope="row">{row + 1}</th>
                        {counts.iter().map(|c| view! { <td class="number-cell">{*c}</td> }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
