//! The app's second WebAssembly module: work that few visits need, kept out
//! of the first load and fetched the first time it is needed (then kept by
//! the service worker with every other file).
//!
//! What it does:
//! - reads imported JSON files (validation with every problem's path, and
//!   the migrations of older versions), stored workspaces of older versions
//!   and snapshots;
//! - previews a CSV import;
//! - compares two versions of a workspace;
//! - writes OSCAL documents;
//! - simulates Monte Carlo shards in the simulation workers, which load only
//!   this module, built for speed (`opt-level = 3`, SIMD) rather than size.
//!
//! Excel workbooks are in a third module (`app/workbook`), fetched only
//! when a person exports or previews a workbook, so that neither imports nor
//! the simulation workers download the spreadsheet crates.
//!
//! Everything goes in and out as JSON text: `Result<T, E>` serialised by
//! serde (`{"Ok": ...}` or `{"Err": ...}`), read by the app with
//! `engine::decode`. The app calls [`run`] and [`import_bytes`] through
//! `app/src/io/tools.rs`; its browser tests link this crate directly and
//! call the very same functions.

use engine::{
    csv_preview, diff, import_json_bytes, import_json_detailed, join_migrated, CsvKind,
    ImportProblem, Record, SimulationJob, SimulationPlan, Workspace,
};
use serde::Serialize;
use serde_json::Value;
use std::ops::ControlFlow;
use wasm_bindgen::prelude::*;

/// The operations [`run`] knows, with their arguments.
pub mod op {
    /// `[schema_version, header_json, records_json]`: a workspace stored by
    /// an older version, brought up to date (`Result<Imported, Vec<ImportProblem>>`).
    pub const MIGRATE: &str = "migrate";
    /// `[export_json]`: an exported file's text, validated and migrated
    /// (`Result<Imported, Vec<ImportProblem>>`).
    pub const IMPORT_TEXT: &str = "import-text";
    /// `[workspace_export_json, csv_kind, csv_text]`: what importing the
    /// CSV would change (`Result<CsvPreview, Vec<CsvProblem>>`).
    pub const CSV_PREVIEW: &str = "csv-preview";
    /// `[before_export_json, after_export_json]`: the differences
    /// (`Result<WorkspaceDiff, String>`).
    pub const DIFF: &str = "diff";
    /// `[workspace_export_json, oscal_kind, generated_at]`: an OSCAL
    /// document (`Result<String, String>`).
    pub const OSCAL: &str = "oscal";
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| {
        // Cannot happen for these types (no maps with non-string keys);
        // answered as an error the app shows rather than a panic.
        format!("{{\"Err\":{}}}", Value::String(format!("internal: {e}")))
    })
}

fn problem(message: impl Into<String>) -> Vec<ImportProblem> {
    vec![ImportProblem {
        path: "$".into(),
        message: message.into(),
    }]
}

/// A workspace the app sent as its export text.
fn workspace_of(text: &str) -> Result<Workspace, String> {
    engine::workspace_from_export(text)
}

/// Runs operation `op` (see [`op`]) on `args`, answering JSON text.
pub fn run_op(op: &str, args: &[String]) -> String {
    let arg = |i: usize| args.get(i).map(String::as_str).unwrap_or_default();
    match op {
        op::MIGRATE => {
            let version = arg(0).parse::<u32>().unwrap_or(0);
            let header: Value = match serde_json::from_str(arg(1)) {
                Ok(header) => header,
                Err(e) => return json(&Err::<(), _>(problem(format!("header: {e}")))),
            };
            let records: Vec<Record> = match serde_json::from_str(arg(2)) {
                Ok(records) => records,
                Err(e) => return json(&Err::<(), _>(problem(format!("records: {e}")))),
            };
            json(&join_migrated(version, &header, &records))
        }
        op::IMPORT_TEXT => json(&import_json_detailed(arg(0))),
        op::CSV_PREVIEW => {
            let preview = workspace_of(arg(0))
                .map_err(|message| {
                    vec![engine::CsvProblem {
                        row: 0,
                        column: String::new(),
                        message: format!("the open workspace could not be read: {message}"),
                    }]
                })
                .and_then(|workspace| {
                    let kind = CsvKind::from_name(arg(1)).ok_or_else(|| {
                        vec![engine::CsvProblem {
                            row: 0,
                            column: String::new(),
                            message: format!("unknown register {:?}", arg(1)),
                        }]
                    })?;
                    csv_preview(&workspace, kind, arg(2))
                });
            json(&preview)
        }
        op::DIFF => {
            let compared = workspace_of(arg(0))
                .and_then(|before| workspace_of(arg(1)).map(|after| diff(&before, &after)));
            json(&compared)
        }
        op::OSCAL => {
            let document = workspace_of(arg(0)).and_then(|workspace| {
                let kind = engine::OscalKind::from_name(arg(1))
                    .ok_or_else(|| format!("unknown OSCAL document {:?}", arg(1)))?;
                engine::oscal_document(&workspace, kind, arg(2))
            });
            json(&document)
        }
        other => json(&Err::<(), _>(format!("unknown operation {other:?}"))),
    }
}

/// [`run_op`] for the app's JavaScript.
#[wasm_bindgen]
pub fn run(op: &str, args: Vec<String>) -> String {
    run_op(op, &args)
}

/// An exported file's bytes, validated and migrated
/// (`Result<Imported, Vec<ImportProblem>>`): bytes that are not UTF-8 are
/// refused with their place.
#[wasm_bindgen]
pub fn import_bytes(bytes: &[u8]) -> String {
    json(&import_json_bytes(bytes))
}

/// Gets a simulation worker ready before its first shard: builds the
/// sampler's quantile table and runs a small throw-away simulation (with
/// its JSON), so that the table is ready and the browser has begun
/// compiling the hot loops with its optimising tier before the first real
/// shard starts (the loops are separate functions for this reason; see
/// `engine::quant::simulation`).
#[wasm_bindgen]
pub fn mc_warm() {
    use engine::{RiskInput, Sampler, SimulationSettings, ThreePointEstimate};
    engine::prepare_fast_sampler();
    let risks = (0..32)
        .map(|i| {
            RiskInput::new(
                ThreePointEstimate::new(0.5, 2.0, 6.0),
                ThreePointEstimate::new(0.1, 0.3, 0.6),
                ThreePointEstimate::new(1_000.0, 10_000.0 * f64::from(1 + i % 4), 100_000.0),
            )
        })
        .collect();
    let settings = SimulationSettings {
        seed: 1,
        iterations: 8_192,
        sampler: Sampler::Fast,
    };
    let Ok(plan) = SimulationPlan::single(settings, risks) else {
        return;
    };
    for _ in 0..4 {
        if let Ok(shard) =
            engine::simulate_shard_with_progress(&plan, 0..8_192, |_| ControlFlow::Continue(()))
        {
            let _ = serde_json::to_string(&shard);
        }
    }
}

/// Simulates iterations `start..end` of the job in `job_json` (a
/// [`SimulationJob`]) and returns the shard as JSON, calling
/// `progress(done)` as it goes. Runs inside the simulation workers.
#[wasm_bindgen]
pub fn mc_shard(
    job_json: &str,
    start: f64,
    end: f64,
    progress: &js_sys::Function,
) -> Result<String, JsValue> {
    let fail = |e: String| JsValue::from_str(&e);
    let job: SimulationJob = serde_json::from_str(job_json).map_err(|e| fail(e.to_string()))?;
    let plan =
        SimulationPlan::try_new(job.settings, job.scenarios).map_err(|e| fail(e.to_string()))?;
    let shard = engine::simulate_shard_with_progress(&plan, start as u64..end as u64, |done| {
        let _ = progress.call1(&JsValue::NULL, &JsValue::from_f64(done as f64));
        ControlFlow::Continue(())
    })
    .map_err(|e| fail(e.to_string()))?;
    serde_json::to_string(&shard).map_err(|e| fail(e.to_string()))
}
