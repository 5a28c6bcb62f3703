//! The only module that touches IndexedDB (through rexie) and local storage
//! (through gloo-storage). Pages and components call these functions and get
//! plain Rust values or a [`StorageError`] whose message can be shown as is.

mod database;
mod preferences;

pub use database::{
    Database, SnapshotSummary, StoreName, StoredWorkspace, DATABASE_NAME, DATABASE_VERSION,
    STORES_BY_VERSION,
};
pub use preferences::{Preferences, TableLayout, Theme};

use serde::{Deserialize, Serialize};
use std::fmt;

/// What the workspaces list shows about one workspace. Stored in the
/// `workspaces` object store under its `id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceSummary {
    pub id: String,
    pub name: String,
    /// ISO-8601 time of creation.
    pub created: String,
    /// ISO-8601 time of the last change.
    pub updated: String,
    /// Rises by one with every save; a tab whose copy is older cannot save.
    #[serde(default)]
    pub revision: u64,
}

/// Longest workspace name accepted.
pub const MAX_NAME_CHARS: usize = 120;

/// A storage failure, phrased for the person using the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// IndexedDB is missing or refused (some private-browsing modes).
    Unavailable(String),
    /// The browser's storage quota for this site is used up.
    QuotaExceeded,
    /// The browser aborted a write at commit time (usually a full quota):
    /// nothing of it was stored.
    Aborted,
    /// Another tab holds an older version of the database open.
    Blocked,
    /// A record could not be read back into the app's types.
    Corrupt(String),
    /// The workspace asked for does not exist (any more).
    NotFound(String),
    /// Another tab saved this workspace after this tab loaded it.
    Conflict { workspace: String },
    /// The workspace was stored by a newer version of the app.
    TooNew { workspace: String, version: u32 },
    /// A name that is empty or too long.
    InvalidName(String),
    /// Any other IndexedDB failure.
    Other(String),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unavailable(detail) => write!(
                f,
                "This browser does not let the app store data (IndexedDB is unavailable: {detail}). \
                 Private windows often block it; open the app in a normal window."
            ),
            Self::QuotaExceeded => write!(
                f,
                "The browser's storage for this site is full, so this was not saved; what is shown \
                 is what is stored. Export the workspace (Data page) to keep a copy, delete snapshots \
                 or workspaces you no longer need, then try again."
            ),
            Self::Aborted => write!(
                f,
                "The browser refused to store this (most often because its storage for this site is \
                 full), so it was not saved; what is shown is what is stored. Export the workspace \
                 (Data page) to keep a copy, delete snapshots or workspaces you no longer need, then \
                 try again."
            ),
            Self::Blocked => write!(
                f,
                "Another tab with an older version of the app has the data open. Close it and reload this page."
            ),
            Self::Corrupt(detail) => write!(f, "A stored record could not be read: {detail}"),
            Self::NotFound(id) => write!(f, "The workspace {id} does not exist any more."),
            Self::Conflict { workspace } => write!(
                f,
                "“{workspace}” was changed in another tab since this tab loaded it, so this change was \
                 not saved. The latest version has been loaded; please make the change again."
            ),
            Self::TooNew { workspace, version } => write!(
                f,
                "“{workspace}” was saved by a newer version of the app (data schema {version}; this \
                 one reads up to {}). Reload the page to get the newest version; nothing was changed.",
                engine::SCHEMA_VERSION
            ),
            Self::InvalidName(reason) => write!(f, "{reason}"),
            Self::Other(detail) => write!(f, "Saving or loading failed: {detail}"),
        }
    }
}

impl std::error::Error for StorageError {}

impl From<rexie::Error> for StorageError {
    fn from(error: rexie::Error) -> Self {
        let text = error.to_string();
        if text.contains("QuotaExceeded") {
            Self::QuotaExceeded
        } else if text.contains("blocked") {
            Self::Blocked
        } else {
            Self::Other(text)
        }
    }
}

/// Checks and tidies a workspace name typed by the user.
pub fn clean_name(raw: &str) -> Result<String, StorageError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(StorageError::InvalidName(
            "Give the workspace a name.".to_owned(),
        ));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(StorageError::InvalidName(format!(
            "Keep the name under {MAX_NAME_CHARS} characters."
        )));
    }
    Ok(name.to_owned())
}

/// The current time as ISO-8601 (UTC, milliseconds).
pub fn now_iso() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

/// A fresh, unguessable id such as `ws-1f0c…`.
pub fn new_id(prefix: &str) -> String {
    let uuid = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("{:x}", (js_sys::Math::random() * 1e15) as u64));
    format!("{prefix}-{uuid}")
}

thread_local! {
    static CONNECTION: std::cell::RefCell<Option<std::rc::Rc<Database>>> =
        const { std::cell::RefCell::new(None) };
}

/// The app's shared connection to its database, opened on first use.
/// (WebAssembly in the page is single-threaded, so one per thread is one.)
pub async fn connection() -> Result<std::rc::Rc<Database>, StorageError> {
    if let Some(open) = CONNECTION.with(|c| c.borrow().clone()) {
        return Ok(open);
    }
    let database = std::rc::Rc::new(Database::open_default().await?);
    CONNECTION.with(|c| *c.borrow_mut() = Some(database.clone()));
    Ok(database)
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // Older browsers and some embedded views have no StorageManager.
    js_sys::Reflect::has(&navigator, &"storage".into())
        .ok()?
        .then(|| navigator.storage())
}

async fn boolean_promise(promise: Result<js_sys::Promise, wasm_bindgen::JsValue>) -> Option<bool> {
    wasm_bindgen_futures::JsFuture::from(promise.ok()?)
        .await
        .ok()?
        .as_bool()
}

/// Whether the browser keeps this site's data even under storage pressure
/// (`None` where it cannot tell).
pub async fn is_persistent() -> Option<bool> {
    boolean_promise(storage_manager()?.persisted()).await
}

/// Asks the browser to keep this site's data under storage pressure; the
/// answer (browsers decide by their own rules, sometimes without asking the
/// person) is whether it now does.
pub async fn request_persistence() -> Option<bool> {
    boolean_promise(storage_manager()?.persist()).await
}
