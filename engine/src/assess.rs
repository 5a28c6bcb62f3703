//! The assessment of one risk and the shared tables it is computed from:
//! the controls under a scenario's overlay, each risk's linked controls and
//! their contributions. The analysis (`analysis`), the SoA coverage (`soa`),
//! the consistency checks (`checks`) and the scenario search (`scenario`)
//! all build on these types; this module depends on none of them, so the
//! engine has no import circle.

use crate::fast_hash::{FastMap, FastSet};
use crate::methodology::Methodology;
use crate::model::{
    Action, Applicability, Asset, Change, Control, ControlId, ImplementationStatus, Percent, Risk,
    RiskId, RiskStatus, SoaEntry, TreatmentDecision, Workspace,
};
use crate::residual::{
    self, axis_weights, implementation_factor, ControlContribution, Residual, ResidualBasis,
};
use crate::scoring::{inherent_impact, ImpactSource, Rating};
use crate::Date;
use serde::Serialize;

/// Settings of one analysis run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AnalysisOptions {
    /// Today's date, for expiry and overdue checks; without it those checks
    /// are skipped (the engine has no clock of its own).
    pub today: Option<Date>,
}

/// Everything computed about one risk.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskAssessment {
    /// The risk's id, such as `R-0042`.
    pub risk: RiskId,
    /// Closed risks are assessed but left out of totals and heat maps.
    pub closed: bool,
    /// The risk's treatment decision.
    pub decision: TreatmentDecision,
    /// Inherent rating, before any control.
    pub inherent: Rating,
    /// Where the inherent impact came from.
    pub impact_source: ImpactSource,
    /// One entry per linked control that exists.
    pub controls: Vec<ControlContribution>,
    /// Current residual: controls at today's implementation status.
    pub current: Residual,
    /// Planned residual: controls of open actions assumed implemented.
    pub planned: Residual,
    /// Whether the inherent level is above the risk appetite.
    pub inherent_above_appetite: bool,
    /// Whether the current residual level is above the risk appetite.
    pub current_above_appetite: bool,
    /// Whether the planned residual level is above the risk appetite.
    pub planned_above_appetite: bool,
}

/// The changes of a scenario, indexed for lookup while evaluating. Nothing of
/// the workspace is copied.
#[derive(Debug, Default)]
pub(crate) struct Overlay<'a> {
    pub status: FastMap<&'a str, ImplementationStatus>,
    pub effectiveness: FastMap<&'a str, Percent>,
    pub linked: FastMap<&'a str, Vec<&'a ControlId>>,
    pub unlinked: FastMap<&'a str, Vec<&'a ControlId>>,
    pub treatment: FastMap<&'a str, (TreatmentDecision, Percent)>,
    pub applicability: FastMap<&'a str, Applicability>,
    pub added_actions: Vec<&'a Action>,
}

impl<'a> Overlay<'a> {
    /// Indexes `changes`; later changes win over earlier ones.
    pub fn from_changes(changes: impl IntoIterator<Item = &'a Change>) -> Self {
        let mut overlay = Overlay::default();
        for change in changes {
            match change {
                Change::ControlStatus { control, status } => {
                    overlay.status.insert(control.as_str(), *status);
                }
                Change::ControlEffectiveness {
                    control,
                    effectiveness,
                } => {
                    overlay
                        .effectiveness
                        .insert(control.as_str(), *effectiveness);
                }
                Change::LinkControl { risk, control } => {
                    overlay
                        .linked
                        .entry(risk.as_str())
                        .or_default()
                        .push(control);
                    if let Some(list) = overlay.unlinked.get_mut(risk.as_str()) {
                        list.retain(|c| *c != control);
                    }
                }
                Change::UnlinkControl { risk, control } => {
                    overlay
                        .unlinked
                        .entry(risk.as_str())
                        .or_default()
                        .push(control);
                    if let Some(list) = overlay.linked.get_mut(risk.as_str()) {
                        list.retain(|c| *c != control);
                    }
                }
                Change::Treatment {
                    risk,
                    decision,
                    transferred_share,
                } => {
                    overlay
                        .treatment
                        .insert(risk.as_str(), (*decision, *transferred_share));
                }
                Change::Applicability {
                    control,
                    applicability,
                } => {
                    overlay
                        .applicability
                        .insert(control.as_str(), *applicability);
                }
                Change::AddAction { action } => overlay.added_actions.push(action),
            }
        }
        overlay
    }
}

/// A control as the evaluation sees it (after the overlay).
#[derive(Debug, Clone)]
pub(crate) struct ControlState<'a> {
    pub control: &'a Control,
    pub soa: Option<&'a SoaEntry>,
    pub applicability: Applicability,
    pub status: ImplementationStatus,
    pub effectiveness: Percent,
    pub likelihood_weight: f64,
    pub impact_weight: f64,
    pub current_factor: f64,
    pub planned_implemented: bool,
}

/// The controls of a workspace under an overlay, with an id index.
pub(crate) struct ControlTable<'a> {
    pub states: Vec<ControlState<'a>>,
    pub index: FastMap<&'a str, usize>,
}

impl<'a> ControlTable<'a> {
    pub fn new(workspace: &'a Workspace, overlay: &Overlay<'a>) -> Self {
        let methodology = &workspace.methodology;
        let soa: FastMap<&str, &SoaEntry> = workspace
            .soa
            .iter()
            .map(|entry| (entry.control.as_str(), entry))
            .collect();
        let mut planned: FastSet<&str> = FastSet::default();
        for action in workspace
            .actions
            .iter()
            .chain(overlay.added_actions.iter().copied())
        {
            if action.status.is_open() {
                planned.extend(action.controls.iter().map(ControlId::as_str));
            }
        }
        let mut index =
            FastMap::with_capacity_and_hasher(workspace.controls.len(), Default::default());
        let states = workspace
            .controls
            .iter()
            .enumerate()
            .map(|(position, control)| {
                let id = control.id.as_str();
                index.entry(id).or_insert(position);
                let entry = soa.get(id).copied();
                let status = overlay.status.get(id).copied().unwrap_or(control.status);
                let (likelihood_weight, impact_weight) =
                    axis_weights(control.types, methodology.control_type_weights());
                ControlState {
                    control,
                    soa: entry,
                    applicability: overlay
                        .applicability
                        .get(id)
                        .copied()
                        .or(entry.map(|e| e.applicability))
                        .unwrap_or_default(),
                    status,
                    effectiveness: overlay
                        .effectiveness
                        .get(id)
                        .copied()
                        .unwrap_or(control.effectiveness),
                    likelihood_weight,
                    impact_weight,
                    current_factor: implementation_factor(methodology, status),
                    planned_implemented: planned.contains(id),
                }
            })
            .collect();
        ControlTable { states, index }
    }
}

/// Contribution of one control state.
pub(crate) fn contribution(
    methodology: &Methodology,
    state: &ControlState<'_>,
) -> ControlContribution {
    ControlContribution {
        control: state.control.id.clone(),
        effectiveness: state.effectiveness,
        status: state.status,
        likelihood_weight: state.likelihood_weight,
        impact_weight: state.impact_weight,
        current_factor: state.current_factor,
        planned_factor: if state.planned_implemented {
            implementation_factor(methodology, ImplementationStatus::Implemented)
        } else {
            state.current_factor
        },
        assumed_implemented: state.planned_implemented,
    }
}

impl ControlTable<'_> {
    /// Table positions of `risk`'s own controls, `None` for ids that do not
    /// exist, into `out` (a buffer reused across risks).
    pub fn resolve(&self, risk: &Risk, out: &mut Vec<Option<usize>>) {
        out.clear();
        out.extend(
            risk.controls
                .iter()
                .map(|c| self.index.get(c.as_str()).copied()),
        );
    }
}

/// Table positions of the controls linked to `risk` under the overlay, in
/// link order, without duplicates or unknown ids, written into `out` (a
/// buffer reused across risks). `own` holds the positions of the risk's own
/// controls, as [`ControlTable::resolve`] gives them.
pub(crate) fn linked_positions(
    risk: &Risk,
    own: &[Option<usize>],
    overlay: &Overlay<'_>,
    table: &ControlTable<'_>,
    out: &mut Vec<usize>,
) {
    out.clear();
    let id = risk.id.as_str();
    let unlinked = if overlay.unlinked.is_empty() {
        None
    } else {
        overlay.unlinked.get(id)
    };
    let linked = if overlay.linked.is_empty() {
        None
    } else {
        overlay.linked.get(id)
    };
    let mut push = |position: Option<usize>| {
        if let Some(position) = position {
            if !out.contains(&position) {
                out.push(position);
            }
        }
    };
    for (control, &position) in risk.controls.iter().zip(own) {
        if unlinked.is_some_and(|list| list.contains(&control)) {
            continue;
        }
        push(position);
    }
    for control in linked.into_iter().flatten() {
        push(table.index.get(control.as_str()).copied());
    }
}

/// The contributions of the controls at table `positions`.
pub(crate) fn contributions_at(
    methodology: &Methodology,
    table: &ControlTable<'_>,
    positions: &[usize],
) -> Vec<ControlContribution> {
    positions
        .iter()
        .map(|&position| contribution(methodology, &table.states[position]))
        .collect()
}

/// The table positions of each risk's linked controls (those of its
/// contributions, in the same order), in register order, kept flat so that
/// later passes (SoA coverage) need no lookups by id.
#[derive(Default)]
pub(crate) struct Links {
    positions: Vec<usize>,
    ends: Vec<usize>,
}

impl Links {
    pub fn push(&mut self, positions: &[usize]) {
        self.positions.extend_from_slice(positions);
        self.ends.push(self.positions.len());
    }

    /// The positions of risk `i`.
    pub fn of(&self, i: usize) -> &[usize] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.positions[start..self.ends[i]]
    }
}

/// Reusable buffers for [`contributions`], so that assessing a risk
/// allocates nothing but its result.
#[derive(Default)]
pub(crate) struct Buffers {
    pub own: Vec<Option<usize>>,
    pub linked: Vec<usize>,
}

/// The contributions of the controls linked to `risk`.
pub(crate) fn contributions(
    methodology: &Methodology,
    risk: &Risk,
    overlay: &Overlay<'_>,
    table: &ControlTable<'_>,
    buffers: &mut Buffers,
) -> Vec<ControlContribution> {
    table.resolve(risk, &mut buffers.own);
    linked_positions(risk, &buffers.own, overlay, table, &mut buffers.linked);
    contributions_at(methodology, table, &buffers.linked)
}

/// Assesses one risk.
pub(crate) fn assess<'a>(
    methodology: &Methodology,
    risk: &Risk,
    assets: impl IntoIterator<Item = &'a Asset>,
    overlay: &Overlay<'_>,
    contributions: Vec<ControlContribution>,
) -> RiskAssessment {
    let (impact, impact_source) = inherent_impact(risk, assets);
    let inherent = Rating::new(methodology, risk.likelihood, impact);
    let (decision, share) = if overlay.treatment.is_empty() {
        None
    } else {
        overlay.treatment.get(risk.id.as_str()).copied()
    }
    .unwrap_or((risk.treatment.decision, risk.treatment.transferred_share));
    let share = if decision == TreatmentDecision::Transfer {
        share.fraction()
    } else {
        0.0
    };
    let mut current = residual::formula(methodology, inherent, &contributions, false, share);
    let mut planned = residual::formula(methodology, inherent, &contributions, true, share);
    match decision {
        TreatmentDecision::Avoid => {
            let lowest = Rating::new(
                methodology,
                crate::Likelihood::checked_new(1).expect("1 is a rating"),
                crate::Impact::checked_new(1).expect("1 is a rating"),
            );
            for residual in [&mut current, &mut planned] {
                residual.rating = lowest;
                residual.basis = ResidualBasis::Avoided;
            }
        }
        TreatmentDecision::Accept => {
            planned.rating = current.rating;
            planned.basis = ResidualBasis::Accepted;
        }
        _ => {}
    }
    if let Some(manual) = &risk.residual_override {
        let rating = Rating::new(methodology, manual.likelihood, manual.impact);
        for residual in [&mut current, &mut planned] {
            residual.rating = rating;
            residual.basis = ResidualBasis::Override;
        }
    }
    RiskAssessment {
        risk: risk.id.clone(),
        closed: risk.status == RiskStatus::Closed,
        decision,
        inherent_above_appetite: methodology.above_appetite(inherent.level),
        current_above_appetite: methodology.above_appetite(current.rating.level),
        planned_above_appetite: methodology.above_appetite(planned.rating.level),
        inherent,
        impact_source,
        controls: contributions,
        current,
        planned,
    }
}

pub(crate) fn asset_index(workspace: &Workspace) -> FastMap<&str, &Asset> {
    workspace
        .assets
        .iter()
        .map(|a| (a.id.as_str(), a))
        .collect()
}
