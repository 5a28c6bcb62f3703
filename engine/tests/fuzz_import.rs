//! Fuzzing JSON and CSV import with structured random inputs (issue 11,
//! item 9): mutations of real exports (wrong types, edge and huge numbers,
//! removed and repeated fields, deep nesting, truncations, byte flips,
//! other separators, formula-like cells). The property is in
//! `fuzzing/property.rs`, shared with the coverage-guided harness in
//! `fuzz/`.
//!
//! A few dozen cases run with the normal tests. `scripts/fuzz.sh` runs the
//! ignored `fuzz_for_a_while` for a bounded time (`FUZZ_SECONDS`) and prints
//! executions, panics and unique failures; `replay_fuzz_findings` runs the
//! property on saved inputs (`FUZZ_REPLAY_JSON`, `FUZZ_REPLAY_CSV`: folders).

#[path = "fuzzing/property.rs"]
mod property;

use engine::{csv_export, demo_organisation, export_json, CsvKind};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------
// JSON inputs

fn fixture(name: &str) -> String {
    let path = format!("{}/../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Parsed exports to mutate: the demo organisation, the version 1 and the
/// version 0 fixtures.
fn bases() -> &'static [Value] {
    static BASES: OnceLock<Vec<Value>> = OnceLock::new();
    BASES.get_or_init(|| {
        [
            export_json(&demo_organisation()),
            fixture("schema/v1.json"),
            fixture("schema/v0.json"),
        ]
        .iter()
        .map(|text| serde_json::from_str(text).expect("fixtures are JSON"))
        .collect()
    })
}

fn nested(depth: usize) -> Value {
    (0..depth).fold(json!(1), |inner, _| json!([inner]))
}

/// Values that test the edges of what a field accepts.
fn odd_value() -> impl Strategy<Value = Value> {
    let names = [
        "undecided",
        "applicable",
        "excluded",
        "mitigate",
        "accept",
        "transfer",
        "implemented",
        "not_started",
        "partial",
        "open",
        "closed",
        "done",
        "information",
        "annex_a2022",
        "custom",
        "preventive",
        "confidentiality",
        "formula",
        "table",
        "link_control",
        "add_action",
        "treatment",
    ];
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-3i64..300).prop_map(|n| json!(n)),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("JSON numbers are finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        prop::sample::select(vec![
            json!(-5000),
            json!(0.5),
            json!(1.5),
            json!(-0.0),
            json!(1e300),
            json!(u64::MAX),
            json!(i64::MIN),
            json!(101),
            json!(11),
            json!(0),
        ]),
        "[A-Za-z0-9 ._-]{0,12}".prop_map(Value::String),
        "\\PC{0,8}".prop_map(Value::String),
        prop::sample::select(vec![
            "A.99.1",
            "A.5.1",
            "A.8.34",
            "R-0001",
            "A-0001",
            "P-01",
            "T-01",
            "V-01",
            "ACT-0001",
            "S-01",
            "2026-02-30",
            "2026-03-31",
            "1899-12-31",
            "#c0392b",
            "red",
            "",
            " ",
            "x\ty",
        ])
        .prop_map(|s| json!(s)),
        prop::sample::select(names.to_vec()).prop_map(|s| json!(s)),
        Just(json!([])),
        Just(json!({})),
        Just(json!(["confidentiality", "confidentiality", "integrity"])),
        Just(json!({"low": 1, "most_likely": 2, "high": 3})),
        (100usize..200).prop_map(nested),
    ]
}

/// One change to a parsed export. The `u64`s choose where.
#[derive(Debug, Clone)]
enum Edit {
    Replace(u64, Value),
    RemoveKey(u64),
    RepeatItem(u64),
    RenameKey(u64, String),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<u64>(), odd_value()).prop_map(|(at, v)| Edit::Replace(at, v)),
        2 => any::<u64>().prop_map(Edit::RemoveKey),
        1 => any::<u64>().prop_map(Edit::RepeatItem),
        1 => (any::<u64>(), "[a-z_]{1,12}").prop_map(|(at, k)| Edit::RenameKey(at, k)),
    ]
}

fn next(seed: &mut u64) -> u64 {
    // SplitMix64: spreads the chooser's bits over the walk.
    *seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *seed;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A value somewhere below `value`, chosen by `seed`: deeper is as likely
/// as shallower, so fields inside register items are reached.
fn pick<'v>(value: &'v mut Value, seed: &mut u64) -> &'v mut Value {
    let children = match value {
        Value::Array(items) => items.len(),
        Value::Object(fields) => fields.len(),
        _ => 0,
    };
    if children == 0 || next(seed).is_multiple_of(5) {
        return value;
    }
    let index = (next(seed) % children as u64) as usize;
    match value {
        Value::Array(items) => pick(&mut items[index], seed),
        Value::Object(fields) => {
            let child = fields.values_mut().nth(index).expect("index below len");
            pick(child, seed)
        }
        _ => unreachable!("leaves have no children"),
    }
}

fn apply(value: &mut Value, edit: &Edit) {
    match edit {
        Edit::Replace(at, new) => *pick(value, &mut at.clone()) = new.clone(),
        Edit::RemoveKey(at) => {
            let mut seed = *at;
            if let Value::Object(fields) = pick(value, &mut seed) {
                if let Some(key) = fields
                    .keys()
                    .nth(next(&mut seed) as usize % fields.len().max(1))
                {
                    let key = key.clone();
                    fields.remove(&key);
                }
            }
        }
        Edit::RepeatItem(at) => {
            let mut seed = *at;
            if let Value::Array(items) = pick(value, &mut seed) {
                if !items.is_empty() {
                    let item = items[next(&mut seed) as usize % items.len()].clone();
                    items.push(item);
                }
            }
        }
        Edit::RenameKey(at, new_key) => {
            let mut seed = *at;
            if let Value::Object(fields) = pick(value, &mut seed) {
                if let Some(key) = fields
                    .keys()
                    .nth(next(&mut seed) as usize % fields.len().max(1))
                {
                    let key = key.clone();
                    if let Some(v) = fields.remove(&key) {
                        fields.insert(new_key.clone(), v);
                    }
                }
            }
        }
    }
}

/// A change to the bytes of a file.
#[derive(Debug, Clone)]
enum ByteEdit {
    Truncate(u64),
    Flip(u64, u8),
    Insert(u64, Vec<u8>),
    Delete(u64, u16),
}

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    let tokens: Vec<Vec<u8>> = [
        &b"\xFF"[..],
        b"\xEF\xBB\xBF",
        b"\xC3",
        b",",
        b"}",
        b"]",
        b"\"",
        b"\\u",
        b"\\ud800",
        b"1e400",
        b"-",
        b"\"id\": \"x\", ",
        b"\"likelihood\": 3, ",
        b"\"format\": \"isms-workbench\", ",
        b"null",
        b"\t",
        b"\x00",
    ]
    .iter()
    .map(|t| t.to_vec())
    .collect();
    prop_oneof![
        1 => any::<u64>().prop_map(ByteEdit::Truncate),
        2 => (any::<u64>(), any::<u8>()).prop_map(|(at, b)| ByteEdit::Flip(at, b)),
        2 => (any::<u64>(), prop::sample::select(tokens)).prop_map(|(at, t)| ByteEdit::Insert(at, t)),
        1 => (any::<u64>(), 1u16..64).prop_map(|(at, n)| ByteEdit::Delete(at, n)),
    ]
}

fn apply_bytes(bytes: &mut Vec<u8>, edit: &ByteEdit) {
    if bytes.is_empty() {
        return;
    }
    let at = |seed: u64, len: usize| (seed % len as u64) as usize;
    match edit {
        ByteEdit::Truncate(seed) => {
            let cut = at(*seed, bytes.len());
            bytes.truncate(cut);
        }
        ByteEdit::Flip(seed, byte) => {
            let i = at(*seed, bytes.len());
            bytes[i] = *byte;
        }
        ByteEdit::Insert(seed, token) => {
            let i = at(*seed, bytes.len() + 1);
            bytes.splice(i..i, token.iter().copied());
        }
        ByteEdit::Delete(seed, n) => {
            let i = at(*seed, bytes.len());
            let end = (i + usize::from(*n)).min(bytes.len());
            bytes.drain(i..end);
        }
    }
}

/// An export (chosen by `base`), changed by value edits, written compact or
/// pretty, then changed by byte edits.
fn json_input(demo_weight: u32) -> impl Strategy<Value = Vec<u8>> {
    (
        prop_oneof![demo_weight => Just(0usize), 3 => Just(1usize), 1 => Just(2usize)],
        prop::collection::vec(edit(), 0..5),
        any::<bool>(),
        prop::collection::vec(byte_edit(), 0..3),
    )
        .prop_map(|(base, edits, pretty, byte_edits)| {
            let mut value = bases()[base].clone();
            for e in &edits {
                apply(&mut value, e);
            }
            let mut bytes = if pretty {
                serde_json::to_vec_pretty(&value)
            } else {
                serde_json::to_vec(&value)
            }
            .expect("values serialise");
            for e in &byte_edits {
                apply_bytes(&mut bytes, e);
            }
            bytes
        })
}

// ---------------------------------------------------------------------------
// CSV inputs

/// The cells of an export (quoted the RFC 4180 way, comma separated).
fn split_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut cell) = (Vec::new(), String::new());
    let mut quoted = false;
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

fn csv_tables() -> &'static [Vec<Vec<String>>] {
    static TABLES: OnceLock<Vec<Vec<Vec<String>>>> = OnceLock::new();
    TABLES.get_or_init(|| {
        let ws = demo_organisation();
        CsvKind::ALL
            .iter()
            .map(|kind| {
                let mut table = split_csv(&csv_export(&ws, *kind));
                // A handful of rows keep the cases fast; edits add more.
                table.truncate(6);
                table
            })
            .collect()
    })
}

fn odd_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "",
            " ",
            "0",
            "1",
            "3",
            "5",
            "6",
            "-1",
            "101",
            "50%",
            "very likely",
            "High",
            "=1+1",
            "'=1+1",
            "''@x",
            "\t",
            "\tx",
            "\rx",
            "\"",
            "a,b",
            "x;y",
            "A-0001",
            "A-9999",
            "R-0001",
            "R-0001",
            "A.5.1",
            "5.1",
            "9.9",
            "A 8.5",
            "Grace Liu",
            "P-01",
            "nobody",
            "2026-02-29",
            "2026-13-01",
            "31/12/2026",
            "applicable",
            "excluded",
            "mitigate",
            "accept",
            "transfer",
            "in treatment",
            "closed",
            "confidentiality; integrity",
            "c",
            "secrecy",
            "risk treatment",
            "hardware",
            "T-02",
            "V-01",
            "implemented",
        ])
        .prop_map(str::to_owned),
        "[ -~]{0,10}",
        "\\PC{0,6}",
    ]
}

#[derive(Debug, Clone)]
enum CsvEdit {
    Cell(u64, String),
    DropRow(u64),
    RepeatRow(u64),
    DropColumn(u64),
    SwapColumns(u64, u64),
    NewRow(Vec<String>),
}

fn csv_edit() -> impl Strategy<Value = CsvEdit> {
    prop_oneof![
        6 => (any::<u64>(), odd_cell()).prop_map(|(at, c)| CsvEdit::Cell(at, c)),
        1 => any::<u64>().prop_map(CsvEdit::DropRow),
        1 => any::<u64>().prop_map(CsvEdit::RepeatRow),
        1 => any::<u64>().prop_map(CsvEdit::DropColumn),
        1 => (any::<u64>(), any::<u64>()).prop_map(|(a, b)| CsvEdit::SwapColumns(a, b)),
        2 => prop::collection::vec(odd_cell(), 0..12).prop_map(CsvEdit::NewRow),
    ]
}

fn apply_csv(table: &mut Vec<Vec<String>>, edit: &CsvEdit) {
    if table.is_empty() {
        return;
    }
    let rows = table.len() as u64;
    let width = table[0].len().max(1) as u64;
    match edit {
        CsvEdit::Cell(at, cell) => {
            let row = (at % rows) as usize;
            let column = ((at / rows) % width) as usize;
            if let Some(slot) = table[row].get_mut(column) {
                *slot = cell.clone();
            }
        }
        CsvEdit::DropRow(at) => {
            table.remove((at % rows) as usize);
        }
        CsvEdit::RepeatRow(at) => {
            let row = table[(at % rows) as usize].clone();
            table.push(row);
        }
        CsvEdit::DropColumn(at) => {
            let column = (at % width) as usize;
            for row in table.iter_mut() {
                if column < row.len() {
                    row.remove(column);
                }
            }
        }
        CsvEdit::SwapColumns(a, b) => {
            let (a, b) = ((a % width) as usize, (b % width) as usize);
            for row in table.iter_mut() {
                if a < row.len() && b < row.len() {
                    row.swap(a, b);
                }
            }
        }
        CsvEdit::NewRow(cells) => table.push(cells.clone()),
    }
}

fn write_csv(table: &[Vec<String>], separator: char, quote_all: bool, bom: bool) -> String {
    let mut out = String::new();
    if bom {
        out.push('\u{feff}');
    }
    for row in table {
        let cells: Vec<String> = row
            .iter()
            .map(|cell| {
                let needs = cell.contains([separator, '"', '\r', '\n']) || quote_all;
                if needs {
                    format!("\"{}\"", cell.replace('"', "\"\""))
                } else {
                    cell.clone()
                }
            })
            .collect();
        out.push_str(&cells.join(&separator.to_string()));
        out.push_str("\r\n");
    }
    out
}

/// A register export, changed cell by cell, written with some separator and
/// quoting, then changed byte by byte; the first byte chooses the register.
fn csv_input() -> impl Strategy<Value = Vec<u8>> {
    (
        0u8..3,
        prop::collection::vec(csv_edit(), 0..8),
        prop::sample::select(vec![',', ',', ';', '\t', '|']),
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(byte_edit(), 0..2),
    )
        .prop_map(|(kind, edits, separator, quote_all, bom, byte_edits)| {
            let mut table = csv_tables()[usize::from(kind)].clone();
            for e in &edits {
                apply_csv(&mut table, e);
            }
            let mut bytes = vec![kind];
            bytes.extend(write_csv(&table, separator, quote_all, bom).into_bytes());
            for e in &byte_edits {
                apply_bytes(&mut bytes, e);
            }
            bytes
        })
}

// ---------------------------------------------------------------------------
// The quick run, with the normal tests

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn json_import_holds_on_mutated_exports(bytes in json_input(1)) {
        property::check_json(&bytes);
    }

    #[test]
    fn csv_import_holds_on_mutated_exports(bytes in csv_input()) {
        property::check_csv(&bytes);
    }
}

// ---------------------------------------------------------------------------
// The long run and the replay, for scripts/fuzz.sh

/// A property check: takes an input, says whether it was accepted, panics
/// when the property fails.
type Check = fn(&[u8]) -> bool;

/// What a run found: failures by their first line, with a count and the
/// first input.
#[derive(Default)]
struct Findings {
    executions: u64,
    accepted: u64,
    panics: u64,
    unique: BTreeMap<String, (u64, Vec<u8>)>,
}

impl Findings {
    fn run(&mut self, check: Check, input: Vec<u8>) {
        self.executions += 1;
        match catch_unwind(AssertUnwindSafe(|| check(&input))) {
            Ok(accepted) => self.accepted += u64::from(accepted),
            Err(payload) => self.failed(payload, input),
        }
    }

    fn failed(&mut self, payload: Box<dyn std::any::Any + Send>, input: Vec<u8>) {
        {
            self.panics += 1;
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "a panic without a message".into());
            let first = message.lines().next().unwrap_or_default().to_owned();
            let entry = self.unique.entry(first).or_insert((0, input));
            entry.0 += 1;
        }
    }

    /// Prints the figures and saves one input per unique failure.
    fn report(&self, target: &str, elapsed: Duration) {
        println!(
            "{target}: {} executions in {:.1} s ({:.0}/s; {} accepted, the rest refused), {} panics or property failures, {} unique",
            self.executions,
            elapsed.as_secs_f64(),
            self.executions as f64 / elapsed.as_secs_f64().max(1e-9),
            self.accepted,
            self.panics,
            self.unique.len()
        );
        let folder = format!(
            "{}/../target/fuzz-findings/{target}",
            env!("CARGO_MANIFEST_DIR")
        );
        for (index, (message, (count, input))) in self.unique.iter().enumerate() {
            let path = format!("{folder}/failure-{index}");
            let saved = std::fs::create_dir_all(&folder)
                .and_then(|()| std::fs::write(&path, input))
                .map(|()| path)
                .unwrap_or_else(|e| format!("not saved: {e}"));
            println!("  {count} x {message}\n      input: {saved}");
        }
    }
}

fn seconds_from_env() -> u64 {
    std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60)
}

#[test]
#[ignore = "long: run by scripts/fuzz.sh"]
fn fuzz_for_a_while() {
    let seconds = seconds_from_env();
    let seed: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
    println!("seed {seed} (FUZZ_SEED={seed} repeats this run)");
    std::panic::set_hook(Box::new(|_| {}));
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &bytes),
    );
    let targets: [(&str, Check, BoxedStrategy<Vec<u8>>); 2] = [
        ("json", property::check_json, json_input(2).boxed()),
        ("csv", property::check_csv, csv_input().boxed()),
    ];
    let mut total = 0;
    for (name, check, strategy) in targets {
        let mut findings = Findings::default();
        let start = Instant::now();
        let budget = Duration::from_secs(seconds) / 2;
        while start.elapsed() < budget {
            let input = strategy
                .new_tree(&mut runner)
                .expect("inputs always generate")
                .current();
            findings.run(check, input);
        }
        findings.report(name, start.elapsed());
        total += findings.unique.len();
    }
    let _ = std::panic::take_hook();
    assert_eq!(total, 0, "fuzzing found failures; see above");
}

#[test]
#[ignore = "run by scripts/fuzz.sh on saved inputs"]
fn replay_fuzz_findings() {
    std::panic::set_hook(Box::new(|_| {}));
    let mut total = 0;
    for (variable, name, check) in [
        ("FUZZ_REPLAY_JSON", "json", property::check_json as Check),
        ("FUZZ_REPLAY_CSV", "csv", property::check_csv as Check),
    ] {
        let Ok(folder) = std::env::var(variable) else {
            continue;
        };
        let mut findings = Findings::default();
        let start = Instant::now();
        let mut entries: Vec<_> = std::fs::read_dir(&folder)
            .map(|dir| dir.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        entries.sort();
        for path in entries {
            if path.file_name().is_some_and(|n| n == "README.txt") {
                continue;
            }
            if let Ok(input) = std::fs::read(&path) {
                findings.run(check, input);
            }
        }
        findings.report(&format!("{name}-replay"), start.elapsed());
        total += findings.unique.len();
    }
    let _ = std::panic::take_hook();
    assert_eq!(total, 0, "saved inputs still fail; see above");
}
