//! The hand-worked example: every figure in `golden/hand-worked.expected.json`
//! was computed by hand (see `golden/hand-worked.md`).

use engine::{analyze_with, evaluate_scenario, import_json, AnalysisOptions, Date, Rating};
use serde_json::Value;

fn load() -> (engine::Workspace, Value) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/");
    let workspace =
        import_json(&std::fs::read_to_string(format!("{dir}hand-worked.json")).unwrap())
            .expect("the golden workspace is valid");
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{dir}hand-worked.expected.json")).unwrap(),
    )
    .unwrap();
    (workspace, expected)
}

fn options() -> AnalysisOptions {
    AnalysisOptions {
        today: Date::parse("2025-06-01"),
    }
}

fn check_rating(ws: &engine::Workspace, rating: &Rating, expected: &Value, what: &str) {
    assert_eq!(
        u64::from(rating.likelihood.get()),
        expected[0].as_u64().unwrap(),
        "{what} likelihood"
    );
    assert_eq!(
        u64::from(rating.impact.get()),
        expected[1].as_u64().unwrap(),
        "{what} impact"
    );
    assert_eq!(
        ws.methodology.level_definition(rating.level).name,
        expected[2].as_str().unwrap(),
        "{what} level"
    );
}

fn basis_name(basis: engine::ResidualBasis) -> String {
    serde_json::to_value(basis)
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn every_risk_matches_the_hand_worked_figures() {
    let (ws, expected) = load();
    let analysis = analyze_with(&ws, &options());
    let risks = expected["risks"].as_object().unwrap();
    assert_eq!(risks.len(), analysis.risks.len());
    for (id, e) in risks {
        let a = analysis
            .risks
            .iter()
            .find(|r| r.risk.as_str() == id)
            .unwrap();
        check_rating(&ws, &a.inherent, &e["inherent"], &format!("{id} inherent"));
        check_rating(
            &ws,
            &a.current.rating,
            &e["current"],
            &format!("{id} current"),
        );
        check_rating(
            &ws,
            &a.planned.rating,
            &e["planned"],
            &format!("{id} planned"),
        );
        assert_eq!(
            basis_name(a.current.basis),
            e["current"][3],
            "{id} current basis"
        );
        assert_eq!(
            basis_name(a.planned.basis),
            e["planned"][3],
            "{id} planned basis"
        );
        for (residual, key) in [
            (&a.current, "current_reductions"),
            (&a.planned, "planned_reductions"),
        ] {
            let l = e[key][0].as_f64().unwrap();
            let i = e[key][1].as_f64().unwrap();
            assert!(
                (residual.likelihood_reduction - l).abs() < 1e-9,
                "{id} {key} r_L"
            );
            assert!(
                (residual.impact_reduction - i).abs() < 1e-9,
                "{id} {key} r_I"
            );
        }
    }
}

#[test]
fn distributions_findings_and_soa_match() {
    let (ws, expected) = load();
    let analysis = analyze_with(&ws, &options());
    for (name, dist) in [
        ("inherent", &analysis.distributions.inherent),
        ("current", &analysis.distributions.current),
        ("planned", &analysis.distributions.planned),
    ] {
        let want: Vec<u32> =
            serde_json::from_value(expected["distributions"][name].clone()).unwrap();
        assert_eq!(dist.counts, want, "{name} distribution");
    }
    let found: Vec<(String, String, String)> = analysis
        .findings
        .iter()
        .map(|f| {
            (
                serde_json::to_value(f.severity)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_owned(),
                f.code.to_owned(),
                f.object.id.clone(),
            )
        })
        .collect();
    let want: Vec<(String, String, String)> =
        serde_json::from_value(expected["findings"].clone()).unwrap();
    assert_eq!(found, want);
    let soa = &expected["soa"];
    assert_eq!(
        u64::from(analysis.soa.applicable),
        soa["applicable"].as_u64().unwrap()
    );
    assert_eq!(
        u64::from(analysis.soa.excluded),
        soa["excluded"].as_u64().unwrap()
    );
    assert!((analysis.soa.implementation_progress - 0.5).abs() < 1e-12);
    assert!((analysis.soa.readiness - soa["readiness"].as_f64().unwrap()).abs() < 1e-9);
}

#[test]
fn the_backup_scenario_matches_and_leaves_the_workspace_alone() {
    let (ws, expected) = load();
    let before = ws.clone();
    let scenario = ws.scenario("Backups finished").unwrap();
    let analysis = evaluate_scenario(&ws, scenario, &options());
    let r2 = analysis
        .risks
        .iter()
        .find(|r| r.risk.as_str() == "R-0002")
        .unwrap();
    check_rating(
        &ws,
        &r2.current.rating,
        &expected["scenario_backups_finished"]["R-0002_current"],
        "scenario R-0002",
    );
    assert_eq!(ws, before);
}
