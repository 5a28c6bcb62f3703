//! Documents for other tools, made from the open workspace: OSCAL today.
//! Kept apart from the pages so the engine call can later move into a
//! separately loaded module without touching them.

use engine::{OscalKind, Workspace};

/// Makes the OSCAL document of `kind` for `workspace` and offers it as a
/// download; the message says why when there is nothing to put in it.
pub fn download_oscal(workspace: &Workspace, kind: OscalKind, now: &str) -> Result<String, String> {
    let document = engine::oscal_document(workspace, kind, now)?;
    let name = super::file_name(&workspace.name, &format!("-oscal-{}.json", kind.name()));
    super::download(&name, "application/json", &document)
        .map_err(|error| format!("The download failed: {error}."))?;
    Ok(name)
}
