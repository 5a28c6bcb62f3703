//! Import refuses what it would otherwise accept but alter, and says where
//! and what is allowed in words a person can act on (issue 11, items 6 and
//! 7).

use engine::{
    demo_organisation, export_json, import_json, import_json_bytes, import_json_detailed, Control,
    ControlId, ControlSource, Workspace, WorkspaceId, MAX_IMPORT_PROBLEMS,
};
use serde_json::{json, Value};

fn demo_value() -> Value {
    serde_json::from_str(&export_json(&demo_organisation())).unwrap()
}

fn refused(text: &str) -> Vec<(String, String)> {
    import_json(text)
        .expect_err("should be refused")
        .into_iter()
        .map(|p| (p.path, p.message))
        .collect()
}

fn problems_of(value: &Value) -> Vec<(String, String)> {
    refused(&value.to_string())
}

fn message_at<'a>(problems: &'a [(String, String)], path: &str) -> &'a str {
    problems
        .iter()
        .find(|(p, _)| p == path)
        .map(|(_, m)| m.as_str())
        .unwrap_or_else(|| panic!("no problem at {path}: {problems:#?}"))
}

const ANNEX_A_IDS: &str =
    "A.5.1 to A.5.37, A.6.1 to A.6.8, A.7.1 to A.7.14 and A.8.1 to A.8.34 of Annex A 2022";

#[test]
fn an_annex_a_control_with_an_id_annex_a_lacks_is_refused() {
    let mut value = demo_value();
    value["workspace"]["controls"][0]["id"] = json!("A.99.1");
    value["workspace"]["soa"][0]["control"] = json!("A.99.1");
    let problems = problems_of(&value);
    let control = message_at(&problems, "$.workspace.controls[0].id");
    assert!(
        control.starts_with("\"A.99.1\" is not a control of Annex A 2022"),
        "{control}"
    );
    assert!(control.contains(ANNEX_A_IDS), "{control}");
    assert!(control.contains("\"source\": \"custom\""), "{control}");
    let entry = message_at(&problems, "$.workspace.soa[0].control");
    assert!(entry.contains("\"A.99.1\" is not a control of Annex A 2022"));
    assert!(entry.contains(ANNEX_A_IDS), "{entry}");
}

#[test]
fn an_soa_entry_for_an_id_annex_a_lacks_is_refused() {
    let mut value = demo_value();
    value["workspace"]["soa"][0]["control"] = json!("A.99.1");
    let problems = problems_of(&value);
    let entry = message_at(&problems, "$.workspace.soa[0].control");
    assert!(
        entry.contains("\"A.99.1\", which does not exist"),
        "{entry}"
    );
    assert!(entry.contains("not a control of Annex A 2022"), "{entry}");
    assert!(entry.contains(ANNEX_A_IDS), "{entry}");
}

#[test]
fn a_reference_to_an_annex_a_control_the_workspace_lacks_is_not_called_unknown() {
    let mut value = demo_value();
    let controls = value["workspace"]["controls"].as_array_mut().unwrap();
    controls.retain(|c| c["id"] != "A.5.2");
    value["workspace"]["soa"][1]["owner"] = Value::Null;
    let problems = problems_of(&value);
    let entry = message_at(&problems, "$.workspace.soa[1].control");
    assert_eq!(entry, "refers to control \"A.5.2\", which does not exist");
}

#[test]
fn a_control_without_effectiveness_is_told_so() {
    let mut value = demo_value();
    value["workspace"]["controls"][33]
        .as_object_mut()
        .unwrap()
        .remove("effectiveness");
    let problems = problems_of(&value);
    assert_eq!(
        message_at(&problems, "$.workspace.controls[33].effectiveness"),
        "this field is missing; every control needs an effectiveness, in control \"A.5.34\""
    );
}

#[test]
fn missing_annex_a_controls_are_reported_and_custom_ids_stay_free() {
    let mut ws = Workspace::new(WorkspaceId::try_new("w").unwrap(), "Clinic");
    let a51 = ControlId::try_new("A.5.1").unwrap();
    ws.controls.retain(|c| c.id != a51);
    ws.soa.retain(|e| e.control != a51);
    // A control of the organisation's own may use an id of that form.
    let custom = ControlId::try_new("A.99.1").unwrap();
    ws.controls.push(Control {
        id: custom.clone(),
        source: ControlSource::Custom,
        ..ws.controls[0].clone()
    });
    ws.soa.push(engine::SoaEntry::undecided(custom));
    let imported = import_json_detailed(&export_json(&ws)).expect("still valid");
    assert_eq!(imported.workspace, ws);
    let warnings: Vec<(&str, &str)> = imported
        .warnings
        .iter()
        .map(|w| (w.path.as_str(), w.message.as_str()))
        .collect();
    assert_eq!(
        warnings,
        [(
            "$.workspace.controls",
            "1 of the 93 Annex A 2022 controls are not in this workspace (A.5.1), so its Statement of Applicability does not cover them"
        )]
    );
    let full = Workspace::new(WorkspaceId::try_new("w").unwrap(), "Clinic");
    let imported = import_json_detailed(&export_json(&full)).unwrap();
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
}

#[test]
fn invalid_utf8_is_refused_with_offset_line_and_column() {
    let text = export_json(&demo_organisation());
    let name = "\"name\": \"Patient appointment records\"";
    let start = text.find(name).expect("the demo's first asset");
    // The 'a' of "appointment".
    let offset = start + "\"name\": \"Patient ".len();
    let mut bytes = text.clone().into_bytes();
    bytes[offset] = 0xFF;
    let line = text[..offset].matches('\n').count() + 1;
    let column = offset - text[..offset].rfind('\n').unwrap();
    let problems = import_json_bytes(&bytes).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, "$.workspace.assets[0].name");
    assert_eq!(
        problems[0].message,
        format!(
            "the file is not valid UTF-8 text: byte 0xFF at byte {offset} (line {line}, column {column}); save it as UTF-8 and import again"
        )
    );
    // A cut multi-byte character at the very end is found too.
    let cut = [&text.as_bytes()[..10], "é".as_bytes().split_at(1).0].concat();
    let problem = &import_json_bytes(&cut).unwrap_err()[0];
    assert!(problem.message.contains("at byte 10"), "{problem}");
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let ws = demo_organisation();
    let text = export_json(&ws);
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    let imported = import_json_bytes(&with_bom).unwrap();
    assert_eq!(imported.workspace, ws);
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    assert_eq!(import_json_bytes(text.as_bytes()).unwrap().workspace, ws);
    assert_eq!(import_json(&format!("\u{feff}{text}")).unwrap(), ws);
}

#[test]
fn serde_messages_become_a_path_and_plain_words() {
    let mut value = demo_value();
    let ws = &mut value["workspace"];
    ws["risks"][3]["likelihood"] = json!(-5000);
    ws["risks"][4].as_object_mut().unwrap().remove("title");
    ws["assets"][1]["valuation"]["availability"] = json!("high");
    ws["actions"][0]["cost"]["one_off"] = json!(12.5);
    ws["soa"][3]["applicability"] = json!("maybe");
    let problems = problems_of(&value);
    assert_eq!(
        message_at(&problems, "$.workspace.risks[3].likelihood"),
        "must be a whole number from 1 to 5 (found -5000), in risk \"R-0004\""
    );
    assert_eq!(
        message_at(&problems, "$.workspace.risks[4].title"),
        "this field is missing; every risk needs a title, in risk \"R-0005\""
    );
    assert_eq!(
        message_at(&problems, "$.workspace.assets[1].valuation.availability"),
        "must be a whole number from 1 to 5 (found \"high\"), in asset \"A-0002\""
    );
    assert_eq!(
        message_at(&problems, "$.workspace.actions[0].cost.one_off"),
        "must be a whole amount of money, 0 or more, without decimals (found 12.5), in action \"ACT-0001\""
    );
    assert_eq!(
        message_at(&problems, "$.workspace.soa[3].applicability"),
        "must be one of \"undecided\", \"applicable\" or \"excluded\" (found \"maybe\"), in the SoA entry for \"A.5.4\""
    );
    for (path, message) in &problems {
        for raw in [
            "invalid value",
            "invalid type",
            "expected u8",
            "expected u64",
            "missing field",
            "unknown variant",
        ] {
            assert!(!message.contains(raw), "{path}: {message}");
        }
    }
}

#[test]
fn deep_nesting_is_refused_in_plain_words() {
    let deep = format!("{}{}", "[".repeat(500), "]".repeat(500));
    let inside = format!(
        "{{\"format\": \"isms-workbench\", \"schema_version\": 1, \"workspace\": {{\"name\": {deep}}}}}"
    );
    for text in [deep, inside] {
        let problems = refused(&text);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].0, "$");
        assert!(
            problems[0]
                .1
                .starts_with("the file nests objects deeper than 128 levels"),
            "{problems:?}"
        );
        assert!(problems[0]
            .1
            .ends_with("it is not an ISMS Workbench export"));
    }
}

/// The demo export with the value at `pointer` written as `raw` JSON text.
fn with_raw(pointer: &str, raw: &str) -> String {
    let mut value = demo_value();
    *value.pointer_mut(pointer).unwrap() = json!("@@HERE@@");
    value.to_string().replace("\"@@HERE@@\"", raw)
}

#[test]
fn numbers_out_of_range_are_refused_with_their_path() {
    let problems = refused(&with_raw("/workspace/risks/0/likelihood", "1e400"));
    assert_eq!(problems[0].0, "$.workspace.risks[0].likelihood");
    assert!(problems[0].1.contains("too large"), "{problems:?}");
    assert!(problems[0].1.contains("line 1"), "{problems:?}");
    let problems = refused(&with_raw(
        "/workspace/actions/0/cost/yearly",
        "123456789012345678901234567890",
    ));
    assert_eq!(problems[0].0, "$.workspace.actions[0].cost.yearly");
    assert!(problems[0].1.starts_with("must be a whole amount of money"));
    let problems = refused(&with_raw("/workspace/controls/0/effectiveness", "70.0"));
    assert_eq!(
        problems[0],
        (
            "$.workspace.controls[0].effectiveness".to_owned(),
            "must be a whole percentage from 0 to 100 (found 70.0), in control \"A.5.1\""
                .to_owned()
        )
    );
}

#[test]
fn a_key_given_twice_is_refused() {
    let text = with_raw("/workspace/risks/2/likelihood", "2, \"likelihood\": 5");
    let problems = refused(&text);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].0, "$.workspace.risks[2].likelihood");
    assert!(problems[0].1.contains("given twice"), "{problems:?}");
}

#[test]
fn syntax_errors_say_where_in_the_workspace() {
    let text = export_json(&demo_organisation());
    let cut = &text[..text.find("\"Remote monitoring readings\"").unwrap() + 10];
    let problems = refused(cut);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].0, "$.workspace.assets[1].name");
    assert!(problems[0].1.contains("cut short"), "{problems:?}");
}

#[test]
fn problems_are_capped_with_a_count_of_the_rest() {
    let mut value = demo_value();
    for control in value["workspace"]["controls"].as_array_mut().unwrap() {
        control["effectiveness"] = json!(500);
    }
    for entry in value["workspace"]["soa"].as_array_mut().unwrap() {
        entry["applicability"] = json!("maybe");
    }
    for risk in value["workspace"]["risks"].as_array_mut().unwrap() {
        risk["likelihood"] = json!(0);
    }
    let problems = problems_of(&value);
    assert_eq!(problems.len(), MAX_IMPORT_PROBLEMS + 1);
    let (path, last) = problems.last().unwrap();
    assert_eq!(path, "$");
    assert!(
        last.starts_with("and ") && last.contains(" more problems not listed"),
        "{last}"
    );
    let listed = MAX_IMPORT_PROBLEMS;
    let rest: usize = last["and ".len()..]
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(listed + rest, 93 + 93 + 60);
}

#[test]
fn what_import_alters_is_said() {
    // Repeated values of a set are kept once.
    let mut value = demo_value();
    value["workspace"]["risks"][0]["properties"] = json!(["integrity", "integrity"]);
    let imported = import_json_detailed(&value.to_string()).unwrap();
    assert_eq!(imported.warnings.len(), 1, "{:?}", imported.warnings);
    assert_eq!(imported.warnings[0].path, "$.workspace.risks[0].properties");
    assert!(imported.warnings[0].message.contains("kept once"));

    // A whole number too large for a decimal field is rounded.
    let mut value = demo_value();
    let quantified = value["workspace"]["risks"]
        .as_array()
        .unwrap()
        .iter()
        .position(|r| r.get("quantitative").is_some())
        .expect("the demo quantifies some risks");
    value["workspace"]["risks"][quantified]["quantitative"]["loss_magnitude"]["high"] =
        json!(9_007_199_254_740_993u64);
    let imported = import_json_detailed(&value.to_string()).unwrap();
    let paths: Vec<&str> = imported.warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(
        paths,
        [format!(
            "$.workspace.risks[{quantified}].quantitative.loss_magnitude.high"
        )]
    );
    assert!(
        imported.warnings[0]
            .message
            .contains("9007199254740993 cannot be held exactly; it is kept as 9007199254740992.0"),
        "{}",
        imported.warnings[0]
    );

    // A version 0 effectiveness that is not a whole percentage is rounded.
    let v0 = format!(
        "{}/../tests/fixtures/schema/v0.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut value: Value = serde_json::from_str(&std::fs::read_to_string(v0).unwrap()).unwrap();
    value["controls"][0]["effectiveness"] = json!(0.705);
    let imported = import_json_detailed(&value.to_string()).unwrap();
    let rounded = imported
        .warnings
        .iter()
        .find(|w| w.path == "$.workspace.controls[0].effectiveness")
        .unwrap_or_else(|| panic!("{:?}", imported.warnings));
    assert!(
        rounded.message.contains("0.705 is rounded to 71 %"),
        "{rounded}"
    );
    assert_eq!(imported.workspace.controls[0].effectiveness.get(), 71);
}
