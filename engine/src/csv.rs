//! CSV export and import of the asset register, the risk register and the
//! Statement of Applicability, in the shape spreadsheet users expect
//! (PRODUCT.md section 4: "CSV export and import ... (Excel-friendly)").
//!
//! Export: UTF-8 with a byte order mark (so Excel detects the encoding),
//! RFC 4180 quoting, CRLF line ends, ISO-8601 dates, several values in one
//! cell separated by `"; "`, people by name (by id when two people share a
//! name). Cells that a spreadsheet would run as a formula (starting with
//! `=`, `+`, `-`, `@`, a tab or a carriage return) are written with a
//! leading apostrophe, which import removes again.
//!
//! Import is two steps: [`csv_preview`] checks the whole file against the
//! workspace and lists the rows to add, the rows to update (field by field)
//! and the unchanged rows, or every problem with its row and column;
//! [`csv_apply`] then applies an accepted preview. Headers are matched
//! without regard to case, spaces or punctuation, with common aliases
//! ("Asset ID" or "id", "C" or "Confidentiality"); columns the file does not
//! have leave those fields as they are, unknown columns are ignored and
//! listed. Comma, semicolon and tab separated files are all read: the
//! separator is the one under which the header names the most columns. A
//! header that names none of the register's columns is one problem that
//! says what was found and what is expected, not one per row; row problems
//! are capped at 200 with a count of the rest.

use crate::catalogue::annex_a_control_id;
use crate::methodology::{Impact, Likelihood};
use crate::model::key_table;
use crate::model::*;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Which register a CSV file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CsvKind {
    Assets,
    Risks,
    Soa,
}

// The key is also the file name stem for downloads.
key_table!(CsvKind {
    Assets => "assets",
    Risks => "risks",
    Soa => "soa",
});

/// One problem of an imported file: where and what, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CsvProblem {
    /// 1-based row of the file; the header is row 1. Rows are records, so a
    /// cell with line breaks does not shift the numbering.
    pub row: usize,
    /// The column's header as written in the file; empty when the problem
    /// concerns the whole row or file.
    pub column: String,
    pub message: String,
}

impl fmt::Display for CsvProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.column.is_empty() {
            write!(f, "row {}: {}", self.row, self.message)
        } else {
            write!(
                f,
                "row {}, column {:?}: {}",
                self.row, self.column, self.message
            )
        }
    }
}

/// One field that an import changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CsvFieldChange {
    /// The column's standard header, e.g. "Owner".
    pub column: String,
    /// The value now, as it would be exported; empty for new rows.
    pub old: String,
    /// The value after import.
    pub new: String,
}

/// A row that adds or updates an object.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CsvRowChange {
    pub row: usize,
    pub id: String,
    /// Name, title or control title.
    pub label: String,
    pub changes: Vec<CsvFieldChange>,
    #[serde(skip)]
    object: CsvObject,
}

/// A row that matches the workspace exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CsvUnchanged {
    pub row: usize,
    pub id: String,
}

/// What an import would do; apply it with [`csv_apply`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CsvPreview {
    pub kind: CsvKind,
    pub added: Vec<CsvRowChange>,
    pub updated: Vec<CsvRowChange>,
    pub unchanged: Vec<CsvUnchanged>,
    /// Headers of the file that match no column; their cells are not read.
    pub ignored_columns: Vec<String>,
}

impl CsvPreview {
    /// True when applying the preview would change nothing.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.updated.is_empty()
    }
}

/// The parsed object of a row.
#[derive(Debug, Clone, PartialEq)]
enum CsvObject {
    Asset(Asset),
    Risk(Box<Risk>),
    Soa(SoaLine),
}

/// An SoA row: the entry and its control's implementation status.
#[derive(Debug, Clone, PartialEq)]
struct SoaLine {
    entry: SoaEntry,
    status: ImplementationStatus,
}

// ---------------------------------------------------------------------------
// RFC 4180 reading and writing

const BOM: char = '\u{feff}';

/// Most problems [`csv_preview`] lists; a last one counts the rest.
const MAX_CSV_PROBLEMS: usize = 200;

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

fn write_table(header: &[&str], rows: &[Vec<String>]) -> String {
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
fn detect_separator(text: &str) -> char {
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
fn parse_table(text: &str) -> Result<Vec<Vec<String>>, CsvProblem> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    parse_records(text, detect_separator(text), usize::MAX)
}

/// The first `limit` records of `text` (without byte order mark), cells
/// split at `separator`.
fn parse_records(
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
fn unguard(cell: &str) -> &str {
    if formula_like(cell) && cell.starts_with('\'') {
        &cell[1..]
    } else {
        cell
    }
}

/// Lower-case letters and digits only: "Asset ID" and "asset_id" both give
/// "assetid".
fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn split_list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|s| !s.is_empty())
}

// ---------------------------------------------------------------------------
// Lookups shared by the columns

struct Context<'a> {
    workspace: &'a Workspace,
    people: HashSet<&'a str>,
    people_by_name: HashMap<String, Vec<&'a str>>,
    person_names: HashMap<&'a str, &'a str>,
    assets: HashSet<&'a str>,
    assets_by_name: HashMap<String, Vec<&'a str>>,
    threats: HashSet<&'a str>,
    threats_by_name: HashMap<String, Vec<&'a str>>,
    vulnerabilities: HashSet<&'a str>,
    vulnerabilities_by_name: HashMap<String, Vec<&'a str>>,
    controls: HashMap<&'a str, &'a Control>,
}

fn by_name<'a>(items: impl Iterator<Item = (&'a str, &'a str)>) -> HashMap<String, Vec<&'a str>> {
    let mut map: HashMap<String, Vec<&str>> = HashMap::new();
    for (id, name) in items {
        map.entry(name.trim().to_lowercase()).or_default().push(id);
    }
    map
}

impl<'a> Context<'a> {
    fn new(ws: &'a Workspace) -> Self {
        Context {
            workspace: ws,
            people: ws.people.iter().map(|p| p.id.as_str()).collect(),
            people_by_name: by_name(ws.people.iter().map(|p| (p.id.as_str(), p.name.as_str()))),
            person_names: ws
                .people
                .iter()
                .map(|p| (p.id.as_str(), p.name.as_str()))
                .collect(),
            assets: ws.assets.iter().map(|a| a.id.as_str()).collect(),
            assets_by_name: by_name(ws.assets.iter().map(|a| (a.id.as_str(), a.name.as_str()))),
            threats: ws.threats.iter().map(|t| t.id.as_str()).collect(),
            threats_by_name: by_name(ws.threats.iter().map(|t| (t.id.as_str(), t.name.as_str()))),
            vulnerabilities: ws.vulnerabilities.iter().map(|v| v.id.as_str()).collect(),
            vulnerabilities_by_name: by_name(
                ws.vulnerabilities
                    .iter()
                    .map(|v| (v.id.as_str(), v.name.as_str())),
            ),
            controls: ws.controls.iter().map(|c| (c.id.as_str(), c)).collect(),
        }
    }

    /// A person as exported: the name when it identifies one person, else
    /// the id.
    fn person(&self, id: &Option<PersonId>) -> String {
        let Some(id) = id else {
            return String::new();
        };
        match self.person_names.get(id.as_str()) {
            Some(name)
                if self
                    .people_by_name
                    .get(&name.trim().to_lowercase())
                    .is_some_and(|ids| ids.len() == 1)
                    && !name.trim().is_empty()
                    && !self.people.contains(name.trim()) =>
            {
                (*name).to_owned()
            }
            _ => id.to_string(),
        }
    }

    fn find_person(&self, cell: &str) -> Result<Option<PersonId>, String> {
        resolve(cell, &self.people, &self.people_by_name, "person", "people")
            .map(|found| found.map(|id| PersonId::try_new(id).expect("known id")))
    }

    fn control(&self, cell: &str) -> Result<ControlId, String> {
        let text = cell.trim();
        if self.controls.contains_key(text) {
            return Ok(ControlId::try_new(text).expect("known id"));
        }
        // "5.1" or "A 5.1" for Annex A control A.5.1.
        let number = text
            .trim_start_matches(['A', 'a'])
            .trim_start_matches(['.', ' ']);
        if number.starts_with(|c: char| c.is_ascii_digit()) {
            let id = annex_a_control_id_checked(number);
            if let Some(id) = id.filter(|id| self.controls.contains_key(id.as_str())) {
                return Ok(id);
            }
        }
        Err(format!("there is no control {text:?} in this workspace"))
    }
}

fn annex_a_control_id_checked(number: &str) -> Option<ControlId> {
    ControlId::try_new(number)
        .ok()
        .map(|_| annex_a_control_id(number))
}

/// An id or a name of one of `ids`; blank gives `None`.
fn resolve<'a>(
    cell: &str,
    ids: &HashSet<&'a str>,
    names: &HashMap<String, Vec<&'a str>>,
    what: &str,
    register: &str,
) -> Result<Option<&'a str>, String> {
    let text = cell.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if let Some(id) = ids.get(text) {
        return Ok(Some(id));
    }
    match names.get(&text.to_lowercase()).map(Vec::as_slice) {
        Some([id]) => Ok(Some(id)),
        Some(several) => Err(format!(
            "{} {register} are called {text:?} ({}); use the id",
            several.len(),
            several.join(", ")
        )),
        None => Err(format!("there is no {what} with the id or name {text:?}")),
    }
}

fn date_cell(date: &Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

fn parse_date(cell: &str) -> Result<Option<Date>, String> {
    let text = cell.trim();
    if text.is_empty() {
        return Ok(None);
    }
    // Accept a date-time such as "2026-11-22T00:00:00" or "2026-11-22 00:00".
    let day = text
        .get(..10)
        .filter(|_| text.len() == 10 || matches!(text.as_bytes().get(10), Some(b'T' | b' ')));
    day.and_then(Date::parse)
        .map(Some)
        .ok_or_else(|| format!("{text:?} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-22"))
}

/// A level of a scale by number or label.
fn parse_level(cell: &str, scale: &crate::methodology::Scale, what: &str) -> Result<u8, String> {
    let text = cell.trim();
    let count = scale.len();
    let number = text
        .parse::<f64>()
        .ok()
        .filter(|n| n.fract() == 0.0 && *n >= 1.0 && *n <= count as f64)
        .map(|n| n as u8);
    number
        .or_else(|| {
            scale
                .levels()
                .iter()
                .position(|l| l.label.trim().eq_ignore_ascii_case(text))
                .map(|i| i as u8 + 1)
        })
        .ok_or_else(|| {
            format!("{text:?} is not on the {what} scale; use a number from 1 to {count} or a level name")
        })
}

fn parse_percent(cell: &str) -> Result<Percent, String> {
    let text = cell.trim().trim_end_matches('%').trim();
    if text.is_empty() {
        return Ok(Percent::ZERO);
    }
    text.parse::<u8>()
        .ok()
        .and_then(Percent::checked_new)
        .ok_or_else(|| format!("{:?} is not a percentage from 0 to 100", cell.trim()))
}

/// How CSV spells the values of an enum: the engine's key table (`ALL`,
/// `name()`) with spaces for underscores ("in treatment"), except where
/// `written` gives CSV's own spelling, plus `aliases` that are read but never
/// written. Reading ignores case, spaces, `_` and `-`.
struct Choices<T: 'static> {
    all: &'static [T],
    name: fn(T) -> &'static str,
    written: &'static [(T, &'static str)],
    aliases: &'static [(T, &'static str)],
    /// What a value is, for messages: "treatment decision".
    what: &'static str,
}

impl<T: Copy + PartialEq> Choices<T> {
    /// The spelling CSV writes for `value`.
    fn write(&self, value: T) -> String {
        self.written
            .iter()
            .find(|(v, _)| *v == value)
            .map(|(_, spelling)| (*spelling).to_owned())
            .unwrap_or_else(|| (self.name)(value).replace('_', " "))
    }

    /// Every spelling read, in the order messages list them: the written
    /// ones, the engine's keys that differ from them, then the aliases.
    fn spellings(&self) -> Vec<(T, String)> {
        let written = self.all.iter().map(|&value| (value, self.write(value)));
        let keys = self.all.iter().filter_map(|&value| {
            let key = (self.name)(value);
            (normalise(key) != normalise(&self.write(value)))
                .then(|| (value, key.replace('_', " ")))
        });
        let aliases = self
            .aliases
            .iter()
            .map(|&(value, alias)| (value, alias.to_owned()));
        written.chain(keys).chain(aliases).collect()
    }

    /// The value spelled `cell`.
    fn parse(&self, cell: &str) -> Result<T, String> {
        let wanted = normalise(cell);
        let spellings = self.spellings();
        spellings
            .iter()
            .find(|(_, spelling)| normalise(spelling) == wanted)
            .map(|(value, _)| *value)
            .ok_or_else(|| {
                let names: Vec<&str> = spellings.iter().map(|(_, n)| n.as_str()).collect();
                let what = self.what;
                let article = if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                };
                format!(
                    "{:?} is not {article} {what}; use one of: {}",
                    cell.trim(),
                    names.join(", ")
                )
            })
    }
}

const ASSET_KINDS: Choices<AssetKind> = Choices {
    all: &AssetKind::ALL,
    name: AssetKind::name,
    written: &[],
    aliases: &[],
    what: "type of asset",
};

const DECISIONS: Choices<TreatmentDecision> = Choices {
    all: &TreatmentDecision::ALL,
    name: TreatmentDecision::name,
    written: &[],
    aliases: &[],
    what: "treatment decision",
};

const RISK_STATUSES: Choices<RiskStatus> = Choices {
    all: &RiskStatus::ALL,
    name: RiskStatus::name,
    written: &[],
    aliases: &[],
    what: "risk status",
};

const APPLICABILITY: Choices<Applicability> = Choices {
    all: &Applicability::ALL,
    name: Applicability::name,
    written: &[],
    aliases: &[
        (Applicability::Applicable, "yes"),
        (Applicability::Excluded, "no"),
        (Applicability::Applicable, "included"),
    ],
    what: "applicability",
};

const IMPLEMENTATION: Choices<ImplementationStatus> = Choices {
    all: &ImplementationStatus::ALL,
    name: ImplementationStatus::name,
    written: &[(ImplementationStatus::Partial, "partially implemented")],
    aliases: &[],
    what: "implementation status",
};

const REASONS: Choices<InclusionReason> = Choices {
    all: &InclusionReason::ALL,
    name: InclusionReason::name,
    written: &[],
    aliases: &[
        (InclusionReason::LegalOrRegulatory, "legal"),
        (InclusionReason::LegalOrRegulatory, "regulatory"),
    ],
    what: "reason for inclusion",
};

fn parse_properties(cell: &str) -> Result<PropertySet, String> {
    let mut set = PropertySet::EMPTY;
    for token in cell
        .split([';', ',', ' ', '/', '+'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let lower = token.to_lowercase();
        match Property::ALL
            .iter()
            .find(|p| p.name() == lower || (lower == "confidential" && p.name() == "confidentiality"))
        {
            Some(property) => set.insert(*property),
            // "CIA", "CI", "a": the initials.
            None if lower.chars().all(|c| matches!(c, 'c' | 'i' | 'a')) => {
                for c in lower.chars() {
                    set.insert(match c {
                        'c' => Property::Confidentiality,
                        'i' => Property::Integrity,
                        _ => Property::Availability,
                    });
                }
            }
            None => {
                return Err(format!(
                    "{token:?} is not a security property; use confidentiality, integrity, availability (or C, I, A)"
                ))
            }
        }
    }
    Ok(set)
}

fn join_list<T: fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

// ---------------------------------------------------------------------------
// Columns

type Getter<T> = fn(&Context, &T) -> String;
type Setter<T> = fn(&Context, &mut T, &str) -> Result<(), String>;

struct Column<T> {
    /// Standard header, as exported.
    name: &'static str,
    /// Other headers accepted, normalised (see [`normalise`]).
    aliases: &'static [&'static str],
    get: Getter<T>,
    /// `None` for columns that are exported for reading only.
    set: Option<Setter<T>>,
}

fn column<T>(
    name: &'static str,
    aliases: &'static [&'static str],
    get: Getter<T>,
    set: Option<Setter<T>>,
) -> Column<T> {
    Column {
        name,
        aliases,
        get,
        set,
    }
}

fn required_text(cell: &str, what: &str) -> Result<String, String> {
    let text = cell.trim();
    if text.is_empty() {
        Err(format!("every row needs a {what}"))
    } else {
        Ok(text.to_owned())
    }
}

fn asset_columns() -> Vec<Column<Asset>> {
    vec![
        column(
            "ID",
            &["id", "assetid", "assetref", "ref"],
            |_, a| a.id.to_string(),
            None,
        ),
        column(
            "Name",
            &["name", "assetname", "asset"],
            |_, a| a.name.clone(),
            Some(|_, a, cell| {
                a.name = required_text(cell, "name")?;
                Ok(())
            }),
        ),
        column(
            "Type",
            &["type", "kind", "assettype", "category"],
            |_, a| ASSET_KINDS.write(a.kind),
            Some(|_, a, cell| {
                a.kind = ASSET_KINDS.parse(cell)?;
                Ok(())
            }),
        ),
        column(
            "Owner",
            &["owner", "assetowner", "ownerid", "ownername", "responsible"],
            |ctx, a| ctx.person(&a.owner),
            Some(|ctx, a, cell| {
                a.owner = ctx.find_person(cell)?;
                Ok(())
            }),
        ),
        column(
            "Confidentiality",
            &["c", "confidentiality", "conf"],
            |_, a| a.valuation.confidentiality.to_string(),
            Some(|ctx, a, cell| {
                a.valuation.confidentiality = impact(ctx, cell)?;
                Ok(())
            }),
        ),
        column(
            "Integrity",
            &["i", "integrity"],
            |_, a| a.valuation.integrity.to_string(),
            Some(|ctx, a, cell| {
                a.valuation.integrity = impact(ctx, cell)?;
                Ok(())
            }),
        ),
        column(
            "Availability",
            &["a", "availability", "avail"],
            |_, a| a.valuation.availability.to_string(),
            Some(|ctx, a, cell| {
                a.valuation.availability = impact(ctx, cell)?;
                Ok(())
            }),
        ),
        column(
            "Classification",
            &["classification", "label", "class", "classificationlabel"],
            |_, a| a.classification.clone(),
            Some(|_, a, cell| {
                a.classification = cell.trim().to_owned();
                Ok(())
            }),
        ),
        column(
            "Description",
            &["description", "notes", "details"],
            |_, a| a.description.clone(),
            Some(|_, a, cell| {
                a.description = cell.to_owned();
                Ok(())
            }),
        ),
    ]
}

fn impact(ctx: &Context, cell: &str) -> Result<Impact, String> {
    let scale = ctx.workspace.methodology.impact_scale();
    Ok(Impact::checked_new(parse_level(cell, scale, "impact")?).expect("on the scale"))
}

fn risk_columns() -> Vec<Column<Risk>> {
    vec![
        column(
            "ID",
            &["id", "riskid", "riskref", "ref"],
            |_, r| r.id.to_string(),
            None,
        ),
        column(
            "Title",
            &["title", "risk", "riskname", "name", "risktitle"],
            |_, r| r.title.clone(),
            Some(|_, r, cell| {
                r.title = required_text(cell, "title")?;
                Ok(())
            }),
        ),
        column(
            "Description",
            &["description", "scenario", "riskscenario", "details"],
            |_, r| r.description.clone(),
            Some(|_, r, cell| {
                r.description = cell.to_owned();
                Ok(())
            }),
        ),
        column(
            "Assets",
            &["assets", "asset", "assetids", "affectedassets"],
            |_, r| join_list(&r.assets),
            Some(|ctx, r, cell| {
                let mut assets = Vec::new();
                let mut problems = Vec::new();
                for item in split_list(cell) {
                    match resolve(item, &ctx.assets, &ctx.assets_by_name, "asset", "assets") {
                        Ok(Some(id)) => assets.push(AssetId::try_new(id).expect("known id")),
                        Ok(None) => {}
                        Err(e) => problems.push(e),
                    }
                }
                if !problems.is_empty() {
                    return Err(problems.join("; "));
                }
                r.assets = assets;
                Ok(())
            }),
        ),
        column(
            "Threat",
            &["threat", "threatid"],
            |_, r| {
                r.threat
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            },
            Some(|ctx, r, cell| {
                r.threat = resolve(
                    cell,
                    &ctx.threats,
                    &ctx.threats_by_name,
                    "threat",
                    "threats",
                )?
                .map(|id| ThreatId::try_new(id).expect("known id"));
                Ok(())
            }),
        ),
        column(
            "Vulnerability",
            &["vulnerability", "vulnerabilityid", "weakness"],
            |_, r| {
                r.vulnerability
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            },
            Some(|ctx, r, cell| {
                r.vulnerability = resolve(
                    cell,
                    &ctx.vulnerabilities,
                    &ctx.vulnerabilities_by_name,
                    "vulnerability",
                    "vulnerabilities",
                )?
                .map(|id| VulnerabilityId::try_new(id).expect("known id"));
                Ok(())
            }),
        ),
        column(
            "Owner",
            &["owner", "riskowner", "ownerid", "ownername", "responsible"],
            |ctx, r| ctx.person(&r.owner),
            Some(|ctx, r, cell| {
                r.owner = ctx.find_person(cell)?;
                Ok(())
            }),
        ),
        column(
            "Properties",
            &[
                "properties",
                "cia",
                "affectedproperties",
                "securityproperties",
            ],
            |_, r| {
                r.properties
                    .iter()
                    .map(Property::name)
                    .collect::<Vec<_>>()
                    .join("; ")
            },
            Some(|_, r, cell| {
                r.properties = parse_properties(cell)?;
                Ok(())
            }),
        ),
        column(
            "Likelihood",
            &["likelihood", "l", "probability", "inherentlikelihood"],
            |_, r| r.likelihood.to_string(),
            Some(|ctx, r, cell| {
                let scale = ctx.workspace.methodology.likelihood_scale();
                r.likelihood = Likelihood::checked_new(parse_level(cell, scale, "likelihood")?)
                    .expect("on the scale");
                Ok(())
            }),
        ),
        column(
            "Impact",
            &["impact", "i", "inherentimpact", "consequence"],
            |_, r| r.impact.map(|i| i.to_string()).unwrap_or_default(),
            Some(|ctx, r, cell| {
                r.impact = if cell.trim().is_empty() {
                    None
                } else {
                    Some(impact(ctx, cell)?)
                };
                Ok(())
            }),
        ),
        column(
            "Treatment",
            &[
                "treatment",
                "decision",
                "treatmentdecision",
                "treatmentoption",
            ],
            |_, r| DECISIONS.write(r.treatment.decision),
            Some(|_, r, cell| {
                r.treatment.decision = if cell.trim().is_empty() {
                    TreatmentDecision::Undecided
                } else {
                    DECISIONS.parse(cell)?
                };
                Ok(())
            }),
        ),
        column(
            "Rationale",
            &["rationale", "treatmentrationale", "justification"],
            |_, r| r.treatment.rationale.clone(),
            Some(|_, r, cell| {
                r.treatment.rationale = cell.to_owned();
                Ok(())
            }),
        ),
        column(
            "Transferred share",
            &["transferredshare", "transferred", "share", "transfershare"],
            |_, r| {
                let share = r.treatment.transferred_share;
                if share == Percent::ZERO {
                    String::new()
                } else {
                    share.get().to_string()
                }
            },
            Some(|_, r, cell| {
                r.treatment.transferred_share = parse_percent(cell)?;
                Ok(())
            }),
        ),
        column(
            "Controls",
            &["controls", "mitigatingcontrols", "controlids"],
            |_, r| join_list(&r.controls),
            Some(|ctx, r, cell| {
                let mut controls = Vec::new();
                let mut problems = Vec::new();
                for item in split_list(cell) {
                    match ctx.control(item) {
                        Ok(id) => controls.push(id),
                        Err(e) => problems.push(e),
                    }
                }
                if !problems.is_empty() {
                    return Err(problems.join("; "));
                }
                r.controls = controls;
                Ok(())
            }),
        ),
        // The three acceptance columns are read in this order: who, when,
        // until when.
        column(
            "Accepted by",
            &["acceptedby", "acceptanceby"],
            |ctx, r| ctx.person(&r.acceptance.as_ref().map(|a| a.accepted_by.clone())),
            Some(|ctx, r, cell| {
                match ctx.find_person(cell)? {
                    None => r.acceptance = None,
                    Some(person) => match &mut r.acceptance {
                        Some(acceptance) => acceptance.accepted_by = person,
                        None => {
                            r.acceptance = Some(Acceptance {
                                accepted_by: person,
                                // Replaced by "Accepted on", which is then required.
                                date: Date::checked_new(1900, 1, 1).expect("valid"),
                                expires: None,
                            })
                        }
                    },
                }
                Ok(())
            }),
        ),
        column(
            "Accepted on",
            &[
                "acceptedon",
                "acceptancedate",
                "dateaccepted",
                "accepteddate",
            ],
            |_, r| date_cell(&r.acceptance.as_ref().map(|a| a.date)),
            Some(|_, r, cell| {
                let date = parse_date(cell)?;
                match (&mut r.acceptance, date) {
                    (None, None) => Ok(()),
                    (None, Some(_)) => Err("an acceptance date needs \"Accepted by\" too".into()),
                    (Some(_), None) => {
                        Err("an accepted risk needs the date it was accepted".into())
                    }
                    (Some(acceptance), Some(date)) => {
                        acceptance.date = date;
                        Ok(())
                    }
                }
            }),
        ),
        column(
            "Acceptance expires",
            &[
                "acceptanceexpires",
                "expires",
                "acceptanceexpiry",
                "expiry",
                "acceptedtill",
                "accepteduntil",
            ],
            |_, r| date_cell(&r.acceptance.as_ref().and_then(|a| a.expires)),
            Some(|_, r, cell| {
                let date = parse_date(cell)?;
                match (&mut r.acceptance, date) {
                    (None, None) => Ok(()),
                    (None, Some(_)) => Err("an expiry date needs \"Accepted by\" too".into()),
                    (Some(acceptance), expires) => {
                        acceptance.expires = expires;
                        Ok(())
                    }
                }
            }),
        ),
        column(
            "Review date",
            &["reviewdate", "nextreview", "review", "reviewby"],
            |_, r| date_cell(&r.review_date),
            Some(|_, r, cell| {
                r.review_date = parse_date(cell)?;
                Ok(())
            }),
        ),
        column(
            "Status",
            &["status", "riskstatus"],
            |_, r| RISK_STATUSES.write(r.status),
            Some(|_, r, cell| {
                r.status = if cell.trim().is_empty() {
                    RiskStatus::Open
                } else {
                    RISK_STATUSES.parse(cell)?
                };
                Ok(())
            }),
        ),
    ]
}

fn soa_columns() -> Vec<Column<SoaLine>> {
    vec![
        column(
            "Control",
            &[
                "control",
                "controlid",
                "id",
                "annexa",
                "ref",
                "number",
                "clause",
            ],
            |_, l| l.entry.control.to_string(),
            None,
        ),
        column(
            "Title",
            &["title", "controltitle", "name", "controlname"],
            |ctx, l| {
                ctx.controls
                    .get(l.entry.control.as_str())
                    .map(|c| c.title.clone())
                    .unwrap_or_default()
            },
            None,
        ),
        column(
            "Theme",
            &["theme"],
            |ctx, l| {
                ctx.controls
                    .get(l.entry.control.as_str())
                    .map(|c| c.theme.name().to_owned())
                    .unwrap_or_default()
            },
            None,
        ),
        column(
            "Applicability",
            &["applicability", "applicable", "included", "inscope"],
            |_, l| APPLICABILITY.write(l.entry.applicability),
            Some(|_, l, cell| {
                l.entry.applicability = if cell.trim().is_empty() {
                    Applicability::Undecided
                } else {
                    APPLICABILITY.parse(cell)?
                };
                Ok(())
            }),
        ),
        column(
            "Reasons",
            &[
                "reasons",
                "inclusionreasons",
                "reason",
                "reasonsforinclusion",
                "justificationforinclusion",
            ],
            |_, l| {
                l.entry
                    .reasons
                    .iter()
                    .map(|r| REASONS.write(*r))
                    .collect::<Vec<_>>()
                    .join("; ")
            },
            Some(|_, l, cell| {
                let mut reasons = Vec::new();
                for item in split_list(cell) {
                    let reason = REASONS.parse(item)?;
                    if !reasons.contains(&reason) {
                        reasons.push(reason);
                    }
                }
                l.entry.reasons = reasons;
                Ok(())
            }),
        ),
        column(
            "Exclusion justification",
            &[
                "exclusionjustification",
                "justification",
                "exclusionreason",
                "reasonforexclusion",
                "justificationforexclusion",
            ],
            |_, l| l.entry.exclusion_justification.clone(),
            Some(|_, l, cell| {
                l.entry.exclusion_justification = cell.to_owned();
                Ok(())
            }),
        ),
        column(
            "Status",
            &["status", "implementationstatus", "implementation"],
            |_, l| IMPLEMENTATION.write(l.status),
            Some(|_, l, cell| {
                l.status = if cell.trim().is_empty() {
                    ImplementationStatus::NotStarted
                } else {
                    IMPLEMENTATION.parse(cell)?
                };
                Ok(())
            }),
        ),
        column(
            "Owner",
            &[
                "owner",
                "controlowner",
                "ownerid",
                "ownername",
                "responsible",
            ],
            |ctx, l| ctx.person(&l.entry.owner),
            Some(|ctx, l, cell| {
                l.entry.owner = ctx.find_person(cell)?;
                Ok(())
            }),
        ),
        column(
            "Evidence",
            &["evidence", "notes", "evidencenotes", "comments"],
            |_, l| l.entry.evidence.clone(),
            Some(|_, l, cell| {
                l.entry.evidence = cell.to_owned();
                Ok(())
            }),
        ),
        column(
            "Target date",
            &["targetdate", "target", "duedate", "due"],
            |_, l| date_cell(&l.entry.target_date),
            Some(|_, l, cell| {
                l.entry.target_date = parse_date(cell)?;
                Ok(())
            }),
        ),
    ]
}

// ---------------------------------------------------------------------------
// Export

fn export_rows<T>(ctx: &Context, columns: &[Column<T>], items: &[T]) -> String {
    let header: Vec<&str> = columns.iter().map(|c| c.name).collect();
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|item| columns.iter().map(|c| (c.get)(ctx, item)).collect())
        .collect();
    write_table(&header, &rows)
}

fn soa_lines(workspace: &Workspace) -> Vec<SoaLine> {
    let status: HashMap<&str, ImplementationStatus> = workspace
        .controls
        .iter()
        .map(|c| (c.id.as_str(), c.status))
        .collect();
    workspace
        .soa
        .iter()
        .map(|entry| SoaLine {
            status: status
                .get(entry.control.as_str())
                .copied()
                .unwrap_or_default(),
            entry: entry.clone(),
        })
        .collect()
}

/// The register `kind` of `workspace` as CSV text: UTF-8 with a byte order
/// mark, comma separated, CRLF line ends, header first.
pub fn csv_export(workspace: &Workspace, kind: CsvKind) -> String {
    let ctx = Context::new(workspace);
    match kind {
        CsvKind::Assets => export_rows(&ctx, &asset_columns(), &workspace.assets),
        CsvKind::Risks => export_rows(&ctx, &risk_columns(), &workspace.risks),
        CsvKind::Soa => export_rows(&ctx, &soa_columns(), &soa_lines(workspace)),
    }
}

// ---------------------------------------------------------------------------
// Import

/// A problem found after all cells of a row are read: (column, message).
type RowError = (&'static str, String);

/// What differs between the kinds of register on import.
struct Register<'a, T> {
    columns: Vec<Column<T>>,
    existing: Vec<(String, T)>,
    /// The id a key cell stands for (e.g. "5.1" -> "A.5.1").
    key: &'a dyn Fn(&str) -> Result<String, String>,
    /// A new object for an id not in the workspace.
    fresh: &'a dyn Fn(&str) -> Result<T, String>,
    /// Columns a new row must fill.
    required_for_new: &'static [&'static str],
    /// Prefix of generated ids for rows without an id; `None` when an id is
    /// required.
    id_prefix: Option<&'static str>,
    /// Last checks and defaults on a parsed object: (column, message).
    finish: &'a dyn Fn(&mut T) -> Result<(), RowError>,
    label: fn(&Context, &T) -> String,
    wrap: fn(T) -> CsvObject,
}

fn problem(row: usize, column: &str, message: impl Into<String>) -> CsvProblem {
    CsvProblem {
        row,
        column: column.to_owned(),
        message: message.into(),
    }
}

fn preview_rows<T: Clone + PartialEq>(
    ctx: &Context,
    kind: CsvKind,
    register: Register<'_, T>,
    table: Vec<Vec<String>>,
) -> Result<CsvPreview, Vec<CsvProblem>> {
    let mut problems = Vec::new();
    let mut rows = table.into_iter();
    let Some(header) = rows
        .next()
        .filter(|h| h.iter().any(|c| !c.trim().is_empty()))
    else {
        return Err(vec![problem(
            1,
            "",
            "the file is empty; it needs a header row",
        )]);
    };
    let columns = &register.columns;

    // Column -> position of its cell in the file.
    let mut position: Vec<Option<usize>> = vec![None; columns.len()];
    let mut ignored_columns = Vec::new();
    for (index, cell) in header.iter().enumerate() {
        let name = normalise(cell);
        if name.is_empty() {
            continue;
        }
        let found = columns
            .iter()
            .position(|c| normalise(c.name) == name)
            .or_else(|| {
                columns
                    .iter()
                    .position(|c| c.aliases.contains(&name.as_str()))
            });
        match found {
            Some(column) if position[column].is_some() => problems.push(problem(
                1,
                cell.trim(),
                format!("two columns stand for {:?}; keep one", columns[column].name),
            )),
            Some(column) => position[column] = Some(index),
            None => ignored_columns.push(cell.trim().to_owned()),
        }
    }
    let header_name = |column: usize| -> String {
        position[column]
            .map(|i| header[i].trim().to_owned())
            .unwrap_or_else(|| columns[column].name.to_owned())
    };
    if position[0].is_none() && register.id_prefix.is_none() {
        problems.push(problem(
            1,
            columns[0].name,
            format!("the {:?} column is missing", columns[0].name),
        ));
        return Err(problems);
    }

    // First pass: the id of every row (given or generated), and duplicates.
    let data: Vec<(usize, Vec<String>)> = rows
        .enumerate()
        .map(|(offset, cells)| (offset + 2, cells))
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .collect();
    let existing: HashMap<&str, &T> = register
        .existing
        .iter()
        .map(|(id, item)| (id.as_str(), item))
        .collect();
    let mut taken: HashSet<String> = register.existing.iter().map(|(id, _)| id.clone()).collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut ids: Vec<Option<String>> = Vec::with_capacity(data.len());
    for (row, cells) in &data {
        let key = position[0]
            .and_then(|i| cells.get(i))
            .map(|c| unguard(c).trim())
            .unwrap_or("");
        if key.is_empty() {
            if register.id_prefix.is_none() {
                problems.push(problem(*row, &header_name(0), "the id is empty"));
            }
            ids.push(None);
            continue;
        }
        match (register.key)(key) {
            Ok(id) => {
                if let Some(first) = seen.insert(id.clone(), *row) {
                    problems.push(problem(
                        *row,
                        &header_name(0),
                        format!("{id} is already in row {first}; each id may appear once"),
                    ));
                }
                taken.insert(id.clone());
                ids.push(Some(id));
            }
            Err(message) => {
                problems.push(problem(*row, &header_name(0), message));
                ids.push(None);
            }
        }
    }
    // Rows without an id get the next free numbered ids, in file order.
    let mut next_number = register.existing.len() + 1;
    if let Some(prefix) = register.id_prefix {
        for ((_, cells), id) in data.iter().zip(ids.iter_mut()) {
            let key_blank = position[0]
                .and_then(|i| cells.get(i))
                .is_none_or(|c| c.trim().is_empty());
            if id.is_none() && key_blank {
                let generated = loop {
                    let candidate = numbered_id(prefix, next_number);
                    next_number += 1;
                    if !taken.contains(&candidate) {
                        break candidate;
                    }
                };
                taken.insert(generated.clone());
                *id = Some(generated);
            }
        }
    }

    // Second pass: parse every row against its current object.
    let mut preview = CsvPreview {
        kind,
        added: Vec::new(),
        updated: Vec::new(),
        unchanged: Vec::new(),
        ignored_columns,
    };
    for ((row, cells), id) in data.iter().zip(ids) {
        let Some(id) = id else { continue };
        let row = *row;
        if cells.len() > header.len() && cells[header.len()..].iter().any(|c| !c.trim().is_empty())
        {
            problems.push(problem(
                row,
                "",
                format!(
                    "this row has {} cells but the header only {}; check for a stray separator or a missing quote",
                    cells.len(),
                    header.len()
                ),
            ));
            continue;
        }
        let cell = |column: usize| -> Option<&str> {
            position[column].map(|i| unguard(cells.get(i).map(String::as_str).unwrap_or("")))
        };
        let old = existing.get(id.as_str()).copied();
        let mut item = match old {
            Some(item) => item.clone(),
            None => match (register.fresh)(&id) {
                Ok(item) => item,
                Err(message) => {
                    problems.push(problem(row, &header_name(0), message));
                    continue;
                }
            },
        };
        let before = problems.len();
        // Columns already reported for this row are not parsed again.
        let mut reported = Vec::new();
        if old.is_none() {
            for name in register.required_for_new {
                let column = columns
                    .iter()
                    .position(|c| c.name == *name)
                    .expect("required columns exist");
                match cell(column) {
                    None => problems.push(problem(
                        row,
                        name,
                        format!("{id} is new, and new rows need the {name:?} column"),
                    )),
                    Some(text) if text.trim().is_empty() => {
                        problems.push(problem(
                            row,
                            &header_name(column),
                            format!("{id} is new and needs a value here"),
                        ));
                        reported.push(column);
                    }
                    Some(_) => {}
                }
            }
        }
        for (index, column) in columns.iter().enumerate() {
            let (Some(set), Some(text)) = (column.set, cell(index)) else {
                continue;
            };
            if reported.contains(&index) {
                continue;
            }
            if let Err(message) = set(ctx, &mut item, text) {
                problems.push(problem(row, &header_name(index), message));
            }
        }
        if problems.len() == before {
            if let Err((name, message)) = (register.finish)(&mut item) {
                let index = columns.iter().position(|c| c.name == name);
                let column = index.map(header_name).unwrap_or_else(|| name.to_owned());
                problems.push(problem(row, &column, message));
            }
        }
        if problems.len() > before {
            continue;
        }
        if old == Some(&item) {
            preview.unchanged.push(CsvUnchanged { row, id });
            continue;
        }
        let changes = columns
            .iter()
            .filter_map(|column| {
                let was = old.map(|o| (column.get)(ctx, o)).unwrap_or_default();
                let now = (column.get)(ctx, &item);
                (was != now).then(|| CsvFieldChange {
                    column: column.name.to_owned(),
                    old: was,
                    new: now,
                })
            })
            .collect();
        let change = CsvRowChange {
            row,
            id,
            label: (register.label)(ctx, &item),
            changes,
            object: (register.wrap)(item),
        };
        if old.is_some() {
            preview.updated.push(change);
        } else {
            preview.added.push(change);
        }
    }
    if problems.is_empty() {
        Ok(preview)
    } else {
        problems.sort_by_key(|p| p.row);
        Err(problems)
    }
}

/// Reads a CSV file of register `kind` and compares it with `workspace`:
/// the rows to add, the rows to update with every changed field, and the
/// unchanged rows; or every problem found (unknown references, values off
/// the scale, bad dates, duplicate ids, missing columns...), each with its
/// row (the header is row 1) and column. Nothing is changed; apply the
/// preview with [`csv_apply`].
///
/// A first row that names none of the register's columns (another
/// separator, no header, another register's file) is one problem saying so,
/// not one per row; problems are capped at 200, the last counting the rest.
///
/// Rows are matched by id (for the SoA, by control: "A.5.1" or "5.1");
/// asset and risk rows without an id are new and get the next free id.
/// Columns missing from the file leave those fields unchanged, so a file
/// with only "ID" and "Owner" reassigns owners.
pub fn csv_preview(
    workspace: &Workspace,
    kind: CsvKind,
    text: &str,
) -> Result<CsvPreview, Vec<CsvProblem>> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let separator = choose_separator(text, kind);
    let table = parse_records(text, separator, usize::MAX).map_err(|p| vec![p])?;
    let ctx = Context::new(workspace);
    if let Some(problem) = header_problem(&ctx, kind, &table, text, separator) {
        return Err(vec![problem]);
    }
    preview_register(&ctx, workspace, kind, table).map_err(capped)
}

/// [`csv_preview`] of a parsed table whose header names at least one
/// column of the register.
fn preview_register(
    ctx: &Context,
    workspace: &Workspace,
    kind: CsvKind,
    table: Vec<Vec<String>>,
) -> Result<CsvPreview, Vec<CsvProblem>> {
    let plain_id = |what: &'static str| {
        move |cell: &str| -> Result<String, String> {
            check_id(cell).map_err(|e| format!("{cell:?} is not a usable {what} id: {e}"))
        }
    };
    match kind {
        CsvKind::Assets => {
            let key = plain_id("asset");
            let fresh = |id: &str| -> Result<Asset, String> {
                Ok(Asset {
                    id: AssetId::try_new(id).map_err(|e| e.to_string())?,
                    name: String::new(),
                    kind: AssetKind::Information,
                    owner: None,
                    description: String::new(),
                    valuation: Valuation {
                        confidentiality: Impact::checked_new(1).expect("1"),
                        integrity: Impact::checked_new(1).expect("1"),
                        availability: Impact::checked_new(1).expect("1"),
                    },
                    classification: String::new(),
                })
            };
            preview_rows(
                ctx,
                kind,
                Register {
                    columns: asset_columns(),
                    existing: workspace
                        .assets
                        .iter()
                        .map(|a| (a.id.to_string(), a.clone()))
                        .collect(),
                    key: &key,
                    fresh: &fresh,
                    required_for_new: &[
                        "Name",
                        "Type",
                        "Confidentiality",
                        "Integrity",
                        "Availability",
                    ],
                    id_prefix: Some("A"),
                    finish: &|_| Ok(()),
                    label: |_, a| a.name.clone(),
                    wrap: CsvObject::Asset,
                },
                table,
            )
        }
        CsvKind::Risks => {
            let key = plain_id("risk");
            let fresh = |id: &str| -> Result<Risk, String> {
                Ok(Risk::blank(
                    RiskId::try_new(id).map_err(|e| e.to_string())?,
                    Likelihood::checked_new(1).expect("1"),
                ))
            };
            let finish = |risk: &mut Risk| -> Result<(), RowError> {
                if risk.properties.is_empty() {
                    // New risks may leave the properties to their threat.
                    if let Some(threat) = risk
                        .threat
                        .as_ref()
                        .and_then(|t| workspace.threats.iter().find(|x| &x.id == t))
                    {
                        risk.properties = threat.harms;
                    }
                }
                if risk.properties.is_empty() {
                    return Err((
                        "Properties",
                        "name at least one affected property (confidentiality, integrity, availability) or a threat".into(),
                    ));
                }
                if risk
                    .acceptance
                    .as_ref()
                    .is_some_and(|a| a.date.year() == 1900)
                {
                    return Err((
                        "Accepted on",
                        "an accepted risk needs the date it was accepted (\"Accepted on\")".into(),
                    ));
                }
                Ok(())
            };
            preview_rows(
                ctx,
                kind,
                Register {
                    columns: risk_columns(),
                    existing: workspace
                        .risks
                        .iter()
                        .map(|r| (r.id.to_string(), r.clone()))
                        .collect(),
                    key: &key,
                    fresh: &fresh,
                    required_for_new: &["Title", "Likelihood"],
                    id_prefix: Some("R"),
                    finish: &finish,
                    label: |_, r| r.title.clone(),
                    wrap: |risk| CsvObject::Risk(Box::new(risk)),
                },
                table,
            )
        }
        CsvKind::Soa => {
            let key = |cell: &str| ctx.control(cell).map(|id| id.to_string());
            let fresh = |id: &str| -> Result<SoaLine, String> {
                let control = ctx
                    .controls
                    .get(id)
                    .ok_or_else(|| format!("there is no control {id:?} in this workspace"))?;
                Ok(SoaLine {
                    entry: SoaEntry::undecided(control.id.clone()),
                    status: control.status,
                })
            };
            let finish = |line: &mut SoaLine| -> Result<(), RowError> {
                if line.entry.applicability == Applicability::Excluded
                    && line.entry.exclusion_justification.trim().is_empty()
                {
                    return Err((
                        "Exclusion justification",
                        "an excluded control needs a justification".into(),
                    ));
                }
                Ok(())
            };
            preview_rows(
                ctx,
                kind,
                Register {
                    columns: soa_columns(),
                    existing: soa_lines(workspace)
                        .into_iter()
                        .map(|l| (l.entry.control.to_string(), l))
                        .collect(),
                    key: &key,
                    fresh: &fresh,
                    required_for_new: &[],
                    id_prefix: None,
                    finish: &finish,
                    label: |ctx, l| {
                        ctx.controls
                            .get(l.entry.control.as_str())
                            .map(|c| c.title.clone())
                            .unwrap_or_default()
                    },
                    wrap: CsvObject::Soa,
                },
                table,
            )
        }
    }
}

/// `problems` cut to [`MAX_CSV_PROBLEMS`], with one more counting the rest
/// from the row of the first one left out.
fn capped(mut problems: Vec<CsvProblem>) -> Vec<CsvProblem> {
    if problems.len() > MAX_CSV_PROBLEMS {
        let rest = problems.len() - MAX_CSV_PROBLEMS;
        let row = problems[MAX_CSV_PROBLEMS].row;
        problems.truncate(MAX_CSV_PROBLEMS);
        problems.push(problem(
            row,
            "",
            format!(
                "and {rest} more problems from this row on, not listed here; correct the ones above and import again"
            ),
        ));
    }
    problems
}

/// The standard header and aliases of each column of register `kind`.
fn header_names(kind: CsvKind) -> Vec<(&'static str, &'static [&'static str])> {
    fn names<T>(columns: Vec<Column<T>>) -> Vec<(&'static str, &'static [&'static str])> {
        columns.iter().map(|c| (c.name, c.aliases)).collect()
    }
    match kind {
        CsvKind::Assets => names(asset_columns()),
        CsvKind::Risks => names(risk_columns()),
        CsvKind::Soa => names(soa_columns()),
    }
}

/// The column (position in `names`) a header cell stands for.
fn header_column(names: &[(&str, &[&str])], cell: &str) -> Option<usize> {
    let name = normalise(cell);
    if name.is_empty() {
        return None;
    }
    names
        .iter()
        .position(|(standard, _)| normalise(standard) == name)
        .or_else(|| {
            names
                .iter()
                .position(|(_, aliases)| aliases.contains(&name.as_str()))
        })
}

/// How many different columns of `names` the header cells name.
fn recognised(names: &[(&str, &[&str])], header: &[String]) -> usize {
    let mut found: Vec<usize> = header
        .iter()
        .filter_map(|cell| header_column(names, cell))
        .collect();
    found.sort_unstable();
    found.dedup();
    found.len()
}

/// The separator under which the header names the most columns of
/// register `kind`; on a tie, the one [`detect_separator`] picks. A
/// semicolon separated file whose header has a comma inside a cell is so
/// still read by semicolons.
fn choose_separator(text: &str, kind: CsvKind) -> char {
    let names = header_names(kind);
    let score = |separator: char| {
        parse_records(text, separator, 1)
            .ok()
            .and_then(|rows| rows.into_iter().next())
            .map_or(0, |header| recognised(&names, &header))
    };
    let mut best = detect_separator(text);
    let mut best_score = score(best);
    for separator in [',', ';', '\t'] {
        let candidate = score(separator);
        if candidate > best_score {
            best = separator;
            best_score = candidate;
        }
    }
    best
}

fn separator_name(separator: char) -> String {
    match separator {
        ',' => "commas".into(),
        ';' => "semicolons".into(),
        '\t' => "tabs".into(),
        '|' => "vertical bars '|'".into(),
        ':' => "colons".into(),
        other => format!("{other:?}"),
    }
}

/// The character that seems to separate the cells of `line`, when it is
/// not `used`: one that splits the line into cells naming columns of some
/// register, or that occurs at least twice.
fn guess_separator(line: &str, used: char) -> Option<char> {
    let candidates = ['|', ';', '\t', ',', ':', '^', '~'];
    let names: Vec<_> = CsvKind::ALL.into_iter().flat_map(header_names).collect();
    let naming = candidates.into_iter().filter(|c| *c != used).find(|c| {
        line.contains(*c)
            && line
                .split(*c)
                .filter(|cell| header_column(&names, cell).is_some())
                .count()
                >= 2
    });
    naming.or_else(|| {
        candidates
            .into_iter()
            .filter(|c| *c != used)
            .find(|c| line.matches(*c).count() >= 2)
    })
}

/// Whether a first row reads like a data row: its first cell is an id of
/// the register or has the shape of one ("A-0001", "R-12", "5.1").
fn looks_like_data(ctx: &Context, kind: CsvKind, header: &[String]) -> bool {
    let first = header.first().map(|c| unguard(c).trim()).unwrap_or("");
    let known = match kind {
        CsvKind::Assets => ctx.assets.contains(first),
        CsvKind::Risks => ctx.workspace.risks.iter().any(|r| r.id.as_str() == first),
        CsvKind::Soa => ctx.control(first).is_ok(),
    };
    let letters = first.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let digits = letters.trim_start_matches(['-', '.', '_']);
    known || (!first.is_empty() && digits.starts_with(|c: char| c.is_ascii_digit()))
}

/// One problem for a first row that names none of the register's columns
/// (beyond the id), instead of a problem for every row: what was found,
/// what it seems to be, and the headers that are read.
fn header_problem(
    ctx: &Context,
    kind: CsvKind,
    table: &[Vec<String>],
    text: &str,
    separator: char,
) -> Option<CsvProblem> {
    let header = table.first()?;
    let names = header_names(kind);
    let columns: Vec<Option<usize>> = header.iter().map(|c| header_column(&names, c)).collect();
    let names_a_field = columns.iter().any(|c| c.is_some_and(|c| c > 0));
    let has_other_cells = header
        .iter()
        .zip(&columns)
        .any(|(cell, column)| column.is_none() && !normalise(cell).is_empty());
    // A file of another register shares a few headers ("ID", "Owner") but
    // names far more of its own register's columns.
    let own = recognised(&names, header);
    let other_register = CsvKind::ALL.into_iter().find(|other| {
        let theirs = recognised(&header_names(*other), header);
        *other != kind && theirs >= 3 && theirs > 2 * own
    });
    if other_register.is_none() && (names_a_field || !has_other_cells) {
        return None;
    }
    let register = match kind {
        CsvKind::Assets => "the asset register",
        CsvKind::Risks => "the risk register",
        CsvKind::Soa => "the Statement of Applicability",
    };
    let line = text.lines().next().unwrap_or_default();
    let mut shown: String = line.chars().take(80).collect();
    if shown.len() < line.len() {
        shown.push_str("...");
    }
    let mut hints = Vec::new();
    if let Some(separator) = guess_separator(line, separator) {
        hints.push(format!(
            "The cells seem to be separated by {}, which this import does not read; save the file with commas, semicolons or tabs between cells.",
            separator_name(separator)
        ));
    } else if let Some(other) = other_register.or_else(|| {
        CsvKind::ALL
            .into_iter()
            .find(|other| *other != kind && recognised(&header_names(*other), header) >= 2)
    }) {
        hints.push(format!(
            "It looks like a file of {}; choose \"{}\" as what to import.",
            match other {
                CsvKind::Assets => "the asset register",
                CsvKind::Risks => "the risk register",
                CsvKind::Soa => "the Statement of Applicability",
            },
            other.name()
        ));
    } else if looks_like_data(ctx, kind, header) {
        hints.push(
            "It looks like data, not a header: add the header row of an export above it."
                .to_owned(),
        );
    }
    let expected: Vec<&str> = names.iter().map(|(name, _)| *name).collect();
    let mut message =
        format!("the first row does not name the columns of {register} (found {shown:?}).",);
    for hint in hints {
        message.push(' ');
        message.push_str(&hint);
    }
    message.push_str(&format!(
        " The headers this import reads are: {}.",
        expected.join(", ")
    ));
    Some(problem(1, "", message))
}

fn check_id(cell: &str) -> Result<String, IdError> {
    AssetId::try_new(cell.trim()).map(|id| id.to_string())
}

/// The workspace with the preview's added and updated rows applied: updated
/// objects are replaced where they are, added ones are appended in file
/// order. For the SoA, the control's implementation status is set too.
pub fn csv_apply(workspace: &Workspace, preview: &CsvPreview) -> Workspace {
    let mut ws = workspace.clone();
    for change in preview.updated.iter().chain(&preview.added) {
        match &change.object {
            CsvObject::Asset(asset) => match ws.assets.iter_mut().find(|a| a.id == asset.id) {
                Some(slot) => *slot = asset.clone(),
                None => ws.assets.push(asset.clone()),
            },
            CsvObject::Risk(risk) => match ws.risks.iter_mut().find(|r| r.id == risk.id) {
                Some(slot) => *slot = (**risk).clone(),
                None => ws.risks.push((**risk).clone()),
            },
            CsvObject::Soa(line) => {
                match ws.soa.iter_mut().find(|e| e.control == line.entry.control) {
                    Some(slot) => *slot = line.entry.clone(),
                    None => ws.soa.push(line.entry.clone()),
                }
                if let Some(control) = ws.controls.iter_mut().find(|c| c.id == line.entry.control) {
                    control.status = line.status;
                }
            }
        }
    }
    ws
}

#[cfg(test)]
mod tests {
    use super::*;
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
            let preview =
                csv_preview(&ws, kind, &text).unwrap_or_else(|p| panic!("{kind:?}: {p:#?}"));
            assert!(
                preview.added.is_empty() && preview.updated.is_empty(),
                "{kind:?}: {:#?}",
                preview.updated
            );
            let expected = match kind {
                CsvKind::Assets => ws.assets.len(),
                CsvKind::Risks => ws.risks.len(),
                CsvKind::Soa => ws.soa.len(),
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
        let unclosed =
            csv_preview(&ws, CsvKind::Assets, "ID,Name\r\nA-0001,\"open\r\n").unwrap_err();
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
            message.starts_with("the first row does not name the columns of the asset register (found \"ID|Name|Type|"),
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
        let problems =
            csv_preview(&ws, CsvKind::Soa, "Control,Status\r\n5.1,done\r\n").unwrap_err();
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
}
