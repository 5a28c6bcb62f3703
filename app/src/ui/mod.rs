//! Words, formats and small helpers every page shares: the labels people
//! read for the engine's values, number and date formats, reading the open
//! workspace. Pages import from here, never from one another.

pub mod format;
pub mod labels;
pub mod workbench;

use engine::Date;

/// Today's date from the browser's clock, for overdue and expiry checks.
pub fn today() -> Option<Date> {
    Date::parse(crate::state::now_iso().get(..10)?)
}

/// A date typed as YYYY-MM-DD, `None` when left empty, or the message that
/// says why it is not a date.
pub fn optional_date(text: &str) -> Result<Option<Date>, String> {
    match text.trim() {
        "" => Ok(None),
        text => Date::parse(text)
            .map(Some)
            .ok_or_else(|| format!("{text:?} is not a date of the form YYYY-MM-DD.")),
    }
}

/// The id text of an optional id, empty for none.
pub fn id_text<T: std::fmt::Display>(id: Option<&T>) -> String {
    id.map(ToString::to_string).unwrap_or_default()
}

/// Ids as text, for a multi-select's chosen list.
pub fn id_texts<T: std::fmt::Display>(ids: &[T]) -> Vec<String> {
    ids.iter().map(ToString::to_string).collect()
}

/// Ids chosen in a multi-select as the engine's ids (ones that are not
/// valid ids are dropped).
pub fn ids_from<T, E>(texts: Vec<String>, make: fn(String) -> Result<T, E>) -> Vec<T> {
    texts.into_iter().filter_map(|t| make(t).ok()).collect()
}

/// Runs a named engine command that may refuse: on success the notice says
/// `saved(value)` once the change is stored; a refusal is shown as the
/// error with the engine's reason, and nothing changes.
pub fn run_command<T: 'static>(
    state: crate::state::AppState,
    command: impl FnOnce(&mut engine::Workspace) -> Result<T, String>,
    saved: impl FnOnce(T) -> String + 'static,
) {
    use leptos::prelude::*;
    use std::{cell::RefCell, rc::Rc};
    let outcome: Rc<RefCell<Option<Result<T, String>>>> = Rc::new(RefCell::new(None));
    let written = outcome.clone();
    state.edit_then(
        move |ws| {
            *written.borrow_mut() = Some(command(ws));
        },
        move |stored| match outcome.borrow_mut().take() {
            Some(Ok(value)) if stored => state.notice.set(Some(saved(value))),
            Some(Err(reason)) => state.error.set(Some(format!("Not changed: {reason}"))),
            _ => {}
        },
    );
}
