//! App-wide state, provided once through context. Pages read signals and call
//! the methods here; the methods talk to the storage module and turn its
//! errors into the visible `error` signal.

use crate::routes::Route;
use crate::storage::{self, Preferences};
use engine::{Analysis, AnalysisOptions};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

mod snapshots;
mod tables;
mod undo;
mod workspace;
pub use crate::storage::{
    clean_name, now_iso, SnapshotSummary, StorageError, Theme, WorkspaceSummary,
};
pub use tables::{remember_table_layout, table_layout, TableLayout};
pub use workspace::OpenWorkspace;
use workspace::{announce, SaveState};

/// Shared state of the app shell.
#[derive(Clone, Copy)]
pub struct AppState {
    /// Every stored workspace, most recently changed first.
    pub workspaces: RwSignal<Vec<WorkspaceSummary>>,
    /// False until the first read from IndexedDB has finished.
    pub loaded: RwSignal<bool>,
    /// The message of the last failure, shown in a banner until dismissed.
    pub error: RwSignal<Option<String>>,
    /// The page shown.
    pub route: RwSignal<Route>,
    /// The workspace opened last (remembered across reloads).
    pub current_workspace: RwSignal<Option<String>>,
    /// Light or dark.
    pub theme: RwSignal<Theme>,
    /// The workspace loaded for editing, if any. Reading it subscribes to
    /// every edit; a page that needs only which workspace is open, or its
    /// name, reads [`AppState::open_id`] or [`AppState::open_summary`].
    pub open: RwSignal<Option<OpenWorkspace>>,
    /// The id of the open workspace: changes only when another workspace
    /// opens, not on edits or saves.
    pub open_id: Memo<Option<String>>,
    /// The open workspace's stored summary (name, revision, counts as
    /// loaded): changes when it is renamed or reopened, not on every edit.
    pub open_summary: Memo<Option<WorkspaceSummary>>,
    /// True while a workspace is being read from IndexedDB.
    pub loading: RwSignal<bool>,
    /// True while an edit is being written.
    pub saving: RwSignal<bool>,
    /// A piece of news (not an error), such as a change from another tab.
    pub notice: RwSignal<Option<String>>,
    /// Rises when snapshots were added or removed, so lists reload.
    pub snapshots_changed: RwSignal<u32>,
    /// Ids of the scenarios ticked for comparison, kept while the user
    /// visits other pages.
    pub compared_scenarios: RwSignal<std::collections::BTreeSet<String>>,
    /// Forms whose draft differs from what is stored (see
    /// `AppState::track_unsaved`).
    pub unsaved_forms: RwSignal<std::collections::BTreeSet<&'static str>>,
    /// Fields this tab and another tab both changed, waiting for the person
    /// to choose; saving pauses until none is left.
    pub conflicts: RwSignal<Vec<engine::Conflict>>,
    /// Whether the browser keeps this site's data under storage pressure
    /// (`None` until known, or where the browser cannot tell).
    pub persistent: RwSignal<Option<bool>>,
    /// The engine's analysis of the open workspace as it is today: computed
    /// once per change of the workspace, shared by every page.
    pub analysis: Memo<Option<Arc<Analysis>>>,
    /// What "Undo" would take back in the open workspace, in words (`None`:
    /// nothing to undo).
    pub undoable: RwSignal<Option<String>>,
    undo: StoredValue<undo::UndoLog, LocalStorage>,
    save: StoredValue<SaveState, LocalStorage>,
}

/// How many analyses of the open workspace ran (a browser test checks that
/// one save costs one).
static ANALYSES: AtomicUsize = AtomicUsize::new(0);

/// How many times the shared analysis has run since the page loaded.
pub fn analyses_run() -> usize {
    ANALYSES.load(Ordering::Relaxed)
}

impl AppState {
    /// Creates the state, reading preferences and the current URL.
    pub fn new() -> Self {
        let hash = window().location().hash().unwrap_or_default();
        let open: RwSignal<Option<OpenWorkspace>> = RwSignal::new(None);
        // Notifies on every change of `open` (it changes only when the
        // workspace does), without comparing two analyses.
        let analysis = Memo::new_with_compare(
            move |_| {
                open.with(|o| {
                    o.as_ref().map(|o| {
                        ANALYSES.fetch_add(1, Ordering::Relaxed);
                        let options = AnalysisOptions {
                            today: crate::ui::today(),
                        };
                        Arc::new(engine::analyze_with(&o.workspace, &options))
                    })
                })
            },
            |_, _| true,
        );
        let open_summary = Memo::new(move |_| open.with(|o| o.as_ref().map(|o| o.summary.clone())));
        let open_id = Memo::new(move |_| {
            open_summary.with(|s: &Option<WorkspaceSummary>| s.as_ref().map(|s| s.id.clone()))
        });
        Self {
            workspaces: RwSignal::new(Vec::new()),
            loaded: RwSignal::new(false),
            error: RwSignal::new(None),
            route: RwSignal::new(Route::parse(&hash)),
            current_workspace: RwSignal::new(Preferences::last_workspace()),
            theme: RwSignal::new(Preferences::theme()),
            open,
            open_id,
            open_summary,
            analysis,
            loading: RwSignal::new(false),
            saving: RwSignal::new(false),
            notice: RwSignal::new(None),
            snapshots_changed: RwSignal::new(0),
            compared_scenarios: RwSignal::new(Default::default()),
            unsaved_forms: RwSignal::new(Default::default()),
            conflicts: RwSignal::new(Vec::new()),
            persistent: RwSignal::new(None),
            undoable: RwSignal::new(None),
            undo: StoredValue::new_local(Default::default()),
            save: StoredValue::new_local(SaveState::default()),
        }
    }

    pub(crate) fn report(&self, error: StorageError) {
        self.error.set(Some(error.to_string()));
    }

    /// Reads whether the browser already keeps this site's data.
    pub fn read_persistence(&self) {
        let state = *self;
        spawn_local(async move {
            state.persistent.set(storage::is_persistent().await);
        });
    }

    /// Reloads the workspaces list from IndexedDB.
    pub fn refresh(&self) {
        let state = *self;
        spawn_local(async move {
            let result = async { storage::connection().await?.list_workspaces().await }.await;
            match result {
                Ok(list) => {
                    // Forget a remembered workspace that no longer exists.
                    if let Some(current) = state.current_workspace.get_untracked() {
                        if !list.iter().any(|w| w.id == current) {
                            state.current_workspace.set(None);
                            Preferences::set_last_workspace(None);
                        }
                    }
                    state.workspaces.set(list);
                }
                Err(error) => state.report(error),
            }
            state.loaded.set(true);
        });
    }

    /// Creates a workspace; `done` gets whether it worked (to clear a form).
    pub fn create_workspace(&self, name: String, done: impl FnOnce(Option<String>) + 'static) {
        let state = *self;
        spawn_local(async move {
            let result = async { storage::connection().await?.create_workspace(&name).await }.await;
            match result {
                Ok(created) => {
                    announce(&created.id, created.revision, false);
                    let id = created.id.clone();
                    state.workspaces.update(|list| list.insert(0, created));
                    state.ask_to_keep_data();
                    done(Some(id));
                }
                Err(error) => {
                    state.report(error);
                    done(None);
                }
            }
        });
    }

    /// Renames a workspace; `done` gets whether it worked.
    pub fn rename_workspace(&self, id: String, name: String, done: impl FnOnce(bool) + 'static) {
        let state = *self;
        spawn_local(async move {
            let result = async {
                storage::connection()
                    .await?
                    .rename_workspace(&id, &name)
                    .await
            }
            .await;
            match result {
                Ok(renamed) => {
                    announce(&renamed.id, renamed.revision, false);
                    let reopen = state
                        .open
                        .with_untracked(|o| o.as_ref().map(|o| o.summary.id == renamed.id))
                        .unwrap_or(false);
                    state.upsert_summary(renamed.clone());
                    if reopen {
                        state.load_workspace(renamed.id.clone());
                    }
                    done(true);
                }
                Err(error) => {
                    state.report(error);
                    done(false);
                }
            }
        });
    }

    /// Deletes a workspace and everything stored for it.
    pub fn delete_workspace(&self, id: String) {
        let state = *self;
        spawn_local(async move {
            let result = async { storage::connection().await?.delete_workspace(&id).await }.await;
            match result {
                Ok(()) => {
                    announce(&id, 0, true);
                    state.workspaces.update(|list| list.retain(|w| w.id != id));
                    if state
                        .open
                        .with_untracked(|o| o.as_ref().map(|o| o.summary.id == id))
                        .unwrap_or(false)
                    {
                        state.open.set(None);
                    }
                    if state.current_workspace.get_untracked().as_deref() == Some(id.as_str()) {
                        state.current_workspace.set(None);
                        Preferences::set_last_workspace(None);
                    }
                }
                Err(error) => state.report(error),
            }
        });
    }

    /// Marks a workspace as the one open, and remembers it.
    pub fn open_workspace(&self, id: &str) {
        if self.current_workspace.get_untracked().as_deref() != Some(id) {
            self.current_workspace.set(Some(id.to_owned()));
        }
        Preferences::set_last_workspace(Some(id));
    }

    /// Switches between light and dark, and remembers the choice.
    pub fn toggle_theme(&self) {
        let theme = self.theme.get_untracked().toggled();
        self.theme.set(theme);
        Preferences::set_theme(theme);
    }

    /// The summary of the workspace with `id`, if loaded.
    pub fn workspace(&self, id: &str) -> Option<WorkspaceSummary> {
        self.workspaces
            .with(|list| list.iter().find(|w| w.id == id).cloned())
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}
