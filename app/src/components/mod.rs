//! Reusable pieces of the interface.

mod confirm;
mod error_banner;
mod risk_matrix;

pub use confirm::ConfirmDialog;
pub use error_banner::ErrorBanner;
pub use risk_matrix::{readable_text_colour, RiskMatrix};
