//! The column layout of each register table, remembered per register in
//! local storage (a small preference like the theme).

use crate::storage::Preferences;
pub use crate::storage::TableLayout;

/// The layout last chosen for table `register`, if any.
pub fn table_layout(register: &str) -> Option<TableLayout> {
    Preferences::table_layout(register)
}

/// Remembers the layout of table `register`.
pub fn remember_table_layout(register: &str, layout: &TableLayout) {
    Preferences::set_table_layout(register, layout);
}
