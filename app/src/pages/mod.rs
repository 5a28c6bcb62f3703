//! One module (or folder) per route, and nothing else: shared pieces live
//! in `components` and `ui`.

mod assets;
mod dashboard;
mod data;
mod findings;
mod matrix;
mod methodology;
mod not_found;
mod people;
mod plan;
mod quant;
mod reports;
mod risk_editor;
mod risks;
mod scenarios;
mod soa;
mod workspace;
mod workspaces;

pub use assets::AssetsPage;
pub use dashboard::DashboardPage;
pub use data::DataPage;
pub use findings::FindingsPage;
pub use matrix::MatrixPage;
pub use methodology::MethodologyPage;
pub use not_found::NotFoundPage;
pub use people::PeoplePage;
pub use plan::PlanPage;
pub use quant::QuantPage;
pub use reports::{ReportPage, ReportsPage};
pub use risk_editor::RiskEditorPage;
pub use risks::RisksPage;
pub use scenarios::ScenariosPage;
pub use soa::SoaPage;
pub use workspace::WorkspacePage;
pub use workspaces::WorkspacesPage;
