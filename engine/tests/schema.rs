//! Export envelope, import validation and migrations, on the fixtures in
//! `tests/fixtures/`.

use engine::{export_json, export_json_with, import_json, import_json_detailed, SCHEMA_VERSION};
use serde_json::{json, Value};

fn fixture(name: &str) -> String {
    let path = format!("{}/../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_schema_version_fixture_restores() {
    let v1 = import_json_detailed(&fixture("schema/v1.json")).expect("v1 restores");
    assert_eq!(v1.from_version, 1);
    // The fixture holds 4 of the 93 Annex A controls: that alone is said.
    let paths: Vec<&str> = v1.warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(paths, ["$.workspace.controls"], "{:?}", v1.warnings);
    assert!(v1.warnings[0]
        .message
        .starts_with("89 of the 93 Annex A 2022 controls"));
    let v0 = import_json_detailed(&fixture("schema/v0.json")).expect("v0 restores");
    assert_eq!(v0.from_version, 0);
    // The v0 fixture holds the same data in the old shape.
    assert_eq!(v0.workspace, v1.workspace);
    // Version 1 had no ISMS-cycle registers: they come back empty.
    assert!(v1.workspace.documents.is_empty() && v1.workspace.clauses.is_empty());
    let v2 = import_json_detailed(&fixture("schema/v2.json")).expect("v2 restores");
    assert_eq!(v2.from_version, 2);
    let paths: Vec<&str> = v2.warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(paths, ["$.workspace.controls"], "{:?}", v2.warnings);
    // The v2 fixture is the v1 data plus every ISMS-cycle register.
    let mut without_cycle = v2.workspace.clone();
    for register in [
        &mut without_cycle.clauses as &mut dyn Clear,
        &mut without_cycle.documents,
        &mut without_cycle.objectives,
        &mut without_cycle.audits,
        &mut without_cycle.nonconformities,
        &mut without_cycle.incidents,
        &mut without_cycle.management_reviews,
    ] {
        assert!(!register.is_empty_register(), "every register has data");
        register.clear_register();
    }
    assert_eq!(without_cycle, v1.workspace);
    assert_eq!(
        SCHEMA_VERSION, 2,
        "add a fixture for the new version and a migration test"
    );
}

/// Lets the test above empty registers of different types in one loop.
trait Clear {
    fn is_empty_register(&self) -> bool;
    fn clear_register(&mut self);
}

impl<T> Clear for Vec<T> {
    fn is_empty_register(&self) -> bool {
        self.is_empty()
    }
    fn clear_register(&mut self) {
        self.clear();
    }
}

#[test]
fn a_version_1_file_holding_a_cycle_register_is_read_with_a_warning() {
    let mut value: Value = serde_json::from_str(&fixture("schema/v1.json")).unwrap();
    value["workspace"]["documents"] =
        json!([{"id": "DOC-0001", "title": "Policy", "kind": "policy"}]);
    let imported = import_json_detailed(&value.to_string()).expect("still valid");
    assert_eq!(imported.workspace.documents.len(), 1);
    assert!(imported
        .warnings
        .iter()
        .any(|w| w.path == "$.workspace.documents" && w.message.contains("only version 2")));
}

#[test]
fn demo_workspace_fixture_is_valid() {
    let ws = import_json(&fixture("demo-workspace.json")).expect("demo restores");
    assert_eq!(ws.risks.len(), 60);
    assert_eq!(ws.controls.len(), 93);
    // An exclusion without a justification is a finding of the checks and
    // a gap an auditor asks about; the fixture has none.
    let unjustified: Vec<&str> = ws
        .soa
        .iter()
        .filter(|e| {
            e.applicability == engine::Applicability::Excluded
                && e.exclusion_justification.trim().is_empty()
        })
        .map(|e| e.control.as_str())
        .collect();
    assert!(
        unjustified.is_empty(),
        "excluded without a justification: {unjustified:?}"
    );
}

#[test]
fn export_then_import_is_exact() {
    for ws in [
        engine::synthetic::workspace(300, 50, 3),
        import_json(&fixture("schema/v1.json")).unwrap(),
        import_json(&fixture("schema/v2.json")).unwrap(),
        engine::demo_organisation(),
    ] {
        let text = export_json(&ws);
        let back = import_json(&text).expect("own export imports");
        assert_eq!(back, ws);
        assert_eq!(export_json(&back), text, "byte-identical second export");
    }
}

#[test]
fn envelope_carries_format_version_time_and_app_version() {
    let ws = import_json(&fixture("schema/v1.json")).unwrap();
    let value: Value = serde_json::from_str(&export_json_with(
        &ws,
        Some("2025-06-01T10:00:00Z"),
        Some("9.9.9"),
    ))
    .unwrap();
    assert_eq!(value["format"], "isms-workbench");
    assert_eq!(value["schema_version"], SCHEMA_VERSION);
    assert_eq!(value["exported_at"], "2025-06-01T10:00:00Z");
    assert_eq!(value["app_version"], "9.9.9");
    assert_eq!(value["workspace"]["id"], "golden-hand-worked");
}

fn problems_of(value: &Value) -> Vec<(String, String)> {
    import_json(&value.to_string())
        .expect_err("should be invalid")
        .into_iter()
        .map(|p| (p.path, p.message))
        .collect()
}

#[test]
fn every_problem_is_reported_with_its_path() {
    let mut value: Value = serde_json::from_str(&fixture("schema/v1.json")).unwrap();
    let ws = &mut value["workspace"];
    ws["risks"][0]["controls"][1] = json!("A.9.99"); // dangling control
    ws["risks"][1]["likelihood"] = json!(7); // beyond the 5-level scale
    ws["risks"][2]["id"] = json!("R-0001"); // duplicate id
    ws["assets"][1]["valuation"]["availability"] = json!(0); // not a rating
    ws["actions"][0]["owner"] = json!("P-99"); // dangling person
    ws["soa"][3]["applicability"] = json!("maybe"); // unknown variant
    let problems = problems_of(&value);
    let paths: Vec<&str> = problems.iter().map(|(p, _)| p.as_str()).collect();
    for expected in [
        "$.workspace.risks[0].controls[1]",
        "$.workspace.risks[1].likelihood",
        "$.workspace.risks[2].id",
        "$.workspace.assets[1].valuation.availability",
        "$.workspace.actions[0].owner",
        "$.workspace.soa[3].applicability",
    ] {
        assert!(
            paths.contains(&expected),
            "{expected} missing from {problems:#?}"
        );
    }
    // References to the asset that failed to load are not reported twice.
    assert!(
        !problems
            .iter()
            .any(|(_, m)| m.contains("\"A-0002\", which does not exist")),
        "{problems:#?}"
    );
    let (_, message) = problems
        .iter()
        .find(|(p, _)| p.ends_with("risks[1].likelihood"))
        .unwrap();
    assert!(message.contains("beyond the likelihood scale"), "{message}");
}

#[test]
fn structural_problems_are_plain() {
    assert_eq!(import_json("not json").unwrap_err()[0].path, "$");
    assert!(import_json("[1]").unwrap_err()[0]
        .message
        .contains("JSON object"));
    let newer = json!({"format": "isms-workbench", "schema_version": 99, "workspace": {}});
    let problems = problems_of(&newer);
    assert!(problems[0].1.contains("newer version"), "{problems:?}");
    let other = json!({"format": "something-else", "schema_version": 1, "workspace": {"id": "x"}});
    let problems = problems_of(&other);
    assert!(problems.iter().any(|(p, _)| p == "$.format"));
    assert!(problems
        .iter()
        .any(|(p, m)| p == "$.workspace.name" && m.contains("missing")));
    assert!(problems.iter().any(|(p, _)| p == "$.workspace.methodology"));
}

#[test]
fn bad_methodology_is_explained() {
    let mut value: Value = serde_json::from_str(&fixture("schema/v1.json")).unwrap();
    value["workspace"]["methodology"]["appetite"] = json!(9);
    let problems = problems_of(&value);
    assert_eq!(problems[0].0, "$.workspace.methodology");
    assert!(problems[0].1.contains("appetite"), "{problems:?}");
}

#[test]
fn unknown_fields_are_reported_not_silently_dropped() {
    let mut value: Value = serde_json::from_str(&fixture("schema/v1.json")).unwrap();
    value["workspace"]["risks"][0]["colour"] = json!("red");
    value["workspace"]["budget"] = json!(1000);
    value["workspace"]["risks"][1]["owner"] = Value::Null;
    let imported = import_json_detailed(&value.to_string()).expect("still valid");
    let paths: Vec<&str> = imported.warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "$.workspace.risks[0].colour",
            "$.workspace.budget",
            "$.workspace.controls"
        ]
    );
}
