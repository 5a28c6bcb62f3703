//! Hash-based routes (`#/matrix`). The URL's path is never touched, so the
//! app works from any static host and any sub-path without server rewrites.

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The list of workspaces (home).
    Workspaces,
    /// One open workspace.
    Workspace(String),
    /// The dashboard of a workspace: heat maps, distributions, progress.
    Dashboard(String),
    /// What-if scenarios of a workspace, compared side by side.
    Scenarios(String),
    /// The Monte Carlo simulation of a workspace's quantified risks.
    Quant(String),
    /// The data page of a workspace: export, import, CSV, snapshots.
    Data(String),
    /// The asset register of a workspace.
    Assets(String),
    /// The asset register with one asset's form open: workspace id, asset id.
    Asset(String, String),
    /// The risk register of a workspace.
    Risks(String),
    /// The editor of one risk: workspace id, risk id.
    Risk(String, String),
    /// The editor for a risk not yet saved.
    NewRisk(String),
    /// The Statement of Applicability of a workspace, optionally scrolled to
    /// one control.
    Soa(String, Option<String>),
    /// The risk treatment plan of a workspace.
    Plan(String),
    People(String),
    /// The plan with one action's editor open: workspace id, action id.
    Action(String, String),
    /// The methodology editor of a workspace.
    Methodology(String),
    /// The consistency findings of a workspace.
    Findings(String),
    /// The clause 4 to 10 gap analysis with the certification readiness.
    Clauses(String),
    /// The internal audits of a workspace with their findings.
    Audits(String),
    /// The nonconformities of a workspace with their corrective actions.
    Nonconformities(String),
    /// The incident register of a workspace.
    Incidents(String),
    /// The management reviews of a workspace.
    Reviews(String),
    /// The security objectives of a workspace with their measurements.
    Objectives(String),
    /// The document register of a workspace.
    Documents(String),
    /// The list of printable reports of a workspace.
    Reports(String),
    /// One printable report of a workspace.
    Report(String, ReportKind),
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
            ("workspace", Some(rest)) => match rest.split_once('/') {
                None if !rest.is_empty() => Route::Workspace(decode(rest)),
                Some((id, "data")) if !id.is_empty() => Route::Data(decode(id)),
                Some((id, "dashboard")) if !id.is_empty() => Route::Dashboard(decode(id)),
                Some((id, "scenarios")) if !id.is_empty() => Route::Scenarios(decode(id)),
                Some((id, "quant")) if !id.is_empty() => Route::Quant(decode(id)),
                Some((id, "soa")) if !id.is_empty() => Route::Soa(decode(id), None),
                Some((id, "plan")) if !id.is_empty() => Route::Plan(decode(id)),
                Some((id, "people")) if !id.is_empty() => Route::People(decode(id)),
                Some((id, "methodology")) if !id.is_empty() => Route::Methodology(decode(id)),
                Some((id, "findings")) if !id.is_empty() => Route::Findings(decode(id)),
                Some((id, "clauses")) if !id.is_empty() => Route::Clauses(decode(id)),
                Some((id, "audits")) if !id.is_empty() => Route::Audits(decode(id)),
                Some((id, "nonconformities")) if !id.is_empty() => {
                    Route::Nonconformities(decode(id))
                }
                Some((id, "incidents")) if !id.is_empty() => Route::Incidents(decode(id)),
                Some((id, "reviews")) if !id.is_empty() => Route::Reviews(decode(id)),
                Some((id, "objectives")) if !id.is_empty() => Route::Objectives(decode(id)),
                Some((id, "documents")) if !id.is_empty() => Route::Documents(decode(id)),
                Some((id, "reports")) if !id.is_empty() => Route::Reports(decode(id)),
                Some((id, tail)) if !id.is_empty() && tail.starts_with("reports/") => {
                    match ReportKind::from_key(&tail["reports/".len()..]) {
                        Some(kind) => Route::Report(decode(id), kind),
                        None => Route::NotFound(path.to_owned()),
                    }
                }
                Some((id, tail)) if !id.is_empty() && tail.starts_with("soa/") => {
                    Route::Soa(decode(id), Some(decode(&tail["soa/".len()..])))
                }
                Some((id, "assets")) if !id.is_empty() => Route::Assets(decode(id)),
                Some((id, tail))
                    if !id.is_empty() && tail.len() > 7 && tail.starts_with("assets/") =>
                {
                    Route::Asset(decode(id), decode(&tail["assets/".len()..]))
                }
                Some((id, tail))
                    if !id.is_empty() && tail.len() > 5 && tail.starts_with("plan/") =>
                {
                    Route::Action(decode(id), decode(&tail["plan/".len()..]))
                }
                Some((id, "risks")) if !id.is_empty() => Route::Risks(decode(id)),
                Some((id, "risks/new")) if !id.is_empty() => Route::NewRisk(decode(id)),
                Some((id, tail))
                    if !id.is_empty() && tail.len() > 5 && tail.starts_with("risk/") =>
                {
                    Route::Risk(decode(id), decode(&tail[5..]))
                }
                _ => Route::NotFound(path.to_owned()),
            },
            ("matrix", None) => Route::Matrix,
            _ => Route::NotFound(path.to_owned()),
        }
    }

    /// The workspace this page belongs to, if any.
    pub fn workspace(&self) -> Option<&str> {
        match self {
            Route::Workspace(id)
            | Route::Data(id)
            | Route::Dashboard(id)
            | Route::Scenarios(id)
            | Route::Quant(id)
            | Route::Assets(id)
            | Route::Asset(id, _)
            | Route::Action(id, _)
            | Route::Risks(id)
            | Route::Risk(id, _)
            | Route::NewRisk(id)
            | Route::Soa(id, _)
            | Route::Plan(id)
            | Route::People(id)
            | Route::Methodology(id)
            | Route::Findings(id)
            | Route::Clauses(id)
            | Route::Audits(id)
            | Route::Nonconformities(id)
            | Route::Incidents(id)
            | Route::Reviews(id)
            | Route::Objectives(id)
            | Route::Documents(id)
            | Route::Reports(id)
            | Route::Report(id, _) => Some(id),
            _ => None,
        }
    }

    /// The `href` that leads to this route.
    pub fn href(&self) -> String {
        match self {
            Route::Workspaces => "#/workspaces".to_owned(),
            Route::Workspace(id) => format!("#/workspace/{}", encode(id)),
            Route::Data(id) => format!("#/workspace/{}/data", encode(id)),
            Route::Dashboard(id) => format!("#/workspace/{}/dashboard", encode(id)),
            Route::Scenarios(id) => format!("#/workspace/{}/scenarios", encode(id)),
            Route::Quant(id) => format!("#/workspace/{}/quant", encode(id)),
            Route::Assets(id) => format!("#/workspace/{}/assets", encode(id)),
            Route::Asset(id, asset) => {
                format!("#/workspace/{}/assets/{}", encode(id), encode(asset))
            }
            Route::Risks(id) => format!("#/workspace/{}/risks", encode(id)),
            Route::Risk(id, risk) => format!("#/workspace/{}/risk/{}", encode(id), encode(risk)),
            Route::NewRisk(id) => format!("#/workspace/{}/risks/new", encode(id)),
            Route::Soa(id, None) => format!("#/workspace/{}/soa", encode(id)),
            Route::Soa(id, Some(control)) => {
                format!("#/workspace/{}/soa/{}", encode(id), encode(control))
            }
            Route::Plan(id) => format!("#/workspace/{}/plan", encode(id)),
            Route::People(id) => format!("#/workspace/{}/people", encode(id)),
            Route::Action(id, action) => {
                format!("#/workspace/{}/plan/{}", encode(id), encode(action))
            }
            Route::Methodology(id) => format!("#/workspace/{}/methodology", encode(id)),
            Route::Findings(id) => format!("#/workspace/{}/findings", encode(id)),
            Route::Clauses(id) => format!("#/workspace/{}/clauses", encode(id)),
            Route::Audits(id) => format!("#/workspace/{}/audits", encode(id)),
            Route::Nonconformities(id) => format!("#/workspace/{}/nonconformities", encode(id)),
            Route::Incidents(id) => format!("#/workspace/{}/incidents", encode(id)),
            Route::Reviews(id) => format!("#/workspace/{}/reviews", encode(id)),
            Route::Objectives(id) => format!("#/workspace/{}/objectives", encode(id)),
            Route::Documents(id) => format!("#/workspace/{}/documents", encode(id)),
            Route::Reports(id) => format!("#/workspace/{}/reports", encode(id)),
            Route::Report(id, kind) => {
                format!("#/workspace/{}/reports/{}", encode(id), kind.key())
            }
            Route::Matrix => "#/matrix".to_owned(),
            Route::NotFound(path) => format!("#/{path}"),
        }
    }
}

/// The printable reports (PRODUCT.md section 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    /// The Statement of Applicability, every control by theme.
    Soa,
    /// The risk register with inherent and residual levels.
    Risks,
    /// The risk treatment plan with costs.
    Plan,
    /// The one-page management summary.
    Summary,
    /// Clause readiness: the gap analysis of clauses 4 to 10.
    Clauses,
    /// The internal-audit report: programme and findings by class.
    Audits,
    /// The nonconformity register with corrective action.
    Nonconformities,
    /// The management-review pack (clause 9.3.2): the inputs of a review.
    ReviewPack,
}

impl ReportKind {
    pub const ALL: [ReportKind; 8] = [
        ReportKind::Soa,
        ReportKind::Risks,
        ReportKind::Plan,
        ReportKind::Summary,
        ReportKind::Clauses,
        ReportKind::Audits,
        ReportKind::Nonconformities,
        ReportKind::ReviewPack,
    ];

    /// The last part of the report's address.
    pub fn key(self) -> &'static str {
        match self {
            ReportKind::Soa => "soa",
            ReportKind::Risks => "risks",
            ReportKind::Plan => "plan",
            ReportKind::Summary => "summary",
            ReportKind::Clauses => "clauses",
            ReportKind::Audits => "audits",
            ReportKind::Nonconformities => "nonconformities",
            ReportKind::ReviewPack => "review-pack",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.key() == key)
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

/// Where a finding about `kind` `object` is fixed.
pub fn object_href(workspace: &str, kind: engine::ObjectKind, object: &str) -> Option<String> {
    let workspace = workspace.to_owned();
    match kind {
        engine::ObjectKind::Risk => Some(Route::Risk(workspace, object.to_owned()).href()),
        engine::ObjectKind::Control | engine::ObjectKind::SoaEntry => {
            Some(Route::Soa(workspace, Some(object.to_owned())).href())
        }
        engine::ObjectKind::Action => Some(Route::Action(workspace, object.to_owned()).href()),
        engine::ObjectKind::Methodology => Some(Route::Methodology(workspace).href()),
        engine::ObjectKind::Workspace => Some(Route::Workspace(workspace).href()),
        engine::ObjectKind::Asset => Some(Route::Asset(workspace, object.to_owned()).href()),
        _ => None,
    }
}
