//! Hash-based routes (`#/matrix`). The URL's path is never touched, so the
//! app works from any static host and any sub-path without server rewrites.

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The list of workspaces (home).
    Workspaces,
    /// One open workspace.
    Workspace(String),
    /// The interactive risk matrix of a methodology preset.
    Matrix,
    /// Anything else: shown as "page not found" with a way home.
    NotFound(String),
}

impl Route {
    /// Parses `location.hash` (with or without the leading `#`).
    pub fn parse(hash: &str) -> Self {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let mut parts = path.splitn(2, '/');
        match (parts.next().unwrap_or(""), parts.next()) {
            ("" | "workspaces", None) => Route::Workspaces,
            ("workspace", Some(id)) if !id.is_empty() && !id.contains('/') => {
                Route::Workspace(decode(id))
            }
            ("matrix", None) => Route::Matrix,
            _ => Route::NotFound(path.to_owned()),
        }
    }

    /// The `href` that leads to this route.
    pub fn href(&self) -> String {
        match self {
            Route::Workspaces => "#/workspaces".to_owned(),
            Route::Workspace(id) => format!("#/workspace/{}", encode(id)),
            Route::Matrix => "#/matrix".to_owned(),
            Route::NotFound(path) => format!("#/{path}"),
        }
    }
}

fn encode(text: &str) -> String {
    js_sys::encode_uri_component(text).into()
}

fn decode(text: &str) -> String {
    js_sys::decode_uri_component(text)
        .map(String::from)
        .unwrap_or_else(|_| text.to_owned())
}
