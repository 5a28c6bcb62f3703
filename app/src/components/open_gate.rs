//! Pages of one workspace show their content only once that workspace is
//! open; until then a loading note, or a way back when it does not exist.

use crate::routes::Route;
use crate::state::AppState;
use leptos::prelude::*;

/// Renders `children` while workspace `id` is the open one. The children are
/// built once per opening, not on every edit, so forms keep their drafts.
#[component]
pub fn OpenWorkspaceGate(id: String, children: ChildrenFn) -> impl IntoView {
    let state = expect_context::<AppState>();
    let is_open = Memo::new(move |_| {
        state
            .open_id
            .with(|open| open.as_deref() == Some(id.as_str()))
    });
    move || {
        if is_open.get() {
            return children().into_any();
        }
        if state.loading.get() || !state.loaded.get() {
            return view! { <p class="muted" aria-busy="true">"Opening workspace…"</p> }.into_any();
        }
        view! {
            <h1>"Workspace not found"</h1>
            <p>"This workspace does not exist in this browser (it may have been deleted in another tab)."</p>
            <p><a href=Route::Workspaces.href()>"Back to your workspaces"</a></p>
        }
        .into_any()
    }
}

/// "3 · Moderate" for a level of a scale.
pub fn scale_option(value: usize, label: &str) -> String {
    format!("{value} · {label}")
}
