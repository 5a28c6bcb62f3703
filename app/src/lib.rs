//! ISMS Workbench in the browser: the app shell, pages (one module or folder
//! per route), shared components and `ui` helpers, `state` (the only way to
//! storage) and the storage module that owns IndexedDB and local storage.

pub mod app;
pub mod charts;
pub mod components;
pub mod io;
pub mod pages;
pub mod routes;
pub mod simulation;
pub mod state;
pub mod storage;
pub mod ui;

pub use app::App;

/// Mounts the app into `<main id="app">` (or the body when it is missing)
/// and removes the static loading notice.
pub fn mount() {
    console_error_panic_hook::set_once();
    // The simulation workers instantiate this same module: there is no page
    // to mount in a worker.
    if web_sys::window().is_none() {
        return;
    }
    let document = leptos::prelude::document();
    if let Some(notice) = document.get_element_by_id("boot-notice") {
        notice.remove();
    }
    match document
        .get_element_by_id("app")
        .and_then(|element| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element).ok())
    {
        Some(root) => leptos::mount::mount_to(root, App).forget(),
        None => leptos::mount::mount_to_body(App),
    }
}
