//! The named commands the app changes workspaces with: each does what it
//! says and leaves a workspace the importer accepts unchanged.

use engine::{
    demo_organisation, export_json, import_json, ActionId, ActionStatus, Applicability, AssetId,
    Change, CommandError, ControlId, ImplementationStatus, ScenarioId, Workspace,
};

/// The workspace exports and imports back unchanged: it is valid.
fn assert_valid(workspace: &Workspace) {
    let back = import_json(&export_json(workspace)).expect("the workspace stays importable");
    assert_eq!(&back, workspace);
}

fn control(id: &str) -> ControlId {
    ControlId::try_new(id).unwrap()
}

#[test]
fn new_ids_follow_the_highest_number() {
    let ws = demo_organisation();
    assert_eq!(ws.next_asset_id().as_str(), "A-0042");
    assert_eq!(ws.next_risk_id().as_str(), "R-0061");
    assert_eq!(ws.next_action_id().as_str(), "ACT-0025");
    assert_eq!(ws.next_scenario_id().as_str(), "S-0004");
}

#[test]
fn removing_an_asset_unlinks_it_from_its_risks() {
    let mut ws = demo_organisation();
    let id = AssetId::try_new("A-0001").unwrap();
    let naming = ws.risks.iter().filter(|r| r.assets.contains(&id)).count();
    assert!(naming > 0);
    assert_eq!(ws.remove_asset(&id), Some(naming));
    assert!(ws.assets.iter().all(|a| a.id != id));
    assert!(ws.risks.iter().all(|r| !r.assets.contains(&id)));
    assert_eq!(ws.remove_asset(&id), None);
    assert_valid(&ws);
}

#[test]
fn upserts_replace_or_add() {
    let mut ws = demo_organisation();
    let mut asset = ws.assets[0].clone();
    asset.name = "Renamed".into();
    assert!(ws.upsert_asset(asset.clone()));
    assert_eq!(ws.assets[0].name, "Renamed");
    asset.id = ws.next_asset_id();
    assert!(!ws.upsert_asset(asset));
    assert_eq!(ws.assets.len(), 42);

    let mut risk = ws.risks[3].clone();
    risk.title = "Changed".into();
    assert!(ws.upsert_risk(risk.clone()));
    assert_eq!(ws.risks[3].title, "Changed");
    risk.id = ws.next_risk_id();
    assert!(!ws.upsert_risk(risk));
    assert_eq!(ws.risks.len(), 61);
    assert_valid(&ws);
}

#[test]
fn an_action_naming_missing_objects_keeps_only_what_exists() {
    let mut ws = demo_organisation();
    let mut action = ws.actions[0].clone();
    action.id = ws.next_action_id();
    action
        .risks
        .push(engine::RiskId::try_new("R-9999").unwrap());
    action.controls.push(control("X.1"));
    let named = action.risks.len() - 1;
    assert!(!ws.upsert_action(action.clone()));
    let stored = ws.actions.last().unwrap();
    assert_eq!(stored.risks.len(), named);
    assert!(!stored.controls.contains(&control("X.1")));
    assert!(ws.remove_action(&action.id));
    assert!(!ws.remove_action(&action.id));
    assert_valid(&ws);
}

#[test]
fn finishing_an_action_implements_its_controls() {
    let mut ws = demo_organisation();
    let action = ws
        .actions
        .iter()
        .find(|a| a.status != ActionStatus::Done && !a.controls.is_empty())
        .unwrap()
        .clone();
    assert!(ws.set_action_status(&action.id, ActionStatus::Done));
    for id in &action.controls {
        assert_eq!(
            ws.control(id).unwrap().status,
            ImplementationStatus::Implemented
        );
    }
    assert!(!ws.set_action_status(&ActionId::try_new("ACT-9999").unwrap(), ActionStatus::Done));
    assert_valid(&ws);
}

#[test]
fn soa_commands_touch_only_existing_controls() {
    let mut ws = demo_organisation();
    let ids = [control("A.5.1"), control("A.8.5"), control("Z.9")];
    assert_eq!(
        ws.set_control_status(&ids, ImplementationStatus::Partial),
        2
    );
    assert_eq!(
        ws.control(&ids[0]).unwrap().status,
        ImplementationStatus::Partial
    );
    assert_eq!(
        ws.set_applicability(&ids, Applicability::Excluded, "Not relevant here."),
        2
    );
    let entry = ws.soa.iter().find(|e| e.control == ids[1]).unwrap();
    assert_eq!(entry.applicability, Applicability::Excluded);
    assert!(entry.reasons.is_empty());
    assert_eq!(entry.exclusion_justification, "Not relevant here.");

    let mut entry = entry.clone();
    entry.evidence = "Checked".into();
    assert!(ws.set_soa_entry(entry));
    let mut missing = ws.soa[0].clone();
    missing.control = control("Z.9");
    assert!(!ws.set_soa_entry(missing));

    let mut changed = ws.control(&ids[0]).unwrap().clone();
    changed.title = "Policies (our wording)".into();
    assert!(ws.update_control(changed));
    assert_valid(&ws);
}

#[test]
fn a_custom_control_gets_an_soa_entry_and_a_taken_id_is_refused() {
    let mut ws = demo_organisation();
    ws.add_custom_control(control("ORG.1"), "  Clean desk walk-rounds ")
        .unwrap();
    assert_eq!(ws.controls.last().unwrap().title, "Clean desk walk-rounds");
    assert!(ws.soa.iter().any(|e| e.control == control("ORG.1")));
    assert_eq!(
        ws.add_custom_control(control("ORG.1"), "Again"),
        Err(CommandError::Taken("ORG.1".into()))
    );
    assert_eq!(
        ws.add_custom_control(control("ORG.2"), " "),
        Err(CommandError::Empty("control title"))
    );
    assert_valid(&ws);
}

#[test]
fn scenarios_are_added_changed_and_removed() {
    let mut ws = demo_organisation();
    let id = ws.add_scenario(" Faster patching ", Vec::new());
    assert_eq!(id.as_str(), "S-0004");
    let change = Change::ControlStatus {
        control: control("A.8.8"),
        status: ImplementationStatus::Implemented,
    };
    assert!(ws.add_scenario_change(&id, change.clone()));
    assert_eq!(
        ws.scenario("Faster patching").unwrap().changes,
        vec![change]
    );
    assert!(!ws.remove_scenario_change(&id, 5));
    assert!(ws.remove_scenario_change(&id, 0));
    assert_valid(&ws);
    assert!(ws.remove_scenario(&id));
    assert!(!ws.remove_scenario(&ScenarioId::try_new("S-0404").unwrap()));
    assert_eq!(ws, demo_organisation());
}

#[test]
fn scope_and_methodology_are_set() {
    let mut ws = demo_organisation();
    ws.set_scope("  Only the platform.  ");
    assert_eq!(ws.scope, "Only the platform.");
    let methodology = engine::Methodology::default();
    ws.set_methodology(methodology.clone());
    assert_eq!(ws.methodology, methodology);
}
