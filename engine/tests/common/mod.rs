//! Setup shared by the ISMS-cycle test files: the schema-v2 fixture, dates
//! and the integrity problems the analysis reports. (Each test file is its
//! own crate and uses only some of these.)
#![allow(dead_code)]

use engine::*;

/// The schema-v2 fixture (`tests/fixtures/schema/v2.json`), imported.
pub fn fixture() -> Workspace {
    let path = format!(
        "{}/../tests/fixtures/schema/v2.json",
        env!("CARGO_MANIFEST_DIR")
    );
    import_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A date from ISO text; panics on a malformed one.
pub fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

/// Integrity problems as the analysis reports them.
pub fn integrity(ws: &Workspace) -> Vec<String> {
    analyze(ws)
        .findings
        .into_iter()
        .filter(|f| f.code == "integrity")
        .map(|f| f.message)
        .collect()
}
