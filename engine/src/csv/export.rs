//! Export of a register as a CSV table.

use super::columns::{asset_columns, risk_columns, soa_columns, Column};
use super::lookups::Context;
use super::table::write_table;
use super::{CsvKind, SoaLine};
use crate::model::*;
use std::collections::HashMap;

/// A register as a header and rows of cells, as CSV writes them; the Excel
/// workbook (feature `xlsx`) writes the same cells.
pub(crate) struct Table {
    pub(crate) header: Vec<&'static str>,
    pub(crate) rows: Vec<Vec<String>>,
}

pub(super) fn table_of<T>(ctx: &Context, columns: &[Column<T>], items: &[T]) -> Table {
    Table {
        header: columns.iter().map(|c| c.name).collect(),
        rows: items
            .iter()
            .map(|item| columns.iter().map(|c| (c.get)(ctx, item)).collect())
            .collect(),
    }
}

pub(super) fn soa_lines(workspace: &Workspace) -> Vec<SoaLine> {
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
    let table = register_table(workspace, kind);
    write_table(&table.header, &table.rows)
}

/// The register `kind` of `workspace` as the cells [`csv_export`] writes.
pub(crate) fn register_table(workspace: &Workspace, kind: CsvKind) -> Table {
    let ctx = Context::new(workspace);
    match kind {
        CsvKind::Assets => table_of(&ctx, &asset_columns(), &workspace.assets),
        CsvKind::Risks => table_of(&ctx, &risk_columns(), &workspace.risks),
        CsvKind::Soa => table_of(&ctx, &soa_columns(), &soa_lines(workspace)),
        CsvKind::Documents => table_of(
            &ctx,
            &super::cycle::document_columns(),
            &workspace.documents,
        ),
        CsvKind::Incidents => table_of(
            &ctx,
            &super::cycle::incident_columns(),
            &workspace.incidents,
        ),
        CsvKind::Nonconformities => table_of(
            &ctx,
            &super::cycle::nonconformity_columns(),
            &workspace.nonconformities,
        ),
    }
}
