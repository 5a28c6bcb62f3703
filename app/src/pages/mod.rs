//! One module per page.

mod assets;
mod dashboard;
mod data;
mod findings;
mod labels;
mod matrix;
mod methodology;
mod not_found;
mod open_gate;
mod plan;
mod quant;
mod reports;
mod risk_editor;
mod risks;
mod scenarios;
mod soa;
mod treatment_fields;
mod workbench;
pub mod workspace;
mod workspaces;

pub use assets::AssetsPage;
pub use dashboard::DashboardPage;
pub use data::DataPage;
pub use findings::FindingsPage;
pub use matrix::MatrixPage;
pub use methodology::MethodologyPage;
pub use not_found::NotFoundPage;
pub use plan::PlanPage;
pub use quant::QuantPage;
pub use reports::{ReportPage, ReportsPage};
pub use risk_editor::RiskEditorPage;
pub use risks::RisksPage;
pub use scenarios::ScenariosPage;
pub use soa::SoaPage;
pub use workspace::WorkspacePage;
pub use workspaces::WorkspacesPage;
