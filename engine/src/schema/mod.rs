//! The JSON export format (PRODUCT.md section 5): a versioned envelope around
//! the workspace, strict validation on import that lists every problem with
//! its JSON path, and ordered migrations from older schema versions.
//!
//! ```json
//! { "format": "isms-workbench", "schema_version": 1,
//!   "exported_at": "2025-01-31T10:00:00Z", "app_version": "0.1.0",
//!   "workspace": { "id": "...", "name": "...", "methodology": {...}, ... } }
//! ```

mod messages;
mod migrations;
mod parse;
mod validate;

pub use validate::{
    import_json, import_json_bytes, import_json_detailed, workspace_from_export, Imported,
    MAX_IMPORT_PROBLEMS,
};

use crate::model::Workspace;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The `format` field of every export.
pub(crate) const FORMAT_NAME: &str = "isms-workbench";

/// The schema version this build writes. Older versions are migrated on
/// import; the `schema::migrations` module documents the history.
pub const SCHEMA_VERSION: u32 = 2;

/// The export envelope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    /// Always [`FORMAT_NAME`].
    pub format: String,
    /// Version of the workspace shape; older files are migrated on import.
    pub schema_version: u32,
    /// RFC 3339 time of export, supplied by the caller (the engine has no
    /// clock).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported_at: Option<String>,
    /// Version of the app that wrote the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_version: Option<String>,
    /// The exported workspace.
    pub workspace: Workspace,
}

impl Envelope {
    /// The envelope of `workspace` at the current schema version.
    pub fn new(workspace: Workspace) -> Self {
        Envelope {
            format: FORMAT_NAME.to_owned(),
            schema_version: SCHEMA_VERSION,
            exported_at: None,
            app_version: None,
            workspace,
        }
    }
}

/// One problem found on import: where (a JSON path such as
/// `$.workspace.risks[3].controls[0]`) and what, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    /// Where in the file: a JSON path such as `$.workspace.risks[3].controls[0]`.
    pub path: String,
    /// What is wrong and what to change, in plain words.
    pub message: String,
}

impl ImportProblem {
    pub(crate) fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        ImportProblem {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Pretty JSON export of `workspace` in the current envelope, without export
/// time or app version.
pub fn export_json(workspace: &Workspace) -> String {
    export_json_with(workspace, None, None)
}

/// Pretty JSON export of `workspace` with the given export time and app
/// version.
pub fn export_json_with(
    workspace: &Workspace,
    exported_at: Option<&str>,
    app_version: Option<&str>,
) -> String {
    #[derive(Serialize)]
    struct EnvelopeRef<'a> {
        format: &'static str,
        schema_version: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        exported_at: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        app_version: Option<&'a str>,
        workspace: &'a Workspace,
    }
    // By way of a JSON value: the app's wasm then serialises every object
    // once (to values, as its storage does) instead of once per serialiser.
    let value = serde_json::to_value(EnvelopeRef {
        format: FORMAT_NAME,
        schema_version: SCHEMA_VERSION,
        exported_at,
        app_version,
        workspace,
    })
    .expect("a workspace always serialises");
    serde_json::to_string_pretty(&value).expect("a JSON value always serialises")
}
