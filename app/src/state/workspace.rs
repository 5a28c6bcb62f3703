//! The open workspace: loading it, saving every edit at once (only what
//! changed, one transaction), and staying in step with other tabs.
//!
//! Edits change the in-memory copy first and are then written by a single
//! save loop, so quick successive edits never race each other: the loop
//! always writes the difference between the last saved copy and the newest.

use super::AppState;
use crate::storage::{self, StorageError, StoredWorkspace, WorkspaceSummary};
use engine::Workspace;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The workspace shown, as last loaded or edited.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenWorkspace {
    pub summary: WorkspaceSummary,
    pub workspace: Workspace,
}

/// What the save loop knows: the copy that is in IndexedDB and its revision.
#[derive(Default)]
pub(crate) struct SaveState {
    saved: Option<(u64, Workspace)>,
    in_flight: bool,
}

/// A message between tabs of the app on the same origin.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct TabMessage {
    workspace: String,
    revision: u64,
    deleted: bool,
}

const CHANNEL: &str = "isms-workbench";

impl AppState {
    /// Loads workspace `id` from IndexedDB and makes it the open one.
    pub fn load_workspace(&self, id: String) {
        let state = *self;
        state.loading.set(true);
        spawn_local(async move {
            let result = async { storage::connection().await?.load_workspace(&id).await }.await;
            match result {
                Ok(stored) => state.set_open(stored),
                Err(StorageError::NotFound(_)) => state.open.set(None),
                Err(error) => state.report(error),
            }
            state.loading.set(false);
        });
    }

    fn set_open(&self, stored: StoredWorkspace) {
        self.save.update_value(|s| {
            s.saved = Some((stored.summary.revision, stored.workspace.clone()));
        });
        self.upsert_summary(stored.summary.clone());
        self.open.set(Some(OpenWorkspace {
            summary: stored.summary,
            workspace: stored.workspace,
        }));
    }

    pub(crate) fn upsert_summary(&self, summary: WorkspaceSummary) {
        self.workspaces.update(|list| {
            list.retain(|w| w.id != summary.id);
            list.insert(0, summary);
        });
    }

    /// Changes the open workspace with `edit` and saves what changed.
    pub fn edit(&self, edit: impl FnOnce(&mut Workspace)) {
        let mut changed = false;
        self.open.update(|open| {
            if let Some(open) = open {
                let before = open.workspace.clone();
                edit(&mut open.workspace);
                changed = open.workspace != before;
            }
        });
        if changed {
            self.schedule_save();
        }
    }

    fn schedule_save(&self) {
        let busy = self.save.with_value(|s| s.in_flight);
        if busy {
            return; // the running loop picks the newest copy up
        }
        self.save.update_value(|s| s.in_flight = true);
        self.saving.set(true);
        let state = *self;
        spawn_local(async move {
            while let Some(target) = state
                .open
                .with_untracked(|o| o.as_ref().map(|o| o.workspace.clone()))
            {
                let Some((revision, saved)) = state.save.with_value(|s| s.saved.clone()) else {
                    break;
                };
                if saved == target || saved.id != target.id {
                    break;
                }
                let result = async {
                    storage::connection()
                        .await?
                        .save_changes(revision, &saved, &target)
                        .await
                }
                .await;
                match result {
                    Ok(summary) => {
                        state
                            .save
                            .update_value(|s| s.saved = Some((summary.revision, target)));
                        state.open.update(|open| {
                            if let Some(open) = open {
                                open.summary = summary.clone();
                            }
                        });
                        state.upsert_summary(summary.clone());
                        announce(&summary.id, summary.revision, false);
                    }
                    Err(error) => {
                        // Nothing half-written: show what is stored, and why.
                        let conflict = matches!(error, StorageError::Conflict { .. });
                        state.report(error);
                        if conflict {
                            state.load_workspace(target.id.as_str().to_owned());
                        } else if let Some((_, saved)) = state.save.with_value(|s| s.saved.clone())
                        {
                            state.open.update(|open| {
                                if let Some(open) = open {
                                    open.workspace = saved;
                                }
                            });
                        }
                        break;
                    }
                }
            }
            state.save.update_value(|s| s.in_flight = false);
            state.saving.set(false);
        });
    }

    /// Replaces the whole open workspace (import over it, snapshot restore),
    /// after saving a snapshot named `snapshot_name` of what it was.
    pub fn replace_open_workspace(
        &self,
        replacement: Workspace,
        snapshot_name: String,
        done: impl FnOnce(bool) + 'static,
    ) {
        let state = *self;
        spawn_local(async move {
            let Some(open) = state.open.get_untracked() else {
                done(false);
                return;
            };
            let mut replacement = replacement;
            replacement.id = open.workspace.id.clone();
            let result = async {
                let database = storage::connection().await?;
                database
                    .save_snapshot(&snapshot_name, &open.workspace)
                    .await?;
                let summary = database
                    .replace_workspace(open.summary.revision, &replacement)
                    .await?;
                Ok::<_, StorageError>(summary)
            }
            .await;
            match result {
                Ok(summary) => {
                    announce(&summary.id, summary.revision, false);
                    state.set_open(StoredWorkspace {
                        summary,
                        workspace: replacement,
                    });
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

    /// Stores `workspace` as a new workspace (import, demo, duplicate); a
    /// taken id is replaced by a fresh one. `done` gets the new summary.
    pub fn add_workspace(
        &self,
        workspace: Workspace,
        done: impl FnOnce(Option<WorkspaceSummary>) + 'static,
    ) {
        let state = *self;
        spawn_local(async move {
            let result = async {
                let database = storage::connection().await?;
                let mut workspace = workspace;
                if database.workspace_exists(workspace.id.as_str()).await? {
                    let fresh = storage::new_id("ws");
                    workspace.id = engine::WorkspaceId::try_new(fresh.clone())
                        .map_err(|e| StorageError::Other(format!("generated id {fresh}: {e}")))?;
                }
                database.insert_workspace(workspace).await
            }
            .await;
            match result {
                Ok(summary) => {
                    announce(&summary.id, summary.revision, false);
                    state.upsert_summary(summary.clone());
                    done(Some(summary));
                }
                Err(error) => {
                    state.report(error);
                    done(None);
                }
            }
        });
    }

    /// Listens to the other tabs: a newer save of the open workspace is
    /// loaded here at once and announced; a deletion is announced.
    pub fn listen_to_other_tabs(&self) {
        let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
            return; // very old browsers: the revision check still guards saves
        };
        let state = *self;
        let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                let Some(text) = event.data().as_string() else {
                    return;
                };
                let Ok(message) = serde_json::from_str::<TabMessage>(&text) else {
                    return;
                };
                state.refresh();
                let open_id = state
                    .open
                    .with_untracked(|o| o.as_ref().map(|o| o.summary.id.clone()));
                if open_id.as_deref() != Some(message.workspace.as_str()) {
                    return;
                }
                if message.deleted {
                    state.open.set(None);
                    state.notice.set(Some(
                        "This workspace was deleted in another tab.".to_owned(),
                    ));
                    return;
                }
                let ours = state
                    .save
                    .with_value(|s| s.saved.as_ref().map(|(r, _)| *r).unwrap_or(0));
                if message.revision > ours {
                    state.load_workspace(message.workspace.clone());
                    state.notice.set(Some(
                    "This workspace was changed in another tab; you now see the latest version.".to_owned(),
                ));
                }
            },
        );
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // Both live as long as the page.
        on_message.forget();
        std::mem::forget(channel);
    }
}

/// Tells the other tabs that a workspace changed (or was deleted).
pub(crate) fn announce(workspace: &str, revision: u64, deleted: bool) {
    let message = TabMessage {
        workspace: workspace.to_owned(),
        revision,
        deleted,
    };
    if let (Ok(channel), Ok(text)) = (
        web_sys::BroadcastChannel::new(CHANNEL),
        serde_json::to_string(&message),
    ) {
        let _ = channel.post_message(&JsValue::from_str(&text));
        channel.close();
    }
}
