use crate::components::RiskMatrix;
use crate::routes::Route;
use crate::state::AppState;
use engine::Methodology;
use leptos::prelude::*;

/// One open workspace: its details and the risk matrix it scores with.
#[component]
pub fn WorkspacePage(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let workspace = {
        let id = id.clone();
        Memo::new(move |_| state.workspace(&id))
    };
    Effect::new(move |_| {
        if let Some(found) = workspace.get() {
            state.open_workspace(&found.id);
        }
    });
    let methodology = Signal::derive(Methodology::default);
    let likelihood = RwSignal::new(3u8);
    let impact = RwSignal::new(3u8);

    move || {
        if !state.loaded.get() {
            return view! { <p class="muted" aria-busy="true">"Opening workspace…"</p> }.into_any();
        }
        match workspace.get() {
            None => view! {
                <h1>"Workspace not found"</h1>
                <p>"This workspace does not exist in this browser (it may have been deleted in another tab)."</p>
                <p><a href=Route::Workspaces.href()>"Back to your workspaces"</a></p>
            }
            .into_any(),
            Some(found) => view! {
                <h1 data-testid="workspace-title">{found.name.clone()}</h1>
                <dl class="facts">
                    <dt>"Created"</dt>
                    <dd>{found.created.replace('T', " ")}</dd>
                    <dt>"Last changed"</dt>
                    <dd>{found.updated.replace('T', " ")}</dd>
                    <dt>"Methodology"</dt>
                    <dd>{methodology.get().name().to_owned()}</dd>
                </dl>
                <h2>"Risk matrix"</h2>
                <RiskMatrix methodology=methodology likelihood=likelihood impact=impact/>
            }
            .into_any(),
        }
    }
}
