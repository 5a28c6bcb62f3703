//! The service worker that keeps the app working offline (`sw.js`, written
//! into the release build by `scripts/sw.mjs`): registering it, hearing that
//! a new deployment has been downloaded, and switching to it only when the
//! user asks. Until then the open page keeps the version it started with.
//!
//! Addresses are relative (`./sw.js`, scope `./`), so the app works from any
//! sub-path. Debug builds (`trunk serve`, the browser tests) register
//! nothing: a cache in front of a development server would hide every change.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};

const SCRIPT: &str = "./sw.js";
const SCOPE: &str = "./";
/// What the waiting worker listens for before it takes over.
const SKIP_WAITING: &str = "skip-waiting";

/// The browser's service worker container, where there is one (not in
/// insecure contexts, not in old browsers).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    let present = js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker"))
        .is_ok_and(|value| !value.is_undefined() && !value.is_null());
    present.then(|| navigator.service_worker())
}

/// Registers the service worker and calls `on_update_ready` whenever a new
/// version is installed and waits for [`apply_update`]. Does nothing in
/// debug builds or where the browser has no service workers.
pub fn register(on_update_ready: impl Fn() + 'static) {
    if cfg!(debug_assertions) {
        return;
    }
    let Some(container) = container() else { return };
    let options = web_sys::RegistrationOptions::new();
    options.set_scope(SCOPE);
    let registering = container.register_with_options(SCRIPT, &options);
    wasm_bindgen_futures::spawn_local(async move {
        let registration: ServiceWorkerRegistration = match JsFuture::from(registering).await {
            Ok(registration) => registration.unchecked_into(),
            Err(error) => {
                // Offline use is lost, nothing else: a warning, not an error.
                leptos::logging::warn!("The app could not register its service worker: {error:?}");
                return;
            }
        };
        watch_for_updates(&container, &registration, std::rc::Rc::new(on_update_ready));
    });
}

fn watch_for_updates(
    container: &ServiceWorkerContainer,
    registration: &ServiceWorkerRegistration,
    on_update_ready: std::rc::Rc<dyn Fn()>,
) {
    // Only a worker that arrives while another one serves this page is an
    // update; the very first one simply starts serving.
    let is_update = {
        let container = container.clone();
        move || container.controller().is_some()
    };
    let already_waiting = registration.waiting().is_some();
    // A new worker may already be installing when the app starts (the
    // browser checks while it loads the page): watch it, and every later one.
    let watch = {
        let is_update = is_update.clone();
        let on_update_ready = on_update_ready.clone();
        move |worker: ServiceWorker| {
            let watched = worker.clone();
            let is_update = is_update.clone();
            let on_update_ready = on_update_ready.clone();
            let on_state_change = Closure::<dyn Fn()>::new(move || {
                if watched.state() == ServiceWorkerState::Installed && is_update() {
                    on_update_ready();
                }
            });
            worker.set_onstatechange(Some(on_state_change.as_ref().unchecked_ref()));
            on_state_change.forget();
        }
    };
    if let Some(installing) = registration.installing() {
        watch(installing);
    }
    // Installed while the page was loading, or by an earlier visit.
    if (already_waiting || registration.waiting().is_some()) && is_update() {
        on_update_ready();
    }
    let found = registration.clone();
    let on_update_found = Closure::<dyn Fn()>::new(move || {
        if let Some(installing) = found.installing() {
            watch(installing);
        }
    });
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();

    // The browser checks for a new sw.js on every navigation; a tab left
    // open for days checks again whenever it comes back into view.
    let checked = registration.clone();
    let on_visible = Closure::<dyn Fn()>::new(move || {
        if leptos::prelude::document().visibility_state() == web_sys::VisibilityState::Visible {
            if let Ok(checking) = checked.update() {
                // Offline, the check fails; that is no news for the user.
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = JsFuture::from(checking).await;
                });
            }
        }
    });
    let _ = leptos::prelude::document()
        .add_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref());
    on_visible.forget();
}

/// Lets the waiting version take over, then reloads the page into it. With
/// no version waiting (another tab already switched), just reloads.
pub fn apply_update() {
    let reload = || {
        let _ = web_sys::window().map(|window| window.location().reload());
    };
    let Some(container) = container() else {
        return reload();
    };
    wasm_bindgen_futures::spawn_local(async move {
        let waiting: Option<ServiceWorker> = JsFuture::from(container.get_registration())
            .await
            .ok()
            .filter(|found| !found.is_undefined())
            .and_then(|found| {
                found
                    .unchecked_into::<ServiceWorkerRegistration>()
                    .waiting()
            });
        let Some(waiting) = waiting else {
            return reload();
        };
        let on_controller_change = Closure::once_into_js(reload);
        container.set_oncontrollerchange(Some(on_controller_change.unchecked_ref()));
        if waiting
            .post_message(&JsValue::from_str(SKIP_WAITING))
            .is_err()
        {
            reload();
        }
    });
}
