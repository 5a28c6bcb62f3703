use crate::state::AppState;
use leptos::prelude::*;

/// Shows the last failure (storage full, database blocked, …) until dismissed.
#[component]
pub fn ErrorBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.error.get().map(|message| {
            view! {
                <div class="error-banner" role="alert" data-testid="error-banner">
                    <p>{message}</p>
                    <button type="button" on:click=move |_| state.error.set(None)>
                        "Dismiss"
                    </button>
                </div>
            }
        })
    }
}

/// Shows news that is not an error (a change made in another tab) until dismissed.
#[component]
pub fn NoticeBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.notice.get().map(|message| {
            view! {
                <div class="notice-banner" role="status" data-testid="notice-banner">
                    <p>{message}</p>
                    <button type="button" on:click=move |_| state.notice.set(None)>
                        "Dismiss"
                    </button>
                </div>
            }
        })
    }
}
