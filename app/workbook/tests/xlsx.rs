//! The Excel workbook as the app gets it from its workbook module: the bytes
//! of the open workspace's workbook, and the preview of a sheet, read back
//! as the app reads it and applied like a CSV preview.

use engine::{
    csv_preview, decode, demo_organisation, export_json, CsvKind, CsvPreview, CsvProblem,
};
use isms_workbook::{xlsx_sheet_preview, xlsx_workbook};

fn read(text: &str) -> Result<CsvPreview, Vec<CsvProblem>> {
    let value: serde_json::Value = serde_json::from_str(text).expect("JSON text");
    decode(&value).expect("the app's types")
}

#[test]
fn the_workbook_of_an_edited_workspace_previews_the_edit() {
    let demo = demo_organisation();
    let mut edited = demo.clone();
    edited.assets[0].name = "Renamed in Excel".into();
    let bytes = xlsx_workbook(&export_json(&edited), "2026-11-22").expect("a workbook");
    assert!(bytes.starts_with(b"PK"), "a zip archive");

    let preview =
        read(&xlsx_sheet_preview(&export_json(&demo), "assets", &bytes)).expect("a valid preview");
    assert_eq!(preview.updated.len(), 1);
    assert_eq!(preview.updated[0].id, demo.assets[0].id.to_string());
    assert_eq!(preview.updated[0].row, 2);
    assert_eq!(preview.unchanged.len(), demo.assets.len() - 1);

    // The same as the CSV preview of the same register.
    let csv = engine::csv_export(&edited, CsvKind::Assets);
    assert_eq!(
        preview,
        csv_preview(&demo, CsvKind::Assets, &csv).expect("a valid preview")
    );
    let mut applied = demo.clone();
    applied.apply_csv_preview(&preview);
    assert_eq!(applied.assets, edited.assets);
}

#[test]
fn bad_input_is_one_clear_problem() {
    let demo = export_json(&demo_organisation());
    let refused = read(&xlsx_sheet_preview(&demo, "risks", b"not a workbook")).unwrap_err();
    assert_eq!(refused.len(), 1);
    assert!(refused[0].message.contains("not an Excel workbook"));

    let bytes = xlsx_workbook(&demo, "").expect("a workbook");
    let unknown = read(&xlsx_sheet_preview(&demo, "owls", &bytes)).unwrap_err();
    assert!(unknown[0].message.contains("owls"));

    let broken = xlsx_workbook("{\"schema_version\": 1", "").unwrap_err();
    assert!(broken.contains("could not be read"), "{broken}");
}
