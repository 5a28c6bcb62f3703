//! IndexedDB through rexie.
//!
//! Layout (version 2):
//! - `workspaces`: one [`WorkspaceSummary`] per workspace (what the list shows,
//!   and the revision that guards against stale writes from another tab);
//! - `headers`: per workspace, the engine's [`WorkspaceHeader`] as JSON (name,
//!   scope, methodology, register order);
//! - `records`: one row per object of a workspace (risk, asset, control, …),
//!   keyed by `[workspace, collection, id]`, so one edit writes one row;
//! - `snapshots` and `snapshot_data`: named snapshots (list and content apart,
//!   so listing does not read every snapshot's content).
//!
//! rexie's builder deletes every object store it is not told about when the
//! database version rises. So the store list is kept per version in
//! [`STORES_BY_VERSION`], each version lists every store it keeps, and a test
//! checks that no version forgets a store of the one before it.

use super::{clean_name, now_iso, StorageError, WorkspaceSummary};
use engine::{
    changed_records, join, split, Collection, Record, RecordChanges, Workspace, WorkspaceHeader,
    WorkspaceId,
};
use futures::future::try_join_all;
use rexie::{
    Index, KeyRange, ObjectStore, Rexie, Store, Transaction, TransactionMode, TransactionResult,
};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

/// Name of the database in the browser.
pub const DATABASE_NAME: &str = "isms-workbench";

const BY_WORKSPACE: &str = "by_workspace";

/// The object stores of the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreName {
    Workspaces,
    Headers,
    Records,
    Snapshots,
    SnapshotData,
}

impl StoreName {
    pub const fn as_str(self) -> &'static str {
        match self {
            StoreName::Workspaces => "workspaces",
            StoreName::Headers => "headers",
            StoreName::Records => "records",
            StoreName::Snapshots => "snapshots",
            StoreName::SnapshotData => "snapshot_data",
        }
    }

    fn definition(self) -> ObjectStore {
        let store = ObjectStore::new(self.as_str());
        match self {
            StoreName::Workspaces | StoreName::SnapshotData => store.key_path("id"),
            StoreName::Headers => store.key_path("workspace"),
            StoreName::Records => store
                .key_path_array(["workspace", "collection", "id"])
                .add_index(Index::new(BY_WORKSPACE, "workspace")),
            StoreName::Snapshots => store
                .key_path("id")
                .add_index(Index::new(BY_WORKSPACE, "workspace")),
        }
    }
}

/// Every store that exists at each database version, oldest version first.
/// Append a version to change the layout; never edit an earlier row.
pub const STORES_BY_VERSION: &[(u32, &[StoreName])] = &[
    (1, &[StoreName::Workspaces]),
    (
        2,
        &[
            StoreName::Workspaces,
            StoreName::Headers,
            StoreName::Records,
            StoreName::Snapshots,
            StoreName::SnapshotData,
        ],
    ),
];

/// The version this build of the app opens.
pub const DATABASE_VERSION: u32 = STORES_BY_VERSION[STORES_BY_VERSION.len() - 1].0;

/// A workspace as loaded: what the list knows and the engine's workspace.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredWorkspace {
    pub summary: WorkspaceSummary,
    pub workspace: Workspace,
}

/// A named snapshot of a workspace, without its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotSummary {
    pub id: String,
    pub workspace: String,
    pub name: String,
    /// ISO-8601 time the snapshot was taken.
    pub created: String,
    /// Number of risks at the time, to tell snapshots apart in the list.
    #[serde(default)]
    pub risks: usize,
}

/// The schema version of stored records that carry none: the first app that
/// kept records (wave 1) wrote them in schema version 1's shape.
const SCHEMA_VERSION_WHEN_UNRECORDED: u32 = 1;

#[derive(Serialize, Deserialize)]
struct HeaderRow {
    workspace: String,
    json: String,
    /// The engine's schema version of this workspace's header and records,
    /// so that a later app migrates them on open exactly as it migrates an
    /// imported file of that version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    schema_version: Option<u32>,
}

#[derive(Serialize, Deserialize)]
struct RecordRow {
    workspace: String,
    collection: String,
    id: String,
    json: String,
}

#[derive(Serialize, Deserialize)]
struct SnapshotDataRow {
    id: String,
    json: String,
}

/// An open connection to the app's database.
pub struct Database {
    rexie: Rexie,
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, StorageError> {
    serde_wasm_bindgen::to_value(value).map_err(|e| StorageError::Other(e.to_string()))
}

fn from_js<T: serde::de::DeserializeOwned>(value: JsValue) -> Result<T, StorageError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| StorageError::Corrupt(e.to_string()))
}

fn to_json<T: Serialize>(value: &T) -> Result<String, StorageError> {
    serde_json::to_string(value).map_err(|e| StorageError::Other(e.to_string()))
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, StorageError> {
    serde_json::from_str(text).map_err(|e| StorageError::Corrupt(e.to_string()))
}

fn workspace_key(id: &str) -> JsValue {
    JsValue::from_str(id)
}

fn only(id: &str) -> Result<KeyRange, StorageError> {
    KeyRange::only(&workspace_key(id)).map_err(|e| StorageError::from(rexie::Error::from(e)))
}

fn record_row(workspace: &str, record: &Record) -> Result<JsValue, StorageError> {
    to_js(&RecordRow {
        workspace: workspace.to_owned(),
        collection: record.collection.name().to_owned(),
        id: record.id.clone(),
        json: to_json(&record.value)?,
    })
}

fn record_key(workspace: &str, collection: Collection, id: &str) -> JsValue {
    let key = js_sys::Array::new();
    key.push(&JsValue::from_str(workspace));
    key.push(&JsValue::from_str(collection.name()));
    key.push(&JsValue::from_str(id));
    key.into()
}

fn header_row(workspace: &str, header: &WorkspaceHeader) -> Result<JsValue, StorageError> {
    to_js(&HeaderRow {
        workspace: workspace.to_owned(),
        json: to_json(header)?,
        schema_version: Some(engine::SCHEMA_VERSION),
    })
}

async fn keys_of_workspace(store: &Store, id: &str) -> Result<Vec<JsValue>, StorageError> {
    let range = only(id)?;
    Ok(store
        .index(BY_WORKSPACE)?
        .get_all_keys(Some(range), None)
        .await?)
}

/// Writes every object of `workspace` (the header and one record each).
async fn write_everything(
    transaction: &Transaction,
    id: &str,
    workspace: &Workspace,
) -> Result<(), StorageError> {
    let parts = split(workspace);
    let headers = transaction.store(StoreName::Headers.as_str())?;
    headers.put(&header_row(id, &parts.header)?, None).await?;
    let records = transaction.store(StoreName::Records.as_str())?;
    let rows = parts
        .records
        .iter()
        .map(|record| record_row(id, record))
        .collect::<Result<Vec<_>, _>>()?;
    // Issue every request at once; awaiting each in turn would cost one
    // round trip per record.
    try_join_all(rows.iter().map(|row| records.put(row, None))).await?;
    Ok(())
}

async fn delete_records_of(transaction: &Transaction, id: &str) -> Result<(), StorageError> {
    let records = transaction.store(StoreName::Records.as_str())?;
    let keys = keys_of_workspace(&records, id).await?;
    try_join_all(keys.into_iter().map(|key| records.delete(key))).await?;
    Ok(())
}

/// The stored summary of workspace `id`, if nobody saved it after
/// `expected_revision` (else a [`StorageError::Conflict`]). Called inside
/// the write transaction, so no other tab can slip in between.
async fn unchanged_since(
    summaries: &Store,
    id: &str,
    expected_revision: u64,
) -> Result<WorkspaceSummary, StorageError> {
    let summary: WorkspaceSummary = summaries
        .get(workspace_key(id))
        .await?
        .filter(|v| !v.is_undefined())
        .ok_or_else(|| StorageError::NotFound(id.to_owned()))
        .and_then(from_js)?;
    if summary.revision != expected_revision {
        return Err(StorageError::Conflict {
            workspace: summary.name,
        });
    }
    Ok(summary)
}

/// Waits for `transaction` to end and says whether it really committed.
/// The browser may abort a transaction at commit time (a full quota is the
/// usual reason) after every request in it succeeded; rexie then returns
/// `Ok(TransactionResult::Aborted)`, which must count as a failure.
async fn commit(transaction: Transaction) -> Result<(), StorageError> {
    match transaction.done().await? {
        TransactionResult::Committed => Ok(()),
        TransactionResult::Aborted => Err(StorageError::Aborted),
    }
}

/// Commits `transaction` when `result` is a success, aborts it otherwise.
async fn finish<T>(
    transaction: Transaction,
    result: Result<T, StorageError>,
) -> Result<T, StorageError> {
    match result {
        Ok(value) => {
            commit(transaction).await?;
            Ok(value)
        }
        Err(error) => abandon(transaction, error).await,
    }
}

/// Gives up a transaction after a failure inside it, keeping the first error.
async fn abandon<T>(transaction: Transaction, error: StorageError) -> Result<T, StorageError> {
    let _ = transaction.abort().await;
    Err(error)
}

impl Database {
    /// Opens (and if needed creates or upgrades) the database `name`.
    /// Tests pass their own name so they never touch the user's data.
    pub async fn open(name: &str) -> Result<Self, StorageError> {
        let (version, stores) = STORES_BY_VERSION[STORES_BY_VERSION.len() - 1];
        let mut builder = Rexie::builder(name).version(version);
        for store in stores {
            builder = builder.add_object_store(store.definition());
        }
        let rexie = builder.build().await.map_err(|error| {
            let error = StorageError::from(error);
            match error {
                StorageError::Other(detail) => StorageError::Unavailable(detail),
                other => other,
            }
        })?;
        Ok(Self { rexie })
    }

    /// Opens the user's database.
    pub async fn open_default() -> Result<Self, StorageError> {
        Self::open(DATABASE_NAME).await
    }

    /// Closes the connection (lets another connection delete or upgrade it).
    pub fn close(self) {
        self.rexie.close();
    }

    /// Opens a transaction on `stores`.
    fn transaction(
        &self,
        stores: &[StoreName],
        mode: TransactionMode,
    ) -> Result<Transaction, StorageError> {
        let names: Vec<&str> = stores.iter().map(|s| s.as_str()).collect();
        Ok(self.rexie.transaction(&names, mode)?)
    }

    /// Every workspace, most recently changed first.
    pub async fn list_workspaces(&self) -> Result<Vec<WorkspaceSummary>, StorageError> {
        let transaction = self.transaction(&[StoreName::Workspaces], TransactionMode::ReadOnly)?;
        let store = transaction.store(StoreName::Workspaces.as_str())?;
        let mut workspaces = store
            .get_all(None, None)
            .await?
            .into_iter()
            .map(from_js::<WorkspaceSummary>)
            .collect::<Result<Vec<_>, _>>()?;
        commit(transaction).await?;
        engine::order::sort_by(&mut workspaces, |a, b| {
            b.updated.cmp(&a.updated).then(a.name.cmp(&b.name))
        });
        Ok(workspaces)
    }

    /// The summary of one workspace.
    pub async fn workspace(&self, id: &str) -> Result<WorkspaceSummary, StorageError> {
        let transaction = self.transaction(&[StoreName::Workspaces], TransactionMode::ReadOnly)?;
        let store = transaction.store(StoreName::Workspaces.as_str())?;
        let found = store.get(workspace_key(id)).await?;
        commit(transaction).await?;
        match found {
            Some(value) if !value.is_undefined() => from_js(value),
            _ => Err(StorageError::NotFound(id.to_owned())),
        }
    }

    /// Whether a workspace with this id exists.
    pub async fn workspace_exists(&self, id: &str) -> Result<bool, StorageError> {
        match self.workspace(id).await {
            Ok(_) => Ok(true),
            Err(StorageError::NotFound(_)) => Ok(false),
            Err(other) => Err(other),
        }
    }

    /// Creates an empty workspace named `name` (default methodology, the 93
    /// Annex A controls, the starter catalogues) and returns its summary.
    pub async fn create_workspace(&self, name: &str) -> Result<WorkspaceSummary, StorageError> {
        let name = clean_name(name)?;
        let id = super::new_id("ws");
        let workspace_id = WorkspaceId::try_new(id.clone())
            .map_err(|e| StorageError::Other(format!("generated id {id} refused: {e}")))?;
        self.insert_workspace(Workspace::new(workspace_id, name))
            .await
    }

    /// Stores `workspace` as a new workspace (import, demo, duplicate). Its id
    /// must not be taken; callers pick a fresh one when it is.
    pub async fn insert_workspace(
        &self,
        workspace: Workspace,
    ) -> Result<WorkspaceSummary, StorageError> {
        let name = clean_name(&workspace.name)?;
        let id = workspace.id.as_str().to_owned();
        let now = now_iso();
        let summary = WorkspaceSummary {
            id: id.clone(),
            name,
            created: now.clone(),
            updated: now,
            revision: 1,
        };
        let transaction = self.transaction(&CONTENT_STORES, TransactionMode::ReadWrite)?;
        let result = async {
            let summaries = transaction.store(StoreName::Workspaces.as_str())?;
            // `add` fails on an existing key: never overwrite another workspace.
            summaries.add(&to_js(&summary)?, None).await?;
            write_everything(&transaction, &id, &workspace).await
        }
        .await;
        match result {
            Ok(()) => {
                commit(transaction).await?;
                Ok(summary)
            }
            Err(error) => abandon(transaction, error).await,
        }
    }

    /// Loads a whole workspace. A workspace created before records existed
    /// (database version 1) gets its initial content here.
    pub async fn load_workspace(&self, id: &str) -> Result<StoredWorkspace, StorageError> {
        let transaction = self.transaction(
            &[
                StoreName::Workspaces,
                StoreName::Headers,
                StoreName::Records,
            ],
            TransactionMode::ReadOnly,
        )?;
        let summary = transaction
            .store(StoreName::Workspaces.as_str())?
            .get(workspace_key(id))
            .await?
            .filter(|v| !v.is_undefined())
            .ok_or_else(|| StorageError::NotFound(id.to_owned()))
            .and_then(from_js::<WorkspaceSummary>)?;
        let header = transaction
            .store(StoreName::Headers.as_str())?
            .get(workspace_key(id))
            .await?
            .filter(|v| !v.is_undefined());
        let rows = transaction
            .store(StoreName::Records.as_str())?
            .index(BY_WORKSPACE)?
            .get_all(Some(only(id)?), None)
            .await?;
        commit(transaction).await?;

        let Some(header) = header else {
            return self.initialise_version_one_workspace(summary).await;
        };
        let header: HeaderRow = from_js(header)?;
        let version = header
            .schema_version
            .unwrap_or(SCHEMA_VERSION_WHEN_UNRECORDED);
        if version > engine::SCHEMA_VERSION {
            return Err(StorageError::TooNew {
                workspace: summary.name,
                version,
            });
        }
        let mut records = Vec::with_capacity(rows.len());
        for row in rows {
            let row: RecordRow = from_js(row)?;
            let collection = Collection::from_name(&row.collection).ok_or_else(|| {
                StorageError::Corrupt(format!("unknown collection {}", row.collection))
            })?;
            records.push(Record {
                collection,
                id: row.id,
                value: from_json(&row.json)?,
            });
        }
        if version < engine::SCHEMA_VERSION {
            return self
                .migrate_stored(summary, version, &header.json, &records)
                .await;
        }
        let header: WorkspaceHeader =
            engine::decode_str(&header.json).map_err(|e| StorageError::Corrupt(e.to_string()))?;
        let workspace = join(&header, &records).map_err(|problems| {
            StorageError::Corrupt(
                problems
                    .iter()
                    .take(5)
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })?;
        Ok(StoredWorkspace { summary, workspace })
    }

    /// Brings a workspace stored at an older schema version up to date with
    /// the importer's migrations, and stores the result (guarded by the
    /// revision, like any save) before showing it.
    async fn migrate_stored(
        &self,
        summary: WorkspaceSummary,
        version: u32,
        header_json: &str,
        records: &[Record],
    ) -> Result<StoredWorkspace, StorageError> {
        let imported = crate::io::tools::migrate(version, header_json, records)
            .await
            .map_err(|problems| {
                StorageError::Corrupt(format!(
                "the workspace “{}” was stored by an older version (schema {version}) and could \
                 not be brought up to date: {}",
                summary.name,
                problems
                    .iter()
                    .take(5)
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")
            ))
            })?;
        let mut workspace = imported.workspace;
        // The stored key is the truth, whatever the header said.
        if let Ok(id) = WorkspaceId::try_new(summary.id.clone()) {
            workspace.id = id;
        }
        let summary = self.replace_workspace(summary.revision, &workspace).await?;
        Ok(StoredWorkspace { summary, workspace })
    }

    async fn initialise_version_one_workspace(
        &self,
        summary: WorkspaceSummary,
    ) -> Result<StoredWorkspace, StorageError> {
        let workspace_id = WorkspaceId::try_new(summary.id.clone())
            .map_err(|e| StorageError::Corrupt(format!("workspace id {}: {e}", summary.id)))?;
        let workspace = Workspace::new(workspace_id, summary.name.clone());
        let transaction = self.transaction(
            &[StoreName::Headers, StoreName::Records],
            TransactionMode::ReadWrite,
        )?;
        match write_everything(&transaction, &summary.id, &workspace).await {
            Ok(()) => commit(transaction).await?,
            Err(error) => return abandon(transaction, error).await,
        };
        Ok(StoredWorkspace { summary, workspace })
    }

    /// Saves what changed between `before` and `after` in one transaction,
    /// if nobody (another tab) saved this workspace since `before` was
    /// loaded at `expected_revision`. Returns the new summary.
    pub async fn save_changes(
        &self,
        expected_revision: u64,
        before: &Workspace,
        after: &Workspace,
    ) -> Result<WorkspaceSummary, StorageError> {
        let changes = changed_records(before, after);
        self.write_changes(expected_revision, after, &changes).await
    }

    /// Writes precomputed `changes` of `after` (see [`Self::save_changes`]).
    pub async fn write_changes(
        &self,
        expected_revision: u64,
        after: &Workspace,
        changes: &RecordChanges,
    ) -> Result<WorkspaceSummary, StorageError> {
        let id = after.id.as_str();
        let transaction = self.transaction(&CONTENT_STORES, TransactionMode::ReadWrite)?;
        let result = async {
            let summaries = transaction.store(StoreName::Workspaces.as_str())?;
            let summary = unchanged_since(&summaries, id, expected_revision).await?;
            if let Some(header) = &changes.header {
                transaction
                    .store(StoreName::Headers.as_str())?
                    .put(&header_row(id, header)?, None)
                    .await?;
            }
            let records = transaction.store(StoreName::Records.as_str())?;
            let rows = changes
                .put
                .iter()
                .map(|record| record_row(id, record))
                .collect::<Result<Vec<_>, _>>()?;
            try_join_all(rows.iter().map(|row| records.put(row, None))).await?;
            try_join_all(
                changes
                    .delete
                    .iter()
                    .map(|key| records.delete(record_key(id, key.collection, &key.id))),
            )
            .await?;
            stored_anew(&summaries, summary, after.name.clone()).await
        }
        .await;
        finish(transaction, result).await
    }

    /// Replaces the whole content of workspace `workspace.id` (import over the
    /// current workspace, snapshot restore), guarded like [`Self::save_changes`].
    pub async fn replace_workspace(
        &self,
        expected_revision: u64,
        workspace: &Workspace,
    ) -> Result<WorkspaceSummary, StorageError> {
        let id = workspace.id.as_str();
        let transaction = self.transaction(&CONTENT_STORES, TransactionMode::ReadWrite)?;
        let result = async {
            let summaries = transaction.store(StoreName::Workspaces.as_str())?;
            let summary = unchanged_since(&summaries, id, expected_revision).await?;
            delete_records_of(&transaction, id).await?;
            write_everything(&transaction, id, workspace).await?;
            stored_anew(&summaries, summary, clean_name(&workspace.name)?).await
        }
        .await;
        finish(transaction, result).await
    }

    /// Renames workspace `id`, returning its summary as stored.
    pub async fn rename_workspace(
        &self,
        id: &str,
        new_name: &str,
    ) -> Result<WorkspaceSummary, StorageError> {
        let new_name = clean_name(new_name)?;
        let stored = self.load_workspace(id).await?;
        let mut renamed = stored.workspace.clone();
        renamed.name = new_name;
        self.save_changes(stored.summary.revision, &stored.workspace, &renamed)
            .await
    }

    /// Deletes workspace `id` with its records and snapshots.
    pub async fn delete_workspace(&self, id: &str) -> Result<(), StorageError> {
        let transaction = self.transaction(
            &[
                StoreName::Workspaces,
                StoreName::Headers,
                StoreName::Records,
                StoreName::Snapshots,
                StoreName::SnapshotData,
            ],
            TransactionMode::ReadWrite,
        )?;
        let result = async {
            transaction
                .store(StoreName::Workspaces.as_str())?
                .delete(workspace_key(id))
                .await?;
            transaction
                .store(StoreName::Headers.as_str())?
                .delete(workspace_key(id))
                .await?;
            delete_records_of(&transaction, id).await?;
            let snapshots = transaction.store(StoreName::Snapshots.as_str())?;
            let data = transaction.store(StoreName::SnapshotData.as_str())?;
            for key in keys_of_workspace(&snapshots, id).await? {
                data.delete(key.clone()).await?;
                snapshots.delete(key).await?;
            }
            Ok(())
        }
        .await;
        finish(transaction, result).await
    }

    /// Saves a named snapshot of `workspace` (its full export envelope).
    pub async fn save_snapshot(
        &self,
        name: &str,
        workspace: &Workspace,
    ) -> Result<SnapshotSummary, StorageError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StorageError::InvalidName(
                "Give the snapshot a name.".to_owned(),
            ));
        }
        let summary = SnapshotSummary {
            id: super::new_id("snap"),
            workspace: workspace.id.as_str().to_owned(),
            name: name.chars().take(super::MAX_NAME_CHARS).collect(),
            created: now_iso(),
            risks: workspace.risks.len(),
        };
        let data = SnapshotDataRow {
            id: summary.id.clone(),
            json: engine::export_json(workspace),
        };
        let transaction = self.transaction(
            &[StoreName::Snapshots, StoreName::SnapshotData],
            TransactionMode::ReadWrite,
        )?;
        let result = async {
            transaction
                .store(StoreName::SnapshotData.as_str())?
                .put(&to_js(&data)?, None)
                .await?;
            transaction
                .store(StoreName::Snapshots.as_str())?
                .put(&to_js(&summary)?, None)
                .await?;
            Ok(())
        }
        .await;
        match result {
            Ok(()) => {
                commit(transaction).await?;
                Ok(summary)
            }
            Err(error) => abandon(transaction, error).await,
        }
    }

    /// The snapshots of workspace `id`, newest first.
    pub async fn list_snapshots(&self, id: &str) -> Result<Vec<SnapshotSummary>, StorageError> {
        let transaction = self.transaction(&[StoreName::Snapshots], TransactionMode::ReadOnly)?;
        let rows = transaction
            .store(StoreName::Snapshots.as_str())?
            .index(BY_WORKSPACE)?
            .get_all(Some(only(id)?), None)
            .await?;
        commit(transaction).await?;
        let mut snapshots = rows
            .into_iter()
            .map(from_js::<SnapshotSummary>)
            .collect::<Result<Vec<_>, _>>()?;
        engine::order::sort_by(&mut snapshots, |a, b| b.created.cmp(&a.created));
        Ok(snapshots)
    }

    /// The content of snapshot `id` as it was stored: the workspace's export
    /// text, which the importer reads back (and migrates, when an older
    /// version took the snapshot).
    pub async fn snapshot_json(&self, id: &str) -> Result<String, StorageError> {
        let transaction =
            self.transaction(&[StoreName::SnapshotData], TransactionMode::ReadOnly)?;
        let row = transaction
            .store(StoreName::SnapshotData.as_str())?
            .get(JsValue::from_str(id))
            .await?
            .filter(|v| !v.is_undefined())
            .ok_or_else(|| StorageError::NotFound(id.to_owned()))?;
        commit(transaction).await?;
        let row: SnapshotDataRow = from_js(row)?;
        Ok(row.json)
    }

    /// Deletes snapshot `id`.
    pub async fn delete_snapshot(&self, id: &str) -> Result<(), StorageError> {
        let transaction = self.transaction(
            &[StoreName::Snapshots, StoreName::SnapshotData],
            TransactionMode::ReadWrite,
        )?;
        transaction
            .store(StoreName::Snapshots.as_str())?
            .delete(JsValue::from_str(id))
            .await?;
        transaction
            .store(StoreName::SnapshotData.as_str())?
            .delete(JsValue::from_str(id))
            .await?;
        commit(transaction).await?;
        Ok(())
    }
}

/// The stores a workspace's content lives in: its summary, header and records.
const CONTENT_STORES: [StoreName; 3] = [
    StoreName::Workspaces,
    StoreName::Headers,
    StoreName::Records,
];

/// Records in `summaries` that the workspace of `summary` changed: one
/// revision more, its (possibly new) `name`, changed now.
async fn stored_anew(
    summaries: &rexie::Store,
    mut summary: WorkspaceSummary,
    name: String,
) -> Result<WorkspaceSummary, StorageError> {
    summary.revision += 1;
    summary.name = name;
    summary.updated = now_iso();
    summaries.put(&to_js(&summary)?, None).await?;
    Ok(summary)
}
