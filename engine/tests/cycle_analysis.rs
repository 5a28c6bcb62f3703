//! What the engine computes from the ISMS cycle: certification readiness
//! from its parts, the checks, likelihood suggestions, the review pack and
//! the PDCA status; with property tests of the readiness figure.

use engine::*;
mod common;
use common::{date, fixture};
use proptest::prelude::*;

fn readiness(ws: &Workspace) -> CertificationReadiness {
    certification_readiness(ws, &analyze(ws).soa)
}

#[test]
fn readiness_is_the_weighted_mean_of_its_known_parts() {
    let ws = fixture();
    let r = readiness(&ws);
    // Clauses: 4.3 met (1), 6.1.2 partial (0.5), 9.2.2 not started, 7.4 not
    // applicable, 25 others not assessed: 1.5 over 29 applicable clauses.
    let clauses = r.clauses.score.unwrap();
    assert!((clauses - 1.5 / 29.0).abs() < 1e-12, "{clauses}");
    assert_eq!(
        (
            r.clauses.fully_met,
            r.clauses.partially_met,
            r.clauses.not_started
        ),
        (1, 1, 1)
    );
    assert_eq!((r.clauses.not_applicable, r.clauses.not_assessed), (1, 26));
    // Nonconformities: NC-0001 minor closed (1), NC-0002 major open (2).
    assert_eq!(r.nonconformities.score, Some(1.0 - 2.0 / 3.0));
    assert_eq!(r.blockers, [NonconformityId::try_new("NC-0002").unwrap()]);
    let soa = r.soa.score.expect("the fixture has SoA decisions");
    let expected = 100.0
        * (CLAUSE_WEIGHT * clauses + SOA_WEIGHT * soa + NONCONFORMITY_WEIGHT * (1.0 / 3.0))
        / (CLAUSE_WEIGHT + SOA_WEIGHT + NONCONFORMITY_WEIGHT);
    assert!((r.figure.unwrap() - expected).abs() < 1e-9);
}

#[test]
fn nothing_known_is_said_rather_than_guessed() {
    let ws = Workspace::new(WorkspaceId::try_new("w").unwrap(), "Empty");
    let r = readiness(&ws);
    assert_eq!(r.figure, None);
    assert_eq!(r.clauses.score, None);
    assert_eq!(r.soa.score, None, "no SoA decision yet");
    assert_eq!(r.nonconformities.score, None, "no audit, no nonconformity");
}

#[test]
fn an_open_nonconformity_lowers_its_controls_effective_status() {
    assert_eq!(
        effective_status(
            ImplementationStatus::Implemented,
            &[NonconformityGrade::Minor]
        ),
        ImplementationStatus::Partial
    );
    assert_eq!(
        effective_status(
            ImplementationStatus::Implemented,
            &[NonconformityGrade::Major]
        ),
        ImplementationStatus::Planned
    );
    assert_eq!(
        effective_status(
            ImplementationStatus::Planned,
            &[NonconformityGrade::Major; 2]
        ),
        ImplementationStatus::NotStarted
    );
    let mut ws = fixture();
    let control = ControlId::try_new("A.8.5").unwrap();
    ws.set_control_status([&control], ImplementationStatus::Implemented);
    ws.set_applicability([&control], Applicability::Applicable, "");
    let before = readiness(&ws);
    let mut nc = Nonconformity::new(ws.next_nonconformity_id(), "MFA not enforced for admins");
    nc.controls = vec![control.clone()];
    ws.upsert_nonconformity(nc.clone()).unwrap();
    let by_control = open_nonconformities_by_control(&ws);
    assert_eq!(by_control[&control], [nc.id.clone()]);
    let after = readiness(&ws);
    assert!(after.soa.lowered_controls.contains(&control));
    assert!(after.soa.effective_implementation < before.soa.effective_implementation);
    assert_eq!(
        after.soa.recorded_implementation,
        before.soa.recorded_implementation
    );
    assert!(after.figure < before.figure);
}

#[test]
fn checks_flag_overdue_reviews_off_target_objectives_and_late_nonconformities() {
    let mut ws = fixture();
    ws.nonconformities[1].due = Some(date("2025-05-01"));
    ws.incidents[0].lessons_learned.clear();
    let today = AnalysisOptions {
        today: Some(date("2025-06-01")),
    };
    let findings = analyze_with(&ws, &today).findings;
    let codes: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (f.code, f.object.id.as_str()))
        .collect();
    for expected in [
        ("document_review_overdue", "DOC-0001"),
        ("objective_off_target", "OBJ-0001"),
        ("nonconformity_overdue", "NC-0002"),
        ("major_nonconformity_open", "NC-0002"),
        ("incident_without_lessons", "INC-0001"),
        ("missing_owner", "DOC-0002"),
    ] {
        assert!(codes.contains(&expected), "{expected:?} in {codes:?}");
    }
    let off = findings
        .iter()
        .find(|f| f.code == "objective_off_target")
        .unwrap();
    assert!(
        off.message
            .contains("92.5 % on 2025-02-28 against a target of at least 95 %"),
        "{}",
        off.message
    );
    // Without a date, only what needs none.
    let undated = analyze(&ws).findings;
    assert!(!undated.iter().any(|f| f.code.ends_with("overdue")));
    assert!(undated.iter().any(|f| f.code == "objective_off_target"));
}

#[test]
fn an_incident_suggests_reviewing_likelihoods_without_changing_them() {
    let ws = fixture();
    let incident = IncidentId::try_new("INC-0001").unwrap();
    let before = ws.clone();
    let suggestions = likelihood_suggestions(&ws, &incident);
    assert_eq!(ws, before, "nothing changes");
    assert_eq!(suggestions[0].risk.as_str(), "R-0001");
    assert_eq!(suggestions[0].relation, Relation::Linked);
    assert!(suggestions
        .iter()
        .skip(1)
        .all(|s| s.relation == Relation::SharesAsset));
    for s in &suggestions {
        assert_eq!(s.suggested.get(), s.current.get() + 1);
        let risk = ws.risk(&s.risk).unwrap();
        assert!(
            risk.assets
                .iter()
                .any(|a| ws.incidents[0].assets.contains(a))
                || s.relation == Relation::Linked
        );
    }
    assert!(likelihood_suggestions(&ws, &IncidentId::try_new("INC-9").unwrap()).is_empty());
}

#[test]
fn the_review_pack_gathers_every_input_since_the_last_review() {
    let ws = fixture();
    let analysis = analyze(&ws);
    let pack = management_review_pack(&ws, &analysis, date("2026-06-30"));
    assert_eq!(
        pack.previous_review.as_ref().map(|(id, _)| id.as_str()),
        Some("MR-0001")
    );
    assert_eq!(pack.earlier_actions.len(), 1);
    assert!(pack.earlier_actions[0].overdue);
    assert_eq!(pack.nonconformities.len(), 1, "only the open one");
    assert!(pack.audits.is_empty(), "the only audit predates the review");
    assert_eq!(pack.objectives.len(), 1);
    assert!(
        pack.objectives[0].measurements.is_empty(),
        "none since June 2025"
    );
    assert_eq!(
        pack.risks.open_risks as usize,
        analysis.risks.iter().filter(|r| !r.closed).count()
    );
    // Before the first review, everything counts.
    let first = management_review_pack(&ws, &analysis, date("2025-06-01"));
    assert_eq!(first.previous_review, None);
    assert_eq!(first.audits.len(), 1);
    assert_eq!(first.opportunities.len(), 1);
    assert_eq!(first.objectives[0].measurements.len(), 2);
    assert_eq!(first.nonconformities.len(), 2);
    let json = serde_json::to_value(&first).unwrap();
    assert!(json["readiness"]["clauses"]["score"].is_number());
}

#[test]
fn pdca_status_says_what_is_missing_in_each_phase() {
    let ws = fixture();
    let status = pdca_status(&ws, date("2025-07-01"));
    let phases: Vec<Phase> = status.phases.iter().map(|p| p.phase).collect();
    assert_eq!(phases, Phase::ALL);
    let plan = &status.phases[0];
    assert_eq!(plan.clauses, 19);
    assert_eq!(plan.clauses_met, 2, "4.3 met and 7.4 not applicable");
    let act = &status.phases[3];
    assert!(act.missing().contains(&"no open major nonconformity"));
    let check = &status.phases[2];
    // Audit and review within the year; the last measurement is February's.
    assert_eq!(
        check.missing(),
        ["objectives measured in the last three months"]
    );
    let empty = Workspace::new(WorkspaceId::try_new("w").unwrap(), "Empty");
    let bare = pdca_status(&empty, date("2025-07-01"));
    assert!(bare.phases[0]
        .missing()
        .contains(&"scope statement written"));
    assert!(bare.phases[2]
        .missing()
        .contains(&"internal audit completed in the last year"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any mix of clause statuses gives a figure from 0 to 100, and fully
    /// meeting one more clause never lowers it.
    #[test]
    fn readiness_stays_in_range_and_rises_with_each_clause_met(
        statuses in proptest::collection::vec(0usize..5, 30),
        pick in 0usize..30,
    ) {
        let mut ws = fixture();
        ws.clauses.clear();
        let catalogue = clause_catalogue();
        for (requirement, &s) in catalogue.iter().zip(&statuses) {
            if s < 4 {
                ws.set_clause_status(&ClauseId::try_new(requirement.number).unwrap(), ClauseStatus::ALL[s]);
            }
        }
        // Keep at least one assessment so the clause part is known.
        ws.set_clause_status(&ClauseId::try_new("4.1").unwrap(), ClauseStatus::ALL[statuses[0] % 4]);
        let coverage = analyze(&ws).soa;
        let before = certification_readiness(&ws, &coverage);
        let figure = before.figure.unwrap();
        prop_assert!((0.0..=100.0).contains(&figure));
        prop_assert!(before.clauses.score.is_some_and(|s| (0.0..=1.0).contains(&s)));
        ws.set_clause_status(&ClauseId::try_new(catalogue[pick].number).unwrap(), ClauseStatus::FullyMet);
        let after = certification_readiness(&ws, &coverage);
        prop_assert!(after.figure.unwrap() >= figure - 1e-9, "{} < {}", after.figure.unwrap(), figure);
        prop_assert!(after.clauses.score.unwrap() >= before.clauses.score.unwrap() - 1e-12);
    }

    /// Closing a nonconformity never lowers the figure.
    #[test]
    fn closing_a_nonconformity_never_lowers_readiness(which in 0usize..2) {
        let mut ws = fixture();
        ws.nonconformities[which].status = NonconformityStatus::Open;
        let before = readiness(&ws).figure.unwrap();
        ws.nonconformities[which].status = NonconformityStatus::Closed;
        let after = readiness(&ws).figure.unwrap();
        prop_assert!(after >= before);
    }
}
