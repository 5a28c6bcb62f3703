//! Property tests of the ISMS-cycle registers: removing anything leaves the
//! workspace valid, export then import is exact, and merging the same edit
//! made in two tabs is clean.

use engine::*;
use proptest::prelude::*;

fn fixture() -> Workspace {
    demo_organisation()
}

fn clean(ws: &Workspace) -> bool {
    !analyze(ws).findings.iter().any(|f| f.code == "integrity")
}

/// One removal, picked by kind and position.
fn remove(ws: &mut Workspace, kind: usize, at: usize) {
    match kind {
        0 => {
            let id = ws.people[at % ws.people.len()].id.clone();
            let _ = ws.remove_person(&id, None);
        }
        1 => {
            let id = ws.assets[at % ws.assets.len()].id.clone();
            ws.remove_asset(&id);
        }
        2 => {
            let id = ws.risks[at % ws.risks.len()].id.clone();
            ws.remove_risk(&id);
        }
        3 => {
            let id = ws.actions[at % ws.actions.len()].id.clone();
            ws.remove_action(&id);
        }
        4 => {
            if let Some(audit) = ws.audits.get(at % ws.audits.len().max(1)) {
                let id = audit.id.clone();
                ws.remove_audit(&id);
            }
        }
        5 => {
            let findings: Vec<FindingId> = ws
                .audits
                .iter()
                .flat_map(|a| a.findings.iter().map(|f| f.id.clone()))
                .collect();
            if let Some(id) = findings.get(at % findings.len().max(1)) {
                ws.remove_finding(id);
            }
        }
        6 => {
            if let Some(i) = ws.incidents.get(at % ws.incidents.len().max(1)) {
                let id = i.id.clone();
                ws.remove_incident(&id);
            }
        }
        7 => {
            if let Some(n) = ws.nonconformities.get(at % ws.nonconformities.len().max(1)) {
                let id = n.id.clone();
                ws.remove_nonconformity(&id);
            }
        }
        8 => {
            if let Some(d) = ws.documents.get(at % ws.documents.len().max(1)) {
                let id = d.id.clone();
                ws.remove_document(&id);
            }
        }
        9 => {
            if let Some(o) = ws.objectives.get(at % ws.objectives.len().max(1)) {
                let id = o.id.clone();
                ws.remove_objective(&id);
            }
        }
        _ => {
            if let Some(r) = ws
                .management_reviews
                .get(at % ws.management_reviews.len().max(1))
            {
                let id = r.id.clone();
                ws.remove_management_review(&id);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any sequence of removals leaves no dangling reference, and the result
    /// exports and imports exactly.
    #[test]
    fn removing_anything_leaves_the_workspace_valid(
        steps in proptest::collection::vec((0usize..11, 0usize..100), 1..8)
    ) {
        let mut ws = fixture();
        for (kind, at) in steps {
            remove(&mut ws, kind, at);
            prop_assert!(clean(&ws), "after removing kind {kind} at {at}");
        }
        let text = export_json(&ws);
        prop_assert_eq!(import_json(&text).unwrap(), ws);
    }

    /// Measurements with any finite values and dates export and import
    /// exactly, and the objective's latest is the one with the latest date.
    #[test]
    fn measurements_round_trip_exactly(
        values in proptest::collection::vec((0i64..3000, -1.0e9f64..1.0e9), 1..30)
    ) {
        let mut ws = fixture();
        let id = ws.objectives[0].id.clone();
        for (day, value) in &values {
            let date = Date::from_unix_days(20_000 + day).unwrap();
            ws.record_measurement(&id, Measurement { date, value: *value, note: String::new() }).unwrap();
        }
        let dates: Vec<Date> = ws.objectives[0].measurements.iter().map(|m| m.date).collect();
        prop_assert!(dates.windows(2).all(|w| w[0] < w[1]));
        let back = import_json(&export_json(&ws)).unwrap();
        prop_assert_eq!(&back, &ws);
        prop_assert_eq!(back.objectives[0].latest().map(|m| m.date), dates.last().copied());
    }

    /// The same edit of a cycle register made in two tabs merges cleanly.
    #[test]
    fn identical_edits_merge_without_conflict(status in 0usize..4, pick in 0usize..30) {
        let base = fixture();
        let mut edit = base.clone();
        let clause = ClauseId::try_new(clause_catalogue()[pick].number).unwrap();
        edit.set_clause_status(&clause, ClauseStatus::ALL[status]);
        edit.incidents[2].lessons_learned = "Check the recipient before attaching exports.".into();
        let merged = merge_workspaces(&base, &edit, &edit).unwrap();
        prop_assert!(merged.conflicts.is_empty());
        prop_assert_eq!(merged.merged, edit);
    }
}

#[test]
fn different_edits_of_cycle_registers_merge_and_the_same_field_conflicts() {
    let base = fixture();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.documents[0].version = "3.1".into();
    theirs.incidents[0].severity = IncidentSeverity::Critical;
    let merged = merge_workspaces(&base, &ours, &theirs).unwrap();
    assert!(merged.conflicts.is_empty());
    assert_eq!(merged.merged.documents[0].version, "3.1");
    assert_eq!(
        merged.merged.incidents[0].severity,
        IncidentSeverity::Critical
    );
    theirs.documents[0].version = "4.0".into();
    let merged = merge_workspaces(&base, &ours, &theirs).unwrap();
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].collection, Some(Collection::Documents));
    assert_eq!(merged.conflicts[0].field, ["version"]);
}

#[test]
fn records_and_diffs_cover_the_cycle_registers() {
    let before = fixture();
    let parts = split(&before);
    assert_eq!(join(&parts.header, &parts.records).unwrap(), before);
    let mut after = before.clone();
    after.objectives[1].target = 10.0;
    let changes = changed_records(&before, &after);
    assert_eq!(changes.put.len(), 1);
    assert_eq!(changes.put[0].collection, Collection::Objectives);
    let difference = diff(&before, &after);
    let group = difference.group("objectives").expect("objectives changed");
    assert_eq!(group.changed[0].fields[0].path, "target");
}
