//! One module per page.

mod data;
mod matrix;
mod not_found;
pub mod workspace;
mod workspaces;

pub use data::DataPage;
pub use matrix::MatrixPage;
pub use not_found::NotFoundPage;
pub use workspace::WorkspacePage;
pub use workspaces::WorkspacesPage;
