use super::*;
use crate::demo_organisation;

const WHEN: &str = "2026-03-01T09:00:00Z";

fn document(kind: OscalKind) -> Value {
    let text = oscal_document(&demo_organisation(), kind, WHEN).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Every string value of `value`, with the key it sits under.
fn strings<'a>(value: &'a Value, key: &'a str, out: &mut Vec<(&'a str, &'a str)>) {
    match value {
        Value::String(s) => out.push((key, s)),
        Value::Array(items) => items.iter().for_each(|v| strings(v, key, out)),
        Value::Object(map) => map.iter().for_each(|(k, v)| strings(v, k, out)),
        _ => {}
    }
}

#[test]
fn documents_are_deterministic_and_their_uuids_unique_and_version_5() {
    for kind in OscalKind::ALL {
        let first = oscal_document(&demo_organisation(), kind, WHEN).unwrap();
        assert_eq!(
            first,
            oscal_document(&demo_organisation(), kind, WHEN).unwrap()
        );
        let value: Value = serde_json::from_str(&first).unwrap();
        let mut all = Vec::new();
        strings(&value, "", &mut all);
        let mut uuids: Vec<&str> = all
            .iter()
            .filter(|(k, _)| *k == "uuid")
            .map(|(_, v)| *v)
            .collect();
        let count = uuids.len();
        assert!(count >= 3, "{kind:?} has {count} uuids");
        uuids.sort_unstable();
        uuids.dedup();
        assert_eq!(uuids.len(), count, "{kind:?} repeats a uuid");
        for uuid in uuids {
            let bytes = uuid.as_bytes();
            assert_eq!(uuid.len(), 36, "{uuid}");
            assert_eq!(bytes[14], b'5', "version 5: {uuid}");
            assert!(
                matches!(bytes[19], b'8' | b'9' | b'a' | b'b'),
                "variant: {uuid}"
            );
        }
    }
}

#[test]
fn uuids_follow_the_workspace_and_the_object() {
    assert_eq!(uuid_of("ws", "risk/R-0001"), uuid_of("ws", "risk/R-0001"));
    assert_ne!(uuid_of("ws", "risk/R-0001"), uuid_of("ws", "risk/R-0002"));
    assert_ne!(
        uuid_of("ws", "risk/R-0001"),
        uuid_of("other", "risk/R-0001")
    );
    // The separator keeps ("ab", "c") and ("a", "bc") apart.
    assert_ne!(uuid_of("ab", "c"), uuid_of("a", "bc"));
}

#[test]
fn no_annex_a_title_is_written() {
    let workspace = demo_organisation();
    // The workspace's own texts without the control titles: a title that
    // still appears there is the organisation's own wording (an action
    // named after it, say), which the documents may carry.
    let mut untitled = workspace.clone();
    for control in &mut untitled.controls {
        control.title.clear();
    }
    let own_text = crate::export_json(&untitled);
    let titles: Vec<&str> = workspace
        .controls
        .iter()
        .filter(|c| c.source == crate::ControlSource::AnnexA2022)
        .map(|c| c.title.as_str())
        .filter(|t| t.split_whitespace().count() >= 3 && !own_text.contains(*t))
        .collect();
    assert!(titles.len() > 50);
    for kind in OscalKind::ALL {
        let text = oscal_document(&workspace, kind, WHEN).unwrap();
        for title in &titles {
            assert!(
                !text.contains(title),
                "{kind:?} contains the title {title:?}"
            );
        }
    }
}

#[test]
fn the_ssp_has_every_applicable_control_with_its_status() {
    let workspace = demo_organisation();
    let ssp = document(OscalKind::Ssp);
    let plan = &ssp["system-security-plan"];
    assert_eq!(plan["metadata"]["oscal-version"], OSCAL_VERSION);
    assert_eq!(plan["metadata"]["last-modified"], WHEN);
    let requirements = plan["control-implementation"]["implemented-requirements"]
        .as_array()
        .unwrap();
    let applicable: Vec<_> = workspace
        .soa
        .iter()
        .filter(|e| e.applicability == crate::Applicability::Applicable)
        .collect();
    assert_eq!(requirements.len(), applicable.len());
    for (requirement, entry) in requirements.iter().zip(&applicable) {
        assert_eq!(requirement["control-id"], entry.control.as_str());
        let status = workspace.control(&entry.control).unwrap().status;
        let state = &requirement["by-components"][0]["implementation-status"]["state"];
        let expected = match status {
            crate::ImplementationStatus::Implemented => "implemented",
            crate::ImplementationStatus::Partial => "partial",
            _ => "planned",
        };
        assert_eq!(state, expected, "{}", entry.control);
    }
    // The profile selects the same controls.
    let profile = document(OscalKind::Profile);
    let selected: usize = profile["profile"]["imports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            i["include-controls"][0]["with-ids"]
                .as_array()
                .unwrap()
                .len()
        })
        .sum();
    assert_eq!(selected, applicable.len());
}

#[test]
fn the_poam_and_the_results_carry_what_is_open_and_what_audits_found() {
    let workspace = demo_organisation();
    let poam = document(OscalKind::Poam);
    let items = poam["plan-of-action-and-milestones"]["poam-items"]
        .as_array()
        .unwrap();
    let open_ncs = workspace
        .nonconformities
        .iter()
        .filter(|n| n.is_open())
        .count();
    assert!(open_ncs > 0);
    let nc_items = items
        .iter()
        .filter(|i| {
            i["description"]
                .as_str()
                .unwrap()
                .starts_with("Open nonconformity")
        })
        .count();
    assert_eq!(nc_items, open_ncs);
    let risks_with_open_actions = workspace
        .risks
        .iter()
        .filter(|r| {
            workspace
                .actions
                .iter()
                .any(|a| a.status.is_open() && a.risks.contains(&r.id))
        })
        .count();
    assert!(risks_with_open_actions > 0);
    assert!(items.len() >= open_ncs + risks_with_open_actions);

    let results = document(OscalKind::AssessmentResults);
    let findings: usize = results["assessment-results"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["findings"].as_array().map_or(0, Vec::len))
        .sum();
    let expected: usize = workspace
        .audits
        .iter()
        .filter(|a| {
            matches!(
                a.status,
                crate::AuditStatus::InProgress | crate::AuditStatus::Completed
            )
        })
        .map(|a| a.findings.len())
        .sum();
    assert!(expected > 0);
    assert_eq!(findings, expected);
}

#[test]
fn an_empty_workspace_gets_reasons_instead_of_invalid_documents() {
    let empty = crate::Workspace::new(crate::WorkspaceId::try_new("empty").unwrap(), "Empty");
    for kind in OscalKind::ALL {
        let message = oscal_document(&empty, kind, WHEN).unwrap_err();
        assert!(message.contains("so"), "{kind:?}: {message}");
    }
}

#[test]
fn ids_become_oscal_tokens() {
    assert_eq!(token("A.5.1"), "A.5.1");
    assert_eq!(token("9-custom"), "_9-custom");
    assert_eq!(
        OscalKind::from_name("ar"),
        Some(OscalKind::AssessmentResults)
    );
    assert_eq!(OscalKind::from_name("catalog"), None);
}
