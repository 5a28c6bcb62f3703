//! The Statement of Applicability report: every control by theme.

use super::{or_dash, person_name, DASH};
use crate::state::AppState;
use crate::ui::workbench::read_analysed;
use crate::ui::workbench::title_case;
use crate::ui::workbench::{applicability, implementation, read, reason};
use engine::{Applicability, Theme, Workspace};
use leptos::prelude::*;

/// One control as the report prints it.
#[derive(Debug, Clone, PartialEq)]
struct ControlLine {
    id: String,
    title: String,
    applicability: Applicability,
    /// Inclusion reasons, or the exclusion's justification.
    why: String,
    status: String,
    owner: String,
    evidence: String,
    target: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
struct SoaFigures {
    controls: u32,
    applicable: u32,
    excluded: u32,
    undecided: u32,
    progress: f64,
}

fn lines(ws: &Workspace, theme: Theme) -> Vec<ControlLine> {
    ws.controls
        .iter()
        .filter(|c| c.theme == theme)
        .map(|control| {
            let entry = ws.soa.iter().find(|e| e.control == control.id);
            let applicability = entry.map(|e| e.applicability).unwrap_or_default();
            let why = match (applicability, entry) {
                (Applicability::Applicable, Some(e)) if !e.reasons.is_empty() => e
                    .reasons
                    .iter()
                    .map(|r| reason(*r))
                    .collect::<Vec<_>>()
                    .join(", "),
                (Applicability::Excluded, Some(e)) if !e.exclusion_justification.is_empty() => {
                    e.exclusion_justification.clone()
                }
                (Applicability::Excluded, _) => "No justification recorded".to_owned(),
                _ => DASH.to_owned(),
            };
            let status = if applicability == Applicability::Excluded {
                DASH.to_owned()
            } else {
                implementation(control.status).to_owned()
            };
            let owner = entry
                .and_then(|e| e.owner.as_ref())
                .or(control.owner.as_ref());
            ControlLine {
                id: control.id.as_str().to_owned(),
                title: control.title.clone(),
                applicability,
                why,
                status,
                owner: person_name(ws, owner),
                evidence: or_dash(entry.map(|e| e.evidence.as_str()).unwrap_or("")),
                // An excluded control is not implemented, so it has no
                // target date either (one kept from before is not printed).
                target: entry
                    .filter(|_| applicability != Applicability::Excluded)
                    .and_then(|e| e.target_date)
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| DASH.to_owned()),
            }
        })
        .collect()
}

#[component]
pub fn SoaReport() -> impl IntoView {
    let state = expect_context::<AppState>();
    let figures = Memo::new(move |_| {
        read_analysed(state, |_, analysis| {
            let soa = &analysis.soa;
            SoaFigures {
                controls: soa.controls,
                applicable: soa.applicable,
                excluded: soa.excluded,
                undecided: soa.undecided,
                progress: soa.implementation_progress * 100.0,
            }
        })
        .unwrap_or_default()
    });
    let themes = Memo::new(move |_| {
        read(state, |ws| {
            Theme::ALL
                .into_iter()
                .map(|theme| (theme, lines(ws, theme)))
                .filter(|(_, lines)| !lines.is_empty())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    view! {
        <p class="report-intro" data-testid="soa-report-figures">
            {move || {
                let f = figures.get();
                format!(
                    "{} controls: {} applicable, {} excluded, {} undecided. Implementation progress of the applicable controls: {:.0} %.",
                    f.controls, f.applicable, f.excluded, f.undecided, f.progress
                )
            }}
        </p>
        {move || {
            let excluded = themes.with(|themes| themes.iter().flat_map(|(_, lines)| lines.iter())
                .filter(|l| l.applicability == Applicability::Excluded)
                .map(|l| (l.id.clone(), l.title.clone(), l.why.clone()))
                .collect::<Vec<_>>());
            view! {
                <section class="report-section" aria-labelledby="soa-report-exclusions-heading">
                    <h2 id="soa-report-exclusions-heading">
                        "Excluded controls"<span class="muted">{format!(" ({})", excluded.len())}</span>
                    </h2>
                    {if excluded.is_empty() {
                        view! { <p data-testid="soa-report-exclusions">"No control is excluded."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="exclusion-list" data-testid="soa-report-exclusions">
                                {excluded.into_iter().map(|(id, title, why)| view! {
                                    <li data-testid="soa-report-exclusion" data-control=id.clone()>
                                        <strong>{format!("{id} {title}")}</strong>{format!(": {why}")}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
            }
        }}
        {move || themes.get().into_iter().map(|(theme, lines)| {
            let heading = format!("soa-report-{}", theme.name());
            view! {
                <section class="report-section" aria-labelledby=heading.clone()>
                    <h2 id=heading.clone()>
                        {format!("{} controls", title_case(theme.name()))}
                        <span class="muted">{format!(" ({})", lines.len())}</span>
                    </h2>
                    <table class="report-table soa-report-table">
                        <caption class="visually-hidden">{format!("{} controls", title_case(theme.name()))}</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Control"</th>
                                <th scope="col">"Title"</th>
                                <th scope="col">"Applica\u{ad}bility"</th>
                                <th scope="col">"Reasons or justification"</th>
                                <th scope="col">"Implemen\u{ad}tation"</th>
                                <th scope="col">"Owner"</th>
                                <th scope="col">"Evidence"</th>
                                <th scope="col">"Target date"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {lines.into_iter().map(|line| {
                                let key = Applicability::name(line.applicability);
                                let id = line.id.clone();
                                view! {
                                    <tr data-testid="soa-report-row" data-control=id>
                                        <th scope="row" class="nowrap">{line.id}</th>
                                        <td>{line.title}</td>
                                        <td><span class=format!("pill pill-{key}")>{applicability(line.applicability)}</span></td>
                                        <td>{line.why}</td>
                                        <td>{line.status}</td>
                                        <td>{line.owner}</td>
                                        <td>{line.evidence}</td>
                                        <td class="nowrap">{line.target}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
            }
        }).collect_view()}
    }
}
