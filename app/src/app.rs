//! The shell: header with navigation and theme switch, the error banner, and
//! the page chosen by the URL's hash.

use crate::components::{
    ConflictDialog, ErrorBanner, NoticeBanner, OpenWorkspaceGate, UpdateBanner,
};
use crate::pages::{
    AssetsPage, DataPage, MatrixPage, NotFoundPage, RiskEditorPage, RisksPage, WorkspacePage,
    WorkspacesPage,
};
use crate::pages::{
    AuditsPage, ClausesPage, DocumentsPage, FindingsPage, IncidentsPage, MethodologyPage,
    NonconformitiesPage, ObjectivesPage, PeoplePage, PlanPage, QuantPage, ReportPage, ReportsPage,
    ReviewsPage, ScenariosPage, SoaPage,
};
use crate::routes::Route;
use crate::state::AppState;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

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
        let open_id = state.open_id.get_untracked();
        if open_id.as_deref() != Some(id) {
            state.open.set(None);
            state.load_workspace(id.to_owned());
        }
        state.open_workspace(id);
    });

    state.read_persistence();

    // Offline use: the service worker keeps the app's files; a new
    // deployment waits behind the update banner until the user reloads.
    let (update_ready, set_update_ready) = signal(false);
    crate::io::service_worker::register(move || set_update_ready.set(true));

    let scroll = ScrollMemory::start();
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
        scroll.follow_navigation();
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

    // Ctrl+Z (Cmd+Z) outside text fields takes back the last change; inside
    // a field it stays the browser's own undo of typing.
    let undo_keys = window_event_listener(leptos::ev::keydown, move |event| {
        let editing = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| {
                matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                    || e.closest("[contenteditable]").ok().flatten().is_some()
            });
        if (event.ctrl_key() || event.meta_key())
            && !event.shift_key()
            && event.key().eq_ignore_ascii_case("z")
            && !editing
            && state.undoable.with_untracked(Option::is_some)
        {
            event.prevent_default();
            state.undo_last();
        }
    });
    on_cleanup(move || undo_keys.remove());

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
                <span class="brand-name">"ISMS Workbench"</span>
            </a>
            <Navigation/>
            {move || state.undoable.get().map(|what| view! {
                <button
                    type="button"
                    class="theme-toggle undo-button"
                    data-testid="undo"
                    title=format!("Undo the change to {what} (Ctrl+Z)")
                    aria-label=format!("Undo the change to {what}")
                    on:click=move |_| state.undo_last()
                >
                    "↶ Undo"
                </button>
            })}
            <button
                type="button"
                class="theme-toggle"
                data-testid="presenter-toggle"
                aria-pressed=move || presenter.get().to_string()
                on:click=move |_| presenter.update(|p| *p = !*p)
            >
                {move || if presenter.get() { "Presenter: on" } else { "Presenter: off" }}
            </button>
            <button
                type="button"
                class="theme-toggle"
                data-testid="theme-toggle"
                aria-label=move || format!("Switch to {} theme", state.theme.get().toggled().as_str())
                on:click=move |_| state.toggle_theme()
            >
                {move || match state.theme.get() {
                    crate::state::Theme::Light => "☾ Dark",
                    crate::state::Theme::Dark => "☀ Light",
                }}
            </button>
        </header>
        <UpdateBanner ready=update_ready/>
        <ErrorBanner/>
        <NoticeBanner/>
        <ConflictDialog/>
        <main id="content" class="page" tabindex="-1">
            {move || match state.route.get() {
                Route::Workspaces => view! { <WorkspacesPage/> }.into_any(),
                Route::Workspace(id) => view! { <OpenWorkspaceGate id=id><WorkspacePage/></OpenWorkspaceGate> }.into_any(),
                Route::Data(id) => view! { <DataPage id=id/> }.into_any(),
                Route::Dashboard(id) => {
                    // The dashboard is part of the home page now: an old
                    // link lands there, replacing its history entry.
                    let _ = window().location().replace(&Route::Workspace(id.clone()).href());
                    view! { <OpenWorkspaceGate id=id><WorkspacePage/></OpenWorkspaceGate> }.into_any()
                }
                Route::Scenarios(id) => view! { <OpenWorkspaceGate id=id><ScenariosPage/></OpenWorkspaceGate> }.into_any(),
                Route::Quant(id) => view! { <OpenWorkspaceGate id=id><QuantPage/></OpenWorkspaceGate> }.into_any(),
                Route::Assets(id) => view! { <OpenWorkspaceGate id=id><AssetsPage focus=None/></OpenWorkspaceGate> }.into_any(),
                Route::Asset(id, asset) => view! { <OpenWorkspaceGate id=id><AssetsPage focus=Some(asset.clone())/></OpenWorkspaceGate> }.into_any(),
                Route::Risks(id) => view! { <OpenWorkspaceGate id=id><RisksPage/></OpenWorkspaceGate> }.into_any(),
                Route::Risk(id, risk) => view! { <OpenWorkspaceGate id=id><RiskEditorPage risk=Some(risk.clone())/></OpenWorkspaceGate> }.into_any(),
                Route::NewRisk(id) => view! { <OpenWorkspaceGate id=id><RiskEditorPage risk=None/></OpenWorkspaceGate> }.into_any(),
                Route::Soa(id, control) => view! { <OpenWorkspaceGate id=id><SoaPage focus=control.clone()/></OpenWorkspaceGate> }.into_any(),
                Route::Plan(id) => view! { <OpenWorkspaceGate id=id><PlanPage focus=None/></OpenWorkspaceGate> }.into_any(),
                Route::People(id) => view! { <OpenWorkspaceGate id=id><PeoplePage/></OpenWorkspaceGate> }.into_any(),
                Route::Action(id, action) => view! { <OpenWorkspaceGate id=id><PlanPage focus=Some(action.clone())/></OpenWorkspaceGate> }.into_any(),
                Route::Methodology(id) => view! { <OpenWorkspaceGate id=id><MethodologyPage/></OpenWorkspaceGate> }.into_any(),
                Route::Findings(id) => view! { <OpenWorkspaceGate id=id><FindingsPage/></OpenWorkspaceGate> }.into_any(),
                Route::Clauses(id) => view! { <OpenWorkspaceGate id=id><ClausesPage/></OpenWorkspaceGate> }.into_any(),
                Route::Audits(id) => view! { <OpenWorkspaceGate id=id><AuditsPage/></OpenWorkspaceGate> }.into_any(),
                Route::Nonconformities(id) => view! { <OpenWorkspaceGate id=id><NonconformitiesPage/></OpenWorkspaceGate> }.into_any(),
                Route::Incidents(id) => view! { <OpenWorkspaceGate id=id><IncidentsPage/></OpenWorkspaceGate> }.into_any(),
                Route::Reviews(id) => view! { <OpenWorkspaceGate id=id><ReviewsPage/></OpenWorkspaceGate> }.into_any(),
                Route::Objectives(id) => view! { <OpenWorkspaceGate id=id><ObjectivesPage/></OpenWorkspaceGate> }.into_any(),
                Route::Documents(id) => view! { <OpenWorkspaceGate id=id><DocumentsPage/></OpenWorkspaceGate> }.into_any(),
                Route::Reports(id) => view! { <ReportsPage id=id/> }.into_any(),
                Route::Report(id, kind) => view! { <ReportPage id=id kind=kind/> }.into_any(),
                Route::Matrix => view! { <MatrixPage/> }.into_any(),
                Route::NotFound(path) => view! { <NotFoundPage path=path/> }.into_any(),
            }}
        </main>
    }
}

/// Where each visited page was scrolled to: a new page opens at its top,
/// Back and Forward return to where the person was. Each history entry is
/// stamped with a number in `history.state` the first time it is shown.
#[derive(Clone, Copy)]
struct ScrollMemory {
    positions: StoredValue<std::collections::HashMap<u32, f64>>,
    current: StoredValue<u32>,
    next: StoredValue<u32>,
}

impl ScrollMemory {
    fn start() -> Self {
        let memory = ScrollMemory {
            positions: StoredValue::new(Default::default()),
            current: StoredValue::new(0),
            next: StoredValue::new(1),
        };
        if let Ok(history) = window().history() {
            let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
        }
        memory.stamp_or_read();
        memory
    }

    /// The number of the entry shown now, stamping it if it has none;
    /// `true` when it was stamped before (a return by Back or Forward).
    fn stamp_or_read(&self) -> bool {
        let Ok(history) = window().history() else {
            return false;
        };
        let stamped = history
            .state()
            .ok()
            .and_then(|s| s.as_f64())
            .map(|n| n as u32);
        match stamped {
            Some(number) => {
                self.current.set_value(number);
                self.next
                    .update_value(|next| *next = (*next).max(number + 1));
                true
            }
            None => {
                let number = self.next.get_value();
                self.next.set_value(number + 1);
                self.current.set_value(number);
                let _ = history.replace_state(&wasm_bindgen::JsValue::from_f64(number as f64), "");
                false
            }
        }
    }

    /// Called once the route follows the address: remembers where the
    /// page left was scrolled, then scrolls the new one.
    fn follow_navigation(&self) {
        let left = self.current.get_value();
        let y = window().scroll_y().unwrap_or(0.0);
        self.positions.update_value(|p| {
            p.insert(left, y);
        });
        let returning = self.stamp_or_read();
        let target = if returning {
            let shown = self.current.get_value();
            self.positions
                .with_value(|p| p.get(&shown).copied())
                .unwrap_or(0.0)
        } else {
            0.0
        };
        // After the new page has rendered (it may be taller than now).
        request_animation_frame(move || window().scroll_to_with_x_and_y(0.0, target));
    }
}

/// One link of the navigation, marked as the current page while `is`
/// says the route belongs to it.
fn nav_link(
    state: AppState,
    href: String,
    label: &'static str,
    is: fn(&Route) -> bool,
) -> impl IntoView {
    view! {
        <a href=href aria-current=move || is(&state.route.get()).then_some("page")>{label}</a>
    }
}

/// The links of the open workspace's pages in their groups: (group, links
/// as (href, label, whether the route belongs to the link)).
type NavGroups = Vec<(&'static str, Vec<NavLink>)>;
/// A link of the navigation: href, label, whether a route belongs to it.
type NavLink = (String, &'static str, fn(&Route) -> bool);

fn nav_groups(id: &str) -> NavGroups {
    let id = || id.to_owned();
    vec![
        (
            "Registers",
            vec![
                (Route::Assets(id()).href(), "Assets", |r| {
                    matches!(r, Route::Assets(_) | Route::Asset(..))
                }),
                (Route::Risks(id()).href(), "Risks", |r| {
                    matches!(r, Route::Risks(_) | Route::Risk(..) | Route::NewRisk(_))
                }),
                (Route::Soa(id(), None).href(), "SoA", |r| {
                    matches!(r, Route::Soa(..))
                }),
                (Route::Plan(id()).href(), "Plan", |r| {
                    matches!(r, Route::Plan(_) | Route::Action(..))
                }),
                (Route::People(id()).href(), "People", |r| {
                    matches!(r, Route::People(_))
                }),
            ],
        ),
        (
            "Analysis",
            vec![
                (Route::Scenarios(id()).href(), "Scenarios", |r| {
                    matches!(r, Route::Scenarios(_))
                }),
                (Route::Quant(id()).href(), "Quantitative", |r| {
                    matches!(r, Route::Quant(_))
                }),
                (Route::Findings(id()).href(), "Checks", |r| {
                    matches!(r, Route::Findings(_))
                }),
            ],
        ),
        (
            "ISMS cycle",
            vec![
                (Route::Clauses(id()).href(), "Clauses", |r| {
                    matches!(r, Route::Clauses(_))
                }),
                (Route::Documents(id()).href(), "Documents", |r| {
                    matches!(r, Route::Documents(_))
                }),
                (Route::Objectives(id()).href(), "Objectives", |r| {
                    matches!(r, Route::Objectives(_))
                }),
                (Route::Audits(id()).href(), "Audits", |r| {
                    matches!(r, Route::Audits(_))
                }),
                (
                    Route::Nonconformities(id()).href(),
                    "Nonconformities",
                    |r| matches!(r, Route::Nonconformities(_)),
                ),
                (Route::Incidents(id()).href(), "Incidents", |r| {
                    matches!(r, Route::Incidents(_))
                }),
                (Route::Reviews(id()).href(), "Reviews", |r| {
                    matches!(r, Route::Reviews(_))
                }),
            ],
        ),
        (
            "Outputs",
            vec![
                (Route::Reports(id()).href(), "Reports", |r| {
                    matches!(r, Route::Reports(_) | Route::Report(..))
                }),
                (Route::Data(id()).href(), "Data", |r| {
                    matches!(r, Route::Data(_))
                }),
            ],
        ),
        (
            "Settings",
            vec![(Route::Methodology(id()).href(), "Methodology", |r| {
                matches!(r, Route::Methodology(_))
            })],
        ),
    ]
}

/// Main navigation: the app's own pages, then the open workspace's pages
/// in groups (registers, analysis, ISMS cycle, outputs, settings). It stays
/// in view. On a desktop it is one row: each group is a button that opens
/// its links under it (closed again by choosing a page, Escape or a click
/// elsewhere). On a phone it folds behind a "Menu" button that shows every
/// group's links at once.
#[component]
fn Navigation() -> impl IntoView {
    let state = expect_context::<AppState>();
    let menu_open = RwSignal::new(false);
    // The group whose links are shown (desktop).
    let group_open = RwSignal::new(None::<&'static str>);
    // Choosing a page closes the menu on a phone and the group's links.
    Effect::new(move |_| {
        state.route.track();
        menu_open.set(false);
        group_open.set(None);
    });
    // A click outside the navigation's groups closes an open group.
    let outside = window_event_listener(leptos::ev::click, move |event| {
        if group_open.get_untracked().is_none() {
            return;
        }
        let inside = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest(".nav-group").ok().flatten())
            .is_some();
        if !inside {
            group_open.set(None);
        }
    });
    on_cleanup(move || outside.remove());
    let open_workspace = move || {
        state.current_workspace.get().and_then(|id| {
            state
                .workspace(&id)
                .map(|w| (w.id.clone(), Route::Workspace(w.id).href(), w.name))
        })
    };
    let group = move |name: &'static str, links: Vec<NavLink>| {
        let key = name.to_lowercase().replace(' ', "-");
        let label_id = format!("nav-group-{key}");
        let menu_id = format!("nav-menu-{key}");
        let labelled_by = label_id.clone();
        let members: Vec<fn(&Route) -> bool> = links.iter().map(|(_, _, is)| *is).collect();
        let current = move || {
            let route = state.route.get();
            members.iter().any(|is| is(&route))
        };
        let expanded = move || group_open.get() == Some(name);
        view! {
            <div
                class="nav-group"
                role="group"
                aria-labelledby=labelled_by
                class:current=current
                class:expanded=expanded
                on:keydown=move |event: leptos::ev::KeyboardEvent| {
                    if event.key() == "Escape" && group_open.get_untracked().is_some() {
                        group_open.set(None);
                    }
                }
            >
                <span class="nav-group-label" id=label_id>{name}</span>
                <button
                    type="button"
                    class="nav-group-toggle"
                    aria-expanded=move || expanded().to_string()
                    aria-controls=menu_id.clone()
                    on:click=move |_| group_open.update(|open| {
                        *open = if *open == Some(name) { None } else { Some(name) };
                    })
                >
                    {name}
                    <span class="nav-caret" aria-hidden="true">"▾"</span>
                </button>
                <div class="nav-menu" id=menu_id>
                    {links.into_iter().map(|(href, label, is)| nav_link(state, href, label, is)).collect_view()}
                </div>
            </div>
        }
    };
    view! {
        <button
            type="button"
            class="menu-toggle"
            data-testid="menu-toggle"
            aria-expanded=move || menu_open.get().to_string()
            aria-controls="main-nav"
            on:click=move |_| menu_open.update(|open| *open = !*open)
        >
            {move || if menu_open.get() { "✕ Close" } else { "☰ Menu" }}
        </button>
        <nav class="app-nav" id="main-nav" aria-label="Main" class:open=move || menu_open.get()>
            <div class="nav-group nav-app">
                {nav_link(state, Route::Workspaces.href(), "Workspaces", |r| matches!(r, Route::Workspaces))}
                {nav_link(state, Route::Matrix.href(), "Risk matrix", |r| matches!(r, Route::Matrix))}
                {move || open_workspace().map(|(_, href, name)| (name.clone(), href, name)).map(|(title, href, name)| view! {
                    <a
                        class="open-workspace"
                        data-testid="nav-open-workspace"
                        href=href
                        title=title
                        aria-current=move || matches!(state.route.get(), Route::Workspace(_)).then_some("page")
                    >
                        <span class="visually-hidden">"Open workspace: "</span>
                        {name}
                    </a>
                })}
            </div>
            {move || open_workspace().map(|(id, _, _)| {
                nav_groups(id.as_str())
                    .into_iter()
                    .map(|(name, links)| group(name, links))
                    .collect_view()
            })}
        </nav>
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
    }
}
