//! Ordered migrations of exported JSON from older schema versions.
//!
//! History:
//! - **0**: the prototype wrote the bare workspace object, with no envelope;
//!   a risk named one asset (`"asset": "A-1"`) and control effectiveness was
//!   a fraction (`0.7`).
//! - **1**: the envelope; `risks[].assets` is a list; effectiveness is a whole
//!   percentage (`70`).
//! - **2**: the ISMS cycle: seven new registers, `clauses` (assessments of
//!   the built-in clause catalogue, keyed by clause number), `documents`,
//!   `objectives` (with their measurements), `audits` (with their
//!   findings), `nonconformities`, `incidents` and `management_reviews`.
//!   Nothing existing changed shape; a version 1 file gets the seven as
//!   empty lists.
//!
//! `MIGRATIONS[n]` turns version `n` into version `n + 1`. They run in order,
//! on the workspace value, before validation.

use super::ImportProblem;
use serde_json::{json, Value};

/// A migration: the workspace value, problems that stop the import, and
/// warnings about what the migration had to change beyond the shape.
type Migration = fn(&mut Value, &mut Vec<ImportProblem>, &mut Vec<ImportProblem>);

pub(super) const MIGRATIONS: &[Migration] = &[v0_to_v1, v1_to_v2];

/// The registers that schema version 2 added, in the workspace's order.
const CYCLE_REGISTERS: [&str; 7] = [
    "clauses",
    "documents",
    "objectives",
    "audits",
    "nonconformities",
    "incidents",
    "management_reviews",
];

/// Runs every migration from `from` up to the current version.
pub(super) fn migrate(
    workspace: &mut Value,
    from: u32,
    problems: &mut Vec<ImportProblem>,
    warnings: &mut Vec<ImportProblem>,
) {
    for migration in MIGRATIONS.iter().skip(from as usize) {
        migration(workspace, problems, warnings);
    }
}

fn v0_to_v1(
    workspace: &mut Value,
    problems: &mut Vec<ImportProblem>,
    warnings: &mut Vec<ImportProblem>,
) {
    if let Some(risks) = workspace.get_mut("risks").and_then(Value::as_array_mut) {
        for (index, risk) in risks.iter_mut().enumerate() {
            let Some(risk) = risk.as_object_mut() else {
                continue;
            };
            if let Some(asset) = risk.remove("asset") {
                if risk.contains_key("assets") {
                    if !asset.is_null() {
                        warnings.push(ImportProblem::new(
                            format!("$.workspace.risks[{index}].asset"),
                            "this version 0 risk has both \"asset\" and \"assets\"; \"assets\" is kept and \"asset\" is not",
                        ));
                    }
                    continue;
                }
                let assets = match asset {
                    Value::Null => json!([]),
                    other => json!([other]),
                };
                risk.insert("assets".to_owned(), assets);
            }
        }
    }
    if let Some(controls) = workspace.get_mut("controls").and_then(Value::as_array_mut) {
        for (index, control) in controls.iter_mut().enumerate() {
            let Some(value) = control.get_mut("effectiveness") else {
                continue;
            };
            match value.as_f64() {
                Some(fraction) if (0.0..=1.0).contains(&fraction) => {
                    let percent = (fraction * 100.0).round();
                    // 0.7 * 100 is 70.00000000000001: only a real rounding
                    // is worth a word.
                    if (fraction * 100.0 - percent).abs() > 1e-6 {
                        warnings.push(ImportProblem::new(
                            format!("$.workspace.controls[{index}].effectiveness"),
                            format!(
                                "{fraction} is rounded to {percent} %, as effectiveness is now a whole percentage"
                            ),
                        ));
                    }
                    *value = json!(percent as u64);
                }
                _ => problems.push(ImportProblem::new(
                    format!("$.workspace.controls[{index}].effectiveness"),
                    format!(
                        "in a version 0 file, effectiveness must be a fraction from 0 to 1 (found {})",
                        super::messages::shown(value)
                    ),
                )),
            }
        }
    }
}

/// Version 1 had no ISMS-cycle registers: each becomes an empty list. A
/// version 1 file that already holds one of these keys was not written by
/// this app (version 1 never wrote them), so its value is left for
/// validation to judge, and a warning says where it came from.
fn v1_to_v2(
    workspace: &mut Value,
    _problems: &mut Vec<ImportProblem>,
    warnings: &mut Vec<ImportProblem>,
) {
    let Some(fields) = workspace.as_object_mut() else {
        return;
    };
    for register in CYCLE_REGISTERS {
        match fields.get(register) {
            None | Some(Value::Null) => {
                fields.insert(register.to_owned(), json!([]));
            }
            Some(Value::Array(items)) if items.is_empty() => {}
            Some(_) => warnings.push(ImportProblem::new(
                format!("$.workspace.{register}"),
                format!(
                    "a file of schema version 1 or older holds \"{register}\", which only version 2 writes; it is read as version 2 data"
                ),
            )),
        }
    }
}
