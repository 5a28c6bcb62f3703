//! The demo workspace: a realistic but entirely fictional organisation, for
//! first-time users, consultants' live demos and tests.
//!
//! Larkmoor Health Technologies is a 250-person regional health-tech company
//! that builds and runs "Wrenpath", a patient booking and remote-monitoring
//! platform used by about 120 clinics. Everything here is invented: names,
//! people, places, figures. Dates are chosen around 2026-11-22 so that some
//! actions, reviews and acceptances are overdue or expired on that day.
//!
//! The organisation is data, not code: `demo/larkmoor-health.json` is an
//! export in the current envelope, compiled in here (for the CLI and tests)
//! and read through the same importer as a user's file, so it is validated
//! and migrated like one. The app does not compile it in: it fetches the same
//! file, copied beside `index.html`, when the user loads the demo
//! (`app/src/io/demo.rs`), so that most first visits do not download it. It
//! is minified because it ships; the readable copy is
//! `tests/fixtures/demo-organisation.json`, and the tests below keep both
//! equal to the demo's export. To change the demo, edit the
//! readable copy, copy it over the data file and run
//! `ISMS_UPDATE_FIXTURES=1 cargo test -p isms-engine demo`, which writes the
//! data file back minified (and, after a schema change, both files in the
//! new version).

use crate::model::Workspace;
use crate::schema::import_json;

/// The day the demo is "written for": dates in the demo are relative to it.
pub const DEMO_TODAY: &str = "2026-11-22";

/// The demo organisation as an exported file (minified).
const ORGANISATION_JSON: &str = include_str!("demo/larkmoor-health.json");

/// The demo workspace: Larkmoor Health Technologies, a fictional 250-person
/// regional health-tech company, with 41 assets, 60 risks, a complete
/// Statement of Applicability, 24 treatment actions and three what-if
/// scenarios. Deterministic: every call returns the same workspace.
pub fn demo_organisation() -> Workspace {
    import_json(ORGANISATION_JSON)
        .unwrap_or_else(|problems| panic!("the compiled-in demo is valid (tested): {problems:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::{
        analyze_with, export_json, import_json, import_json_detailed, AnalysisOptions, Severity,
        SCHEMA_VERSION,
    };
    use std::collections::HashSet;

    /// `json` without the whitespace outside strings.
    fn minified(json: &str) -> String {
        let mut out = String::with_capacity(json.len());
        let (mut in_string, mut escaped) = (false, false);
        for c in json.chars() {
            if in_string {
                out.push(c);
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    in_string = false;
                }
            } else if !c.is_whitespace() {
                out.push(c);
                in_string = c == '"';
            }
        }
        out
    }

    #[test]
    fn demo_data_imports_cleanly_in_the_current_version() {
        let imported = import_json_detailed(ORGANISATION_JSON)
            .unwrap_or_else(|problems| panic!("{problems:#?}"));
        assert_eq!(imported.from_version, SCHEMA_VERSION);
        assert!(imported.warnings.is_empty(), "{:#?}", imported.warnings);
        let ws = imported.workspace;
        assert_eq!(ws.assets.len(), 41);
        assert_eq!(ws.risks.len(), 60);
        assert_eq!(ws.controls.len(), 93);
        assert_eq!(ws.actions.len(), 24);
        assert_eq!(ws.scenarios.len(), 3);
    }

    /// The data file is exactly the demo's export, minified: nothing in it
    /// that the importer drops or rewrites, so what ships is what loads.
    #[test]
    fn demo_data_is_the_minified_export() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/demo/larkmoor-health.json");
        let expected = format!("{}\n", minified(&export_json(&demo_organisation())));
        if std::env::var_os("ISMS_UPDATE_FIXTURES").is_some() {
            std::fs::write(path, &expected).expect("data file written");
        }
        let stored = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            stored == expected && ORGANISATION_JSON == expected,
            "{path} is not the minified export; run ISMS_UPDATE_FIXTURES=1 cargo test -p isms-engine demo"
        );
    }

    #[test]
    fn minified_keeps_strings_whole() {
        assert_eq!(
            minified("{ \"a b\": [1, \"c \\\" d\"],\n \"e\": \" \" }"),
            "{\"a b\":[1,\"c \\\" d\"],\"e\":\" \"}"
        );
    }

    #[test]
    fn demo_is_deterministic_and_survives_export_and_import() {
        let ws = demo_organisation();
        assert_eq!(ws, demo_organisation());
        let text = export_json(&ws);
        let back = import_json(&text).unwrap_or_else(|problems| panic!("{problems:#?}"));
        assert_eq!(back, ws);
        assert_eq!(export_json(&back), text);
    }

    /// The committed fixture is the demo's export, so the app and browser
    /// tests can load it without the engine. Regenerate with
    /// `ISMS_UPDATE_FIXTURES=1 cargo test -p isms-engine demo` or `isms demo`.
    #[test]
    fn demo_fixture_is_up_to_date() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/demo-organisation.json"
        );
        let expected = format!("{}\n", export_json(&demo_organisation()));
        if std::env::var_os("ISMS_UPDATE_FIXTURES").is_some() {
            std::fs::write(path, &expected).expect("fixture written");
        }
        let stored = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            stored == expected,
            "{path} is out of date; run ISMS_UPDATE_FIXTURES=1 cargo test -p isms-engine demo"
        );
    }

    #[test]
    fn demo_has_the_promised_shape() {
        let ws = demo_organisation();
        assert_eq!(ws.assets.len(), 41);
        assert_eq!(ws.risks.len(), 60);
        assert_eq!(ws.soa.len(), 93);
        let kinds: HashSet<_> = ws.assets.iter().map(|a| a.kind).collect();
        assert_eq!(kinds.len(), AssetKind::ALL.len(), "every asset kind");
        let decisions: HashSet<_> = ws.risks.iter().map(|r| r.treatment.decision).collect();
        for decision in [
            TreatmentDecision::Mitigate,
            TreatmentDecision::Accept,
            TreatmentDecision::Avoid,
            TreatmentDecision::Transfer,
        ] {
            assert!(decisions.contains(&decision), "{decision:?}");
        }
        assert!(ws
            .soa
            .iter()
            .all(|e| e.applicability != Applicability::Undecided));
        for entry in &ws.soa {
            match entry.applicability {
                Applicability::Excluded => assert!(entry.exclusion_justification.len() > 80),
                _ => assert!(!entry.reasons.is_empty() && !entry.evidence.is_empty()),
            }
        }
        let quantified = ws.risks.iter().filter(|r| r.quantitative.is_some()).count();
        assert_eq!(quantified, 15);
        let today = Date::parse(DEMO_TODAY).unwrap();
        let overdue = ws
            .actions
            .iter()
            .filter(|a| a.status.is_open() && a.due.is_some_and(|d| d < today))
            .count();
        assert!(overdue >= 3, "{overdue} overdue actions");
        assert!(ws.actions.iter().any(|a| a.status == ActionStatus::Done));
        // Linked controls are never excluded ones.
        let excluded: HashSet<_> = ws
            .soa
            .iter()
            .filter(|e| e.applicability == Applicability::Excluded)
            .map(|e| e.control.clone())
            .collect();
        for risk in &ws.risks {
            assert!(risk.controls.iter().all(|c| !excluded.contains(c)));
        }
    }

    #[test]
    fn demo_analysis_is_a_realistic_mix() {
        let ws = demo_organisation();
        let analysis = analyze_with(
            &ws,
            &AnalysisOptions {
                today: Date::parse(DEMO_TODAY),
            },
        );
        let inherent = &analysis.distributions.inherent;
        let levels_used = serde_json::to_value(inherent).unwrap();
        let above = analysis
            .risks
            .iter()
            .filter(|r| r.current_above_appetite)
            .count();
        let planned_above = analysis
            .risks
            .iter()
            .filter(|r| r.planned_above_appetite)
            .count();
        assert!(above >= 5, "{above} risks above appetite\n{levels_used}");
        assert!(planned_above < above, "planned treatment helps");
        assert!(above < 40);
        let codes: HashSet<&str> = analysis.findings.iter().map(|f| f.code).collect();
        for code in [
            "acceptance_expired",
            "acceptance_missing",
            "action_overdue",
            "review_overdue",
            "missing_owner",
            "treatment_undecided",
        ] {
            assert!(codes.contains(code), "{code} in {codes:?}");
        }
        assert!(
            !analysis.findings.iter().any(|f| f.code == "integrity"),
            "no broken references"
        );
        assert!(!codes.contains("excluded_control_relied_on"));
        assert!(analysis
            .findings
            .iter()
            .any(|f| f.severity == Severity::Error));
        assert!(analysis.expected_annual_loss.is_some_and(|loss| loss > 0.0));
    }
}
