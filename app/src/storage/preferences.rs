//! Small preferences kept in local storage through gloo-storage. Losing them
//! is harmless, so reading never fails: a missing or unreadable value falls
//! back to its default.

use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

const LAST_WORKSPACE_KEY: &str = "isms-workbench.last-workspace";
const THEME_KEY: &str = "isms-workbench.theme";
const TABLE_KEY_PREFIX: &str = "isms-workbench.table.";

/// How one register table shows its columns: their keys in the chosen
/// order, and which of them are hidden.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TableLayout {
    /// Column keys in display order.
    pub order: Vec<String>,
    /// Keys of the columns not shown.
    #[serde(default)]
    pub hidden: Vec<String>,
}

/// Colour scheme of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

impl Theme {
    /// The other theme.
    pub fn toggled(self) -> Self {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }

    /// Value of the `data-theme` attribute on `<html>`.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// Reads and writes the preferences.
pub struct Preferences;

impl Preferences {
    /// The id of the workspace opened last, if any.
    pub fn last_workspace() -> Option<String> {
        LocalStorage::get(LAST_WORKSPACE_KEY).ok()
    }

    /// Remembers (or, with `None`, forgets) the workspace opened last.
    pub fn set_last_workspace(id: Option<&str>) {
        match id {
            // A full or disabled local storage only costs the convenience.
            Some(id) => {
                let _ = LocalStorage::set(LAST_WORKSPACE_KEY, id);
            }
            None => LocalStorage::delete(LAST_WORKSPACE_KEY),
        }
    }

    /// The chosen theme (light when none was chosen).
    pub fn theme() -> Theme {
        LocalStorage::get(THEME_KEY).unwrap_or_default()
    }

    /// Remembers the chosen theme.
    pub fn set_theme(theme: Theme) {
        let _ = LocalStorage::set(THEME_KEY, theme);
    }

    /// The column layout chosen for table `register`, if any.
    pub fn table_layout(register: &str) -> Option<TableLayout> {
        LocalStorage::get(format!("{TABLE_KEY_PREFIX}{register}")).ok()
    }

    /// Remembers the column layout of table `register`.
    pub fn set_table_layout(register: &str, layout: &TableLayout) {
        let _ = LocalStorage::set(format!("{TABLE_KEY_PREFIX}{register}"), layout);
    }
}
