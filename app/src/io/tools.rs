//! The app's lazily fetched modules: the second (`app/tools`: imports, CSV
//! previews, snapshot differences, OSCAL and the Monte Carlo workers) and
//! the third (`app/workbook`: Excel workbooks, fetched only when a person
//! exports or previews one), each fetched the first time one of its
//! functions is needed instead of with the first load.
//!
//! `scripts/build-tools.sh` names each module's two files in `index.html`
//! (`<meta name="isms-tools" content="…js" data-wasm="…wasm">`, and
//! `<meta name="isms-workbook" …>`); the first call imports the script,
//! compiles the module and keeps both for the rest of the visit. The browser
//! tests link the same functions into the test instead
//! ([`link_in_process`]).

use engine::{
    CsvKind, CsvPreview, CsvProblem, ImportProblem, Imported, Record, Workspace, WorkspaceDiff,
};
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = r#"
export function load_tools(js, wasm) {
  return (async () => {
    const module = await WebAssembly.compileStreaming(fetch(wasm));
    const bindings = await import(js);
    await bindings.default({ module_or_path: module });
    return { bindings, module };
  })();
}
"#)]
extern "C" {
    fn load_tools(js: &str, wasm: &str) -> js_sys::Promise;
}

/// The module's functions, linked in process (browser tests).
#[derive(Clone, Copy)]
pub struct Linked {
    /// `isms_tools::run_op`.
    pub run: fn(&str, &[String]) -> String,
    /// `isms_tools::import_bytes`.
    pub import_bytes: fn(&[u8]) -> String,
    /// `isms_workbook::xlsx_workbook`.
    pub xlsx_export: fn(&str, &str) -> Result<Vec<u8>, String>,
    /// `isms_workbook::xlsx_sheet_preview`.
    pub xlsx_preview: fn(&str, &str, &[u8]) -> String,
}

/// The loaded module: its script's bindings and the compiled module (which
/// the simulation workers instantiate without downloading it again).
#[derive(Clone)]
pub struct Loaded {
    pub bindings: JsValue,
    pub module: JsValue,
    /// The script's address, for the workers to import.
    pub script: String,
}

thread_local! {
    static LOADED: RefCell<Option<Loaded>> = const { RefCell::new(None) };
    static WORKBOOK: RefCell<Option<Loaded>> = const { RefCell::new(None) };
    static LINKED: RefCell<Option<Linked>> = const { RefCell::new(None) };
}

/// Uses `linked` instead of fetching the module (browser tests, which have
/// no `index.html` to name it).
pub fn link_in_process(linked: Linked) {
    LINKED.with(|l| *l.borrow_mut() = Some(linked));
}

fn unavailable(detail: &str) -> String {
    format!(
        "This part of the app could not be loaded ({detail}). If you are offline, open the app \
         once online so it can keep every file; otherwise reload the page."
    )
}

/// The meta tag that names the second module's files.
const TOOLS_TAG: &str = "isms-tools";
/// The meta tag that names the third module's files.
const WORKBOOK_TAG: &str = "isms-workbook";

/// The two file names from `index.html`'s tag `tag`, resolved against the
/// page.
fn addresses(tag: &str) -> Result<(String, String), String> {
    let document = leptos::prelude::document();
    let tag = document
        .query_selector(&format!("meta[name={tag}]"))
        .ok()
        .flatten()
        .ok_or_else(|| unavailable("this build does not name the module"))?;
    let base = document.base_uri().ok().flatten().unwrap_or_default();
    let resolve = |name: Option<String>| {
        let name = name.unwrap_or_default();
        web_sys::Url::new_with_base(&name, &base)
            .map(|u| u.href())
            .map_err(|_| unavailable("its address is not valid"))
    };
    Ok((
        resolve(tag.get_attribute("content"))?,
        resolve(tag.get_attribute("data-wasm"))?,
    ))
}

/// Fetches, compiles and instantiates the module named by `tag` once per
/// visit, keeping it in `cache`.
async fn fetch_module(
    tag: &str,
    cache: &'static std::thread::LocalKey<RefCell<Option<Loaded>>>,
) -> Result<Loaded, String> {
    if let Some(loaded) = cache.with(|l| l.borrow().clone()) {
        return Ok(loaded);
    }
    let (script, wasm) = addresses(tag)?;
    let answer = JsFuture::from(load_tools(&script, &wasm))
        .await
        .map_err(|e| unavailable(&format!("{e:?}")))?;
    let field = |name: &str| js_sys::Reflect::get(&answer, &JsValue::from_str(name));
    let loaded = Loaded {
        bindings: field("bindings").map_err(|_| unavailable("no bindings"))?,
        module: field("module").map_err(|_| unavailable("no module"))?,
        script,
    };
    cache.with(|l| *l.borrow_mut() = Some(loaded.clone()));
    Ok(loaded)
}

/// Fetches, compiles and instantiates the second module once per visit
/// (the simulation workers instantiate its compiled module).
pub async fn load() -> Result<Loaded, String> {
    fetch_module(TOOLS_TAG, &LOADED).await
}

/// The third module (Excel workbooks), fetched the first time a workbook is
/// exported or previewed.
async fn load_workbook() -> Result<Loaded, String> {
    fetch_module(WORKBOOK_TAG, &WORKBOOK).await
}

/// Calls the module's function `name`; a thrown error is `Err` with its
/// text.
fn call_value(bindings: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let function: js_sys::Function = js_sys::Reflect::get(bindings, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| unavailable(&format!("it has no function {name}")))?;
    let array: js_sys::Array = args.iter().collect();
    function
        .apply(&JsValue::NULL, &array)
        .map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

fn call(bindings: &JsValue, name: &str, args: &[JsValue]) -> Result<String, String> {
    call_value(bindings, name, args)?
        .as_string()
        .ok_or_else(|| unavailable(&format!("{name} answered no text")))
}

/// Runs operation `op` of the module (`isms_tools::op`).
async fn run(op: &str, args: Vec<String>) -> Result<String, String> {
    if let Some(linked) = LINKED.with(|l| *l.borrow()) {
        return Ok((linked.run)(op, &args));
    }
    let loaded = load().await?;
    let list: js_sys::Array = args.iter().map(|a| JsValue::from_str(a)).collect();
    call(
        &loaded.bindings,
        "run",
        &[JsValue::from_str(op), list.into()],
    )
}

/// Reads the module's JSON answer.
fn answer<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    engine::decode_str(text)
        .map_err(|e| format!("the import module answered something unexpected: {e}"))
}

fn as_problems(message: String) -> Vec<ImportProblem> {
    vec![ImportProblem {
        path: "$".into(),
        message,
    }]
}

/// An exported file's bytes, validated and migrated, or every problem.
pub async fn import_bytes(bytes: &[u8]) -> Result<Imported, Vec<ImportProblem>> {
    let text = if let Some(linked) = LINKED.with(|l| *l.borrow()) {
        (linked.import_bytes)(bytes)
    } else {
        let loaded = load().await.map_err(as_problems)?;
        let array = js_sys::Uint8Array::from(bytes);
        call(&loaded.bindings, "import_bytes", &[array.into()]).map_err(as_problems)?
    };
    answer::<Result<Imported, Vec<ImportProblem>>>(&text).map_err(as_problems)?
}

/// An exported file's text (a snapshot), validated and migrated.
pub async fn import_text(text: String) -> Result<Imported, Vec<ImportProblem>> {
    let answered = run("import-text", vec![text]).await.map_err(as_problems)?;
    answer::<Result<Imported, Vec<ImportProblem>>>(&answered).map_err(as_problems)?
}

/// A workspace stored by an older version (its schema version, its header
/// as JSON and its records), brought up to date.
pub async fn migrate(
    schema_version: u32,
    header_json: &str,
    records: &[Record],
) -> Result<Imported, Vec<ImportProblem>> {
    let records = serde_json::to_string(records).map_err(|e| as_problems(e.to_string()))?;
    let answered = run(
        "migrate",
        vec![schema_version.to_string(), header_json.to_owned(), records],
    )
    .await
    .map_err(as_problems)?;
    answer::<Result<Imported, Vec<ImportProblem>>>(&answered).map_err(as_problems)?
}

/// What importing `text` as a `kind` CSV into `workspace` would change.
pub async fn csv_preview(
    workspace: &Workspace,
    kind: CsvKind,
    text: String,
) -> Result<CsvPreview, Vec<CsvProblem>> {
    let fail = |message: String| {
        vec![CsvProblem {
            row: 0,
            column: String::new(),
            message,
        }]
    };
    let answered = run(
        "csv-preview",
        vec![engine::export_json(workspace), kind.name().to_owned(), text],
    )
    .await
    .map_err(fail)?;
    answer::<Result<CsvPreview, Vec<CsvProblem>>>(&answered).map_err(fail)?
}

/// The differences between two exported versions of a workspace.
pub async fn diff(before_json: String, after_json: String) -> Result<WorkspaceDiff, String> {
    let answered = run("diff", vec![before_json, after_json]).await?;
    answer::<Result<WorkspaceDiff, String>>(&answered)?
}

/// The OSCAL document of `kind` for `workspace`, generated at `now`, or why
/// there is nothing to put in it.
pub async fn oscal_document(
    workspace: &Workspace,
    kind: engine::OscalKind,
    now: String,
) -> Result<String, String> {
    let answered = run(
        "oscal",
        vec![engine::export_json(workspace), kind.name().to_owned(), now],
    )
    .await?;
    answer::<Result<String, String>>(&answered)?
}

/// The Excel workbook of `workspace` (a sheet per register), dated `today`
/// (`YYYY-MM-DD`).
pub async fn xlsx_export(workspace: &Workspace, today: &str) -> Result<Vec<u8>, String> {
    let json = engine::export_json(workspace);
    if let Some(linked) = LINKED.with(|l| *l.borrow()) {
        return (linked.xlsx_export)(&json, today);
    }
    let loaded = load_workbook().await?;
    let bytes = call_value(
        &loaded.bindings,
        "xlsx_export",
        &[JsValue::from_str(&json), JsValue::from_str(today)],
    )?;
    Ok(js_sys::Uint8Array::new(&bytes).to_vec())
}

/// What importing the register `kind` from the workbook `bytes` into
/// `workspace` would change, as for a CSV file.
pub async fn xlsx_preview(
    workspace: &Workspace,
    kind: CsvKind,
    bytes: &[u8],
) -> Result<CsvPreview, Vec<CsvProblem>> {
    let fail = |message: String| {
        vec![CsvProblem {
            row: 0,
            column: String::new(),
            message,
        }]
    };
    let json = engine::export_json(workspace);
    let answered = if let Some(linked) = LINKED.with(|l| *l.borrow()) {
        (linked.xlsx_preview)(&json, kind.name(), bytes)
    } else {
        let loaded = load_workbook().await.map_err(fail)?;
        let array = js_sys::Uint8Array::from(bytes);
        call(
            &loaded.bindings,
            "xlsx_preview",
            &[
                JsValue::from_str(&json),
                JsValue::from_str(kind.name()),
                array.into(),
            ],
        )
        .map_err(fail)?
    };
    answer::<Result<CsvPreview, Vec<CsvProblem>>>(&answered).map_err(fail)?
}
