//! CSV of the ISMS-cycle registers: documents, incidents and
//! nonconformities (without their corrective actions and effectiveness
//! review, which a file keeps as they are). Same rules as the other
//! registers: people by name or id, several values separated by "; ",
//! ISO dates, rows matched by id and rows without one added with the next
//! free id.

use super::columns::{column, field_column, Column};
use super::import::{check_id, preview_rows, Register, RowError};
use super::lookups::{join_list, parse_date, resolve, Choices, Context};
use super::table::split_list;
use super::{CsvKind, CsvObject, CsvPreview, CsvProblem};
use crate::cycle::{
    clause_requirement, Document, DocumentKind, DocumentStatus, Incident, IncidentSeverity,
    IncidentStatus, Nonconformity, NonconformityGrade, NonconformitySource, NonconformityStatus,
};
use crate::model::*;
use std::collections::{HashMap, HashSet};

const DOCUMENT_KINDS: Choices<DocumentKind> =
    Choices::keys(&DocumentKind::ALL, DocumentKind::name, "kind of document");

const DOCUMENT_STATUSES: Choices<DocumentStatus> = Choices {
    all: &DocumentStatus::ALL,
    name: DocumentStatus::name,
    written: &[],
    aliases: &[(DocumentStatus::Retired, "withdrawn")],
    what: "document status",
};

const SEVERITIES: Choices<IncidentSeverity> =
    Choices::keys(&IncidentSeverity::ALL, IncidentSeverity::name, "severity");

const INCIDENT_STATUSES: Choices<IncidentStatus> = Choices {
    all: &IncidentStatus::ALL,
    name: IncidentStatus::name,
    written: &[],
    aliases: &[(IncidentStatus::Closed, "resolved")],
    what: "incident status",
};

const GRADES: Choices<NonconformityGrade> =
    Choices::keys(&NonconformityGrade::ALL, NonconformityGrade::name, "grade");

const NC_STATUSES: Choices<NonconformityStatus> = Choices::keys(
    &NonconformityStatus::ALL,
    NonconformityStatus::name,
    "nonconformity status",
);

fn clauses(cell: &str) -> Result<Vec<ClauseId>, String> {
    let mut out: Vec<ClauseId> = Vec::new();
    for item in split_list(cell) {
        let number = item
            .trim_start_matches(['c', 'C'])
            .trim_start_matches(['l', '.', ' ']);
        let clause = clause_requirement(number)
            .and_then(|c| ClauseId::try_new(c.number).ok())
            .ok_or_else(|| format!("{item:?} is not a clause from 4.1 to 10.2"))?;
        if !out.contains(&clause) {
            out.push(clause);
        }
    }
    Ok(out)
}

/// The columns of the document register.
pub(super) fn document_columns() -> Vec<Column<Document>> {
    vec![
        field_column!(id, "ID", &["id", "documentid", "docid", "ref"]),
        field_column!(
            required,
            "Title",
            &["title", "name", "document", "documenttitle"],
            title
        ),
        field_column!(
            choice_or(DOCUMENT_KINDS, DocumentKind::Other),
            "Kind",
            &["kind", "type", "documenttype"],
            kind
        ),
        field_column!(
            choice_or(DOCUMENT_STATUSES, DocumentStatus::Draft),
            "Status",
            &["status", "documentstatus"],
            status
        ),
        field_column!(
            person,
            "Owner",
            &["owner", "documentowner", "ownername"],
            owner
        ),
        field_column!(trimmed, "Version", &["version", "rev", "revision"], version),
        field_column!(
            person,
            "Approved by",
            &["approvedby", "approver"],
            approved_by
        ),
        field_column!(
            date,
            "Approved on",
            &["approvedon", "approvaldate", "approved"],
            approved_on
        ),
        column(
            "Review interval (months)",
            &[
                "reviewintervalmonths",
                "reviewinterval",
                "interval",
                "reviewcycle",
            ],
            |_, d| {
                d.review_interval_months
                    .map(|m| m.to_string())
                    .unwrap_or_default()
            },
            Some(|_, d, cell| {
                let text = cell.trim();
                d.review_interval_months = if text.is_empty() {
                    None
                } else {
                    Some(
                        text.parse::<u16>()
                            .ok()
                            .filter(|m| (1..=120).contains(m))
                            .ok_or_else(|| {
                                format!("{text:?} is not a number of months from 1 to 120")
                            })?,
                    )
                };
                Ok(())
            }),
        ),
        field_column!(
            date,
            "Next review",
            &["nextreview", "reviewdate", "reviewdue"],
            next_review
        ),
        column(
            "Clauses",
            &["clauses", "clause"],
            |_, d| join_list(&d.clauses),
            Some(|_, d, cell| {
                d.clauses = clauses(cell)?;
                Ok(())
            }),
        ),
        field_column!(
            unique_controls,
            "Controls",
            &["controls", "control", "controlids"],
            controls
        ),
        field_column!(
            text,
            "Location",
            &["location", "link", "path", "where"],
            location
        ),
    ]
}

/// The columns of the incident register.
pub(super) fn incident_columns() -> Vec<Column<Incident>> {
    vec![
        field_column!(id, "ID", &["id", "incidentid", "ref"]),
        field_column!(required, "Title", &["title", "name", "incident"], title),
        field_column!(
            text,
            "Description",
            &["description", "whathappened", "details"],
            description
        ),
        column(
            "Occurred",
            &["occurred", "date", "occurredon", "when"],
            |_, i| i.occurred.to_string(),
            Some(|_, i, cell| {
                i.occurred =
                    parse_date(cell)?.ok_or("every incident needs the date it happened")?;
                Ok(())
            }),
        ),
        field_column!(person, "Owner", &["owner", "handler", "ownername"], owner),
        column(
            "Assets",
            &["assets", "asset", "affectedassets"],
            |_, i| join_list(&i.assets),
            Some(|ctx, i, cell| {
                let mut assets = Vec::new();
                for item in split_list(cell) {
                    if let Some(id) =
                        resolve(item, &ctx.assets, &ctx.assets_by_name, "asset", "assets")?
                    {
                        let id = AssetId::try_new(id).expect("known id");
                        if !assets.contains(&id) {
                            assets.push(id);
                        }
                    }
                }
                i.assets = assets;
                Ok(())
            }),
        ),
        column(
            "Risks",
            &["risks", "risk", "relatedrisks"],
            |_, i| join_list(&i.risks),
            Some(|ctx, i, cell| {
                let known: HashSet<&str> =
                    ctx.workspace.risks.iter().map(|r| r.id.as_str()).collect();
                let mut by_title: HashMap<String, Vec<&str>> = HashMap::new();
                for r in &ctx.workspace.risks {
                    by_title
                        .entry(r.title.trim().to_lowercase())
                        .or_default()
                        .push(r.id.as_str());
                }
                let mut risks = Vec::new();
                for item in split_list(cell) {
                    if let Some(id) = resolve(item, &known, &by_title, "risk", "risks")? {
                        let id = RiskId::try_new(id).expect("known id");
                        if !risks.contains(&id) {
                            risks.push(id);
                        }
                    }
                }
                i.risks = risks;
                Ok(())
            }),
        ),
        field_column!(
            unique_controls,
            "Controls",
            &["controls", "control"],
            controls
        ),
        field_column!(
            choice_or(SEVERITIES, IncidentSeverity::Low),
            "Severity",
            &["severity", "impact"],
            severity
        ),
        field_column!(
            choice_or(INCIDENT_STATUSES, IncidentStatus::Open),
            "Status",
            &["status", "incidentstatus"],
            status
        ),
        field_column!(
            text,
            "Lessons learned",
            &["lessonslearned", "lessons", "learned"],
            lessons_learned
        ),
    ]
}

fn source_text(nc: &Nonconformity) -> String {
    match &nc.source {
        NonconformitySource::Manual => "manual".into(),
        NonconformitySource::AuditFinding { finding } => format!("audit finding {finding}"),
        NonconformitySource::Incident { incident } => format!("incident {incident}"),
    }
}

/// The columns of the nonconformity register.
pub(super) fn nonconformity_columns() -> Vec<Column<Nonconformity>> {
    vec![
        field_column!(id, "ID", &["id", "nonconformityid", "ncid", "nc", "ref"]),
        field_column!(
            required,
            "Title",
            &["title", "name", "nonconformity"],
            title
        ),
        field_column!(
            text,
            "Description",
            &["description", "details", "evidence"],
            description
        ),
        // Read only: a file cannot re-link a nonconformity to its origin.
        column("Source", &["source", "origin"], |_, n| source_text(n), None),
        field_column!(
            choice_or(GRADES, NonconformityGrade::Minor),
            "Grade",
            &["grade", "severity", "class"],
            grade
        ),
        field_column!(
            choice_or(NC_STATUSES, NonconformityStatus::Open),
            "Status",
            &["status"],
            status
        ),
        field_column!(
            date,
            "Raised on",
            &["raisedon", "raised", "date", "opened"],
            raised_on
        ),
        field_column!(
            person,
            "Owner",
            &["owner", "ownername", "responsible"],
            owner
        ),
        column(
            "Clause",
            &["clause", "requirement"],
            |_, n| {
                n.clause
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            },
            Some(|_, n, cell| {
                let mut found = clauses(cell)?;
                if found.len() > 1 {
                    return Err("name one clause".into());
                }
                n.clause = found.pop();
                Ok(())
            }),
        ),
        field_column!(
            unique_controls,
            "Controls",
            &["controls", "control"],
            controls
        ),
        field_column!(text, "Root cause", &["rootcause", "cause"], root_cause),
        field_column!(
            text,
            "Correction",
            &["correction", "immediateaction", "containment"],
            correction
        ),
        field_column!(date, "Due", &["due", "duedate", "deadline"], due),
    ]
}

fn existing<T: Clone>(items: &[T], id: impl Fn(&T) -> String) -> Vec<(String, T)> {
    items.iter().map(|x| (id(x), x.clone())).collect()
}

/// The preview of a file of one of the cycle's registers.
pub(super) fn preview(
    ctx: &Context,
    workspace: &Workspace,
    kind: CsvKind,
    table: Vec<Vec<String>>,
) -> Result<CsvPreview, Vec<CsvProblem>> {
    let key = |cell: &str| -> Result<String, String> {
        check_id(cell).map_err(|e| format!("{cell:?} is not a usable id: {e}"))
    };
    match kind {
        CsvKind::Documents => {
            let fresh = |id: &str| -> Result<Document, String> {
                Ok(Document::new(
                    DocumentId::try_new(id).map_err(|e| e.to_string())?,
                    "",
                ))
            };
            preview_rows(
                ctx,
                kind,
                Register {
                    columns: document_columns(),
                    existing: existing(&workspace.documents, |d| d.id.to_string()),
                    key: &key,
                    fresh: &fresh,
                    required_for_new: &["Title"],
                    id_prefix: Some("DOC"),
                    finish: &|_: &mut Document| -> Result<(), RowError> { Ok(()) },
                    label: |_, d| d.title.clone(),
                    wrap: CsvObject::Document,
                },
                table,
            )
        }
        CsvKind::Incidents => {
            let placeholder = Date::checked_new(1900, 1, 1).expect("valid");
            let fresh = |id: &str| -> Result<Incident, String> {
                Ok(Incident::new(
                    IncidentId::try_new(id).map_err(|e| e.to_string())?,
                    "",
                    placeholder,
                ))
            };
            preview_rows(
                ctx,
                kind,
                Register {
                    columns: incident_columns(),
                    existing: existing(&workspace.incidents, |i| i.id.to_string()),
                    key: &key,
                    fresh: &fresh,
                    required_for_new: &["Title", "Occurred"],
                    id_prefix: Some("INC"),
                    finish: &|_: &mut Incident| -> Result<(), RowError> { Ok(()) },
                    label: |_, i| i.title.clone(),
                    wrap: |i| CsvObject::Incident(Box::new(i)),
                },
                table,
            )
        }
        _ => {
            let fresh = |id: &str| -> Result<Nonconformity, String> {
                Ok(Nonconformity::new(
                    NonconformityId::try_new(id).map_err(|e| e.to_string())?,
                    "",
                ))
            };
            let finish = |nc: &mut Nonconformity| -> Result<(), RowError> {
                if nc.status == NonconformityStatus::Closed
                    && nc.corrective_actions.iter().any(|a| a.status.is_open())
                {
                    return Err((
                        "Status",
                        "it still has open corrective actions; close them in the app first".into(),
                    ));
                }
                Ok(())
            };
            preview_rows(
                ctx,
                kind,
                Register {
                    columns: nonconformity_columns(),
                    existing: existing(&workspace.nonconformities, |n| n.id.to_string()),
                    key: &key,
                    fresh: &fresh,
                    required_for_new: &["Title"],
                    id_prefix: Some("NC"),
                    finish: &finish,
                    label: |_, n| n.title.clone(),
                    wrap: |n| CsvObject::Nonconformity(Box::new(n)),
                },
                table,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{csv_apply, csv_export, csv_preview};
    use super::*;
    use crate::demo::demo_organisation;

    #[test]
    fn each_cycle_register_round_trips_unchanged() {
        let ws = demo_organisation();
        for kind in [
            CsvKind::Documents,
            CsvKind::Incidents,
            CsvKind::Nonconformities,
        ] {
            let text = csv_export(&ws, kind);
            let preview =
                csv_preview(&ws, kind, &text).unwrap_or_else(|p| panic!("{kind:?}: {p:#?}"));
            assert!(preview.is_empty(), "{kind:?}: {preview:#?}");
            assert!(!preview.unchanged.is_empty());
            assert_eq!(csv_apply(&ws, &preview), ws);
        }
    }

    #[test]
    fn rows_add_and_update_and_problems_name_row_and_column() {
        let ws = demo_organisation();
        let text = "Title,Kind,Owner,Approved on,Review interval (months),Clauses,Controls\r\n\
                    Clear desk policy,policy,Jonas Lindqvist,2026-01-05,12,5.2,A.7.7\r\n";
        let preview = csv_preview(&ws, CsvKind::Documents, text).unwrap();
        assert_eq!(preview.added.len(), 1);
        assert_eq!(preview.added[0].id, "DOC-0010");
        let after = csv_apply(&ws, &preview);
        let doc = after.documents.last().unwrap();
        assert_eq!(doc.owner.as_ref().unwrap().as_str(), "P-02");
        assert_eq!(doc.review_due(), Date::parse("2027-01-05"));

        let bad =
            "ID,Title,Occurred,Severity,Risks\r\nINC-0009,Lost phone,yesterday,huge,R-9999\r\n";
        let problems = csv_preview(&ws, CsvKind::Incidents, bad).unwrap_err();
        let columns: Vec<(usize, &str)> = problems
            .iter()
            .map(|p| (p.row, p.column.as_str()))
            .collect();
        assert!(columns.contains(&(2, "Occurred")), "{problems:#?}");
        assert!(columns.contains(&(2, "Severity")));
        assert!(columns.contains(&(2, "Risks")));

        let update = "ID,Status,Due\r\nNC-0002,awaiting review,2026-12-15\r\n";
        let preview = csv_preview(&ws, CsvKind::Nonconformities, update).unwrap();
        assert_eq!(preview.updated.len(), 1);
        let after = csv_apply(&ws, &preview);
        let nc = after
            .nonconformities
            .iter()
            .find(|n| n.id.as_str() == "NC-0002")
            .unwrap();
        assert_eq!(nc.status, NonconformityStatus::AwaitingReview);
        assert_eq!(nc.corrective_actions.len(), 2, "kept as they were");
        assert!(matches!(nc.source, NonconformitySource::Incident { .. }));
    }
}
