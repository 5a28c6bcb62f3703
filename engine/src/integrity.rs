//! Referential integrity of a workspace: duplicate ids, references to
//! objects that do not exist and ratings beyond the methodology's scales.
//! Import refuses a workspace with any of these; the consistency checks report
//! them as errors for workspaces edited in place.

use crate::fast_hash::FastMap;
use crate::model::key_table;
use crate::model::{PersonId, Risk, Workspace};
use serde::Serialize;
use std::collections::hash_map::Entry;

/// The kind of object a finding or problem points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectKind {
    /// The workspace itself (name, scope).
    Workspace,
    /// The risk methodology.
    Methodology,
    /// A person or role.
    Person,
    /// An asset.
    Asset,
    /// A threat of the catalogue.
    Threat,
    /// A vulnerability of the catalogue.
    Vulnerability,
    /// A risk.
    Risk,
    /// A control.
    Control,
    /// An SoA entry; the id is the control's.
    SoaEntry,
    /// A treatment action.
    Action,
    /// A what-if scenario.
    Scenario,
    /// A clause assessment; the id is the clause number.
    Clause,
    /// A document of the register.
    Document,
    /// A security objective.
    Objective,
    /// An internal audit.
    Audit,
    /// A finding of an internal audit.
    AuditFinding,
    /// A nonconformity.
    Nonconformity,
    /// An incident.
    Incident,
    /// A management review.
    ManagementReview,
}

key_table!(ObjectKind {
    Workspace => "workspace",
    Methodology => "methodology",
    Person => "person",
    Asset => "asset",
    Threat => "threat",
    Vulnerability => "vulnerability",
    Risk => "risk",
    Control => "control",
    SoaEntry => "soa_entry",
    Action => "action",
    Scenario => "scenario",
    Clause => "clause",
    Document => "document",
    Objective => "objective",
    Audit => "audit",
    AuditFinding => "audit_finding",
    Nonconformity => "nonconformity",
    Incident => "incident",
    ManagementReview => "management_review",
});

/// Which object something is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ObjectRef {
    /// The kind of object: risk, control, asset and so on.
    pub kind: ObjectKind,
    /// The object's id, such as `R-0042` or `A.5.15`.
    pub id: String,
}

impl ObjectRef {
    /// A reference to the object of `kind` with this id.
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
    let registers = Registers::new(workspace);
    let mut risk_problems = Vec::new();
    let (mut assets, mut controls) = (Vec::new(), Vec::new());
    for (i, risk) in workspace.risks.iter().enumerate() {
        registers.resolve_assets(risk, &mut assets);
        registers.resolve_controls(risk, &mut controls);
        registers.check_risk(i, risk, &assets, &controls, &mut risk_problems);
    }
    registers.finish(workspace, risk_problems)
}

pub(crate) fn missing(what: &str, id: &str) -> String {
    format!("refers to {what} {id:?}, which does not exist")
}

/// The id indexes of a workspace's registers (id -> position of its first
/// use) and the duplicate-id problems found while building them.
///
/// The analysis builds this once and checks each risk inside its scoring
/// loop ([`Registers::check_risk`]) with the asset and control positions it
/// resolves for scoring anyway, so the 10,000-risk register is walked, and
/// its references looked up, only once.
pub(crate) struct Registers<'a> {
    people: FastMap<&'a str, usize>,
    /// Asset positions. Unlike the other indexes, a duplicated asset id maps
    /// to its *last* asset: the scoring has always taken that one, and
    /// integrity only asks whether an id exists.
    pub assets: FastMap<&'a str, usize>,
    threats: FastMap<&'a str, usize>,
    vulnerabilities: FastMap<&'a str, usize>,
    risks: FastMap<&'a str, usize>,
    controls: FastMap<&'a str, usize>,
    actions: FastMap<&'a str, usize>,
    /// Duplicate-id problems, which come first in document order.
    duplicates: Vec<IntegrityProblem>,
    top_likelihood: usize,
    top_impact: usize,
}

/// Indexes the ids of one register; each id used twice is a problem naming
/// its first use.
pub(crate) fn ids<'a>(
    list: impl Iterator<Item = &'a str>,
    register: &str,
    kind: ObjectKind,
    out: &mut Vec<IntegrityProblem>,
) -> FastMap<&'a str, usize> {
    let mut seen: FastMap<&str, usize> =
        FastMap::with_capacity_and_hasher(list.size_hint().0, Default::default());
    for (index, id) in list.enumerate() {
        match seen.entry(id) {
            Entry::Occupied(first) => out.push(IntegrityProblem {
                path: format!("{register}[{index}].id"),
                object: ObjectRef::new(kind, id),
                message: format!(
                    "id {id:?} is already used by {register}[{}]; every {} needs its own id",
                    first.get(),
                    register.trim_end_matches('s')
                ),
            }),
            Entry::Vacant(slot) => {
                slot.insert(index);
            }
        }
    }
    seen
}

impl<'a> Registers<'a> {
    pub fn new(ws: &'a Workspace) -> Self {
        let mut duplicates = Vec::new();
        let out = &mut duplicates;
        let people = ids(
            ws.people.iter().map(|p| p.id.as_str()),
            "people",
            ObjectKind::Person,
            out,
        );
        let duplicates_before_assets = out.len();
        let mut assets = ids(
            ws.assets.iter().map(|a| a.id.as_str()),
            "assets",
            ObjectKind::Asset,
            out,
        );
        if out.len() > duplicates_before_assets {
            // Rare: point duplicated ids at their last asset (see `assets`).
            for (index, asset) in ws.assets.iter().enumerate() {
                assets.insert(asset.id.as_str(), index);
            }
        }
        let threats = ids(
            ws.threats.iter().map(|t| t.id.as_str()),
            "threats",
            ObjectKind::Threat,
            out,
        );
        let vulnerabilities = ids(
            ws.vulnerabilities.iter().map(|v| v.id.as_str()),
            "vulnerabilities",
            ObjectKind::Vulnerability,
            out,
        );
        let risks = ids(
            ws.risks.iter().map(|r| r.id.as_str()),
            "risks",
            ObjectKind::Risk,
            out,
        );
        let controls = ids(
            ws.controls.iter().map(|c| c.id.as_str()),
            "controls",
            ObjectKind::Control,
            out,
        );
        let actions = ids(
            ws.actions.iter().map(|a| a.id.as_str()),
            "actions",
            ObjectKind::Action,
            out,
        );
        ids(
            ws.scenarios.iter().map(|s| s.id.as_str()),
            "scenarios",
            ObjectKind::Scenario,
            out,
        );
        let m = &ws.methodology;
        Registers {
            people,
            assets,
            threats,
            vulnerabilities,
            risks,
            controls,
            actions,
            duplicates,
            top_likelihood: m.likelihood_scale().len(),
            top_impact: m.impact_scale().len(),
        }
    }

    /// Whether an object of `kind` (person, asset, risk, control, action)
    /// has id `id`; false for the kinds not indexed here.
    pub fn has(&self, kind: ObjectKind, id: &str) -> bool {
        match kind {
            ObjectKind::Person => self.people.contains_key(id),
            ObjectKind::Asset => self.assets.contains_key(id),
            ObjectKind::Risk => self.risks.contains_key(id),
            ObjectKind::Control => self.controls.contains_key(id),
            ObjectKind::Action => self.actions.contains_key(id),
            _ => false,
        }
    }

    /// Positions of `risk`'s assets, `None` for ids that do not exist, into
    /// `out` (a buffer reused across risks).
    pub fn resolve_assets(&self, risk: &Risk, out: &mut Vec<Option<usize>>) {
        out.clear();
        out.extend(
            risk.assets
                .iter()
                .map(|a| self.assets.get(a.as_str()).copied()),
        );
    }

    /// Positions of `risk`'s controls, like [`Registers::resolve_assets`].
    pub fn resolve_controls(&self, risk: &Risk, out: &mut Vec<Option<usize>>) {
        out.clear();
        out.extend(
            risk.controls
                .iter()
                .map(|c| self.controls.get(c.as_str()).copied()),
        );
    }

    fn impact_range(&self, value: u8) -> String {
        format!(
            "impact {value} is beyond the impact scale (1 to {})",
            self.top_impact
        )
    }

    fn likelihood_range(&self, value: u8) -> String {
        format!(
            "likelihood {value} is beyond the likelihood scale (1 to {})",
            self.top_likelihood
        )
    }

    /// Pushes a problem when person `id` is given and does not exist. Paths
    /// and object references are built only when there is a problem.
    fn person(
        &self,
        out: &mut Vec<IntegrityProblem>,
        path: impl FnOnce() -> String,
        object: impl FnOnce() -> ObjectRef,
        id: Option<&PersonId>,
    ) {
        if let Some(id) = id {
            if !self.people.contains_key(id.as_str()) {
                out.push(IntegrityProblem {
                    path: path(),
                    object: object(),
                    message: missing("person", id.as_str()),
                });
            }
        }
    }

    /// The problems of `risk`, register position `i`, whose asset and
    /// control references resolved to `assets` and `controls` (as
    /// [`Registers::resolve_assets`] and [`Registers::resolve_controls`]
    /// give them), pushed onto `out`.
    pub fn check_risk(
        &self,
        i: usize,
        risk: &Risk,
        assets: &[Option<usize>],
        controls: &[Option<usize>],
        out: &mut Vec<IntegrityProblem>,
    ) {
        let object = || ObjectRef::new(ObjectKind::Risk, risk.id.as_str());
        let mut push = |path: String, message: String| {
            out.push(IntegrityProblem {
                path,
                object: object(),
                message,
            })
        };
        for (j, (asset, found)) in risk.assets.iter().zip(assets).enumerate() {
            if found.is_none() {
                push(
                    format!("risks[{i}].assets[{j}]"),
                    missing("asset", asset.as_str()),
                );
            }
        }
        if let Some(threat) = &risk.threat {
            if !self.threats.contains_key(threat.as_str()) {
                push(
                    format!("risks[{i}].threat"),
                    missing("threat", threat.as_str()),
                );
            }
        }
        if let Some(v) = &risk.vulnerability {
            if !self.vulnerabilities.contains_key(v.as_str()) {
                push(
                    format!("risks[{i}].vulnerability"),
                    missing("vulnerability", v.as_str()),
                );
            }
        }
        self.person(
            out,
            || format!("risks[{i}].owner"),
            object,
            risk.owner.as_ref(),
        );
        let mut push = |path: String, message: String| {
            out.push(IntegrityProblem {
                path,
                object: object(),
                message,
            })
        };
        if usize::from(risk.likelihood.get()) > self.top_likelihood {
            push(
                format!("risks[{i}].likelihood"),
                self.likelihood_range(risk.likelihood.get()),
            );
        }
        if let Some(impact) = risk.impact {
            if usize::from(impact.get()) > self.top_impact {
                push(
                    format!("risks[{i}].impact"),
                    self.impact_range(impact.get()),
                );
            }
        }
        for (j, (control, found)) in risk.controls.iter().zip(controls).enumerate() {
            if found.is_none() {
                push(
                    format!("risks[{i}].controls[{j}]"),
                    missing("control", control.as_str()),
                );
            }
        }
        if let Some(o) = &risk.residual_override {
            if usize::from(o.likelihood.get()) > self.top_likelihood {
                push(
                    format!("risks[{i}].residual_override.likelihood"),
                    self.likelihood_range(o.likelihood.get()),
                );
            }
            if usize::from(o.impact.get()) > self.top_impact {
                push(
                    format!("risks[{i}].residual_override.impact"),
                    self.impact_range(o.impact.get()),
                );
            }
        }
        if let Some(a) = &risk.acceptance {
            self.person(
                out,
                || format!("risks[{i}].acceptance.accepted_by"),
                object,
                Some(&a.accepted_by),
            );
        }
    }

    /// All problems in document order: duplicate ids, assets, then
    /// `risk_problems` (from [`Registers::check_risk`] over the register in
    /// order), then the registers after the risks.
    pub fn finish(
        mut self,
        ws: &Workspace,
        risk_problems: Vec<IntegrityProblem>,
    ) -> Vec<IntegrityProblem> {
        let mut out = std::mem::take(&mut self.duplicates);
        let this = &self;
        for (i, asset) in ws.assets.iter().enumerate() {
            let object = || ObjectRef::new(ObjectKind::Asset, asset.id.as_str());
            this.person(
                &mut out,
                || format!("assets[{i}].owner"),
                object,
                asset.owner.as_ref(),
            );
            for (name, value) in [
                ("confidentiality", asset.valuation.confidentiality),
                ("integrity", asset.valuation.integrity),
                ("availability", asset.valuation.availability),
            ] {
                if usize::from(value.get()) > this.top_impact {
                    out.push(IntegrityProblem {
                        path: format!("assets[{i}].valuation.{name}"),
                        object: object(),
                        message: this.impact_range(value.get()),
                    });
                }
            }
        }
        out.extend(risk_problems);
        for (i, control) in ws.controls.iter().enumerate() {
            this.person(
                &mut out,
                || format!("controls[{i}].owner"),
                || ObjectRef::new(ObjectKind::Control, control.id.as_str()),
                control.owner.as_ref(),
            );
        }
        let controls = &this.controls;
        let push = |out: &mut Vec<IntegrityProblem>, path, object, message| {
            out.push(IntegrityProblem {
                path,
                object,
                message,
            })
        };
        let mut soa_seen: FastMap<&str, usize> = FastMap::default();
        for (i, entry) in ws.soa.iter().enumerate() {
            let object = || ObjectRef::new(ObjectKind::SoaEntry, entry.control.as_str());
            if !controls.contains_key(entry.control.as_str()) {
                push(
                    &mut out,
                    format!("soa[{i}].control"),
                    object(),
                    missing("control", entry.control.as_str()),
                );
            }
            if let Some(first) = soa_seen.insert(entry.control.as_str(), i) {
                push(
                    &mut out,
                    format!("soa[{i}].control"),
                    object(),
                    format!(
                        "control {:?} already has an SoA entry at soa[{first}]; keep one",
                        entry.control.as_str()
                    ),
                );
            }
            this.person(
                &mut out,
                || format!("soa[{i}].owner"),
                object,
                entry.owner.as_ref(),
            );
        }
        for (i, action) in ws.actions.iter().enumerate() {
            let object = || ObjectRef::new(ObjectKind::Action, action.id.as_str());
            for (j, risk) in action.risks.iter().enumerate() {
                if !this.risks.contains_key(risk.as_str()) {
                    push(
                        &mut out,
                        format!("actions[{i}].risks[{j}]"),
                        object(),
                        missing("risk", risk.as_str()),
                    );
                }
            }
            for (j, control) in action.controls.iter().enumerate() {
                if !controls.contains_key(control.as_str()) {
                    push(
                        &mut out,
                        format!("actions[{i}].controls[{j}]"),
                        object(),
                        missing("control", control.as_str()),
                    );
                }
            }
            this.person(
                &mut out,
                || format!("actions[{i}].owner"),
                object,
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
                    Change::LinkControl { risk, control }
                    | Change::UnlinkControl { risk, control } => (Some(risk), Some(control)),
                    Change::Treatment { risk, .. } => (Some(risk), None),
                    Change::AddAction { action } => {
                        for (k, control) in action.controls.iter().enumerate() {
                            if !controls.contains_key(control.as_str()) {
                                push(
                                    &mut out,
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
                    if !this.risks.contains_key(risk.as_str()) {
                        push(
                            &mut out,
                            format!("{path}.risk"),
                            object(),
                            missing("risk", risk.as_str()),
                        );
                    }
                }
                if let Some(control) = control {
                    if !controls.contains_key(control.as_str()) {
                        push(
                            &mut out,
                            format!("{path}.control"),
                            object(),
                            missing("control", control.as_str()),
                        );
                    }
                }
            }
        }
        crate::cycle::integrity::check(ws, this, &mut out);
        out
    }
}
