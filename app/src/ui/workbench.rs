//! Pieces shared by the workbench pages (Statement of Applicability,
//! treatment plan, methodology editor, findings): readers of the open
//! workspace and the words used for the engine's enumerations. The gate that
//! waits for the open workspace is `open_gate::OpenWorkspaceGate`.

use crate::state::AppState;
use engine::{
    ActionStatus, Analysis, Applicability, ImplementationStatus, InclusionReason, Workspace,
};
use leptos::prelude::*;

/// Reads the open workspace (tracked), if any.
pub fn read<T>(state: AppState, f: impl FnOnce(&Workspace) -> T) -> Option<T> {
    state.open.with(|o| o.as_ref().map(|o| f(&o.workspace)))
}

/// Reads the open workspace without tracking, for event handlers.
pub fn read_untracked<T>(state: AppState, f: impl FnOnce(&Workspace) -> T) -> Option<T> {
    state
        .open
        .with_untracked(|o| o.as_ref().map(|o| f(&o.workspace)))
}

/// The clauses of the catalogue as options: "6.1.2 Risk assessment process".
pub fn clause_options() -> Vec<(String, String)> {
    engine::clause_catalogue()
        .iter()
        .map(|c| (c.number.to_owned(), format!("{} {}", c.number, c.title)))
        .collect()
}

/// The controls of `ws` as options: "A.5.1 Policies for information security".
pub fn control_options(ws: &Workspace) -> Vec<(String, String)> {
    ws.controls
        .iter()
        .map(|c| (c.id.as_str().to_owned(), format!("{} {}", c.id, c.title)))
        .collect()
}

/// Open risks whose current and planned residual lie above the appetite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AppetiteCounts {
    pub current: usize,
    pub planned: usize,
}

/// Reads the open workspace with its shared analysis (tracked): the
/// analysis runs once per change of the workspace, whatever reads it.
pub fn read_analysed<T>(state: AppState, f: impl FnOnce(&Workspace, &Analysis) -> T) -> Option<T> {
    let analysis = state.analysis.get()?;
    state
        .open
        .with(|o| o.as_ref().map(|o| f(&o.workspace, &analysis)))
}

/// [`read_analysed`] without tracking (for event handlers).
pub fn read_analysed_untracked<T>(
    state: AppState,
    f: impl FnOnce(&Workspace, &Analysis) -> T,
) -> Option<T> {
    let analysis = state.analysis.get_untracked()?;
    state
        .open
        .with_untracked(|o| o.as_ref().map(|o| f(&o.workspace, &analysis)))
}

/// Counts the risks above appetite, as the engine rates them today.
pub fn appetite_counts(_workspace: &Workspace, analysis: &Analysis) -> AppetiteCounts {
    let open = || analysis.risks.iter().filter(|r| !r.closed);
    AppetiteCounts {
        current: open().filter(|r| r.current_above_appetite).count(),
        planned: open().filter(|r| r.planned_above_appetite).count(),
    }
}

pub const APPLICABILITIES: [Applicability; 3] = [
    Applicability::Undecided,
    Applicability::Applicable,
    Applicability::Excluded,
];

pub fn applicability(value: Applicability) -> &'static str {
    match value {
        Applicability::Undecided => "Undecided",
        Applicability::Applicable => "Applicable",
        Applicability::Excluded => "Excluded",
    }
}

pub fn implementation(value: ImplementationStatus) -> &'static str {
    match value {
        ImplementationStatus::NotStarted => "Not started",
        ImplementationStatus::Planned => "Planned",
        ImplementationStatus::Partial => "Partially implemented",
        ImplementationStatus::Implemented => "Implemented",
    }
}

pub const REASONS: [InclusionReason; 5] = [
    InclusionReason::RiskTreatment,
    InclusionReason::LegalOrRegulatory,
    InclusionReason::Contractual,
    InclusionReason::BusinessRequirement,
    InclusionReason::BestPractice,
];

pub fn reason(value: InclusionReason) -> &'static str {
    match value {
        InclusionReason::RiskTreatment => "Risk treatment",
        InclusionReason::LegalOrRegulatory => "Legal or regulatory",
        InclusionReason::Contractual => "Contractual",
        InclusionReason::BusinessRequirement => "Business requirement",
        InclusionReason::BestPractice => "Best practice",
    }
}

pub const ACTION_STATUSES: [ActionStatus; 4] = [
    ActionStatus::Planned,
    ActionStatus::InProgress,
    ActionStatus::Done,
    ActionStatus::Cancelled,
];

pub fn action_status(value: ActionStatus) -> &'static str {
    match value {
        ActionStatus::Planned => "Planned",
        ActionStatus::InProgress => "In progress",
        ActionStatus::Done => "Done",
        ActionStatus::Cancelled => "Cancelled",
    }
}

/// Capitalises a lower-case engine name ("organizational" -> "Organizational").
pub fn title_case(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The people of the workspace as (id, "name (role)") for owner pickers.
pub fn people_options(workspace: &Workspace) -> Vec<(String, String)> {
    workspace
        .people
        .iter()
        .map(|p| {
            let label = if p.role.is_empty() {
                p.name.clone()
            } else {
                format!("{} ({})", p.name, p.role)
            };
            (p.id.as_str().to_owned(), label)
        })
        .collect()
}

/// A whole number from a text field; blank gives zero.
pub fn parse_money(text: &str) -> Result<u64, String> {
    let trimmed = text.trim().replace([' ', '_', ','], "");
    if trimmed.is_empty() {
        return Ok(0);
    }
    trimmed
        .parse::<u64>()
        .map_err(|_| format!("{text:?} is not a whole amount (digits only, no decimals)"))
}
