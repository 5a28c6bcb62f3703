//! Named snapshots and workspace copies: pages ask here, and only this
//! module (with the rest of `state`) reaches the storage module.

use super::AppState;
use crate::storage::{self, SnapshotSummary, StorageError};
use engine::Workspace;
use leptos::prelude::*;
use leptos::task::spawn_local;

impl AppState {
    /// The snapshots of workspace `id`, newest first.
    pub async fn snapshots_of(id: String) -> Result<Vec<SnapshotSummary>, StorageError> {
        storage::connection().await?.list_snapshots(&id).await
    }

    /// The content of snapshot `id` as stored: the workspace's export text.
    pub async fn snapshot_json(id: String) -> Result<String, StorageError> {
        storage::connection().await?.snapshot_json(&id).await
    }

    /// The content of snapshot `id`, read back by the importer (and
    /// migrated when an older version took it).
    pub async fn snapshot_content(id: String) -> Result<Workspace, StorageError> {
        let text = Self::snapshot_json(id).await?;
        crate::io::tools::import_text(text)
            .await
            .map(|imported| imported.workspace)
            .map_err(|problems| {
                StorageError::Corrupt(
                    problems
                        .iter()
                        .take(3)
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            })
    }

    /// Saves a snapshot named `name` of the open workspace; `done` hears
    /// whether it was stored.
    pub fn save_snapshot(&self, name: String, done: impl FnOnce(bool) + 'static) {
        let Some(workspace) = self
            .open
            .with_untracked(|o| o.as_ref().map(|o| o.workspace.clone()))
        else {
            done(false);
            return;
        };
        let state = *self;
        spawn_local(async move {
            let result = async {
                storage::connection()
                    .await?
                    .save_snapshot(&name, &workspace)
                    .await
            }
            .await;
            match result {
                Ok(_) => {
                    state.snapshots_changed.update(|n| *n += 1);
                    done(true);
                }
                Err(error) => {
                    state.report(error);
                    done(false);
                }
            }
        });
    }

    /// Deletes snapshot `id`.
    pub fn delete_snapshot(&self, id: String) {
        let state = *self;
        spawn_local(async move {
            let result = async { storage::connection().await?.delete_snapshot(&id).await }.await;
            match result {
                Ok(()) => state.snapshots_changed.update(|n| *n += 1),
                Err(error) => state.report(error),
            }
        });
    }

    /// Puts snapshot `snapshot` back as the open workspace, after a snapshot
    /// of what it was.
    pub fn restore_snapshot(&self, snapshot: SnapshotSummary) {
        let state = *self;
        spawn_local(async move {
            match Self::snapshot_content(snapshot.id.clone()).await {
                Ok(workspace) => state.replace_open_workspace(
                    workspace,
                    format!("Before restoring “{}”", snapshot.name),
                    move |ok| {
                        if ok {
                            state
                                .notice
                                .set(Some(format!("Restored the snapshot “{}”.", snapshot.name)));
                        }
                    },
                ),
                Err(error) => state.report(error),
            }
        });
    }

    /// Copies stored workspace `id` into a new one named "… (copy)".
    pub fn duplicate_workspace(&self, id: String) {
        let state = *self;
        spawn_local(async move {
            let result = async { storage::connection().await?.load_workspace(&id).await }.await;
            match result {
                Ok(stored) => {
                    let mut copy = stored.workspace;
                    copy.name = format!("{} (copy)", copy.name)
                        .chars()
                        .take(storage::MAX_NAME_CHARS)
                        .collect();
                    state.add_workspace(copy, |_| {});
                }
                Err(error) => state.report(error),
            }
        });
    }
}
