use crate::components::{ConfirmDialog, TextField};
use crate::io;
use crate::routes::Route;
use crate::state::AppState;
use engine::{EncryptedFile, ImportProblem, Imported, Workspace};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Where the import of one file stands.
#[derive(Clone)]
enum ImportState {
    Idle,
    Reading(String),
    Invalid(String, Vec<ImportProblem>),
    /// An encrypted export waiting for its passphrase.
    Locked(String, Box<EncryptedFile>),
    Ready {
        file: String,
        workspace: Box<Workspace>,
        from_version: u32,
        warnings: Vec<ImportProblem>,
    },
}

/// Most problems listed; the count says how many there are in all.
const SHOWN_PROBLEMS: usize = 200;

/// The state that the outcome of reading `file` leads to.
fn checked(file: String, result: Result<Imported, Vec<ImportProblem>>) -> ImportState {
    match result {
        Ok(imported) => ImportState::Ready {
            file,
            workspace: Box::new(imported.workspace),
            from_version: imported.from_version,
            warnings: imported.warnings,
        },
        Err(problems) => ImportState::Invalid(file, problems),
    }
}

fn problem(message: String) -> Vec<ImportProblem> {
    vec![ImportProblem {
        path: "$".into(),
        message,
    }]
}

/// Picks or takes a dropped JSON export, validates it with the engine (every
/// problem with its JSON path, nothing changed when invalid), then imports it
/// as a new workspace or, with `allow_replace`, over the open one. An
/// encrypted export asks for its passphrase first, then takes the same path.
#[component]
pub fn JsonImport(allow_replace: bool) -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = RwSignal::new(ImportState::Idle);
    let confirm_replace = RwSignal::new(false);
    let dragging = RwSignal::new(false);
    let input: NodeRef<leptos::html::Input> = NodeRef::new();
    let passphrase = RwSignal::new(String::new());
    let unlock_error = RwSignal::new(None::<String>);
    let unlocking = RwSignal::new(false);

    let take_file = move |file: web_sys::File| {
        let name = file.name();
        passphrase.set(String::new());
        unlock_error.set(None);
        status.set(ImportState::Reading(name.clone()));
        spawn_local(async move {
            // Bytes, not text: the engine refuses bytes that are not UTF-8
            // with their place instead of letting them become U+FFFD.
            status.set(match io::read_bytes(file).await {
                Err(message) => ImportState::Invalid(name, problem(message)),
                Ok(bytes) if engine::is_encrypted_export(&bytes) => {
                    match EncryptedFile::parse(&bytes) {
                        Ok(encrypted) => ImportState::Locked(name, Box::new(encrypted)),
                        Err(message) => ImportState::Invalid(name, problem(message)),
                    }
                }
                Ok(bytes) => checked(name, io::tools::import_bytes(&bytes).await),
            });
            if let Some(input) = input.get_untracked() {
                input.set_value("");
            }
        });
    };

    let import_new = move |workspace: Workspace| {
        state.add_workspace(workspace, move |summary| {
            if let Some(summary) = summary {
                status.set(ImportState::Idle);
                state.notice.set(Some(format!(
                    "Imported “{}” as a new workspace.",
                    summary.name
                )));
                let _ = window()
                    .location()
                    .set_hash(&Route::Workspace(summary.id).href());
            }
        });
    };

    let unlock = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let ImportState::Locked(name, encrypted) = status.get_untracked() else {
            return;
        };
        unlocking.set(true);
        unlock_error.set(None);
        spawn_local(async move {
            let opened = io::crypto::decrypt(&passphrase.get_untracked(), &encrypted).await;
            unlocking.set(false);
            // Another file may have been chosen while this one decrypted.
            let still_this = status
                .with_untracked(|s| matches!(s, ImportState::Locked(file, _) if *file == name));
            if !still_this {
                return;
            }
            match opened {
                Ok(bytes) => {
                    passphrase.set(String::new());
                    status.set(checked(name, io::tools::import_bytes(&bytes).await));
                }
                Err(message) => unlock_error.set(Some(message)),
            }
        });
    };

    view! {
        <div
            class="drop-zone"
            class:dragging=move || dragging.get()
            data-testid="json-drop-zone"
            on:dragover=move |event: leptos::ev::DragEvent| {
                event.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=move |event: leptos::ev::DragEvent| {
                event.prevent_default();
                dragging.set(false);
                if let Some(file) = event.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                    take_file(file);
                }
            }
        >
            <label for=if allow_replace { "json-file-replace" } else { "json-file" }>
                "Choose an exported JSON file, or drop it here"
            </label>
            <input
                id=if allow_replace { "json-file-replace" } else { "json-file" }
                data-testid="json-file"
                type="file"
                accept=".json,application/json"
                node_ref=input
                on:change=move |_| {
                    if let Some(file) = input.get().and_then(|i| i.files()).and_then(|f| f.get(0)) {
                        take_file(file);
                    }
                }
            />
        </div>
        {move || match status.get() {
            ImportState::Idle => ().into_any(),
            ImportState::Reading(file) => view! { <p class="muted" aria-busy="true">{format!("Checking “{file}”…")}</p> }.into_any(),
            ImportState::Invalid(file, problems) => {
                let count = problems.len();
                let more = count.saturating_sub(SHOWN_PROBLEMS);
                view! {
                    <div class="problems" role="alert" data-testid="import-problems">
                        <p><strong>{format!("“{file}” was not imported: {count} problem(s). Nothing was changed.")}</strong></p>
                        <ul>
                            {problems.into_iter().take(SHOWN_PROBLEMS).map(|p| view! {
                                <li><code>{p.path}</code>" "{p.message}</li>
                            }).collect_view()}
                        </ul>
                        {(more > 0).then(|| view! { <p>{format!("…and {more} more.")}</p> })}
                    </div>
                }.into_any()
            }
            ImportState::Locked(file, _) => view! {
                <form class="preview" data-testid="import-locked" on:submit=unlock>
                    <p><strong>{format!("“{file}” is encrypted. Enter its passphrase to check and import it.")}</strong></p>
                    <TextField id="import-passphrase" label="Passphrase" value=passphrase kind="password"
                        autocomplete="current-password" testid="import-passphrase" autofocus=true
                        error=Signal::derive(move || unlock_error.get()) error_testid="import-passphrase-error"/>
                    <div class="button-row">
                        <button type="submit" class="primary" data-testid="import-decrypt"
                            disabled=move || unlocking.get() || passphrase.get().is_empty()>
                            {move || if unlocking.get() { "Decrypting…" } else { "Decrypt" }}
                        </button>
                        <button type="button" on:click=move |_| {
                            passphrase.set(String::new());
                            unlock_error.set(None);
                            status.set(ImportState::Idle);
                        }>"Cancel"</button>
                    </div>
                </form>
            }.into_any(),
            ImportState::Ready { file, workspace, from_version, warnings } => {
                let summary = format!(
                    "“{file}” is valid: workspace “{}” with {} assets, {} risks, {} controls and {} actions (schema version {from_version}{}).",
                    workspace.name, workspace.assets.len(), workspace.risks.len(), workspace.controls.len(), workspace.actions.len(),
                    if from_version < engine::SCHEMA_VERSION { ", migrated" } else { "" }
                );
                let as_new = workspace.clone();
                view! {
                    <div class="preview" data-testid="import-ready">
                        <p><strong>{summary}</strong></p>
                        {(!warnings.is_empty()).then(|| view! {
                            <ul class="warnings">
                                {warnings.into_iter().map(|w| view! { <li><code>{w.path}</code>" "{w.message}</li> }).collect_view()}
                            </ul>
                        })}
                        <div class="button-row">
                            <button type="button" class="primary" data-testid="import-as-new" on:click=move |_| import_new((*as_new).clone())>
                                "Import as a new workspace"
                            </button>
                            {allow_replace.then(|| view! {
                                <button type="button" class="danger-outline" data-testid="import-replace" on:click=move |_| confirm_replace.set(true)>
                                    "Replace this workspace…"
                                </button>
                            })}
                            <button type="button" on:click=move |_| status.set(ImportState::Idle)>"Cancel"</button>
                        </div>
                    </div>
                    {move || confirm_replace.get().then(|| {
                        let replacement = workspace.clone();
                        let file = file.clone();
                        view! {
                            <ConfirmDialog
                                title="Replace this workspace?"
                                message="Everything in the open workspace will be replaced by the file's content. A snapshot of the current state is saved first."
                                confirm_label="Replace workspace"
                                on_confirm=move || {
                                    confirm_replace.set(false);
                                    let file = file.clone();
                                    state.replace_open_workspace((*replacement).clone(), format!("Before import of {file}"), move |ok| {
                                        if ok {
                                            status.set(ImportState::Idle);
                                            state.notice.set(Some(format!("Replaced the workspace with “{file}”.")));
                                        }
                                    });
                                }
                                on_cancel=move || confirm_replace.set(false)
                            />
                        }
                    })}
                }.into_any()
            }
        }}
    }
}
