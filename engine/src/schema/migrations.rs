//! Ordered migrations of exported JSON from older schema versions.
//!
//! History:
//! - **0**: the prototype wrote the bare workspace object, with no envelope;
//!   a risk named one asset (`"asset": "A-1"`) and control effectiveness was
//!   a fraction (`0.7`).
//! - **1**: the envelope; `risks[].assets` is a list; effectiveness is a whole
//!   percentage (`70`).
//!
//! `MIGRATIONS[n]` turns version `n` into version `n + 1`. They run in order,
//! on the workspace value, before validation.

use super::ImportProblem;
use serde_json::{json, Value};

type Migration = fn(&mut Value, &mut Vec<ImportProblem>);

pub(super) const MIGRATIONS: &[Migration] = &[v0_to_v1];

/// Runs every migration from `from` up to the current version.
pub(super) fn migrate(workspace: &mut Value, from: u32, problems: &mut Vec<ImportProblem>) {
    for migration in MIGRATIONS.iter().skip(from as usize) {
        migration(workspace, problems);
    }
}

fn v0_to_v1(workspace: &mut Value, problems: &mut Vec<ImportProblem>) {
    if let Some(risks) = workspace.get_mut("risks").and_then(Value::as_array_mut) {
        for risk in risks.iter_mut().filter_map(Value::as_object_mut) {
            if let Some(asset) = risk.remove("asset") {
                let assets = match asset {
                    Value::Null => json!([]),
                    other => json!([other]),
                };
                risk.entry("assets").or_insert(assets);
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
                    *value = json!((fraction * 100.0).round() as u64);
                }
                _ => problems.push(ImportProblem::new(
                    format!("$.workspace.controls[{index}].effectiveness"),
                    "in a version 0 file, effectiveness must be a fraction between 0 and 1",
                )),
            }
        }
    }
}
