//! The dashboard part of a workspace's home page: heat maps before and after treatment (click a cell for its
//! risks), level distribution, SoA progress by theme and attribute,
//! treatment progress with the overdue actions, and the top findings. Every
//! chart is drawn by plotters (crate::charts) and has its figures as a table;
//! all of it follows the workspace as it changes.

use crate::charts::{self, Segment};
use crate::components::{
    readiness_figure, readiness_memo, readiness_parts, Chart, LevelBadge, PdcaPanel, ReadinessLine,
};
use crate::routes::object_href;
use crate::routes::Route;
use crate::state::AppState;
use crate::ui::today;
use crate::ui::workbench::read_analysed;
use crate::ui::workbench::{action_status, title_case, ACTION_STATUSES};
use engine::{ActionStatus, GroupProgress, HeatMap, Methodology, Rating, RiskLevel, Severity};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Before treatment, now, and once the open actions are done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Inherent,
    Current,
    Planned,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::Inherent, Stage::Current, Stage::Planned];

    pub fn title(self) -> &'static str {
        match self {
            Stage::Inherent => "Inherent",
            Stage::Current => "Current residual",
            Stage::Planned => "Planned residual",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Stage::Inherent => "inherent",
            Stage::Current => "current",
            Stage::Planned => "planned",
        }
    }
}

/// One risk as the heat-map cell lists need it.
#[derive(Debug, Clone, PartialEq)]
struct RiskPoint {
    id: String,
    title: String,
    ratings: [Rating; 3],
}

/// What the dashboard shows, worked out once per change of the workspace.
#[derive(Debug, Clone, PartialEq)]
struct Figures {
    methodology: Methodology,
    heat_maps: [HeatMap; 3],
    distributions: [Vec<u32>; 3],
    above: [u32; 3],
    open_risks: usize,
    /// Closed risks, left out of every figure here.
    closed_risks: usize,
    risks: Vec<RiskPoint>,
    themes: Vec<GroupProgress>,
    control_types: Vec<GroupProgress>,
    properties: Vec<GroupProgress>,
    concepts: Vec<GroupProgress>,
    implementation: f64,
    applicable: u32,
    excluded: u32,
    undecided: u32,
    actions_by_status: Vec<(ActionStatus, u32)>,
    overdue: Vec<(String, String, String)>,
    findings: Vec<(Severity, String, Option<String>)>,
    findings_total: usize,
    assets: usize,
}

fn figures(state: AppState) -> Option<Figures> {
    let today = today();
    read_analysed(state, |ws, analysis| {
        let maps = &analysis.heat_maps;
        let dist = &analysis.distributions;
        let risks = ws
            .risks
            .iter()
            .zip(&analysis.risks)
            .filter(|(_, a)| !a.closed)
            .map(|(r, a)| RiskPoint {
                id: r.id.to_string(),
                title: r.title.clone(),
                ratings: [a.inherent, a.current.rating, a.planned.rating],
            })
            .collect::<Vec<_>>();
        let mut overdue = ws
            .actions
            .iter()
            .filter(|a| a.status.is_open() && matches!((today, a.due), (Some(t), Some(d)) if d < t))
            .map(|a| {
                (
                    a.id.to_string(),
                    a.title.clone(),
                    a.due.map(|d| d.to_string()).unwrap_or_default(),
                )
            })
            .collect::<Vec<_>>();
        engine::order::sort_by(&mut overdue, |a, b| a.2.cmp(&b.2));
        let mut findings = analysis.findings.clone();
        engine::order::sort_by_key(&mut findings, |f| match f.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        });
        let workspace = ws.id.as_str();
        Figures {
            methodology: ws.methodology.clone(),
            heat_maps: [
                maps.inherent.clone(),
                maps.current.clone(),
                maps.planned.clone(),
            ],
            distributions: [
                dist.inherent.counts.clone(),
                dist.current.counts.clone(),
                dist.planned.counts.clone(),
            ],
            above: [
                dist.inherent.above_appetite,
                dist.current.above_appetite,
                dist.planned.above_appetite,
            ],
            open_risks: risks.len(),
            closed_risks: ws.risks.len() - risks.len(),
            risks,
            themes: analysis.soa.by_theme.clone(),
            control_types: analysis.soa.by_control_type.clone(),
            properties: analysis.soa.by_property.clone(),
            concepts: analysis.soa.by_concept.clone(),
            implementation: analysis.soa.implementation_progress * 100.0,
            applicable: analysis.soa.applicable,
            excluded: analysis.soa.excluded,
            undecided: analysis.soa.undecided,
            actions_by_status: ACTION_STATUSES
                .into_iter()
                .map(|s| {
                    (
                        s,
                        ws.actions.iter().filter(|a| a.status == s).count() as u32,
                    )
                })
                .collect(),
            overdue,
            findings_total: findings.len(),
            assets: ws.assets.len(),
            findings: findings
                .into_iter()
                .take(5)
                .map(|f| {
                    let href = object_href(workspace, f.object.kind, &f.object.id);
                    (f.severity, f.message, href)
                })
                .collect(),
        }
    })
}

#[component]
pub(super) fn Dashboard() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = Memo::new(move |_| figures(state));
    let methodology = Memo::new(move |_| {
        data.with(|d| d.as_ref().map(|d| d.methodology.clone()))
            .unwrap_or_default()
    });
    let selected = RwSignal::new(None::<(Stage, u8, u8)>);
    let workspace_id = move || state.open_id.get().unwrap_or_default();
    let figure = move |pick: fn(&Figures) -> String| move || data.with(|d| d.as_ref().map(pick));
    let readiness = readiness_memo(state);
    view! {
        <h2 class="visually-hidden">"Figures"</h2>
        <div class="glance" data-testid="dashboard-figures">
            <div class="figure"><span class="number" data-testid="count-assets">{figure(|d| d.assets.to_string())}</span>" assets"</div>
            <div class="figure">
                <span class="number" data-testid="open-risks">{figure(|d| d.open_risks.to_string())}</span>" open risks"
                <span class="figure-note">
                    "of "<span data-testid="count-risks">{figure(|d| (d.open_risks + d.closed_risks).to_string())}</span>" in the register; "
                    <span data-testid="closed-risks">{figure(|d| format!("{} closed left out", d.closed_risks))}</span>
                    " of every figure below"
                </span>
            </div>
            <div class="figure"><span class="number" data-testid="above-current">{figure(|d| d.above[1].to_string())}</span>" above appetite now"</div>
            <div class="figure"><span class="number" data-testid="above-planned">{figure(|d| d.above[2].to_string())}</span>" above appetite once the plan is done"</div>
            <div class="figure"><span class="number" data-testid="implementation">{figure(|d| format!("{:.0} %", d.implementation))}</span>" controls implemented (weighted)"</div>
            <div class="figure">
                <span class="number" data-testid="home-readiness">{move || readiness.with(|r| r.as_ref().map(readiness_figure))}</span>" certification readiness"
                <span class="figure-note">{move || readiness.with(|r| r.as_ref().map(readiness_parts))}</span>
            </div>
            <div class="figure"><span class="number">{figure(|d| d.overdue.len().to_string())}</span>" overdue actions"</div>
        </div>

        <section class="card" aria-labelledby="heat-heading">
            <h2 id="heat-heading">"Heat maps"</h2>
            <p class="muted small">"Number of open risks per likelihood and impact. Select a cell, in a chart or in its table, to list its risks."</p>
            <div class="heat-maps">
                {Stage::ALL.into_iter().map(|stage| view! {
                    <HeatMapChart stage=stage data=data methodology=methodology selected=selected/>
                }).collect_view()}
            </div>
            <CellRisks data=data selected=selected workspace_id=Signal::derive(workspace_id)/>
        </section>

        <section class="card" aria-labelledby="levels-heading">
            <h2 id="levels-heading">"Level distribution"</h2>
            <LevelDistribution data=data methodology=methodology/>
        </section>

        <div class="dashboard-grid">
            <section class="card" aria-labelledby="soa-progress-heading">
                <h2 id="soa-progress-heading">"SoA implementation"</h2>
                <p class="muted small">
                    {move || data.with(|d| d.as_ref().map(|d| format!(
                        "{} applicable, {} excluded, {} undecided.",
                        d.applicable, d.excluded, d.undecided
                    )))}
                </p>
                <ReadinessLine workspace_id=Signal::derive(workspace_id)/>
                <SoaProgress data=data/>
            </section>
            <section class="card" aria-labelledby="treatment-heading">
                <h2 id="treatment-heading">"Treatment progress"</h2>
                <TreatmentProgress data=data workspace_id=Signal::derive(workspace_id)/>
            </section>
        </div>

        <PdcaPanel/>
        <section class="card" aria-labelledby="top-findings-heading">
            <h2 id="top-findings-heading">"Consistency checks"</h2>
            {move || data.with(|d| d.as_ref().map(|d| {
                if d.findings.is_empty() {
                    return view! { <p data-testid="top-findings">"No problems found: the registers are consistent."</p> }.into_any();
                }
                let more = d.findings_total - d.findings.len();
                view! {
                    <ul class="finding-list" data-testid="top-findings">
                        {d.findings.iter().cloned().map(|(severity, message, href)| view! {
                            <li class=format!("top-finding finding-{}", severity_key(severity))>
                                <span class="severity">{severity_label(severity)}</span>" "
                                {match href {
                                    Some(href) => view! { <a href=href>{message}</a> }.into_any(),
                                    None => view! { <span>{message}</span> }.into_any(),
                                }}
                            </li>
                        }).collect_view()}
                    </ul>
                    {(more > 0).then(|| view! {
                        <p><a href=Route::Findings(workspace_id()).href()>{format!("All {} problems found", d.findings_total)}</a></p>
                    })}
                }.into_any()
            }))}
        </section>
    }
}

fn severity_key(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn severity_label(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Error:",
        Severity::Warning => "Warning:",
        Severity::Info => "Note:",
    }
}

fn stage_index(stage: Stage) -> usize {
    match stage {
        Stage::Inherent => 0,
        Stage::Current => 1,
        Stage::Planned => 2,
    }
}

/// One heat map, clickable, with its counts as a table of buttons (the same
/// selection by keyboard).
#[component]
fn HeatMapChart(
    stage: Stage,
    data: Memo<Option<Figures>>,
    methodology: Memo<Methodology>,
    selected: RwSignal<Option<(Stage, u8, u8)>>,
) -> impl IntoView {
    let index = stage_index(stage);
    let chosen = move || {
        selected
            .get()
            .filter(|(s, _, _)| *s == stage)
            .map(|(_, l, i)| (l, i))
    };
    let svg = Signal::derive(move || {
        data.with(|d| {
            d.as_ref()
                .map(|d| charts::heat_map(&d.methodology, &d.heat_maps[index], chosen()))
                .unwrap_or_default()
        })
    });
    let on_click = move |event: leptos::ev::MouseEvent| {
        let Some(target) = event.current_target() else {
            return;
        };
        let Ok(container) = target.dyn_into::<web_sys::Element>() else {
            return;
        };
        let Some(svg) = container.query_selector("svg").ok().flatten() else {
            return;
        };
        let rect = svg.get_bounding_client_rect();
        let (width, height) = methodology.with_untracked(charts::heat_map_size);
        if rect.width() <= 0.0 || rect.height() <= 0.0 {
            return;
        }
        let x = (f64::from(event.client_x()) - rect.left()) * f64::from(width) / rect.width();
        let y = (f64::from(event.client_y()) - rect.top()) * f64::from(height) / rect.height();
        if let Some((l, i)) = methodology.with_untracked(|m| charts::heat_map_cell(m, x, y)) {
            selected.set(Some((stage, l, i)));
        }
    };
    let count = move |l: u8, i: u8| {
        data.with(|d| {
            d.as_ref()
                .and_then(|d| d.heat_maps[index].cells.get(usize::from(l) - 1))
                .and_then(|row| row.get(usize::from(i) - 1))
                .copied()
                .unwrap_or(0)
        })
    };
    view! {
        <div class="heat-map-panel" data-testid=format!("heat-map-{}", stage.key()) on:click=on_click>
            <h3>{stage.title()}</h3>
            <Chart label=format!("{} heat map", stage.title()) svg=svg>
                <table class="heat-table">
                    <caption class="visually-hidden">{format!("{} heat map: risks per likelihood (rows) and impact (columns)", stage.title())}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"L \\ I"</th>
                            {move || (1..=methodology.with(|m| m.impact_scale().len() as u8)).map(|i| view! { <th scope="col">{i}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let (rows, columns) = methodology.with(|m| (m.likelihood_scale().len() as u8, m.impact_scale().len() as u8));
                            (1..=rows).rev().map(|l| view! {
                                <tr>
                                    <th scope="row">{l}</th>
                                    {(1..=columns).map(|i| view! {
                                        <td>
                                            <button
                                                type="button"
                                                class="link-button"
                                                data-testid="heat-cell"
                                                data-cell=format!("{l}-{i}")
                                                aria-pressed=move || (chosen() == Some((l, i))).to_string()
                                                aria-label=move || format!("{} risks at likelihood {l}, impact {i}", count(l, i))
                                                on:click=move |event| {
                                                    event.stop_propagation();
                                                    selected.set(Some((stage, l, i)));
                                                }
                                            >
                                                {move || count(l, i)}
                                            </button>
                                        </td>
                                    }).collect_view()}
                                </tr>
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </Chart>
        </div>
    }
}

/// The risks in the selected heat-map cell.
#[component]
fn CellRisks(
    data: Memo<Option<Figures>>,
    selected: RwSignal<Option<(Stage, u8, u8)>>,
    workspace_id: Signal<String>,
) -> impl IntoView {
    view! {
        <div class="cell-risks" role="region" aria-live="polite" aria-label="Risks in the selected cell" data-testid="cell-risks">
            {move || selected.get().map(|(stage, l, i)| {
                let index = stage_index(stage);
                let risks = data.with(|d| d.as_ref().map(|d| d.risks.iter().filter(|r| {
                    let rating = r.ratings[index];
                    rating.likelihood.get() == l && rating.impact.get() == i
                }).map(|r| (r.id.clone(), r.title.clone())).collect::<Vec<_>>())).unwrap_or_default();
                let workspace = workspace_id.get();
                view! {
                    <h3 data-testid="cell-risks-title">{format!("{}: likelihood {l}, impact {i} — {} {}", stage.title(), risks.len(), if risks.len() == 1 { "risk" } else { "risks" })}</h3>
                    {if risks.is_empty() {
                        view! { <p class="muted">"No open risk is rated here."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="cell-risk-list">
                                {risks.into_iter().map(|(id, title)| {
                                    let href = Route::Risk(workspace.clone(), id.clone()).href();
                                    view! {
                                        <li data-testid="cell-risk" data-id=id.clone()>
                                            <a href=href>{id.clone()}</a>" "{title}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                    <button type="button" on:click=move |_| selected.set(None)>"Clear selection"</button>
                }
            })}
        </div>
    }
}

#[component]
fn LevelDistribution(data: Memo<Option<Figures>>, methodology: Memo<Methodology>) -> impl IntoView {
    let svg = Signal::derive(move || {
        data.with(|d| {
            d.as_ref()
                .map(|d| {
                    let rows = Stage::ALL
                        .into_iter()
                        .map(|stage| {
                            let counts = &d.distributions[stage_index(stage)];
                            let segments = d
                                .methodology
                                .levels()
                                .iter()
                                .zip(counts)
                                .map(|(level, count)| Segment {
                                    value: *count,
                                    colour: level.colour.clone(),
                                })
                                .collect();
                            (stage.title().to_owned(), segments)
                        })
                        .collect::<Vec<_>>();
                    charts::stacked_bars(&rows)
                })
                .unwrap_or_default()
        })
    });
    let methodology_signal = Signal::from(methodology);
    let levels = move || {
        methodology.with(|m| {
            (0..m.levels().len())
                .filter_map(|i| m.risk_level(i))
                .collect::<Vec<RiskLevel>>()
        })
    };
    view! {
        <ul class="legend" aria-label="Levels">
            {move || levels().into_iter().map(|level| view! {
                <li><LevelBadge methodology=methodology_signal level=level/></li>
            }).collect_view()}
        </ul>
        <Chart label="Open risks per level, before and after treatment" svg=svg test_id="level-distribution">
            <table>
                <caption class="visually-hidden">"Open risks per level"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Level"</th>
                        {Stage::ALL.into_iter().map(|s| view! { <th scope="col">{s.title()}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {move || data.with(|d| d.as_ref().map(|d| d.methodology.levels().iter().enumerate().map(|(i, level)| view! {
                        <tr>
                            <th scope="row">{level.name.clone()}</th>
                            {Stage::ALL.into_iter().map(|s| view! { <td class="number-cell">{d.distributions[stage_index(s)].get(i).copied().unwrap_or(0)}</td> }).collect_view()}
                        </tr>
                    }).collect_view()))}
                    <tr>
                        <th scope="row">"Above appetite"</th>
                        {move || data.with(|d| d.as_ref().map(|d| d.above.iter().map(|a| view! { <td class="number-cell">{*a}</td> }).collect_view()))}
                    </tr>
                </tbody>
            </table>
        </Chart>
    }
}

/// Which grouping of the SoA progress to show besides the themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attribute {
    ControlType,
    Property,
    Concept,
}

#[component]
fn SoaProgress(data: Memo<Option<Figures>>) -> impl IntoView {
    let attribute = RwSignal::new(Attribute::ControlType);
    let groups = move |themes: bool| {
        data.with(|d| {
            d.as_ref()
                .map(|d| {
                    let list = if themes {
                        &d.themes
                    } else {
                        match attribute.get() {
                            Attribute::ControlType => &d.control_types,
                            Attribute::Property => &d.properties,
                            Attribute::Concept => &d.concepts,
                        }
                    };
                    list.iter()
                        .map(|g| (title_case(&g.group), g.progress * 100.0, g.applicable))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let chart = move |themes: bool| {
        Signal::derive(move || {
            let rows = groups(themes)
                .into_iter()
                .map(|(label, percent, _)| (label, percent))
                .collect::<Vec<_>>();
            charts::progress_bars(&rows)
        })
    };
    let table = move |themes: bool, caption: &'static str| {
        view! {
            <table>
                <caption class="visually-hidden">{caption}</caption>
                <thead><tr><th scope="col">"Group"</th><th scope="col">"Applicable controls"</th><th scope="col">"Implemented"</th></tr></thead>
                <tbody>
                    {move || groups(themes).into_iter().map(|(label, percent, applicable)| view! {
                        <tr><th scope="row">{label}</th><td class="number-cell">{applicable}</td><td class="number-cell">{format!("{percent:.0} %")}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
    };
    view! {
        <h3>"By theme"</h3>
        <Chart label="Implementation progress per theme" svg=chart(true) test_id="soa-themes">
            {table(true, "Implementation progress per theme")}
        </Chart>
        <div class="attribute-head">
            <h3>"By attribute"</h3>
            <label>
                <span class="visually-hidden">"Attribute"</span>
                <select
                    data-testid="soa-attribute"
                    on:change=move |event| attribute.set(match event_target_value(&event).as_str() {
                        "property" => Attribute::Property,
                        "concept" => Attribute::Concept,
                        _ => Attribute::ControlType,
                    })
                >
                    <option value="type">"Control type"</option>
                    <option value="property">"Security property"</option>
                    <option value="concept">"Cybersecurity concept"</option>
                </select>
            </label>
        </div>
        <Chart label="Implementation progress per attribute" svg=chart(false) test_id="soa-attributes">
            {table(false, "Implementation progress per attribute")}
        </Chart>
    }
}

fn status_colour(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::Planned => "#94a3b8",
        ActionStatus::InProgress => "#2563eb",
        ActionStatus::Done => "#15803d",
        ActionStatus::Cancelled => "#e2e8f0",
    }
}

#[component]
fn TreatmentProgress(data: Memo<Option<Figures>>, workspace_id: Signal<String>) -> impl IntoView {
    let svg = Signal::derive(move || {
        data.with(|d| {
            d.as_ref()
                .map(|d| {
                    let segments = d
                        .actions_by_status
                        .iter()
                        .map(|(status, count)| Segment {
                            value: *count,
                            colour: status_colour(*status).to_owned(),
                        })
                        .collect();
                    charts::stacked_bars(&[("Actions".to_owned(), segments)])
                })
                .unwrap_or_default()
        })
    });
    view! {
        <ul class="legend" aria-label="Action statuses">
            {ACTION_STATUSES.into_iter().map(|s| view! {
                <li><span class="swatch" style:background-color=status_colour(s)></span>{action_status(s)}</li>
            }).collect_view()}
        </ul>
        <Chart label="Treatment actions by status" svg=svg test_id="treatment-chart">
            <table>
                <caption class="visually-hidden">"Treatment actions by status"</caption>
                <thead><tr><th scope="col">"Status"</th><th scope="col">"Actions"</th></tr></thead>
                <tbody>
                    {move || data.with(|d| d.as_ref().map(|d| d.actions_by_status.iter().map(|(s, n)| view! {
                        <tr><th scope="row">{action_status(*s)}</th><td class="number-cell">{*n}</td></tr>
                    }).collect_view()))}
                </tbody>
            </table>
        </Chart>
        <h3>"Overdue actions"</h3>
        {move || data.with(|d| d.as_ref().map(|d| {
            if d.overdue.is_empty() {
                return view! { <p class="muted" data-testid="overdue-actions">"Nothing is overdue."</p> }.into_any();
            }
            let workspace = workspace_id.get();
            view! {
                <ul class="overdue-list" data-testid="overdue-actions">
                    {d.overdue.iter().cloned().map(|(id, title, due)| {
                        let href = Route::Action(workspace.clone(), id.clone()).href();
                        view! {
                        <li>
                            <a href=href>{id}</a>" "{title}
                            <span class="pill pill-overdue">{format!("due {due}")}</span>
                        </li>
                    }}).collect_view()}
                </ul>
            }.into_any()
        }))}
    }
}
