//! The risk editor: every field of one risk, with its levels recomputed by
//! the engine while the user types and the residual arithmetic laid out.
//! `draft` holds the form's model, `preview` the engine's live figures,
//! `sections` the parts of the form.

mod draft;
mod preview;
mod sections;

use self::draft::*;
use self::preview::*;
use self::sections::*;
use crate::components::{value_text, ConflictChoice, DeleteRiskDialog, EDITOR_WORDS};
use crate::routes::Route;
use crate::state::AppState;
use engine::{Property, PropertySet, Risk, RiskId, Workspace};
use leptos::prelude::*;

/// The editor of risk `risk` (or a new risk when `None`) in workspace `id`.
#[component]
pub fn RiskEditorPage(risk: Option<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let found = state.open.with_untracked(|o| {
        let workspace = &o.as_ref()?.workspace;
        Some(match &risk {
            Some(id) => workspace
                .risks
                .iter()
                .find(|r| r.id.as_str() == id)
                .cloned(),
            None => Some(new_risk(workspace)),
        })
    });
    let Some(Some(original)) = found else {
        let id = risk.unwrap_or_default();
        return view! {
            <h1>"Risk not found"</h1>
            <p>{format!("There is no risk {id} in this workspace; it may have been deleted.")}</p>
        }
        .into_any();
    };
    let is_new = risk.is_none();
    let draft = Draft::new(original);
    let attempted = RwSignal::new(false);

    let methodology = Memo::new(move |_| {
        state
            .open
            .with(|o| o.as_ref().map(|o| o.workspace.methodology.clone()))
            .unwrap_or_default()
    });
    let built = Memo::new(move |_| methodology.with(|m| draft.build(m)));
    let live = Memo::new(move |_| {
        built.with(|(risk, _)| {
            state
                .open
                .with(|o| o.as_ref().and_then(|o| preview(&o.workspace, risk)))
        })
    });
    let errors = Signal::derive(move || {
        if attempted.get() {
            built.with(|(_, e)| e.clone())
        } else {
            FieldErrors::default()
        }
    });
    let workspace_id = state.open_id.get_untracked().unwrap_or_default();
    let register_href = Route::Risks(workspace_id.clone()).href();
    let heading = if is_new {
        "New risk".to_owned()
    } else {
        format!("Risk {}", draft.base.with_untracked(|r| r.id.to_string()))
    };

    // What is stored now for this risk: another tab's save (loaded and
    // merged by the save loop) shows up here while the form is open.
    let stored_id = risk.clone();
    let stored_risk = Memo::new(move |_| {
        let id = stored_id.as_deref()?;
        state.open.with(|o| {
            o.as_ref()?
                .workspace
                .risks
                .iter()
                .find(|r| r.id.as_str() == id)
                .cloned()
        })
    });
    let dirty = move || built.with(|(risk, _)| draft.base.with(|base| risk != base));
    state.track_unsaved("risk-editor", dirty);
    // Fields both this form and another tab changed: both values are shown
    // and the person chooses.
    let conflicts = RwSignal::new(Vec::<engine::Conflict>::new());
    let changed_elsewhere = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let Some(current) = stored_risk.get() else {
            return;
        };
        if draft.base.with(|base| *base == current) {
            return;
        }
        let (mine, problems) = built.get_untracked();
        let untouched = draft.base.with(|base| mine == *base);
        if untouched {
            draft.set_from(&current);
            draft.base.set(current);
            changed_elsewhere.set(Some(
                "This risk was changed in another tab; the form shows the latest version.".into(),
            ));
            return;
        }
        if !problems.is_empty() {
            // Merged when saving, once the form's own problems are fixed.
            changed_elsewhere.set(Some(
                "This risk was changed in another tab while you edit it. Saving keeps their \
                 changes to fields you did not touch and asks about fields you both changed."
                    .into(),
            ));
            return;
        }
        let merged = draft
            .base
            .with_untracked(|base| engine::merge_object(base, &mine, &current));
        if let Some(merged) = merged {
            draft.set_from(&merged.merged);
            draft.base.set(current);
            let both = merged.conflicts.len();
            conflicts.set(merged.conflicts);
            changed_elsewhere.set(Some(if both == 0 {
                "This risk was changed in another tab; their changes are now in the form and \
                 your unsaved edits are kept."
                    .into()
            } else {
                "This risk was changed in another tab; you both changed the fields below: \
                 choose which value to keep, then save."
                    .into()
            }));
        }
    });

    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        attempted.set(true);
        let (mut risk, problems) = built.get_untracked();
        if !problems.is_empty() {
            state.error.set(None);
            return;
        }
        if !conflicts.with_untracked(Vec::is_empty) {
            state.error.set(Some(
                "Not saved yet: choose which value to keep for each field changed in both tabs."
                    .into(),
            ));
            return;
        }
        // Never write the whole risk from a stale draft: bring in what
        // another tab changed meanwhile, field by field.
        if let Some(current) = stored_risk.get_untracked() {
            if draft.base.with_untracked(|base| *base != current) {
                let merged = draft
                    .base
                    .with_untracked(|base| engine::merge_object(base, &risk, &current));
                let Some(merged) = merged else {
                    state.error.set(Some(
                        "This risk was changed in another tab and the two versions could not be \
                         combined; nothing was saved. Copy your changes, reload the page and make \
                         them again."
                            .into(),
                    ));
                    return;
                };
                draft.set_from(&merged.merged);
                draft.base.set(current);
                if !merged.conflicts.is_empty() {
                    conflicts.set(merged.conflicts);
                    changed_elsewhere.set(Some(
                        "Not saved yet: this risk was changed in another tab and you both changed \
                         the fields below. Choose which value to keep, then save."
                            .into(),
                    ));
                    return;
                }
                risk = merged.merged;
            }
        }
        changed_elsewhere.set(None);
        if is_new {
            if let Some(id) = state
                .open
                .with_untracked(|o| o.as_ref().map(|o| o.workspace.next_risk_id()))
            {
                risk.id = id;
            }
        }
        let id = risk.id.clone();
        if !is_new {
            // What is about to be stored is the new starting point.
            draft.base.set(risk.clone());
        }
        let saved_id = id.clone();
        state.edit_then(
            move |ws| {
                ws.upsert_risk(risk);
            },
            move |stored| {
                if stored {
                    state.notice.set(Some(format!("Risk {saved_id} saved.")));
                }
            },
        );
        if is_new {
            state.discard_unsaved();
            let _ = window()
                .location()
                .set_hash(&Route::Risk(workspace_id.clone(), id.to_string()).href());
        }
    };
    let conflict_panel = move || {
        let listed = conflicts.get();
        let message = changed_elsewhere.get();
        (message.is_some() || !listed.is_empty()).then(|| {
            let rows = listed
                .into_iter()
                .enumerate()
                .map(|(index, conflict)| {
                    let take_theirs = move || {
                        let Some(conflict) = conflicts.with_untracked(|c| c.get(index).cloned())
                        else {
                            return;
                        };
                        let (mine, _) = built.get_untracked();
                        if let Some(chosen) =
                            engine::with_field(&mine, &conflict.field, conflict.theirs.as_ref())
                        {
                            draft.set_from(&chosen);
                        }
                        conflicts.update(|c| {
                            c.remove(index);
                        });
                    };
                    let keep_mine = move || {
                        conflicts.update(|c| {
                            if index < c.len() {
                                c.remove(index);
                            }
                        });
                    };
                    view! {
                        <ConflictChoice
                            subject=conflict.field_label()
                            ours=value_text(conflict.ours.as_ref())
                            theirs=value_text(conflict.theirs.as_ref())
                            words=EDITOR_WORDS
                            on_keep=keep_mine
                            on_take=take_theirs
                        />
                    }
                })
                .collect_view();
            view! {
                <div class="notice-banner changed-elsewhere" role="status" data-testid="risk-changed-elsewhere">
                    <p>{message}</p>
                    <ul class="conflict-list">{rows}</ul>
                </div>
            }
        })
    };
    let problem_count = move || built.with(|(_, e)| e.len());
    let deleting = RwSignal::new(false);
    let risk_id = draft.base.with_untracked(|r| r.id.clone());
    let register_after_delete = register_href.clone();
    let delete_dialog = move || {
        deleting.get().then(|| {
            let register = register_after_delete.clone();
            let on_close = Callback::new(move |deleted: bool| {
                deleting.set(false);
                if deleted {
                    state.discard_unsaved();
                    let _ = window().location().set_hash(&register);
                }
            });
            view! { <DeleteRiskDialog risk=risk_id.clone() on_close=on_close/> }
        })
    };

    view! {
        <p class="breadcrumb"><a href=register_href.clone()>"← Risk register"</a></p>
        <h1 data-testid="risk-editor-title">{heading}</h1>
        {conflict_panel}
        <form class="risk-editor" data-testid="risk-form" on:submit=save novalidate>
            <div class="editor-main">
                <ScenarioSection draft=draft errors=errors new=is_new/>
                <RatingSection draft=draft errors=errors methodology=methodology live=live/>
                <TreatmentSection draft=draft errors=errors/>
                <ControlsSection draft=draft/>
                <BreakdownSection live=live/>
                <OverrideSection draft=draft errors=errors methodology=methodology/>
                <AcceptanceSection draft=draft errors=errors/>
                <QuantitativeSection draft=draft errors=errors/>
            </div>
            <aside class="editor-side" aria-label="Live levels">
                <LiveLevels live=live methodology=methodology/>
                <div class="save-bar">
                    {move || (attempted.get() && problem_count() > 0).then(|| view! {
                        <p class="field-error" role="alert" data-testid="risk-form-problems">
                            {format!("Not saved: {} {} to fix, marked next to the fields.", problem_count(), if problem_count() == 1 { "problem" } else { "problems" })}
                        </p>
                    })}
                    <p class="unsaved-mark" data-testid="risk-unsaved" aria-live="polite">
                        {move || dirty().then_some("● Unsaved changes")}
                    </p>
                    <button type="submit" class="primary" data-testid="save-risk">"Save risk"</button>
                    {(!is_new).then(|| view! {
                        <button type="button" class="danger-outline" data-testid="delete-risk" on:click=move |_| deleting.set(true)>
                            "Delete risk"
                        </button>
                    })}
                    <a href=register_href>"Back to the register"</a>
                </div>
            </aside>
        </form>
        {delete_dialog}
    }
    .into_any()
}

fn new_risk(workspace: &Workspace) -> Risk {
    let methodology = &workspace.methodology;
    let middle = |len: usize| (len.div_ceil(2)).max(1) as u8;
    let likelihood = methodology
        .likelihood(middle(methodology.likelihood_scale().len()))
        .or_else(|| methodology.likelihood(1))
        .expect("1 is on every scale");
    Risk {
        properties: PropertySet::of(&[Property::Confidentiality]),
        ..Risk::blank(RiskId::try_new("new").expect("valid id"), likelihood)
    }
}
