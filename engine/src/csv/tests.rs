use super::lookups::{
    Choices, APPLICABILITY, ASSET_KINDS, DECISIONS, IMPLEMENTATION, REASONS, RISK_STATUSES,
};
use super::table::{parse_table, unguard, write_table, MAX_CSV_PROBLEMS};
use super::*;
use crate::catalogue::annex_a_control_id;
use crate::demo::demo_organisation;

/// The exported table of `kind` with `edit` applied to the cell in `column`
/// of the row whose first cell is `id`.
fn edited(ws: &Workspace, kind: CsvKind, id: &str, column: &str, value: &str) -> String {
    let mut table = parse_table(&csv_export(ws, kind)).unwrap();
    let index = table[0].iter().position(|h| h == column).unwrap();
    let row = table.iter_mut().find(|r| r[0] == id).unwrap();
    row[index] = value.to_owned();
    let header: Vec<&str> = table[0].iter().map(String::as_str).collect();
    write_table(&header, &table[1..])
}

/// CSV writes the engine's keys with spaces and reads them back, with
/// its own spellings and aliases listed after them in messages.
#[test]
fn choices_come_from_the_engine_key_tables() {
    fn round_trip<T: Copy + PartialEq + std::fmt::Debug>(choices: &Choices<T>) {
        for &value in choices.all {
            assert_eq!(choices.parse(&choices.write(value)), Ok(value));
            assert_eq!(choices.parse((choices.name)(value)), Ok(value));
        }
    }
    round_trip(&ASSET_KINDS);
    round_trip(&DECISIONS);
    round_trip(&RISK_STATUSES);
    round_trip(&APPLICABILITY);
    round_trip(&IMPLEMENTATION);
    round_trip(&REASONS);
    assert_eq!(RISK_STATUSES.write(RiskStatus::InTreatment), "in treatment");
    let spellings = |choices: Vec<(ImplementationStatus, String)>| {
        choices.into_iter().map(|(_, s)| s).collect::<Vec<_>>()
    };
    assert_eq!(
        spellings(IMPLEMENTATION.spellings()),
        [
            "not started",
            "planned",
            "partially implemented",
            "implemented",
            "partial"
        ]
    );
    assert_eq!(APPLICABILITY.parse("Yes"), Ok(Applicability::Applicable));
    assert_eq!(
        REASONS.parse("legal"),
        Ok(InclusionReason::LegalOrRegulatory)
    );
    assert_eq!(
        DECISIONS.parse("maybe"),
        Err("\"maybe\" is not a treatment decision; use one of: undecided, mitigate, accept, avoid, transfer".into())
    );
}

#[test]
fn export_is_excel_friendly() {
    let mut ws = demo_organisation();
    ws.assets[0].description = "Line one, with a comma\nline two \"quoted\"".into();
    ws.assets[1].description = "=HYPERLINK(\"http://example.invalid\")".into();
    let text = csv_export(&ws, CsvKind::Assets);
    assert!(text.starts_with('\u{feff}'));
    assert!(text.starts_with(
        "\u{feff}ID,Name,Type,Owner,Confidentiality,Integrity,Availability,Classification,Description\r\n"
    ));
    assert!(text.contains(
        "A-0001,Patient appointment records,information,Grace Liu,4,4,4,Restricted,\"Line one, with a comma\nline two \"\"quoted\"\"\"\r\n"
    ));
    assert!(text.contains(",\"'=HYPERLINK(\"\"http://example.invalid\"\")\"\r\n"));
    assert!(text.ends_with("\r\n"));
    assert_eq!(text.matches("\r\n").count(), ws.assets.len() + 1);
    // And it all comes back unchanged.
    let preview = csv_preview(&ws, CsvKind::Assets, &text).unwrap();
    assert!(preview.is_empty(), "{:#?}", preview.updated);
}

#[test]
fn export_then_import_of_the_demo_changes_nothing() {
    let ws = demo_organisation();
    for kind in CsvKind::ALL {
        let text = csv_export(&ws, kind);
        let preview = csv_preview(&ws, kind, &text).unwrap_or_else(|p| panic!("{kind:?}: {p:#?}"));
        assert!(
            preview.added.is_empty() && preview.updated.is_empty(),
            "{kind:?}: {:#?}",
            preview.updated
        );
        let expected = match kind {
            CsvKind::Assets => ws.assets.len(),
            CsvKind::Risks => ws.risks.len(),
            CsvKind::Soa => ws.soa.len(),
            CsvKind::Documents => ws.documents.len(),
            CsvKind::Incidents => ws.incidents.len(),
            CsvKind::Nonconformities => ws.nonconformities.len(),
        };
        assert_eq!(preview.unchanged.len(), expected);
        assert!(preview.ignored_columns.is_empty());
        assert_eq!(csv_apply(&ws, &preview), ws);
    }
}

#[test]
fn an_edited_cell_is_exactly_one_change() {
    let ws = demo_organisation();
    let text = edited(&ws, CsvKind::Risks, "R-0007", "Owner", "Owen Gallagher");
    let preview = csv_preview(&ws, CsvKind::Risks, &text).unwrap();
    assert!(preview.added.is_empty());
    assert_eq!(preview.updated.len(), 1);
    let row = &preview.updated[0];
    assert_eq!((row.row, row.id.as_str()), (8, "R-0007"));
    assert_eq!(
        row.changes,
        vec![CsvFieldChange {
            column: "Owner".into(),
            old: "Helen Marsh".into(),
            new: "Owen Gallagher".into()
        }]
    );
    assert_eq!(preview.unchanged.len(), ws.risks.len() - 1);
    let after = csv_apply(&ws, &preview);
    assert_eq!(after.risks[6].owner.as_ref().unwrap().as_str(), "P-14");
    assert_eq!(csv_export(&after, CsvKind::Risks), text);
    let mut expected = ws.clone();
    expected.risks[6].owner = Some(PersonId::try_new("P-14").unwrap());
    assert_eq!(after, expected);
}

#[test]
fn every_problem_is_reported_with_row_and_column() {
    let ws = demo_organisation();
    let text = "ID,Title,Assets,Likelihood,Impact,Review date,Controls,Owner\r\n\
                R-0001,Phishing,A-0001; A-9999,4,,2026-01-01,A.8.5,Grace Liu\r\n\
                R-0002,Ransomware,A-0002,7,3,31/12/2026,A.8.13,\r\n\
                R-0001,Again,A-0001,2,2,,,\r\n\
                R-0003,Bad control,A-0003,2,2,,A.9.9,Nobody Known\r\n\
                ,No likelihood,A-0001,,,,,\r\n";
    let problems = csv_preview(&ws, CsvKind::Risks, text).unwrap_err();
    let found: Vec<(usize, &str)> = problems
        .iter()
        .map(|p| (p.row, p.column.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (2, "Assets"),
            (3, "Likelihood"),
            (3, "Review date"),
            (4, "ID"),
            (5, "Owner"),
            (5, "Controls"),
            (6, "Likelihood"),
        ],
        "{problems:#?}"
    );
    assert!(problems[0].message.contains("A-9999"));
    assert!(problems[1].message.contains("1 to 5"));
    assert!(problems[2].message.contains("YYYY-MM-DD"));
    assert!(problems[3].message.contains("row 2"));

    let missing = csv_preview(&ws, CsvKind::Soa, "Title,Status\r\nx,planned\r\n").unwrap_err();
    assert_eq!((missing[0].row, missing[0].column.as_str()), (1, "Control"));
    let unclosed = csv_preview(&ws, CsvKind::Assets, "ID,Name\r\nA-0001,\"open\r\n").unwrap_err();
    assert_eq!(unclosed[0].row, 2);
}

#[test]
fn headers_aliases_separators_and_bom_are_flexible() {
    let ws = demo_organisation();
    // No BOM, semicolons, LF line ends, aliases in any case, owner by id,
    // values by label, columns in another order.
    let text = "asset id;OWNER;c;Asset Name;Kind;I;Availability;Notes\n\
                A-0002;P-04;Severe;Remote monitoring readings;Information;5;4;Changed note\n";
    let preview = csv_preview(&ws, CsvKind::Assets, text).unwrap();
    assert_eq!(preview.updated.len(), 1);
    let columns: Vec<&str> = preview.updated[0]
        .changes
        .iter()
        .map(|c| c.column.as_str())
        .collect();
    assert_eq!(columns, ["Owner", "Description"]);
    assert_eq!(preview.updated[0].changes[0].new, "Tomasz Wierzbicki");
    assert!(preview.ignored_columns.is_empty());

    let with_extra = "\u{feff}ID,Name,Comment\r\nA-0001,Patient appointment records,hello\r\n";
    let preview = csv_preview(&ws, CsvKind::Assets, with_extra).unwrap();
    assert_eq!(preview.ignored_columns, ["Comment"]);
    assert_eq!(preview.unchanged.len(), 1);
}

#[test]
fn new_rows_get_ids_and_defaults() {
    let ws = demo_organisation();
    let text = "Title,Threat,Likelihood,Assets,Treatment\r\n\
                Courier loses a gateway,Loss of a device or document,2,Home monitoring gateways,mitigate\r\n\
                Second new risk,T-02,3,A-0012,\r\n";
    let preview = csv_preview(&ws, CsvKind::Risks, text).unwrap();
    assert_eq!(preview.added.len(), 2);
    assert_eq!(preview.added[0].id, "R-0061");
    assert_eq!(preview.added[1].id, "R-0062");
    let after = csv_apply(&ws, &preview);
    let risk = after.risk(&RiskId::try_new("R-0061").unwrap()).unwrap();
    assert_eq!(risk.threat.as_ref().unwrap().as_str(), "T-19");
    assert_eq!(risk.assets[0].as_str(), "A-0022");
    assert_eq!(risk.properties, ws.threats[18].harms);
    assert_eq!(after.risks.len(), 62);
    assert!(crate::import_json(&crate::export_json(&after)).is_ok());

    let assets = "ID,Name,Type\r\nA-0100,Shredder,hardware\r\n";
    let problems = csv_preview(&ws, CsvKind::Assets, assets).unwrap_err();
    let columns: Vec<&str> = problems.iter().map(|p| p.column.as_str()).collect();
    assert_eq!(columns, ["Confidentiality", "Integrity", "Availability"]);
}

#[test]
fn soa_import_sets_decisions_and_control_status() {
    let ws = demo_organisation();
    let text = "Control,Applicability,Reasons,Status,Exclusion justification\r\n\
                5.22,applicable,risk treatment; Contractual,partially implemented,\r\n\
                A.8.12,excluded,,not started,\r\n";
    let problems = csv_preview(&ws, CsvKind::Soa, text).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(
        (problems[0].row, problems[0].column.as_str()),
        (3, "Exclusion justification")
    );

    let text = "Control,Applicability,Reasons,Status\r\n\
                5.22,applicable,risk treatment; Contractual,partially implemented\r\n";
    let preview = csv_preview(&ws, CsvKind::Soa, text).unwrap();
    let changes = &preview.updated[0].changes;
    assert_eq!(preview.updated[0].id, "A.5.22");
    assert_eq!(changes.len(), 2, "{changes:#?}");
    assert_eq!(changes[0].new, "risk treatment; contractual");
    assert_eq!(
        (changes[1].old.as_str(), changes[1].new.as_str()),
        ("not started", "partially implemented")
    );
    let after = csv_apply(&ws, &preview);
    let id = annex_a_control_id("5.22");
    assert_eq!(
        after.control(&id).unwrap().status,
        ImplementationStatus::Partial
    );

    let unknown = csv_preview(&ws, CsvKind::Soa, "Control\r\n9.1\r\n").unwrap_err();
    assert!(unknown[0].message.contains("no control"));
}

#[test]
fn acceptance_columns_travel_together() {
    let ws = demo_organisation();
    let text = edited(&ws, CsvKind::Risks, "R-0058", "Accepted by", "Amira Okafor");
    let problems = csv_preview(&ws, CsvKind::Risks, &text).unwrap_err();
    assert_eq!(problems[0].column, "Accepted on");
    let mut table = parse_table(&text).unwrap();
    let on = table[0].iter().position(|h| h == "Accepted on").unwrap();
    table.iter_mut().find(|r| r[0] == "R-0058").unwrap()[on] = "2026-11-20".into();
    let header: Vec<&str> = table[0].iter().map(String::as_str).collect();
    let preview = csv_preview(&ws, CsvKind::Risks, &write_table(&header, &table[1..])).unwrap();
    let after = csv_apply(&ws, &preview);
    let acceptance = after.risks[57].acceptance.as_ref().unwrap();
    assert_eq!(acceptance.date.to_string(), "2026-11-20");
    assert_eq!(acceptance.accepted_by.as_str(), "P-01");
}

#[test]
fn a_header_that_names_no_column_is_one_problem() {
    let ws = demo_organisation();
    let export = csv_export(&ws, CsvKind::Assets);
    let expected = "The headers this import reads are: ID, Name, Type, Owner, Confidentiality, Integrity, Availability, Classification, Description.";

    // Vertical bars between cells.
    let bars = export.replace(',', "|");
    let problems = csv_preview(&ws, CsvKind::Assets, &bars).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].row, 1);
    let message = &problems[0].message;
    assert!(
        message.starts_with(
            "the first row does not name the columns of the asset register (found \"ID|Name|Type|"
        ),
        "{message}"
    );
    assert!(
        message.contains("separated by vertical bars '|'"),
        "{message}"
    );
    assert!(message.ends_with(expected), "{message}");

    // Semicolons with headers this import does not know.
    let mut german = String::from("Kennung;Bezeichnung;Art\r\n");
    for n in 1..=300 {
        german.push_str(&format!("X-{n};Gerät {n};Hardware\r\n"));
    }
    let problems = csv_preview(&ws, CsvKind::Assets, &german).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].message.contains("\"Kennung;Bezeichnung;Art\""));

    // No header row.
    let headless: String = export.split_inclusive("\r\n").skip(1).collect();
    let problems = csv_preview(&ws, CsvKind::Assets, &headless).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].message.contains("looks like data"),
        "{problems:#?}"
    );

    // The risk register's file offered as assets.
    let risks = csv_export(&ws, CsvKind::Risks);
    let problems = csv_preview(&ws, CsvKind::Assets, &risks).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].message.contains("choose \"risks\""),
        "{problems:#?}"
    );
}

#[test]
fn a_semicolon_file_with_a_comma_in_a_header_is_read_by_semicolons() {
    let ws = demo_organisation();
    let text = "ID;Name;Notes, remarks\r\nA-0001;Patient appointment records;x\r\n";
    let preview = csv_preview(&ws, CsvKind::Assets, text).unwrap();
    assert_eq!(preview.unchanged.len(), 1);
    assert_eq!(preview.ignored_columns, ["Notes, remarks"]);
}

#[test]
fn row_problems_are_capped_with_a_count_of_the_rest() {
    let ws = demo_organisation();
    let mut text = String::from("Title,Likelihood\r\n");
    for n in 1..=300 {
        text.push_str(&format!("Risk {n},very likely\r\n"));
    }
    let problems = csv_preview(&ws, CsvKind::Risks, &text).unwrap_err();
    assert_eq!(problems.len(), MAX_CSV_PROBLEMS + 1);
    let last = problems.last().unwrap();
    assert_eq!(last.row, MAX_CSV_PROBLEMS + 2);
    assert_eq!(
        last.to_string(),
        "row 202: and 100 more problems from this row on, not listed here; correct the ones above and import again"
    );
}

#[test]
fn choices_are_named_with_their_article() {
    let ws = demo_organisation();
    let problems = csv_preview(&ws, CsvKind::Soa, "Control,Status\r\n5.1,done\r\n").unwrap_err();
    assert!(
        problems[0]
            .message
            .starts_with("\"done\" is not an implementation status;"),
        "{problems:?}"
    );
}

#[test]
fn cells_starting_with_tab_or_carriage_return_are_guarded() {
    let mut ws = demo_organisation();
    ws.assets[0].description = "\t=HYPERLINK(\"http://example.invalid\")".into();
    ws.assets[1].description = "\r@SUM(1+1)".into();
    ws.assets[2].description = "'\tquoted on purpose".into();
    let text = csv_export(&ws, CsvKind::Assets);
    assert!(text.contains(",\"'\t=HYPERLINK(\"\""), "{text}");
    assert!(text.contains(",\"'\r@SUM(1+1)\"\r\n"), "{text}");
    assert!(text.contains(",''\tquoted on purpose\r\n"), "{text}");
    let preview = csv_preview(&ws, CsvKind::Assets, &text).unwrap();
    assert!(preview.is_empty(), "{:#?}", preview.updated);
    assert_eq!(preview.unchanged.len(), ws.assets.len());
}

#[test]
fn cells_survive_quoting_round_trips() {
    for cell in [
        "\tTAB",
        "\rCR",
        "'\t",
        "plain",
        "a,b",
        "say \"hi\"",
        "two\r\nlines",
        " padded ",
        "-bullet",
        "'=x",
        "@sum",
        "",
        "x;y",
    ] {
        let text = write_table(&["h"], &[vec![cell.to_owned()]]);
        let table = parse_table(&text).unwrap();
        assert_eq!(unguard(&table[1][0]), cell, "{text:?}");
    }
}
