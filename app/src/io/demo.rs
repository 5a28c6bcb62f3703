//! The demo organisation, fetched when the user asks for it.
//!
//! The demo is an exported file (`engine/src/demo/larkmoor-health.json`,
//! copied next to `index.html` by Trunk) rather than data compiled into the
//! WebAssembly: compiled in, its 130 KB (25 KB gzip) would be downloaded on
//! every first visit, although most visits never load it. The service worker
//! keeps it with the app's other files, so it loads offline too. It goes
//! through the same importer as a user's file, so it is validated and
//! migrated like one.

use engine::Workspace;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Where the demo file sits, relative to `index.html`.
pub const DEMO_URL: &str = "larkmoor-health.json";

/// Fetches and imports the demo organisation.
pub async fn fetch_demo() -> Result<Workspace, String> {
    let unreachable = || {
        "The demo organisation could not be loaded: this copy of the app is incomplete, or it is offline and was never opened online.".to_owned()
    };
    let window = leptos::prelude::window();
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(DEMO_URL))
        .await
        .map_err(|_| unreachable())?
        .unchecked_into();
    if !response.ok() {
        return Err(unreachable());
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(|_| unreachable())?)
        .await
        .map_err(|_| unreachable())?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    super::tools::import_bytes(&bytes)
        .await
        .map(|imported| imported.workspace)
        .map_err(|problems| {
            let first = problems
                .first()
                .map(|problem| problem.to_string())
                .unwrap_or_default();
            format!("The demo organisation's file is damaged: {first}")
        })
}
