//! The home page of a workspace: for a new one, the getting-started
//! checklist (scope, people, assets, risks, SoA decisions, each ticked when
//! done and linked to where it is done) instead of empty charts; once there
//! are risks, the dashboard: figures, heat maps, distributions, SoA and
//! treatment progress, certification readiness, PDCA, the top checks. The
//! scope statement and the risk matrix close the page.

mod dashboard;

use self::dashboard::Dashboard;
use crate::components::RiskMatrix;
use crate::routes::Route;
use crate::state::AppState;
use crate::ui::workbench::read_analysed;
use leptos::prelude::*;

/// The steps of the getting-started checklist, worked out from the data.
#[derive(Debug, Clone, PartialEq)]
struct Progress {
    scope: bool,
    people: usize,
    assets: usize,
    risks: usize,
    /// Controls with an applicability decision, and all controls.
    decided: u32,
    controls: u32,
}

impl Progress {
    fn all_done(&self) -> bool {
        self.scope
            && self.people > 0
            && self.assets > 0
            && self.risks > 0
            && self.controls > 0
            && self.decided == self.controls
    }
}

/// The home page (the app shows it once workspace `id` is open).
#[component]
pub fn WorkspacePage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let progress = Memo::new(move |_| {
        read_analysed(state, |ws, analysis| Progress {
            scope: !ws.scope.trim().is_empty(),
            people: ws.people.len(),
            assets: ws.assets.len(),
            risks: ws.risks.len(),
            decided: analysis.soa.applicable + analysis.soa.excluded,
            controls: analysis.soa.applicable + analysis.soa.excluded + analysis.soa.undecided,
        })
    });
    let has_risks = Memo::new(move |_| progress.with(|p| p.as_ref().is_some_and(|p| p.risks > 0)));
    let all_done =
        Memo::new(move |_| progress.with(|p| p.as_ref().is_some_and(Progress::all_done)));
    let methodology = Signal::derive(move || {
        state
            .open
            .with(|o| o.as_ref().map(|o| o.workspace.methodology.clone()))
            .unwrap_or_default()
    });
    let likelihood = RwSignal::new(3u8);
    let impact = RwSignal::new(3u8);
    let title = move || {
        state
            .open_summary
            .with(|s| s.as_ref().map(|s| s.name.clone()))
            .unwrap_or_default()
    };
    let facts = move || {
        state.open_summary.with(|s| {
            s.as_ref().map(|s| {
                format!(
                    "Created {} UTC",
                    s.created.get(..16).unwrap_or_default().replace('T', " ")
                )
            })
        })
    };
    view! {
        <h1 data-testid="workspace-title">{title}</h1>
        <p class="muted small home-facts">
            {facts}
            {move || format!(" · Methodology: {}", methodology.get().name())}
        </p>
        {move || (!all_done.get()).then(|| view! { <GettingStarted progress=progress/> })}
        {move || if has_risks.get() {
            view! { <Dashboard/> }.into_any()
        } else {
            view! {
                <p class="empty-state" data-testid="home-no-charts">
                    "The charts, figures and certification readiness appear here once the workspace has its first risk."
                </p>
            }.into_any()
        }}
        <section class="card" aria-labelledby="scope-heading">
            <h2 id="scope-heading">"Scope"</h2>
            <ScopeEditor/>
        </section>
        <section class="card" aria-labelledby="matrix-heading">
            <h2 id="matrix-heading">"Risk matrix"</h2>
            <RiskMatrix methodology=methodology likelihood=likelihood impact=impact/>
        </section>
    }
}

/// The first steps of a new workspace, each ticked when done.
#[component]
fn GettingStarted(progress: Memo<Option<Progress>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = move || state.open_id.get().unwrap_or_default();
    let step = move |done: bool,
                     test: &'static str,
                     title: String,
                     detail: String,
                     href: String,
                     action: &'static str| {
        view! {
            <li class="checklist-step" class:done=done data-testid=test data-done=done.to_string()>
                <span class="checklist-mark" aria-hidden="true">{if done { "\u{2713}" } else { "\u{25cb}" }}</span>
                <span class="checklist-text">
                    <strong>{title}</strong>
                    <span class="visually-hidden">{if done { " (done)" } else { " (to do)" }}</span>
                    " "<span class="muted">{detail}</span>
                </span>
                <a href=href class:button=!done>{action}</a>
            </li>
        }
    };
    move || {
        progress.get().map(|p| {
            let ws = id();
            let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
            let steps = [
                p.scope,
                p.people > 0,
                p.assets > 0,
                p.risks > 0,
                p.controls > 0 && p.decided == p.controls,
            ];
            let done = steps.iter().filter(|d| **d).count();
            view! {
                <section class="card getting-started" aria-labelledby="getting-started-heading" data-testid="getting-started">
                    <h2 id="getting-started-heading">"Getting started"</h2>
                    <p class="muted" data-testid="getting-started-count">{format!("{done} of {} steps done.", steps.len())}</p>
                    <ol class="checklist">
                        {step(p.scope, "step-scope", "Write the scope".into(),
                            if p.scope { "Written.".into() } else { "Which organisation, sites, services and systems the ISMS covers.".into() },
                            "#scope".into(), if p.scope { "Edit" } else { "Write it" })}
                        {step(p.people > 0, "step-people", "Name the people".into(),
                            if p.people > 0 { format!("{} in the register.", plural(p.people, "person", "people")) } else { "Who owns assets, risks, controls and actions.".into() },
                            Route::People(ws.clone()).href(), if p.people > 0 { "People" } else { "Add a person" })}
                        {step(p.assets > 0, "step-assets", "List the assets".into(),
                            if p.assets > 0 { format!("{} in the register.", plural(p.assets, "asset", "assets")) } else { "The information, systems and services to protect.".into() },
                            Route::Assets(ws.clone()).href(), if p.assets > 0 { "Assets" } else { "Add an asset" })}
                        {step(p.risks > 0, "step-risks", "Assess the risks".into(),
                            if p.risks > 0 { format!("{} in the register.", plural(p.risks, "risk", "risks")) } else { "What could happen to the assets, how likely and how bad.".into() },
                            if p.risks > 0 { Route::Risks(ws.clone()).href() } else { Route::NewRisk(ws.clone()).href() }, if p.risks > 0 { "Risks" } else { "Add a risk" })}
                        {step(p.controls > 0 && p.decided == p.controls, "step-soa", "Decide the Statement of Applicability".into(),
                            format!("{} of {} controls decided (applicable or excluded with a reason).", p.decided, p.controls),
                            Route::Soa(ws.clone(), None).href(), "Open the SoA")}
                    </ol>
                </section>
            }
        })
    }
}

/// The ISMS scope statement (clause 4.3), edited in place and saved at once.
#[component]
fn ScopeEditor() -> impl IntoView {
    let state = expect_context::<AppState>();
    let stored = move || {
        state.open.with(|o| {
            o.as_ref()
                .map(|o| o.workspace.scope.clone())
                .unwrap_or_default()
        })
    };
    let draft = RwSignal::new(stored());
    // What the draft started from: an untouched draft follows changes that
    // arrive from elsewhere (another tab, an import); an edited one keeps
    // the person's text and shows the other version beside it.
    let base = RwSignal::new(stored());
    let other_version = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let now = stored();
        if base.with_untracked(|b| *b == now) {
            return;
        }
        if draft.with_untracked(|d| base.with_untracked(|b| d == b)) {
            draft.set(now.clone());
        } else if draft.with_untracked(|d| *d != now) {
            other_version.set(Some(now.clone()));
        }
        base.set(now);
    });
    let dirty = move || draft.get() != stored();
    state.track_unsaved("scope", move || draft.with(|d| base.with(|b| d != b)));
    view! {
        <form class="scope-form" on:submit=move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let text = draft.get_untracked().trim().to_owned();
            base.set(text.clone());
            draft.set(text.clone());
            other_version.set(None);
            state.edit(move |workspace| workspace.set_scope(&text));
        }>
            {move || other_version.get().map(|theirs| view! {
                <div class="notice-banner changed-elsewhere" role="alert" data-testid="scope-changed-elsewhere">
                    <p>"The scope was changed in another tab while you edit it. Their version:"</p>
                    <blockquote data-testid="scope-theirs">{theirs.clone()}</blockquote>
                    <button type="button" on:click=move |_| {
                        draft.set(theirs.clone());
                        other_version.set(None);
                    }>"Use theirs"</button>
                    " "
                    <button type="button" on:click=move |_| other_version.set(None)>"Keep mine"</button>
                </div>
            })}
            <label for="scope">"Scope of the ISMS"</label>
            <textarea
                id="scope"
                rows="3"
                placeholder="Which organisation, sites, services and systems the ISMS covers (ISO/IEC 27001 clause 4.3)."
                prop:value=move || draft.get()
                on:input=move |event| draft.set(event_target_value(&event))
            ></textarea>
            <div>
                <button type="submit" disabled=move || !dirty()>"Save scope"</button>
            </div>
        </form>
    }
}
