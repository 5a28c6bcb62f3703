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

/// "Undo" takes back the newest change and then the one before it, keeping
/// later changes, and what it restores is stored; a field changed again
/// since (here by another tab) is refused with a message and left alone.
#[wasm_bindgen_test]
async fn undo_takes_back_changes_newest_first_and_stores_them() {
    leptos::mount::mount_to_body(|| ());
    let owner = Owner::new();
    owner.set();
    let state = AppState::new();
    let mut workspace = engine::demo_organisation();
    let id = format!("ws-undo-{}", (js_sys::Math::random() * 1e9) as u64);
    workspace.id = engine::WorkspaceId::try_new(id.clone()).unwrap();
    let original = workspace.clone();
    let database = app::storage::connection().await.unwrap();
    database.insert_workspace(workspace).await.unwrap();
    state.load_workspace(id.clone());
    until("the workspace is open", || {
        state.open.with_untracked(|o| o.is_some())
    })
    .await;
    assert_eq!(state.undoable.get_untracked(), None, "nothing to undo yet");

    let removed = original.risks[3].id.clone();
    state.edit(|ws| {
        ws.remove_risk(&removed);
    });
    let undoable = state
        .undoable
        .get_untracked()
        .expect("the removal can be undone");
    assert!(undoable.contains(removed.as_str()), "{undoable}");
    let renamed = original.assets[0].id.clone();
    state.edit(|ws| {
        let mut asset = ws.assets[0].clone();
        asset.name = "Renamed, then undone".into();
        ws.upsert_asset(asset);
    });
    assert!(state
        .undoable
        .get_untracked()
        .unwrap()
        .contains(renamed.as_str()));
    until("the saves are done", || !state.saving.get_untracked()).await;

    state.undo_last();
    until("the undo is saved", || !state.saving.get_untracked()).await;
    pause(100).await;
    let now = state
        .open
        .with_untracked(|o| o.as_ref().unwrap().workspace.clone());
    assert_eq!(now.assets[0].name, original.assets[0].name);
    assert!(
        now.risks.iter().all(|r| r.id != removed),
        "the older change stays"
    );
    state.undo_last();
    until("the second undo is saved", || !state.saving.get_untracked()).await;
    pause(100).await;
    let now = state
        .open
        .with_untracked(|o| o.as_ref().unwrap().workspace.clone());
    assert_eq!(now, original, "both changes taken back, order included");
    let stored = database.load_workspace(&id).await.unwrap().workspace;
    assert_eq!(stored, original, "what was undone is stored");
    assert_eq!(state.undoable.get_untracked(), None);
    assert!(state.notice.get_untracked().unwrap().starts_with("Undone"));

    // A field changed again since the change cannot be taken back.
    state.edit(|ws| {
        let mut asset = ws.assets[1].clone();
        asset.name = "First".into();
        ws.upsert_asset(asset);
    });
    // As a merge from another tab would: the open copy changes without
    // becoming an undoable change of this tab.
    state
        .open
        .update(|o| o.as_mut().unwrap().workspace.assets[1].name = "Second".into());
    state.error.set(None);
    state.undo_last();
    let message = state.error.get_untracked().expect("the undo is refused");
    assert!(message.starts_with("Not undone"), "{message}");
    let name = state
        .open
        .with_untracked(|o| o.as_ref().unwrap().workspace.assets[1].name.clone());
    assert_eq!(name, "Second", "a refused undo changes nothing");
}
