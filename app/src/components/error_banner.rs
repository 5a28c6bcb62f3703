use crate::state::AppState;
use leptos::prelude::*;

/// Shows `message` until dismissed; `role` is `alert` for failures and
/// `status` for news.
fn banner(
    message: RwSignal<Option<String>>,
    class: &'static str,
    role: &'static str,
    testid: &'static str,
) -> impl IntoView {
    move || {
        message.get().map(|text| {
            view! {
                <div class=class role=role data-testid=testid>
                    <p>{text}</p>
                    <button type="button" on:click=move |_| message.set(None)>
                        "Dismiss"
                    </button>
                </div>
            }
        })
    }
}

/// Shows the last failure (storage full, database blocked, …) until dismissed.
#[component]
pub fn ErrorBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    banner(state.error, "error-banner", "alert", "error-banner")
}

/// Shows news that is not an error (a change made in another tab) until dismissed.
#[component]
pub fn NoticeBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    banner(state.notice, "notice-banner", "status", "notice-banner")
}
