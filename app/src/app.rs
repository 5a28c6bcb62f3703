//! The shell: header with navigation and theme switch, the error banner, and
//! the page chosen by the URL's hash.

use crate::components::{ConflictDialog, ErrorBanner, NoticeBanner};
use crate::pages::{
    AssetsPage, DataPage, MatrixPage, NotFoundPage, RiskEditorPage, RisksPage, WorkspacePage,
    WorkspacesPage,
};
use crate::pages::{
    DashboardPage, FindingsPage, MethodologyPage, PeoplePage, PlanPage, QuantPage, ReportPage,
    ReportsPage, ScenariosPage, SoaPage,
};
use crate::routes::Route;
use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    state.refresh();
    state.listen_to_other_tabs();

    // Load the workspace the address names (once per id), remember it.
    Effect::new(move |_| {
        let route = state.route.get();
        let Some(id) = route.workspace() else { return };
        let open_id = state
            .open
            .with_untracked(|o| o.as_ref().map(|o| o.summary.id.clone()));
        if open_id.as_deref() != Some(id) {
            state.open.set(None);
            state.load_workspace(id.to_owned());
        }
        state.open_workspace(id);
    });

    state.read_persistence();

    // Follow the address bar (links, back and forward), but ask first when
    // a form holds unsaved changes: leaving would throw them away.
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        let hash = window().location().hash().unwrap_or_default();
        let next = Route::parse(&hash);
        let current = state.route.get_untracked();
        if next == current {
            return;
        }
        if !state.unsaved_forms.with_untracked(|forms| forms.is_empty()) {
            let leave = window()
                .confirm_with_message(
                    "This page has changes that are not saved yet. Leave the page and lose them?",
                )
                .unwrap_or(true);
            if !leave {
                // Put the address back without a new history entry.
                if let Ok(history) = window().history() {
                    let _ = history.replace_state_with_url(
                        &wasm_bindgen::JsValue::NULL,
                        "",
                        Some(&current.href()),
                    );
                }
                return;
            }
            state.discard_unsaved();
        }
        state.route.set(next);
    });
    on_cleanup(move || listener.remove());

    // Closing or reloading the tab with unsaved changes asks first too.
    let unload = window_event_listener_untyped("beforeunload", move |event| {
        if state.has_unsaved_changes() {
            event.prevent_default();
            // Chromium still wants returnValue set to show its prompt.
            let _ = js_sys::Reflect::set(&event, &"returnValue".into(), &"unsaved".into());
        }
    });
    on_cleanup(move || unload.remove());

    // The theme lives on <html> so the whole page, scrollbars included, follows it.
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", state.theme.get().as_str());
        }
    });

    // Presenter mode: large type for showing the workbench to a room.
    let presenter = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ =
                root.set_attribute("data-presenter", if presenter.get() { "on" } else { "off" });
        }
    });

    view! {
        <a class="skip-link" href="#content">"Skip to content"</a>
        <header class="app-header">
            <a class="brand" href=Route::Workspaces.href()>
                <span class="brand-mark" aria-hidden="true">"◆"</span>
                "ISMS Workbench"
            </a>
            <Navigation/>
            <button
                type="button"
                class="theme-toggle"
                data-testid="presenter-toggle"
                aria-pressed=move || presenter.get().to_string()
                on:click=move |_| presenter.update(|p| *p = !*p)
            >
                "Presenter"
            </button>
            <button
                type="button"
                class="theme-toggle"
                data-testid="theme-toggle"
                aria-label=move || format!("Switch to {} theme", state.theme.get().toggled().as_str())
                on:click=move |_| state.toggle_theme()
            >
                {move || match state.theme.get() {
                    crate::storage::Theme::Light => "☾ Dark",
                    crate::storage::Theme::Dark => "☀ Light",
                }}
            </button>
        </header>
        <ErrorBanner/>
        <NoticeBanner/>
        <ConflictDialog/>
        <main id="content" class="page" tabindex="-1">
            {move || match state.route.get() {
                Route::Workspaces => view! { <WorkspacesPage/> }.into_any(),
                Route::Workspace(id) => view! { <WorkspacePage id=id/> }.into_any(),
                Route::Data(id) => view! { <DataPage id=id/> }.into_any(),
                Route::Dashboard(id) => view! { <DashboardPage id=id/> }.into_any(),
                Route::Scenarios(id) => view! { <ScenariosPage id=id/> }.into_any(),
                Route::Quant(id) => view! { <QuantPage id=id/> }.into_any(),
                Route::Assets(id) => view! { <AssetsPage id=id focus=None/> }.into_any(),
                Route::Asset(id, asset) => view! { <AssetsPage id=id focus=Some(asset)/> }.into_any(),
                Route::Risks(id) => view! { <RisksPage id=id/> }.into_any(),
                Route::Risk(id, risk) => view! { <RiskEditorPage id=id risk=Some(risk)/> }.into_any(),
                Route::NewRisk(id) => view! { <RiskEditorPage id=id risk=None/> }.into_any(),
                Route::Soa(id, control) => view! { <SoaPage id=id focus=control/> }.into_any(),
                Route::Plan(id) => view! { <PlanPage id=id focus=None/> }.into_any(),
                Route::People(id) => view! { <PeoplePage id=id/> }.into_any(),
                Route::Action(id, action) => view! { <PlanPage id=id focus=Some(action)/> }.into_any(),
                Route::Methodology(id) => view! { <MethodologyPage id=id/> }.into_any(),
                Route::Findings(id) => view! { <FindingsPage id=id/> }.into_any(),
                Route::Reports(id) => view! { <ReportsPage id=id/> }.into_any(),
                Route::Report(id, kind) => view! { <ReportPage id=id kind=kind/> }.into_any(),
                Route::Matrix => view! { <MatrixPage/> }.into_any(),
                Route::NotFound(path) => view! { <NotFoundPage path=path/> }.into_any(),
            }}
        </main>
    }
}

/// Main navigation; marks the current page for screen readers.
#[component]
fn Navigation() -> impl IntoView {
    let state = expect_context::<AppState>();
    let current = move |is: fn(&Route) -> bool| move || is(&state.route.get()).then_some("page");
    let open_workspace = move || {
        state.current_workspace.get().and_then(|id| {
            state
                .workspace(&id)
                .map(|w| (w.id.clone(), Route::Workspace(w.id).href(), w.name))
        })
    };
    view! {
        <nav class="app-nav" aria-label="Main">
            <a href=Route::Workspaces.href() aria-current=current(|r| matches!(r, Route::Workspaces))>
                "Workspaces"
            </a>
            <a href=Route::Matrix.href() aria-current=current(|r| matches!(r, Route::Matrix))>
                "Risk matrix"
            </a>
            {move || open_workspace().map(|(id, href, name)| view! {
                <a
                    class="open-workspace"
                    data-testid="nav-open-workspace"
                    href=href
                    aria-current=current(|r| matches!(r, Route::Workspace(_)))
                >
                    <span class="visually-hidden">"Open workspace: "</span>
                    {name}
                </a>
                // The workspace's own pages start a line of their own.
                <span class="nav-break" aria-hidden="true"></span>
                <a href=Route::Dashboard(id.clone()).href() aria-current=current(|r| matches!(r, Route::Dashboard(_)))>
                    "Dashboard"
                </a>
                <a href=Route::Assets(id.clone()).href() aria-current=current(|r| matches!(r, Route::Assets(_) | Route::Asset(..)))>
                    "Assets"
                </a>
                <a
                    href=Route::Risks(id.clone()).href()
                    aria-current=current(|r| matches!(r, Route::Risks(_) | Route::Risk(..) | Route::NewRisk(_)))
                >
                    "Risks"
                </a>
                <a href=Route::Soa(id.clone(), None).href() aria-current=current(|r| matches!(r, Route::Soa(..)))>
                    "SoA"
                </a>
                <a href=Route::Plan(id.clone()).href() aria-current=current(|r| matches!(r, Route::Plan(_) | Route::Action(..)))>
                    "Plan"
                </a>
                <a href=Route::People(id.clone()).href() aria-current=current(|r| matches!(r, Route::People(_)))>
                    "People"
                </a>
                <a href=Route::Methodology(id.clone()).href() aria-current=current(|r| matches!(r, Route::Methodology(_)))>
                    "Methodology"
                </a>
                <a href=Route::Scenarios(id.clone()).href() aria-current=current(|r| matches!(r, Route::Scenarios(_)))>
                    "Scenarios"
                </a>
                <a href=Route::Quant(id.clone()).href() aria-current=current(|r| matches!(r, Route::Quant(_)))>
                    "Quantitative"
                </a>
                <a href=Route::Findings(id.clone()).href() aria-current=current(|r| matches!(r, Route::Findings(_)))>
                    "Findings"
                </a>
                <a
                    href=Route::Reports(id.clone()).href()
                    aria-current=current(|r| matches!(r, Route::Reports(_) | Route::Report(..)))
                >
                    "Reports"
                </a>
                <a href=Route::Data(id).href() aria-current=current(|r| matches!(r, Route::Data(_)))>
                    "Data"
                </a>
            })}
            <span class="save-state" role="status" aria-live="polite" data-testid="save-state">
                {move || {
                    if state.saving.get() {
                        "Saving…"
                    } else if !state.conflicts.with(Vec::is_empty) {
                        "Not saved: choose between the two tabs' values"
                    } else if !state.unsaved_forms.with(|f| f.is_empty()) {
                        "Unsaved changes"
                    } else {
                        ""
                    }
                }}
            </span>
        </nav>
    }
}
