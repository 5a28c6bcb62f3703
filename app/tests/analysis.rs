//! The open workspace is analysed once per change, however many pages read
//! the analysis, and a save (which only moves the stored revision) does not
//! analyse it again. Real IndexedDB, in headless Chromium.

use app::state::{analyses_run, AppState};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn pause(milliseconds: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                resolve.unchecked_ref(),
                milliseconds,
            );
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Waits (at most five seconds) until `done` holds.
async fn until(what: &str, done: impl Fn() -> bool) {
    for _ in 0..100 {
        if done() {
            return;
        }
        pause(50).await;
    }
    panic!("timed out waiting until {what}");
}

#[wasm_bindgen_test]
async fn one_save_runs_one_analysis_whatever_reads_it() {
    // Mounting starts Leptos' task executor, which the save loop runs on.
    leptos::mount::mount_to_body(|| ());
    let owner = Owner::new();
    owner.set();
    let state = AppState::new();
    let mut workspace = engine::demo_organisation();
    let id = format!("ws-count-{}", (js_sys::Math::random() * 1e9) as u64);
    workspace.id = engine::WorkspaceId::try_new(id.clone()).unwrap();
    let database = app::storage::connection().await.unwrap();
    database.insert_workspace(workspace).await.unwrap();
    state.load_workspace(id.clone());
    until("the workspace is open", || {
        state.open.with_untracked(|o| o.is_some())
    })
    .await;

    // Three readers, as three pages (register, dashboard, findings) would.
    let risks = Memo::new(move |_| state.analysis.with(|a| a.as_ref().map(|a| a.risks.len())));
    let findings = Memo::new(move |_| {
        state
            .analysis
            .with(|a| a.as_ref().map(|a| a.findings.len()))
    });
    let controls = Memo::new(move |_| state.analysis.with(|a| a.as_ref().map(|a| a.soa.controls)));
    let read_all = move || (risks.get(), findings.get(), controls.get());
    assert_eq!(read_all().0, Some(60));
    // A page that needs only which workspace is open (its links) reads
    // `open_id`: an effect on it runs once, and not again for edits or saves.
    let id_reads = std::rc::Rc::new(std::cell::Cell::new(0));
    let counter = id_reads.clone();
    Effect::new(move |_| {
        let _ = state.open_id.get();
        counter.set(counter.get() + 1);
    });
    pause(50).await;
    assert_eq!(id_reads.get(), 1);
    assert_eq!(state.open_id.get_untracked().as_deref(), Some(id.as_str()));
    let before = analyses_run();
    read_all();
    assert_eq!(analyses_run(), before, "reading again costs nothing");

    state.edit(|ws| ws.set_scope("Counted scope"));
    pause(50).await;
    assert_eq!(id_reads.get(), 1, "an edit does not touch open_id");
    read_all();
    assert_eq!(analyses_run(), before + 1, "one change, one analysis");
    read_all();
    assert_eq!(analyses_run(), before + 1);

    until("the save is done", || !state.saving.get_untracked()).await;
    pause(100).await;
    read_all();
    assert_eq!(
        analyses_run(),
        before + 1,
        "storing the change does not analyse the workspace again"
    );
    assert_eq!(
        id_reads.get(),
        1,
        "an edit and its save do not touch open_id"
    );
    let stored = database.load_workspace(&id).await.unwrap();
    assert_eq!(stored.workspace.scope, "Counted scope");
    assert_eq!(stored.summary.revision, 2);
}
