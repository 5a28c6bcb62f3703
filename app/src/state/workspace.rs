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
    /// Another tab announced a newer revision (or our save met one): the
    /// loop loads it and merges before writing anything more.
    remote_changed: bool,
    /// Callbacks of edits waiting to hear whether they reached IndexedDB.
    waiting: Vec<Box<dyn FnOnce(bool)>>,
    /// Whether the browser was already asked to keep this site's data.
    persistence_asked: bool,
}
/// A message between tabs of the app on the same origin.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct TabMessage {
    workspace: String,
    revision: u64,
    deleted: bool,
}

const CHANNEL: &str = "isms-workbench";

/// Said when this tab's edits were merged with another tab's save.
const MERGED: &str = "Another tab saved changes to this workspace at the same time; yours and \
                      theirs were merged and both are kept.";

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
        if self.open_id.get_untracked().as_deref() != Some(stored.summary.id.as_str()) {
            self.forget_changes();
        }
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
        self.edit_then(edit, |_| {});
    }

    /// Like [`Self::edit`]; `done` hears whether the change really reached
    /// IndexedDB (false: the browser refused it, or it waits for the person
    /// to settle a conflict with another tab). Pages say "saved" only then.
    pub fn edit_then(&self, edit: impl FnOnce(&mut Workspace), done: impl FnOnce(bool) + 'static) {
        self.edit_inner(edit, done, true);
    }

    /// [`Self::edit_then`]; `remember` says whether "Undo" can take the
    /// change back (not for an undo itself).
    pub(super) fn edit_inner(
        &self,
        edit: impl FnOnce(&mut Workspace),
        done: impl FnOnce(bool) + 'static,
        remember: bool,
    ) {
        let mut changed = false;
        let mut undo = None;
        self.open.update(|open| {
            if let Some(open) = open {
                let before = open.workspace.clone();
                edit(&mut open.workspace);
                changed = open.workspace != before;
                if changed && remember {
                    undo = Some((open.summary.id.clone(), before));
                }
            }
        });
        if let Some((id, before)) = undo {
            self.open.with_untracked(|open| {
                if let Some(open) = open {
                    self.remember_change(id, before, &open.workspace);
                }
            });
        }
        if changed {
            self.save.update_value(|s| s.waiting.push(Box::new(done)));
            self.schedule_save();
        } else {
            done(true);
        }
    }

    /// Whether some form holds changes not yet saved (or a save is running).
    pub fn has_unsaved_changes(&self) -> bool {
        !self.unsaved_forms.with_untracked(|forms| forms.is_empty())
            || self.saving.get_untracked()
            || !self.conflicts.with_untracked(Vec::is_empty)
    }

    /// Keeps the "unsaved changes" registry in step with a form: `dirty`
    /// says whether the form differs from what is stored. Leaving the page
    /// or closing the tab asks first while any form is dirty.
    pub fn track_unsaved(&self, form: &'static str, dirty: impl Fn() -> bool + 'static) {
        let state = *self;
        Effect::new(move |_| {
            let is_dirty = dirty();
            state.unsaved_forms.update(|forms| {
                if is_dirty {
                    forms.insert(form);
                } else {
                    forms.remove(form);
                }
            });
        });
        on_cleanup(move || {
            state.unsaved_forms.try_update(|forms| forms.remove(form));
        });
    }

    /// Forgets every form's unsaved changes (the person chose to leave, or a
    /// form navigates away after saving).
    pub fn discard_unsaved(&self) {
        self.unsaved_forms.update(|forms| forms.clear());
    }

    /// Settles one conflict with another tab: their value when
    /// `take_theirs`, else ours. Saving resumes when none is left.
    pub fn settle_conflict(&self, index: usize, take_theirs: bool) {
        let Some(conflict) = self.conflicts.with_untracked(|c| c.get(index).cloned()) else {
            return;
        };
        if take_theirs {
            let mut failed = None;
            self.open.update(|open| {
                if let Some(open) = open {
                    match engine::choose_workspace(&open.workspace, &conflict, true) {
                        Ok(chosen) => open.workspace = chosen,
                        Err(problems) => failed = problems.first().map(ToString::to_string),
                    }
                }
            });
            if let Some(problem) = failed {
                self.error.set(Some(format!(
                    "The other tab's value could not be taken: {problem}. Yours is kept."
                )));
            }
        }
        self.conflicts.update(|c| {
            if index < c.len() {
                c.remove(index);
            }
        });
        if self.conflicts.with_untracked(Vec::is_empty) {
            let state = *self;
            self.save.update_value(|s| {
                s.waiting.push(Box::new(move |stored| {
                    if stored {
                        state
                            .notice
                            .set(Some("Saved, with the values you chose.".to_owned()));
                    }
                }))
            });
            self.schedule_save();
        }
    }

    fn schedule_save(&self) {
        let busy = self.save.with_value(|s| s.in_flight);
        if busy || !self.conflicts.with_untracked(Vec::is_empty) {
            return; // the running loop picks the newest copy up
        }
        self.save.update_value(|s| s.in_flight = true);
        self.saving.set(true);
        let state = *self;
        spawn_local(async move {
            let mut failed = false;
            let mut rebases = 0;
            while let Some(ours) = state
                .open
                .with_untracked(|o| o.as_ref().map(|o| o.workspace.clone()))
            {
                let Some((revision, saved)) = state.save.with_value(|s| s.saved.clone()) else {
                    break;
                };
                if saved.id != ours.id {
                    break;
                }
                let remote = state
                    .save
                    .try_update_value(|s| std::mem::take(&mut s.remote_changed))
                    .unwrap_or(false);
                if remote {
                    rebases += 1;
                    if rebases > 5 || !state.take_in_other_tab_changes(revision, saved).await {
                        failed = true;
                        break;
                    }
                    continue;
                }
                if saved == ours {
                    break;
                }
                let result = async {
                    storage::connection()
                        .await?
                        .save_changes(revision, &saved, &ours)
                        .await
                }
                .await;
                match result {
                    Ok(summary) => {
                        // The open workspace itself did not change: only the
                        // list's summary and the saved revision move, so
                        // nothing that depends on the workspace runs again.
                        state
                            .save
                            .update_value(|s| s.saved = Some((summary.revision, ours)));
                        state.upsert_summary(summary.clone());
                        announce(&summary.id, summary.revision, false);
                        state.ask_to_keep_data();
                    }
                    Err(StorageError::Conflict { .. }) => {
                        // Another tab saved first: merge, never overwrite.
                        state.save.update_value(|s| s.remote_changed = true);
                    }
                    Err(error) => {
                        // Nothing half-written: show what is stored, and why.
                        state.report(error);
                        state.open.update(|open| {
                            if let Some(open) = open {
                                open.workspace = saved;
                            }
                        });
                        failed = true;
                        break;
                    }
                }
            }
            state.save.update_value(|s| s.in_flight = false);
            state.saving.set(false);
            let settled = !failed && state.conflicts.with_untracked(Vec::is_empty);
            let waiting = state
                .save
                .try_update_value(|s| std::mem::take(&mut s.waiting))
                .unwrap_or_default();
            let merged_notice = state.notice.get_untracked().filter(|n| n == MERGED);
            for done in waiting {
                done(settled);
            }
            // A page's own "saved" message must not hide that a merge happened.
            if let Some(merged) = merged_notice {
                state.notice.update(|notice| match notice {
                    Some(text) if text != &merged => *text = format!("{text} {merged}"),
                    _ => *notice = Some(merged),
                });
            }
        });
    }

    /// Loads what another tab stored and merges this tab's unsaved edits
    /// into it, field by field (`saved` is what both started from). Fields
    /// both changed wait in `conflicts` for the person. False when nothing
    /// more can be saved now.
    async fn take_in_other_tab_changes(&self, revision: u64, saved: Workspace) -> bool {
        let id = saved.id.as_str().to_owned();
        let loaded = async { storage::connection().await?.load_workspace(&id).await }.await;
        let stored = match loaded {
            Ok(stored) => stored,
            Err(StorageError::NotFound(_)) => {
                self.open.set(None);
                self.notice.set(Some(
                    "This workspace was deleted in another tab.".to_owned(),
                ));
                return false;
            }
            Err(error) => {
                self.report(error);
                return false;
            }
        };
        if stored.summary.revision == revision {
            return true;
        }
        // Read our copy only now: no await between this and the update, so
        // no edit made while loading is missed.
        let Some(ours) = self
            .open
            .with_untracked(|o| o.as_ref().map(|o| o.workspace.clone()))
        else {
            return false;
        };
        if ours == saved {
            self.set_open(stored);
            let editing = !self.unsaved_forms.with_untracked(|f| f.is_empty());
            self.notice.set(Some(if editing {
                "This workspace was changed in another tab; you now see the latest version. The \
                 form you are editing keeps your unsaved changes."
                    .to_owned()
            } else {
                "This workspace was changed in another tab; you now see the latest version."
                    .to_owned()
            }));
            return true;
        }
        match engine::merge_workspaces(&saved, &ours, &stored.workspace) {
            Ok(merged) => {
                self.save.update_value(|s| {
                    s.saved = Some((stored.summary.revision, stored.workspace.clone()));
                });
                self.upsert_summary(stored.summary.clone());
                self.open.set(Some(OpenWorkspace {
                    summary: stored.summary,
                    workspace: merged.merged,
                }));
                if merged.conflicts.is_empty() {
                    self.notice.set(Some(MERGED.to_owned()));
                    true
                } else {
                    self.conflicts.set(merged.conflicts);
                    false
                }
            }
            Err(problems) => {
                self.set_open(stored);
                self.error.set(Some(format!(
                    "Another tab changed this workspace and your unsaved change could not be \
                     merged with theirs ({}), so it was not saved; you now see the latest \
                     version. Please make the change again.",
                    problems
                        .first()
                        .map(ToString::to_string)
                        .unwrap_or_default()
                )));
                false
            }
        }
    }

    /// Asks the browser now to keep this site's data (the person asked).
    pub fn ask_to_keep_data_now(&self) {
        let state = *self;
        spawn_local(async move {
            if let Some(kept) = storage::request_persistence().await {
                state.persistent.set(Some(kept));
                if !kept {
                    state.notice.set(Some(
                        "The browser did not agree to keep the data (browsers decide by their own \
                         rules, such as whether the site is bookmarked or installed). Export the \
                         workspace regularly."
                            .to_owned(),
                    ));
                }
            }
        });
    }

    /// Asks the browser, once, to keep this site's data under storage
    /// pressure, right after the first thing worth keeping was stored.
    pub(crate) fn ask_to_keep_data(&self) {
        let asked = self
            .save
            .try_update_value(|s| std::mem::replace(&mut s.persistence_asked, true))
            .unwrap_or(true);
        if asked || self.persistent.get_untracked() == Some(true) {
            return;
        }
        let state = *self;
        spawn_local(async move {
            if let Some(kept) = storage::request_persistence().await {
                state.persistent.set(Some(kept));
            }
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
            // The revision of what is stored (the open copy's summary is not
            // updated by saves).
            let revision = state
                .save
                .with_value(|s| s.saved.as_ref().map(|(r, _)| *r))
                .unwrap_or(open.summary.revision);
            let mut replacement = replacement;
            replacement.id = open.workspace.id.clone();
            let result = async {
                let database = storage::connection().await?;
                database
                    .save_snapshot(&snapshot_name, &open.workspace)
                    .await?;
                let summary = database.replace_workspace(revision, &replacement).await?;
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
                    state.ask_to_keep_data();
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
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
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
                    // Through the save loop, so edits not yet written here
                    // are merged with theirs instead of being replaced.
                    state.save.update_value(|s| s.remote_changed = true);
                    state.schedule_save();
                }
            });
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
