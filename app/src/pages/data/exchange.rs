//! The Data page's exports for other hands: the passphrase-encrypted JSON
//! export and the OSCAL documents.

use super::APP_VERSION;
use crate::components::TextField;
use crate::io;
use crate::state::{now_iso, AppState};
use engine::{OscalKind, PassphraseProblem, MIN_PASSPHRASE_CHARS};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// "Export encrypted…": a passphrase typed twice, then the JSON export
/// encrypted in the browser (`io::crypto`) and downloaded.
#[component]
pub fn EncryptedExport() -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = RwSignal::new(false);
    let passphrase = RwSignal::new(String::new());
    let confirmation = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<PassphraseProblem>);
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let close = move || {
        passphrase.set(String::new());
        confirmation.set(String::new());
        problem.set(None);
        failure.set(None);
        open.set(false);
    };

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let secret = passphrase.get_untracked();
        problem.set(engine::passphrase_problem(
            &secret,
            &confirmation.get_untracked(),
        ));
        failure.set(None);
        if problem.get_untracked().is_some() {
            return;
        }
        let Some((name, text)) = state.open.with_untracked(|o| {
            o.as_ref().map(|o| {
                let text =
                    engine::export_json_with(&o.workspace, Some(&now_iso()), Some(APP_VERSION));
                (o.workspace.name.clone(), text)
            })
        }) else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            let result = io::crypto::encrypt(&secret, text.as_bytes())
                .await
                .and_then(|sealed| {
                    io::download(
                        &io::file_name(&name, ".isms.enc.json"),
                        "application/json",
                        &sealed,
                    )
                });
            busy.set(false);
            match result {
                Ok(()) => {
                    close();
                    state.notice.set(Some(
                        "Downloaded the encrypted export. Keep the passphrase safe: without it \
                         nobody, not even this app, can open the file."
                            .into(),
                    ));
                }
                Err(error) => failure.set(Some(format!("The encrypted export failed: {error}."))),
            }
        });
    };

    view! {
        <div class="button-row">
            <button type="button" data-testid="export-encrypted" aria-expanded=move || open.get().to_string()
                aria-controls="encrypted-export" on:click=move |_| if open.get_untracked() { close() } else { open.set(true) }>
                "Download encrypted…"
            </button>
        </div>
        <Show when=move || open.get()>
            <form id="encrypted-export" class="preview" aria-labelledby="encrypted-heading" on:submit=submit>
                <h3 id="encrypted-heading">"Encrypted export"</h3>
                <p class="muted">{format!(
                    "The same JSON file, encrypted in this browser (AES-256-GCM, key from the passphrase with PBKDF2). \
                     Use at least {MIN_PASSPHRASE_CHARS} characters. The passphrase cannot be recovered: without it the file cannot be opened."
                )}</p>
                <TextField id="encrypt-passphrase" label="Passphrase" value=passphrase kind="password"
                        autocomplete="new-password" testid="encrypt-passphrase" autofocus=true
                        error=Signal::derive(move || problem.get().filter(|p| matches!(p, PassphraseProblem::TooShort(_))).map(|p| p.to_string()))
                        error_testid="encrypt-passphrase-error"/>
                    <TextField id="encrypt-confirmation" label="Passphrase again" value=confirmation kind="password"
                        autocomplete="new-password" testid="encrypt-confirmation"
                        error=Signal::derive(move || problem.get().filter(|p| *p == PassphraseProblem::Different).map(|p| p.to_string()))
                        error_testid="encrypt-confirmation-error"/>
                {move || failure.get().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
                <div class="button-row">
                    <button type="submit" class="primary" data-testid="encrypt-download" disabled=move || busy.get()>
                        {move || if busy.get() { "Encrypting…" } else { "Encrypt and download" }}
                    </button>
                    <button type="button" on:click=move |_| close()>"Cancel"</button>
                </div>
            </form>
        </Show>
    }
}

/// "Download OSCAL": one button per OSCAL document (`io::exchange`).
#[component]
pub fn OscalDownloads() -> impl IntoView {
    let state = expect_context::<AppState>();
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let download = move |kind: OscalKind| {
        let Some(workspace) = state
            .open
            .with_untracked(|o| o.as_ref().map(|o| o.workspace.clone()))
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            let result = io::exchange::download_oscal(&workspace, kind, now_iso()).await;
            outcome.set(Some(result));
        });
    };
    view! {
        <div role="group" aria-labelledby="oscal-heading" class="oscal-group">
            <h3 id="oscal-heading">"Download OSCAL"</h3>
            <p class="muted">
                "NIST's OSCAL JSON (version " {engine::OSCAL_VERSION} ") for auditors and GRC tools: control ids and this workspace's own texts, never the standard's wording."
            </p>
            <div class="button-row">
                {OscalKind::ALL.into_iter().map(|kind| view! {
                    <button type="button" data-testid=format!("export-oscal-{}", kind.name()) on:click=move |_| download(kind)>
                        {kind.title()}
                    </button>
                }).collect_view()}
            </div>
            {move || outcome.get().map(|result| match result {
                Ok(name) => view! { <p class="muted" role="status" data-testid="oscal-status">{format!("Downloaded {name}.")}</p> }.into_any(),
                Err(message) => view! { <p class="field-error" role="alert" data-testid="oscal-status">{message}</p> }.into_any(),
            })}
        </div>
    }
}
