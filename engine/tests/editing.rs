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

#[test]
fn applying_a_scenario_gives_what_evaluating_it_gave() {
    let ws = demo_organisation();
    let options = AnalysisOptions {
        today: Date::parse(DEMO_TODAY),
    };
    assert!(!ws.scenarios.is_empty());
    for scenario in &ws.scenarios {
        let evaluated = evaluate_scenario(&ws, scenario, &options);
        let mut applied = ws.clone();
        let count = applied.apply_changes(&scenario.changes);
        assert_eq!(
            count,
            scenario.changes.len(),
            "{}: every change applies",
            scenario.name
        );
        let analysed = analyze_with(&applied, &options);
        assert_eq!(analysed.heat_maps, evaluated.heat_maps, "{}", scenario.name);
        assert_eq!(
            analysed.distributions, evaluated.distributions,
            "{}",
            scenario.name
        );
        assert_eq!(
            analysed.soa.applicable, evaluated.soa.applicable,
            "{}",
            scenario.name
        );
        assert_eq!(
            analysed.soa.implementation_progress, evaluated.soa.implementation_progress,
            "{}",
            scenario.name
        );
        assert_eq!(analysed.cost, evaluated.cost, "{}", scenario.name);
        // And the result is still a valid workspace.
        import_json(&export_json(&applied)).expect("valid after applying");
    }
}

#[test]
fn changes_about_unknown_objects_are_skipped() {
    let mut ws = demo_organisation();
    let before = ws.clone();
    let applied = ws.apply_changes(&[
        Change::ControlStatus {
            control: ControlId::try_new("X.99").unwrap(),
            status: ImplementationStatus::Implemented,
        },
        Change::LinkControl {
            risk: RiskId::try_new("R-9999").unwrap(),
            control: before.controls[0].id.clone(),
        },
    ]);
    assert_eq!(applied, 0);
    assert_eq!(ws, before);
}
