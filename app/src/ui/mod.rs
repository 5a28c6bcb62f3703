//! Words, formats and small helpers every page shares: the labels people
//! read for the engine's values, number and date formats, reading the open
//! workspace. Pages import from here, never from one another.

pub mod labels;
pub mod workbench;

use engine::Date;

/// Today's date from the browser's clock, for overdue and expiry checks.
pub fn today() -> Option<Date> {
    Date::parse(crate::storage::now_iso().get(..10)?)
}
