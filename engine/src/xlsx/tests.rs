use super::*;
use crate::demo::demo_organisation;
use calamine::{Data, Reader, Xlsx};

fn demo_book() -> (Workspace, Vec<u8>) {
    let ws = demo_organisation();
    let bytes = xlsx_export(&ws, Date::checked_new(2026, 11, 22)).unwrap();
    (ws, bytes)
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<&[u8]>> {
    Xlsx::new(Cursor::new(bytes)).unwrap()
}

/// The message of a preview refused as a whole.
fn refusal(result: Result<CsvPreview, Vec<CsvProblem>>) -> String {
    let problems = result.unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].row, 0);
    problems[0].message.clone()
}

#[test]
fn cells_are_typed_only_when_they_read_back_the_same() {
    assert!(matches!(typed("3"), Typed::Number(n) if n == 3.0));
    assert!(matches!(typed("0.25"), Typed::Number(n) if n == 0.25));
    assert!(matches!(typed("-12"), Typed::Number(n) if n == -12.0));
    for text in [
        "007",
        "1e5",
        "+3",
        "3.10",
        "A.5.1",
        "R-0001",
        "",
        " 3",
        "12345678901234567",
    ] {
        assert!(matches!(typed(text), Typed::Text(_)), "{text:?}");
    }
    // 2026-11-22 is Excel's day 46348.
    assert!(matches!(typed("2026-11-22"), Typed::Date(d) if d == 46348.0));
    assert!(matches!(typed("2026-02-30"), Typed::Text(_)));
    assert_eq!(column_letters(0), "A");
    assert_eq!(column_letters(25), "Z");
    assert_eq!(column_letters(27), "AB");
}

#[test]
fn the_demo_workbook_has_a_sheet_per_register_with_dates_numbers_and_level_colours() {
    let (ws, bytes) = demo_book();
    assert!(bytes.starts_with(b"PK"));
    let mut book = open(&bytes);
    assert_eq!(
        book.sheet_names(),
        [
            "Assets",
            "Risks",
            "Statement of Applicability",
            "Treatment plan",
            "Documents",
            "Objectives",
            "Measurements",
            "Audits",
            "Audit findings",
            "Nonconformities",
            "Corrective actions",
            "Incidents",
            "Management reviews",
            "Review actions",
        ]
    );
    let risks = book.worksheet_range("Risks").unwrap();
    let header: Vec<String> = risks
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(header[0], "ID");
    assert_eq!(&header[header.len() - 3..], LEVEL_HEADERS);
    assert_eq!(risks.height(), ws.risks.len() + 1);
    let first = &ws.risks[0];
    let row = 1;
    assert_eq!(
        risks.get((row, at("Title"))),
        Some(&Data::String(first.title.clone()))
    );
    // Likelihood is a number, not text.
    assert_eq!(
        risks.get((row, at("Likelihood"))),
        Some(&Data::Float(f64::from(first.likelihood.get())))
    );
    // A review date is a real date.
    let (index, risk) = ws
        .risks
        .iter()
        .enumerate()
        .find(|(_, r)| r.review_date.is_some())
        .unwrap();
    match risks.get((index + 1, at("Review date"))) {
        Some(Data::DateTime(when)) => {
            let (y, m, d, ..) = when.to_ymd_hms_milli();
            let date = risk.review_date.unwrap();
            assert_eq!((y, m, d), (date.year(), date.month(), date.day()));
        }
        other => panic!("review date written as {other:?}"),
    }
    // The level cells carry the methodology's colour for the level.
    let analysis = crate::analyze(&ws);
    let level = analysis.risks[0].inherent.level;
    let definition = ws.methodology.level_definition(level);
    assert_eq!(
        risks.get((row, at("Inherent level"))),
        Some(&Data::String(definition.name.clone()))
    );
    let styles = book.worksheet_style("Risks").unwrap();
    let fill = styles
        .get((row as u32, at("Inherent level") as u32))
        .and_then(|s| s.fill.as_ref())
        .and_then(|f| f.get_color())
        .unwrap();
    let rgb = colour(&definition.colour).unwrap();
    assert_eq!(
        (fill.red, fill.green, fill.blue),
        ((rgb >> 16) as u8, (rgb >> 8) as u8, rgb as u8)
    );
    // The cycle registers are there with their rows.
    let objectives = book.worksheet_range("Measurements").unwrap();
    let measured: usize = ws.objectives.iter().map(|o| o.measurements.len()).sum();
    assert!(measured > 0);
    assert_eq!(objectives.height(), measured + 1);
    let plan = book.worksheet_range("Treatment plan").unwrap();
    assert_eq!(plan.height(), ws.actions.len() + 1);
}

/// Every register read back from the exported workbook matches the
/// workspace exactly: dates, numbers and text survive the round trip.
#[test]
fn each_register_reads_back_unchanged() {
    let (ws, bytes) = demo_book();
    for kind in CsvKind::ALL {
        let preview = xlsx_preview(&ws, kind, &bytes).unwrap_or_else(|p| panic!("{kind:?}: {p:?}"));
        assert!(
            preview.is_empty(),
            "{kind:?}: {:?}",
            preview.updated.first()
        );
        assert!(!preview.unchanged.is_empty(), "{kind:?}");
        assert_eq!(preview.unchanged[0].row, 2);
        let ignored = if kind == CsvKind::Risks {
            LEVEL_HEADERS.map(String::from).to_vec()
        } else {
            Vec::new()
        };
        assert_eq!(preview.ignored_columns, ignored, "{kind:?}");
    }
}

/// A workbook made by someone else: the register further down its only
/// sheet, headers by alias, a real date and a number.
#[test]
fn a_users_workbook_is_previewed_with_its_own_row_numbers() {
    let ws = demo_organisation();
    let risk = &ws.risks[1];
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Risk register").unwrap();
    sheet.write_string(0, 0, "Our risks").unwrap();
    sheet.write_string(2, 0, "Risk ID").unwrap();
    sheet.write_string(2, 1, "Risk title").unwrap();
    sheet.write_string(2, 2, "Next review").unwrap();
    sheet.write_string(2, 3, "Probability").unwrap();
    sheet.write_string(3, 0, risk.id.as_str()).unwrap();
    sheet.write_string(3, 1, "Renamed by the auditor").unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    // 2027-01-15
    sheet
        .write_number_with_format(3, 2, 46402.0, &date)
        .unwrap();
    sheet.write_number(3, 3, 2.0).unwrap();
    // A new risk without an id.
    sheet.write_string(4, 1, "Supplier goes bankrupt").unwrap();
    sheet.write_number(4, 3, 1.0).unwrap();
    let bytes = book.save_to_buffer().unwrap();

    // The title row above the header is a problem of the header: it names
    // no column. Without it the register reads.
    let problems = xlsx_preview(&ws, CsvKind::Risks, &bytes).unwrap_err();
    assert_eq!(problems[0].row, 1, "{problems:?}");
    assert!(problems[0].message.contains("does not name the columns"));

    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Risk register").unwrap();
    let header = ["Risk ID", "Risk title", "Next review", "Probability", "CIA"];
    for (col, name) in header.iter().enumerate() {
        sheet.write_string(2, col as u16, *name).unwrap();
    }
    sheet.write_string(3, 0, risk.id.as_str()).unwrap();
    sheet.write_string(3, 1, "Renamed by the auditor").unwrap();
    sheet
        .write_number_with_format(3, 2, 46402.0, &date)
        .unwrap();
    sheet.write_number(3, 3, 2.0).unwrap();
    sheet.write_string(4, 1, "Supplier goes bankrupt").unwrap();
    sheet.write_number(4, 3, 1.0).unwrap();
    let properties: Vec<&str> = risk.properties.iter().map(crate::Property::name).collect();
    sheet.write_string(3, 4, properties.join("; ")).unwrap();
    sheet.write_string(4, 4, "availability").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let preview = xlsx_preview(&ws, CsvKind::Risks, &bytes).unwrap();
    assert_eq!(preview.updated.len(), 1);
    let updated = &preview.updated[0];
    assert_eq!(updated.row, 4, "the sheet's own row number");
    let change = |column: &str| {
        updated
            .changes
            .iter()
            .find(|c| c.column == column)
            .map(|c| c.new.clone())
    };
    assert_eq!(change("Title").as_deref(), Some("Renamed by the auditor"));
    assert_eq!(change("Review date").as_deref(), Some("2027-01-15"));
    assert_eq!(preview.added.len(), 1);
    assert_eq!(preview.added[0].row, 5);
    assert_eq!(preview.added[0].label, "Supplier goes bankrupt");

    // Applied, the workspace holds the new title and date.
    let applied = crate::csv_apply(&ws, &preview);
    let after = applied.risks.iter().find(|r| r.id == risk.id).unwrap();
    assert_eq!(after.title, "Renamed by the auditor");
    assert_eq!(after.review_date, Date::checked_new(2027, 1, 15));
    assert_eq!(applied.risks.len(), ws.risks.len() + 1);
}

#[test]
fn bad_cells_are_named_by_sheet_row_and_column() {
    let (ws, _) = demo_book();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Assets").unwrap();
    for (col, name) in ["ID", "Name", "C"].iter().enumerate() {
        sheet.write_string(0, col as u16, *name).unwrap();
    }
    sheet.write_string(1, 0, ws.assets[0].id.as_str()).unwrap();
    sheet.write_string(1, 1, "Payroll").unwrap();
    sheet.write_number(1, 2, 99.0).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let problems = xlsx_preview(&ws, CsvKind::Assets, &bytes).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!((problems[0].row, problems[0].column.as_str()), (2, "C"));

    // A formula's error value is refused with its cell.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Assets").unwrap();
    sheet.write_string(0, 0, "ID").unwrap();
    sheet.write_string(0, 1, "Name").unwrap();
    sheet.write_string(1, 0, "A-0999").unwrap();
    sheet
        .write_formula(
            1,
            1,
            rust_xlsxwriter::Formula::new("=1/0").set_result("#DIV/0!"),
        )
        .unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let problems = xlsx_preview(&ws, CsvKind::Assets, &bytes).unwrap_err();
    assert_eq!(
        (problems[0].row, problems[0].column.as_str()),
        (2, "B"),
        "{problems:?}"
    );
    assert!(problems[0].message.contains("#DIV/0!"), "{problems:?}");
}

#[test]
fn files_that_are_not_workbooks_get_one_clear_message() {
    let ws = demo_organisation();
    let text = refusal(xlsx_preview(&ws, CsvKind::Risks, b"ID,Title\r\nR-1,x\r\n"));
    assert!(
        text.contains("not an Excel workbook") && text.contains("CSV"),
        "{text}"
    );
    let text = refusal(xlsx_preview(&ws, CsvKind::Risks, b""));
    assert!(text.contains("empty"), "{text}");
    let old = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0];
    let text = refusal(xlsx_preview(&ws, CsvKind::Risks, &old));
    assert!(text.contains(".xls"), "{text}");
    let text = refusal(xlsx_preview(&ws, CsvKind::Risks, b"PK\x03\x04 broken zip"));
    assert!(text.contains("not an Excel workbook"), "{text}");
    let huge = vec![0u8; MAX_XLSX_BYTES + 1];
    let text = refusal(xlsx_preview(&ws, CsvKind::Risks, &huge));
    assert!(text.contains("over 32 MB"), "{text}");

    // A workbook without the register's sheet lists the sheets it has.
    let mut book = Workbook::new();
    book.add_worksheet().set_name("Budget").unwrap();
    book.add_worksheet().set_name("Notes").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let text = refusal(xlsx_preview(&ws, CsvKind::Soa, &bytes));
    assert!(
        text.contains("“Statement of Applicability”") && text.contains("“Budget”, “Notes”"),
        "{text}"
    );
    // An empty sheet says so.
    let mut book = Workbook::new();
    book.add_worksheet().set_name("Risks").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let text = refusal(xlsx_preview(&ws, CsvKind::Risks, &bytes));
    assert!(text.contains("is empty"), "{text}");
}

#[test]
fn sheets_are_found_by_register_name() {
    let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let found = |list: &[&str], kind| find_sheet(&names(list), kind);
    assert_eq!(found(&["x", "SoA"], CsvKind::Soa).unwrap(), "SoA");
    assert_eq!(
        found(&["x", "Asset register"], CsvKind::Assets).unwrap(),
        "Asset register"
    );
    assert_eq!(
        found(&["x", "Nonconformity register"], CsvKind::Nonconformities).unwrap(),
        "Nonconformity register"
    );
    assert_eq!(found(&["Sheet1"], CsvKind::Risks).unwrap(), "Sheet1");
    assert!(found(&["Sheet1", "Sheet2"], CsvKind::Risks).is_err());
}

#[test]
fn long_cells_are_cut_to_what_excel_keeps_with_a_note() {
    let mut ws = demo_organisation();
    ws.assets[0].description = "x".repeat(40_000);
    let bytes = xlsx_export(&ws, None).unwrap();
    let mut book = open(&bytes);
    let assets = book.worksheet_range("Assets").unwrap();
    let column = assets
        .rows()
        .next()
        .unwrap()
        .iter()
        .position(|h| *h == Data::String("Description".into()))
        .unwrap();
    let cell = assets.get((1, column)).unwrap().to_string();
    assert_eq!(cell.encode_utf16().count(), MAX_CELL_CHARS);
    assert!(cell.ends_with("the JSON export has it all]"));
    // Characters outside the basic plane count twice, as Excel counts them.
    ws.assets[0].description = "🔒".repeat(20_000);
    let bytes = xlsx_export(&ws, None).unwrap();
    let mut book = open(&bytes);
    let assets = book.worksheet_range("Assets").unwrap();
    let cell = assets.get((1, column)).unwrap().to_string();
    assert!(cell.encode_utf16().count() <= MAX_CELL_CHARS);
    assert!(cell.starts_with("🔒🔒") && cell.ends_with("has it all]"));
}

/// The demo workbook with its part `replaced` holding `parts` times
/// `chunk`, written in pieces so the test never holds the unpacked text.
fn workbook_with_part(
    replaced: &str,
    head: &str,
    chunk: &[u8],
    parts: usize,
    tail: &str,
) -> Vec<u8> {
    use std::io::{Read, Write};
    let (_, bytes) = demo_book();
    let mut source = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for index in 0..source.len() {
        let mut file = source.by_index(index).unwrap();
        let name = file.name().unwrap().into_owned();
        out.start_file(name.as_str(), options).unwrap();
        if name == replaced {
            out.write_all(head.as_bytes()).unwrap();
            for _ in 0..parts {
                out.write_all(chunk).unwrap();
            }
            out.write_all(tail.as_bytes()).unwrap();
        } else {
            let mut content = Vec::new();
            file.read_to_end(&mut content).unwrap();
            out.write_all(&content).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_workbook_that_unpacks_to_too_much_is_refused_before_it_is_read() {
    let ws = demo_organisation();
    // 80 MiB of one-letter shared strings: a few hundred KB packed.
    let strings: Vec<u8> = b"<si><t>a</t></si>".repeat(65_536);
    let bomb = workbook_with_part(
        "xl/sharedStrings.xml",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
        &strings,
        80,
        "</sst>",
    );
    assert!(bomb.len() < 2 * 1024 * 1024, "packed: {} bytes", bomb.len());
    let text = refusal(xlsx_preview(&ws, CsvKind::Assets, &bomb));
    assert!(
        text.contains("“xl/sharedStrings.xml” unpacks to more than 64 MB"),
        "{text}"
    );

    // The same with the zip's directory claiming the part is small: the
    // count of what it really unpacks to refuses it all the same.
    let mut lying = bomb.clone();
    understate(&mut lying, "xl/sharedStrings.xml");
    let problems = xlsx_preview(&ws, CsvKind::Assets, &lying).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");

    // A workbook of ordinary size still imports.
    let (ws, bytes) = demo_book();
    let preview = xlsx_preview(&ws, CsvKind::Assets, &bytes).expect("the demo workbook reads");
    assert_eq!(preview.unchanged.len(), ws.assets.len());
}

/// Sets the unpacked size of `name` to 100 bytes in the local header and
/// the central directory of the zip archive `bytes`.
fn understate(bytes: &mut [u8], name: &str) {
    let mut patched = 0;
    for at in 0..bytes.len().saturating_sub(46) {
        let signature = &bytes[at..at + 4];
        let (size_at, name_len_at, name_at) = match signature {
            [0x50, 0x4b, 0x03, 0x04] => (at + 22, at + 26, at + 30),
            [0x50, 0x4b, 0x01, 0x02] => (at + 24, at + 28, at + 46),
            _ => continue,
        };
        let len = u16::from_le_bytes([bytes[name_len_at], bytes[name_len_at + 1]]) as usize;
        if bytes.get(name_at..name_at + len) == Some(name.as_bytes()) {
            bytes[size_at..size_at + 4].copy_from_slice(&100u32.to_le_bytes());
            patched += 1;
        }
    }
    assert!(patched >= 2, "local header and directory entry of {name}");
}
