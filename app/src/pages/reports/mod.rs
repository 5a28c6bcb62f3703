//! Printable reports (PRODUCT.md section 4): the Statement of Applicability,
//! the risk register, the risk treatment plan and a one-page management
//! summary, laid out for the browser's print to PDF on A4 paper. The print
//! rules live in `style/main.css` (`@media print`): the app's header and
//! banners disappear, table headers repeat on every page and rows are never
//! split.

mod cycle;
mod plan;
mod review_pack;
mod risks;
mod soa;
mod summary;

use crate::components::OpenWorkspaceGate;
use crate::routes::{ReportKind, Route};
use crate::state::AppState;
use crate::ui::workbench::read;
use engine::{Methodology, PersonId, Workspace};
use leptos::prelude::*;

/// The title of a report, as on its page and in the list.
fn report_title(kind: ReportKind) -> &'static str {
    match kind {
        ReportKind::Soa => "Statement of Applicability",
        ReportKind::Risks => "Risk register",
        ReportKind::Plan => "Risk treatment plan",
        ReportKind::Summary => "Management summary",
        ReportKind::Clauses => "Clause readiness (gap analysis)",
        ReportKind::Audits => "Internal audit report",
        ReportKind::Nonconformities => "Nonconformity register",
        ReportKind::ReviewPack => "Management-review pack",
    }
}

/// What a report holds, for the list of reports.
fn report_description(kind: ReportKind) -> &'static str {
    match kind {
        ReportKind::Soa => {
            "Every Annex A and custom control by theme: whether it applies and why, or the \
             justification for leaving it out, with its implementation status, owner, evidence \
             and target date (ISO/IEC 27001 clause 6.1.3 d)."
        }
        ReportKind::Risks => {
            "Every risk with its owner and assets, the inherent level, the current and planned \
             residual level, the treatment decision and whether it lies above the risk appetite."
        }
        ReportKind::Plan => {
            "The treatment actions with owner, due date, status and cost, the risks and controls \
             each one serves, overdue actions marked, and the totals."
        }
        ReportKind::Summary => {
            "One page for management: the key figures, the inherent and residual heat maps, how \
             the risks spread over the levels, and the most important findings."
        }
        ReportKind::Clauses => {
            "Each requirement of clauses 4 to 10 with its status, owner, evidence and notes, the \
             gaps marked, and the certification-readiness figure with its three parts."
        }
        ReportKind::Audits => {
            "The internal audit programme (scope, dates, lead auditor, status) and every finding \
             by class, with the clause or control it concerns and the nonconformity raised from it."
        }
        ReportKind::Nonconformities => {
            "Every nonconformity with where it came from, grade, root cause and correction, owner, \
             due date (overdue marked), its corrective actions and the effectiveness review."
        }
        ReportKind::ReviewPack => {
            "The inputs of a management review (clause 9.3.2) since the previous one: earlier \
             review actions, nonconformities and corrective action, audits, objectives, \
             incidents, documents, the risk status, opportunities for improvement and the \
             certification readiness."
        }
    }
}

/// The list of reports of workspace `id`.
#[component]
pub fn ReportsPage(id: String) -> impl IntoView {
    let workspace = id.clone();
    view! {
        <OpenWorkspaceGate id=id>
            <h1>"Reports"</h1>
            <p class="lead">"Documents to hand to management and auditors, worked out from the registers as they are now."</p>
            <ul class="report-list" data-testid="report-list">
                {ReportKind::ALL.into_iter().map(|kind| view! {
                    <li class="card report-card" data-testid="report-link" data-kind=kind.key()>
                        <h2><a href=Route::Report(workspace.clone(), kind).href()>{report_title(kind)}</a></h2>
                        <p>{report_description(kind)}</p>
                    </li>
                }).collect_view()}
            </ul>
            <p class="print-hint" data-testid="print-hint">
                <strong>"Printing: "</strong>
                "open a report and press its \u{201c}Print or save as PDF\u{201d} button (or Ctrl+P). \
                 Choose A4 paper and \u{201c}Save as PDF\u{201d} as the printer for a file. The \
                 app's menus are left out, table headings repeat on every page and no row is cut \
                 in two."
            </p>
        </OpenWorkspaceGate>
    }
}

/// One report of workspace `id`.
#[component]
pub fn ReportPage(id: String, kind: ReportKind) -> impl IntoView {
    view! {
        <OpenWorkspaceGate id=id>
            <article class=format!("report report-{}", kind.key()) data-testid=format!("report-{}", kind.key())>
                <ReportHeader kind=kind/>
                {match kind {
                    ReportKind::Soa => view! { <soa::SoaReport/> }.into_any(),
                    ReportKind::Risks => view! { <risks::RiskReport/> }.into_any(),
                    ReportKind::Plan => view! { <plan::PlanReport/> }.into_any(),
                    ReportKind::Summary => view! { <summary::SummaryReport/> }.into_any(),
                    ReportKind::Clauses => view! { <cycle::ClauseReport/> }.into_any(),
                    ReportKind::Audits => view! { <cycle::AuditReport/> }.into_any(),
                    ReportKind::Nonconformities => view! { <cycle::NonconformityReport/> }.into_any(),
                    ReportKind::ReviewPack => view! { <review_pack::ReviewPackReport/> }.into_any(),
                }}
            </article>
        </OpenWorkspaceGate>
    }
}

/// Title, organisation, date and data version of a report, with the print
/// button (which the printout leaves out).
#[component]
fn ReportHeader(kind: ReportKind) -> impl IntoView {
    let state = expect_context::<AppState>();
    let organisation = move || read(state, |ws| ws.name.clone()).unwrap_or_default();
    let workspace = move || read(state, |ws| ws.id.as_str().to_owned()).unwrap_or_default();
    let date = crate::ui::today()
        .map(|d| d.to_string())
        .unwrap_or_default();
    view! {
        <header class="report-header">
            <p class="report-back no-print">
                <a href=move || Route::Reports(workspace()).href()>"\u{2190} All reports"</a>
            </p>
            <div class="report-title-row">
                <h1>{report_title(kind)}</h1>
                <button
                    type="button"
                    class="primary print-button no-print"
                    data-testid="print-report"
                    on:click=move |_| {
                        // Printing can be refused (a kiosk, a policy); nothing to undo then.
                        let _ = window().print();
                    }
                >
                    "Print or save as PDF"
                </button>
            </div>
            <dl class="report-meta" data-testid="report-meta">
                <div>
                    <dt>"Organisation"</dt>
                    <dd data-testid="report-organisation">{organisation}</dd>
                </div>
                <div>
                    <dt>"Date"</dt>
                    <dd data-testid="report-date">{date}</dd>
                </div>
                <div>
                    <dt>"Data"</dt>
                    <dd data-testid="report-schema">{format!("schema version {}", engine::SCHEMA_VERSION)}</dd>
                </div>
            </dl>
        </header>
    }
}

/// The open workspace's methodology, for level badges.
fn methodology_signal(state: AppState) -> Signal<Methodology> {
    Signal::derive(move || read(state, |ws| ws.methodology.clone()).unwrap_or_default())
}

/// The name of person `id`, or a dash.
fn person_name(workspace: &Workspace, id: Option<&PersonId>) -> String {
    workspace.person_name(id).unwrap_or(DASH).to_owned()
}

/// Shown where a cell has nothing to say.
const DASH: &str = "\u{2014}";

/// `text`, or a dash when it is blank.
fn or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        DASH.to_owned()
    } else {
        text.to_owned()
    }
}
