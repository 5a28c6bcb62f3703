//! Every register of a workspace as tables, for the Excel workbook (feature
//! `xlsx`): the registers CSV exports, with the same columns and cells, and
//! the registers that have no CSV of their own (the treatment plan,
//! objectives and their measurements, audits and their findings, corrective
//! actions, management reviews and their actions), written with the same
//! rules: people by name, several values separated by "; ", ISO dates.
//! These extra tables are exported only; nothing reads them back.

use super::columns::{column, field_column, Column};
use super::export::{register_table, table_of, Table};
use super::lookups::{join_list, Context};
use super::CsvKind;
use crate::cycle::{
    Audit, AuditFinding, CorrectiveAction, ManagementReview, Measurement, Nonconformity, Objective,
    ReviewAction,
};
use crate::model::*;

/// One sheet of the workbook: its name, the register it reads back as (when
/// import knows it) and its cells.
pub(crate) struct Sheet {
    pub(crate) name: &'static str,
    pub(crate) kind: Option<CsvKind>,
    pub(crate) table: Table,
}

/// The sheet name of a register that import reads back.
pub(crate) fn sheet_name(kind: CsvKind) -> &'static str {
    kind.title()
}

/// A key as written: spaces for underscores ("in progress").
fn words(key: &str) -> String {
    key.replace('_', " ")
}

fn action_columns() -> Vec<Column<Action>> {
    vec![
        field_column!(id, "ID", &[]),
        field_column!(text, "Title", &[], title),
        field_column!(text, "Description", &[], description),
        column("Risks", &[], |_, a| join_list(&a.risks), None),
        column("Controls", &[], |_, a| join_list(&a.controls), None),
        field_column!(person, "Owner", &[], owner),
        field_column!(date, "Due", &[], due),
        column("Status", &[], |_, a| words(a.status.name()), None),
        column("One-off cost", &[], |_, a| a.cost.one_off.to_string(), None),
        column("Yearly cost", &[], |_, a| a.cost.yearly.to_string(), None),
    ]
}

fn objective_columns() -> Vec<Column<Objective>> {
    vec![
        field_column!(id, "ID", &[]),
        field_column!(text, "Title", &[], title),
        field_column!(text, "Description", &[], description),
        field_column!(person, "Owner", &[], owner),
        field_column!(text, "Indicator", &[], indicator),
        field_column!(text, "Unit", &[], unit),
        column("Direction", &[], |_, o| words(o.direction.name()), None),
        column("Target", &[], |_, o| o.target.to_string(), None),
        field_column!(date, "Due", &[], due),
        column("Clauses", &[], |_, o| join_list(&o.clauses), None),
        column("Controls", &[], |_, o| join_list(&o.controls), None),
        column(
            "Latest value",
            &[],
            |_, o| o.latest().map(|m| m.value.to_string()).unwrap_or_default(),
            None,
        ),
        column(
            "On target",
            &[],
            |_, o| match o.on_target() {
                Some(true) => "yes".into(),
                Some(false) => "no".into(),
                None => String::new(),
            },
            None,
        ),
    ]
}

/// A row that belongs to a parent record: the parent's id and the row.
type Child<T> = (String, T);

fn measurement_columns() -> Vec<Column<Child<Measurement>>> {
    vec![
        column("Objective", &[], |_, (id, _)| id.clone(), None),
        column("Date", &[], |_, (_, m)| m.date.to_string(), None),
        column("Value", &[], |_, (_, m)| m.value.to_string(), None),
        column("Note", &[], |_, (_, m)| m.note.clone(), None),
    ]
}

fn audit_columns() -> Vec<Column<Audit>> {
    vec![
        field_column!(id, "ID", &[]),
        field_column!(text, "Title", &[], title),
        column("Status", &[], |_, a| words(a.status.name()), None),
        field_column!(date, "Start", &[], start),
        field_column!(date, "End", &[], end),
        field_column!(person, "Auditor", &[], auditor),
        column("Clauses", &[], |_, a| join_list(&a.clauses), None),
        column("Controls", &[], |_, a| join_list(&a.controls), None),
        field_column!(text, "Summary", &[], summary),
        column("Findings", &[], |_, a| a.findings.len().to_string(), None),
    ]
}

fn finding_columns() -> Vec<Column<Child<AuditFinding>>> {
    vec![
        column("Audit", &[], |_, (id, _)| id.clone(), None),
        column("ID", &[], |_, (_, f)| f.id.to_string(), None),
        column("Class", &[], |_, (_, f)| words(f.class.name()), None),
        column(
            "Clause",
            &[],
            |_, (_, f)| {
                f.clause
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            },
            None,
        ),
        column(
            "Control",
            &[],
            |_, (_, f)| {
                f.control
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            },
            None,
        ),
        column("Description", &[], |_, (_, f)| f.description.clone(), None),
    ]
}

fn corrective_columns() -> Vec<Column<Child<CorrectiveAction>>> {
    vec![
        column("Nonconformity", &[], |_, (id, _)| id.clone(), None),
        column("Title", &[], |_, (_, a)| a.title.clone(), None),
        column("Owner", &[], |ctx, (_, a)| ctx.person(&a.owner), None),
        column(
            "Due",
            &[],
            |_, (_, a)| a.due.map(|d| d.to_string()).unwrap_or_default(),
            None,
        ),
        column("Status", &[], |_, (_, a)| words(a.status.name()), None),
        column(
            "Treatment action",
            &[],
            |_, (_, a)| {
                a.action
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            },
            None,
        ),
    ]
}

fn review_columns() -> Vec<Column<ManagementReview>> {
    vec![
        field_column!(id, "ID", &[]),
        field_column!(text, "Title", &[], title),
        column("Date", &[], |_, r| r.date.to_string(), None),
        column(
            "Attendees",
            &[],
            |ctx, r| {
                r.attendees
                    .iter()
                    .map(|p| ctx.person(&Some(p.clone())))
                    .collect::<Vec<_>>()
                    .join("; ")
            },
            None,
        ),
        field_column!(text, "Notes", &[], notes),
        column("Decisions", &[], |_, r| r.decisions.join("; "), None),
    ]
}

fn review_action_columns() -> Vec<Column<Child<ReviewAction>>> {
    vec![
        column("Review", &[], |_, (id, _)| id.clone(), None),
        column("Title", &[], |_, (_, a)| a.title.clone(), None),
        column("Owner", &[], |ctx, (_, a)| ctx.person(&a.owner), None),
        column(
            "Due",
            &[],
            |_, (_, a)| a.due.map(|d| d.to_string()).unwrap_or_default(),
            None,
        ),
        column("Status", &[], |_, (_, a)| words(a.status.name()), None),
    ]
}

/// The children of every parent, each with its parent's id.
fn children<P, T: Clone>(
    parents: &[P],
    id: impl Fn(&P) -> String,
    items: impl Fn(&P) -> &[T],
) -> Vec<Child<T>> {
    parents
        .iter()
        .flat_map(|p| {
            let parent = id(p);
            items(p)
                .iter()
                .map(move |item| (parent.clone(), item.clone()))
        })
        .collect()
}

/// Every sheet of the workbook, in the order they appear.
pub(crate) fn workbook_sheets(workspace: &Workspace) -> Vec<Sheet> {
    let ctx = Context::new(workspace);
    let register = |kind: CsvKind| Sheet {
        name: sheet_name(kind),
        kind: Some(kind),
        table: register_table(workspace, kind),
    };
    let other = |name: &'static str, table: Table| Sheet {
        name,
        kind: None,
        table,
    };
    let measurements = children(
        &workspace.objectives,
        |o| o.id.to_string(),
        |o| &o.measurements,
    );
    let findings = children(&workspace.audits, |a| a.id.to_string(), |a| &a.findings);
    let corrective = children(
        &workspace.nonconformities,
        |n: &Nonconformity| n.id.to_string(),
        |n| &n.corrective_actions,
    );
    let review_actions = children(
        &workspace.management_reviews,
        |r| r.id.to_string(),
        |r| &r.actions,
    );
    vec![
        register(CsvKind::Assets),
        register(CsvKind::Risks),
        register(CsvKind::Soa),
        other(
            "Treatment plan",
            table_of(&ctx, &action_columns(), &workspace.actions),
        ),
        register(CsvKind::Documents),
        other(
            "Objectives",
            table_of(&ctx, &objective_columns(), &workspace.objectives),
        ),
        other(
            "Measurements",
            table_of(&ctx, &measurement_columns(), &measurements),
        ),
        other(
            "Audits",
            table_of(&ctx, &audit_columns(), &workspace.audits),
        ),
        other(
            "Audit findings",
            table_of(&ctx, &finding_columns(), &findings),
        ),
        register(CsvKind::Nonconformities),
        other(
            "Corrective actions",
            table_of(&ctx, &corrective_columns(), &corrective),
        ),
        register(CsvKind::Incidents),
        other(
            "Management reviews",
            table_of(&ctx, &review_columns(), &workspace.management_reviews),
        ),
        other(
            "Review actions",
            table_of(&ctx, &review_action_columns(), &review_actions),
        ),
    ]
}
