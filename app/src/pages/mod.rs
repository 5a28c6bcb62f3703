//! One module per page.

mod assets;
mod data;
mod labels;
mod matrix;
mod not_found;
mod open_gate;
mod risk_editor;
mod risks;
pub mod workspace;
mod workspaces;

pub use assets::AssetsPage;
pub use data::DataPage;
pub use matrix::MatrixPage;
pub use not_found::NotFoundPage;
pub use risk_editor::RiskEditorPage;
pub use risks::RisksPage;
pub use workspace::WorkspacePage;
pub use workspaces::WorkspacesPage;
