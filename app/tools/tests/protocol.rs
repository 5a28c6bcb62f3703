//! The second module's answers read back as the app reads them (JSON text,
//! then `engine::decode`), so what crosses between the two modules keeps
//! everything: a CSV preview read back applies exactly as the original.

use engine::{
    csv_export, csv_preview, decode, demo_organisation, export_json, CsvKind, CsvPreview,
    CsvProblem, ImportProblem, Imported, WorkspaceDiff,
};
use isms_tools::{import_bytes, op, run_op};
use serde::de::DeserializeOwned;

fn read<T: DeserializeOwned>(text: &str) -> T {
    let value: serde_json::Value = serde_json::from_str(text).expect("JSON text");
    decode(&value).expect("the app's types")
}

#[test]
fn an_import_arrives_whole() {
    let demo = demo_organisation();
    let answer: Result<Imported, Vec<ImportProblem>> =
        read(&import_bytes(export_json(&demo).as_bytes()));
    let imported = answer.expect("the demo imports");
    assert_eq!(imported.workspace, demo);
    assert_eq!(imported.from_version, engine::SCHEMA_VERSION);

    let refused: Result<Imported, Vec<ImportProblem>> = read(&import_bytes(b"{\"format\": 3"));
    let problems = refused.expect_err("broken JSON is refused");
    assert!(!problems.is_empty() && problems[0].path.starts_with('$'));

    let text: Result<Imported, Vec<ImportProblem>> =
        read(&run_op(op::IMPORT_TEXT, &[export_json(&demo)]));
    assert_eq!(text.unwrap().workspace, demo);
}

#[test]
fn a_csv_preview_read_back_applies_like_the_original() {
    let demo = demo_organisation();
    let mut edited = demo.clone();
    edited.risks[0].title = "Edited in a spreadsheet".into();
    let csv = csv_export(&edited, CsvKind::Risks);
    let direct = csv_preview(&demo, CsvKind::Risks, &csv).expect("a valid preview");
    let answer: Result<CsvPreview, Vec<CsvProblem>> = read(&run_op(
        op::CSV_PREVIEW,
        &[export_json(&demo), "risks".into(), csv],
    ));
    let travelled = answer.expect("a valid preview");
    assert_eq!(travelled, direct);
    assert_eq!(travelled.updated.len(), 1);

    let (mut a, mut b) = (demo.clone(), demo.clone());
    a.apply_csv_preview(&direct);
    b.apply_csv_preview(&travelled);
    assert_eq!(a, b);
    assert_eq!(b.risks[0].title, "Edited in a spreadsheet");

    let unknown: Result<CsvPreview, Vec<CsvProblem>> = read(&run_op(
        op::CSV_PREVIEW,
        &[export_json(&demo), "owls".into(), String::new()],
    ));
    assert!(unknown.unwrap_err()[0].message.contains("owls"));
}

#[test]
fn differences_and_unknown_operations() {
    let demo = demo_organisation();
    let mut after = demo.clone();
    after.name = "Renamed".into();
    let answer: Result<WorkspaceDiff, String> = read(&run_op(
        op::DIFF,
        &[export_json(&demo), export_json(&after)],
    ));
    assert_eq!(answer.unwrap(), engine::diff(&demo, &after));

    let unknown: Result<(), String> = read(&run_op("teleport", &[]));
    assert!(unknown.unwrap_err().contains("teleport"));
}

#[test]
fn a_stored_workspace_of_today_migrates_to_itself() {
    let demo = demo_organisation();
    let parts = engine::split(&demo);
    let header = serde_json::to_string(&parts.header).unwrap();
    let records = serde_json::to_string(&parts.records).unwrap();
    let answer: Result<Imported, Vec<ImportProblem>> = read(&run_op(
        op::MIGRATE,
        &[engine::SCHEMA_VERSION.to_string(), header, records],
    ));
    assert_eq!(answer.unwrap().workspace, demo);
}
