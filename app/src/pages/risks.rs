//! The risk register: every risk with its inherent, current and planned
//! levels side by side. Sort, filter and search run over rows computed once
//! per change of the workspace, and only the rows in view are rendered, so
//! ten thousand risks stay smooth.

use crate::components::readable_text_colour;
use crate::components::OpenWorkspaceGate;
use crate::routes::Route;
use crate::state::AppState;
use crate::ui::labels::{decision, DECISIONS};
use crate::ui::today;
use crate::ui::workbench::read_analysed;
use crate::ui::workbench::{sort_mark, toggle_sort};
use engine::{Date, Methodology, RiskLevel, TreatmentDecision};
use leptos::prelude::*;

/// Height of one row in pixels; the CSS gives `.risk-row` the same height.
const ROW_HEIGHT: f64 = 44.0;
/// Rows rendered above and below the visible ones, so fast scrolling does
/// not show blank space.
const OVERSCAN: usize = 8;

/// The risk register of workspace `id`.
#[component]
pub fn RisksPage(id: String) -> impl IntoView {
    view! {
        <OpenWorkspaceGate id=id>
            <RiskRegister/>
        </OpenWorkspaceGate>
    }
}

/// One risk as the register shows it: the engine's levels and the words to
/// search, precomputed.
#[derive(Debug, Clone, PartialEq)]
struct RiskRow {
    id: String,
    title: String,
    owner_id: String,
    owner: String,
    decision: TreatmentDecision,
    inherent: RiskLevel,
    current: RiskLevel,
    planned: RiskLevel,
    /// Likelihood times impact of each rating, to order risks of one level.
    scores: [u16; 3],
    above_appetite: bool,
    review: Option<Date>,
    overdue: bool,
    closed: bool,
    haystack: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Id,
    Title,
    Owner,
    Decision,
    Inherent,
    Current,
    Planned,
    Review,
}

/// The filters of the register; `None` means "any".
#[derive(Debug, Clone, Default, PartialEq)]
struct Filters {
    search: String,
    level: Option<usize>,
    /// A person id, or the empty string for "no owner".
    owner: Option<String>,
    decision: Option<TreatmentDecision>,
    above_appetite: bool,
    overdue: bool,
}

fn rows_of(workspace: &engine::Workspace, analysis: &engine::Analysis) -> Vec<RiskRow> {
    let today = today();
    let score = |r: &engine::Rating| u16::from(r.likelihood.get()) * u16::from(r.impact.get());
    workspace
        .risks
        .iter()
        .zip(&analysis.risks)
        .map(|(risk, assessed)| {
            let owner = risk
                .owner
                .as_ref()
                .and_then(|o| workspace.people.iter().find(|p| &p.id == o))
                .map(|p| p.name.clone())
                .unwrap_or_default();
            let closed = assessed.closed;
            RiskRow {
                id: risk.id.to_string(),
                title: risk.title.clone(),
                owner_id: risk.owner.as_ref().map(|o| o.to_string()).unwrap_or_default(),
                haystack: format!("{} {} {} {}", risk.id, risk.title, owner, risk.description)
                    .to_lowercase(),
                owner,
                decision: risk.treatment.decision,
                inherent: assessed.inherent.level,
                current: assessed.current.rating.level,
                planned: assessed.planned.rating.level,
                scores: [
                    score(&assessed.inherent),
                    score(&assessed.current.rating),
                    score(&assessed.planned.rating),
                ],
                above_appetite: !closed && assessed.current_above_appetite,
                review: risk.review_date,
                overdue: !closed
                    && matches!((risk.review_date, today), (Some(review), Some(today)) if review < today),
                closed,
            }
        })
        .collect()
}

fn compare(a: &RiskRow, b: &RiskRow, column: Column) -> std::cmp::Ordering {
    match column {
        Column::Id => a.id.cmp(&b.id),
        Column::Title => a.title.to_lowercase().cmp(&b.title.to_lowercase()),
        Column::Owner => a.owner.cmp(&b.owner),
        Column::Decision => decision(a.decision).cmp(decision(b.decision)),
        Column::Inherent => (a.inherent, a.scores[0]).cmp(&(b.inherent, b.scores[0])),
        Column::Current => (a.current, a.scores[1]).cmp(&(b.current, b.scores[1])),
        Column::Planned => (a.planned, a.scores[2]).cmp(&(b.planned, b.scores[2])),
        // Risks without a review date last when ascending.
        Column::Review => match (a.review, b.review) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        },
    }
    .then_with(|| a.id.cmp(&b.id))
}

fn matches(row: &RiskRow, filters: &Filters, needle: &str) -> bool {
    filters.level.is_none_or(|l| row.current.index() == l)
        && filters.owner.as_ref().is_none_or(|o| &row.owner_id == o)
        && filters.decision.is_none_or(|d| row.decision == d)
        && (!filters.above_appetite || row.above_appetite)
        && (!filters.overdue || row.overdue)
        && (needle.is_empty() || row.haystack.contains(needle))
}

#[component]
fn RiskRegister() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = Memo::new(move |_| read_analysed(state, rows_of).unwrap_or_default());
    let methodology = Memo::new(move |_| {
        state
            .open
            .with(|o| o.as_ref().map(|o| o.workspace.methodology.clone()))
            .unwrap_or_default()
    });
    let people = Memo::new(move |_| {
        state
            .open
            .with(|o| {
                o.as_ref().map(|o| {
                    o.workspace
                        .people
                        .iter()
                        .map(|p| (p.id.to_string(), p.name.clone()))
                        .collect::<Vec<_>>()
                })
            })
            .unwrap_or_default()
    });
    let workspace_id = Memo::new(move |_| state.open_id.get().unwrap_or_default());
    let filters = RwSignal::new(Filters::default());
    let sort = RwSignal::new((Column::Current, false));

    // Positions into `rows`, filtered and sorted.
    let shown = Memo::new(move |_| {
        let (column, ascending) = sort.get();
        filters.with(|filters| {
            let needle = filters.search.trim().to_lowercase();
            rows.with(|rows| {
                let mut shown: Vec<usize> = (0..rows.len())
                    .filter(|&i| matches(&rows[i], filters, &needle))
                    .collect();
                engine::order::sort_by(&mut shown, |&a, &b| {
                    let order = compare(&rows[a], &rows[b], column);
                    if ascending {
                        order
                    } else {
                        order.reverse()
                    }
                });
                shown
            })
        })
    });

    view! {
        <h1>"Risk register"</h1>
        <p class="lead">
            "Each risk with its level before treatment (inherent), with the controls as they are today (current) and once open treatment actions are done (planned)."
        </p>
        <RiskFilters filters=filters methodology=methodology people=people/>
        <div class="register-toolbar">
            <span class="muted" role="status" data-testid="risk-count">
                {move || format!("{} of {} risks", shown.with(Vec::len), rows.with(Vec::len))}
            </span>
            <a class="button primary" data-testid="new-risk" href=move || Route::NewRisk(workspace_id.get()).href()>
                "New risk"
            </a>
        </div>
        {move || {
            if rows.with(Vec::is_empty) {
                return view! {
                    <div class="empty-state" data-testid="risks-empty">
                        <p>"No risks yet."</p>
                        <p class="muted">
                            "Describe what could go wrong: an asset, a threat that could exploit a vulnerability, and how likely and harmful it would be. "
                            <a href=move || Route::Assets(workspace_id.get()).href()>"Assets"</a>
                            " come first."
                        </p>
                    </div>
                }
                .into_any();
            }
            view! {
                <RiskTable rows=rows shown=shown sort=sort methodology=methodology workspace_id=workspace_id/>
            }
            .into_any()
        }}
    }
}

#[component]
fn RiskFilters(
    filters: RwSignal<Filters>,
    methodology: Memo<Methodology>,
    people: Memo<Vec<(String, String)>>,
) -> impl IntoView {
    view! {
        <div class="register-toolbar" role="search" aria-label="Filter risks">
            <label>
                "Search "
                <input
                    type="search"
                    data-testid="risk-search"
                    placeholder="Id, title, owner…"
                    prop:value=move || filters.with(|f| f.search.clone())
                    on:input=move |event| filters.update(|f| f.search = event_target_value(&event))
                />
            </label>
            <label>
                "Current level "
                <select
                    data-testid="risk-level-filter"
                    on:change=move |event| filters.update(|f| f.level = event_target_value(&event).parse().ok())
                >
                    <option value="">"Any level"</option>
                    {move || methodology.with(|m| m.levels().iter().enumerate().map(|(i, l)| view! {
                        <option value=i selected=move || filters.with(|f| f.level == Some(i))>{l.name.clone()}</option>
                    }).collect_view())}
                </select>
            </label>
            <label>
                "Owner "
                <select
                    data-testid="risk-owner-filter"
                    on:change=move |event| {
                        let value = event_target_value(&event);
                        filters.update(|f| f.owner = match value.as_str() {
                            "*" => None,
                            "" => Some(String::new()),
                            id => Some(id.to_owned()),
                        });
                    }
                >
                    <option value="*">"Anyone"</option>
                    <option value="">"No owner"</option>
                    {move || people.get().into_iter().map(|(id, name)| view! {
                        <option value=id>{name}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                "Decision "
                <select
                    data-testid="risk-decision-filter"
                    on:change=move |event| filters.update(|f| f.decision = TreatmentDecision::from_name(&event_target_value(&event)))
                >
                    <option value="">"Any decision"</option>
                    {DECISIONS.into_iter().map(|d| view! {
                        <option value=TreatmentDecision::name(d)>{decision(d)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="checkbox">
                <input
                    type="checkbox"
                    data-testid="risk-appetite-filter"
                    prop:checked=move || filters.with(|f| f.above_appetite)
                    on:change=move |event| filters.update(|f| f.above_appetite = event_target_checked(&event))
                />
                "Above appetite now"
            </label>
            <label class="checkbox">
                <input
                    type="checkbox"
                    data-testid="risk-overdue-filter"
                    prop:checked=move || filters.with(|f| f.overdue)
                    on:change=move |event| filters.update(|f| f.overdue = event_target_checked(&event))
                />
                "Review overdue"
            </label>
        </div>
    }
}

/// The windowed table: a fixed-height scroll box holding a spacer as tall as
/// all rows, with only the rows in view placed inside it.
#[component]
fn RiskTable(
    rows: Memo<Vec<RiskRow>>,
    shown: Memo<Vec<usize>>,
    sort: RwSignal<(Column, bool)>,
    methodology: Memo<Methodology>,
    workspace_id: Memo<String>,
) -> impl IntoView {
    let viewport: NodeRef<leptos::html::Div> = NodeRef::new();
    let scroll_top = RwSignal::new(0.0f64);
    let viewport_height = RwSignal::new(600.0f64);
    Effect::new(move |_| {
        if let Some(element) = viewport.get() {
            viewport_height.set(f64::from(element.client_height().max(1)));
        }
    });
    // Back to the top when the filter or sort changes the list.
    Effect::new(move |_| {
        shown.track();
        if let Some(element) = viewport.get_untracked() {
            element.set_scroll_top(0);
        }
        scroll_top.set(0.0);
    });
    let window_slice = Memo::new(move |_| {
        let first = (scroll_top.get() / ROW_HEIGHT).floor() as usize;
        let count = (viewport_height.get() / ROW_HEIGHT).ceil() as usize;
        let start = first.saturating_sub(OVERSCAN);
        shown.with(|shown| {
            let end = (first + count + OVERSCAN).min(shown.len());
            let start = start.min(end);
            (start, shown[start..end].to_vec())
        })
    });
    // Level names and colours resolved once, so a scroll frame only copies strings.
    let palette = Memo::new(move |_| {
        methodology.with(|m| {
            m.levels()
                .iter()
                .map(|l| Badge {
                    name: l.name.clone(),
                    colour: l.colour.clone(),
                    text: readable_text_colour(&l.colour),
                })
                .collect::<Vec<_>>()
        })
    });
    let total = move || shown.with(Vec::len);

    let header = move |column: Column, label: &'static str| {
        let aria_sort = move || match sort.get() {
            (c, true) if c == column => "ascending",
            (c, false) if c == column => "descending",
            _ => "none",
        };
        view! {
            <div role="columnheader" class="risk-cell" aria-sort=aria_sort>
                <button
                    type="button"
                    class="sort-button"
                    data-sort=label
                    // Levels read best highest first.
                    on:click=move |_| toggle_sort(sort, column, !matches!(column, Column::Inherent | Column::Current | Column::Planned))
                >
                    {label}
                    <span class="sort-mark" aria-hidden="true">{move || sort_mark(sort, column)}</span>
                </button>
            </div>
        }
    };

    view! {
        <div
            class="risk-table"
            role="table"
            aria-label="Risks; column headers sort; choose a risk to edit it"
            aria-rowcount=move || total() + 1
            data-testid="risk-table"
        >
            <div role="rowgroup">
                <div role="row" class="risk-row risk-head" aria-rowindex="1">
                    {header(Column::Id, "Id")}
                    {header(Column::Title, "Title")}
                    {header(Column::Owner, "Owner")}
                    {header(Column::Decision, "Decision")}
                    {header(Column::Inherent, "Inherent")}
                    {header(Column::Current, "Current")}
                    {header(Column::Planned, "Planned")}
                    {header(Column::Review, "Review")}
                </div>
            </div>
            <div
                class="risk-viewport"
                node_ref=viewport
                role="rowgroup"
                on:scroll=move |_| {
                    if let Some(element) = viewport.get_untracked() {
                        scroll_top.set(f64::from(element.scroll_top()));
                        viewport_height.set(f64::from(element.client_height().max(1)));
                    }
                }
            >
                <div class="risk-spacer" style:height=move || format!("{}px", total() as f64 * ROW_HEIGHT)>
                    {move || {
                        if total() == 0 {
                            return view! {
                                <p class="empty-state" data-testid="risks-none-match">"No risk matches the search and filters."</p>
                            }
                            .into_any();
                        }
                        let (start, slice) = window_slice.get();
                        let palette = palette.get();
                        let badge = |level: RiskLevel| {
                            palette.get(level.index()).or(palette.last()).cloned().unwrap_or_default()
                        };
                        rows.with(|rows| {
                            slice
                                .into_iter()
                                .enumerate()
                                .map(|(offset, index)| {
                                    let position = start + offset;
                                    view! {
                                        <RiskLine
                                            badges=[badge(rows[index].inherent), badge(rows[index].current), badge(rows[index].planned)]
                                            row=rows[index].clone()
                                            position=position
                                            workspace_id=workspace_id.get_untracked()
                                        />
                                    }
                                })
                                .collect_view()
                        })
                        .into_any()
                    }}
                </div>
            </div>
        </div>
    }
}

/// A level as drawn in the register: name, background and text colour.
#[derive(Debug, Clone, Default, PartialEq)]
struct Badge {
    name: String,
    colour: String,
    text: &'static str,
}

fn badge_view(badge: Badge) -> impl IntoView {
    view! {
        <span class="level-badge" style:background-color=badge.colour style:color=badge.text>
            {badge.name}
        </span>
    }
}

#[component]
fn RiskLine(
    row: RiskRow,
    position: usize,
    badges: [Badge; 3],
    workspace_id: String,
) -> impl IntoView {
    let [inherent, current, planned] = badges;
    let href = Route::Risk(workspace_id, row.id.clone()).href();
    let open = href.clone();
    let review = match row.review {
        Some(date) => date.to_string(),
        None => "—".to_owned(),
    };
    view! {
        <div
            role="row"
            class="risk-row"
            class:closed=row.closed
            aria-rowindex=position + 2
            data-testid="risk-row"
            data-id=row.id.clone()
            style:top=format!("{}px", position as f64 * ROW_HEIGHT)
            on:click=move |_| {
                let _ = window().location().set_hash(&open);
            }
        >
            <div role="cell" class="risk-cell mono">{row.id.clone()}</div>
            <div role="cell" class="risk-cell title-cell">
                <a href=href title=row.title.clone()>{row.title.clone()}</a>
            </div>
            <div role="cell" class="risk-cell">{row.owner.clone()}</div>
            <div role="cell" class="risk-cell">{decision(row.decision)}</div>
            <div role="cell" class="risk-cell" data-column="inherent">{badge_view(inherent)}</div>
            <div role="cell" class="risk-cell" data-column="current">
                {badge_view(current)}
                {row.above_appetite.then(|| view! { <span class="appetite-flag" title="Above appetite">"▲"<span class="visually-hidden">" above appetite"</span></span> })}
            </div>
            <div role="cell" class="risk-cell" data-column="planned">{badge_view(planned)}</div>
            <div role="cell" class="risk-cell" class:overdue=row.overdue>
                {review}
                {row.overdue.then(|| view! { <span class="visually-hidden">" (overdue)"</span> })}
            </div>
        </div>
    }
}
