//! Asks the person, field by field, which value to keep when this tab and
//! another tab changed the same field of the same object.

use crate::state::AppState;
use engine::Conflict;
use leptos::prelude::*;
use serde_json::Value;

/// A stored value as a person reads it.
pub fn value_text(value: Option<&Value>) -> String {
    match value {
        None => "(removed)".to_owned(),
        Some(Value::Null) => "(empty)".to_owned(),
        Some(Value::String(text)) if text.is_empty() => "(empty)".to_owned(),
        Some(Value::String(text)) => text.clone(),
        Some(Value::Array(items)) if items.iter().all(Value::is_string) => {
            if items.is_empty() {
                "(none)".to_owned()
            } else {
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        }
        Some(other) => other.to_string(),
    }
}

/// Which words and test ids a [`ConflictChoice`] uses where it stands.
#[derive(Clone, Copy)]
pub struct ChoiceWords {
    /// The `data-testid` of the row; its values get `-ours` and `-theirs`.
    pub test_id: &'static str,
    pub ours: &'static str,
    pub keep: &'static str,
    pub keep_test_id: &'static str,
    pub take_test_id: &'static str,
}

/// One field changed here and in another tab: both values and the two
/// choices. The dialog of the save loop, the risk editor's panel and the
/// forms' [`super::MergeChoices`] all show conflicts with it.
#[component]
pub fn ConflictChoice(
    /// What changed, such as `title` or `Risk R-0003 “…”: title`.
    #[prop(into)]
    subject: String,
    /// Our value as shown.
    ours: String,
    /// Their (stored) value as shown.
    theirs: String,
    words: ChoiceWords,
    on_keep: impl Fn() + 'static,
    on_take: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <li class="conflict" data-testid=words.test_id>
            <p class="conflict-subject"><strong>{subject}</strong></p>
            <dl class="conflict-values">
                <dt>{words.ours}</dt>
                <dd data-testid=format!("{}-ours", words.test_id)>{ours}</dd>
                <dt>"Other tab (stored)"</dt>
                <dd data-testid=format!("{}-theirs", words.test_id)>{theirs}</dd>
            </dl>
            <div class="dialog-actions">
                <button type="button" data-testid=words.keep_test_id on:click=move |_| on_keep()>
                    {words.keep}
                </button>
                <button type="button" data-testid=words.take_test_id on:click=move |_| on_take()>
                    "Use the other tab's"
                </button>
            </div>
        </li>
    }
}

/// The words of a conflict inside the risk editor.
pub const EDITOR_WORDS: ChoiceWords = ChoiceWords {
    test_id: "editor-conflict",
    ours: "Yours",
    keep: "Keep mine",
    keep_test_id: "editor-keep-mine",
    take_test_id: "editor-take-theirs",
};

/// The words of a conflict inside the other forms ([`super::MergeChoices`]).
pub const FORM_WORDS: ChoiceWords = ChoiceWords {
    test_id: "form-conflict",
    ours: "Yours",
    keep: "Keep mine",
    keep_test_id: "form-keep-mine",
    take_test_id: "form-take-theirs",
};

/// What a conflict is about, for the dialog's list.
fn subject(conflict: &Conflict) -> String {
    let object = match conflict.collection {
        None => "Workspace".to_owned(),
        Some(collection) => {
            let kind = match collection.name() {
                "people" => "Person",
                "assets" => "Asset",
                "threats" => "Threat",
                "vulnerabilities" => "Vulnerability",
                "risks" => "Risk",
                "controls" => "Control",
                "soa" => "SoA entry",
                "actions" => "Action",
                "scenarios" => "Scenario",
                other => other,
            };
            if conflict.label.is_empty() || conflict.label == conflict.id {
                format!("{kind} {}", conflict.id)
            } else {
                format!("{kind} {} “{}”", conflict.id, conflict.label)
            }
        }
    };
    format!("{object}: {}", conflict.field_label())
}

/// The dialog, shown while the save loop waits for choices.
#[component]
pub fn ConflictDialog() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let conflicts = state.conflicts.get();
        (!conflicts.is_empty()).then(|| {
            let rows = conflicts
                .into_iter()
                .enumerate()
                .map(|(index, conflict)| {
                    let whole = conflict.field.is_empty();
                    let ours = if whole && conflict.ours.is_none() {
                        "deleted in this tab".to_owned()
                    } else {
                        value_text(conflict.ours.as_ref())
                    };
                    let theirs = if whole && conflict.theirs.is_none() {
                        "deleted in the other tab".to_owned()
                    } else {
                        value_text(conflict.theirs.as_ref())
                    };
                    view! {
                        <ConflictChoice
                            subject=subject(&conflict)
                            ours=ours
                            theirs=theirs
                            words=ChoiceWords {
                                test_id: "conflict",
                                ours: "This tab",
                                keep: "Keep this tab's",
                                keep_test_id: "conflict-keep-ours",
                                take_test_id: "conflict-take-theirs",
                            }
                            on_keep=move || state.settle_conflict(index, false)
                            on_take=move || state.settle_conflict(index, true)
                        />
                    }
                })
                .collect_view();
            view! {
                <div class="dialog-backdrop">
                    <div class="dialog conflict-dialog" role="alertdialog" aria-modal="true"
                        aria-labelledby="conflict-title" data-testid="conflict-dialog">
                        <h2 id="conflict-title">"Changed in two tabs at once"</h2>
                        <p>
                            "Another tab saved changes to the same fields you changed here. Nothing is "
                            "lost: choose which value to keep for each. Saving resumes once every field "
                            "is decided; fields only one tab changed were merged already."
                        </p>
                        <ul class="conflict-list">{rows}</ul>
                    </div>
                </div>
            }
        })
    }
}
