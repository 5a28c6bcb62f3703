//! Named commands: every change the app makes to a workspace is one method
//! here, so the rules that keep a workspace valid (cascades on deletion,
//! fresh numbered ids, an SoA entry per control) live in one place and are
//! tested, instead of inside page closures.
//!
//! Each command leaves the workspace valid when it was valid before. The
//! ones that may not apply say so (`bool` or `Option`), never panic.

use crate::csv::{csv_apply, CsvPreview};
use crate::methodology::Methodology;
use crate::model::{
    next_free_number, numbered_id, Action, ActionId, ActionStatus, Applicability, Asset, AssetId,
    Change, Concept, ConceptSet, Control, ControlId, ControlSource, ControlType, ControlTypeSet,
    ImplementationStatus, Percent, Property, PropertySet, Risk, RiskId, Scenario, ScenarioId,
    SoaEntry, Theme, Workspace,
};

/// Puts `item` in place of the element with the same key, or appends it.
/// True when it replaced one.
pub(crate) fn upsert<T, K: PartialEq>(items: &mut Vec<T>, item: T, key: impl Fn(&T) -> &K) -> bool {
    match items
        .iter()
        .position(|existing| key(existing) == key(&item))
    {
        Some(at) => {
            items[at] = item;
            true
        }
        None => {
            items.push(item);
            false
        }
    }
}

/// Why a command was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandError {
    /// An object with this id exists already.
    Taken(String),
    /// A title or name that must not be empty was empty.
    Empty(&'static str),
    /// The object named (by this id) does not exist.
    NotFound(String),
    /// The change does not make sense as asked; the message says why.
    Invalid(String),
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CommandError::Taken(id) => write!(f, "{id} exists already; choose another id"),
            CommandError::Empty(what) => write!(f, "the {what} must not be empty"),
            CommandError::NotFound(id) => write!(f, "there is no {id} (any more)"),
            CommandError::Invalid(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for CommandError {}

impl Workspace {
    /// The id a new asset gets (`A-0042`): one more than the highest.
    pub fn next_asset_id(&self) -> AssetId {
        let next = next_free_number("A", self.assets.iter().map(|a| a.id.as_str()));
        AssetId::try_new(numbered_id("A", next)).expect("numbered ids are valid")
    }

    /// The id a new risk gets (`R-0061`).
    pub fn next_risk_id(&self) -> RiskId {
        let next = next_free_number("R", self.risks.iter().map(|r| r.id.as_str()));
        RiskId::try_new(numbered_id("R", next)).expect("numbered ids are valid")
    }

    /// The id a new action gets (`ACT-0025`).
    pub fn next_action_id(&self) -> ActionId {
        let next = next_free_number("ACT", self.actions.iter().map(|a| a.id.as_str()));
        ActionId::try_new(numbered_id("ACT", next)).expect("numbered ids are valid")
    }

    /// The id a new scenario gets (`S-0004`).
    pub fn next_scenario_id(&self) -> ScenarioId {
        let next = next_free_number("S", self.scenarios.iter().map(|s| s.id.as_str()));
        ScenarioId::try_new(numbered_id("S", next)).expect("numbered ids are valid")
    }

    /// Sets the ISMS scope statement (trimmed).
    pub fn set_scope(&mut self, scope: &str) {
        self.scope = scope.trim().to_owned();
    }

    /// Replaces the methodology (levels are recomputed by the analysis).
    pub fn set_methodology(&mut self, methodology: Methodology) {
        self.methodology = methodology;
    }

    /// Stores `asset`: replaces the asset with its id, or adds it. True
    /// when it replaced one.
    pub fn upsert_asset(&mut self, asset: Asset) -> bool {
        upsert(&mut self.assets, asset, |a| &a.id)
    }

    /// Deletes asset `id` and removes it from every risk and incident that
    /// names it. Returns how many risks named it, or `None` when there is
    /// no such asset.
    pub fn remove_asset(&mut self, id: &AssetId) -> Option<usize> {
        let at = self.assets.iter().position(|a| &a.id == id)?;
        self.assets.remove(at);
        let mut unlinked = 0;
        for risk in &mut self.risks {
            let before = risk.assets.len();
            risk.assets.retain(|a| a != id);
            unlinked += usize::from(risk.assets.len() != before);
        }
        self.unlink_asset_from_cycle(id);
        Some(unlinked)
    }

    /// Stores `risk`: replaces the risk with its id, or adds it. True when
    /// it replaced one.
    pub fn upsert_risk(&mut self, risk: Risk) -> bool {
        upsert(&mut self.risks, risk, |r| &r.id)
    }

    /// Stores `action`: replaces the action with its id, or adds it. Risks
    /// and controls it names that do not exist are dropped. True when it
    /// replaced one.
    pub fn upsert_action(&mut self, mut action: Action) -> bool {
        self.drop_unknown_links(&mut action);
        upsert(&mut self.actions, action, |a| &a.id)
    }

    /// Deletes action `id` from the plan; corrective actions that named it
    /// keep their own record without the link. False when there is none.
    pub fn remove_action(&mut self, id: &ActionId) -> bool {
        let before = self.actions.len();
        self.actions.retain(|a| &a.id != id);
        self.unlink_action_from_cycle(id);
        before != self.actions.len()
    }

    /// Sets action `id`'s status. Finishing an action (done) marks the
    /// controls it implements as implemented. False when there is none.
    pub fn set_action_status(&mut self, id: &ActionId, status: ActionStatus) -> bool {
        let Some(action) = self.actions.iter_mut().find(|a| &a.id == id) else {
            return false;
        };
        action.status = status;
        if status == ActionStatus::Done {
            let controls = action.controls.clone();
            for control in self
                .controls
                .iter_mut()
                .filter(|c| controls.contains(&c.id))
            {
                control.status = ImplementationStatus::Implemented;
            }
        }
        true
    }

    /// Stores the SoA entry of its control, adding it when the control had
    /// none. False when the control does not exist.
    pub fn set_soa_entry(&mut self, entry: SoaEntry) -> bool {
        if !self.controls.iter().any(|c| c.id == entry.control) {
            return false;
        }
        upsert(&mut self.soa, entry, |e| &e.control);
        true
    }

    /// Stores `control` in place of the control with its id. False when
    /// there is none (controls are added with [`Workspace::add_custom_control`]).
    pub fn update_control(&mut self, control: Control) -> bool {
        match self.controls.iter_mut().find(|c| c.id == control.id) {
            Some(slot) => {
                *slot = control;
                true
            }
            None => false,
        }
    }

    /// Sets the implementation status of every control in `ids` that
    /// exists; returns how many.
    pub fn set_control_status<'a>(
        &mut self,
        ids: impl IntoIterator<Item = &'a ControlId>,
        status: ImplementationStatus,
    ) -> usize {
        let ids: Vec<&ControlId> = ids.into_iter().collect();
        let mut changed = 0;
        for control in self.controls.iter_mut().filter(|c| ids.contains(&&c.id)) {
            control.status = status;
            changed += 1;
        }
        changed
    }

    /// Marks every control in `ids` that exists as `applicability`. An
    /// exclusion clears the inclusion reasons and takes `justification`
    /// when one is given (an entry keeps its own otherwise). Returns how
    /// many entries changed.
    pub fn set_applicability<'a>(
        &mut self,
        ids: impl IntoIterator<Item = &'a ControlId>,
        applicability: Applicability,
        justification: &str,
    ) -> usize {
        let mut changed = 0;
        for id in ids {
            if !self.controls.iter().any(|c| &c.id == id) {
                continue;
            }
            let at = match self.soa.iter().position(|e| &e.control == id) {
                Some(at) => at,
                None => {
                    self.soa.push(SoaEntry::undecided(id.clone()));
                    self.soa.len() - 1
                }
            };
            let entry = &mut self.soa[at];
            entry.applicability = applicability;
            if applicability == Applicability::Excluded {
                entry.reasons.clear();
                if !justification.trim().is_empty() {
                    entry.exclusion_justification = justification.trim().to_owned();
                }
            }
            changed += 1;
        }
        changed
    }

    /// Adds a control of the organisation's own (not from Annex A), not
    /// started, preventive, with an undecided SoA entry.
    pub fn add_custom_control(&mut self, id: ControlId, title: &str) -> Result<(), CommandError> {
        let title = title.trim();
        if title.is_empty() {
            return Err(CommandError::Empty("control title"));
        }
        if self.controls.iter().any(|c| c.id == id) {
            return Err(CommandError::Taken(id.to_string()));
        }
        self.controls.push(Control {
            id: id.clone(),
            title: title.to_owned(),
            source: ControlSource::Custom,
            theme: Theme::Custom,
            description: String::new(),
            types: ControlTypeSet::of(&[ControlType::Preventive]),
            properties: PropertySet::of(Property::ALL),
            concepts: ConceptSet::of(&[Concept::Protect]),
            effectiveness: Percent::checked_new(50).unwrap_or(Percent::ZERO),
            status: ImplementationStatus::NotStarted,
            owner: None,
        });
        self.soa.push(SoaEntry::undecided(id));
        Ok(())
    }

    /// Adds a scenario named `name` with `changes`; returns its new id.
    pub fn add_scenario(&mut self, name: &str, changes: Vec<Change>) -> ScenarioId {
        let id = self.next_scenario_id();
        self.scenarios.push(Scenario {
            id: id.clone(),
            name: name.trim().to_owned(),
            description: String::new(),
            changes,
        });
        id
    }

    /// Deletes scenario `id`. False when there is none.
    pub fn remove_scenario(&mut self, id: &ScenarioId) -> bool {
        let before = self.scenarios.len();
        self.scenarios.retain(|s| &s.id != id);
        before != self.scenarios.len()
    }

    /// Appends `change` to scenario `id`. False when there is none.
    pub fn add_scenario_change(&mut self, id: &ScenarioId, change: Change) -> bool {
        match self.scenarios.iter_mut().find(|s| &s.id == id) {
            Some(scenario) => {
                scenario.changes.push(change);
                true
            }
            None => false,
        }
    }

    /// Removes the change at `index` of scenario `id`. False when there is
    /// no such scenario or change.
    pub fn remove_scenario_change(&mut self, id: &ScenarioId, index: usize) -> bool {
        match self.scenarios.iter_mut().find(|s| &s.id == id) {
            Some(scenario) if index < scenario.changes.len() => {
                scenario.changes.remove(index);
                true
            }
            _ => false,
        }
    }

    /// Applies a CSV import's previewed changes (see [`crate::csv_preview`]).
    pub fn apply_csv_preview(&mut self, preview: &CsvPreview) {
        *self = csv_apply(self, preview);
    }
}
