//! Import: parse, migrate, then restore the workspace register by register,
//! collecting every problem with its JSON path instead of stopping at the
//! first. Nothing is returned unless the whole file is valid.

use super::migrations::{migrate, MIGRATIONS};
use super::{ImportProblem, FORMAT_NAME, SCHEMA_VERSION};
use crate::methodology::Methodology;
use crate::model::{Workspace, WorkspaceId};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashSet;

/// A successful import.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
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

/// Like [`import_json`], with the source version and warnings.
pub fn import_json_detailed(text: &str) -> Result<Imported, Vec<ImportProblem>> {
    let root: Value = serde_json::from_str(text).map_err(|e| {
        vec![ImportProblem::new(
            "$",
            format!(
                "the file is not valid JSON (line {}, column {}): {e}",
                e.line(),
                e.column()
            ),
        )]
    })?;
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let Value::Object(mut root) = root else {
        return Err(vec![ImportProblem::new(
            "$",
            "the file must hold a JSON object (an ISMS Workbench export)",
        )]);
    };

    // Version 0 files are the bare workspace, with no envelope.
    let from_version = if !root.contains_key("format") && !root.contains_key("schema_version") {
        0
    } else {
        match root.get("format").and_then(Value::as_str) {
            Some(FORMAT_NAME) => {}
            Some(other) => problems.push(ImportProblem::new(
                "$.format",
                format!("this is a {other:?} file, not an ISMS Workbench export ({FORMAT_NAME:?})"),
            )),
            None => problems.push(ImportProblem::new(
                "$.format",
                format!("the format name is missing; expected {FORMAT_NAME:?}"),
            )),
        }
        match root.get("schema_version").and_then(Value::as_u64) {
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
                    "the schema version is missing or not a whole number",
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
                warnings.push(ImportProblem::new(
                    format!("$.{key}"),
                    "unknown field in the envelope; it is not kept",
                ));
            }
        }
        match root.remove("workspace") {
            Some(w) => w,
            None => {
                problems.push(ImportProblem::new(
                    "$.workspace",
                    "the workspace is missing",
                ));
                return Err(problems);
            }
        }
    };
    migrate(&mut workspace, from_version, &mut problems);

    let Value::Object(mut fields) = workspace else {
        problems.push(ImportProblem::new(
            "$.workspace",
            "the workspace must be a JSON object",
        ));
        return Err(problems);
    };
    let base = "$.workspace";
    let mut failed_ids: HashSet<String> = HashSet::new();

    let id = field::<WorkspaceId>(&mut fields, base, "id", true, &mut problems, &mut warnings);
    let name = field::<String>(
        &mut fields,
        base,
        "name",
        true,
        &mut problems,
        &mut warnings,
    );
    let scope = field::<String>(
        &mut fields,
        base,
        "scope",
        false,
        &mut problems,
        &mut warnings,
    );
    let methodology = field::<Methodology>(
        &mut fields,
        base,
        "methodology",
        true,
        &mut problems,
        &mut warnings,
    );
    macro_rules! register {
        ($key:literal) => {
            list(
                &mut fields,
                base,
                $key,
                &mut problems,
                &mut warnings,
                &mut failed_ids,
            )
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
    for key in fields.keys() {
        warnings.push(ImportProblem::new(
            format!("{base}.{key}"),
            "unknown field; it is not kept",
        ));
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
    };
    for problem in crate::integrity::problems(&workspace) {
        // A reference to an object that failed to load is already reported
        // through that object.
        let to_failed = failed_ids.iter().any(|id| {
            problem
                .message
                .contains(&format!("{id:?}, which does not exist"))
        });
        if !to_failed {
            problems.push(ImportProblem::new(
                format!("{base}.{}", problem.path),
                problem.message,
            ));
        }
    }
    if problems.is_empty() {
        Ok(Imported {
            workspace,
            from_version,
            warnings,
        })
    } else {
        Err(problems)
    }
}

fn describe(error: &serde_json::Error) -> String {
    let text = error.to_string();
    // serde_json appends " at line 0 column 0" for in-memory values.
    text.split(" at line ").next().unwrap_or(&text).to_owned()
}

/// Restores one field of an object.
fn field<T: DeserializeOwned + Serialize>(
    fields: &mut Map<String, Value>,
    base: &str,
    key: &str,
    required: bool,
    problems: &mut Vec<ImportProblem>,
    warnings: &mut Vec<ImportProblem>,
) -> Option<T> {
    let path = format!("{base}.{key}");
    match fields.remove(key) {
        None | Some(Value::Null) => {
            if required {
                problems.push(ImportProblem::new(path, format!("{key} is missing")));
            }
            None
        }
        Some(raw) => restore(raw, &path, problems, warnings),
    }
}

fn restore<T: DeserializeOwned + Serialize>(
    raw: Value,
    path: &str,
    problems: &mut Vec<ImportProblem>,
    warnings: &mut Vec<ImportProblem>,
) -> Option<T> {
    match T::deserialize(&raw) {
        Ok(value) => {
            if let Ok(known) = serde_json::to_value(&value) {
                unknown_fields(&raw, &known, path, warnings);
            }
            Some(value)
        }
        Err(e) => {
            problems.push(ImportProblem::new(path, describe(&e)));
            None
        }
    }
}

/// Restores a register item by item, so that one bad item does not hide the
/// problems of the others.
fn list<T: DeserializeOwned + Serialize>(
    fields: &mut Map<String, Value>,
    base: &str,
    key: &str,
    problems: &mut Vec<ImportProblem>,
    warnings: &mut Vec<ImportProblem>,
    failed_ids: &mut HashSet<String>,
) -> Vec<T> {
    let path = format!("{base}.{key}");
    match fields.remove(key) {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => {
            let mut out = Vec::with_capacity(items.len());
            for (index, item) in items.into_iter().enumerate() {
                let id = item
                    .get("id")
                    .or_else(|| item.get("control"))
                    .and_then(Value::as_str)
                    .map(str::to_owned);
                let item_path = format!("{path}[{index}]");
                match restore::<T>(item, &item_path, problems, warnings) {
                    Some(value) => out.push(value),
                    None => {
                        if let Some(id) = id {
                            problems.last_mut().expect("restore reported").message +=
                                &format!(" (in {id})");
                            failed_ids.insert(id);
                        }
                    }
                }
            }
            out
        }
        Some(_) => {
            problems.push(ImportProblem::new(path, format!("{key} must be a list")));
            Vec::new()
        }
    }
}

/// Reports keys of `raw` that did not survive restoring (`known` is the
/// restored value serialised again). Keys holding an empty or default value
/// (null, false, 0, "", []) are not reported: the restored value omits them
/// on purpose.
fn unknown_fields(raw: &Value, known: &Value, path: &str, warnings: &mut Vec<ImportProblem>) {
    match (raw, known) {
        (Value::Object(raw), Value::Object(known)) => {
            for (key, value) in raw {
                let child = format!("{path}.{key}");
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
        _ => {}
    }
}
