//! IndexedDB through rexie.
//!
//! rexie's builder deletes every object store it is not told about when the
//! database version rises. So the store list is kept per version in
//! [`STORES_BY_VERSION`], each version lists every store it keeps, and a test
//! checks that no version forgets a store of the one before it.

use super::{clean_name, now_iso, StorageError, WorkspaceSummary};
use rexie::{ObjectStore, Rexie, TransactionMode};
use wasm_bindgen::JsValue;

/// Name of the database in the browser.
pub const DATABASE_NAME: &str = "isms-workbench";

/// The object stores of the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreName {
    /// One [`WorkspaceSummary`] per workspace, keyed by `id`.
    Workspaces,
}

impl StoreName {
    pub const fn as_str(self) -> &'static str {
        match self {
            StoreName::Workspaces => "workspaces",
        }
    }

    const fn key_path(self) -> &'static str {
        match self {
            StoreName::Workspaces => "id",
        }
    }
}

/// Every store that exists at each database version, oldest version first.
/// Append a version to change the layout; never edit an earlier row.
pub const STORES_BY_VERSION: &[(u32, &[StoreName])] = &[(1, &[StoreName::Workspaces])];

/// The version this build of the app opens.
pub const DATABASE_VERSION: u32 = STORES_BY_VERSION[STORES_BY_VERSION.len() - 1].0;

/// An open connection to the app's database.
pub struct Database {
    rexie: Rexie,
}

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, StorageError> {
    serde_wasm_bindgen::to_value(value).map_err(|e| StorageError::Other(e.to_string()))
}

fn from_js<T: serde::de::DeserializeOwned>(value: JsValue) -> Result<T, StorageError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| StorageError::Corrupt(e.to_string()))
}

impl Database {
    /// Opens (and if needed creates or upgrades) the database `name`.
    /// Tests pass their own name so they never touch the user's data.
    pub async fn open(name: &str) -> Result<Self, StorageError> {
        let (version, stores) = STORES_BY_VERSION[STORES_BY_VERSION.len() - 1];
        let mut builder = Rexie::builder(name).version(version);
        for store in stores {
            builder = builder
                .add_object_store(ObjectStore::new(store.as_str()).key_path(store.key_path()));
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

    /// Every workspace, most recently changed first.
    pub async fn list_workspaces(&self) -> Result<Vec<WorkspaceSummary>, StorageError> {
        let name = StoreName::Workspaces.as_str();
        let transaction = self.rexie.transaction(&[name], TransactionMode::ReadOnly)?;
        let store = transaction.store(name)?;
        let mut workspaces = store
            .get_all(None, None)
            .await?
            .into_iter()
            .map(from_js::<WorkspaceSummary>)
            .collect::<Result<Vec<_>, _>>()?;
        transaction.done().await?;
        workspaces.sort_by(|a, b| b.updated.cmp(&a.updated).then(a.name.cmp(&b.name)));
        Ok(workspaces)
    }

    /// One workspace by id.
    pub async fn workspace(&self, id: &str) -> Result<WorkspaceSummary, StorageError> {
        let name = StoreName::Workspaces.as_str();
        let transaction = self.rexie.transaction(&[name], TransactionMode::ReadOnly)?;
        let store = transaction.store(name)?;
        let found = store.get(JsValue::from_str(id)).await?;
        transaction.done().await?;
        match found {
            Some(value) if !value.is_undefined() => from_js(value),
            _ => Err(StorageError::NotFound(id.to_owned())),
        }
    }

    async fn put_workspace(&self, workspace: &WorkspaceSummary) -> Result<(), StorageError> {
        let name = StoreName::Workspaces.as_str();
        let transaction = self
            .rexie
            .transaction(&[name], TransactionMode::ReadWrite)?;
        let store = transaction.store(name)?;
        store.put(&to_js(workspace)?, None).await?;
        transaction.done().await?;
        Ok(())
    }

    /// Creates a workspace named `name` and returns it.
    pub async fn create_workspace(&self, name: &str) -> Result<WorkspaceSummary, StorageError> {
        let now = now_iso();
        let workspace = WorkspaceSummary {
            id: super::new_id("ws"),
            name: clean_name(name)?,
            created: now.clone(),
            updated: now,
        };
        self.put_workspace(&workspace).await?;
        Ok(workspace)
    }

    /// Renames workspace `id`, returning it as stored.
    pub async fn rename_workspace(
        &self,
        id: &str,
        new_name: &str,
    ) -> Result<WorkspaceSummary, StorageError> {
        let new_name = clean_name(new_name)?;
        let mut workspace = self.workspace(id).await?;
        workspace.name = new_name;
        workspace.updated = now_iso();
        self.put_workspace(&workspace).await?;
        Ok(workspace)
    }

    /// Deletes workspace `id` and everything stored for it.
    pub async fn delete_workspace(&self, id: &str) -> Result<(), StorageError> {
        let name = StoreName::Workspaces.as_str();
        let transaction = self
            .rexie
            .transaction(&[name], TransactionMode::ReadWrite)?;
        let store = transaction.store(name)?;
        store.delete(JsValue::from_str(id)).await?;
        transaction.done().await?;
        Ok(())
    }
}
