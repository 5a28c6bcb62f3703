//! The data page of a workspace: JSON export (plain or encrypted with a
//! passphrase) and import, CSV export and import with a preview, the Excel
//! workbook (`xlsx`), OSCAL documents, snapshots and their differences.

mod exchange;
mod xlsx;

use crate::components::{id_choice, Binding, FormField, SelectField, TextField};
use crate::components::{ConfirmDialog, DiffView, JsonImport};
use crate::io;
use crate::routes::Route;
use crate::state::AppState;
use crate::state::{now_iso, SnapshotSummary, StorageError};
use engine::{csv_export, CsvKind, CsvPreview, CsvProblem, Workspace};
use exchange::{EncryptedExport, OscalDownloads};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Version written into exports, so a file says which app produced it.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The snapshots as (id, name) for a select.
fn snapshot_options(snapshots: &[SnapshotSummary]) -> Vec<(String, String)> {
    snapshots
        .iter()
        .map(|s| (s.id.clone(), s.name.clone()))
        .collect()
}

#[component]
pub fn DataPage(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let name = state
            .open_summary
            .with(|s| s.as_ref().filter(|s| s.id == id).map(|s| s.name.clone()));
        let Some(name) = name else {
            if state.loading.get() || !state.loaded.get() {
                return view! { <p class="muted" aria-busy="true">"Opening workspace…"</p> }
                    .into_any();
            }
            return view! {
                <h1>"Workspace not found"</h1>
                <p><a href=Route::Workspaces.href()>"Back to your workspaces"</a></p>
            }
            .into_any();
        };
        view! {
            <h1>"Data: " {name}</h1>
            <p class="lead">"Files are made and read inside this browser; nothing is uploaded."</p>
            <PersistenceNote/>
            <ExportSection/>
            <section class="card" aria-labelledby="import-heading">
                <h2 id="import-heading">"Import a JSON file"</h2>
                <p class="muted">"Plain or encrypted exports. The file is checked completely first; if anything is wrong, nothing changes."</p>
                <JsonImport allow_replace=true/>
            </section>
            <CsvSection/>
            <SnapshotsSection/>
        }
        .into_any()
    }
}

#[component]
fn ExportSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let export_json = move |_| {
        state.open.with_untracked(|open| {
            if let Some(open) = open {
                let text =
                    engine::export_json_with(&open.workspace, Some(&now_iso()), Some(APP_VERSION));
                if let Err(error) = io::download(
                    &io::file_name(&open.workspace.name, ".isms.json"),
                    "application/json",
                    &text,
                ) {
                    state.error.set(Some(format!("The export failed: {error}")));
                }
            }
        });
    };
    let export_csv = move |kind: CsvKind| {
        state.open.with_untracked(|open| {
            if let Some(open) = open {
                let text = csv_export(&open.workspace, kind);
                let suffix = format!("-{}.csv", kind.name());
                if let Err(error) = io::download(
                    &io::file_name(&open.workspace.name, &suffix),
                    "text/csv;charset=utf-8",
                    &text,
                ) {
                    state.error.set(Some(format!("The export failed: {error}")));
                }
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="export-heading">
            <h2 id="export-heading">"Export"</h2>
            <p class="muted">"The JSON file holds the whole workspace and can be imported again exactly. The Excel workbook holds every register, a sheet each; CSV files hold one register."</p>
            <div class="button-row">
                <button type="button" data-testid="export-json" on:click=export_json>"Download JSON"</button>
                <xlsx::XlsxDownload/>
                {CsvKind::ALL.into_iter().map(|kind| view! {
                    <button type="button" data-testid=format!("export-csv-{}", kind.name()) on:click=move |_| export_csv(kind)>
                        {format!("{} CSV", kind.title())}
                    </button>
                }).collect_view()}
            </div>
            <EncryptedExport/>
            <OscalDownloads/>
        </section>
    }
}

/// What the CSV import shows.
#[derive(Clone)]
enum CsvState {
    Idle,
    Problems(String, Vec<CsvProblem>),
    Preview(String, CsvPreview),
}

#[component]
fn CsvSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let kind = RwSignal::new(CsvKind::Risks);
    let status = RwSignal::new(CsvState::Idle);
    let input: NodeRef<leptos::html::Input> = NodeRef::new();

    let on_file = move |_| {
        let Some(file) = input.get().and_then(|i| i.files()).and_then(|f| f.get(0)) else {
            return;
        };
        let file_name = file.name();
        spawn_local(async move {
            let open = state
                .open
                .with_untracked(|o| o.as_ref().map(|o| o.workspace.clone()));
            if let Some(workspace) = open {
                match xlsx::preview_file(&workspace, kind.get_untracked(), file).await {
                    Ok(preview) => status.set(CsvState::Preview(file_name, preview)),
                    Err(problems) => status.set(CsvState::Problems(file_name, problems)),
                }
            }
            if let Some(input) = input.get_untracked() {
                input.set_value("");
            }
        });
    };

    let apply = move |preview: CsvPreview| {
        let count = preview.added.len() + preview.updated.len();
        status.set(CsvState::Idle);
        // Said only once IndexedDB has it: a refused save is reported by the
        // save loop, and the page goes back to what is stored.
        state.edit_then(
            move |workspace: &mut Workspace| workspace.apply_csv_preview(&preview),
            move |stored| {
                if stored {
                    state
                        .notice
                        .set(Some(format!("Applied {count} row(s) from the file.")));
                }
            },
        );
    };

    view! {
        <section class="card" aria-labelledby="csv-heading">
            <h2 id="csv-heading">"Import a CSV file or an Excel workbook"</h2>
            <p class="muted">
                "CSV: UTF-8 (with or without BOM), comma, semicolon or tab separated; several values in one cell separated by “;”; dates as YYYY-MM-DD. "
                "Excel (.xlsx): the sheet named after the register (“Risks”, “Assets”…, as the workbook download names them), or the only sheet; dates as dates or text. "
                "Headers are matched without regard to case. You see every change before anything is written."
            </p>
            <div class="inline-form">
                <SelectField id="csv-kind" label="Register" testid="csv-kind" bind=Binding {
                    options: CsvKind::ALL.into_iter().map(|k| (k.name().to_owned(), k.title().to_owned())).collect(),
                    selected: Signal::derive(move || kind.get().name().to_owned()),
                    on_change: Callback::new(move |chosen: String| {
                        if let Some(found) = CsvKind::ALL.into_iter().find(|k| k.name() == chosen) {
                            kind.set(found);
                            status.set(CsvState::Idle);
                        }
                    }),
                }/>
                <FormField id="csv-file" label="CSV or Excel file">
                    <input id="csv-file" data-testid="csv-file" type="file"
                        accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        aria-describedby="csv-file-error" node_ref=input on:change=on_file/>
                </FormField>
            </div>
            {move || match status.get() {
                CsvState::Idle => ().into_any(),
                CsvState::Problems(file, problems) => view! {
                    <div class="problems" role="alert" data-testid="csv-problems">
                        <p><strong>{format!("“{file}” was not imported: {} problem(s). Nothing was changed.", problems.len())}</strong></p>
                        <table>
                            <thead><tr><th scope="col">"Row"</th><th scope="col">"Column"</th><th scope="col">"Problem"</th></tr></thead>
                            <tbody>
                                {problems.into_iter().take(200).map(|p| view! {
                                    <tr><td>{if p.row == 0 { String::new() } else { p.row.to_string() }}</td><td>{p.column}</td><td>{p.message}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any(),
                CsvState::Preview(file, preview) => {
                    let summary = format!(
                        "“{file}”: {} to add, {} to update, {} unchanged.",
                        preview.added.len(), preview.updated.len(), preview.unchanged.len()
                    );
                    let nothing = preview.added.is_empty() && preview.updated.is_empty();
                    let ignored = (!preview.ignored_columns.is_empty()).then(|| format!("Columns not used: {}.", preview.ignored_columns.join(", ")));
                    let to_apply = preview.clone();
                    view! {
                        <div class="preview" data-testid="csv-preview">
                            <p><strong>{summary}</strong></p>
                            <p class="muted">{ignored}</p>
                            <table>
                                <thead><tr><th scope="col">"Row"</th><th scope="col">"Object"</th><th scope="col">"Field"</th><th scope="col">"Now"</th><th scope="col">"After import"</th></tr></thead>
                                <tbody>
                                    {preview.added.iter().take(200).map(|row| view! {
                                        <tr class="added"><td>{row.row}</td><td>{format!("{} {}", row.id, row.label)}</td><td colspan="3">"new"</td></tr>
                                    }).collect_view()}
                                    {preview.updated.iter().take(200).flat_map(|row| row.changes.iter().map(move |change| view! {
                                        <tr><td>{row.row}</td><td>{format!("{} {}", row.id, row.label)}</td><td>{change.column.clone()}</td><td>{change.old.clone()}</td><td>{change.new.clone()}</td></tr>
                                    })).collect_view()}
                                </tbody>
                            </table>
                            <div class="button-row">
                                <button type="button" class="primary" data-testid="csv-apply" disabled=nothing on:click=move |_| apply(to_apply.clone())>"Apply changes"</button>
                                <button type="button" on:click=move |_| status.set(CsvState::Idle)>"Cancel"</button>
                            </div>
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn SnapshotsSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let workspace_id = move || state.open_id.get();
    let snapshots = LocalResource::new(move || {
        state.snapshots_changed.track();
        let id = workspace_id();
        async move {
            let Some(id) = id else { return Ok(Vec::new()) };
            AppState::snapshots_of(id).await
        }
    });
    let name = RwSignal::new(String::new());
    let pending_restore = RwSignal::new(None::<SnapshotSummary>);
    let compare_from = RwSignal::new(String::new());
    let compare_to = RwSignal::new("now".to_owned());
    let difference = RwSignal::new(None::<(String, engine::WorkspaceDiff)>);

    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        state.save_snapshot(name.get_untracked(), move |saved| {
            if saved {
                name.set(String::new());
            }
        });
    };

    // Snapshots as their stored export text; "now" is the open workspace.
    let load = |id: String, current: String| async move {
        if id == "now" {
            return Ok(current);
        }
        AppState::snapshot_json(id).await
    };
    let compare = move |_| {
        let (from, to) = (compare_from.get_untracked(), compare_to.get_untracked());
        if from.is_empty() {
            return;
        }
        let titles = snapshots
            .get_untracked()
            .and_then(|r| r.ok())
            .unwrap_or_default();
        let title_of = move |id: &str| {
            if id == "now" {
                "now".to_owned()
            } else {
                titles
                    .iter()
                    .find(|s| s.id == id)
                    .map(|s| format!("“{}”", s.name))
                    .unwrap_or_default()
            }
        };
        let heading = format!("From {} to {}", title_of(&from), title_of(&to));
        spawn_local(async move {
            let Some(current) = state
                .open
                .with_untracked(|o| o.as_ref().map(|o| engine::export_json(&o.workspace)))
            else {
                return;
            };
            let result = async {
                Ok::<_, StorageError>((
                    load(from, current.clone()).await?,
                    load(to, current).await?,
                ))
            }
            .await;
            match result {
                Ok((before, after)) => match io::tools::diff(before, after).await {
                    Ok(found) => difference.set(Some((heading, found))),
                    Err(message) => state.notice.set(Some(message)),
                },
                Err(error) => state.report(error),
            }
        });
    };

    view! {
        <section class="card" aria-labelledby="snapshots-heading">
            <h2 id="snapshots-heading">"Snapshots"</h2>
            <p class="muted">"A snapshot keeps the whole workspace as it is now, for the audit trail or before a big change."</p>
            <form class="inline-form" on:submit=save>
                <TextField id="snapshot-name" label="Snapshot name" value=name maxlength=120
                    placeholder="e.g. Before the 2026 audit"/>
                <button type="submit" disabled=move || name.get().trim().is_empty()>"Save snapshot"</button>
            </form>
            <Suspense fallback=|| view! { <p class="muted">"Loading snapshots…"</p> }>
                {move || snapshots.get().map(|result| match result {
                    Err(error) => view! { <p class="field-error">{error.to_string()}</p> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="muted" data-testid="no-snapshots">"No snapshots yet."</p> }.into_any(),
                    Ok(list) => {
                        let options = list.clone();
                        view! {
                            <table class="snapshot-list" data-testid="snapshot-list">
                                <thead><tr><th scope="col">"Name"</th><th scope="col">"Taken (UTC)"</th><th scope="col">"Risks"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                                <tbody>
                                    {list.into_iter().map(|snapshot| {
                                        let restore = snapshot.clone();
                                        let remove = snapshot.id.clone();
                                        let compare_id = snapshot.id.clone();
                                        view! {
                                            <tr data-testid="snapshot-row">
                                                <td>{snapshot.name.clone()}</td>
                                                <td>{snapshot.created.get(..16).unwrap_or_default().replace('T', " ")}</td>
                                                <td>{snapshot.risks}</td>
                                                <td class="row-actions">
                                                    <button type="button" aria-label=format!("Compare with now: {}", snapshot.name)
                                                        on:click=move |event| { compare_from.set(compare_id.clone()); compare_to.set("now".into()); compare(event); }>"Compare with now"</button>
                                                    <button type="button" aria-label=format!("Restore {}", snapshot.name)
                                                        on:click=move |_| pending_restore.set(Some(restore.clone()))>"Restore…"</button>
                                                    <button type="button" class="danger-outline" aria-label=format!("Delete snapshot {}", snapshot.name)
                                                        on:click=move |_| {
                                                            state.delete_snapshot(remove.clone());
                                                        }>"Delete"</button>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <div class="inline-form compare-form">
                                <SelectField id="compare-from" label="Compare" testid="compare-from"
                                    bind=id_choice(compare_from, Some("choose a snapshot"), snapshot_options(&options))/>
                                <SelectField id="compare-to" label="with" testid="compare-to"
                                    bind=id_choice(compare_to, None, {
                                        let mut all = vec![("now".to_owned(), "the workspace now".to_owned())];
                                        all.extend(snapshot_options(&options));
                                        all
                                    })/>
                                <button type="button" data-testid="compare" on:click=compare>"Show differences"</button>
                            </div>
                        }.into_any()
                    }
                })}
            </Suspense>
            {move || difference.get().map(|(heading, difference)| view! { <DiffView heading=heading difference=difference/> })}
            {move || pending_restore.get().map(|snapshot| {
                let restore = snapshot.clone();
                view! {
                    <ConfirmDialog
                        title=format!("Restore “{}”?", snapshot.name)
                        message="The workspace will be replaced by this snapshot. A snapshot of the current state is saved first, so you can go back."
                        confirm_label="Restore snapshot"
                        on_confirm=move || {
                            pending_restore.set(None);
                            state.restore_snapshot(restore.clone());
                        }
                        on_cancel=move || pending_restore.set(None)
                    />
                }
            })}
        </section>
    }
}

/// Whether the browser may clear this site's data under storage pressure,
/// and what to do about it.
#[component]
fn PersistenceNote() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ask = move |_| state.ask_to_keep_data_now();
    move || {
        match state.persistent.get() {
        Some(true) => view! {
            <p class="persistence kept" data-testid="persistence">
                "Storage: this browser keeps the data of this site even when the disk runs low. "
                "Export a copy now and then all the same: clearing the browser's data removes it."
            </p>
        }
        .into_any(),
        Some(false) => view! {
            <div class="persistence at-risk" data-testid="persistence" role="note">
                <p>
                    <strong>"Storage: this browser may clear the data of this site when the disk runs low. "</strong>
                    "Export the workspace regularly (below) to keep a copy you control."
                </p>
                <button type="button" data-testid="ask-persistence" on:click=ask>"Ask the browser to keep it"</button>
            </div>
        }
        .into_any(),
        None => view! {
            <p class="persistence" data-testid="persistence">
                "Storage: this browser does not say whether it keeps the data of this site under storage "
                "pressure. Export the workspace regularly to keep a copy you control."
            </p>
        }
        .into_any(),
    }
    }
}
