//! CSV export and import of the asset register, the risk register, the
//! Statement of Applicability, and the document, incident and
//! nonconformity registers, in the shape spreadsheet users expect
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
//!
//! This module holds the public types; `table` reads and writes RFC 4180,
//! `lookups` finds people, assets and controls by name and parses cells,
//! `columns` says how each register's columns read and write an object,
//! `export` writes a register and `import` previews and applies a file.

mod columns;
mod cycle;
mod export;
mod import;
mod lookups;
#[cfg(feature = "xlsx")]
pub(crate) mod sheets;
mod table;
#[cfg(test)]
mod tests;

use crate::cycle::{Document, Incident, Nonconformity};
use crate::model::key_table;
use crate::model::*;
use serde::{Deserialize, Serialize};
use std::fmt;

pub use export::csv_export;
pub use import::{csv_apply, csv_preview};
#[cfg(feature = "xlsx")]
pub(crate) use table::write_table;

/// A CSV file of any table (a header row, then `rows`), written like the
/// register exports: RFC 4180 quoting, formula guard, UTF-8 mark. The
/// register tables download what they show with it.
pub fn csv_of_table(header: &[&str], rows: &[Vec<String>]) -> String {
    table::write_table(header, rows)
}

/// Which register a CSV file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CsvKind {
    /// The asset register, one row per asset.
    Assets,
    /// The risk register, one row per risk.
    Risks,
    /// The Statement of Applicability, one row per control.
    Soa,
    /// The document register.
    Documents,
    /// The incident register.
    Incidents,
    /// Nonconformities (without their corrective actions).
    Nonconformities,
}

impl CsvKind {
    /// The register's name as people read it ("Statement of Applicability"):
    /// the workbook's sheet name and the app's button and option labels.
    pub fn title(self) -> &'static str {
        match self {
            CsvKind::Assets => "Assets",
            CsvKind::Risks => "Risks",
            CsvKind::Soa => "Statement of Applicability",
            CsvKind::Documents => "Documents",
            CsvKind::Incidents => "Incidents",
            CsvKind::Nonconformities => "Nonconformities",
        }
    }
}

// The key is also the file name stem for downloads.
key_table!(CsvKind {
    Assets => "assets",
    Risks => "risks",
    Soa => "soa",
    Documents => "documents",
    Incidents => "incidents",
    Nonconformities => "nonconformities",
});

/// One problem of an imported file: where and what, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsvProblem {
    /// 1-based row of the file; the header is row 1. Rows are records, so a
    /// cell with line breaks does not shift the numbering.
    pub row: usize,
    /// The column's header as written in the file; empty when the problem
    /// concerns the whole row or file.
    pub column: String,
    /// What is wrong and how to correct the cell.
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsvFieldChange {
    /// The column's standard header, e.g. "Owner".
    pub column: String,
    /// The value now, as it would be exported; empty for new rows.
    pub old: String,
    /// The value after import.
    pub new: String,
}

/// A row that adds or updates an object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CsvRowChange {
    /// 1-based row of the file; the header is row 1.
    pub row: usize,
    /// The object's id, such as `R-0042` or `A.5.15`.
    pub id: String,
    /// Name, title or control title.
    pub label: String,
    /// The fields this row sets, with old and new values.
    pub changes: Vec<CsvFieldChange>,
    // Carried along so the preview can travel between the app's two
    // WebAssembly modules (app/tools) and still be applied.
    object: CsvObject,
}

/// A row that matches the workspace exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsvUnchanged {
    /// 1-based row of the file; the header is row 1.
    pub row: usize,
    /// The object's id, such as `R-0042` or `A.5.15`.
    pub id: String,
}

/// What an import would do; apply it with [`csv_apply`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CsvPreview {
    /// Which register the file was read as.
    pub kind: CsvKind,
    /// Rows that would create new objects.
    pub added: Vec<CsvRowChange>,
    /// Rows that would change existing objects.
    pub updated: Vec<CsvRowChange>,
    /// Rows identical to the workspace.
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
enum CsvObject {
    Asset(Asset),
    Risk(Box<Risk>),
    Soa(SoaLine),
    Document(Document),
    Incident(Box<Incident>),
    Nonconformity(Box<Nonconformity>),
}

/// An SoA row: the entry and its control's implementation status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct SoaLine {
    entry: SoaEntry,
    status: ImplementationStatus,
}
