//! The storage module against the browser's real IndexedDB and local storage
//! (run by wasm-bindgen-test in headless Chromium).

use app::storage::{
    clean_name, Database, Preferences, StorageError, Theme, DATABASE_VERSION, STORES_BY_VERSION,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A database of its own per test, so tests never see each other's data.
async fn fresh_database(test: &str) -> Database {
    let name = format!("isms-test-{test}-{}", js_sys::Math::random());
    Database::open(&name)
        .await
        .expect("IndexedDB opens in Chromium")
}

#[wasm_bindgen_test]
async fn workspaces_round_trip_through_indexeddb() {
    let database = fresh_database("round-trip").await;
    assert!(database.list_workspaces().await.unwrap().is_empty());

    let acme = database.create_workspace("  Acme Ltd ").await.unwrap();
    assert_eq!(acme.name, "Acme Ltd");
    assert!(acme.id.starts_with("ws-"));
    let globex = database.create_workspace("Globex").await.unwrap();
    assert_ne!(acme.id, globex.id, "ids are unique");

    let listed = database.list_workspaces().await.unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(database.workspace(&acme.id).await.unwrap(), acme);

    let renamed = database
        .rename_workspace(&acme.id, "Acme Group")
        .await
        .unwrap();
    assert_eq!(renamed.name, "Acme Group");
    assert!(renamed.updated >= acme.updated);
    assert_eq!(
        database.workspace(&acme.id).await.unwrap().name,
        "Acme Group"
    );
    // Most recently changed first.
    assert_eq!(database.list_workspaces().await.unwrap()[0].id, acme.id);

    database.delete_workspace(&acme.id).await.unwrap();
    let remaining = database.list_workspaces().await.unwrap();
    assert_eq!(remaining, vec![globex]);
    assert_eq!(
        database.workspace(&acme.id).await.unwrap_err(),
        StorageError::NotFound(acme.id.clone())
    );
}

#[wasm_bindgen_test]
async fn data_survives_closing_and_reopening_the_database() {
    let name = format!("isms-test-reopen-{}", js_sys::Math::random());
    let first = Database::open(&name).await.unwrap();
    let created = first.create_workspace("Kept").await.unwrap();
    first.close();
    let second = Database::open(&name).await.unwrap();
    assert_eq!(second.list_workspaces().await.unwrap(), vec![created]);
}

#[wasm_bindgen_test]
async fn invalid_names_change_nothing() {
    let database = fresh_database("invalid").await;
    let kept = database.create_workspace("Kept").await.unwrap();
    assert!(matches!(
        database.create_workspace("   ").await,
        Err(StorageError::InvalidName(_))
    ));
    assert!(matches!(
        database.rename_workspace(&kept.id, "").await,
        Err(StorageError::InvalidName(_))
    ));
    assert_eq!(database.list_workspaces().await.unwrap(), vec![kept]);
    assert!(matches!(
        database.rename_workspace("ws-missing", "New").await,
        Err(StorageError::NotFound(_))
    ));
}

#[wasm_bindgen_test]
fn names_are_trimmed_and_limited() {
    assert_eq!(clean_name("  Acme  ").unwrap(), "Acme");
    assert!(clean_name(&"x".repeat(121)).is_err());
    assert!(
        clean_name(&"é".repeat(120)).is_ok(),
        "the limit counts characters, not bytes"
    );
}

#[wasm_bindgen_test]
fn no_database_version_forgets_a_store() {
    // rexie deletes stores a newer version does not list: every version must
    // keep every store of the version before it.
    for pair in STORES_BY_VERSION.windows(2) {
        assert!(pair[1].0 > pair[0].0);
        for store in pair[0].1 {
            assert!(
                pair[1].1.contains(store),
                "version {} drops {store:?}",
                pair[1].0
            );
        }
    }
    assert_eq!(DATABASE_VERSION, STORES_BY_VERSION.last().unwrap().0);
}

#[wasm_bindgen_test]
fn preferences_are_remembered_in_local_storage() {
    Preferences::set_last_workspace(Some("ws-123"));
    assert_eq!(Preferences::last_workspace().as_deref(), Some("ws-123"));
    Preferences::set_last_workspace(None);
    assert_eq!(Preferences::last_workspace(), None);

    Preferences::set_theme(Theme::Dark);
    assert_eq!(Preferences::theme(), Theme::Dark);
    // A value another version wrote that we cannot read falls back to light.
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .set_item("isms-workbench.theme", "\"sepia\"")
        .unwrap();
    assert_eq!(Preferences::theme(), Theme::Light);
}

#[wasm_bindgen_test]
async fn a_workspace_is_stored_object_by_object_and_loads_back_equal() {
    let database = fresh_database("records").await;
    let demo = engine::demo_organisation();
    let summary = database.insert_workspace(demo.clone()).await.unwrap();
    assert_eq!(summary.revision, 1);
    let loaded = database.load_workspace(&summary.id).await.unwrap();
    assert_eq!(loaded.workspace, demo);

    // A new workspace starts with the 93 Annex A controls.
    let fresh = database.create_workspace("Fresh").await.unwrap();
    let fresh = database.load_workspace(&fresh.id).await.unwrap();
    assert_eq!(fresh.workspace.controls.len(), 93);

    // Inserting a taken id is refused, and the stored one stays intact.
    assert!(database.insert_workspace(demo.clone()).await.is_err());
    assert_eq!(
        database
            .load_workspace(&summary.id)
            .await
            .unwrap()
            .workspace,
        demo
    );
}

#[wasm_bindgen_test]
async fn saves_write_what_changed_and_stale_tabs_cannot_overwrite() {
    let database = fresh_database("conflict").await;
    let demo = engine::demo_organisation();
    let summary = database.insert_workspace(demo.clone()).await.unwrap();

    let mut edited = demo.clone();
    edited.risks[0].title = "Edited in tab one".into();
    edited.assets.pop();
    let saved = database
        .save_changes(summary.revision, &demo, &edited)
        .await
        .unwrap();
    assert_eq!(saved.revision, summary.revision + 1);
    assert_eq!(
        database
            .load_workspace(&summary.id)
            .await
            .unwrap()
            .workspace,
        edited
    );

    // A second tab still holding revision 1 tries to save: refused, nothing written.
    let mut stale = demo.clone();
    stale.scope = "Edited in tab two".into();
    let error = database
        .save_changes(summary.revision, &demo, &stale)
        .await
        .unwrap_err();
    assert!(matches!(error, StorageError::Conflict { .. }), "{error:?}");
    assert!(error.to_string().contains("another tab"));
    let stored = database.load_workspace(&summary.id).await.unwrap();
    assert_eq!(stored.workspace, edited);
    assert_eq!(stored.summary.revision, saved.revision);
}

#[wasm_bindgen_test]
async fn snapshots_keep_a_workspace_and_replace_restores_it() {
    let database = fresh_database("snapshots").await;
    let demo = engine::demo_organisation();
    let summary = database.insert_workspace(demo.clone()).await.unwrap();
    let snapshot = database.save_snapshot("Baseline", &demo).await.unwrap();
    assert!(matches!(
        database.save_snapshot("  ", &demo).await,
        Err(StorageError::InvalidName(_))
    ));

    let mut changed = demo.clone();
    changed.risks.truncate(10);
    let after = database
        .save_changes(summary.revision, &demo, &changed)
        .await
        .unwrap();
    assert_eq!(
        database
            .load_workspace(&summary.id)
            .await
            .unwrap()
            .workspace
            .risks
            .len(),
        10
    );

    let listed = database.list_snapshots(&summary.id).await.unwrap();
    assert_eq!(listed, vec![snapshot.clone()]);
    assert_eq!(listed[0].risks, 60);
    // Stored as the export text, read back by the importer.
    let text = database.snapshot_json(&snapshot.id).await.unwrap();
    let restored = engine::import_json(&text).unwrap();
    assert_eq!(restored, demo);
    database
        .replace_workspace(after.revision, &restored)
        .await
        .unwrap();
    assert_eq!(
        database
            .load_workspace(&summary.id)
            .await
            .unwrap()
            .workspace,
        demo
    );

    // Deleting the workspace takes its records and snapshots with it.
    database.delete_workspace(&summary.id).await.unwrap();
    assert!(matches!(
        database.load_workspace(&summary.id).await,
        Err(StorageError::NotFound(_))
    ));
    assert!(database
        .list_snapshots(&summary.id)
        .await
        .unwrap()
        .is_empty());
    assert!(database.snapshot_json(&snapshot.id).await.is_err());
}

#[wasm_bindgen_test]
async fn a_version_one_database_upgrades_without_losing_workspaces() {
    let name = format!("isms-test-upgrade-{}", js_sys::Math::random());
    // What version 1 of the app left behind: only the workspaces store.
    let old = rexie::Rexie::builder(&name)
        .version(1)
        .add_object_store(rexie::ObjectStore::new("workspaces").key_path("id"))
        .build()
        .await
        .unwrap();
    let transaction = old
        .transaction(&["workspaces"], rexie::TransactionMode::ReadWrite)
        .unwrap();
    let row = js_sys::JSON::parse(
        r#"{"id": "ws-old", "name": "Made by version 1",
            "created": "2026-01-01T00:00:00.000Z", "updated": "2026-01-01T00:00:00.000Z"}"#,
    )
    .unwrap();
    transaction
        .store("workspaces")
        .unwrap()
        .put(&row, None)
        .await
        .unwrap();
    transaction.done().await.unwrap();
    old.close();

    let database = Database::open(&name).await.unwrap();
    let listed = database.list_workspaces().await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].revision, 0);
    let loaded = database.load_workspace("ws-old").await.unwrap();
    assert_eq!(loaded.workspace.name, "Made by version 1");
    assert_eq!(loaded.workspace.controls.len(), 93);
    // Its content is stored now, so edits save normally.
    let mut edited = loaded.workspace.clone();
    edited.scope = "Head office".into();
    database
        .save_changes(0, &loaded.workspace, &edited)
        .await
        .unwrap();
    assert_eq!(
        database
            .load_workspace("ws-old")
            .await
            .unwrap()
            .workspace
            .scope,
        "Head office"
    );
}

/// Writes `rows` into `store` of database `name` as an older app would have.
async fn put_raw(name: &str, store: &str, rows: &[serde_json::Value]) {
    let mut builder = rexie::Rexie::builder(name).version(DATABASE_VERSION);
    for (_, stores) in STORES_BY_VERSION.iter().rev().take(1) {
        for store in stores.iter() {
            builder = builder.add_object_store(store_definition(*store));
        }
    }
    let raw = builder.build().await.unwrap();
    let transaction = raw
        .transaction(&[store], rexie::TransactionMode::ReadWrite)
        .unwrap();
    for row in rows {
        let value = js_sys::JSON::parse(&row.to_string()).unwrap();
        transaction
            .store(store)
            .unwrap()
            .put(&value, None)
            .await
            .unwrap();
    }
    transaction.done().await.unwrap();
    raw.close();
}

fn store_definition(store: app::storage::StoreName) -> rexie::ObjectStore {
    use app::storage::StoreName;
    let definition = rexie::ObjectStore::new(store.as_str());
    match store {
        StoreName::Workspaces | StoreName::SnapshotData => definition.key_path("id"),
        StoreName::Headers => definition.key_path("workspace"),
        StoreName::Records => definition
            .key_path_array(["workspace", "collection", "id"])
            .add_index(rexie::Index::new("by_workspace", "workspace")),
        StoreName::Snapshots => definition
            .key_path("id")
            .add_index(rexie::Index::new("by_workspace", "workspace")),
    }
}

#[wasm_bindgen_test]
async fn a_workspace_stored_in_an_old_shape_opens_migrated() {
    // The migration runs in the app's second module; here it is linked in.
    app::io::tools::link_in_process(app::io::tools::Linked {
        run: isms_tools::run_op,
        import_bytes: isms_tools::import_bytes,
        xlsx_export: isms_workbook::xlsx_workbook,
        xlsx_preview: isms_workbook::xlsx_sheet_preview,
    });
    let name = format!("isms-test-migrate-{}", js_sys::Math::random());
    // Create the current layout, then leave it as an app of schema version
    // 0 would have: risks naming one `asset`, effectiveness as a fraction.
    Database::open(&name).await.unwrap().close();
    let demo = engine::demo_organisation();
    let parts = engine::split(&demo);
    let id = demo.id.as_str().to_owned();
    let mut records = Vec::new();
    let mut old_risk = None;
    for record in &parts.records {
        let mut value = record.value.clone();
        match record.collection {
            engine::Collection::Risks => {
                let object = value.as_object_mut().unwrap();
                let assets = object.remove("assets").unwrap();
                let first = assets.get(0).cloned().unwrap_or(serde_json::Value::Null);
                object.insert("asset".into(), first.clone());
                old_risk.get_or_insert((record.id.clone(), first));
            }
            engine::Collection::Controls => {
                if let Some(percent) = value.get("effectiveness").and_then(|v| v.as_u64()) {
                    value["effectiveness"] = serde_json::json!(percent as f64 / 100.0);
                }
            }
            _ => {}
        }
        records.push(serde_json::json!({
            "workspace": id, "collection": record.collection.name(), "id": record.id,
            "json": value.to_string(),
        }));
    }
    put_raw(&name, "records", &records).await;
    put_raw(
        &name,
        "headers",
        &[serde_json::json!({
            "workspace": id, "schema_version": 0,
            "json": serde_json::to_string(&parts.header).unwrap(),
        })],
    )
    .await;
    put_raw(
        &name,
        "workspaces",
        &[serde_json::json!({
            "id": id, "name": demo.name, "revision": 4,
            "created": "2025-01-01T00:00:00.000Z", "updated": "2025-01-01T00:00:00.000Z",
        })],
    )
    .await;

    let database = Database::open(&name).await.unwrap();
    let opened = database.load_workspace(&id).await.unwrap();
    // Version 0 could hold one asset per risk: that is all that comes back.
    let mut expected = demo.clone();
    for risk in &mut expected.risks {
        risk.assets.truncate(1);
    }
    assert!(
        opened.workspace == expected,
        "migrated back to today's shape"
    );
    let (risk_id, first_asset) = old_risk.unwrap();
    let risk = opened
        .workspace
        .risks
        .iter()
        .find(|r| r.id.as_str() == risk_id)
        .unwrap();
    assert_eq!(
        serde_json::to_value(&risk.assets).unwrap(),
        serde_json::json!([first_asset])
    );
    // The migration was stored (a save, so the revision rose), and the next
    // open reads the current shape directly.
    assert_eq!(opened.summary.revision, 5);
    let again = database.load_workspace(&id).await.unwrap();
    assert!(again.workspace == expected);
    assert_eq!(again.summary.revision, 5);
}

#[wasm_bindgen_test]
async fn a_workspace_stored_by_a_newer_app_is_refused_and_left_alone() {
    let name = format!("isms-test-newer-{}", js_sys::Math::random());
    let database = Database::open(&name).await.unwrap();
    let created = database.create_workspace("From the future").await.unwrap();
    database.close();
    let stored = Database::open(&name).await.unwrap();
    let loaded = stored.load_workspace(&created.id).await.unwrap();
    stored.close();
    let header = engine::split(&loaded.workspace).header;
    put_raw(
        &name,
        "headers",
        &[serde_json::json!({
            "workspace": created.id, "schema_version": engine::SCHEMA_VERSION + 1,
            "json": serde_json::to_string(&header).unwrap(),
        })],
    )
    .await;
    let database = Database::open(&name).await.unwrap();
    let refused = database.load_workspace(&created.id).await.unwrap_err();
    assert!(
        matches!(refused, StorageError::TooNew { .. }),
        "{refused:?}"
    );
    assert!(refused.to_string().contains("newer version"));
    assert_eq!(
        database.workspace(&created.id).await.unwrap().revision,
        created.revision
    );
}
