//! The risk register report: every risk with its levels and decision.

use super::{methodology_signal, person_name, DASH};
use crate::components::LevelBadge;
use crate::state::AppState;
use crate::ui::labels::decision;
use crate::ui::workbench::read_analysed;
use engine::Rating;
use leptos::prelude::*;

/// One risk as the report prints it.
#[derive(Debug, Clone, PartialEq)]
struct RiskLine {
    id: String,
    title: String,
    owner: String,
    assets: String,
    inherent: Rating,
    current: Rating,
    planned: Rating,
    decision: &'static str,
    closed: bool,
    above_now: bool,
    above_planned: bool,
}

/// A rating as likelihood × impact.
fn cell(rating: &Rating) -> String {
    format!("{}\u{d7}{}", rating.likelihood.get(), rating.impact.get())
}

#[component]
pub fn RiskReport() -> impl IntoView {
    let state = expect_context::<AppState>();
    let methodology = methodology_signal(state);
    let rows = Memo::new(move |_| {
        read_analysed(state, |ws, analysis| {
            ws.risks
                .iter()
                .filter_map(|risk| {
                    let assessed = analysis.risk(&risk.id)?;
                    let assets = risk
                        .assets
                        .iter()
                        .map(|id| {
                            ws.assets
                                .iter()
                                .find(|a| &a.id == id)
                                .map_or_else(|| id.as_str().to_owned(), |a| a.name.clone())
                        })
                        .collect::<Vec<_>>();
                    Some(RiskLine {
                        id: risk.id.as_str().to_owned(),
                        title: risk.title.clone(),
                        owner: person_name(ws, risk.owner.as_ref()),
                        assets: if assets.is_empty() {
                            DASH.to_owned()
                        } else {
                            assets.join("; ")
                        },
                        inherent: assessed.inherent,
                        current: assessed.current.rating,
                        planned: assessed.planned.rating,
                        decision: decision(assessed.decision),
                        closed: assessed.closed,
                        above_now: !assessed.closed && assessed.current_above_appetite,
                        above_planned: !assessed.closed && assessed.planned_above_appetite,
                    })
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let appetite = move || {
        methodology.with(|m| {
            let level = m.appetite();
            m.level_definition(level).name.clone()
        })
    };
    let counts = move || {
        rows.with(|rows| {
            (
                rows.len(),
                rows.iter().filter(|r| r.above_now).count(),
                rows.iter().filter(|r| r.above_planned).count(),
            )
        })
    };
    view! {
        <p class="report-intro" data-testid="risk-report-figures">
            {move || {
                let (total, now, planned) = counts();
                format!(
                    "{total} risks; {now} above the risk appetite now, {planned} once the planned treatment is done. Appetite: up to \u{201c}{}\u{201d}. Levels are likelihood \u{d7} impact, then the level the methodology gives that cell.",
                    appetite()
                )
            }}
        </p>
        <table class="report-table risk-report-table">
            <caption class="visually-hidden">"Risk register"</caption>
            <thead>
                <tr>
                    <th scope="col">"Risk"</th>
                    <th scope="col">"Owner"</th>
                    <th scope="col">"Assets"</th>
                    <th scope="col">"Inherent"</th>
                    <th scope="col">"Current residual"</th>
                    <th scope="col">"Planned residual"</th>
                    <th scope="col">"Treat\u{ad}ment"</th>
                    <th scope="col">"Above appetite"</th>
                </tr>
            </thead>
            <tbody>
                {move || rows.with(Vec::is_empty).then(|| view! {
                    <tr><td colspan="8" class="muted">"No risks in the register yet."</td></tr>
                })}
                {move || rows.get().into_iter().map(|line| {
                    let above = match (line.above_now, line.above_planned) {
                        (true, true) => "Now and planned",
                        (true, false) => "Now",
                        (false, true) => "Planned",
                        (false, false) => "No",
                    };
                    let id = line.id.clone();
                    view! {
                        <tr data-testid="risk-report-row" data-risk=id class:closed=line.closed>
                            <th scope="row">
                                <span class="nowrap">{line.id}</span>" "
                                <span class="report-risk-title">{line.title}</span>
                            </th>
                            <td>{line.owner}</td>
                            <td class="small">{line.assets}</td>
                            <td class="level-cell">
                                <LevelBadge methodology=methodology level=line.inherent.level/>
                                <span class="small muted">{cell(&line.inherent)}</span>
                            </td>
                            <td class="level-cell">
                                <LevelBadge methodology=methodology level=line.current.level/>
                                <span class="small muted">{cell(&line.current)}</span>
                            </td>
                            <td class="level-cell">
                                <LevelBadge methodology=methodology level=line.planned.level/>
                                <span class="small muted">{cell(&line.planned)}</span>
                            </td>
                            <td>
                                {line.decision}
                                {line.closed.then_some(" (closed)")}
                            </td>
                            <td>
                                <span class="above-appetite" class:above=line.above_now || line.above_planned>{above}</span>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
