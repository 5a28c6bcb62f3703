//! Edits the app makes through the engine keep a workspace valid.

use engine::*;

#[test]
fn removing_a_risk_removes_every_reference_to_it() {
    let mut ws = demo_organisation();
    // A risk named by a plan action, so the deletion has something to clean.
    let target = ws
        .actions
        .iter()
        .flat_map(|a| a.risks.iter())
        .next()
        .expect("the demo plan names risks")
        .clone();
    let naming = ws
        .actions
        .iter()
        .filter(|a| a.risks.contains(&target))
        .count();
    let control = ws.controls[0].id.clone();
    ws.scenarios.push(Scenario {
        id: ScenarioId::try_new("S-del").unwrap(),
        name: "deletion".into(),
        description: String::new(),
        changes: vec![
            Change::LinkControl {
                risk: target.clone(),
                control: control.clone(),
            },
            Change::ControlStatus {
                control,
                status: ImplementationStatus::Implemented,
            },
        ],
    });
    let risks_before = ws.risks.len();

    let removal = ws.remove_risk(&target).expect("the risk exists");

    assert_eq!(ws.risks.len(), risks_before - 1);
    assert!(ws.risk(&target).is_none());
    assert_eq!(removal.actions_unlinked, naming);
    assert_eq!(removal.scenario_changes_dropped, 1);
    assert!(ws.actions.iter().all(|a| !a.risks.contains(&target)));
    let scenario = ws.scenario("S-del").unwrap();
    assert_eq!(scenario.changes.len(), 1, "the control change stays");
    // What is left imports cleanly: no dangling reference.
    import_json(&export_json(&ws)).expect("valid after the deletion");
}

#[test]
fn removing_an_unknown_risk_changes_nothing() {
    let mut ws = demo_organisation();
    let before = ws.clone();
    assert_eq!(ws.remove_risk(&RiskId::try_new("R-none").unwrap()), None);
    assert_eq!(ws, before);
}
