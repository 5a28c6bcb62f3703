//! What the engine says about the draft while it is typed: levels, the
//! residual breakdown.

use crate::components::LevelBadge;
use crate::ui::labels::{basis, implementation, property};
use crate::ui::today;
use engine::{
    analyze_with, AnalysisOptions, ImpactSource, Methodology, Rating, Residual, Risk,
    RiskAssessment, Workspace,
};
use leptos::prelude::*;

/// A copy of `workspace` that holds only `risk`, so the editor's live
/// analysis costs the same for ten risks or ten thousand.
pub(super) fn with_only(workspace: &Workspace, risk: Risk) -> Workspace {
    Workspace {
        id: workspace.id.clone(),
        name: String::new(),
        scope: String::new(),
        methodology: workspace.methodology.clone(),
        people: workspace.people.clone(),
        assets: workspace.assets.clone(),
        threats: Vec::new(),
        vulnerabilities: Vec::new(),
        risks: vec![risk],
        controls: workspace.controls.clone(),
        soa: workspace.soa.clone(),
        actions: workspace.actions.clone(),
        scenarios: Vec::new(),
        clauses: Vec::new(),
        documents: Vec::new(),
        objectives: Vec::new(),
        audits: Vec::new(),
        nonconformities: Vec::new(),
        incidents: Vec::new(),
        management_reviews: Vec::new(),
    }
}

/// What the engine says about the draft.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Preview {
    pub(super) assessment: RiskAssessment,
    /// The impact the assets' valuation suggests, and where it comes from.
    pub(super) suggested: (u8, String),
    pub(super) appetite: String,
}

pub(super) fn preview(workspace: &Workspace, risk: &Risk) -> Option<Preview> {
    let options = AnalysisOptions { today: today() };
    let mut following_assets = risk.clone();
    following_assets.impact = None;
    let suggestion = analyze_with(&with_only(workspace, following_assets), &options);
    let suggestion = suggestion.risks.first()?;
    let source = match &suggestion.impact_source {
        ImpactSource::AssetValuation { asset, property: p } => {
            let name = workspace
                .assets
                .iter()
                .find(|a| &a.id == asset)
                .map_or_else(|| asset.to_string(), |a| a.name.clone());
            format!("{} of {name}", property(*p).to_lowercase())
        }
        _ => "no asset valuation applies; the lowest impact is assumed".to_owned(),
    };
    let analysis = analyze_with(&with_only(workspace, risk.clone()), &options);
    let methodology = &workspace.methodology;
    Some(Preview {
        assessment: analysis.risks.first()?.clone(),
        suggested: (suggestion.inherent.impact.get(), source),
        appetite: methodology
            .level_definition(methodology.appetite())
            .name
            .clone(),
    })
}

#[component]
pub(super) fn LiveLevels(
    live: Memo<Option<Preview>>,
    methodology: Memo<Methodology>,
) -> impl IntoView {
    let methodology = Signal::from(methodology);
    let level =
        move |pick: fn(&Preview) -> (Rating, bool), label: &'static str, test_id: &'static str| {
            move || {
                live.with(|p| p.as_ref().map(pick)).map(|(rating, above)| {
                    view! {
                        <div class="live-level" data-testid=test_id>
                            <span class="live-label">{label}</span>
                            <LevelBadge methodology=methodology level=rating.level/>
                            <span class="muted small">
                                {format!("L{} × I{}", rating.likelihood.get(), rating.impact.get())}
                                {above.then_some(" · above appetite")}
                            </span>
                        </div>
                    }
                })
            }
        };
    view! {
        <div class="card live-levels" role="status" aria-live="polite">
            <h2>"Levels"</h2>
            {level(|p| (p.assessment.inherent, p.assessment.inherent_above_appetite), "Inherent", "live-inherent")}
            {level(|p| (p.assessment.current.rating, p.assessment.current_above_appetite), "Current", "live-current")}
            {level(|p| (p.assessment.planned.rating, p.assessment.planned_above_appetite), "Planned", "live-planned")}
            <p class="muted small">{move || live.with(|p| p.as_ref().map(|p| format!("Appetite: up to {}.", p.appetite)))}</p>
        </div>
    }
}

pub(super) fn fixed(value: f64) -> String {
    format!("{value:.3}")
}

#[component]
pub(super) fn BreakdownSection(live: Memo<Option<Preview>>) -> impl IntoView {
    let residual_rows = move |name: &'static str, pick: fn(&Residual) -> String| {
        move || {
            live.with(|p| {
                p.as_ref().map(|p| {
                    view! {
                        <tr>
                            <th scope="row">{name}</th>
                            <td>{pick(&p.assessment.current)}</td>
                            <td>{pick(&p.assessment.planned)}</td>
                        </tr>
                    }
                })
            })
        }
    };
    view! {
        <section class="card" aria-labelledby="breakdown-heading" data-testid="residual-breakdown">
            <h2 id="breakdown-heading">"How the residual is computed"</h2>
            <p class="muted small formula">
                "Each control reduces likelihood by w_L·e·f and impact by w_I·e·f (type weight, effectiveness, implementation factor). "
                "r_L = 1 − ∏(1 − w_L·e·f), r_I likewise; residual likelihood = 1 + (L − 1)(1 − r_L), impact likewise, rounded to the nearest level with halves up."
            </p>
            {move || {
                let rows = live.with(|p| p.as_ref().map(|p| p.assessment.controls.clone())).unwrap_or_default();
                if rows.is_empty() {
                    return view! { <p class="muted">"No linked control: the residual equals the inherent rating unless the decision changes it."</p> }.into_any();
                }
                view! {
                    <div class="table-scroll">
                        <table class="breakdown">
                            <caption class="visually-hidden">"Contribution of each linked control"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Control"</th>
                                    <th scope="col">"w_L"</th>
                                    <th scope="col">"w_I"</th>
                                    <th scope="col">"e"</th>
                                    <th scope="col">"Status"</th>
                                    <th scope="col">"f now"</th>
                                    <th scope="col">"f planned"</th>
                                    <th scope="col">"Reduction now (L, I)"</th>
                                    <th scope="col">"Reduction planned (L, I)"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows.into_iter().map(|c| {
                                    let (now_l, now_i) = c.reductions(false);
                                    let (plan_l, plan_i) = c.reductions(true);
                                    view! {
                                        <tr data-testid="breakdown-control">
                                            <th scope="row">{c.control.to_string()}</th>
                                            <td>{format!("{:.2}", c.likelihood_weight)}</td>
                                            <td>{format!("{:.2}", c.impact_weight)}</td>
                                            <td>{c.effectiveness.to_string()}</td>
                                            <td>{implementation(c.status)}{c.assumed_implemented.then_some(" (open action)")}</td>
                                            <td>{format!("{:.2}", c.current_factor)}</td>
                                            <td>{format!("{:.2}", c.planned_factor)}</td>
                                            <td>{format!("{}, {}", fixed(now_l), fixed(now_i))}</td>
                                            <td>{format!("{}, {}", fixed(plan_l), fixed(plan_i))}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <table class="breakdown residual-summary">
                <caption class="visually-hidden">"Residual arithmetic, current and planned"</caption>
                <thead>
                    <tr><th scope="col">"Step"</th><th scope="col">"Current"</th><th scope="col">"Planned"</th></tr>
                </thead>
                <tbody>
                    {residual_rows("r_L (likelihood reduction)", |r| fixed(r.likelihood_reduction))}
                    {residual_rows("r_I (impact reduction)", |r| fixed(r.impact_reduction))}
                    {residual_rows("Transferred share", |r| format!("{:.0} %", r.transferred_share * 100.0))}
                    {residual_rows("Likelihood exact → rounded", |r| format!("{} → {}", fixed(r.likelihood_exact), r.computed.likelihood.get()))}
                    {residual_rows("Impact exact → rounded", |r| format!("{} → {}", fixed(r.impact_exact), r.computed.impact.get()))}
                    {residual_rows("Rating used", |r| format!("L{} × I{}", r.rating.likelihood.get(), r.rating.impact.get()))}
                    {residual_rows("Basis", |r| basis(r.basis).to_owned())}
                </tbody>
            </table>
        </section>
    }
}
