//! Forms never write a whole object from a stale draft: when the object
//! changed in another tab since the form opened, [`reconcile`] merges the two
//! edits field by field, and [`MergeChoices`] asks about the fields both
//! changed, showing both values.

use super::conflict_dialog::{ConflictChoice, FORM_WORDS};
use super::value_text;
use crate::state::AppState;
use engine::Conflict;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// What a form should store.
pub(super) enum Reconciled<T> {
    /// Nothing changed underneath, or the changes did not touch the same
    /// fields: store this.
    Write(T),
    /// Both changed some fields: ask (the object holds the form's values).
    Ask(Pending<T>),
    /// The two versions do not make a valid object together.
    Unmergeable,
}

/// A merged object waiting for the person's choices.
#[derive(Clone, PartialEq)]
pub struct Pending<T> {
    /// The merge, holding the form's value at each conflict.
    pub object: T,
    /// What was stored when the merge was made: the next save starts from it.
    pub stored: T,
    pub conflicts: Vec<Conflict>,
}

/// Merges a form's `draft` of an object that was `base` when the form
/// opened with what is `current`ly stored.
pub(super) fn reconcile<T>(base: Option<&T>, draft: T, current: Option<&T>) -> Reconciled<T>
where
    T: Serialize + DeserializeOwned + PartialEq + Clone,
{
    match (base, current) {
        (Some(base), Some(current)) if base != current => {
            match engine::merge_object(base, &draft, current) {
                Some(merged) if merged.conflicts.is_empty() => Reconciled::Write(merged.merged),
                Some(merged) => Reconciled::Ask(Pending {
                    object: merged.merged,
                    stored: current.clone(),
                    conflicts: merged.conflicts,
                }),
                None => Reconciled::Unmergeable,
            }
        }
        _ => Reconciled::Write(draft),
    }
}

/// Saves a form's `draft` of an object that was `base` when the form
/// started: merged with what is `current`ly stored and handed to `store`,
/// or, when both changed a field, put in `pending` for the person to decide
/// (the stored copy it started from is returned: the form's new base), or
/// refused with a message when the two versions cannot be combined.
pub fn save_merged<T>(
    state: AppState,
    base: Option<&T>,
    draft: T,
    current: Option<&T>,
    pending: RwSignal<Option<Pending<T>>>,
    store: impl FnOnce(T),
) -> Option<T>
where
    T: Serialize + DeserializeOwned + PartialEq + Clone + Send + Sync + 'static,
{
    match reconcile(base, draft, current) {
        Reconciled::Write(object) => {
            store(object);
            None
        }
        Reconciled::Ask(asked) => {
            let stored = asked.stored.clone();
            pending.set(Some(asked));
            Some(stored)
        }
        Reconciled::Unmergeable => {
            state.error.set(Some(UNMERGEABLE.into()));
            None
        }
    }
}

/// The message for [`Reconciled::Unmergeable`].
const UNMERGEABLE: &str = "This was changed in another tab and the two versions could not be \
    combined, so nothing was saved. Note your changes, close the form, open it again and make them \
    again.";

/// Lists the fields changed both here and in another tab with both values;
/// once every one is decided, `on_decided` gets the object to store.
#[component]
pub fn MergeChoices<T>(
    pending: RwSignal<Option<Pending<T>>>,
    on_decided: impl Fn(Pending<T>) + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    T: Serialize + DeserializeOwned + Clone + PartialEq + Send + Sync + 'static,
{
    let decide = move |index: usize, take_theirs: bool| {
        let Some(mut current) = pending.get_untracked() else {
            return;
        };
        if index >= current.conflicts.len() {
            return;
        }
        let conflict = current.conflicts.remove(index);
        if take_theirs {
            if let Some(object) =
                engine::with_field(&current.object, &conflict.field, conflict.theirs.as_ref())
            {
                current.object = object;
            }
        }
        if current.conflicts.is_empty() {
            pending.set(None);
            on_decided(current);
        } else {
            pending.set(Some(current));
        }
    };
    move || {
        pending.get().map(|p| {
            let rows = p
                .conflicts
                .iter()
                .enumerate()
                .map(|(index, conflict)| {
                    view! {
                        <ConflictChoice
                            subject=conflict.field_label()
                            ours=value_text(conflict.ours.as_ref())
                            theirs=value_text(conflict.theirs.as_ref())
                            words=FORM_WORDS
                            on_keep=move || decide(index, false)
                            on_take=move || decide(index, true)
                        />
                    }
                })
                .collect_view();
            view! {
                <div class="notice-banner changed-elsewhere" role="alert" data-testid="form-conflicts">
                    <p>
                        "Not saved yet: this was changed in another tab since you opened the form, "
                        "and you both changed the fields below. Choose which value to keep; it is "
                        "saved once every field is decided."
                    </p>
                    <ul class="conflict-list">{rows}</ul>
                </div>
            }
        })
    }
}
