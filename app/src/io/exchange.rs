//! Documents for other tools, made from the open workspace: OSCAL today,
//! written by the app's second module (`io::tools`), so the OSCAL code is
//! not part of the first load.

use engine::{OscalKind, Workspace};

/// Makes the OSCAL document of `kind` for `workspace` and offers it as a
/// download; the message says why when there is nothing to put in it.
pub async fn download_oscal(
    workspace: &Workspace,
    kind: OscalKind,
    now: String,
) -> Result<String, String> {
    let document = super::tools::oscal_document(workspace, kind, now).await?;
    let name = super::file_name(&workspace.name, &format!("-oscal-{}.json", kind.name()));
    super::download(&name, "application/json", &document)
        .map_err(|error| format!("The download failed: {error}."))?;
    Ok(name)
}
