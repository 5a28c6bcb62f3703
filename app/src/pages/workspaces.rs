use crate::components::{ConfirmDialog, FieldErrors, JsonImport, TextField};
use crate::routes::Route;
use crate::state::AppState;
use crate::state::{clean_name, WorkspaceSummary};
use leptos::prelude::*;

/// Home: every workspace in this browser, with create, rename, delete, open.
#[component]
pub fn WorkspacesPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let pending_delete = RwSignal::new(None::<WorkspaceSummary>);

    view! {
        <h1>"Workspaces"</h1>
        <p class="lead">
            "Each workspace is one organisation's ISMS. Everything stays in this browser; nothing is sent anywhere."
        </p>
        <CreateWorkspaceForm/>
        <DemoAndImport/>
        {move || {
            if !state.loaded.get() {
                return view! { <p class="muted" aria-busy="true">"Loading workspaces…"</p> }.into_any();
            }
            let list = state.workspaces.get();
            if list.is_empty() {
                return view! {
                    <div class="empty-state" data-testid="empty-workspaces">
                        <h2>"No workspaces yet"</h2>
                        <p>"Create your first workspace above to start your asset inventory, risk register and Statement of Applicability."</p>
                    </div>
                }.into_any();
            }
            view! {
                <ul class="workspace-list" data-testid="workspace-list">
                    <For
                        each=move || state.workspaces.get()
                        key=|w| (w.id.clone(), w.name.clone(), w.updated.clone())
                        children=move |workspace| view! {
                            <WorkspaceRow workspace=workspace pending_delete=pending_delete/>
                        }
                    />
                </ul>
            }.into_any()
        }}
        {move || pending_delete.get().map(|workspace| {
            let id = workspace.id.clone();
            view! {
                <ConfirmDialog
                    title=format!("Delete “{}”?", workspace.name)
                    message="The workspace and everything in it will be removed from this browser. This cannot be undone; export it first if you may need it."
                    confirm_label="Delete workspace"
                    on_confirm=move || {
                        state.delete_workspace(id.clone());
                        pending_delete.set(None);
                    }
                    on_cancel=move || pending_delete.set(None)
                />
            }
        })}
    }
}

#[component]
fn CreateWorkspaceForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::default());
    let busy = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match clean_name(&name.get_untracked()) {
            Err(error) => errors.set(FieldErrors::one("name", error.to_string())),
            Ok(clean) => {
                errors.set(FieldErrors::default());
                busy.set(true);
                state.create_workspace(clean, move |created| {
                    busy.set(false);
                    if let Some(id) = created {
                        name.set(String::new());
                        // A new workspace is opened: its getting-started
                        // list is where the work begins.
                        let _ = window().location().set_hash(&Route::Workspace(id).href());
                    }
                });
            }
        }
    };
    view! {
        <form class="inline-form" on:submit=submit data-testid="create-workspace">
            <TextField id="new-workspace-name" label="New workspace" value=name
                placeholder="Organisation name" autocomplete="off" maxlength=120
                error=FieldErrors::of(errors, "name")/>
            <button type="submit" disabled=move || busy.get()>"Create"</button>
        </form>
    }
}

#[component]
fn WorkspaceRow(
    workspace: WorkspaceSummary,
    pending_delete: RwSignal<Option<WorkspaceSummary>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(workspace.name.clone());
    let errors = RwSignal::new(FieldErrors::default());
    let id = workspace.id.clone();
    let name = workspace.name.clone();
    let updated = workspace
        .updated
        .get(..16)
        .unwrap_or(&workspace.updated)
        .replace('T', " ");
    let is_current = {
        let id = id.clone();
        move || state.current_workspace.get().as_deref() == Some(id.as_str())
    };

    let save = {
        let id = id.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            match clean_name(&draft.get_untracked()) {
                Err(error) => errors.set(FieldErrors::one("name", error.to_string())),
                Ok(clean) => {
                    errors.set(FieldErrors::default());
                    state.rename_workspace(id.clone(), clean, move |renamed| {
                        if renamed {
                            editing.set(false);
                        }
                    });
                }
            }
        }
    };

    let view_mode = {
        let workspace = workspace.clone();
        let name = name.clone();
        move || {
            let workspace = workspace.clone();
            view! {
                <a class="workspace-name" href=Route::Workspace(workspace.id.clone()).href()>{name.clone()}</a>
                <span class="muted">"Changed " {updated.clone()} " UTC"</span>
                <span class="row-actions">
                    <button type="button" on:click=move |_| editing.set(true)
                        aria-label=format!("Rename {}", workspace.name)>"Rename"</button>
                    <button type="button" aria-label=format!("Duplicate {}", workspace.name)
                        on:click={
                            let id = workspace.id.clone();
                            move |_| state.duplicate_workspace(id.clone())
                        }>"Duplicate"</button>
                    <button type="button" class="danger-outline"
                        aria-label=format!("Delete {}", workspace.name)
                        on:click=move |_| pending_delete.set(Some(workspace.clone()))>"Delete"</button>
                </span>
            }
        }
    };

    let edit_mode = {
        let name = name.clone();
        let input_id = format!("rename-{id}");
        move || {
            let cancel_name = name.clone();
            view! {
                <form class="inline-form" on:submit=save.clone() on:keydown=move |event| {
                    if event.key() == "Escape" {
                        draft.set(cancel_name.clone());
                        editing.set(false);
                    }
                }>
                    <TextField id=input_id.clone() label="New name" label_hidden=true value=draft
                        maxlength=120 autofocus=true error=FieldErrors::of(errors, "name")/>
                    <button type="submit">"Save"</button>
                    <button type="button" on:click={
                        let name = name.clone();
                        move |_| { draft.set(name.clone()); editing.set(false); }
                    }>"Cancel"</button>
                </form>
            }
        }
    };

    view! {
        <li class="workspace-row" class:current=is_current data-testid="workspace-row" data-id=id.clone()>
            {move || if editing.get() { edit_mode.clone()().into_any() } else { view_mode.clone()().into_any() }}
        </li>
    }
}

/// The demo organisation in one click, and import of an exported file.
#[component]
fn DemoAndImport() -> impl IntoView {
    let state = expect_context::<AppState>();
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let load_demo = move |_| {
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let demo = match crate::io::demo::fetch_demo().await {
                Ok(demo) => demo,
                Err(message) => {
                    problem.set(Some(message));
                    busy.set(false);
                    return;
                }
            };
            state.add_workspace(demo, move |summary| {
                busy.set(false);
                if let Some(summary) = summary {
                    let _ = window()
                        .location()
                        .set_hash(&Route::Workspace(summary.id).href());
                }
            });
        });
    };
    view! {
        <div class="start-options">
            <section class="card" aria-labelledby="demo-heading">
                <h2 id="demo-heading">"Try the demo organisation"</h2>
                <p class="muted">
                    "Larkmoor Health Technologies is fictional: 41 assets, 60 risks, a complete Statement of Applicability, "
                    "treatment actions with costs, and what-if scenarios. It is loaded as a new workspace."
                </p>
                <button type="button" data-testid="load-demo" disabled=move || busy.get() on:click=load_demo>
                    "Load the demo organisation"
                </button>
                <p class="field-error" role="alert">{move || problem.get()}</p>
            </section>
            <section class="card" aria-labelledby="import-new-heading">
                <h2 id="import-new-heading">"Import a workspace"</h2>
                <JsonImport allow_replace=false/>
            </section>
        </div>
    }
}
