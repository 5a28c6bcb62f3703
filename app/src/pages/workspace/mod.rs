use crate::components::RiskMatrix;
use crate::routes::Route;
use crate::state::AppState;
use crate::ui::workbench::read_analysed;
use leptos::prelude::*;

/// The figures of the overview, computed by the engine.
#[derive(Debug, Clone, PartialEq)]
struct Glance {
    assets: usize,
    risks: usize,
    /// Risks marked closed: they stay in the register but leave the
    /// dashboard's and the appetite's counts.
    closed_risks: usize,
    above_appetite_now: usize,
    above_appetite_planned: usize,
    applicable: u32,
    excluded: u32,
    undecided: u32,
    progress: f64,
    actions: usize,
    findings: usize,
}

/// One open workspace: its details, scope statement, figures at a glance
/// and the risk matrix it scores with.
#[component]
pub fn WorkspacePage(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let glance = Memo::new(move |_| {
        read_analysed(state, |workspace, analysis| Glance {
            assets: workspace.assets.len(),
            risks: workspace.risks.len(),
            closed_risks: analysis.risks.iter().filter(|r| r.closed).count(),
            above_appetite_now: analysis
                .risks
                .iter()
                .filter(|r| !r.closed && r.current_above_appetite)
                .count(),
            above_appetite_planned: analysis
                .risks
                .iter()
                .filter(|r| !r.closed && r.planned_above_appetite)
                .count(),
            applicable: analysis.soa.applicable,
            excluded: analysis.soa.excluded,
            undecided: analysis.soa.undecided,
            progress: analysis.soa.implementation_progress,
            actions: workspace.actions.len(),
            findings: analysis.findings.len(),
        })
    });
    let methodology = Signal::derive(move || {
        state
            .open
            .with(|o| o.as_ref().map(|o| o.workspace.methodology.clone()))
            .unwrap_or_default()
    });
    let likelihood = RwSignal::new(3u8);
    let impact = RwSignal::new(3u8);

    move || {
        let found = state
            .open_summary
            .with(|s| s.as_ref().filter(|s| s.id == id).cloned());
        let Some(summary) = found else {
            if state.loading.get() || !state.loaded.get() {
                return view! { <p class="muted" aria-busy="true">"Opening workspace…"</p> }
                    .into_any();
            }
            return view! {
                <h1>"Workspace not found"</h1>
                <p>"This workspace does not exist in this browser (it may have been deleted in another tab)."</p>
                <p><a href=Route::Workspaces.href()>"Back to your workspaces"</a></p>
            }
            .into_any();
        };
        view! {
            <h1 data-testid="workspace-title">{summary.name.clone()}</h1>
            <dl class="facts">
                <dt>"Created"</dt>
                <dd>{summary.created.get(..16).unwrap_or_default().replace('T', " ")} " UTC"</dd>
                <dt>"Last changed"</dt>
                <dd>{
                    let id = summary.id.clone();
                    let fallback = summary.updated.clone();
                    move || {
                        state
                            .workspace(&id)
                            .map_or(fallback.clone(), |w| w.updated)
                            .get(..16)
                            .unwrap_or_default()
                            .replace('T', " ")
                    }
                } " UTC"</dd>
                <dt>"Methodology"</dt>
                <dd>{move || methodology.get().name().to_owned()}</dd>
            </dl>
            <ScopeEditor/>
            {move || glance.get().map(|g| view! {
                <h2>"At a glance"</h2>
                <div class="glance" data-testid="glance">
                    <div class="figure"><span class="number" data-testid="count-assets">{g.assets}</span>" assets"</div>
                    <div class="figure">
                        <span class="number" data-testid="count-risks">{g.risks}</span>" risks"
                        <span class="figure-note" data-testid="count-risks-open">{format!("{} open, {} closed", g.risks - g.closed_risks, g.closed_risks)}</span>
                    </div>
                    <div class="figure"><span class="number">{g.above_appetite_now}</span>" above appetite now"</div>
                    <div class="figure"><span class="number">{g.above_appetite_planned}</span>" above appetite once treated"</div>
                    <div class="figure"><span class="number">{format!("{}/{}/{}", g.applicable, g.excluded, g.undecided)}</span>" controls applicable / excluded / undecided"</div>
                    <div class="figure"><span class="number">{format!("{:.0} %", g.progress * 100.0)}</span>" implementation progress"</div>
                    <div class="figure"><span class="number">{g.actions}</span>" treatment actions"</div>
                    <div class="figure"><span class="number">{g.findings}</span>" consistency problems"</div>
                </div>
            })}
            <h2>"Risk matrix"</h2>
            <RiskMatrix methodology=methodology likelihood=likelihood impact=impact/>
        }
        .into_any()
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
