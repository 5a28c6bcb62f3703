use crate::routes::Route;
use leptos::prelude::*;

/// Shown for an address the app does not know.
#[component]
pub fn NotFoundPage(path: String) -> impl IntoView {
    view! {
        <h1>"Page not found"</h1>
        <p>"There is no page at “" {path} "”."</p>
        <p><a href=Route::Workspaces.href()>"Go to your workspaces"</a></p>
    }
}
