//! Excel workbooks (feature `xlsx`): the whole workspace as one `.xlsx`
//! file with a sheet per register, and the asset, risk, SoA, document,
//! incident and nonconformity sheets read back through the CSV import.
//!
//! Export ([`xlsx_export`]): the sheets hold the same columns and cells as
//! the CSV export (`csv::sheets`), plus the registers CSV has no file for
//! (treatment plan, objectives and measurements, audits and findings,
//! corrective actions, management reviews and their actions). Each sheet has
//! a bold header row that stays in view (frozen) with a filter, column widths
//! from its content, and:
//! - cells that are ISO dates (`YYYY-MM-DD`) written as Excel dates with the
//!   format `yyyy-mm-dd`, and cells that are plain numbers written as numbers
//!   (only when the number reads back as the very same text, so "007" or
//!   "1e5" stay text);
//! - on the risk sheet, the inherent, current and planned level of each risk,
//!   filled with the methodology's colour for that level.
//!
//! Import ([`xlsx_preview`]): one sheet becomes the header row and rows of
//! cell text that the CSV import reads (dates back to `YYYY-MM-DD`, numbers
//! as written, formulas by their last computed value), so the preview, the
//! problems by row and column and [`crate::csv_apply`] are the CSV import's
//! own. Row numbers are the sheet's. A file that is not a workbook, has no
//! sheet for the register, holds an Excel error in a cell or is too big is
//! one clear problem.
//!
//! Written by `rust_xlsxwriter`, read by `calamine`; this module is compiled
//! only with the `xlsx` feature (the CLI and the app's second module), so the
//! app's first load holds none of it.

use crate::csv::sheets::{sheet_name, workbook_sheets, Sheet};
use crate::csv::{csv_preview, CsvKind, CsvPreview, CsvProblem};
use crate::model::{Date, Workspace};
use calamine::{DataRef, Reader, Xlsx};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError,
};
use std::io::Cursor;

/// The media type of an `.xlsx` file.
pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Largest workbook read, in bytes.
pub const MAX_XLSX_BYTES: usize = 32 * 1024 * 1024;

/// Most cells read from one sheet (beyond this the file is refused before
/// it can exhaust the memory of a browser tab).
pub const MAX_XLSX_CELLS: usize = 2_000_000;

/// Largest part of a workbook read once unpacked (a sheet, the shared
/// strings): a small file can unpack to gigabytes (a "zip bomb").
pub const MAX_XLSX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// Largest workbook read once unpacked, all its parts together.
pub const MAX_XLSX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;

/// Excel keeps at most this many characters in a cell.
const MAX_CELL_CHARS: usize = 32_767;

/// Excel's day 0 (1899-12-30) in days since 1970-01-01.
const EXCEL_EPOCH_UNIX_DAYS: i64 = -25_569;

/// Widest column, in characters.
const MAX_WIDTH: usize = 60;

fn failed(e: XlsxError) -> String {
    format!("the workbook could not be written: {e}")
}

/// A cell's text as Excel should hold it.
enum Typed<'a> {
    Text(&'a str),
    Number(f64),
    /// An Excel serial day number.
    Date(f64),
}

fn typed(text: &str) -> Typed<'_> {
    if text.len() == 10 {
        if let Some(date) = Date::parse(text) {
            return Typed::Date((date.unix_days() - EXCEL_EPOCH_UNIX_DAYS) as f64);
        }
    }
    if text.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
        if let Ok(number) = text.parse::<f64>() {
            if number.is_finite() && number.abs() < 1e15 && number.to_string() == text {
                return Typed::Number(number);
            }
        }
    }
    Typed::Text(text)
}

/// The part of `text` Excel can hold (counted in UTF-16 units, as Excel
/// counts), with a note where it was cut.
fn cell_text(text: &str) -> std::borrow::Cow<'_, str> {
    if text.encode_utf16().count() <= MAX_CELL_CHARS {
        return text.into();
    }
    let note =
        " […cut: Excel keeps at most 32,767 characters in a cell; the JSON export has it all]";
    let mut room = MAX_CELL_CHARS - note.encode_utf16().count();
    let mut cut = String::new();
    for c in text.chars() {
        if c.len_utf16() > room {
            break;
        }
        room -= c.len_utf16();
        cut.push(c);
    }
    cut.push_str(note);
    cut.into()
}

/// `#rrggbb` as a colour, or `None`.
fn colour(css: &str) -> Option<u32> {
    let hex = css.trim().strip_prefix('#')?;
    (hex.len() == 6)
        .then(|| u32::from_str_radix(hex, 16).ok())
        .flatten()
}

/// Black or white, whichever reads better on `rgb`.
fn text_on(rgb: u32) -> u32 {
    let channel = |shift: u32| f64::from((rgb >> shift) & 0xff);
    let luminance = 0.299 * channel(16) + 0.587 * channel(8) + 0.114 * channel(0);
    if luminance > 140.0 {
        0x00_0000
    } else {
        0xff_ffff
    }
}

/// A level cell: the level's name and its colour.
type LevelCell = (String, Option<u32>);

/// The level columns added to the risk sheet: for every risk (in register
/// order) its inherent, current and planned level.
fn risk_levels(workspace: &Workspace) -> Vec<[LevelCell; 3]> {
    let analysis = crate::analyze(workspace);
    let methodology = &workspace.methodology;
    let named = |level| {
        let definition = methodology.level_definition(level);
        (definition.name.clone(), colour(&definition.colour))
    };
    analysis
        .risks
        .iter()
        .map(|r| {
            [
                named(r.inherent.level),
                named(r.current.rating.level),
                named(r.planned.rating.level),
            ]
        })
        .collect()
}

const LEVEL_HEADERS: [&str; 3] = ["Inherent level", "Current level", "Planned level"];

struct Formats {
    header: Format,
    date: Format,
}

fn write_sheet(
    sheet: &mut Worksheet,
    formats: &Formats,
    content: &Sheet,
    levels: Option<&[[LevelCell; 3]]>,
) -> Result<(), XlsxError> {
    sheet.set_name(content.name)?;
    let table = &content.table;
    let mut widths: Vec<usize> = table.header.iter().map(|h| h.chars().count() + 4).collect();
    for (col, name) in table.header.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *name, &formats.header)?;
    }
    for (index, row) in table.rows.iter().enumerate() {
        let at = index as u32 + 1;
        for (col, text) in row.iter().enumerate() {
            let column = col as u16;
            match typed(text) {
                Typed::Text("") => {}
                Typed::Text(text) => {
                    sheet.write_string(at, column, cell_text(text).as_ref())?;
                }
                Typed::Number(number) => {
                    sheet.write_number(at, column, number)?;
                }
                Typed::Date(serial) => {
                    sheet.write_number_with_format(at, column, serial, &formats.date)?;
                }
            }
            let longest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            widths[col] = widths[col].max(longest + 2);
        }
    }
    let mut columns = table.header.len();
    if let Some(levels) = levels {
        let first = columns as u16;
        for (offset, name) in LEVEL_HEADERS.iter().enumerate() {
            sheet.write_string_with_format(0, first + offset as u16, *name, &formats.header)?;
            widths.push(name.len() + 4);
        }
        for (index, row) in levels.iter().enumerate() {
            for (offset, (name, fill)) in row.iter().enumerate() {
                let column = first + offset as u16;
                let at = index as u32 + 1;
                match fill {
                    Some(rgb) => {
                        let format = Format::new()
                            .set_background_color(Color::RGB(*rgb))
                            .set_font_color(Color::RGB(text_on(*rgb)));
                        sheet.write_string_with_format(at, column, name, &format)?;
                    }
                    None => {
                        sheet.write_string(at, column, name)?;
                    }
                }
                let width = &mut widths[columns + offset];
                *width = (*width).max(name.chars().count() + 2);
            }
        }
        columns += LEVEL_HEADERS.len();
    }
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, (*width).min(MAX_WIDTH) as f64)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    if columns > 0 {
        sheet.autofilter(0, 0, table.rows.len() as u32, columns as u16 - 1)?;
    }
    Ok(())
}

/// The workspace as an Excel workbook: one sheet per register (see the
/// module documentation). `created` is the date the file says it was made
/// (its document properties); without it, the clock's date.
pub fn xlsx_export(workspace: &Workspace, created: Option<Date>) -> Result<Vec<u8>, String> {
    let mut book = Workbook::new();
    let mut properties = DocProperties::new()
        .set_title(&workspace.name)
        .set_comment("Exported by ISMS Workbench");
    if let Some(date) = created {
        let when =
            ExcelDateTime::from_ymd(date.year(), date.month(), date.day()).map_err(failed)?;
        properties = properties.set_creation_datetime(&when);
    }
    book.set_properties(&properties);
    let formats = Formats {
        header: Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xe7_ecf3))
            .set_border_bottom(FormatBorder::Thin),
        date: Format::new().set_num_format("yyyy-mm-dd"),
    };
    let levels = risk_levels(workspace);
    for content in workbook_sheets(workspace) {
        let sheet = book.add_worksheet();
        let risk_levels = (content.kind == Some(CsvKind::Risks)).then_some(levels.as_slice());
        write_sheet(sheet, &formats, &content, risk_levels).map_err(failed)?;
    }
    book.save_to_buffer().map_err(failed)
}

fn whole_file(message: impl Into<String>) -> Vec<CsvProblem> {
    vec![CsvProblem {
        row: 0,
        column: String::new(),
        message: message.into(),
    }]
}

/// What a file that is not a workbook seems to be, for the message.
fn not_a_workbook(bytes: &[u8]) -> String {
    const START: &str = "this file is not an Excel workbook (.xlsx)";
    if bytes.is_empty() {
        format!("{START}: it is empty.")
    } else if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]) {
        format!(
            "{START}: it looks like an Excel 97-2003 workbook (.xls) or a password-protected one. \
             Open it in your spreadsheet, save it as an Excel workbook (.xlsx) without a password, \
             and import that."
        )
    } else if bytes.starts_with(b"PK") {
        format!(
            "{START}: it is a zip archive, but not one that holds a workbook (an OpenDocument \
             spreadsheet or another kind of file?). Save it as an Excel workbook (.xlsx) and \
             import that."
        )
    } else if std::str::from_utf8(&bytes[..bytes.len().min(4096)]).is_ok() {
        format!(
            "{START}: it is text. If it is a CSV file, import it as CSV instead; otherwise save \
             it from your spreadsheet as an Excel workbook (.xlsx)."
        )
    } else {
        format!("{START}. Save it from your spreadsheet as an Excel workbook (.xlsx).")
    }
}

/// The sheet of `names` that holds `kind`: the one named as the export
/// names it (case, spaces and punctuation aside), also "soa" or "asset
/// register"; else the only sheet of a workbook that has one.
fn find_sheet(names: &[String], kind: CsvKind) -> Result<String, String> {
    let simple = |text: &str| -> String {
        text.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let wanted = simple(sheet_name(kind));
    let plural = kind.name();
    let singular = match kind {
        CsvKind::Nonconformities => "nonconformity",
        CsvKind::Soa => "soa",
        _ => plural.trim_end_matches('s'),
    };
    let found = names.iter().find(|name| {
        let name = simple(name);
        let name = name.strip_suffix("register").unwrap_or(&name);
        name == wanted || name == plural || name == singular
    });
    if let Some(name) = found {
        return Ok(name.clone());
    }
    if let [only] = names {
        return Ok(only.clone());
    }
    let listed: Vec<String> = names.iter().map(|n| format!("“{n}”")).collect();
    Err(format!(
        "the workbook has no sheet named “{}” (its sheets: {}). Rename the sheet that holds \
         the register to “{}”, or choose the register that matches a sheet.",
        sheet_name(kind),
        if listed.is_empty() {
            "none".into()
        } else {
            listed.join(", ")
        },
        sheet_name(kind)
    ))
}

/// A cell's value as the CSV import reads it; an Excel error is `Err`.
fn cell_string(value: &DataRef<'_>) -> Result<String, String> {
    Ok(match value {
        DataRef::Empty => String::new(),
        DataRef::String(text) | DataRef::DateTimeIso(text) | DataRef::DurationIso(text) => {
            text.clone()
        }
        DataRef::SharedString(text) => (*text).to_owned(),
        DataRef::Int(number) => number.to_string(),
        DataRef::Float(number) => number.to_string(),
        DataRef::Bool(true) => "TRUE".into(),
        DataRef::Bool(false) => "FALSE".into(),
        DataRef::DateTime(when) if when.is_datetime() => {
            let (year, month, day, hour, minute, second, _) = when.to_ymd_hms_milli();
            if (hour, minute, second) == (0, 0, 0) {
                format!("{year:04}-{month:02}-{day:02}")
            } else {
                format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}")
            }
        }
        DataRef::DateTime(duration) => duration.as_f64().to_string(),
        DataRef::Error(error) => {
            return Err(format!(
                "the cell holds the spreadsheet error {error}; put a value in it instead"
            ))
        }
    })
}

/// Column letters of a 0-based column: 0 is "A", 27 is "AB".
fn column_letters(mut column: u32) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Refuses a workbook whose parts unpack to more than
/// [`MAX_XLSX_PART_BYTES`] each or [`MAX_XLSX_UNPACKED_BYTES`] together,
/// before calamine unpacks any of it. The sizes the zip's directory declares
/// are checked first; then each part is unpacked into nothing, counting, so
/// a directory that understates a size is caught as well. A file that is not
/// a zip archive passes, for calamine's own message to say what it is.
fn check_unpacked_sizes(bytes: &[u8]) -> Result<(), String> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mb = |bytes: u64| bytes / 1_048_576;
    let part_too_big = |name: &str| {
        format!(
            "the workbook's part “{name}” unpacks to more than {} MB, far more than a register              needs: the file is damaged or was made to exhaust memory, so it is not read. Copy              the register's sheet into a new workbook and import that.",
            mb(MAX_XLSX_PART_BYTES)
        )
    };
    let total_too_big = format!(
        "the workbook unpacks to more than {} MB, far more than a register needs: the file is          damaged or was made to exhaust memory, so it is not read. Copy the register's sheet into          a new workbook and import that.",
        mb(MAX_XLSX_UNPACKED_BYTES)
    );
    let name_of =
        |file: &zip::read::ZipFile<'_, _>| file.name().map(|n| n.into_owned()).unwrap_or_default();
    let mut declared = 0u64;
    for index in 0..archive.len() {
        let Ok(file) = archive.by_index_raw(index) else {
            continue;
        };
        if file.size() > MAX_XLSX_PART_BYTES {
            return Err(part_too_big(&name_of(&file)));
        }
        declared = declared.saturating_add(file.size());
        if declared > MAX_XLSX_UNPACKED_BYTES {
            return Err(total_too_big);
        }
    }
    let mut unpacked = 0u64;
    for index in 0..archive.len() {
        let Ok(mut file) = archive.by_index(index) else {
            continue;
        };
        let name = name_of(&file);
        let mut limited = std::io::Read::take(&mut file, MAX_XLSX_PART_BYTES + 1);
        // A part that cannot be unpacked is calamine's to report.
        let size = std::io::copy(&mut limited, &mut std::io::sink()).unwrap_or(0);
        if size > MAX_XLSX_PART_BYTES {
            return Err(part_too_big(&name));
        }
        unpacked = unpacked.saturating_add(size);
        if unpacked > MAX_XLSX_UNPACKED_BYTES {
            return Err(total_too_big);
        }
    }
    Ok(())
}

/// The sheet of `kind` in the workbook `bytes` as rows of cell text, from
/// its first row, and the number of empty rows above it.
fn sheet_rows(bytes: &[u8], kind: CsvKind) -> Result<(Vec<Vec<String>>, usize), Vec<CsvProblem>> {
    if bytes.len() > MAX_XLSX_BYTES {
        return Err(whole_file(format!(
            "the workbook is {:.0} MB; workbooks over {} MB are not imported. Keep only the \
             sheet to import and try again.",
            bytes.len() as f64 / 1_048_576.0,
            MAX_XLSX_BYTES / 1_048_576
        )));
    }
    check_unpacked_sizes(bytes).map_err(whole_file)?;
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|_| whole_file(not_a_workbook(bytes)))?;
    let name = find_sheet(&book.sheet_names(), kind).map_err(whole_file)?;
    let unreadable = |e: calamine::XlsxError| {
        whole_file(format!(
            "the sheet “{name}” could not be read ({e}). Save the workbook again from your \
             spreadsheet and import that."
        ))
    };
    let mut reader = book.worksheet_cells_reader(&name).map_err(unreadable)?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut problems = Vec::new();
    let mut first_row: Option<u32> = None;
    let mut count = 0usize;
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        count += 1;
        if count > MAX_XLSX_CELLS {
            return Err(whole_file(format!(
                "the sheet “{name}” has more than {MAX_XLSX_CELLS} cells, more than an import \
                 reads. Keep only the rows and columns of the register and try again."
            )));
        }
        let (row, column) = cell.get_position();
        let text = match cell_string(cell.get_value()) {
            Ok(text) => text,
            Err(message) => {
                problems.push(CsvProblem {
                    row: row as usize + 1,
                    column: column_letters(column),
                    message,
                });
                continue;
            }
        };
        if text.is_empty() {
            continue;
        }
        let first = *first_row.get_or_insert(row);
        let (Some(index), Ok(column)) = (row.checked_sub(first), usize::try_from(column)) else {
            continue;
        };
        let index = index as usize;
        if rows.len() <= index {
            rows.resize_with(index + 1, Vec::new);
        }
        let cells = &mut rows[index];
        if cells.len() <= column {
            cells.resize(column + 1, String::new());
        }
        cells[column] = text;
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if rows.is_empty() {
        return Err(whole_file(format!(
            "the sheet “{name}” is empty; it needs a header row and a row per record."
        )));
    }
    Ok((rows, first_row.unwrap_or(0) as usize))
}

/// CSV text of `rows` (the first is the header), as the CSV export writes
/// it, which the CSV import reads.
fn as_csv(rows: &[Vec<String>]) -> String {
    let header: Vec<&str> = rows
        .first()
        .map(|h| h.iter().map(String::as_str).collect())
        .unwrap_or_default();
    crate::csv::write_table(&header, rows.get(1..).unwrap_or_default())
}

/// What importing the sheet of `kind` from the workbook `bytes` into
/// `workspace` would change: the CSV import's preview of the same rows,
/// with the sheet's row numbers; apply it with [`crate::csv_apply`].
pub fn xlsx_preview(
    workspace: &Workspace,
    kind: CsvKind,
    bytes: &[u8],
) -> Result<CsvPreview, Vec<CsvProblem>> {
    let (rows, offset) = sheet_rows(bytes, kind)?;
    let shift = |row: &mut usize| {
        if *row > 0 {
            *row += offset;
        }
    };
    match csv_preview(workspace, kind, &as_csv(&rows)) {
        Ok(mut preview) => {
            for change in preview.added.iter_mut().chain(preview.updated.iter_mut()) {
                shift(&mut change.row);
            }
            for same in &mut preview.unchanged {
                shift(&mut same.row);
            }
            Ok(preview)
        }
        Err(mut problems) => {
            for problem in &mut problems {
                shift(&mut problem.row);
            }
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests;
