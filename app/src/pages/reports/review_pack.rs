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
        <section>
            <h2>"Actions from earlier reviews"</h2>
            {if pack.earlier_actions.is_empty() {
                view! { <p class="muted">"None."</p> }.into_any()
            } else {
                view! {
                    <table class="report-table">
                        <thead><tr><th scope="col">"Review"</th><th scope="col">"Action"</th><th scope="col">"Owner"</th><th scope="col">"Due"</th><th scope="col">"Status"</th></tr></thead>
                        <tbody>
                            {pack.earlier_actions.iter().zip(owners).map(|(a, owner)| view! {
                                <tr>
                                    <td>{a.review.to_string()}</td><td>{a.title.clone()}</td><td>{owner}</td>
                                    <td>{date_or_dash(a.due)}</td>
                                    <td>{action_status(a.status)}{a.overdue.then_some(" (overdue)")}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
        <section data-testid="pack-nonconformities">
            <h2>"Nonconformities and corrective action"</h2>
            {if pack.nonconformities.is_empty() {
                view! { <p class="muted">"None open or closed in the period."</p> }.into_any()
            } else {
                view! {
                    <table class="report-table">
                        <thead><tr><th scope="col">"Nonconformity"</th><th scope="col">"Grade"</th><th scope="col">"Status"</th><th scope="col">"Actions done"</th><th scope="col">"Due"</th><th scope="col">"Effective"</th></tr></thead>
                        <tbody>
                            {pack.nonconformities.iter().map(|n| view! {
                                <tr data-testid="pack-nc" data-id=n.id.to_string() data-status=n.status.name()>
                                    <td>{format!("{} {}", n.id, n.title)}</td>
                                    <td>{nonconformity_grade(n.grade)}</td>
                                    <td>{nonconformity_status(n.status)}</td>
                                    <td>{format!("{} of {}", n.actions_done, n.actions)}</td>
                                    <td>{date_or_dash(n.due)}</td>
                                    <td>{match n.effective { Some(true) => "yes", Some(false) => "no", None => DASH }}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
        <section data-testid="pack-audits">
            <h2>"Internal audits"</h2>
            {if pack.audits.is_empty() {
                view! { <p class="muted">"None in the period."</p> }.into_any()
            } else {
                view! {
                    <table class="report-table">
                        <thead><tr><th scope="col">"Audit"</th><th scope="col">"Status"</th><th scope="col">"Ended"</th><th scope="col">"Major"</th><th scope="col">"Minor"</th><th scope="col">"Observations"</th><th scope="col">"Opportunities"</th></tr></thead>
                        <tbody>
                            {pack.audits.iter().map(|a| view! {
                                <tr data-testid="pack-audit">
                                    <td>{format!("{} {}", a.id, a.title)}</td><td>{audit_status(a.status)}</td>
                                    <td>{date_or_dash(a.end)}</td><td>{a.major}</td><td>{a.minor}</td>
                                    <td>{a.observations}</td><td>{a.opportunities}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
        <section>
            <h2>"Security objectives"</h2>
            {if pack.objectives.is_empty() {
                view! { <p class="muted">"No objectives recorded."</p> }.into_any()
            } else {
                view! {
                    <table class="report-table">
                        <thead><tr><th scope="col">"Objective"</th><th scope="col">"Target"</th><th scope="col">"Latest"</th><th scope="col">"On target"</th></tr></thead>
                        <tbody>
                            {pack.objectives.iter().map(|o| view! {
                                <tr>
                                    <td>{format!("{} {}", o.id, o.title)}</td>
                                    <td>{format!("{} {}", o.target, o.unit)}</td>
                                    <td>{o.latest.as_ref().map(|m| format!("{} {} ({})", m.value, o.unit, m.date)).unwrap_or_else(|| DASH.to_owned())}</td>
                                    <td>{match o.on_target { Some(true) => "yes", Some(false) => "no", None => DASH }}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
        <section>
            <h2>"Incidents"</h2>
            {if pack.incidents.is_empty() {
                view! { <p class="muted">"None in the period."</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {pack.incidents.iter().map(|i| view! {
                            <li>{format!("{} {} ({}): {}", i.id, i.title, i.occurred, or_dash(&i.lessons_learned))}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
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
        <section>
            <h2>"Opportunities for improvement"</h2>
            {if pack.opportunities.is_empty() {
                view! { <p class="muted">"None recorded."</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {pack.opportunities.iter().map(|o| view! {
                            <li>{format!("{} ({}): {}", o.finding, o.audit, o.description)}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
