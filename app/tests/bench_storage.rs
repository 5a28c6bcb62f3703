//! Browser benchmark of the data layer (not a timed test): open a
//! 10,000-risk workspace from IndexedDB, save after one edit, export, import,
//! and the deterministic analysis, in headless Chromium. It prints a table and
//! asserts only correctness, never timings.
//!
//! Built only with the `browser-bench` feature, so the normal browser tests
//! skip it. Run it with `scripts/bench-browser.sh`.

use app::storage::{now_iso, Database};
use engine::{Workspace, WorkspaceId};
use rexie::{KeyRange, Rexie, TransactionMode};
use std::fmt::Write as _;
use std::future::Future;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const RISKS: usize = 10_000;
const ASSETS: usize = 2_000;
const CONTROLS: usize = 93;
const SEED: u64 = 7;
/// Repetitions of each measurement; the table shows the first, the median
/// and the fastest.
const REPETITIONS: usize = 5;

#[wasm_bindgen]
extern "C" {
    /// `performance.now()`: milliseconds, sub-millisecond resolution (the
    /// test page is cross-origin isolated).
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// Times of one measurement over its repetitions, in milliseconds.
struct Times(Vec<f64>);

impl Times {
    fn first(&self) -> f64 {
        self.0[0]
    }

    fn median(&self) -> f64 {
        let mut sorted = self.0.clone();
        sorted.sort_by(f64::total_cmp);
        let middle = sorted.len() / 2;
        if sorted.len() % 2 == 1 {
            sorted[middle]
        } else {
            (sorted[middle - 1] + sorted[middle]) / 2.0
        }
    }

    fn min(&self) -> f64 {
        self.0.iter().copied().fold(f64::INFINITY, f64::min)
    }
}

fn time<T>(work: impl FnOnce() -> T) -> (T, f64) {
    let start = performance_now();
    let value = work();
    (value, performance_now() - start)
}

async fn time_async<T>(work: impl Future<Output = T>) -> (T, f64) {
    let start = performance_now();
    let value = work.await;
    (value, performance_now() - start)
}

/// The table printed at the end.
#[derive(Default)]
struct Table(String);

impl Table {
    fn note(&mut self, text: &str) {
        let _ = writeln!(self.0, "{text}");
    }

    fn row(&mut self, what: &str, times: &Times, target: &str) {
        let _ = writeln!(
            self.0,
            "{what:<46} {:>9.1} {:>9.1} {:>9.1}   {target}",
            times.first(),
            times.median(),
            times.min()
        );
    }
}

/// Reads the raw record rows of workspace `id` straight from IndexedDB,
/// without decoding them: the share of opening that is IndexedDB itself.
/// Returns the number of rows and the time of the read (not the connect).
async fn read_raw_rows(database: &str, id: &str) -> (usize, f64) {
    let rexie = Rexie::builder(database).build().await.unwrap();
    let start = performance_now();
    let transaction = rexie
        .transaction(&["records"], TransactionMode::ReadOnly)
        .unwrap();
    let rows = transaction
        .store("records")
        .unwrap()
        .index("by_workspace")
        .unwrap()
        .get_all(Some(KeyRange::only(&JsValue::from_str(id)).unwrap()), None)
        .await
        .unwrap();
    transaction.done().await.unwrap();
    let read_ms = performance_now() - start;
    rexie.close();
    (rows.len(), read_ms)
}

#[wasm_bindgen_test]
async fn bench_storage_10000_risks() {
    let mut table = Table::default();

    // The workspace and a database of its own.
    let (workspace, generate_ms) = time(|| engine::synthetic::workspace(RISKS, ASSETS, SEED));
    assert_eq!(workspace.risks.len(), RISKS);
    assert_eq!(workspace.assets.len(), ASSETS);
    assert_eq!(workspace.controls.len(), CONTROLS);
    let record_count = engine::split(&workspace).records.len();
    let id = workspace.id.as_str().to_owned();
    let name = format!("isms-bench-{}", js_sys::Math::random());
    let database = Database::open(&name).await.unwrap();
    let (inserted, insert_ms) = time_async(database.insert_workspace(workspace.clone())).await;
    let inserted = inserted.unwrap();
    database.close();

    // (1) Open: a fresh connection each time, then the whole workspace.
    let (mut connect, mut load, mut read, mut total) = (vec![], vec![], vec![], vec![]);
    for _ in 0..REPETITIONS {
        let (rows, read_ms) = read_raw_rows(&name, &id).await;
        assert_eq!(rows, record_count, "one row per record");
        read.push(read_ms);

        let (database, connect_ms) = time_async(Database::open(&name)).await;
        let database = database.unwrap();
        let (stored, load_ms) = time_async(database.load_workspace(&id)).await;
        let stored = stored.unwrap();
        assert_eq!(stored.summary, inserted);
        assert!(stored.workspace == workspace, "loaded equals inserted");
        database.close();
        connect.push(connect_ms);
        load.push(load_ms);
        total.push(connect_ms + load_ms);
    }
    let (load, read) = (Times(load), Times(read));
    let decode_ms = load.median() - read.median();
    table.row("open: connect (Database::open)", &Times(connect), "");
    table.row("open: load_workspace", &load, "");
    table.row("  IndexedDB get_all of the rows alone", &read, "");
    table.note(&format!(
        "  so decoding and joining take about {decode_ms:.0} ms (median load - median get_all)"
    ));
    table.row("open: total (connect + load)", &Times(total), "< 1000 ms");

    // (2) Save after one edit: one risk's title, then save_changes.
    let database = Database::open(&name).await.unwrap();
    let stored = database.load_workspace(&id).await.unwrap();
    let mut revision = stored.summary.revision;
    let mut before = stored.workspace;
    let (mut diff, mut save) = (vec![], vec![]);
    for repetition in 0..REPETITIONS {
        let mut after = before.clone();
        let risk = &mut after.risks[(repetition * 1_999) % RISKS];
        risk.title = format!("{} (edited {repetition})", risk.title);
        let (changes, diff_ms) = time(|| engine::changed_records(&before, &after));
        assert!(changes.header.is_none(), "the header did not change");
        assert_eq!(changes.put.len(), 1, "one edit, one put");
        assert!(changes.delete.is_empty());
        let (summary, save_ms) = time_async(database.save_changes(revision, &before, &after)).await;
        let summary = summary.unwrap();
        assert_eq!(summary.revision, revision + 1);
        revision = summary.revision;
        before = after;
        diff.push(diff_ms);
        save.push(save_ms);
    }
    database.close();
    let database = Database::open(&name).await.unwrap();
    let reloaded = database.load_workspace(&id).await.unwrap();
    assert!(reloaded.workspace == before, "the saved edits read back");
    assert_eq!(reloaded.summary.revision, revision);
    table.row(
        "save: changed_records (diff, inside save)",
        &Times(diff),
        "",
    );
    table.row(
        "save after one edit: save_changes",
        &Times(save),
        "< 100 ms",
    );
    let edited = before;

    // (3) Export to a JSON string.
    let mut export = vec![];
    let mut text = String::new();
    for _ in 0..REPETITIONS {
        let (exported, export_ms) =
            time(|| engine::export_json_with(&edited, Some(&now_iso()), Some("bench")));
        text = exported;
        export.push(export_ms);
    }
    let megabytes = text.len() as f64 / 1_000_000.0;
    table.row(
        &format!("export: export_json_with ({megabytes:.1} MB)"),
        &Times(export),
        "",
    );

    // (4) Import: validation and migrations, then stored as a new workspace.
    let (mut validate, mut store) = (vec![], vec![]);
    for repetition in 0..REPETITIONS {
        let (imported, validate_ms) = time(|| engine::import_json(&text));
        let mut imported: Workspace = imported.expect("the export imports");
        assert!(imported == edited, "import gives back what was exported");
        imported.id = WorkspaceId::try_new(format!("imported-{repetition}")).unwrap();
        let (summary, store_ms) = time_async(database.insert_workspace(imported)).await;
        summary.unwrap();
        validate.push(validate_ms);
        store.push(store_ms);
    }
    let import_total: Vec<f64> = validate.iter().zip(&store).map(|(v, s)| v + s).collect();
    table.row(
        "import: import_json (validate + migrate)",
        &Times(validate),
        "",
    );
    table.row("import: insert_workspace (store)", &Times(store), "");
    table.row("import: total", &Times(import_total), "");
    assert_eq!(
        database.list_workspaces().await.unwrap().len(),
        1 + REPETITIONS
    );
    database.close();

    // (5) The deterministic analysis.
    let mut analyze = vec![];
    for _ in 0..REPETITIONS {
        let (analysis, analyze_ms) = time(|| engine::analyze(&edited));
        assert_eq!(analysis.risks.len(), RISKS);
        analyze.push(analyze_ms);
    }
    table.row("analyze (engine::analyze)", &Times(analyze), "< 20 ms");

    let _ = Rexie::builder(&name).delete().await;

    console_log!(
        "\nData layer in headless Chromium: {RISKS} risks, {ASSETS} assets, {CONTROLS} controls \
         ({record_count} records); {REPETITIONS} repetitions; debug assertions {}\n\
         setup (not measured again): generate {generate_ms:.0} ms, first insert_workspace {insert_ms:.0} ms\n\n\
         {:<46} {:>9} {:>9} {:>9}   target\n{}",
        if cfg!(debug_assertions) { "on" } else { "off" },
        "step (ms)",
        "first",
        "median",
        "min",
        table.0
    );
}
