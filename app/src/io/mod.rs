//! Files in and out of the browser: downloads made from memory (nothing is
//! uploaded anywhere) and files the user picks or drops, read as text.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Largest file accepted for import: beyond this a browser tab risks running
/// out of memory, and no real ISMS export comes close.
pub const MAX_IMPORT_BYTES: f64 = 64.0 * 1024.0 * 1024.0;

/// Offers `text` as a download named `file_name`.
pub fn download(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
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

/// Reads a picked or dropped file as UTF-8 text, refusing huge files.
pub async fn read_text(file: web_sys::File) -> Result<String, String> {
    if file.size() > MAX_IMPORT_BYTES {
        return Err(format!(
            "“{}” is {:.0} MB; files over {:.0} MB are not imported.",
            file.name(),
            file.size() / 1_048_576.0,
            MAX_IMPORT_BYTES / 1_048_576.0
        ));
    }
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| format!("“{}” could not be read.", file.name()))?;
    text.as_string()
        .ok_or_else(|| format!("“{}” is not a text file.", file.name()))
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
    let date = crate::storage::now_iso().get(..10).unwrap_or("").to_owned();
    format!(
        "{}-{date}{suffix}",
        if stem.is_empty() { "workspace" } else { &stem }
    )
}
