//! Export of a register as a CSV table.

use super::columns::{asset_columns, risk_columns, soa_columns, Column};
use super::lookups::Context;
use super::table::write_table;
use super::{CsvKind, SoaLine};
use crate::model::*;
use std::collections::HashMap;

pub(super) fn export_rows<T>(ctx: &Context, columns: &[Column<T>], items: &[T]) -> String {
    let header: Vec<&str> = columns.iter().map(|c| c.name).collect();
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|item| columns.iter().map(|c| (c.get)(ctx, item)).collect())
        .collect();
    write_table(&header, &rows)
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
    let ctx = Context::new(workspace);
    match kind {
        CsvKind::Assets => export_rows(&ctx, &asset_columns(), &workspace.assets),
        CsvKind::Risks => export_rows(&ctx, &risk_columns(), &workspace.risks),
        CsvKind::Soa => export_rows(&ctx, &soa_columns(), &soa_lines(workspace)),
        CsvKind::Documents => export_rows(
            &ctx,
            &super::cycle::document_columns(),
            &workspace.documents,
        ),
        CsvKind::Incidents => export_rows(
            &ctx,
            &super::cycle::incident_columns(),
            &workspace.incidents,
        ),
        CsvKind::Nonconformities => export_rows(
            &ctx,
            &super::cycle::nonconformity_columns(),
            &workspace.nonconformities,
        ),
    }
}
