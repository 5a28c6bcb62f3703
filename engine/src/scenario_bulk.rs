//! One control linked to many risks in a scenario: the risks chosen by a
//! filter (asset, level, owner, words, above appetite), one `LinkControl`
//! change per risk that does not have the control yet.

use crate::analysis::Analysis;
use crate::model::{AssetId, Change, ControlId, PersonId, RiskId, ScenarioId, Workspace};

/// Which open risks a bulk change applies to; every part given must hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RiskFilter {
    /// Risks on this asset.
    pub asset: Option<AssetId>,
    /// Risks whose current level is this one (0-based index) or higher.
    pub min_level: Option<usize>,
    /// Risks this person owns.
    pub owner: Option<PersonId>,
    /// Words found (case-insensitively) in the id, title or description.
    pub text: String,
    /// Only risks whose current level is above appetite.
    pub above_appetite: bool,
}

/// The open risks of `workspace` that `filter` selects, in register order;
/// `analysis` is the workspace's analysis (for levels and appetite).
pub fn select_risks(
    workspace: &Workspace,
    analysis: &Analysis,
    filter: &RiskFilter,
) -> Vec<RiskId> {
    let text = filter.text.trim().to_lowercase();
    workspace
        .risks
        .iter()
        .zip(&analysis.risks)
        .filter(|(_, a)| !a.closed)
        .filter(|(r, _)| filter.asset.as_ref().is_none_or(|id| r.assets.contains(id)))
        .filter(|(r, _)| {
            filter
                .owner
                .as_ref()
                .is_none_or(|id| r.owner.as_ref() == Some(id))
        })
        .filter(|(_, a)| {
            filter
                .min_level
                .is_none_or(|min| a.current.rating.level.index() >= min)
        })
        .filter(|(_, a)| !filter.above_appetite || a.current_above_appetite)
        .filter(|(r, _)| {
            text.is_empty()
                || text.split_whitespace().all(|word| {
                    r.id.as_str().to_lowercase().contains(word)
                        || r.title.to_lowercase().contains(word)
                        || r.description.to_lowercase().contains(word)
                })
        })
        .map(|(r, _)| r.id.clone())
        .collect()
}

impl Workspace {
    /// Adds to scenario `scenario` one change linking `control` to each of
    /// `risks`, skipping risks that have the control already (in the
    /// register or by an earlier change of the scenario) and ids that name
    /// no risk. Returns how many changes were added; refuses, changing
    /// nothing, when the scenario or the control does not exist.
    pub fn link_control_to_risks(
        &mut self,
        scenario: &ScenarioId,
        control: &ControlId,
        risks: &[RiskId],
    ) -> Result<usize, String> {
        if self.control(control).is_none() {
            return Err(format!("there is no control {control}"));
        }
        let wanted: Vec<RiskId> = risks
            .iter()
            .filter(|id| self.risk(id).is_some_and(|r| !r.controls.contains(control)))
            .cloned()
            .collect();
        let Some(target) = self.scenarios.iter_mut().find(|s| &s.id == scenario) else {
            return Err("the scenario no longer exists".into());
        };
        let mut added = 0;
        for risk in wanted {
            let change = Change::LinkControl {
                risk,
                control: control.clone(),
            };
            if !target.changes.contains(&change) {
                target.changes.push(change);
                added += 1;
            }
        }
        Ok(added)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::AnalysisOptions;

    fn demo() -> (Workspace, Analysis) {
        let ws = crate::demo_organisation();
        let analysis = crate::analyze_with(&ws, &AnalysisOptions::default());
        (ws, analysis)
    }

    #[test]
    fn the_filter_selects_by_each_part_and_by_all_together() {
        let (ws, analysis) = demo();
        let all = select_risks(&ws, &analysis, &RiskFilter::default());
        let open = analysis.risks.iter().filter(|a| !a.closed).count();
        assert_eq!(all.len(), open, "no filter: every open risk");

        let asset = ws.risks[0].assets[0].clone();
        let on_asset = select_risks(
            &ws,
            &analysis,
            &RiskFilter {
                asset: Some(asset.clone()),
                ..Default::default()
            },
        );
        assert!(!on_asset.is_empty());
        assert!(on_asset
            .iter()
            .all(|id| ws.risk(id).unwrap().assets.contains(&asset)));

        let above = select_risks(
            &ws,
            &analysis,
            &RiskFilter {
                above_appetite: true,
                ..Default::default()
            },
        );
        assert_eq!(
            above.len() as u32,
            analysis.distributions.current.above_appetite
        );

        let title_word = ws.risks[3]
            .title
            .split_whitespace()
            .next()
            .unwrap()
            .to_uppercase();
        let by_text = select_risks(
            &ws,
            &analysis,
            &RiskFilter {
                text: title_word,
                ..Default::default()
            },
        );
        assert!(by_text.contains(&ws.risks[3].id));
        assert!(by_text.len() < all.len());

        let top = ws.methodology.levels().len() - 1;
        let high = select_risks(
            &ws,
            &analysis,
            &RiskFilter {
                min_level: Some(top),
                ..Default::default()
            },
        );
        assert!(high.len() < all.len());

        let owner = ws.risks.iter().find_map(|r| r.owner.clone()).unwrap();
        let owned = select_risks(
            &ws,
            &analysis,
            &RiskFilter {
                owner: Some(owner.clone()),
                above_appetite: true,
                ..Default::default()
            },
        );
        assert!(owned
            .iter()
            .all(|id| ws.risk(id).unwrap().owner.as_ref() == Some(&owner) && above.contains(id)));
    }

    #[test]
    fn linking_skips_risks_that_have_the_control_already() {
        let (mut ws, _) = demo();
        let scenario = ws.add_scenario("MFA everywhere", Vec::new());
        let control = ControlId::try_new("A.8.5").unwrap();
        let risks: Vec<RiskId> = ws.risks.iter().map(|r| r.id.clone()).collect();
        let linked_already = ws
            .risks
            .iter()
            .filter(|r| r.controls.contains(&control))
            .count();
        let added = ws
            .link_control_to_risks(&scenario, &control, &risks)
            .unwrap();
        assert_eq!(added, risks.len() - linked_already);
        // Again: nothing more, the scenario has them all.
        assert_eq!(ws.link_control_to_risks(&scenario, &control, &risks), Ok(0));
        let changes = &ws
            .scenarios
            .iter()
            .find(|s| s.id == scenario)
            .unwrap()
            .changes;
        assert_eq!(changes.len(), added);
        assert!(changes
            .iter()
            .all(|c| matches!(c, Change::LinkControl { control: c, .. } if *c == control)));
    }

    #[test]
    fn an_unknown_control_or_scenario_changes_nothing() {
        let (mut ws, _) = demo();
        let before = ws.clone();
        let risks = vec![ws.risks[0].id.clone()];
        let scenario = ws.scenarios[0].id.clone();
        let missing = ControlId::try_new("A.9.99").unwrap();
        assert!(ws
            .link_control_to_risks(&scenario, &missing, &risks)
            .is_err());
        let gone = ScenarioId::try_new("SC-9999").unwrap();
        let control = ControlId::try_new("A.8.5").unwrap();
        assert!(ws.link_control_to_risks(&gone, &control, &risks).is_err());
        assert_eq!(ws, before);
    }
}
