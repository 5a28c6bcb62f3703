//! Scenarios compared with today side by side, and the optimiser's proposals.

use super::editor::*;
use crate::charts;
use crate::components::{
    readiness_figure, readiness_parts, Chart, FieldErrors, HeatMapTable, LevelBadge, TextField,
};
use crate::routes::Route;
use crate::simulation::{self, Stopped};
use crate::state::AppState;
use crate::ui::format::{amount, group_digits, loss_difference};
use crate::ui::today;
use crate::ui::workbench::{parse_money, read, read_untracked};
use engine::{
    best_within_budget, candidates_from_actions, cheapest_within_appetite, compare,
    quant_portfolio, AnalysisOptions, Change, OptimiserResult, Sampler, ScenarioReport,
    SimulationSettings, Workspace,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeSet;

/// The baseline and the ticked scenarios side by side.
#[component]
pub(super) fn ComparisonView(compared: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    simulation::prewarm(simulation::worker_count());
    let comparison = Memo::new(move |_| {
        let ids = compared.get();
        read(state, |ws| {
            let scenarios = ws
                .scenarios
                .iter()
                .filter(|s| ids.contains(s.id.as_str()))
                .collect::<Vec<_>>();
            let comparison = compare(ws, &scenarios, &AnalysisOptions { today: today() });
            // Each column's changed risks as (id, title, from level, to level).
            let changed = comparison
                .columns
                .iter()
                .map(|column| {
                    column
                        .changed_risks
                        .iter()
                        .map(|(id, from, to)| {
                            let title = ws.risk(id).map(|r| r.title.clone()).unwrap_or_default();
                            let name = |l: &engine::RiskLevel| {
                                ws.methodology
                                    .levels()
                                    .get(l.index())
                                    .map(|l| l.name.clone())
                                    .unwrap_or_default()
                            };
                            (id.to_string(), title, name(from), name(to))
                        })
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>();
            (comparison, ws.methodology.clone(), changed)
        })
    });
    let methodology = Signal::derive(move || {
        comparison
            .with(|c| c.as_ref().map(|(_, m, _)| m.clone()))
            .unwrap_or_default()
    });
    let currency = move || methodology.with(|m| m.currency().to_owned());

    // Simulated losses of the same columns, on request (Monte Carlo in Web
    // Workers); dropped as soon as the ticked scenarios change.
    let simulated = RwSignal::new(None::<Vec<ScenarioReport>>);
    let simulating = RwSignal::new(None::<f64>);
    let simulation_error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        compared.track();
        simulated.set(None);
        simulation_error.set(None);
    });
    let simulate = move |_| {
        let ids = compared.get_untracked();
        let Some(portfolio) = read_untracked(state, |ws| {
            let scenarios = ws
                .scenarios
                .iter()
                .filter(|s| ids.contains(s.id.as_str()))
                .collect::<Vec<_>>();
            quant_portfolio(ws, &scenarios)
        }) else {
            return;
        };
        if portfolio.risks.is_empty() {
            simulation_error.set(Some(
                "No open risk has quantitative inputs: add them in the risk editor.".into(),
            ));
            return;
        }
        let settings = SimulationSettings {
            seed: COMPARISON_SEED,
            iterations: COMPARISON_YEARS,
            sampler: Sampler::Fast,
        };
        simulating.set(Some(0.0));
        simulation_error.set(None);
        spawn_local(async move {
            let result = simulation::run(
                &portfolio,
                settings,
                simulation::worker_count(),
                |_| {},
                move |share| simulating.set(Some(share)),
            )
            .await;
            simulating.set(None);
            match result {
                Ok(done) if compared.get_untracked() == ids => simulated.set(Some(done.reports)),
                Ok(_) => {}
                Err(Stopped::Failed(message)) => simulation_error.set(Some(message)),
                Err(Stopped::Cancelled) => {}
            }
        });
    };
    let simulated_row =
        move |label: &'static str,
              key: &'static str,
              value: fn(&ScenarioReport) -> Option<String>| {
            move || {
                simulated.with(|reports| {
                    reports.as_ref().map(|reports| {
                    view! {
                        <tr class="simulated-row">
                            <th scope="row">{label}</th>
                            {reports.iter().enumerate().map(|(index, report)| view! {
                                <td class="number-cell" data-testid=format!("cmp-{key}-{index}")>
                                    {value(report).unwrap_or_else(|| "\u{2014}".into())}
                                </td>
                            }).collect_view()}
                        </tr>
                    }
                })
                })
            }
        };
    // A row of figures; with `delta`, each scenario's cell also says how it
    // differs from today (scenario minus today) and is marked when it does.
    let row = move |label: &'static str,
                    key: &'static str,
                    value: fn(&engine::ScenarioSummary) -> String,
                    delta: Option<fn(&engine::ScenarioSummary) -> f64>| {
        move || {
            comparison.with(|c| {
                c.as_ref().map(|(comparison, _, _)| {
                    let base = comparison.columns.first();
                    view! {
                        <tr>
                            <th scope="row">{label}</th>
                            {comparison.columns.iter().enumerate().map(|(index, column)| {
                                let difference = delta
                                    .zip(base)
                                    .filter(|_| index > 0)
                                    .map(|(d, base)| d(column) - d(base))
                                    .filter(|d| d.abs() > 1e-9);
                                view! {
                                    <td class="number-cell" class:changed=difference.is_some()>
                                        <span data-testid=format!("cmp-{key}-{index}")>{value(column)}</span>
                                        {difference.map(|d| view! {
                                            " "<span class="cmp-delta" data-testid=format!("cmp-{key}-{index}-delta")>{signed(d)}</span>
                                        })}
                                    </td>
                                }
                            }).collect_view()}
                        </tr>
                    }
                })
            })
        }
    };
    view! {
            <section class="card comparison" aria-labelledby="comparison-heading" data-testid="comparison">
                <h2 id="comparison-heading">"Side by side"</h2>
                <p class="muted small">"Today's workspace (the baseline) beside every ticked scenario. Tick scenarios in the list above."</p>
                <div class="table-scroll">
                    <table class="comparison-table">
                        <caption class="visually-hidden">"Scenario comparison"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Figure"</th>
                                {move || comparison.with(|c| c.as_ref().map(|(c, _, _)| c.columns.iter().enumerate().map(|(index, column)| view! {
                                    <th scope="col" data-testid=format!("cmp-name-{index}")>{column.name.clone()}</th>
                                }).collect_view()))}
                            </tr>
                        </thead>
                        <tbody>
                            {row("Risks above appetite now", "above-current", |c| c.current_above_appetite.to_string(), Some(|c| f64::from(c.current_above_appetite)))}
                            {row("Above appetite once the plan is done", "above-planned", |c| c.planned_above_appetite.to_string(), Some(|c| f64::from(c.planned_above_appetite)))}
                            {row("Risks whose current level changes", "changed", |c| c.risks_changed.to_string(), None)}
                            {move || comparison.with(|c| c.as_ref().map(|(comparison, m, _)| {
                                (0..m.levels().len()).filter_map(|i| m.risk_level(i)).map(|level| view! {
                                    <tr>
                                        <th scope="row">"Current: " <LevelBadge methodology=methodology level=level/></th>
                                        {comparison.columns.iter().enumerate().map(|(index, column)| {
                                            let count = |c: &engine::ScenarioSummary| c.distributions.current.counts.get(level.index()).copied().unwrap_or(0);
                                            let difference = (index > 0).then(|| i64::from(count(column)) - i64::from(count(&comparison.columns[0]))).filter(|d| *d != 0);
                                            view! {
                                                <td class="number-cell" class:changed=difference.is_some()>
                                                    <span data-testid=format!("cmp-level{}-{index}", level.index())>{count(column)}</span>
                                                    {difference.map(|d| view! { " "<span class="cmp-delta">{signed(d as f64)}</span> })}
                                                </td>
                                            }
                                        }).collect_view()}
                                    </tr>
                                }).collect_view()
                            }))}
                            {row("Applicable controls", "applicable", |c| c.soa_applicable.to_string(), Some(|c| f64::from(c.soa_applicable)))}
                            {row("Implementation progress", "progress", |c| format!("{:.1} %", c.implementation_progress * 100.0), Some(|c| (c.implementation_progress * 1000.0).round() / 10.0))}
                            {row("Certification readiness", "readiness", |c| readiness_figure(&c.certification), Some(|c| c.certification.figure.map_or(0.0, f64::round)))}
                            {move || comparison.with(|c| c.as_ref().map(|(comparison, _, _)| view! {
                                <tr class="parts-row">
                                    <th scope="row" class="small">"its parts"</th>
                                    {comparison.columns.iter().enumerate().map(|(index, column)| view! {
                                        <td class="small" data-testid=format!("cmp-readiness-parts-{index}")>{readiness_parts(&column.certification)}</td>
                                    }).collect_view()}
                                </tr>
                            }))}
                            {row("Open actions, one-off cost", "one-off", |c| group_digits(c.cost.one_off), Some(|c| c.cost.one_off as f64))}
                            {row("Open actions, yearly cost", "yearly", |c| group_digits(c.cost.yearly), Some(|c| c.cost.yearly as f64))}
                            {move || comparison.with(|c| c.as_ref().map(|(comparison, _, _)| {
                                let base = comparison.columns[0].cost;
                                view! {
                                    <tr>
                                        <th scope="row">"The scenario's own cost (one-off / yearly)"</th>
                                        {comparison.columns.iter().enumerate().map(|(index, column)| view! {
                                            <td class="number-cell" data-testid=format!("cmp-own-cost-{index}")>
                                                {if index == 0 {
                                                    "\u{2014}".to_owned()
                                                } else {
                                                    format!(
                                                        "{} / {}",
                                                        group_digits(column.cost.one_off.saturating_sub(base.one_off)),
                                                        group_digits(column.cost.yearly.saturating_sub(base.yearly))
                                                    )
                                                }}
                                            </td>
                                        }).collect_view()}
                                    </tr>
                                }
                            }))}
                            {row("Expected annual loss (point estimate)", "ale", |c| c.expected_annual_loss.map(amount).unwrap_or_else(|| "\u{2014}".into()), Some(|c| c.expected_annual_loss.unwrap_or(0.0).round()))}
                            {simulated_row("Simulated ALE", "sim-ale", |r| Some(amount(r.expected_annual_loss)))}
                            {simulated_row("Simulated value at risk 95 %", "sim-var95", |r| Some(amount(r.value_at_risk_95)))}
                            {simulated_row("ROSI against the baseline", "sim-rosi", |r| r.return_on_investment.map(|x| format!("{:.0} %", x.rosi * 100.0)))}
                        </tbody>
                    </table>
                </div>
                <p class="muted small">{move || format!("Costs and losses in {}. A marked cell differs from today; the figure beside it is the scenario minus today.", currency())}</p>
                {move || comparison.with(|c| c.as_ref().map(|(comparison, _, changed)| {
                    let workspace = state.open_id.get_untracked().unwrap_or_default();
                    comparison.columns.iter().zip(changed).skip(1).map(|(column, risks)| {
                        let heading = format!("Risks whose current level changes in \u{201c}{}\u{201d}: {}", column.name, risks.len());
                        view! {
                            <details class="changed-risks" data-testid="changed-risks" open=risks.len() <= 12>
                                <summary>{heading}</summary>
                                {if risks.is_empty() {
                                    view! { <p class="muted small">"No risk changes level."</p> }.into_any()
                                } else {
                                    view! {
                                        <ul>
                                            {risks.iter().map(|(id, title, from, to)| {
                                                let href = Route::Risk(workspace.clone(), id.clone()).href();
                                                view! {
                                                    <li data-testid="changed-risk"><a href=href>{format!("{id} {title}")}</a>{format!(": {from} \u{2192} {to}")}</li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            </details>
                        }
                    }).collect_view()
                }))}
                {move || {
                    let point = comparison.with(|c| {
                        c.as_ref()
                            .and_then(|(c, _, _)| c.columns.first())
                            .and_then(|today| today.expected_annual_loss)
                    })?;
                    let simulated = simulated.with(|s| {
                        s.as_ref().and_then(|s| s.first()).map(|today| today.expected_annual_loss)
                    })?;
                    Some(view! {
                        <p class="muted small" data-testid="loss-difference">
                            {loss_difference("Baseline", point, simulated, &currency())}
                        </p>
                    })
                }}
                <div class="simulate-comparison">
                    <button type="button" data-testid="simulate-comparison" disabled=move || simulating.get().is_some() on:click=simulate>
                        {format!("Add simulated losses ({} years, seed {})", group_digits(COMPARISON_YEARS), COMPARISON_SEED)}
                    </button>
                    <span role="status" aria-live="polite" data-testid="simulate-comparison-status">
                        {move || simulating.get().map(|share| format!("Simulating… {:.0} %", share * 100.0))}
                        {move || simulation_error.get()}
                        {move || simulated.with(|s| s.is_some()).then_some("Simulated rows added; the Quantitative page shows the curves and more figures.")}
                    </span>
                </div>
                <h3>"Current residual heat maps"</h3>
                <div class="heat-maps">
                    {move || comparison.with(|c| c.as_ref().map(|(comparison, m, _)| comparison.columns.iter().map(|column| {
                        let svg = charts::heat_map(m, &column.heat_maps.current, None);
                        let map = column.heat_maps.current.clone();
                        let name = column.name.clone();
                        view! {
                            <div class="heat-map-panel" data-testid="comparison-heat-map">
                                <h4>{name.clone()}</h4>
                                <Chart label=format!("Current residual heat map of {name}") svg=Signal::stored(svg)>
    <HeatMapTable title=format!("Risks per likelihood and impact in {name}") map=map/>
                                </Chart>
                            </div>
                        }
                    }).collect_view()))}
                </div>
            </section>
        }
}

/// A difference with its sign, "+3", "\u{2212}1.5" (a true minus sign).
fn signed(difference: f64) -> String {
    let magnitude = if difference.fract().abs() < 1e-9 {
        group_digits(difference.abs().round() as u64)
    } else {
        format!("{:.1}", difference.abs())
    };
    format!(
        "{}{magnitude}",
        if difference < 0.0 { "\u{2212}" } else { "+" }
    )
}

/// Length and seed of the simulation added to a comparison: the same as
/// the Quantitative page's defaults, so the figures can be found again there.
pub(super) const COMPARISON_YEARS: u64 = 50_000;
pub(super) const COMPARISON_SEED: u64 = 20_240_601;

/// What the optimiser was asked.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Goal {
    Appetite,
    Budget(u64),
}

/// The engine's optimiser over the open treatment actions.
#[component]
pub(super) fn Optimiser(compared: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let budget = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::default());
    let answer = RwSignal::new(None::<(Goal, OptimiserResult, Vec<(String, String, u64)>)>);
    let run = move |goal: Goal| {
        let result = read_untracked(state, |ws| {
            let candidates = candidates_from_actions(ws);
            let result = match goal {
                Goal::Appetite => cheapest_within_appetite(ws, &candidates),
                Goal::Budget(limit) => best_within_budget(ws, &candidates, limit),
            };
            let chosen = result
                .chosen
                .iter()
                .filter_map(|id| candidates.iter().find(|c| &c.id == id))
                .map(|c| (c.id.clone(), c.title.clone(), c.cost))
                .collect::<Vec<_>>();
            (result, chosen)
        });
        if let Some((result, chosen)) = result {
            answer.set(Some((goal, result, chosen)));
        }
    };
    let run_budget = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match parse_money(&budget.get_untracked()) {
            Ok(limit) => {
                errors.set(FieldErrors::default());
                run(Goal::Budget(limit));
            }
            Err(message) => errors.set(FieldErrors::one("budget", message)),
        }
    };
    let save = move |_| {
        let Some((goal, result, _)) = answer.get_untracked() else {
            return;
        };
        let changes = read_untracked(state, |ws| {
            let candidates = candidates_from_actions(ws);
            let mut changes: Vec<Change> = Vec::new();
            for id in &result.chosen {
                if let Some(c) = candidates.iter().find(|c| &c.id == id) {
                    for change in &c.changes {
                        if !changes.contains(change) {
                            changes.push(change.clone());
                        }
                    }
                }
            }
            changes
        })
        .unwrap_or_default();
        let name = match goal {
            Goal::Appetite => "Optimiser: cheapest way to appetite".to_owned(),
            Goal::Budget(limit) => format!("Optimiser: best within {}", group_digits(limit)),
        };
        let name = read_untracked(state, |ws| unique_name(ws, &name)).unwrap_or(name);
        let id = add_scenario(state, name.clone(), changes);
        compared.update(|c| {
            c.insert(id);
        });
        state.notice.set(Some(format!(
            "Scenario \u{201c}{name}\u{201d} saved; it is ticked for comparison."
        )));
    };
    let currency =
        move || read(state, |ws| ws.methodology.currency().to_owned()).unwrap_or_default();
    view! {
        <section class="card" aria-labelledby="optimiser-heading" data-testid="optimiser">
            <h2 id="optimiser-heading">"Optimiser"</h2>
            <p class="muted small">"Chooses among the open treatment actions (each one's controls become implemented; its cost is one-off plus a year of running cost)."</p>
            <div class="optimiser-controls">
                <button type="button" class="primary" data-testid="optimise-appetite" on:click=move |_| run(Goal::Appetite)>
                    "Cheapest set that brings every risk within appetite"
                </button>
                <form class="inline-form" on:submit=run_budget novalidate>
                    <TextField id="optimiser-budget" label=move || format!("Budget ({})", currency())
                        value=budget testid="optimiser-budget" inputmode="numeric"
                        error=FieldErrors::of(errors, "budget")/>
                    <button type="submit" data-testid="optimise-budget">"Largest reduction within the budget"</button>
                </form>
            </div>
            {move || answer.get().map(|(goal, result, chosen)| view! {
                <div class="optimiser-answer" data-testid="optimiser-answer" role="status">
                    <p data-testid="optimiser-summary">
                        {format!(
                            "{} {} chosen, first-year cost {} {}; risks above appetite {} \u{2192} {}.",
                            chosen.len(),
                            if chosen.len() == 1 { "action" } else { "actions" },
                            group_digits(result.cost),
                            currency(),
                            result.above_appetite_before,
                            result.above_appetite_after,
                        )}
                        {match goal {
                            Goal::Appetite if !result.reached => format!(" Even all open actions leave {} risks above appetite.", result.unreachable_risks.len()),
                            _ => String::new(),
                        }}
                        {(!result.exact).then_some(" (Found by the greedy search: many candidates.)")}
                    </p>
                    <ul>
                        {chosen.into_iter().map(|(id, title, cost)| view! {
                            <li data-testid="optimiser-choice">{format!("{id} {title} ({})", group_digits(cost))}</li>
                        }).collect_view()}
                    </ul>
                    <button type="button" data-testid="optimiser-save" on:click=save>"Save as a scenario"</button>
                </div>
            })}
        </section>
    }
}

/// `name`, or `name (2)`, `name (3)`… whichever no scenario has yet.
pub(super) fn unique_name(ws: &Workspace, name: &str) -> String {
    let taken = |n: &str| ws.scenarios.iter().any(|s| s.name == n);
    if !taken(name) {
        return name.to_owned();
    }
    (2..)
        .map(|i| format!("{name} ({i})"))
        .find(|n| !taken(n))
        .expect("some number is free")
}
