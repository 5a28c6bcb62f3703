//! The ISMS-cycle commands: cascades, links between registers, and a
//! workspace that stays valid after each of them.

use engine::*;
mod common;
use common::{date, fixture, integrity as broken};

#[test]
fn the_fixture_is_clean_and_ids_continue_the_numbering() {
    let ws = fixture();
    assert!(broken(&ws).is_empty(), "{:?}", broken(&ws));
    assert_eq!(ws.next_document_id().as_str(), "DOC-0003");
    assert_eq!(ws.next_finding_id().as_str(), "FND-0003");
    assert_eq!(ws.next_nonconformity_id().as_str(), "NC-0003");
    assert_eq!(ws.next_incident_id().as_str(), "INC-0002");
    assert_eq!(ws.next_review_id().as_str(), "MR-0002");
    assert_eq!(ws.next_objective_id().as_str(), "OBJ-0002");
    assert_eq!(ws.next_audit_id().as_str(), "AUD-0002");
}

#[test]
fn clause_status_is_set_only_for_catalogue_clauses() {
    let mut ws = fixture();
    let clause = ClauseId::try_new("8.1").unwrap();
    assert!(ws.set_clause_status(&clause, ClauseStatus::PartiallyMet));
    assert!(ws.set_clause_status(&clause, ClauseStatus::FullyMet));
    let stored: Vec<_> = ws.clauses.iter().filter(|c| c.clause == clause).collect();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].status, ClauseStatus::FullyMet);
    assert!(!ws.set_clause_status(&ClauseId::try_new("11.9").unwrap(), ClauseStatus::FullyMet));
    assert!(ws.remove_clause_assessment(&clause));
    assert!(!ws.remove_clause_assessment(&clause));
}

#[test]
fn upserts_drop_links_to_things_that_do_not_exist() {
    let mut ws = fixture();
    let mut doc = Document::new(ws.next_document_id(), "  Access policy ");
    doc.owner = Some(PersonId::try_new("P-404").unwrap());
    doc.controls = vec![
        ControlId::try_new("A.8.5").unwrap(),
        ControlId::try_new("A.99.1").unwrap(),
        ControlId::try_new("A.8.5").unwrap(),
    ];
    doc.clauses = vec![
        ClauseId::try_new("5.2").unwrap(),
        ClauseId::try_new("12").unwrap(),
    ];
    assert_eq!(ws.upsert_document(doc), Ok(false));
    let stored = ws.documents.last().unwrap();
    assert_eq!(stored.title, "Access policy");
    assert_eq!(stored.owner, None);
    assert_eq!(stored.controls, [ControlId::try_new("A.8.5").unwrap()]);
    assert_eq!(stored.clauses, [ClauseId::try_new("5.2").unwrap()]);
    assert!(matches!(
        ws.upsert_document(Document::new(ws.next_document_id(), " ")),
        Err(CommandError::Empty(_))
    ));
    assert!(broken(&ws).is_empty());
}

#[test]
fn approving_a_document_restarts_its_review_interval() {
    let mut ws = fixture();
    let id = DocumentId::try_new("DOC-0001").unwrap();
    assert!(ws.documents[0].review_overdue(date("2025-06-01")));
    assert!(ws.approve_document(&id, date("2025-06-01"), None, Some("2.1")));
    let doc = &ws.documents[0];
    assert_eq!(doc.version, "2.1");
    assert_eq!(doc.approved_by.as_ref().unwrap().as_str(), "P-02", "kept");
    assert_eq!(doc.review_due(), Some(date("2026-06-01")));
    assert!(!doc.review_overdue(date("2025-06-02")));
}

#[test]
fn measurements_stay_in_date_order_one_per_day() {
    let mut ws = fixture();
    let id = ObjectiveId::try_new("OBJ-0001").unwrap();
    let m = |d: &str, value: f64| Measurement {
        date: date(d),
        value,
        note: String::new(),
    };
    assert_eq!(ws.record_measurement(&id, m("2025-01-15", 85.0)), Ok(false));
    assert_eq!(ws.record_measurement(&id, m("2025-02-28", 96.0)), Ok(true));
    let dates: Vec<String> = ws.objectives[0]
        .measurements
        .iter()
        .map(|m| m.date.to_string())
        .collect();
    assert_eq!(dates, ["2025-01-15", "2025-01-31", "2025-02-28"]);
    assert_eq!(ws.objectives[0].on_target(), Some(true));
    assert!(ws
        .record_measurement(&id, m("2025-03-01", f64::NAN))
        .is_err());
    assert!(ws.remove_measurement(&id, date("2025-02-28")));
    assert_eq!(
        ws.objectives[0].on_target(),
        Some(false),
        "January's 80 is the latest now"
    );
    assert!(!ws.remove_measurement(&id, date("2025-02-28")));

    let mut objective = ws.objectives[0].clone();
    objective.measurements.push(m("2025-01-15", 1.0));
    objective.measurements.insert(0, m("2025-03-31", 2.0));
    ws.upsert_objective(objective).unwrap();
    let values: Vec<f64> = ws.objectives[0]
        .measurements
        .iter()
        .map(|m| m.value)
        .collect();
    assert_eq!(
        values,
        [1.0, 80.0, 2.0],
        "sorted, the later of one day kept"
    );
}

#[test]
fn a_finding_raises_one_nonconformity_and_removing_its_audit_keeps_it() {
    let mut ws = fixture();
    let audit = AuditId::try_new("AUD-0001").unwrap();
    let finding = AuditFinding {
        id: ws.next_finding_id(),
        class: FindingClass::MajorNonconformity,
        description: "No restore test at all for the billing database\nDetails follow".into(),
        clause: Some(ClauseId::try_new("8.1").unwrap()),
        control: Some(ControlId::try_new("A.8.13").unwrap()),
    };
    let finding_id = finding.id.clone();
    assert_eq!(ws.upsert_finding(&audit, finding), Ok(false));
    let nc = ws
        .raise_nonconformity_from_finding(&finding_id, date("2025-03-12"))
        .unwrap();
    let raised = ws.nonconformities.iter().find(|n| n.id == nc).unwrap();
    assert_eq!(
        raised.title,
        "No restore test at all for the billing database"
    );
    assert_eq!(raised.grade, NonconformityGrade::Major);
    assert_eq!(raised.controls, [ControlId::try_new("A.8.13").unwrap()]);
    assert_eq!(raised.clause.as_ref().unwrap().as_str(), "8.1");
    assert!(ws
        .raise_nonconformity_from_finding(&finding_id, date("2025-03-12"))
        .is_err());
    let observation = FindingId::try_new("FND-0002").unwrap();
    assert!(matches!(
        ws.raise_nonconformity_from_finding(&observation, date("2025-03-12")),
        Err(CommandError::Invalid(_))
    ));
    // A finding id is unique across audits.
    let mut other = Audit::new(ws.next_audit_id(), "Second audit");
    other.findings.push(AuditFinding {
        id: finding_id.clone(),
        class: FindingClass::Observation,
        description: "x".into(),
        clause: None,
        control: None,
    });
    assert_eq!(
        ws.upsert_audit(other),
        Err(CommandError::Taken(finding_id.to_string()))
    );

    assert_eq!(ws.remove_audit(&audit), Some(2), "NC-0001 and the new one");
    assert!(ws
        .nonconformities
        .iter()
        .all(|n| !matches!(n.source, NonconformitySource::AuditFinding { .. })));
    assert_eq!(ws.nonconformities.len(), 3);
    assert!(broken(&ws).is_empty(), "{:?}", broken(&ws));
}

#[test]
fn corrective_actions_drive_the_nonconformity_and_its_plan_action() {
    let mut ws = fixture();
    let incident = IncidentId::try_new("INC-0001").unwrap();
    // NC-0002 already comes from INC-0001.
    assert!(ws
        .raise_nonconformity_from_incident(&incident, date("2025-02-10"))
        .is_err());
    let nc = NonconformityId::try_new("NC-0002").unwrap();
    assert!(ws.add_corrective_action(
        &nc,
        CorrectiveAction {
            title: "Alert on failed backup jobs".into(),
            owner: Some(PersonId::try_new("P-02").unwrap()),
            due: Some(date("2025-04-30")),
            status: ActionStatus::Planned,
            action: Some(ActionId::try_new("ACT-0001").unwrap()),
        }
    ));
    let review = EffectivenessReview {
        date: date("2025-06-01"),
        reviewed_by: Some(PersonId::try_new("P-01").unwrap()),
        effective: true,
        notes: String::new(),
    };
    assert!(
        ws.review_effectiveness(&nc, review.clone()).is_err(),
        "an action is open"
    );
    ws.actions[0].status = ActionStatus::Planned;
    assert!(ws.set_corrective_action_status(&nc, 0, ActionStatus::Done));
    assert_eq!(ws.actions[0].status, ActionStatus::Done, "the plan follows");
    let nc_now = |ws: &Workspace| {
        ws.nonconformities
            .iter()
            .find(|n| n.id == nc)
            .unwrap()
            .clone()
    };
    assert_eq!(nc_now(&ws).status, NonconformityStatus::AwaitingReview);
    let mut failed = review.clone();
    failed.effective = false;
    assert_eq!(
        ws.review_effectiveness(&nc, failed),
        Ok(NonconformityStatus::Open)
    );
    assert_eq!(
        ws.review_effectiveness(&nc, review),
        Ok(NonconformityStatus::Closed)
    );
    assert!(!ws.set_corrective_action_status(&nc, 5, ActionStatus::Done));

    // Removing the plan's action keeps the corrective action, unlinked.
    assert!(ws.remove_action(&ActionId::try_new("ACT-0001").unwrap()));
    assert!(ws
        .nonconformities
        .iter()
        .flat_map(|n| &n.corrective_actions)
        .all(|a| a.action.is_none()));
    assert!(broken(&ws).is_empty(), "{:?}", broken(&ws));
}

#[test]
fn removing_risks_assets_incidents_and_people_unlinks_them() {
    let mut ws = fixture();
    let removal = ws.remove_risk(&RiskId::try_new("R-0001").unwrap()).unwrap();
    assert_eq!(removal.incidents_unlinked, 1);
    assert!(ws
        .remove_asset(&AssetId::try_new("A-0001").unwrap())
        .is_some());
    assert!(ws.incidents[0].assets.is_empty() && ws.incidents[0].risks.is_empty());
    assert_eq!(
        ws.remove_incident(&IncidentId::try_new("INC-0001").unwrap()),
        Some(1)
    );
    assert!(
        ws.remove_person(&PersonId::try_new("P-02").unwrap(), None)
            .unwrap()
            .total()
            > 5
    );
    assert!(ws
        .remove_person(&PersonId::try_new("P-02").unwrap(), None)
        .is_none());
    assert!(broken(&ws).is_empty(), "{:?}", broken(&ws));
    let text = export_json(&ws);
    assert_eq!(import_json(&text).unwrap(), ws);
}

#[test]
fn review_actions_and_reviews_are_kept_tidy() {
    let mut ws = fixture();
    let id = ReviewId::try_new("MR-0001").unwrap();
    assert!(ws.set_review_action_status(&id, 0, ActionStatus::Done));
    assert!(!ws.set_review_action_status(&id, 3, ActionStatus::Done));
    // Adding an action: the owner is kept only when the person exists; a
    // blank title or a review that is gone is refused and changes nothing.
    let before = ws.management_reviews[0].actions.len();
    let action = |title: &str, owner: &str| ReviewAction {
        title: title.into(),
        owner: Some(PersonId::try_new(owner).unwrap()),
        due: Some(date("2026-12-31")),
        status: ActionStatus::Planned,
    };
    assert_eq!(
        ws.add_review_action(&id, action("Fund the SOC", "P-77")),
        Ok(())
    );
    let added = ws.management_reviews[0].actions.last().unwrap();
    assert_eq!(
        (added.title.as_str(), added.owner.as_ref()),
        ("Fund the SOC", None)
    );
    assert!(ws.add_review_action(&id, action("Hire", "P-01")).is_ok());
    assert_eq!(
        ws.management_reviews[0].actions.last().unwrap().owner,
        Some(PersonId::try_new("P-01").unwrap())
    );
    assert!(ws.add_review_action(&id, action("  ", "P-01")).is_err());
    let gone = ReviewId::try_new("MR-0999").unwrap();
    assert!(matches!(
        ws.add_review_action(&gone, action("Hire", "P-01")),
        Err(CommandError::NotFound(_))
    ));
    assert_eq!(ws.management_reviews[0].actions.len(), before + 2);
    let mut review = ManagementReview::new(ws.next_review_id(), "Review 2026", date("2026-06-20"));
    review.attendees = vec![
        PersonId::try_new("P-01").unwrap(),
        PersonId::try_new("P-01").unwrap(),
        PersonId::try_new("P-77").unwrap(),
    ];
    review.decisions = vec!["Keep the budget".into(), "  ".into()];
    assert_eq!(ws.upsert_management_review(review), Ok(false));
    let stored = ws.management_reviews.last().unwrap();
    assert_eq!(stored.attendees.len(), 1);
    assert_eq!(stored.decisions, ["Keep the budget"]);
    assert!(ws.remove_management_review(&id));
    assert!(!ws.remove_management_review(&id));
}
