//! The management-review pack (clause 9.3.2): what top management looks
//! at in a review, assembled by the engine from the registers as of a day
//! the person picks (today unless changed): the previous review before that
//! day starts the period the pack covers. It holds
//! earlier review actions, documents, objectives, audits, nonconformities,
//! incidents, the risk status, improvement opportunities, readiness and the
//! PDCA status.

use super::{or_dash, person_name, DASH};
use crate::components::{percent_or_not_assessed, DateField};
use crate::state::AppState;
use crate::ui::labels::{audit_status, nonconformity_grade, nonconformity_status};
use crate::ui::workbench::{action_status, read_analysed};
use engine::{management_review_pack, Date, ReviewPack};
use leptos::prelude::*;

fn date_or_dash(date: Option<Date>) -> String {
    date.map(|d| d.to_string())
        .unwrap_or_else(|| DASH.to_owned())
}

#[component]
pub(super) fn ReviewPackReport() -> impl IntoView {
    let state = expect_context::<AppState>();
    let today = crate::ui::today();
    let as_of = RwSignal::new(today.map(|d| d.to_string()).unwrap_or_default());
    let problem = Signal::derive(move || {
        match as_of.get().trim() {
        "" => None,
        text => Date::parse(text)
            .is_none()
            .then(|| format!("{text:?} is not a date of the form YYYY-MM-DD; the pack stays as of the last valid day.")),
    }
    });
    let day = Memo::new(
        move |previous: Option<&Option<Date>>| match as_of.get().trim() {
            "" => today,
            text => Date::parse(text).or_else(|| previous.copied().flatten()),
        },
    );
    let pack = Memo::new(move |_| {
        let day = day.get()?;
        read_analysed(state, |ws, analysis| {
            let pack = management_review_pack(ws, analysis, day);
            let owners: Vec<String> = pack
                .earlier_actions
                .iter()
                .map(|a| person_name(ws, a.owner.as_ref()))
                .collect();
            (pack, owners)
        })
    });
    view! {
        <div class="no-print pack-date" data-testid="pack-date">
            <DateField id="pack-as-of" label="Pack as of" value=as_of testid="pack-as-of" error=problem
                description=Signal::stored("The period runs from the last management review before this day up to it. Empty: today.".to_owned())/>
        </div>
        {move || {
            let Some((pack, owners)) = pack.get() else {
                return ().into_any();
            };
            view! { <PackBody pack=pack owners=owners/> }.into_any()
        }}
    }
}

#[component]
fn PackBody(pack: ReviewPack, owners: Vec<String>) -> impl IntoView {
    let since = match &pack.previous_review {
        Some((id, date)) => format!(
            "Covers the period since the previous review, {id} of {date}, up to {}.",
            pack.date
        ),
        None => format!(
            "No earlier management review: covers everything recorded up to {}.",
            pack.date
        ),
    };
    let r = &pack.readiness;
    let figure = r
        .figure
        .map(|f| format!("{f:.0} %"))
        .unwrap_or_else(|| "not assessed".to_owned());
    let risks = &pack.risks;
    view! {
        <p class="lead" data-testid="pack-period">{since}</p>
        <section data-testid="pack-readiness">
            <h2>"Certification readiness"</h2>
            <p>
                <strong data-testid="pack-readiness-figure">{figure}</strong>
                {format!(" — clauses {}, SoA {}, nonconformities {}.",
                    percent_or_not_assessed(r.clauses.score),
                    percent_or_not_assessed(r.soa.score),
                    percent_or_not_assessed(r.nonconformities.score))}
            </p>
        </section>
        {pack_table("Actions from earlier reviews", None, "None.",
            &["Review", "Action", "Owner", "Due", "Status"],
            pack.earlier_actions.iter().zip(owners).map(|(a, owner)| PackRow::plain(vec![
                a.review.to_string(), a.title.clone(), owner, date_or_dash(a.due),
                format!("{}{}", action_status(a.status), if a.overdue { " (overdue)" } else { "" }),
            ])).collect())}
        {pack_table("Nonconformities and corrective action", Some("pack-nonconformities"),
            "None open or closed in the period.",
            &["Nonconformity", "Grade", "Status", "Actions done", "Due", "Effective"],
            pack.nonconformities.iter().map(|n| PackRow {
                testid: Some("pack-nc"),
                id: Some(n.id.to_string()),
                status: Some(n.status.name()),
                cells: vec![
                    format!("{} {}", n.id, n.title), nonconformity_grade(n.grade).to_owned(),
                    nonconformity_status(n.status).to_owned(), format!("{} of {}", n.actions_done, n.actions),
                    date_or_dash(n.due), yes_no(n.effective).to_owned(),
                ],
            }).collect())}
        {pack_table("Internal audits", Some("pack-audits"), "None in the period.",
            &["Audit", "Status", "Ended", "Major", "Minor", "Observations", "Opportunities"],
            pack.audits.iter().map(|a| PackRow {
                testid: Some("pack-audit"),
                id: None,
                status: None,
                cells: vec![
                    format!("{} {}", a.id, a.title), audit_status(a.status).to_owned(), date_or_dash(a.end),
                    a.major.to_string(), a.minor.to_string(), a.observations.to_string(), a.opportunities.to_string(),
                ],
            }).collect())}
        {pack_table("Security objectives", None, "No objectives recorded.",
            &["Objective", "Target", "Latest", "On target"],
            pack.objectives.iter().map(|o| PackRow::plain(vec![
                format!("{} {}", o.id, o.title),
                format!("{} {}", o.target, o.unit),
                o.latest.as_ref().map(|m| format!("{} {} ({})", m.value, o.unit, m.date)).unwrap_or_else(|| DASH.to_owned()),
                yes_no(o.on_target).to_owned(),
            ])).collect())}
        {pack_list("Incidents", "None in the period.",
            pack.incidents.iter().map(|i| format!("{} {} ({}): {}", i.id, i.title, i.occurred, or_dash(&i.lessons_learned))).collect())}
        <section>
            <h2>"Documents"</h2>
            <p>{format!("{} approved in the period, {} overdue for review, {} drafts.",
                pack.documents.approved.len(), pack.documents.review_overdue.len(), pack.documents.drafts.len())}</p>
        </section>
        <section>
            <h2>"Risks and treatment"</h2>
            <p>{format!("{} open risks; {} above appetite now, {} after the plan; {} open treatment actions, {} overdue; SoA implementation {:.0} %.",
                risks.open_risks, risks.above_appetite_now, risks.above_appetite_planned,
                risks.open_actions, risks.overdue_actions, risks.implementation_progress * 100.0)}</p>
        </section>
        {pack_list("Opportunities for improvement", "None recorded.",
            pack.opportunities.iter().map(|o| format!("{} ({}): {}", o.finding, o.audit, o.description)).collect())}
    }
}

/// One row of a pack table: its cells, and the test id, object id and
/// status the tests and styles look for.
struct PackRow {
    testid: Option<&'static str>,
    id: Option<String>,
    status: Option<&'static str>,
    cells: Vec<String>,
}

impl PackRow {
    fn plain(cells: Vec<String>) -> Self {
        Self {
            testid: None,
            id: None,
            status: None,
            cells,
        }
    }
}

fn yes_no(value: Option<bool>) -> &'static str {
    match value {
        Some(true) => "yes",
        Some(false) => "no",
        None => DASH,
    }
}

/// A section of the pack with a table, or `empty` when it has no rows.
fn pack_table(
    title: &'static str,
    testid: Option<&'static str>,
    empty: &'static str,
    headers: &'static [&'static str],
    rows: Vec<PackRow>,
) -> impl IntoView {
    let body = if rows.is_empty() {
        view! { <p class="muted">{empty}</p> }.into_any()
    } else {
        view! {
            <table class="report-table">
                <thead><tr>{headers.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| view! {
                        <tr data-testid=row.testid data-id=row.id data-status=row.status>
                            {row.cells.into_iter().map(|cell| view! { <td>{cell}</td> }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    view! { <section data-testid=testid><h2>{title}</h2>{body}</section> }
}

/// A section of the pack with a list, or `empty` when it has no items.
fn pack_list(title: &'static str, empty: &'static str, items: Vec<String>) -> impl IntoView {
    let body = if items.is_empty() {
        view! { <p class="muted">{empty}</p> }.into_any()
    } else {
        view! { <ul>{items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}</ul> }
            .into_any()
    };
    view! { <section><h2>{title}</h2>{body}</section> }
}
