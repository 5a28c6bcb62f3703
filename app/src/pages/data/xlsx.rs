//! The Data page's Excel workbooks: the download of every register as one
//! workbook, and a picked file read as a CSV file or as a workbook for the
//! import preview. The workbook is written and read by the app's second
//! module (`io::tools`), so the first load holds no spreadsheet code.

use crate::io;
use crate::state::{now_iso, AppState};
use engine::{CsvKind, CsvPreview, CsvProblem, Workspace};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// "Download Excel workbook": the open workspace, a sheet per register.
#[component]
pub(super) fn XlsxDownload() -> impl IntoView {
    let state = expect_context::<AppState>();
    let busy = RwSignal::new(false);
    let download = move |_| {
        let Some(workspace) = state
            .open
            .with_untracked(|o| o.as_ref().map(|o| o.workspace.clone()))
        else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            let today = now_iso().get(..10).unwrap_or_default().to_owned();
            let result = io::tools::xlsx_export(&workspace, &today)
                .await
                .and_then(|bytes| {
                    io::download_bytes(
                        &io::file_name(&workspace.name, ".xlsx"),
                        io::XLSX_MIME,
                        &bytes,
                    )
                });
            busy.set(false);
            if let Err(error) = result {
                state
                    .error
                    .set(Some(format!("The Excel export failed: {error}")));
            }
        });
    };
    view! {
        <button type="button" data-testid="export-xlsx" on:click=download
            disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
            {move || if busy.get() { "Preparing the workbook…" } else { "Download Excel workbook" }}
        </button>
    }
}

/// Whether a picked file is read as a workbook: its name says so, or it
/// starts like a zip archive or an old Excel file (whose message then says
/// what to do), rather than like text.
fn is_workbook(name: &str, bytes: &[u8]) -> bool {
    let name = name.to_lowercase();
    name.ends_with(".xlsx")
        || name.ends_with(".xlsm")
        || name.ends_with(".xls")
        || bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0])
}

/// What importing the picked `file` as the register `kind` would change:
/// a workbook's sheet of that register, or a CSV file.
pub(super) async fn preview_file(
    workspace: &Workspace,
    kind: CsvKind,
    file: web_sys::File,
) -> Result<CsvPreview, Vec<CsvProblem>> {
    let name = file.name();
    let whole_file = |message: String| {
        vec![CsvProblem {
            row: 0,
            column: String::new(),
            message,
        }]
    };
    let bytes = io::read_bytes(file).await.map_err(whole_file)?;
    if is_workbook(&name, &bytes) {
        return io::tools::xlsx_preview(workspace, kind, &bytes).await;
    }
    let text = io::utf8_text(bytes).map_err(|problem| whole_file(format!("“{name}” {problem}")))?;
    io::tools::csv_preview(workspace, kind, text).await
}
