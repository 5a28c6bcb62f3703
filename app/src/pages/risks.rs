//! The risk register: every risk with its inherent, current and planned
//! levels side by side, on the shared register table (windowed, so ten
//! thousand risks stay smooth). The filters above it narrow the rows; the
//! table sorts, chooses columns, selects, edits in bulk and downloads.

use crate::components::{BulkEdit, BulkInput, CellExtra, DeleteRiskDialog};
use crate::components::{RegisterTable, RowAction, RowExtras, TableColumn, TableRow};
use crate::routes::Route;
use crate::state::AppState;
use crate::ui::labels::{decision, DECISIONS};
use crate::ui::run_command;
use crate::ui::today;
use crate::ui::workbench::read_analysed;
use engine::{Analysis, Date, Methodology, OwnedRegister, RiskId, TreatmentDecision, Workspace};
use leptos::prelude::*;
use std::collections::HashMap;

/// Height of one row in pixels.
const ROW_HEIGHT: u32 = 44;

const COLUMNS: [TableColumn; 10] = [
    TableColumn::text("id", "Id"),
    TableColumn::text("title", "Title"),
    TableColumn::text("assets", "Assets").optional(),
    TableColumn::text("threat", "Threat").optional(),
    TableColumn::text("owner", "Owner"),
    TableColumn::text("decision", "Decision"),
    TableColumn::text("inherent", "Inherent"),
    TableColumn::text("current", "Current"),
    TableColumn::text("planned", "Planned"),
    TableColumn::text("review", "Review"),
];
/// The columns of the three levels, in `COLUMNS`.
const LEVEL_COLUMNS: [usize; 3] = [6, 7, 8];

/// One risk as the register shows it, with what the filters look at.
#[derive(Debug, Clone, PartialEq)]
struct RiskRow {
    row: TableRow,
    owner_id: String,
    decision: TreatmentDecision,
    current: usize,
    above_appetite: bool,
    overdue: bool,
    /// Id, title, owner and description in lower case, for the search.
    haystack: String,
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

/// The register's rows, highest current level (then score, then id) first.
fn rows_of(workspace: &Workspace, analysis: &Analysis) -> Vec<RiskRow> {
    let today = today();
    let people: HashMap<&str, &str> = workspace
        .people
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    let assets: HashMap<&str, &str> = workspace
        .assets
        .iter()
        .map(|a| (a.id.as_str(), a.name.as_str()))
        .collect();
    let threats: HashMap<&str, &str> = workspace
        .threats
        .iter()
        .map(|t| (t.id.as_str(), t.name.as_str()))
        .collect();
    let levels = workspace.methodology.levels();
    let level_name = |level: engine::RiskLevel| {
        levels
            .get(level.index())
            .map(|l| l.name.clone())
            .unwrap_or_default()
    };
    let mut rows: Vec<(u32, RiskRow)> = workspace
        .risks
        .iter()
        .zip(&analysis.risks)
        .map(|(risk, assessed)| {
            let owner = risk
                .owner
                .as_ref()
                .and_then(|o| people.get(o.as_str()).copied())
                .unwrap_or_default();
            let asset_names: Vec<&str> = risk
                .assets
                .iter()
                .map(|a| assets.get(a.as_str()).copied().unwrap_or(a.as_str()))
                .collect();
            let threat = risk
                .threat
                .as_ref()
                .and_then(|t| threats.get(t.as_str()).copied())
                .unwrap_or_default();
            let closed = assessed.closed;
            let overdue = !closed
                && matches!((risk.review_date, today), (Some(review), Some(today)) if review < today);
            let cells = vec![
                risk.id.to_string(),
                risk.title.clone(),
                asset_names.join("; "),
                threat.to_owned(),
                owner.to_owned(),
                decision(risk.treatment.decision).to_owned(),
                level_name(assessed.inherent.level),
                level_name(assessed.current.rating.level),
                level_name(assessed.planned.rating.level),
                risk.review_date.map(|d| d.to_string()).unwrap_or_default(),
            ];
            let flag = if overdue {
                Some("overdue")
            } else if closed {
                Some("closed")
            } else {
                None
            };
            let row = RiskRow {
                row: TableRow {
                    id: risk.id.to_string(),
                    name: format!("{} {}", risk.id, risk.title),
                    cells,
                    flag,
                },
                owner_id: risk.owner.as_ref().map(|o| o.to_string()).unwrap_or_default(),
                decision: risk.treatment.decision,
                current: assessed.current.rating.level.index(),
                above_appetite: !closed && assessed.current_above_appetite,
                overdue,
                haystack: format!("{} {} {} {}", risk.id, risk.title, owner, risk.description)
                    .to_lowercase(),
            };
            (sort_key(&assessed.current.rating), row)
        })
        .collect();
    engine::order::sort_by(&mut rows, |(a, x), (b, y)| {
        (b, &y.row.id).cmp(&(a, &x.row.id))
    });
    rows.into_iter().map(|(_, row)| row).collect()
}

/// A rating's level, then its likelihood times impact: how level columns sort.
fn sort_key(rating: &engine::Rating) -> u32 {
    let score = u32::from(rating.likelihood.get()) * u32::from(rating.impact.get());
    (rating.level.index() as u32) << 16 | score
}

/// The level cells' colours and sort keys, and the appetite mark.
fn extras_of(workspace: &Workspace, analysis: &Analysis) -> RowExtras {
    let colours: Vec<String> = workspace
        .methodology
        .levels()
        .iter()
        .map(|l| l.colour.clone())
        .collect();
    workspace
        .risks
        .iter()
        .zip(&analysis.risks)
        .map(|(risk, assessed)| {
            let ratings = [
                &assessed.inherent,
                &assessed.current.rating,
                &assessed.planned.rating,
            ];
            let cells = LEVEL_COLUMNS
                .into_iter()
                .zip(ratings)
                .map(|(column, rating)| {
                    let above = column == LEVEL_COLUMNS[1]
                        && !assessed.closed
                        && assessed.current_above_appetite;
                    let extra = CellExtra {
                        colour: colours.get(rating.level.index()).cloned(),
                        sort_key: Some(sort_key(rating)),
                        mark: above.then_some("above appetite"),
                    };
                    (column, extra)
                })
                .collect();
            (risk.id.to_string(), cells)
        })
        .collect()
}

fn matches(row: &RiskRow, filters: &Filters, needle: &str) -> bool {
    filters.level.is_none_or(|l| row.current == l)
        && filters.owner.as_ref().is_none_or(|o| &row.owner_id == o)
        && filters.decision.is_none_or(|d| row.decision == d)
        && (!filters.above_appetite || row.above_appetite)
        && (!filters.overdue || row.overdue)
        && (needle.is_empty() || row.haystack.contains(needle))
}

/// The bulk edits of the register: owner, next review, decision.
fn bulk_edits(state: AppState) -> Vec<BulkEdit> {
    let review = Callback::new(move |(ids, typed): (Vec<String>, String)| {
        let date = Date::parse(&typed);
        run_command(
            state,
            move |ws| Ok(ws.set_review_date_of_risks(&ids, date)),
            move |n| match date {
                Some(date) => format!("Next review set to {date} for {n} risks."),
                None => format!("Next review cleared for {n} risks."),
            },
        );
    });
    let decide = Callback::new(move |(ids, name): (Vec<String>, String)| {
        run_command(
            state,
            move |ws| {
                let chosen = TreatmentDecision::from_name(&name)
                    .ok_or_else(|| format!("{name:?} is not a treatment decision"))?;
                Ok((ws.set_decision_of_risks(&ids, chosen), decision(chosen)))
            },
            |(n, label)| format!("Decision set to {label} for {n} risks."),
        );
    });
    let decisions = DECISIONS
        .into_iter()
        .map(|d| {
            (
                TreatmentDecision::name(d).to_owned(),
                decision(d).to_owned(),
            )
        })
        .collect();
    vec![
        BulkEdit::owner(state, OwnedRegister::Risks, "risks"),
        BulkEdit {
            label: "Next review",
            input: BulkInput::Date,
            apply: review,
        },
        BulkEdit {
            label: "Decision",
            input: BulkInput::Choice(decisions),
            apply: decide,
        },
    ]
}

/// The risk register (shown once workspace `id` is open).
#[component]
pub fn RisksPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = Memo::new(move |_| read_analysed(state, rows_of).unwrap_or_default());
    let extras = Memo::new(move |_| read_analysed(state, extras_of).unwrap_or_default());
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
    let shown = Memo::new(move |_| {
        filters.with(|filters| {
            let needle = filters.search.trim().to_lowercase();
            rows.with(|rows| {
                rows.iter()
                    .filter(|r| matches(r, filters, &needle))
                    .map(|r| r.row.clone())
                    .collect::<Vec<_>>()
            })
        })
    });
    let open = Callback::new(move |id: String| {
        let href = Route::Risk(workspace_id.get_untracked(), id).href();
        let _ = window().location().set_hash(&href);
    });
    let deleting = RwSignal::new(None::<RiskId>);
    let actions = vec![
        RowAction::new("Open", open),
        RowAction::danger(
            "Delete",
            Callback::new(move |id: String| deleting.set(RiskId::try_new(id).ok())),
        ),
    ];
    let bulk = bulk_edits(state);
    // Only emptiness rebuilds the table, so its sort, selection and focus
    // survive edits and searches.
    let empty = Memo::new(move |_| rows.with(Vec::is_empty));

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
        {move || (shown.with(Vec::is_empty) && !empty.get()).then(|| view! {
            <p class="empty-state" data-testid="risks-none-match">"No risk matches the search and filters."</p>
        })}
        {move || {
            if empty.get() {
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
                <RegisterTable register="risks" caption="Risks" columns=COLUMNS.to_vec()
                    rows=shown extras=extras row_height=ROW_HEIGHT
                    testid="risk-table" row_testid="risk-row" on_open=open
                    actions=actions.clone() bulk=bulk.clone()/>
            }
            .into_any()
        }}
        {move || deleting.get().map(|risk| view! {
            <DeleteRiskDialog risk=risk on_close=Callback::new(move |_| deleting.set(None))/>
        })}
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
