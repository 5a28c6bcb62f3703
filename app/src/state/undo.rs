//! Undo of the changes made in this tab: every change that reaches the open
//! workspace is remembered with the workspace before and after it, and
//! "Undo" takes back the newest one. Changes made since (in this tab or
//! another) are kept: the engine merges the reverted change into the
//! workspace as it is now, and refuses when a field was changed again.

use super::AppState;
use engine::{changed_records, undo_change, Workspace};
use leptos::prelude::*;
use std::rc::Rc;

/// How many changes can be taken back, newest first.
const DEPTH: usize = 20;

/// One change that can be taken back.
struct Entry {
    workspace: String,
    before: Rc<Workspace>,
    after: Rc<Workspace>,
    /// What changed, in words ("R-0003 “Phishing”", "3 records").
    what: String,
}

/// The changes that can be taken back, oldest first.
#[derive(Default)]
pub(crate) struct UndoLog {
    entries: Vec<Entry>,
}

/// Says in a few words what differs between `before` and `after`.
fn describe(before: &Workspace, after: &Workspace) -> String {
    let changes = changed_records(before, after);
    let count = changes.put.len() + changes.delete.len();
    match (changes.put.first(), changes.delete.first()) {
        (Some(record), None) if count == 1 => {
            let label = ["title", "name"]
                .iter()
                .find_map(|key| record.value.get(key).and_then(|v| v.as_str()))
                .filter(|label| !label.is_empty());
            match label {
                Some(label) => format!("{} \u{201c}{}\u{201d}", record.id, label),
                None => record.id.clone(),
            }
        }
        // A deletion with its cascade (links to it dropped elsewhere).
        (_, Some(key)) if changes.delete.len() == 1 => format!("{} (deleted)", key.id),
        _ if count == 0 => "the workspace's settings".to_owned(),
        _ => format!("{count} records"),
    }
}

impl AppState {
    /// Remembers a change of workspace `workspace` so it can be taken back.
    pub(super) fn remember_change(&self, workspace: String, before: Workspace, after: &Workspace) {
        let what = describe(&before, after);
        self.undo.update_value(|log| {
            log.entries.retain(|e| e.workspace == workspace);
            // Consecutive changes share the copy between them.
            let before = match log.entries.last() {
                Some(last) if *last.after == before => last.after.clone(),
                _ => Rc::new(before),
            };
            log.entries.push(Entry {
                workspace,
                before,
                after: Rc::new(after.clone()),
                what: what.clone(),
            });
            if log.entries.len() > DEPTH {
                log.entries.remove(0);
            }
        });
        self.undoable.set(Some(what));
    }

    /// Forgets every change (another workspace was opened).
    pub(super) fn forget_changes(&self) {
        self.undo.update_value(|log| log.entries.clear());
        self.undoable.set(None);
    }

    fn refresh_undoable(&self) {
        let what = self
            .undo
            .with_value(|log| log.entries.last().map(|e| e.what.clone()));
        self.undoable.set(what);
    }

    /// Takes back the newest change of the open workspace, keeping what was
    /// changed since; says what happened in the notice or error banner.
    pub fn undo_last(&self) {
        let Some(open_id) = self.open_id.get_untracked() else {
            return;
        };
        let Some(entry) = self.undo.try_update_value(|log| {
            log.entries.retain(|e| e.workspace == open_id);
            log.entries.pop()
        }) else {
            return;
        };
        self.refresh_undoable();
        let Some(entry) = entry else { return };
        let now = self
            .open
            .with_untracked(|o| o.as_ref().map(|o| o.workspace.clone()));
        let Some(now) = now else { return };
        let what = entry.what;
        match undo_change(&entry.before, &entry.after, &now) {
            Ok(result) if result.conflicts.is_empty() => {
                let state = *self;
                self.edit_inner(
                    move |ws| *ws = result.merged,
                    move |stored| {
                        if stored {
                            state
                                .notice
                                .set(Some(format!("Undone: the change to {what}.")));
                        }
                    },
                    false,
                );
            }
            Ok(result) => {
                let fields: Vec<String> =
                    result.conflicts.iter().map(|c| c.field_label()).collect();
                self.error.set(Some(format!(
                    "Not undone: {} was changed again since ({}). Change it back by hand.",
                    what,
                    fields.join(", ")
                )));
            }
            Err(problems) => {
                let first = problems
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                self.error.set(Some(format!(
                    "Not undone: taking back the change to {what} would break the workspace ({first})."
                )));
            }
        }
    }
}
