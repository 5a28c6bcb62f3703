//! The news that a new version of the app has been downloaded. The page keeps
//! running the version it started with until the user chooses to reload.

use crate::io::service_worker;
use crate::state::AppState;
use leptos::prelude::*;

/// Shown while a new version waits; "Reload" switches to it.
#[component]
pub fn UpdateBanner(
    /// True once a new version is installed and waiting.
    ready: ReadSignal<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let reload = move |_| {
        // The page's own "leave and lose changes?" question comes before the
        // switch, so answering "stay" leaves this version fully working.
        if state.has_unsaved_changes() {
            let leave = window()
                .confirm_with_message(
                    "This page has changes that are not saved yet. Reload into the new version and lose them?",
                )
                .unwrap_or(false);
            if !leave {
                return;
            }
            state.discard_unsaved();
        }
        service_worker::apply_update();
    };
    move || {
        ready.get().then(|| {
            view! {
                <div class="update-banner" role="status" data-testid="update-banner">
                    <p>"A new version of ISMS Workbench is ready. This page keeps the current one until you reload."</p>
                    <button type="button" class="primary" data-testid="update-reload" on:click=reload>
                        "Reload"
                    </button>
                </div>
            }
        })
    }
}
