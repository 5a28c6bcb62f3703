//! Files in and out of the browser: downloads made from memory (nothing is
//! uploaded anywhere) and files the user picks or drops, read as text; and
//! the app's own files, kept for offline use by its service worker.

pub mod crypto;
pub mod demo;
pub mod exchange;
pub mod service_worker;
pub mod tools;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Largest file accepted for import: beyond this a browser tab risks running
/// out of memory, and no real ISMS export comes close.
pub const MAX_IMPORT_BYTES: f64 = 64.0 * 1024.0 * 1024.0;

/// The media type of an Excel workbook (`.xlsx`).
pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Offers `text` as a download named `file_name`.
pub fn download(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    offer(file_name, mime, wasm_bindgen::JsValue::from_str(text))
}

/// Offers `bytes` (a workbook, say) as a download named `file_name`.
pub fn download_bytes(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    offer(file_name, mime, js_sys::Uint8Array::from(bytes).into())
}

/// Offers a file of one part (a string or a byte array) as a download.
fn offer(file_name: &str, mime: &str, part: wasm_bindgen::JsValue) -> Result<(), String> {
    let parts = js_sys::Array::of1(&part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    // The same `new Blob(parts, options)` for text and bytes.
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not prepare the file".to_owned())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser could not prepare the download".to_owned())?;
    let document = leptos::prelude::document();
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "no document".to_owned())?
        .unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Reads a picked or dropped file's bytes, refusing huge files.
pub async fn read_bytes(file: web_sys::File) -> Result<Vec<u8>, String> {
    if file.size() > MAX_IMPORT_BYTES {
        return Err(format!(
            "“{}” is {:.0} MB; files over {:.0} MB are not imported.",
            file.name(),
            file.size() / 1_048_576.0,
            MAX_IMPORT_BYTES / 1_048_576.0
        ));
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("“{}” could not be read.", file.name()))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Reads a picked or dropped file as UTF-8 text. Bytes that are not UTF-8
/// are refused with their place in the file, never replaced silently (the
/// browser's own `File.text()` would turn them into U+FFFD).
pub async fn read_text(file: web_sys::File) -> Result<String, String> {
    let name = file.name();
    let bytes = read_bytes(file).await?;
    utf8_text(bytes).map_err(|problem| format!("“{name}” {problem}"))
}

/// `bytes` as text, or where the first byte that is not UTF-8 sits.
pub fn utf8_text(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|error| {
        let bytes = error.as_bytes();
        let at = error.utf8_error().valid_up_to();
        let before = &bytes[..at];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        format!(
            "is not UTF-8 text: byte 0x{:02X} at byte {at} (line {line}, column {column}) is not \
             valid UTF-8. Save the file as UTF-8 and import it again.",
            bytes[at]
        )
    })
}

/// A file name made of a workspace name, a date and an extension.
pub fn file_name(workspace_name: &str, suffix: &str) -> String {
    let stem: String = workspace_name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let date = crate::state::now_iso().get(..10).unwrap_or("").to_owned();
    format!(
        "{}-{date}{suffix}",
        if stem.is_empty() { "workspace" } else { &stem }
    )
}
