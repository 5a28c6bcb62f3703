//! RFC 4180 reading and writing: quoting, formula guards, separators.

use super::CsvProblem;

pub(super) const BOM: char = '\u{feff}';

/// Most problems [`csv_preview`] lists; a last one counts the rest.
pub(super) const MAX_CSV_PROBLEMS: usize = 200;

/// Whether a spreadsheet could take the cell for a formula: it starts with
/// `=`, `+`, `-` or `@`, or with a tab or carriage return, which some
/// spreadsheets skip before looking for those (the OWASP list for CSV
/// injection). A cell that starts with apostrophes followed by such a
/// character counts too, so that the apostrophe added on export can always
/// be removed on import.
fn formula_like(cell: &str) -> bool {
    let starts = |s: &str| s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    starts(cell) || (cell.starts_with('\'') && starts(cell.trim_start_matches('\'')))
}

fn write_cell(out: &mut String, cell: &str) {
    let guarded;
    let cell = if formula_like(cell) {
        guarded = format!("'{cell}");
        guarded.as_str()
    } else {
        cell
    };
    if cell.contains([',', '"', '\r', '\n', ';']) || cell.starts_with(' ') || cell.ends_with(' ') {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

pub(crate) fn write_table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    out.push(BOM);
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        for (index, cell) in cells.enumerate() {
            if index > 0 {
                out.push(',');
            }
            write_cell(&mut out, cell);
        }
        out.push_str("\r\n");
    };
    line(&mut header.iter().copied());
    for row in rows {
        line(&mut row.iter().map(String::as_str));
    }
    out
}

/// The separator of a file: comma, unless the header line (outside quotes)
/// has none but has semicolons or tabs, as files saved by spreadsheets in
/// some locales do.
pub(super) fn detect_separator(text: &str) -> char {
    let mut quoted = false;
    let (mut commas, mut semicolons, mut tabs) = (0, 0, 0);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            '\t' if !quoted => tabs += 1,
            _ => {}
        }
    }
    if commas > 0 {
        ','
    } else if tabs > 0 {
        '\t'
    } else if semicolons > 0 {
        ';'
    } else {
        ','
    }
}

/// Splits CSV text into records of cells, with the separator
/// [`detect_separator`] finds. A quote left open is reported with the row
/// it started in.
#[cfg(test)]
pub(super) fn parse_table(text: &str) -> Result<Vec<Vec<String>>, CsvProblem> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    parse_records(text, detect_separator(text), usize::MAX)
}

/// The first `limit` records of `text` (without byte order mark), cells
/// split at `separator`.
pub(super) fn parse_records(
    text: &str,
    separator: char,
    limit: usize,
) -> Result<Vec<Vec<String>>, CsvProblem> {
    let mut rows = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut quote_row = 0;
    let mut at_cell_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else {
                    quoted = false;
                }
            } else {
                cell.push(c);
            }
            continue;
        }
        match c {
            '"' if at_cell_start => {
                quoted = true;
                quote_row = rows.len() + 1;
                at_cell_start = false;
            }
            c if c == separator => {
                row.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_cell_start = true;
                if rows.len() >= limit {
                    return Ok(rows);
                }
            }
            c => {
                cell.push(c);
                at_cell_start = false;
            }
        }
    }
    if quoted {
        return Err(CsvProblem {
            row: quote_row,
            column: String::new(),
            message: "a quoted cell is never closed; check for a missing \" in this row".into(),
        });
    }
    if !at_cell_start || !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    Ok(rows)
}

/// Removes the apostrophe that export puts before formula-like cells.
pub(super) fn unguard(cell: &str) -> &str {
    if formula_like(cell) && cell.starts_with('\'') {
        &cell[1..]
    } else {
        cell
    }
}

/// Lower-case letters and digits only: "Asset ID" and "asset_id" both give
/// "assetid".
pub(super) fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

pub(super) fn split_list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|s| !s.is_empty())
}
