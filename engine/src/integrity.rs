//! Referential integrity of a workspace: duplicate ids, references to
//! objects that do not exist and ratings beyond the methodology's scales.
//! Import refuses a workspace with any of these; the consistency checks report
//! them as errors for workspaces edited in place.

use crate::fast_hash::FastMap;
use crate::model::Workspace;
use serde::Serialize;

/// The kind of object a finding or problem points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectKind {
    Workspace,
    Methodology,
    Person,
    Asset,
    Threat,
    Vulnerability,
    Risk,
    Control,
    SoaEntry,
    Action,
    Scenario,
}

/// Which object something is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ObjectRef {
    pub kind: ObjectKind,
    pub id: String,
}

impl ObjectRef {
    pub fn new(kind: ObjectKind, id: impl Into<String>) -> Self {
        ObjectRef {
            kind,
            id: id.into(),
        }
    }
}

/// One integrity problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IntegrityProblem {
    /// JSON path inside the workspace object, e.g. `risks[3].controls[0]`.
    pub path: String,
    pub object: ObjectRef,
    pub message: String,
}

/// Every integrity problem of `workspace`, in document order.
pub(crate) fn problems(workspace: &Workspace) -> Vec<IntegrityProblem> {
    let mut out = Vec::new();
    let ws = workspace;
    let mut push = |path: String, object: ObjectRef, message: String| {
        out.push(IntegrityProblem {
            path,
            object,
            message,
        })
    };

    fn ids<'a>(
        list: impl Iterator<Item = &'a str>,
        register: &str,
        kind: ObjectKind,
        push: &mut impl FnMut(String, ObjectRef, String),
    ) -> FastMap<&'a str, usize> {
        let mut seen: FastMap<&str, usize> =
            FastMap::with_capacity_and_hasher(list.size_hint().0, Default::default());
        for (index, id) in list.enumerate() {
            if let Some(first) = seen.get(id) {
                push(
                    format!("{register}[{index}].id"),
                    ObjectRef::new(kind, id),
                    format!(
                        "id {id:?} is already used by {register}[{first}]; every {} needs its own id",
                        register.trim_end_matches('s')
                    ),
                );
            } else {
                seen.insert(id, index);
            }
        }
        seen
    }
    let people = ids(
        ws.people.iter().map(|p| p.id.as_str()),
        "people",
        ObjectKind::Person,
        &mut push,
    );
    let assets = ids(
        ws.assets.iter().map(|a| a.id.as_str()),
        "assets",
        ObjectKind::Asset,
        &mut push,
    );
    let threats = ids(
        ws.threats.iter().map(|t| t.id.as_str()),
        "threats",
        ObjectKind::Threat,
        &mut push,
    );
    let vulnerabilities = ids(
        ws.vulnerabilities.iter().map(|v| v.id.as_str()),
        "vulnerabilities",
        ObjectKind::Vulnerability,
        &mut push,
    );
    let risks = ids(
        ws.risks.iter().map(|r| r.id.as_str()),
        "risks",
        ObjectKind::Risk,
        &mut push,
    );
    let controls = ids(
        ws.controls.iter().map(|c| c.id.as_str()),
        "controls",
        ObjectKind::Control,
        &mut push,
    );
    ids(
        ws.actions.iter().map(|a| a.id.as_str()),
        "actions",
        ObjectKind::Action,
        &mut push,
    );
    ids(
        ws.scenarios.iter().map(|s| s.id.as_str()),
        "scenarios",
        ObjectKind::Scenario,
        &mut push,
    );

    let m = &ws.methodology;
    let top_likelihood = m.likelihood_scale().len();
    let top_impact = m.impact_scale().len();
    let missing = |what: &str, id: &str| format!("refers to {what} {id:?}, which does not exist");
    let person = |push: &mut dyn FnMut(String, ObjectRef, String),
                  path: &dyn Fn() -> String,
                  object: &dyn Fn() -> ObjectRef,
                  id: Option<&crate::PersonId>| {
        // Paths and object references are built only when there is a problem.
        if let Some(id) = id {
            if !people.contains_key(id.as_str()) {
                push(path(), object(), missing("person", id.as_str()));
            }
        }
    };
    let impact_range =
        |value: u8| format!("impact {value} is beyond the impact scale (1 to {top_impact})");

    for (i, asset) in ws.assets.iter().enumerate() {
        let object = || ObjectRef::new(ObjectKind::Asset, asset.id.as_str());
        person(
            &mut push,
            &|| format!("assets[{i}].owner"),
            &object,
            asset.owner.as_ref(),
        );
        for (name, value) in [
            ("confidentiality", asset.valuation.confidentiality),
            ("integrity", asset.valuation.integrity),
            ("availability", asset.valuation.availability),
        ] {
            if usize::from(value.get()) > top_impact {
                push(
                    format!("assets[{i}].valuation.{name}"),
                    object(),
                    impact_range(value.get()),
                );
            }
        }
    }
    let seen_controls = &controls;
    for (i, risk) in ws.risks.iter().enumerate() {
        let object = || ObjectRef::new(ObjectKind::Risk, risk.id.as_str());
        for (j, asset) in risk.assets.iter().enumerate() {
            if !assets.contains_key(asset.as_str()) {
                push(
                    format!("risks[{i}].assets[{j}]"),
                    object(),
                    missing("asset", asset.as_str()),
                );
            }
        }
        if let Some(threat) = &risk.threat {
            if !threats.contains_key(threat.as_str()) {
                push(
                    format!("risks[{i}].threat"),
                    object(),
                    missing("threat", threat.as_str()),
                );
            }
        }
        if let Some(v) = &risk.vulnerability {
            if !vulnerabilities.contains_key(v.as_str()) {
                push(
                    format!("risks[{i}].vulnerability"),
                    object(),
                    missing("vulnerability", v.as_str()),
                );
            }
        }
        person(
            &mut push,
            &|| format!("risks[{i}].owner"),
            &object,
            risk.owner.as_ref(),
        );
        if usize::from(risk.likelihood.get()) > top_likelihood {
            push(
                format!("risks[{i}].likelihood"),
                object(),
                format!(
                    "likelihood {} is beyond the likelihood scale (1 to {top_likelihood})",
                    risk.likelihood
                ),
            );
        }
        if let Some(impact) = risk.impact {
            if usize::from(impact.get()) > top_impact {
                push(
                    format!("risks[{i}].impact"),
                    object(),
                    impact_range(impact.get()),
                );
            }
        }
        for (j, control) in risk.controls.iter().enumerate() {
            if !seen_controls.contains_key(control.as_str()) {
                push(
                    format!("risks[{i}].controls[{j}]"),
                    object(),
                    missing("control", control.as_str()),
                );
            }
        }
        if let Some(o) = &risk.residual_override {
            if usize::from(o.likelihood.get()) > top_likelihood {
                push(
                    format!("risks[{i}].residual_override.likelihood"),
                    object(),
                    format!(
                        "likelihood {} is beyond the likelihood scale (1 to {top_likelihood})",
                        o.likelihood
                    ),
                );
            }
            if usize::from(o.impact.get()) > top_impact {
                push(
                    format!("risks[{i}].residual_override.impact"),
                    object(),
                    impact_range(o.impact.get()),
                );
            }
        }
        if let Some(a) = &risk.acceptance {
            person(
                &mut push,
                &|| format!("risks[{i}].acceptance.accepted_by"),
                &object,
                Some(&a.accepted_by),
            );
        }
    }
    for (i, control) in ws.controls.iter().enumerate() {
        let object = || ObjectRef::new(ObjectKind::Control, control.id.as_str());
        person(
            &mut push,
            &|| format!("controls[{i}].owner"),
            &object,
            control.owner.as_ref(),
        );
    }
    let mut soa_seen: FastMap<&str, usize> = FastMap::default();
    for (i, entry) in ws.soa.iter().enumerate() {
        let object = || ObjectRef::new(ObjectKind::SoaEntry, entry.control.as_str());
        if !controls.contains_key(entry.control.as_str()) {
            push(
                format!("soa[{i}].control"),
                object(),
                missing("control", entry.control.as_str()),
            );
        }
        if let Some(first) = soa_seen.insert(entry.control.as_str(), i) {
            push(
                format!("soa[{i}].control"),
                object(),
                format!(
                    "control {:?} already has an SoA entry at soa[{first}]; keep one",
                    entry.control.as_str()
                ),
            );
        }
        person(
            &mut push,
            &|| format!("soa[{i}].owner"),
            &object,
            entry.owner.as_ref(),
        );
    }
    for (i, action) in ws.actions.iter().enumerate() {
        let object = || ObjectRef::new(ObjectKind::Action, action.id.as_str());
        for (j, risk) in action.risks.iter().enumerate() {
            if !risks.contains_key(risk.as_str()) {
                push(
                    format!("actions[{i}].risks[{j}]"),
                    object(),
                    missing("risk", risk.as_str()),
                );
            }
        }
        for (j, control) in action.controls.iter().enumerate() {
            if !controls.contains_key(control.as_str()) {
                push(
                    format!("actions[{i}].controls[{j}]"),
                    object(),
                    missing("control", control.as_str()),
                );
            }
        }
        person(
            &mut push,
            &|| format!("actions[{i}].owner"),
            &object,
            action.owner.as_ref(),
        );
    }
    for (i, scenario) in ws.scenarios.iter().enumerate() {
        let object = || ObjectRef::new(ObjectKind::Scenario, scenario.id.as_str());
        for (j, change) in scenario.changes.iter().enumerate() {
            use crate::model::Change;
            let path = format!("scenarios[{i}].changes[{j}]");
            let (risk, control) = match change {
                Change::ControlStatus { control, .. }
                | Change::ControlEffectiveness { control, .. }
                | Change::Applicability { control, .. } => (None, Some(control)),
                Change::LinkControl { risk, control } | Change::UnlinkControl { risk, control } => {
                    (Some(risk), Some(control))
                }
                Change::Treatment { risk, .. } => (Some(risk), None),
                Change::AddAction { action } => {
                    for (k, control) in action.controls.iter().enumerate() {
                        if !controls.contains_key(control.as_str()) {
                            push(
                                format!("{path}.action.controls[{k}]"),
                                object(),
                                missing("control", control.as_str()),
                            );
                        }
                    }
                    (None, None)
                }
            };
            if let Some(risk) = risk {
                if !risks.contains_key(risk.as_str()) {
                    push(
                        format!("{path}.risk"),
                        object(),
                        missing("risk", risk.as_str()),
                    );
                }
            }
            if let Some(control) = control {
                if !controls.contains_key(control.as_str()) {
                    push(
                        format!("{path}.control"),
                        object(),
                        missing("control", control.as_str()),
                    );
                }
            }
        }
    }
    out
}
