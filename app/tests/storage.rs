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
