//! The confirmation before a risk is deleted, shared by the risk editor and
//! the risk register: it says what the deletion unlinks, and the deletion
//! runs through the engine's `remove_risk` command.

use super::ConfirmDialog;
use crate::state::AppState;
use crate::ui::run_command;
use engine::{RiskId, Workspace};
use leptos::prelude::*;

fn plural(count: usize, one: &'static str, many: &'static str) -> &'static str {
    if count == 1 {
        one
    } else {
        many
    }
}

/// What deleting `risk` does, in sentences.
fn removal_message(ws: &Workspace, risk: &RiskId) -> String {
    let actions = ws.actions.iter().filter(|a| a.risks.contains(risk)).count();
    let changes = ws
        .scenarios
        .iter()
        .flat_map(|s| s.changes.iter())
        .filter(|c| c.risk() == Some(risk))
        .count();
    let mut consequences = Vec::new();
    if actions > 0 {
        consequences.push(format!(
            "{actions} {} of the plan will no longer name it",
            plural(actions, "action", "actions")
        ));
    }
    if changes > 0 {
        consequences.push(format!(
            "{changes} scenario {} about it will be dropped",
            plural(changes, "change", "changes")
        ));
    }
    let unlinks = if consequences.is_empty() {
        String::new()
    } else {
        format!("; {}", consequences.join(" and "))
    };
    format!("The risk is removed from the register{unlinks}. Take a snapshot first if you may want it back.")
}

/// "Delete risk R-0042?": on confirmation the risk is removed (a notice
/// says so once stored); `on_close` gets whether it was deleted.
#[component]
pub fn DeleteRiskDialog(risk: RiskId, on_close: Callback<bool>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let message = state
        .open
        .with_untracked(|o| o.as_ref().map(|o| removal_message(&o.workspace, &risk)))
        .unwrap_or_default();
    let title = format!("Delete risk {risk}?");
    view! {
        <ConfirmDialog
            title=title
            message=message
            confirm_label="Delete risk"
            on_confirm=move || {
                let target = risk.clone();
                run_command(
                    state,
                    move |ws| {
                        ws.remove_risk(&target)
                            .map(|_| target.to_string())
                            .ok_or_else(|| format!("there is no risk {target}"))
                    },
                    |label| format!("Risk {label} deleted."),
                );
                on_close.run(true);
            }
            on_cancel=move || on_close.run(false)
        />
    }
}
