//! The "Delete" button of a record of the ISMS-cycle registers (audit,
//! finding, nonconformity, incident, objective, measurement, document,
//! management review), with its confirmation: the engine says what the
//! deletion takes along and unlinks, the dialog says it in words, and the
//! deletion runs through the engine's one command for all of them.

use super::ConfirmDialog;
use crate::state::AppState;
use crate::ui::run_command;
use crate::ui::workbench::read_untracked;
use engine::{CycleRecord, RemovalEffects};
use leptos::prelude::*;

/// `count` with the singular or plural noun: "1 finding", "2 findings".
fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// What the deletion does besides removing the record, in sentences.
fn consequences(effects: &RemovalEffects) -> String {
    let mut parts: Vec<String> = [
        (effects.findings, "finding", "findings"),
        (effects.measurements, "measurement", "measurements"),
        (
            effects.corrective_actions,
            "corrective action",
            "corrective actions",
        ),
        (effects.review_actions, "action", "actions"),
    ]
    .into_iter()
    .filter(|(count, _, _)| *count > 0)
    .map(|(count, one, many)| {
        format!(
            "Its {} {} with it.",
            counted(count, one, many),
            if count == 1 { "goes" } else { "go" }
        )
    })
    .collect();
    if effects.plan_actions_kept > 0 {
        let count = effects.plan_actions_kept;
        parts.push(format!(
            "The {} they link to {} in the treatment plan.",
            counted(count, "treatment-plan action", "treatment-plan actions"),
            if count == 1 { "stays" } else { "stay" }
        ));
    }
    if effects.nonconformities_unlinked > 0 {
        let count = effects.nonconformities_unlinked;
        parts.push(format!(
            "The {} raised from it {}, as recorded by hand.",
            counted(count, "nonconformity", "nonconformities"),
            if count == 1 { "stays" } else { "stay" }
        ));
    }
    parts.push("Deleting cannot be undone (except from a snapshot).".to_owned());
    parts.join(" ")
}

/// `text` with its first letter in capitals.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A "Delete" button for `record` that asks first.
#[component]
pub fn DeleteRecord(
    record: CycleRecord,
    /// The button's text; "Delete" when not given.
    #[prop(optional, into)]
    text: Option<&'static str>,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let aria = format!("Delete {}", record.label());
    view! {
        <button type="button" class="danger-outline" data-testid="delete-record" aria-label=aria
            on:click=move |_| asking.set(true)>{text.unwrap_or("Delete")}</button>
        {move || asking.get().then(|| view! {
            <DeleteRecordDialog record=record.clone() on_close=Callback::new(move |()| asking.set(false))/>
        })}
    }
}

/// The confirmation of deleting `record` (from a button or a row's menu);
/// `on_close` runs when it is answered either way.
#[component]
pub fn DeleteRecordDialog(record: CycleRecord, on_close: Callback<()>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let label = record.label();
    let effects = read_untracked(state, |ws| ws.removal_effects(&record))
        .flatten()
        .unwrap_or_default();
    let done = capitalised(&label);
    view! {
        <ConfirmDialog
            title=format!("Delete {label}?")
            message=consequences(&effects)
            confirm_label="Delete"
            on_confirm=move || {
                let record = record.clone();
                let done = done.clone();
                on_close.run(());
                run_command(
                    state,
                    move |ws| {
                        ws.remove_cycle_record(&record)
                            .map(|_| ())
                            .ok_or_else(|| format!("{} does not exist any more", record.label()))
                    },
                    move |()| format!("{done} deleted."),
                );
            }
            on_cancel=move || on_close.run(())
        />
    }
}
