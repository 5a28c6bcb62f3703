//! The risk treatment plan report: actions, their cost and the totals.

use super::{person_name, DASH};
use crate::state::AppState;
use crate::ui::format::group_digits;
use crate::ui::workbench::{action_status, read};
use engine::Date;
use leptos::prelude::*;

/// One action as the report prints it.
#[derive(Debug, Clone, PartialEq)]
struct ActionLine {
    id: String,
    title: String,
    owner: String,
    due: String,
    overdue: bool,
    status: &'static str,
    open: bool,
    one_off: u64,
    yearly: u64,
    risks: Vec<String>,
    controls: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Totals {
    actions: usize,
    one_off: u64,
    yearly: u64,
}

impl Totals {
    fn add(self, line: &ActionLine) -> Self {
        Totals {
            actions: self.actions + 1,
            one_off: self.one_off.saturating_add(line.one_off),
            yearly: self.yearly.saturating_add(line.yearly),
        }
    }
}

/// Ids as a list that breaks between ids, never inside one ("R-0001").
fn id_list(ids: Vec<String>) -> impl IntoView {
    if ids.is_empty() {
        return DASH.into_any();
    }
    let last = ids.len() - 1;
    ids.into_iter()
        .enumerate()
        .map(|(i, id)| {
            view! {
                <span class="nowrap">{id}</span>
                {(i < last).then_some(", ")}
            }
        })
        .collect_view()
        .into_any()
}

#[component]
pub fn PlanReport() -> impl IntoView {
    let state = expect_context::<AppState>();
    let today: Option<Date> = crate::ui::today();
    let data = Memo::new(move |_| {
        read(state, |ws| {
            let lines = ws
                .actions
                .iter()
                .map(|action| {
                    let open = action.status.is_open();
                    ActionLine {
                        id: action.id.as_str().to_owned(),
                        title: action.title.clone(),
                        owner: person_name(ws, action.owner.as_ref()),
                        due: action
                            .due
                            .map(|d| d.to_string())
                            .unwrap_or_else(|| DASH.to_owned()),
                        overdue: open
                            && matches!((action.due, today), (Some(due), Some(today)) if due < today),
                        status: action_status(action.status),
                        open,
                        one_off: action.cost.one_off,
                        yearly: action.cost.yearly,
                        risks: action.risks.iter().map(|r| r.as_str().to_owned()).collect(),
                        controls: action
                            .controls
                            .iter()
                            .map(|c| c.as_str().to_owned())
                            .collect(),
                    }
                })
                .collect::<Vec<_>>();
            (lines, ws.methodology.currency().to_owned())
        })
        .unwrap_or_default()
    });
    let totals = move || {
        data.with(|(lines, _)| {
            let all = lines.iter().fold(Totals::default(), Totals::add);
            let open = lines
                .iter()
                .filter(|l| l.open)
                .fold(Totals::default(), Totals::add);
            let overdue = lines.iter().filter(|l| l.overdue).count();
            (all, open, overdue)
        })
    };
    let currency = move || data.with(|(_, currency)| currency.clone());
    view! {
        <p class="report-intro" data-testid="plan-report-figures">
            {move || {
                let (all, open, overdue) = totals();
                format!(
                    "{} actions, {} still open, {} of them overdue. Costs in {}, whole units; \u{201c}yearly\u{201d} is the running cost per year.",
                    all.actions, open.actions, overdue, currency()
                )
            }}
        </p>
        <table class="report-table plan-report-table">
            <caption class="visually-hidden">"Treatment actions"</caption>
            <thead>
                <tr>
                    <th scope="col">"Action"</th>
                    <th scope="col">"Owner"</th>
                    <th scope="col">"Due"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col" class="number-cell">{move || format!("One-off ({})", currency())}</th>
                    <th scope="col" class="number-cell">{move || format!("Yearly ({})", currency())}</th>
                    <th scope="col">"Risks"</th>
                    <th scope="col">"Controls"</th>
                </tr>
            </thead>
            <tbody>
                {move || data.with(|(lines, _)| lines.is_empty()).then(|| view! {
                    <tr><td colspan="8" class="muted">"No treatment actions yet."</td></tr>
                })}
                {move || data.get().0.into_iter().map(|line| {
                    let id = line.id.clone();
                    view! {
                    <tr data-testid="plan-report-row" data-action=id class:overdue=line.overdue>
                        <th scope="row">
                            <span class="nowrap">{line.id}</span>" "
                            <span class="report-risk-title">{line.title}</span>
                        </th>
                        <td>{line.owner}</td>
                        <td class="due-cell">
                            <span class="nowrap">{line.due}</span>
                            {line.overdue.then(|| view! { <span class="pill pill-overdue" data-testid="overdue">"overdue"</span> })}
                        </td>
                        <td>{line.status}</td>
                        <td class="number-cell" data-testid="one-off" data-value=line.one_off.to_string()>{group_digits(line.one_off)}</td>
                        <td class="number-cell" data-testid="yearly" data-value=line.yearly.to_string()>{group_digits(line.yearly)}</td>
                        <td class="id-list">{id_list(line.risks)}</td>
                        <td class="id-list">{id_list(line.controls)}</td>
                    </tr>
                    }
                }).collect_view()}
            </tbody>
            <tfoot>
                {move || {
                    let (all, open, _) = totals();
                    view! {
                        <tr data-testid="plan-total-all">
                            <th scope="row" colspan="4">{format!("Total of all {} actions", all.actions)}</th>
                            <td class="number-cell" data-testid="total-one-off" data-value=all.one_off.to_string()>{group_digits(all.one_off)}</td>
                            <td class="number-cell" data-testid="total-yearly" data-value=all.yearly.to_string()>{group_digits(all.yearly)}</td>
                            <td colspan="2"></td>
                        </tr>
                        <tr data-testid="plan-total-open">
                            <th scope="row" colspan="4">{format!("Still to spend: {} open actions", open.actions)}</th>
                            <td class="number-cell" data-testid="open-one-off" data-value=open.one_off.to_string()>{group_digits(open.one_off)}</td>
                            <td class="number-cell" data-testid="open-yearly" data-value=open.yearly.to_string()>{group_digits(open.yearly)}</td>
                            <td colspan="2"></td>
                        </tr>
                    }
                }}
            </tfoot>
        </table>
    }
}
