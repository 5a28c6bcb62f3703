//! The property both fuzzing harnesses check (issue 11, item 9): the
//! proptest one in `engine/tests/fuzz_import.rs` and the coverage-guided
//! one in `fuzz/` include this file.
//!
//! Import never panics, and either refuses with problems a person can act
//! on, or gives a workspace that exports and imports back identically (and
//! that the analysis can run on). A failure panics with a message whose
//! first line names the broken rule, so failures can be grouped by it.

use engine::{
    analyze, csv_apply, csv_export, csv_preview, demo_organisation, export_json, import_json,
    import_json_bytes, CsvKind, ImportProblem, Workspace, MAX_IMPORT_PROBLEMS,
};
use std::sync::OnceLock;

/// serde's own wording, which import must have replaced.
const RAW_SERDE: &[&str] = &[
    "invalid type:",
    "invalid value:",
    "invalid length",
    "expected u8",
    "expected u32",
    "expected u64",
    "missing field `",
    "unknown variant `",
    "recursion limit exceeded",
    "at line 0 column 0",
];

fn check_problems(problems: &[ImportProblem], what: &str) {
    assert!(
        problems.len() <= MAX_IMPORT_PROBLEMS + 1,
        "more {what} than the cap: {}",
        problems.len()
    );
    for problem in problems {
        assert!(
            problem.path.starts_with('$'),
            "{what} without a JSON path\n{problem}"
        );
        assert!(!problem.message.is_empty(), "{what} without a message");
        if let Some(raw) = RAW_SERDE.iter().find(|raw| problem.message.contains(**raw)) {
            panic!("{what} in serde's words ({raw})\n{problem}");
        }
    }
}

/// Imports `bytes` as an exported JSON file and checks the property.
/// Returns whether the file was accepted.
pub fn check_json(bytes: &[u8]) -> bool {
    let imported = match import_json_bytes(bytes) {
        Ok(imported) => imported,
        Err(problems) => {
            assert!(!problems.is_empty(), "refused without a problem");
            check_problems(&problems, "problems");
            return false;
        }
    };
    check_problems(&imported.warnings, "warnings");
    let workspace = imported.workspace;
    let text = export_json(&workspace);
    let again = match import_json(&text) {
        Ok(again) => again,
        Err(problems) => panic!(
            "an imported workspace's own export is refused\n{}",
            problems[0]
        ),
    };
    assert!(
        again == workspace,
        "export then import changed the workspace"
    );
    assert!(
        export_json(&again) == text,
        "the second export differs from the first"
    );
    analyze(&workspace);
    true
}

/// The demo organisation with its first 8 risks only: every register the
/// CSV files refer to is there, and each check is quicker.
fn demo() -> &'static Workspace {
    static DEMO: OnceLock<Workspace> = OnceLock::new();
    DEMO.get_or_init(|| {
        let mut workspace = demo_organisation();
        let extra: Vec<_> = workspace.risks[8..].iter().map(|r| r.id.clone()).collect();
        for id in extra {
            workspace.remove_risk(&id);
        }
        workspace
    })
}

/// Imports `bytes` (the first byte chooses the register, the rest is the
/// file) as CSV into the demo organisation and checks the property: a
/// preview that applies gives a valid workspace, whose JSON export imports
/// back unchanged and whose CSV export previews as no change. Returns
/// whether the file was accepted.
pub fn check_csv(bytes: &[u8]) -> bool {
    let Some((&selector, file)) = bytes.split_first() else {
        return false;
    };
    let kind = CsvKind::ALL[usize::from(selector) % CsvKind::ALL.len()];
    let text = String::from_utf8_lossy(file);
    let workspace = demo();
    let preview = match csv_preview(workspace, kind, &text) {
        Ok(preview) => preview,
        Err(problems) => {
            assert!(!problems.is_empty(), "CSV refused without a problem");
            assert!(
                problems.len() <= 201,
                "more CSV problems than the cap: {}",
                problems.len()
            );
            assert!(
                problems.iter().all(|p| !p.message.is_empty()),
                "a CSV problem without a message"
            );
            return false;
        }
    };
    if preview.is_empty() {
        return true;
    }
    let after = csv_apply(workspace, &preview);
    let json = export_json(&after);
    match import_json(&json) {
        Ok(back) => assert!(
            back == after,
            "a CSV import's JSON export imports back changed"
        ),
        Err(problems) => panic!(
            "a CSV import gives a workspace that JSON import refuses\n{}",
            problems[0]
        ),
    }
    let again = csv_export(&after, kind);
    match csv_preview(&after, kind, &again) {
        Ok(second) => assert!(
            second.is_empty(),
            "a CSV import's own CSV export previews as a change\n{:?}",
            second.updated.first().map(|row| &row.changes)
        ),
        Err(problems) => panic!("a CSV import's own CSV export is refused\n{}", problems[0]),
    }
    analyze(&after);
    true
}
