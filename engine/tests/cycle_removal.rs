//! Deleting ISMS-cycle records through the one command, with what each
//! deletion takes along or unlinks; and applying a likelihood suggestion
//! after an incident.

use engine::*;
mod common;
use common::{date, fixture, integrity};

/// Deletes `record` and checks the workspace stays valid and round-trips.
fn remove(ws: &mut Workspace, record: &CycleRecord) -> RemovalEffects {
    let predicted = ws.removal_effects(record).expect("the record exists");
    let effects = ws.remove_cycle_record(record).expect("deleted");
    assert_eq!(effects, predicted, "{record:?}");
    assert_eq!(ws.removal_effects(record), None, "{record:?} is gone");
    assert_eq!(ws.remove_cycle_record(record), None, "a second delete");
    assert!(integrity(ws).is_empty(), "{:?}", integrity(ws));
    assert_eq!(import_json(&export_json(ws)).unwrap(), *ws);
    effects
}

#[test]
fn deleting_an_audit_takes_its_findings_and_unlinks_their_nonconformity() {
    let mut ws = fixture();
    let audit = AuditId::try_new("AUD-0001").unwrap();
    let effects = remove(&mut ws, &CycleRecord::Audit(audit));
    assert_eq!(effects.findings, 2);
    assert_eq!(effects.nonconformities_unlinked, 1);
    assert!(ws.audits.is_empty());
    let nc = &ws.nonconformities[0];
    assert_eq!(nc.id.as_str(), "NC-0001");
    assert_eq!(nc.source, NonconformitySource::Manual, "kept, now by hand");
    assert_eq!(nc.corrective_actions.len(), 1, "its actions stay");
}

#[test]
fn deleting_a_finding_unlinks_only_its_own_nonconformity() {
    let mut ws = fixture();
    let observation = CycleRecord::Finding(FindingId::try_new("FND-0002").unwrap());
    assert_eq!(remove(&mut ws, &observation), RemovalEffects::default());
    assert!(matches!(
        ws.nonconformities[0].source,
        NonconformitySource::AuditFinding { .. }
    ));
    let minor = CycleRecord::Finding(FindingId::try_new("FND-0001").unwrap());
    assert_eq!(remove(&mut ws, &minor).nonconformities_unlinked, 1);
    assert!(ws.audits[0].findings.is_empty(), "the audit stays");
    assert_eq!(ws.nonconformities[0].source, NonconformitySource::Manual);
}

#[test]
fn deleting_an_incident_keeps_the_nonconformity_raised_from_it() {
    let mut ws = fixture();
    let incident = IncidentId::try_new("INC-0001").unwrap();
    let raised: Vec<NonconformityId> = ws
        .nonconformities
        .iter()
        .filter(|n| matches!(&n.source, NonconformitySource::Incident { incident: i } if *i == incident))
        .map(|n| n.id.clone())
        .collect();
    assert_eq!(raised.len(), 1);
    let effects = remove(&mut ws, &CycleRecord::Incident(incident));
    assert_eq!(effects.nonconformities_unlinked, 1);
    let kept = ws
        .nonconformities
        .iter()
        .find(|n| n.id == raised[0])
        .unwrap();
    assert_eq!(kept.source, NonconformitySource::Manual);
}

#[test]
fn deleting_a_nonconformity_keeps_the_plan_actions_its_corrective_actions_link() {
    let mut ws = fixture();
    let id = NonconformityId::try_new("NC-0001").unwrap();
    let linked = ActionId::try_new("ACT-0001").unwrap();
    let actions_before = ws.actions.len();
    let effects = remove(&mut ws, &CycleRecord::Nonconformity(id.clone()));
    assert_eq!(effects.corrective_actions, 1);
    assert_eq!(effects.plan_actions_kept, 1);
    assert!(ws.nonconformities.iter().all(|n| n.id != id));
    assert_eq!(ws.actions.len(), actions_before);
    assert!(ws.actions.iter().any(|a| a.id == linked));
    // Its finding may raise a nonconformity again.
    let finding = FindingId::try_new("FND-0001").unwrap();
    assert!(ws
        .raise_nonconformity_from_finding(&finding, date("2025-07-01"))
        .is_ok());
}

#[test]
fn deleting_objectives_measurements_documents_and_reviews() {
    let mut ws = fixture();
    let objective = ObjectiveId::try_new("OBJ-0001").unwrap();
    let one = CycleRecord::Measurement(objective.clone(), date("2025-01-31"));
    assert_eq!(remove(&mut ws, &one), RemovalEffects::default());
    assert_eq!(ws.objectives[0].measurements.len(), 1);
    assert_eq!(
        ws.removal_effects(&CycleRecord::Measurement(
            objective.clone(),
            date("2025-03-31")
        )),
        None,
        "no measurement that day"
    );
    let effects = remove(&mut ws, &CycleRecord::Objective(objective));
    assert_eq!(effects.measurements, 1);
    assert!(ws.objectives.is_empty());

    let document = CycleRecord::Document(DocumentId::try_new("DOC-0002").unwrap());
    assert!(remove(&mut ws, &document).is_empty());
    assert_eq!(ws.documents.len(), 1);

    let review = CycleRecord::Review(ReviewId::try_new("MR-0001").unwrap());
    assert_eq!(remove(&mut ws, &review).review_actions, 1);
    assert!(ws.management_reviews.is_empty());
    assert_eq!(review.label(), "management review MR-0001");
}

#[test]
fn an_unknown_record_changes_nothing() {
    let mut ws = fixture();
    let before = ws.clone();
    for record in [
        CycleRecord::Audit(AuditId::try_new("AUD-0404").unwrap()),
        CycleRecord::Finding(FindingId::try_new("FND-0404").unwrap()),
        CycleRecord::Nonconformity(NonconformityId::try_new("NC-0404").unwrap()),
        CycleRecord::Incident(IncidentId::try_new("INC-0404").unwrap()),
        CycleRecord::Objective(ObjectiveId::try_new("OBJ-0404").unwrap()),
        CycleRecord::Document(DocumentId::try_new("DOC-0404").unwrap()),
        CycleRecord::Review(ReviewId::try_new("MR-0404").unwrap()),
    ] {
        assert_eq!(ws.removal_effects(&record), None);
        assert_eq!(ws.remove_cycle_record(&record), None);
    }
    assert_eq!(ws, before);
}

#[test]
fn a_likelihood_suggestion_is_applied_only_on_request_and_recorded() {
    let mut ws = fixture();
    let incident = IncidentId::try_new("INC-0001").unwrap();
    let risk = RiskId::try_new("R-0001").unwrap();
    let suggestions = likelihood_suggestions(&ws, &incident);
    let suggestion = suggestions.iter().find(|s| s.risk == risk).unwrap().clone();
    let before = ws.risks.iter().find(|r| r.id == risk).unwrap().likelihood;
    assert_eq!(suggestion.current, before);
    assert_eq!(
        ws.risks.iter().find(|r| r.id == risk).unwrap().likelihood,
        before,
        "suggesting changes nothing"
    );

    let change = ws
        .apply_likelihood_suggestion(&incident, &risk, date("2025-02-10"))
        .unwrap();
    assert_eq!(change.from, before);
    assert_eq!(change.to, suggestion.suggested);
    assert_eq!(change.on, date("2025-02-10"));
    assert_eq!(
        ws.risks.iter().find(|r| r.id == risk).unwrap().likelihood,
        suggestion.suggested
    );
    let recorded = &ws.incidents[0].likelihood_changes;
    assert_eq!(recorded, &[change]);
    // Not offered again after this incident, and not applied twice.
    assert!(likelihood_suggestions(&ws, &incident)
        .iter()
        .all(|s| s.risk != risk));
    assert!(matches!(
        ws.apply_likelihood_suggestion(&incident, &risk, date("2025-02-11")),
        Err(CommandError::Invalid(_))
    ));
    // The record survives the round trip.
    assert!(integrity(&ws).is_empty(), "{:?}", integrity(&ws));
    assert_eq!(import_json(&export_json(&ws)).unwrap(), ws);
}

#[test]
fn a_risk_the_incident_does_not_concern_is_refused() {
    let mut ws = fixture();
    let incident = IncidentId::try_new("INC-0001").unwrap();
    let unrelated = ws
        .risks
        .iter()
        .find(|r| {
            likelihood_suggestions(&ws, &incident)
                .iter()
                .all(|s| s.risk != r.id)
        })
        .map(|r| r.id.clone());
    let before = ws.clone();
    if let Some(risk) = unrelated {
        assert!(ws
            .apply_likelihood_suggestion(&incident, &risk, date("2025-02-10"))
            .is_err());
    }
    let missing = IncidentId::try_new("INC-0404").unwrap();
    assert!(ws
        .apply_likelihood_suggestion(
            &missing,
            &RiskId::try_new("R-0001").unwrap(),
            date("2025-02-10")
        )
        .is_err());
    assert_eq!(ws, before);
}
