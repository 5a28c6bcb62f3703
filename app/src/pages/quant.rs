//! Quantitative risk: the FAIR-lite Monte Carlo over the risks that have
//! quantitative inputs, in Web Workers, for the baseline and the chosen
//! scenarios with the same random numbers; loss exceedance curves, ALE per
//! risk, a tornado of input sensitivity, and ALE / VaR / ROSI beside the
//! qualitative figures of each scenario.

use crate::charts::{self, Segment};
use crate::components::{Chart, FieldErrors, TextField};
use crate::simulation::{self, Running, Stopped};
use crate::state::AppState;
use crate::ui::format::{amount as money, group_digits, loss_difference};
use crate::ui::today;
use crate::ui::workbench::{read, read_analysed_untracked, read_untracked};
use engine::{
    compare, quant_portfolio, tornado, AnalysisOptions, QuantPortfolio, Sampler, ScenarioReport,
    SimulationSettings, TornadoGrouping,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeSet;

/// Where a run stands.
#[derive(Clone, PartialEq)]
enum Phase {
    Idle,
    Running { share: f64 },
    Done,
    Cancelled,
    Failed(String),
}

/// The figures of a finished run, with what produced them.
#[derive(Clone, PartialEq)]
struct Outcome {
    portfolio: QuantPortfolio,
    reports: Vec<ScenarioReport>,
    /// Qualitative figures per column: risks above appetite now and planned.
    above: Vec<(u32, u32)>,
    iterations: u64,
    seed: u64,
    workers: usize,
    seconds: f64,
    phases: simulation::Phases,
    /// 1 for the first run on this page, 2 for the next…
    run: u32,
}

/// The quantitative page (the app shows it once workspace `id` is open).
#[component]
pub fn QuantPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    // The workers start while the user reads the page, not when they click.
    simulation::prewarm(simulation::worker_count());
    let iterations = RwSignal::new("100000".to_owned());
    let seed = RwSignal::new("20240601".to_owned());
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    let phase = RwSignal::new(Phase::Idle);
    let outcome = RwSignal::new(None::<Outcome>);
    let running = StoredValue::new_local(None::<Running>);
    let errors = RwSignal::new(FieldErrors::default());
    let runs = RwSignal::new(0_u32);

    let scenarios = Memo::new(move |_| {
        read(state, |ws| {
            ws.scenarios
                .iter()
                .map(|s| (s.id.to_string(), s.name.clone()))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let quantified = Memo::new(move |_| {
        read(state, |ws| {
            ws.risks
                .iter()
                .filter(|r| r.quantitative.is_some() && r.status != engine::RiskStatus::Closed)
                .count()
        })
        .unwrap_or(0)
    });

    let start = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Ok(count) = iterations
            .get_untracked()
            .trim()
            .replace([' ', '_', ','], "")
            .parse::<u64>()
        else {
            errors.set(FieldErrors::one(
                "iterations",
                "Enter a whole number of simulated years.",
            ));
            return;
        };
        if !(1_000..=5_000_000).contains(&count) {
            errors.set(FieldErrors::one(
                "iterations",
                "Simulate between 1,000 and 5,000,000 years.",
            ));
            return;
        }
        let Ok(seed_value) = seed.get_untracked().trim().parse::<u64>() else {
            errors.set(FieldErrors::one(
                "seed",
                "The seed is a whole number (any, 0 included).",
            ));
            return;
        };
        errors.set(FieldErrors::default());
        let ids = chosen.get_untracked();
        let Some((portfolio, above)) = read_untracked(state, |ws| {
            let scenarios = ws
                .scenarios
                .iter()
                .filter(|s| ids.contains(s.id.as_str()))
                .collect::<Vec<_>>();
            let qualitative = compare(ws, &scenarios, &AnalysisOptions { today: today() });
            let above = qualitative
                .columns
                .iter()
                .map(|c| (c.current_above_appetite, c.planned_above_appetite))
                .collect::<Vec<_>>();
            (quant_portfolio(ws, &scenarios), above)
        }) else {
            return;
        };
        if portfolio.risks.is_empty() {
            phase.set(Phase::Failed(
                "No open risk has quantitative inputs yet: add them in the risk editor.".into(),
            ));
            return;
        }
        let settings = SimulationSettings {
            seed: seed_value,
            iterations: count,
            sampler: Sampler::Fast,
        };
        let workers = simulation::worker_count();
        runs.update(|n| *n += 1);
        let run = runs.get_untracked();
        phase.set(Phase::Running { share: 0.0 });
        let began = js_sys::Date::now();
        spawn_local(async move {
            let result = simulation::run(
                &portfolio,
                settings,
                workers,
                move |handle| running.set_value(Some(handle)),
                move |share| {
                    if matches!(phase.get_untracked(), Phase::Running { .. }) {
                        phase.set(Phase::Running { share });
                    }
                },
            )
            .await;
            running.set_value(None);
            match result {
                Ok(done) => {
                    outcome.set(Some(Outcome {
                        portfolio,
                        reports: done.reports,
                        phases: done.phases,
                        above,
                        iterations: count,
                        seed: seed_value,
                        workers,
                        seconds: (js_sys::Date::now() - began) / 1000.0,
                        run,
                    }));
                    phase.set(Phase::Done);
                }
                Err(Stopped::Cancelled) => phase.set(Phase::Cancelled),
                Err(Stopped::Failed(message)) => phase.set(Phase::Failed(message)),
            }
        });
    };
    let cancel = move |_| {
        running.with_value(|r| {
            if let Some(r) = r {
                r.cancel();
            }
        });
    };
    let is_running = move || matches!(phase.get(), Phase::Running { .. });
    view! {
        <h1>"Quantitative risk"</h1>
        <p class="lead">"A FAIR-lite Monte Carlo simulation of annual losses (threat event frequency × vulnerability × loss magnitude) over the risks with quantitative inputs, run in the background on every core of this computer. Nothing leaves the browser."</p>
        <p class="muted" data-testid="quantified-count">
            {move || format!("{} open {} quantitative inputs.", quantified.get(), if quantified.get() == 1 { "risk has" } else { "risks have" })}
        </p>
        <form class="card quant-settings" on:submit=start novalidate>
            <div class="form-grid">
                <TextField id="quant-iterations" label="Simulated years" value=iterations
                    testid="quant-iterations" inputmode="numeric" error=FieldErrors::of(errors, "iterations")/>
                <TextField id="quant-seed" label="Random seed" value=seed
                    testid="quant-seed" inputmode="numeric" error=FieldErrors::of(errors, "seed")/>
                <fieldset class="form-field wide">
                    <legend>"Scenarios to simulate beside the baseline (same random numbers)"</legend>
                    {move || {
                        let list = scenarios.get();
                        if list.is_empty() {
                            return view! { <p class="muted">"No scenarios: create some on the Scenarios page."</p> }.into_any();
                        }
                        list.into_iter().map(|(id, name)| {
                            let toggle_id = id.clone();
                            view! {
                                <label class="checkbox">
                                    <input type="checkbox" data-testid="quant-scenario"
                                        prop:checked=move || chosen.with(|c| c.contains(&id))
                                        on:change=move |e| {
                                            let on = event_target_checked(&e);
                                            chosen.update(|c| { if on { c.insert(toggle_id.clone()); } else { c.remove(&toggle_id); } });
                                        }/>
                                    {name}
                                </label>
                            }
                        }).collect_view().into_any()
                    }}
                </fieldset>
            </div>
            <div class="form-actions">
                <button type="submit" class="primary" data-testid="run-simulation" disabled=is_running>"Run simulation"</button>
                {move || is_running().then(|| view! {
                    <button type="button" data-testid="cancel-simulation" on:click=cancel>"Cancel"</button>
                })}
            </div>
            <div class="simulation-status" role="status" aria-live="polite" data-testid="simulation-status">
                {move || match phase.get() {
                    Phase::Idle => view! { <span></span> }.into_any(),
                    Phase::Running { share } => view! {
                        <progress max="100" value=format!("{:.0}", share * 100.0) aria-label="Simulation progress" data-testid="simulation-progress"></progress>
                        <span>{format!(" {:.0} % simulated…", share * 100.0)}</span>
                    }.into_any(),
                    Phase::Done => view! {
                        // Where the time went, for the browser benchmark.
                        <span data-testid="simulation-done" data-run=move || outcome.with(|o| o.as_ref().map(|o| o.run.to_string()))
                            data-computing=move || outcome.with(|o| o.as_ref().map(|o| format!("{:.3}", o.phases.computing)))
                            data-shards=move || outcome.with(|o| o.as_ref().map(|o| format!("{:.3}", o.phases.shards)))
                            data-finishing=move || outcome.with(|o| o.as_ref().map(|o| format!("{:.3}", o.phases.finishing)))>
                            {move || outcome.with(|o| o.as_ref().map(|o| format!(
                                "Simulated {} years of {} risks in {:.2} s with {} {} (seed {}).",
                                group_digits(o.iterations), o.portfolio.risks.len(), o.seconds, o.workers,
                                if o.workers == 1 { "worker" } else { "workers" }, o.seed
                            )))}
                        </span>
                    }.into_any(),
                    Phase::Cancelled => view! { <span data-testid="simulation-cancelled">"Cancelled: the previous results (if any) are still shown."</span> }.into_any(),
                    Phase::Failed(message) => view! { <span class="field-error" data-testid="simulation-failed">{message}</span> }.into_any(),
                }}
            </div>
        </form>
        {move || outcome.get().map(|o| view! { <Results outcome=o/> })}
    }
}

#[component]
fn Results(outcome: Outcome) -> impl IntoView {
    let currency = outcome.portfolio.currency.clone();
    let curves = outcome
        .reports
        .iter()
        .map(|r| (r.name.clone(), r.exceedance.clone()))
        .collect::<Vec<_>>();
    let lec = charts::exceedance_curves(&curves, &currency);

    // ALE per risk in the baseline, largest first (at most 15).
    let baseline = &outcome.reports[0];
    let mut by_risk = outcome
        .portfolio
        .risks
        .iter()
        .zip(&baseline.risks)
        .map(|(risk, loss)| {
            (
                risk.id.to_string(),
                risk.title.clone(),
                loss.expected_annual_loss,
                loss.standard_deviation,
            )
        })
        .collect::<Vec<_>>();
    engine::order::sort_by(&mut by_risk, |a, b| b.2.total_cmp(&a.2));
    let shown = by_risk.iter().take(15).collect::<Vec<_>>();
    let ale_rows = shown
        .iter()
        .map(|(id, title, ale, _)| {
            (
                format!("{id} {title}"),
                vec![Segment {
                    value: ale.round().clamp(0.0, f64::from(u32::MAX)) as u32,
                    colour: charts::SERIES[0].to_owned(),
                }],
            )
        })
        .collect::<Vec<_>>();
    let ale_chart = charts::stacked_bars(&ale_rows);

    // Input sensitivity of the baseline's exact ALE (10 widest bars).
    let sensitivity = tornado(
        &outcome.portfolio.scenarios[0].risks,
        TornadoGrouping::PerFactor,
    )
    .ok();
    let (tornado_svg, tornado_rows) = match &sensitivity {
        Some((base, bars)) => {
            let rows = bars
                .iter()
                .take(10)
                .map(|bar| {
                    let risk = &outcome.portfolio.risks[bar.risk];
                    let factor = bar.factor.map(|f| f.label()).unwrap_or("all inputs");
                    (
                        format!("{} {}", risk.id, factor),
                        bar.expected_loss_at_low,
                        bar.expected_loss_at_high,
                    )
                })
                .collect::<Vec<_>>();
            (charts::tornado(&rows, *base), rows)
        }
        None => (String::new(), Vec::new()),
    };

    let reports = outcome.reports.clone();
    let above = outcome.above.clone();
    // Today's point estimate, from the same inputs' most likely values.
    let point_estimate = read_analysed_untracked(expect_context::<AppState>(), |_, analysis| {
        analysis.expected_annual_loss
    })
    .flatten();
    view! {
        <section class="card" aria-labelledby="quant-summary-heading">
            <h2 id="quant-summary-heading">"Scenarios side by side"</h2>
            <div class="table-scroll">
                <table class="comparison-table" data-testid="quant-table">
                    <caption class="visually-hidden">{format!("Simulated annual losses in {currency}, with the qualitative figures")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Figure"</th>
                            {reports.iter().enumerate().map(|(i, r)| view! { <th scope="col" data-testid=format!("quant-name-{i}")>{r.name.clone()}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {quant_row("Expected annual loss (ALE)", "ale", &reports, |r| Some(r.expected_annual_loss))}
                        {quant_row("Standard deviation", "sd", &reports, |r| Some(r.standard_deviation))}
                        {quant_row("Median year (P50)", "p50", &reports, |r| Some(r.p50))}
                        {quant_row("1 year in 10 (P90)", "p90", &reports, |r| Some(r.p90))}
                        {quant_row("Value at risk 95 %", "var95", &reports, |r| Some(r.value_at_risk_95))}
                        {quant_row("Value at risk 99 %", "var99", &reports, |r| Some(r.value_at_risk_99))}
                        {quant_row("Tail value at risk 99 %", "tvar99", &reports, |r| Some(r.tail_value_at_risk_99))}
                        {quant_row("Treatment cost, first year", "cost", &reports, |r| (r.treatment_cost > 0).then_some(r.treatment_cost as f64))}
                        <tr>
                            <th scope="row">"ROSI"</th>
                            {reports.iter().enumerate().map(|(i, r)| view! {
                                <td class="number-cell" data-testid=format!("quant-rosi-{i}")
                                    data-value=r.return_on_investment.map(|x| x.rosi.to_string()).unwrap_or_default()>
                                    {r.return_on_investment.map(|x| format!("{:.0} %", x.rosi * 100.0)).unwrap_or_else(|| "\u{2014}".into())}
                                </td>
                            }).collect_view()}
                        </tr>
                        <tr>
                            <th scope="row">"Chance the treatment pays for itself in a year"</th>
                            {reports.iter().enumerate().map(|(i, r)| view! {
                                <td class="number-cell" data-testid=format!("quant-pays-{i}")>
                                    {r.return_on_investment.map(|x| format!("{:.0} %", x.probability_pays_off * 100.0)).unwrap_or_else(|| "\u{2014}".into())}
                                </td>
                            }).collect_view()}
                        </tr>
                        <tr>
                            <th scope="row">"Risks above appetite now / planned"</th>
                            {above.iter().enumerate().map(|(i, (now, planned))| view! {
                                <td class="number-cell" data-testid=format!("quant-above-{i}")>{format!("{now} / {planned}")}</td>
                            }).collect_view()}
                        </tr>
                    </tbody>
                </table>
            </div>
            {point_estimate.map(|point| view! {
                <p class="muted small" data-testid="loss-difference">
                    {loss_difference(&reports[0].name, point, reports[0].expected_annual_loss, &currency)}
                </p>
            })}
            <p class="muted small">{format!("Amounts in {currency}. ROSI = (ALE before − ALE after − cost) ÷ cost, against the baseline; the treatment cost counts the open actions whose controls the scenario implements and the actions it adds.")}</p>
        </section>
        <section class="card" aria-labelledby="lec-heading">
            <h2 id="lec-heading">"Loss exceedance curves"</h2>
            <Chart label="Loss exceedance curves of the simulated scenarios" svg=Signal::stored(lec) test_id="lec-chart">
                <table>
                    <caption class="visually-hidden">"Annual loss exceeded with a given probability"</caption>
                    <thead><tr><th scope="col">"Exceeded in"</th>{outcome.reports.iter().map(|r| view! { <th scope="col">{r.name.clone()}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {[0.5, 0.2, 0.1, 0.05, 0.01].into_iter().map(|p| view! {
                            <tr>
                                <th scope="row">{format!("{:.0} % of years", p * 100.0)}</th>
                                {outcome.reports.iter().map(|r| {
                                    let loss = r.exceedance.iter().find(|(_, e)| *e <= p + 1e-9).map(|(l, _)| *l).unwrap_or(f64::NAN);
                                    view! { <td class="number-cell">{money(loss)}</td> }
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </Chart>
        </section>
        <div class="dashboard-grid">
            <section class="card" aria-labelledby="ale-heading">
                <h2 id="ale-heading">"Expected annual loss per risk"</h2>
                <Chart label="Expected annual loss of the largest risks, baseline" svg=Signal::stored(ale_chart) test_id="ale-chart">
                    <table>
                        <caption class="visually-hidden">"Expected annual loss per risk, baseline"</caption>
                        <thead><tr><th scope="col">"Risk"</th><th scope="col">"ALE"</th><th scope="col">"Standard deviation"</th></tr></thead>
                        <tbody>
                            {by_risk.iter().map(|(id, title, ale, sd)| view! {
                                <tr data-testid="ale-row" data-risk=id.clone() data-value=ale.to_string()>
                                    <th scope="row">{format!("{id} {title}")}</th>
                                    <td class="number-cell">{money(*ale)}</td>
                                    <td class="number-cell">{money(*sd)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </Chart>
            </section>
            <section class="card" aria-labelledby="tornado-heading">
                <h2 id="tornado-heading">"What the estimates matter most"</h2>
                <p class="muted small">"Portfolio ALE (exact) with one input at its low (green) or high (red) estimate, the others at their means."</p>
                <Chart label="Tornado of input sensitivity" svg=Signal::stored(tornado_svg) test_id="tornado-chart">
                    <table>
                        <caption class="visually-hidden">"Portfolio ALE at the low and high estimate of each input"</caption>
                        <thead><tr><th scope="col">"Input"</th><th scope="col">"ALE at low"</th><th scope="col">"ALE at high"</th></tr></thead>
                        <tbody>
                            {tornado_rows.into_iter().map(|(label, low, high)| view! {
                                <tr><th scope="row">{label}</th><td class="number-cell">{money(low)}</td><td class="number-cell">{money(high)}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </Chart>
            </section>
        </div>
    }
}

fn quant_row(
    label: &'static str,
    key: &'static str,
    reports: &[ScenarioReport],
    value: fn(&ScenarioReport) -> Option<f64>,
) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">{label}</th>
            {reports.iter().enumerate().map(|(i, r)| {
                let v = value(r);
                view! {
                    <td class="number-cell" data-testid=format!("quant-{key}-{i}") data-value=v.map(|v| v.to_string()).unwrap_or_default()>
                        {v.map(money).unwrap_or_else(|| "\u{2014}".into())}
                    </td>
                }
            }).collect_view()}
        </tr>
    }
}
