//! Import: read the bytes, parse, migrate, then restore the workspace
//! register by register, collecting every problem with its JSON path
//! instead of stopping at the first. Nothing is returned unless the whole
//! file is valid.
//!
//! What would be accepted but altered is refused or reported: refused are
//! bytes that are not UTF-8, a key given twice in one object and an Annex A
//! control with an id Annex A does not have; warned are fields this version
//! does not keep, repeated values in a set, numbers a field cannot hold
//! exactly, version 0 values the migration rounds, and Annex A controls the
//! workspace lacks. Problems and warnings are capped at
//! [`MAX_IMPORT_PROBLEMS`] each, with a last line counting the rest.

use super::messages::{self, Scales};
use super::migrations::{migrate, MIGRATIONS};
use super::parse::{self, push_key, render, Step};
use super::{ImportProblem, FORMAT_NAME, SCHEMA_VERSION};
use crate::catalogue::{annex_a, annex_a_control_id};
use crate::methodology::Methodology;
use crate::model::{ControlSource, Workspace, WorkspaceId};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashSet;

/// Most problems (and, separately, warnings) an import lists; a last line
/// counts the rest.
pub const MAX_IMPORT_PROBLEMS: usize = 200;

/// A successful import.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Imported {
    /// The imported workspace, migrated to the current version and validated.
    pub workspace: Workspace,
    /// The schema version the file was written with.
    pub from_version: u32,
    /// Things that did not stop the import but that the user should know,
    /// such as fields this version does not know (they are not kept).
    pub warnings: Vec<ImportProblem>,
}

/// Imports an exported JSON file: validates everything, migrates older
/// schema versions, and returns the workspace or every problem found.
pub fn import_json(text: &str) -> Result<Workspace, Vec<ImportProblem>> {
    import_json_detailed(text).map(|imported| imported.workspace)
}

/// Like [`import_json`], for the file's bytes as read from disk: a leading
/// UTF-8 byte order mark is skipped, and a file that is not UTF-8 is refused
/// with the byte offset (from 0, at the start of the file), line and column
/// of the first byte that is not, rather than read with that byte replaced.
/// An encrypted export is refused with a word on where to open it.
pub fn import_json_bytes(bytes: &[u8]) -> Result<Imported, Vec<ImportProblem>> {
    if crate::is_encrypted_export(bytes) {
        return Err(vec![ImportProblem::new(
            "$",
            "This is an encrypted export: open it in ISMS Workbench (Data page or the workspace \
             list), which asks for its passphrase.",
        )]);
    }
    let text = parse::decode(bytes).map_err(|problem| vec![problem])?;
    import_json_detailed(text)
}

/// Like [`import_json`], with the source version and warnings.
pub fn import_json_detailed(text: &str) -> Result<Imported, Vec<ImportProblem>> {
    let mut warnings = Vec::new();
    match restore_file(text, &mut warnings) {
        Ok((workspace, from_version)) => Ok(Imported {
            workspace,
            from_version,
            warnings: capped(warnings, "warnings"),
        }),
        Err(problems) => Err(capped(problems, "problems")),
    }
}

/// A workspace sent as its export text between the app and its lazily
/// fetched modules. The app's own workspace (current schema version) is read
/// as it is, without the import's validation (a stored workspace may hold
/// references that only the consistency checks complain about); an older
/// file goes through the importer's migrations, and its first three
/// problems make the error.
pub fn workspace_from_export(text: &str) -> Result<Workspace, String> {
    let mut file: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let current =
        file.get("schema_version").and_then(Value::as_u64) == Some(u64::from(SCHEMA_VERSION));
    if current {
        if let Some(workspace) = file.get_mut("workspace").map(Value::take) {
            if let Ok(workspace) = serde_json::from_value::<Workspace>(workspace) {
                return Ok(workspace);
            }
        }
    }
    import_json_detailed(text)
        .map(|imported| imported.workspace)
        .map_err(|problems| {
            problems
                .iter()
                .take(3)
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        })
}

/// `list` cut to [`MAX_IMPORT_PROBLEMS`] with a line counting the rest.
fn capped(mut list: Vec<ImportProblem>, what: &str) -> Vec<ImportProblem> {
    if list.len() > MAX_IMPORT_PROBLEMS {
        let rest = list.len() - MAX_IMPORT_PROBLEMS;
        list.truncate(MAX_IMPORT_PROBLEMS);
        list.push(ImportProblem::new(
            "$",
            format!(
                "and {rest} more {what} not listed here; correct the ones above and import again to see them"
            ),
        ));
    }
    list
}

fn restore_file(
    text: &str,
    warnings: &mut Vec<ImportProblem>,
) -> Result<(Workspace, u32), Vec<ImportProblem>> {
    let parsed = parse::parse(text).map_err(|problem| vec![problem])?;
    let mut problems = parsed.duplicate_keys;
    let Value::Object(mut root) = parsed.value else {
        return Err(vec![ImportProblem::new(
            "$",
            format!(
                "the file must hold a JSON object (an ISMS Workbench export), not {}",
                messages::shown(&parsed.value)
            ),
        )]);
    };

    // Version 0 files are the bare workspace, with no envelope.
    let from_version = if !root.contains_key("format") && !root.contains_key("schema_version") {
        0
    } else {
        match root.get("format") {
            Some(Value::String(name)) if name == FORMAT_NAME => {}
            Some(Value::String(other)) => problems.push(ImportProblem::new(
                "$.format",
                format!(
                    "this is a {} file, not an ISMS Workbench export (\"{FORMAT_NAME}\")",
                    messages::shown(&Value::String(other.clone()))
                ),
            )),
            Some(other) => problems.push(ImportProblem::new(
                "$.format",
                format!(
                    "must be \"{FORMAT_NAME}\" (found {})",
                    messages::shown(other)
                ),
            )),
            None => problems.push(ImportProblem::new(
                "$.format",
                format!("the format name is missing; expected \"{FORMAT_NAME}\""),
            )),
        }
        match root.get("schema_version") {
            Some(version) => match version.as_u64() {
                Some(v) if v <= u64::from(SCHEMA_VERSION) => v as u32,
                Some(v) => {
                    problems.push(ImportProblem::new(
                        "$.schema_version",
                        format!(
                            "schema version {v} was written by a newer version of the app; this one reads up to {SCHEMA_VERSION}. Update the app."
                        ),
                    ));
                    return Err(problems);
                }
                None => {
                    problems.push(ImportProblem::new(
                        "$.schema_version",
                        format!(
                            "must be a whole number from 0 to {SCHEMA_VERSION} (found {})",
                            messages::shown(version)
                        ),
                    ));
                    return Err(problems);
                }
            },
            None => {
                problems.push(ImportProblem::new(
                    "$.schema_version",
                    format!(
                        "the schema version is missing; exports of this app have \"schema_version\": {SCHEMA_VERSION}"
                    ),
                ));
                return Err(problems);
            }
        }
    };
    debug_assert_eq!(MIGRATIONS.len(), SCHEMA_VERSION as usize);
    let mut workspace = if from_version == 0 {
        Value::Object(std::mem::take(&mut root))
    } else {
        for key in root.keys() {
            if !matches!(
                key.as_str(),
                "format" | "schema_version" | "exported_at" | "app_version" | "workspace"
            ) {
                let mut path = "$".to_owned();
                push_key(&mut path, key);
                warnings.push(ImportProblem::new(
                    path,
                    "unknown field in the envelope; it is not kept",
                ));
            }
        }
        match root.remove("workspace") {
            Some(w) => w,
            None => {
                problems.push(ImportProblem::new(
                    "$.workspace",
                    "the workspace is missing; an export holds it under \"workspace\"",
                ));
                return Err(problems);
            }
        }
    };
    migrate(&mut workspace, from_version, &mut problems, warnings);

    let Value::Object(mut fields) = workspace else {
        problems.push(messages::wrong_shape(
            &[],
            &workspace,
            "an object in curly braces holding the workspace",
        ));
        return Err(problems);
    };
    let mut failed_ids: HashSet<String> = HashSet::new();
    let mut restorer = Restorer {
        problems,
        warnings,
        scales: Scales::default(),
    };

    let id = restorer.field::<WorkspaceId>(&mut fields, "id", true);
    let name = restorer.field::<String>(&mut fields, "name", true);
    let scope = restorer.field::<String>(&mut fields, "scope", false);
    let methodology = restorer.field::<Methodology>(&mut fields, "methodology", true);
    if let Some(m) = &methodology {
        restorer.scales = Scales {
            likelihood: Some(m.likelihood_scale().len()),
            impact: Some(m.impact_scale().len()),
            levels: Some(m.levels().len()),
        };
    }
    macro_rules! register {
        ($key:literal) => {
            restorer.list(&mut fields, $key, &mut failed_ids)
        };
    }
    let people = register!("people");
    let assets = register!("assets");
    let threats = register!("threats");
    let vulnerabilities = register!("vulnerabilities");
    let risks = register!("risks");
    let controls = register!("controls");
    let soa = register!("soa");
    let actions = register!("actions");
    let scenarios = register!("scenarios");
    let clauses = register!("clauses");
    let documents = register!("documents");
    let objectives = register!("objectives");
    let audits = register!("audits");
    let nonconformities = register!("nonconformities");
    let incidents = register!("incidents");
    let management_reviews = register!("management_reviews");
    let Restorer {
        mut problems,
        warnings,
        ..
    } = restorer;
    for key in fields.keys() {
        let mut path = "$.workspace".to_owned();
        push_key(&mut path, key);
        warnings.push(ImportProblem::new(path, "unknown field; it is not kept"));
    }

    let (Some(id), Some(name), Some(methodology)) = (id, name, methodology) else {
        return Err(problems);
    };
    let workspace = Workspace {
        id,
        name,
        scope: scope.unwrap_or_default(),
        methodology,
        people,
        assets,
        threats,
        vulnerabilities,
        risks,
        controls,
        soa,
        actions,
        scenarios,
        clauses,
        documents,
        objectives,
        audits,
        nonconformities,
        incidents,
        management_reviews,
    };
    check_annex_a(&workspace, &mut problems, warnings);
    for problem in crate::integrity::problems(&workspace) {
        // A reference to an object that failed to load is already reported
        // through that object.
        let to_failed = failed_ids.iter().any(|id| {
            problem
                .message
                .contains(&format!("{id:?}, which does not exist"))
        });
        if !to_failed {
            let message = if refers_to_unknown_annex_a_id(&problem.message) {
                format!(
                    "{}: it is not a control of Annex A 2022 (those are {}) and no custom control of this workspace has this id",
                    problem.message,
                    annex_a_ranges()
                )
            } else {
                problem.message
            };
            problems.push(ImportProblem::new(
                format!("$.workspace.{}", problem.path),
                message,
            ));
        }
    }
    if problems.is_empty() {
        Ok((workspace, from_version))
    } else {
        Err(problems)
    }
}

/// "A.5.1 to A.5.37, A.6.1 to A.6.8, A.7.1 to A.7.14 and A.8.1 to A.8.34 of
/// Annex A 2022", from the catalogue.
fn annex_a_ranges() -> String {
    let mut ranges: Vec<(String, &str, &str)> = Vec::new();
    for control in annex_a() {
        let clause = control.number.split('.').next().unwrap_or_default();
        match ranges.last_mut() {
            Some((last_clause, _, last)) if last_clause == clause => *last = control.number,
            _ => ranges.push((clause.to_owned(), control.number, control.number)),
        }
    }
    let parts: Vec<String> = ranges
        .iter()
        .map(|(_, first, last)| format!("A.{first} to A.{last}"))
        .collect();
    let text = match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => parts.join(""),
    };
    format!("{text} of Annex A 2022")
}

/// Whether `id` has the form of an Annex A number, `A.<clause>.<control>`.
fn looks_like_annex_a(id: &str) -> bool {
    let mut parts = id.split('.');
    parts.next() == Some("A")
        && parts.clone().count() == 2
        && parts.all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether an integrity message is about a missing control whose id looks
/// like an Annex A number (e.g. "A.99.1"), which deserves the list of real
/// ones.
fn refers_to_unknown_annex_a_id(message: &str) -> bool {
    message
        .strip_prefix("refers to control \"")
        .and_then(|rest| rest.split('"').next())
        .is_some_and(|id| {
            looks_like_annex_a(id)
                && !annex_a()
                    .iter()
                    .any(|c| id.strip_prefix("A.") == Some(c.number))
        })
}

/// Annex A controls must be the 93 of the catalogue: one with another id is
/// refused (with each SoA entry that names it), since taking it would leave
/// the SoA without the control it replaced. Annex A controls the workspace
/// lacks are a warning: older and hand-made files may hold only some.
fn check_annex_a(
    workspace: &Workspace,
    problems: &mut Vec<ImportProblem>,
    warnings: &mut Vec<ImportProblem>,
) {
    let catalogue: Vec<_> = annex_a()
        .iter()
        .map(|c| annex_a_control_id(c.number))
        .collect();
    let known: HashSet<&str> = catalogue.iter().map(|id| id.as_str()).collect();
    let mut refused: HashSet<&str> = HashSet::new();
    for (i, control) in workspace.controls.iter().enumerate() {
        if control.source == ControlSource::AnnexA2022 && !known.contains(control.id.as_str()) {
            refused.insert(control.id.as_str());
            problems.push(ImportProblem::new(
                format!("$.workspace.controls[{i}].id"),
                format!(
                    "{:?} is not a control of Annex A 2022; an Annex A control's id is one of {}. A control of your own needs \"source\": \"custom\"",
                    control.id.as_str(),
                    annex_a_ranges()
                ),
            ));
        }
    }
    for (i, entry) in workspace.soa.iter().enumerate() {
        if refused.contains(entry.control.as_str()) {
            problems.push(ImportProblem::new(
                format!("$.workspace.soa[{i}].control"),
                format!(
                    "{:?} is not a control of Annex A 2022; the SoA names Annex A controls by their ids, {}",
                    entry.control.as_str(),
                    annex_a_ranges()
                ),
            ));
        }
    }
    let present: HashSet<&str> = workspace.controls.iter().map(|c| c.id.as_str()).collect();
    let missing: Vec<&str> = catalogue
        .iter()
        .map(|id| id.as_str())
        .filter(|id| !present.contains(id))
        .collect();
    if !missing.is_empty() {
        let shown = missing
            .iter()
            .take(5)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        let more = match missing.len() {
            n if n > 5 => format!(" and {} more", n - 5),
            _ => String::new(),
        };
        warnings.push(ImportProblem::new(
            "$.workspace.controls",
            format!(
                "{} of the {} Annex A 2022 controls are not in this workspace ({shown}{more}), so its Statement of Applicability does not cover them",
                missing.len(),
                catalogue.len()
            ),
        ));
    }
}

/// Restores values into domain types, collecting problems and warnings.
struct Restorer<'w> {
    problems: Vec<ImportProblem>,
    warnings: &'w mut Vec<ImportProblem>,
    /// The methodology's scales, once it is restored, for messages about
    /// ratings.
    scales: Scales,
}

impl Restorer<'_> {
    /// Restores one field of the workspace object.
    fn field<T: DeserializeOwned + Serialize>(
        &mut self,
        fields: &mut Map<String, Value>,
        key: &str,
        required: bool,
    ) -> Option<T> {
        match fields.remove(key) {
            None | Some(Value::Null) => {
                if required {
                    self.problems.push(messages::missing(&[], key));
                }
                None
            }
            Some(raw) => self.restore(raw, &[Step::Key(key.to_owned())]),
        }
    }

    /// Restores `raw`, found at `steps` below `$.workspace`.
    fn restore<T: DeserializeOwned + Serialize>(
        &mut self,
        raw: Value,
        steps: &[Step],
    ) -> Option<T> {
        // One deserialisation, with the path tracked: a second, plain pass
        // first would be a little faster on large files but doubles the
        // deserialisation code in the app's WebAssembly (measured: about
        // 90 KB raw, 35 KB gzip).
        let restored = serde_path_to_error::deserialize::<_, T>(&raw);
        match restored {
            Ok(value) => {
                if let Ok(known) = serde_json::to_value(&value) {
                    unknown_fields(&raw, &known, &render("$.workspace", steps), self.warnings);
                }
                Some(value)
            }
            Err(error) => {
                let inner = error
                    .path()
                    .iter()
                    .take_while(|s| !matches!(s, serde_path_to_error::Segment::Unknown))
                    .filter_map(|segment| match segment {
                        serde_path_to_error::Segment::Seq { index } => Some(Step::Index(*index)),
                        serde_path_to_error::Segment::Map { key } => Some(Step::Key(key.clone())),
                        _ => None,
                    })
                    .collect();
                self.problems.push(messages::restore_problem(
                    steps,
                    inner,
                    &raw,
                    &error.inner().to_string(),
                    &self.scales,
                ));
                None
            }
        }
    }

    /// Restores a register item by item, so that one bad item does not hide
    /// the problems of the others.
    fn list<T: DeserializeOwned + Serialize>(
        &mut self,
        fields: &mut Map<String, Value>,
        key: &str,
        failed_ids: &mut HashSet<String>,
    ) -> Vec<T> {
        let steps = [Step::Key(key.to_owned())];
        match fields.remove(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => {
                let mut out = Vec::with_capacity(items.len());
                for (index, item) in items.into_iter().enumerate() {
                    let id = item
                        .get("id")
                        .or_else(|| item.get("control"))
                        .or_else(|| item.get("clause"))
                        .and_then(Value::as_str)
                        .map(str::to_owned);
                    let item_steps = [Step::Key(key.to_owned()), Step::Index(index)];
                    match self.restore::<T>(item, &item_steps) {
                        Some(value) => out.push(value),
                        None => {
                            if let Some(id) = id {
                                let shown = messages::shown(&Value::String(id.clone()));
                                if let Some(problem) = self.problems.last_mut() {
                                    if !problem.message.contains(&shown) {
                                        problem.message +=
                                            &format!(", in {} {shown}", singular(key));
                                    }
                                }
                                failed_ids.insert(id);
                            }
                        }
                    }
                }
                out
            }
            Some(other) => {
                self.problems.push(messages::wrong_shape(
                    &steps,
                    &other,
                    "a list in square brackets",
                ));
                Vec::new()
            }
        }
    }
}

/// "risk" for the register "risks".
fn singular(register: &str) -> &str {
    match register {
        "people" => "person",
        "vulnerabilities" => "vulnerability",
        "soa" => "the SoA entry for",
        "clauses" => "the assessment of clause",
        "nonconformities" => "nonconformity",
        "management_reviews" => "management review",
        other => other.strip_suffix('s').unwrap_or(other),
    }
}

/// Reports keys of `raw` that did not survive restoring (`known` is the
/// restored value serialised again). Keys holding an empty or default value
/// (null, false, 0, "", []) are not reported: the restored value omits them
/// on purpose. A list that comes back shorter held repeated values of a set,
/// which are kept once; a number that comes back different was too precise
/// for the field (a whole number beyond 2^53 in a decimal field).
fn unknown_fields(raw: &Value, known: &Value, path: &str, warnings: &mut Vec<ImportProblem>) {
    match (raw, known) {
        (Value::Object(raw), Value::Object(known)) => {
            for (key, value) in raw {
                let mut child = path.to_owned();
                push_key(&mut child, key);
                match known.get(key) {
                    Some(k) => unknown_fields(value, k, &child, warnings),
                    None => {
                        let is_default = match value {
                            Value::Null => true,
                            Value::Bool(b) => !b,
                            Value::Number(n) => n.as_f64() == Some(0.0),
                            Value::String(s) => s.is_empty(),
                            Value::Array(a) => a.is_empty(),
                            Value::Object(_) => false,
                        };
                        if !is_default {
                            warnings
                                .push(ImportProblem::new(child, "unknown field; it is not kept"));
                        }
                    }
                }
            }
        }
        (Value::Array(raw), Value::Array(known)) if raw.len() == known.len() => {
            for (index, (r, k)) in raw.iter().zip(known).enumerate() {
                unknown_fields(r, k, &format!("{path}[{index}]"), warnings);
            }
        }
        (Value::Number(raw), Value::Number(known)) if !same_number(raw, known) => {
            warnings.push(ImportProblem::new(
                path,
                format!("{raw} cannot be held exactly; it is kept as {known}"),
            ));
        }
        (Value::Array(raw), Value::Array(known)) if raw.len() > known.len() => {
            warnings.push(ImportProblem::new(
                path,
                format!(
                    "{} values are listed, {} of them repeated; each is kept once",
                    raw.len(),
                    raw.len() - known.len()
                ),
            ));
        }
        _ => {}
    }
}

/// Whether two JSON numbers are the same value, whether written as whole
/// numbers or with a decimal point (`70` and `70.0`).
fn same_number(a: &serde_json::Number, b: &serde_json::Number) -> bool {
    fn exact(n: &serde_json::Number) -> Option<i128> {
        n.as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from))
    }
    match (exact(a), exact(b), a.as_f64(), b.as_f64()) {
        (Some(x), Some(y), _, _) => x == y,
        (Some(whole), None, _, Some(float)) | (None, Some(whole), Some(float), _) => {
            float.fract() == 0.0 && float.abs() < 1e38 && float as i128 == whole
        }
        (None, None, Some(x), Some(y)) => x == y,
        _ => false,
    }
}
