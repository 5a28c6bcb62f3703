//! The demo organisation's year of the ISMS cycle: realistic, clean, and
//! showing exactly the findings it is meant to show on its day.

use engine::*;
use std::collections::HashSet;

fn demo_today() -> Date {
    Date::parse(DEMO_TODAY).unwrap()
}

#[test]
fn the_demo_has_a_year_of_the_cycle() {
    let ws = demo_organisation();
    assert_eq!(ws.clauses.len(), clause_catalogue().len());
    assert!(ws.documents.len() >= 8);
    assert_eq!(ws.objectives.len(), 3);
    for objective in &ws.objectives {
        assert_eq!(objective.measurements.len(), 12, "{}", objective.id);
    }
    let off: Vec<_> = ws
        .objectives
        .iter()
        .filter(|o| o.on_target() == Some(false))
        .collect();
    assert_eq!(off.len(), 1);
    assert_eq!(ws.audits.len(), 1);
    let classes: HashSet<_> = ws.audits[0].findings.iter().map(|f| f.class).collect();
    assert!(classes.contains(&FindingClass::MinorNonconformity));
    assert!(classes.contains(&FindingClass::Observation));
    assert!(classes.contains(&FindingClass::OpportunityForImprovement));
    assert_eq!(ws.nonconformities.len(), 2);
    let closed: Vec<_> = ws.nonconformities.iter().filter(|n| !n.is_open()).collect();
    assert_eq!(closed.len(), 1);
    assert!(closed[0]
        .effectiveness
        .as_ref()
        .is_some_and(|e| e.effective));
    assert!(ws
        .nonconformities
        .iter()
        .any(|n| n.is_open() && !n.corrective_actions.is_empty()));
    assert_eq!(ws.incidents.len(), 3);
    assert!(ws
        .nonconformities
        .iter()
        .any(|n| matches!(n.source, NonconformitySource::Incident { .. })));
    assert_eq!(ws.management_reviews.len(), 1);
    let review = &ws.management_reviews[0];
    assert!(
        review.attendees.len() >= 4 && !review.decisions.is_empty() && !review.actions.is_empty()
    );
}

#[test]
fn the_demo_shows_the_intended_cycle_findings_and_nothing_broken() {
    let ws = demo_organisation();
    let analysis = analyze_with(
        &ws,
        &AnalysisOptions {
            today: Some(demo_today()),
        },
    );
    assert!(!analysis.findings.iter().any(|f| f.code == "integrity"));
    let codes: HashSet<&str> = analysis.findings.iter().map(|f| f.code).collect();
    for code in [
        "document_review_overdue",
        "objective_off_target",
        "nonconformity_overdue",
        "corrective_action_overdue",
        "review_action_overdue",
    ] {
        assert!(codes.contains(code), "{code} in {codes:?}");
    }
    assert!(!codes.contains("major_nonconformity_open"));
    assert!(!codes.contains("incident_without_lessons"));
    let overdue_docs: Vec<&str> = analysis
        .findings
        .iter()
        .filter(|f| f.code == "document_review_overdue")
        .map(|f| f.object.id.as_str())
        .collect();
    assert_eq!(overdue_docs, ["DOC-0003", "DOC-0005"]);

    let readiness = certification_readiness(&ws, &analysis.soa);
    let figure = readiness.figure.unwrap();
    assert!((50.0..95.0).contains(&figure), "{figure}");
    assert!(readiness.blockers.is_empty());
    assert_eq!(
        readiness.soa.lowered_controls,
        [ControlId::try_new("A.8.13").unwrap()],
        "the open NC-0002 lowers backups"
    );

    let pack = management_review_pack(&ws, &analysis, demo_today());
    assert_eq!(pack.earlier_actions.len(), 3);
    assert_eq!(pack.incidents.len(), 2, "two since the July review");
    assert!(pack.pdca.phases.iter().all(|p| p.clauses > 0));
    let suggestions = likelihood_suggestions(&ws, &IncidentId::try_new("INC-0003").unwrap());
    assert!(suggestions.iter().any(|s| s.risk.as_str() == "R-0018"));
}
