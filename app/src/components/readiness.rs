//! The certification-readiness figure with its three parts (clauses, SoA,
//! nonconformities), as the engine works it out. A part the engine cannot
//! know yet is said to be "not assessed", never shown as a percentage.

use crate::state::AppState;
use crate::ui::workbench::read_analysed;
use engine::{
    certification_readiness, CertificationReadiness, CLAUSE_WEIGHT, NONCONFORMITY_WEIGHT,
    SOA_WEIGHT,
};
use leptos::prelude::*;

/// The readiness of the open workspace, recomputed when it changes.
pub fn readiness_memo(state: AppState) -> Memo<Option<CertificationReadiness>> {
    Memo::new(move |_| {
        read_analysed(state, |ws, analysis| {
            certification_readiness(ws, &analysis.soa)
        })
    })
}

/// A share from 0 to 1 as whole percent, or "not assessed".
pub fn percent_or_not_assessed(share: Option<f64>) -> String {
    match share {
        Some(share) => format!("{:.0} %", share * 100.0),
        None => "not assessed".to_owned(),
    }
}

/// The figure as text: "62 %", or "not assessed" when no part is known.
pub fn readiness_figure(readiness: &CertificationReadiness) -> String {
    percent_or_not_assessed(readiness.figure.map(|f| f / 100.0))
}

/// Its three parts in one line: "clauses 70 %, SoA 55 %, nonconformities
/// not assessed".
pub fn readiness_parts(readiness: &CertificationReadiness) -> String {
    format!(
        "clauses {}, SoA {}, nonconformities {}",
        percent_or_not_assessed(readiness.clauses.score),
        percent_or_not_assessed(readiness.soa.score),
        percent_or_not_assessed(readiness.nonconformities.score)
    )
}

/// The figure and its parts in one sentence, linked to the Clauses page
/// that explains them; for pages that show readiness beside other figures.
#[component]
pub fn ReadinessLine(#[prop(into)] workspace_id: Signal<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let readiness = readiness_memo(state);
    move || {
        readiness.get().map(|r| {
            view! {
                <p class="readiness-line" data-testid="readiness-line">
                    "Certification readiness "
                    <strong data-testid="readiness-line-figure">{readiness_figure(&r)}</strong>
                    {format!(" ({}). ", readiness_parts(&r))}
                    <a href=crate::routes::Route::Clauses(workspace_id.get()).href()>"How it is worked out"</a>
                </p>
            }
        })
    }
}

/// The figure and its parts, each with what it is made of.
#[component]
pub fn ReadinessPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let readiness = readiness_memo(state);
    move || {
        let Some(r) = readiness.get() else {
            return ().into_any();
        };
        let figure = readiness_figure(&r);
        let c = &r.clauses;
        let clause_detail = format!(
            "{} fully met, {} partially met, {} not started, {} not applicable, {} not assessed (counted as not started)",
            c.fully_met, c.partially_met, c.not_started, c.not_applicable, c.not_assessed
        );
        let s = &r.soa;
        let soa_detail = format!(
            "decided {:.0} %, implemented {:.0} % (recorded {:.0} %, lowered by open nonconformities on {} control(s)), risks treated {:.0} %, exclusions justified {:.0} %",
            s.decided * 100.0,
            s.effective_implementation * 100.0,
            s.recorded_implementation * 100.0,
            s.lowered_controls.len(),
            s.risks_treated * 100.0,
            s.exclusions_justified * 100.0
        );
        let n = &r.nonconformities;
        let nc_detail = format!(
            "{} open minor, {} open major (counts twice), {} closed; {} completed internal audit(s)",
            n.open_minor, n.open_major, n.closed, n.completed_audits
        );
        let blockers = r
            .blockers
            .iter()
            .map(|id| id.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        view! {
            <section class="card readiness" aria-labelledby="readiness-heading" data-testid="readiness">
                <h2 id="readiness-heading">"Certification readiness"</h2>
                <p class="readiness-figure">
                    <span class="number" data-testid="readiness-figure">{figure}</span>
                    " — the weighted mean of the parts that are known"
                </p>
                <dl class="readiness-parts">
                    <div data-testid="readiness-clauses">
                        <dt>{format!("Clauses 4–10 (weight {CLAUSE_WEIGHT})")}</dt>
                        <dd><strong data-testid="readiness-clauses-value">{percent_or_not_assessed(c.score)}</strong>": "{clause_detail}</dd>
                    </div>
                    <div data-testid="readiness-soa">
                        <dt>{format!("Statement of Applicability (weight {SOA_WEIGHT})")}</dt>
                        <dd><strong data-testid="readiness-soa-value">{percent_or_not_assessed(s.score)}</strong>": "{soa_detail}</dd>
                    </div>
                    <div data-testid="readiness-nonconformities">
                        <dt>{format!("Nonconformities (weight {NONCONFORMITY_WEIGHT})")}</dt>
                        <dd><strong data-testid="readiness-nonconformities-value">{percent_or_not_assessed(n.score)}</strong>": "{nc_detail}</dd>
                    </div>
                </dl>
                {(!r.blockers.is_empty()).then(|| view! {
                    <p class="warning" data-testid="readiness-blockers">
                        {format!("Blocks certification while open: {blockers} (major nonconformity).")}
                    </p>
                })}
            </section>
        }
        .into_any()
    }
}
