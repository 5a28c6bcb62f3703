//! One module per page.

mod matrix;
mod not_found;
mod workspace;
mod workspaces;

pub use matrix::MatrixPage;
pub use not_found::NotFoundPage;
pub use workspace::WorkspacePage;
pub use workspaces::WorkspacesPage;
