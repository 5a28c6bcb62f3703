//! Import in two steps: a preview of the rows to add and update, or every
//! problem, then applying an accepted preview.

use super::columns::{asset_columns, risk_columns, soa_columns, Column};
use super::export::soa_lines;
use super::lookups::Context;
use super::table::{detect_separator, normalise, parse_records, unguard, BOM, MAX_CSV_PROBLEMS};
use super::{
    CsvFieldChange, CsvKind, CsvObject, CsvPreview, CsvProblem, CsvRowChange, CsvUnchanged, SoaLine,
};
use crate::methodology::{Impact, Likelihood};
use crate::model::*;
use std::collections::{HashMap, HashSet};

/// A problem found after all cells of a row are read: (column, message).
pub(super) type RowError = (&'static str, String);

/// What differs between the kinds of register on import.
pub(super) struct Register<'a, T> {
    pub(super) columns: Vec<Column<T>>,
    pub(super) existing: Vec<(String, T)>,
    /// The id a key cell stands for (e.g. "5.1" -> "A.5.1").
    pub(super) key: &'a dyn Fn(&str) -> Result<String, String>,
    /// A new object for an id not in the workspace.
    pub(super) fresh: &'a dyn Fn(&str) -> Result<T, String>,
    /// Columns a new row must fill.
    pub(super) required_for_new: &'static [&'static str],
    /// Prefix of generated ids for rows without an id; `None` when an id is
    /// required.
    pub(super) id_prefix: Option<&'static str>,
    /// Last checks and defaults on a parsed object: (column, message).
    pub(super) finish: &'a dyn Fn(&mut T) -> Result<(), RowError>,
    pub(super) label: fn(&Context, &T) -> String,
    pub(super) wrap: fn(T) -> CsvObject,
}

pub(super) fn problem(row: usize, column: &str, message: impl Into<String>) -> CsvProblem {
    CsvProblem {
        row,
        column: column.to_owned(),
        message: message.into(),
    }
}

pub(super) fn preview_rows<T: Clone + PartialEq>(
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
        crate::order::sort_by_key(&mut problems, |p| p.row);
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
        CsvKind::Documents | CsvKind::Incidents | CsvKind::Nonconformities => {
            super::cycle::preview(ctx, workspace, kind, table)
        }
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
pub(super) fn capped(mut problems: Vec<CsvProblem>) -> Vec<CsvProblem> {
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
        CsvKind::Documents => names(super::cycle::document_columns()),
        CsvKind::Incidents => names(super::cycle::incident_columns()),
        CsvKind::Nonconformities => names(super::cycle::nonconformity_columns()),
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
    crate::order::sort(&mut found);
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
        CsvKind::Documents => ctx
            .workspace
            .documents
            .iter()
            .any(|d| d.id.as_str() == first),
        CsvKind::Incidents => ctx
            .workspace
            .incidents
            .iter()
            .any(|i| i.id.as_str() == first),
        CsvKind::Nonconformities => ctx
            .workspace
            .nonconformities
            .iter()
            .any(|n| n.id.as_str() == first),
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
    let register = register_name(kind);
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
            register_name(other),
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

/// The register of `kind` for messages: "the risk register".
fn register_name(kind: CsvKind) -> &'static str {
    match kind {
        CsvKind::Assets => "the asset register",
        CsvKind::Risks => "the risk register",
        CsvKind::Soa => "the Statement of Applicability",
        CsvKind::Documents => "the document register",
        CsvKind::Incidents => "the incident register",
        CsvKind::Nonconformities => "the nonconformity register",
    }
}

pub(super) fn check_id(cell: &str) -> Result<String, IdError> {
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
            CsvObject::Document(doc) => match ws.documents.iter_mut().find(|d| d.id == doc.id) {
                Some(slot) => *slot = doc.clone(),
                None => ws.documents.push(doc.clone()),
            },
            CsvObject::Incident(incident) => {
                match ws.incidents.iter_mut().find(|i| i.id == incident.id) {
                    Some(slot) => *slot = (**incident).clone(),
                    None => ws.incidents.push((**incident).clone()),
                }
            }
            CsvObject::Nonconformity(nc) => {
                match ws.nonconformities.iter_mut().find(|n| n.id == nc.id) {
                    Some(slot) => *slot = (**nc).clone(),
                    None => ws.nonconformities.push((**nc).clone()),
                }
            }
        }
    }
    ws
}
