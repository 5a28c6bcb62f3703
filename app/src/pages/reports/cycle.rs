//! The ISMS-cycle reports: clause readiness (the gap analysis of clauses 4
//! to 10 with the certification-readiness figure), the internal-audit
//! report (the programme and the findings by class) and the nonconformity
//! register. Each is a table read from the open workspace as it is now.

use super::{or_dash, person_name, DASH};
use crate::components::ReadinessPanel;
use crate::state::AppState;
use crate::ui::labels::{audit_status, clause_status, finding_class};
use crate::ui::labels::{nonconformity_grade, nonconformity_status};
use crate::ui::workbench::read;
use engine::{clause_catalogue, ClauseStatus, Date, FindingClass, NonconformitySource, Workspace};
use leptos::prelude::*;

/// One row of a report table: its cells as text, a test id, an id for
/// `data-id` and whether it is marked (overdue, a gap).
#[derive(Debug, Clone, PartialEq)]
struct Row {
    id: String,
    cells: Vec<String>,
    marked: bool,
}

/// A cell's text; in a short cell each comma-separated piece short enough
/// (an id, a date, "clause 8.1") is kept on one line, so a narrow printed
/// column never breaks "FND-0001" or "2026-06-12" at its hyphen.
fn cell(text: String) -> AnyView {
    if text.chars().count() > 60 {
        return text.into_any();
    }
    let pieces: Vec<String> = text.split(", ").map(str::to_owned).collect();
    let last = pieces.len() - 1;
    pieces
        .into_iter()
        .enumerate()
        .map(|(i, piece)| {
            let short = piece.chars().count() <= 24;
            view! {
                <span class:nowrap=short>{piece}</span>
                {(i < last).then_some(", ")}
            }
        })
        .collect_view()
        .into_any()
}

/// A report table with `headings`, or `empty` when there are no rows.
fn table(
    class: &'static str,
    row_testid: &'static str,
    headings: &'static [&'static str],
    rows: Vec<Row>,
    empty: &'static str,
) -> AnyView {
    if rows.is_empty() {
        return view! { <p class="muted">{empty}</p> }.into_any();
    }
    view! {
        <table class=format!("report-table {class}")>
            <thead><tr>{headings.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view()}</tr></thead>
            <tbody>
                {rows.into_iter().map(|row| {
                    let mut cells = row.cells.into_iter();
                    let first = cells.next().unwrap_or_default();
                    view! {
                        <tr data-testid=row_testid data-id=row.id class:overdue=row.marked>
                            <th scope="row">{cell(first)}</th>
                            {cells.map(|c| view! { <td>{cell(c)}</td> }).collect_view()}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// "A and B" style list, or a dash.
fn list_or_dash(parts: Vec<String>) -> String {
    if parts.is_empty() {
        DASH.to_owned()
    } else {
        parts.join(", ")
    }
}

// --- Clause readiness ----------------------------------------------------

fn clause_rows(ws: &Workspace) -> Vec<Row> {
    clause_catalogue()
        .iter()
        .map(|c| {
            let assessment = ws.clauses.iter().find(|a| a.clause.as_str() == c.number);
            let status = assessment.map(|a| a.status);
            Row {
                id: c.number.to_owned(),
                cells: vec![
                    c.number.to_owned(),
                    format!("{}: {}", c.title, c.summary),
                    status.map_or("Not assessed", clause_status).to_owned(),
                    person_name(ws, assessment.and_then(|a| a.owner.as_ref())),
                    or_dash(assessment.map_or("", |a| a.evidence.as_str())),
                    or_dash(assessment.map_or("", |a| a.notes.as_str())),
                ],
                marked: !matches!(
                    status,
                    Some(ClauseStatus::FullyMet | ClauseStatus::NotApplicable)
                ),
            }
        })
        .collect()
}

#[component]
pub(super) fn ClauseReport() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = Memo::new(move |_| read(state, clause_rows).unwrap_or_default());
    view! {
        <ReadinessPanel/>
        <section>
            <h2>"Clauses 4–10"</h2>
            <p data-testid="clause-gaps">{move || {
                let gaps = rows.with(|r| r.iter().filter(|r| r.marked).count());
                format!("{gaps} of {} requirements are not yet fully met (marked); a clause nobody assessed counts as not started.", rows.with(Vec::len))
            }}</p>
            {move || table("clause-report-table", "clause-report-row",
                &["Clause", "Requirement (in our words)", "Status", "Owner", "Evidence", "Notes"],
                rows.get(), "The clause catalogue is empty.")}
        </section>
    }
}

// --- Internal audits -----------------------------------------------------

/// The audit programme and the findings grouped by class.
fn audit_tables(ws: &Workspace) -> (Vec<Row>, Vec<(FindingClass, Vec<Row>)>) {
    let programme = ws
        .audits
        .iter()
        .map(|a| {
            let dates = match (a.start, a.end) {
                (Some(s), Some(e)) if s != e => format!("{s} to {e}"),
                (Some(d), _) | (None, Some(d)) => d.to_string(),
                (None, None) => DASH.to_owned(),
            };
            let mut scope: Vec<String> = a.clauses.iter().map(|c| format!("clause {c}")).collect();
            scope.extend(a.controls.iter().map(ToString::to_string));
            Row {
                id: a.id.to_string(),
                cells: vec![
                    format!("{} {}", a.id, a.title),
                    dates,
                    person_name(ws, a.auditor.as_ref()),
                    list_or_dash(scope),
                    audit_status(a.status).to_owned(),
                    a.findings.len().to_string(),
                ],
                marked: false,
            }
        })
        .collect();
    let by_class = FindingClass::ALL
        .into_iter()
        .map(|class| {
            let rows = ws
                .audits
                .iter()
                .flat_map(|a| a.findings.iter().map(move |f| (a, f)))
                .filter(|(_, f)| f.class == class)
                .map(|(a, f)| {
                    let mut concerns: Vec<String> =
                        f.clause.iter().map(|c| format!("clause {c}")).collect();
                    concerns.extend(f.control.iter().map(ToString::to_string));
                    let raised = ws.nonconformities.iter().find(|n| {
                        matches!(&n.source, NonconformitySource::AuditFinding { finding } if *finding == f.id)
                    });
                    Row {
                        id: f.id.to_string(),
                        cells: vec![
                            f.id.to_string(),
                            a.id.to_string(),
                            list_or_dash(concerns),
                            f.description.clone(),
                            raised.map_or_else(
                                || DASH.to_owned(),
                                |n| format!("{} ({})", n.id, nonconformity_status(n.status)),
                            ),
                        ],
                        marked: false,
                    }
                })
                .collect();
            (class, rows)
        })
        .collect();
    (programme, by_class)
}

#[component]
pub(super) fn AuditReport() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = Memo::new(move |_| read(state, audit_tables).unwrap_or_default());
    move || {
        let (programme, by_class) = data.get();
        let counts = by_class
            .iter()
            .map(|(class, rows)| {
                let name = match (class, rows.len()) {
                    (_, 1) => finding_class(*class),
                    (FindingClass::MajorNonconformity, _) => "major nonconformities",
                    (FindingClass::MinorNonconformity, _) => "minor nonconformities",
                    (FindingClass::Observation, _) => "observations",
                    (FindingClass::OpportunityForImprovement, _) => "opportunities for improvement",
                };
                format!("{} {}", rows.len(), name.to_lowercase())
            })
            .collect::<Vec<_>>()
            .join(", ");
        view! {
            <section data-testid="audit-programme">
                <h2>"Audit programme"</h2>
                {table("audit-report-table", "audit-report-row",
                    &["Audit", "Dates", "Lead auditor", "Scope", "Status", "Findings"],
                    programme, "No internal audits recorded.")}
            </section>
            <section data-testid="audit-findings">
                <h2>"Findings by class"</h2>
                <p data-testid="finding-counts">{format!("Findings: {counts}.")}</p>
                {by_class.into_iter().map(|(class, rows)| view! {
                    <h3>{finding_class(class)}</h3>
                    {table("finding-report-table", "finding-report-row",
                        &["Finding", "Audit", "Clause or control", "What was found", "Nonconformity"],
                        rows, "None.")}
                }).collect_view()}
            </section>
        }
    }
}

// --- Nonconformity register ---------------------------------------------

fn nonconformity_rows(ws: &Workspace, today: Option<Date>) -> Vec<Row> {
    ws.nonconformities
        .iter()
        .map(|n| {
            let source = match &n.source {
                NonconformitySource::Manual => "by hand".to_owned(),
                NonconformitySource::AuditFinding { finding } => format!("finding {finding}"),
                NonconformitySource::Incident { incident } => format!("incident {incident}"),
            };
            let mut concerns: Vec<String> =
                n.clause.iter().map(|c| format!("clause {c}")).collect();
            concerns.extend(n.controls.iter().map(ToString::to_string));
            let overdue = today.is_some_and(|t| n.overdue(t));
            let done = n
                .corrective_actions
                .iter()
                .filter(|a| !a.status.is_open())
                .count();
            let effectiveness = match &n.effectiveness {
                Some(r) if r.effective => format!("effective {}", r.date),
                Some(r) => format!("not effective {}", r.date),
                None => DASH.to_owned(),
            };
            Row {
                id: n.id.to_string(),
                cells: vec![
                    format!("{} {}", n.id, n.title),
                    format!(
                        "{} Root cause: {} Correction: {}",
                        or_dash(&n.description),
                        or_dash(&n.root_cause),
                        or_dash(&n.correction)
                    ),
                    format!(
                        "{source}, {}",
                        n.raised_on
                            .map_or_else(|| DASH.to_owned(), |d| d.to_string())
                    ),
                    nonconformity_grade(n.grade).to_owned(),
                    list_or_dash(concerns),
                    person_name(ws, n.owner.as_ref()),
                    match n.due {
                        Some(d) if overdue => format!("{d} (overdue)"),
                        Some(d) => d.to_string(),
                        None => DASH.to_owned(),
                    },
                    format!("{done} of {} done", n.corrective_actions.len()),
                    format!("{}, {effectiveness}", nonconformity_status(n.status)),
                ],
                marked: overdue,
            }
        })
        .collect()
}

#[component]
pub(super) fn NonconformityReport() -> impl IntoView {
    let state = expect_context::<AppState>();
    let today = crate::ui::today();
    let rows =
        Memo::new(move |_| read(state, |ws| nonconformity_rows(ws, today)).unwrap_or_default());
    let counts = Memo::new(move |_| {
        read(state, |ws| {
            let open = ws.nonconformities.iter().filter(|n| n.is_open()).count();
            (open, ws.nonconformities.len() - open)
        })
        .unwrap_or_default()
    });
    view! {
        <p data-testid="nc-report-counts">{move || {
            let (open, closed) = counts.get();
            let overdue = rows.with(|r| r.iter().filter(|r| r.marked).count());
            format!("{open} open ({overdue} overdue, marked), {closed} closed.")
        }}</p>
        {move || table("nc-report-table", "nc-report-row",
            &["Nonconformity", "What, why and the correction", "From, raised", "Grade", "Concerns", "Owner", "Due", "Corrective actions", "Status and effectiveness"],
            rows.get(), "No nonconformities recorded.")}
    }
}
