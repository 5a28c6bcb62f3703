//! The app's third WebAssembly module: Excel workbooks, fetched only when a
//! person exports a workbook or previews the import of one of its sheets
//! (then kept by the service worker with every other file). The
//! spreadsheet crates (`rust_xlsxwriter`, `calamine`) make most of its size,
//! so they stay out of the second module (`app/tools`), which every import
//! and every simulation worker loads.
//!
//! The app calls [`xlsx_export`] and [`xlsx_preview`] through
//! `app/src/io/tools.rs`; its browser tests link this crate directly and
//! call [`xlsx_workbook`] and [`xlsx_sheet_preview`], the very same code.

use engine::{CsvKind, CsvProblem};
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// The CSV problem that stands for a whole-file failure.
fn file_problem(message: String) -> Vec<CsvProblem> {
    vec![CsvProblem {
        row: 0,
        column: String::new(),
        message,
    }]
}

/// The Excel workbook of the workspace in `workspace_json` (its export
/// text), dated `today` (`YYYY-MM-DD`, or empty for the clock's date).
pub fn xlsx_workbook(workspace_json: &str, today: &str) -> Result<Vec<u8>, String> {
    let workspace = engine::workspace_from_export(workspace_json)
        .map_err(|e| format!("the open workspace could not be read: {e}"))?;
    engine::xlsx_export(&workspace, engine::Date::parse(today))
}

/// What importing the register `kind` from the workbook `bytes` into the
/// workspace in `workspace_json` would change, as JSON text
/// (`Result<CsvPreview, Vec<CsvProblem>>`, as for a CSV file).
pub fn xlsx_sheet_preview(workspace_json: &str, kind: &str, bytes: &[u8]) -> String {
    let preview = engine::workspace_from_export(workspace_json)
        .map_err(|e| file_problem(format!("the open workspace could not be read: {e}")))
        .and_then(|workspace| {
            let kind = CsvKind::from_name(kind)
                .ok_or_else(|| file_problem(format!("unknown register {kind:?}")))?;
            engine::xlsx_preview(&workspace, kind, bytes)
        });
    serde_json::to_string(&preview).unwrap_or_else(|e| {
        // Cannot happen for these types; answered as an error the app shows.
        format!("{{\"Err\":{}}}", Value::String(format!("internal: {e}")))
    })
}

/// [`xlsx_workbook`] for the app's JavaScript: the file's bytes, or the
/// reason as an error.
#[wasm_bindgen]
pub fn xlsx_export(workspace_json: &str, today: &str) -> Result<Vec<u8>, JsValue> {
    xlsx_workbook(workspace_json, today).map_err(|e| JsValue::from_str(&e))
}

/// [`xlsx_sheet_preview`] for the app's JavaScript.
#[wasm_bindgen]
pub fn xlsx_preview(workspace_json: &str, kind: &str, bytes: &[u8]) -> String {
    xlsx_sheet_preview(workspace_json, kind, bytes)
}
