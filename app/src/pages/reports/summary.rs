//! The one-page management summary: key figures, heat maps before and after
//! treatment, the level distribution and the most important findings.

use crate::charts::{heat_map, stacked_bars, Segment};
use crate::components::{readiness_figure, readiness_parts, Chart, HeatMapTable};
use crate::state::AppState;
use crate::ui::format::group_digits;
use crate::ui::workbench::read_analysed;
use engine::{HeatMap, Methodology, Severity};
use leptos::prelude::*;
use std::cmp::Reverse;

/// How many findings the summary lists.
const TOP_FINDINGS: usize = 5;

/// Everything the summary shows, worked out once per change.
#[derive(Debug, Clone, PartialEq)]
struct Summary {
    risks: usize,
    open_risks: usize,
    above_now: usize,
    above_planned: usize,
    controls: u32,
    applicable: u32,
    excluded: u32,
    undecided: u32,
    progress: f64,
    /// The certification readiness figure and its parts, as text.
    readiness: (String, String),
    open_actions: usize,
    overdue_actions: usize,
    open_one_off: u64,
    open_yearly: u64,
    currency: String,
    methodology: Methodology,
    inherent: HeatMap,
    current: HeatMap,
    /// Per level, lowest first: (name, colour, inherent, current, planned).
    levels: Vec<(String, String, u32, u32, u32)>,
    findings_total: usize,
    /// (severity word, message), the most severe first.
    findings: Vec<(&'static str, String)>,
}

fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Note",
    }
}

fn summarise(ws: &engine::Workspace, analysis: &engine::Analysis) -> Summary {
    let today = crate::ui::today();
    let methodology = ws.methodology.clone();
    let open = || analysis.risks.iter().filter(|r| !r.closed);
    let open_actions = ws.actions.iter().filter(|a| a.status.is_open());
    let overdue_actions = open_actions
        .clone()
        .filter(|a| matches!((a.due, today), (Some(due), Some(today)) if due < today))
        .count();
    let levels = methodology
        .levels()
        .iter()
        .enumerate()
        .map(|(i, level)| {
            let count = |d: &engine::LevelDistribution| d.counts.get(i).copied().unwrap_or(0);
            (
                level.name.clone(),
                level.colour.clone(),
                count(&analysis.distributions.inherent),
                count(&analysis.distributions.current),
                count(&analysis.distributions.planned),
            )
        })
        .collect();
    let mut findings: Vec<_> = analysis.findings.iter().collect();
    engine::order::sort_by_key(&mut findings, |f| Reverse(f.severity));
    Summary {
        risks: ws.risks.len(),
        open_risks: open().count(),
        above_now: open().filter(|r| r.current_above_appetite).count(),
        above_planned: open().filter(|r| r.planned_above_appetite).count(),
        controls: analysis.soa.controls,
        applicable: analysis.soa.applicable,
        excluded: analysis.soa.excluded,
        undecided: analysis.soa.undecided,
        progress: analysis.soa.implementation_progress * 100.0,
        readiness: {
            let r = engine::certification_readiness(ws, &analysis.soa);
            (readiness_figure(&r), readiness_parts(&r))
        },
        open_actions: open_actions.count(),
        overdue_actions,
        open_one_off: analysis.cost.one_off,
        open_yearly: analysis.cost.yearly,
        currency: methodology.currency().to_owned(),
        inherent: analysis.heat_maps.inherent.clone(),
        current: analysis.heat_maps.current.clone(),
        levels,
        findings_total: analysis.findings.len(),
        findings: findings
            .into_iter()
            .take(TOP_FINDINGS)
            .map(|f| (severity_word(f.severity), f.message.clone()))
            .collect(),
        methodology,
    }
}

#[component]
pub fn SummaryReport() -> impl IntoView {
    let state = expect_context::<AppState>();
    let summary = Memo::new(move |_| read_analysed(state, summarise));
    move || {
        summary.get().map(|s| {
            let inherent_svg = heat_map(&s.methodology, &s.inherent, None);
            let current_svg = heat_map(&s.methodology, &s.current, None);
            let rows = [("Inherent", 2usize), ("Current", 3), ("Planned", 4)]
                .into_iter()
                .map(|(label, column)| {
                    let segments = s
                        .levels
                        .iter()
                        .map(|level| Segment {
                            value: match column {
                                2 => level.2,
                                3 => level.3,
                                _ => level.4,
                            },
                            colour: level.1.clone(),
                        })
                        .collect();
                    (label.to_owned(), segments)
                })
                .collect::<Vec<_>>();
            let bars = stacked_bars(&rows);
            let currency = s.currency.clone();
            let level_rows = s.levels.clone();
            view! {
                <section class="summary-figures" aria-labelledby="summary-figures-heading">
                    <h2 id="summary-figures-heading">"Key figures"</h2>
                    <dl class="key-figures" data-testid="summary-figures">
                        <Figure label="risks in the register" value=s.risks.to_string() note=format!("{} open", s.open_risks) test="risks"/>
                        <Figure label="above appetite now" value=s.above_now.to_string() note="open risks".to_owned() test="above-now"/>
                        <Figure label="above appetite once treated" value=s.above_planned.to_string() note="after the planned actions".to_owned() test="above-planned"/>
                        <Figure label="controls applicable" value=s.applicable.to_string() note=format!("of {} controls", s.controls) test="applicable"/>
                        <Figure label="controls excluded" value=s.excluded.to_string() note=format!("{} still undecided", s.undecided) test="excluded"/>
                        <Figure label="implementation progress" value=format!("{:.0} %", s.progress) note="applicable controls".to_owned() test="progress"/>
                        <Figure label="certification readiness" value=s.readiness.0.clone() note=s.readiness.1.clone() test="readiness"/>
                        <Figure label="open actions" value=s.open_actions.to_string() note="treatment plan".to_owned() test="open-actions"/>
                        <Figure label="overdue actions" value=s.overdue_actions.to_string() note="past their due date".to_owned() test="overdue-actions"/>
                        <Figure
                            label="open cost"
                            value=format!("{} {}", group_digits(s.open_one_off), currency)
                            note=format!("one-off, plus {} {currency} a year", group_digits(s.open_yearly))
                            test="open-cost"
                        />
                    </dl>
                </section>
                <section class="summary-charts" aria-labelledby="summary-heat-heading">
                    <h2 id="summary-heat-heading" class="visually-hidden">"Heat maps"</h2>
                    <div class="heat-pair">
                        <Chart label="Inherent risk heat map" svg=inherent_svg caption="Inherent risk: before any control".to_owned() test_id="summary-heat-inherent">
                            <HeatMapTable title="Inherent risks per cell" map=s.inherent.clone()/>
                        </Chart>
                        <Chart label="Current residual risk heat map" svg=current_svg caption="Current residual risk: with the controls as they are today".to_owned() test_id="summary-heat-current">
                            <HeatMapTable title="Current residual risks per cell" map=s.current.clone()/>
                        </Chart>
                    </div>
                    <Chart label="Open risks per level: inherent, current and planned" svg=bars caption="Open risks per level, before treatment, today and once the plan is done".to_owned() test_id="summary-levels">
                        <table class="chart-table">
                            <caption class="visually-hidden">"Open risks per level"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Level"</th>
                                    <th scope="col" class="number-cell">"Inherent"</th>
                                    <th scope="col" class="number-cell">"Current"</th>
                                    <th scope="col" class="number-cell">"Planned"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {level_rows.iter().map(|(name, _, inherent, current, planned)| view! {
                                    <tr>
                                        <th scope="row">{name.clone()}</th>
                                        <td class="number-cell">{*inherent}</td>
                                        <td class="number-cell">{*current}</td>
                                        <td class="number-cell">{*planned}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </Chart>
                    <ul class="level-legend" aria-label="Level colours">
                        {s.levels.iter().map(|(name, colour, ..)| view! {
                            <li><span class="legend-swatch" style:background-color=colour.clone()></span>{name.clone()}</li>
                        }).collect_view()}
                    </ul>
                </section>
                <section class="summary-findings" aria-labelledby="summary-findings-heading">
                    <h2 id="summary-findings-heading">
                        {format!("Consistency checks: top problems ({} of {})", s.findings.len(), s.findings_total)}
                    </h2>
                    {if s.findings.is_empty() {
                        view! { <p>"No findings: the registers are consistent."</p> }.into_any()
                    } else {
                        view! {
                            <ol class="summary-finding-list" data-testid="summary-findings">
                                {s.findings.iter().map(|(severity, message)| view! {
                                    <li><strong>{format!("{severity}: ")}</strong>{message.clone()}</li>
                                }).collect_view()}
                            </ol>
                        }
                        .into_any()
                    }}
                </section>
            }
        })
    }
}

/// One key figure: the number large, what it counts, a note under it.
#[component]
fn Figure(label: &'static str, value: String, note: String, test: &'static str) -> impl IntoView {
    view! {
        <div class="key-figure" data-testid=format!("figure-{test}")>
            <dt>{label}</dt>
            <dd class="number">{value}</dd>
            <dd class="note">{note}</dd>
        </div>
    }
}
