//! Three-way merge: two edits made from the same starting point put
//! together field by field (PRODUCT.md section 5, "two tabs on the same
//! workspace do not overwrite each other's work unnoticed").
//!
//! `base` is what both sides started from, `ours` the edit about to be
//! saved, `theirs` what is stored now (another tab's save). For every field:
//! a side that left it as in `base` takes the other side's value; two sides
//! that agree keep it; objects are merged key by key; anything else is a
//! [`Conflict`], for a person to decide. The merged result holds *our*
//! value at a conflict, so nothing typed is lost while the person decides;
//! [`choose_workspace`] and [`with_field`] put *their* value in when asked.
//!
//! Whole objects are merged the same way: an object added on one side is
//! added; deleted on one side and untouched on the other, it is deleted;
//! deleted on one side and changed on the other, it is a conflict whose
//! field path is empty.

use crate::model::Workspace;
use crate::records::{join, split, Collection, Record, RecordProblem, WorkspaceHeader};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashSet};

/// One field both sides changed to different values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    /// The object concerned: its collection and id; `None` for the
    /// workspace's own fields (name, scope, methodology).
    pub collection: Option<Collection>,
    /// The object's id, such as `R-0042`; the workspace id for its own fields.
    pub id: String,
    /// A name for people: the object's title or name when it has one.
    pub label: String,
    /// Keys from the object down to the field; empty when one side deleted
    /// the whole object and the other changed it.
    pub field: Vec<String>,
    /// Our value (`None`: we deleted the object or removed the field).
    pub ours: Option<Value>,
    /// Their value (`None`: they deleted the object or removed the field).
    pub theirs: Option<Value>,
}

impl Conflict {
    /// The field path for people, such as `treatment › decision`, or
    /// `the whole object`.
    pub fn field_label(&self) -> String {
        if self.field.is_empty() {
            "the whole object".to_owned()
        } else {
            self.field.join(" › ")
        }
    }
}

/// A merge result: the merged value and the fields a person must decide.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged<T> {
    /// The merged value; where the sides conflict it holds ours until a person decides.
    pub merged: T,
    /// Fields both sides changed differently, for a person to decide.
    pub conflicts: Vec<Conflict>,
}

/// A conflict found inside one JSON value, before it is tied to an object.
struct FieldConflict {
    field: Vec<String>,
    ours: Option<Value>,
    theirs: Option<Value>,
}

/// Merges one JSON value (absent = `None`); returns the merged value.
fn merge_value(
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    path: &mut Vec<String>,
    conflicts: &mut Vec<FieldConflict>,
) -> Option<Value> {
    if ours == theirs || theirs == base {
        return ours.cloned();
    }
    if ours == base {
        return theirs.cloned();
    }
    if let (Some(Value::Object(ours)), Some(Value::Object(theirs))) = (ours, theirs) {
        let empty = Map::new();
        let base = match base {
            Some(Value::Object(base)) => base,
            _ => &empty,
        };
        let mut merged = Map::new();
        // Keys in our order, then keys only they have.
        let mut keys: Vec<&String> = ours.keys().collect();
        keys.extend(theirs.keys().filter(|k| !ours.contains_key(*k)));
        for key in keys {
            path.push(key.clone());
            if let Some(value) = merge_value(
                base.get(key),
                ours.get(key),
                theirs.get(key),
                path,
                conflicts,
            ) {
                merged.insert(key.clone(), value);
            }
            path.pop();
        }
        return Some(Value::Object(merged));
    }
    conflicts.push(FieldConflict {
        field: path.clone(),
        ours: ours.cloned(),
        theirs: theirs.cloned(),
    });
    ours.cloned()
}

/// Merges two edits of one object (a form's draft and what is stored now)
/// made from `base`. `None` when the merged fields do not make a valid
/// object together (then the person must choose the whole object).
pub fn merge_object<T: Serialize + DeserializeOwned>(
    base: &T,
    ours: &T,
    theirs: &T,
) -> Option<Merged<T>> {
    let [base, ours, theirs] = [base, ours, theirs].map(|v| serde_json::to_value(v).ok());
    let mut found = Vec::new();
    let merged = merge_value(
        base.as_ref(),
        ours.as_ref(),
        theirs.as_ref(),
        &mut Vec::new(),
        &mut found,
    )?;
    let merged = serde_json::from_value(merged).ok()?;
    let conflicts = found
        .into_iter()
        .map(|c| Conflict {
            collection: None,
            id: String::new(),
            label: String::new(),
            field: c.field,
            ours: c.ours,
            theirs: c.theirs,
        })
        .collect();
    Some(Merged { merged, conflicts })
}

/// `object` with the field at `field` (keys from the top) set to `value`,
/// or removed when `value` is `None`. `None` when the result is not a valid
/// object.
pub fn with_field<T: Serialize + DeserializeOwned>(
    object: &T,
    field: &[String],
    value: Option<&Value>,
) -> Option<T> {
    let mut json = serde_json::to_value(object).ok()?;
    set_field(&mut json, field, value);
    serde_json::from_value(json).ok()
}

fn set_field(json: &mut Value, field: &[String], value: Option<&Value>) {
    let Some((last, parents)) = field.split_last() else {
        if let Some(value) = value {
            *json = value.clone();
        }
        return;
    };
    let mut target = json;
    for key in parents {
        let Value::Object(map) = target else { return };
        target = map
            .entry(key.clone())
            .or_insert_with(|| Value::Object(Map::new()));
    }
    if let Value::Object(map) = target {
        match value {
            Some(value) => {
                map.insert(last.clone(), value.clone());
            }
            None => {
                map.remove(last);
            }
        }
    }
}

fn label_of(value: Option<&Value>) -> Option<String> {
    let value = value?;
    ["title", "name"]
        .iter()
        .find_map(|key| value.get(key).and_then(Value::as_str))
        .map(str::to_owned)
}

fn header_value(header: &WorkspaceHeader) -> Value {
    let mut value = serde_json::to_value(header).expect("headers always serialise");
    if let Value::Object(map) = &mut value {
        map.remove("order");
    }
    value
}

type RecordMap = BTreeMap<(Collection, String), Value>;

fn record_map(records: Vec<Record>) -> RecordMap {
    records
        .into_iter()
        .map(|r| ((r.collection, r.id), r.value))
        .collect()
}

/// Merges two edits of a whole workspace made from `base`: `ours` (this
/// tab's unsaved copy) and `theirs` (what another tab stored meanwhile).
/// The register order is theirs, with objects we added appended in our
/// order. Fails only when the merged records do not join into a workspace.
pub fn merge_workspaces(
    base: &Workspace,
    ours: &Workspace,
    theirs: &Workspace,
) -> Result<Merged<Workspace>, Vec<RecordProblem>> {
    let (base, ours, theirs) = (split(base), split(ours), split(theirs));
    let mut conflicts = Vec::new();

    let mut found = Vec::new();
    let header = merge_value(
        Some(&header_value(&base.header)),
        Some(&header_value(&ours.header)),
        Some(&header_value(&theirs.header)),
        &mut Vec::new(),
        &mut found,
    );
    let workspace_label = ours.header.name.clone();
    conflicts.extend(found.into_iter().map(|c| Conflict {
        collection: None,
        id: ours.header.id.as_str().to_owned(),
        label: workspace_label.clone(),
        field: c.field,
        ours: c.ours,
        theirs: c.theirs,
    }));
    let header_problem = |message: String| {
        vec![RecordProblem {
            collection: None,
            id: ours.header.id.as_str().to_owned(),
            message,
        }]
    };
    let mut header: WorkspaceHeader = header
        .ok_or_else(|| header_problem("the merged workspace has no header".into()))
        .and_then(|value| {
            serde_json::from_value(value)
                .map_err(|e| header_problem(format!("the merged header is not valid: {e}")))
        })?;

    let base_records = record_map(base.records);
    let our_records = record_map(ours.records);
    let their_records = record_map(theirs.records);
    let mut keys: HashSet<&(Collection, String)> = base_records.keys().collect();
    keys.extend(our_records.keys());
    keys.extend(their_records.keys());
    let mut keys: Vec<_> = keys.into_iter().collect();
    crate::order::sort(&mut keys);

    let mut merged_records = Vec::with_capacity(keys.len());
    for key in keys {
        let (b, o, t) = (
            base_records.get(key),
            our_records.get(key),
            their_records.get(key),
        );
        let mut found = Vec::new();
        let whole_object_conflict = b.is_some() && (o.is_none() || t.is_none()) && o != t;
        let value = if whole_object_conflict && o != b && t != b {
            // Deleted on one side, changed on the other.
            found.push(FieldConflict {
                field: Vec::new(),
                ours: o.cloned(),
                theirs: t.cloned(),
            });
            o.cloned()
        } else {
            merge_value(b, o, t, &mut Vec::new(), &mut found)
        };
        let label = label_of(o.or(t).or(b)).unwrap_or_default();
        conflicts.extend(found.into_iter().map(|c| Conflict {
            collection: Some(key.0),
            id: key.1.clone(),
            label: label.clone(),
            field: c.field,
            ours: c.ours,
            theirs: c.theirs,
        }));
        if let Some(value) = value {
            merged_records.push(Record {
                collection: key.0,
                id: key.1.clone(),
                value,
            });
        }
    }

    // Theirs order, then what we added in our order; only ids that exist.
    let present: HashSet<(Collection, &str)> = merged_records
        .iter()
        .map(|r| (r.collection, r.id.as_str()))
        .collect();
    let mut order = BTreeMap::new();
    for collection in Collection::ALL {
        let empty = Vec::new();
        let their_order = theirs.header.order.get(&collection).unwrap_or(&empty);
        let our_order = ours.header.order.get(&collection).unwrap_or(&empty);
        let mut seen = HashSet::new();
        let ids: Vec<String> = their_order
            .iter()
            .chain(our_order)
            .filter(|id| present.contains(&(collection, id.as_str())))
            .filter(|id| seen.insert(id.as_str()))
            .cloned()
            .collect();
        order.insert(collection, ids);
    }
    header.order = order;
    let merged = join(&header, &merged_records)?;
    Ok(Merged { merged, conflicts })
}

/// `workspace` with one conflict decided: their value when `take_theirs`,
/// else ours (which the merge already holds, so nothing changes).
pub fn choose_workspace(
    workspace: &Workspace,
    conflict: &Conflict,
    take_theirs: bool,
) -> Result<Workspace, Vec<RecordProblem>> {
    let chosen = if take_theirs {
        conflict.theirs.as_ref()
    } else {
        conflict.ours.as_ref()
    };
    let parts = split(workspace);
    let Some(collection) = conflict.collection else {
        let mut header = header_value(&parts.header);
        set_field(&mut header, &conflict.field, chosen);
        let problem = |message: String| {
            vec![RecordProblem {
                collection: None,
                id: conflict.id.clone(),
                message,
            }]
        };
        let mut new_header: WorkspaceHeader =
            serde_json::from_value(header).map_err(|e| problem(e.to_string()))?;
        new_header.order = parts.header.order;
        return join(&new_header, &parts.records);
    };
    let mut records = parts.records;
    let mut header = parts.header;
    let position = records
        .iter()
        .position(|r| r.collection == collection && r.id == conflict.id);
    match (position, conflict.field.is_empty(), chosen) {
        (Some(at), true, None) => {
            records.remove(at);
            if let Some(ids) = header.order.get_mut(&collection) {
                ids.retain(|id| id != &conflict.id);
            }
        }
        (Some(at), _, _) => set_field(&mut records[at].value, &conflict.field, chosen),
        (None, _, Some(value)) => {
            records.push(Record {
                collection,
                id: conflict.id.clone(),
                value: value.clone(),
            });
            header
                .order
                .entry(collection)
                .or_default()
                .push(conflict.id.clone());
        }
        (None, _, None) => {}
    }
    join(&header, &records)
}

/// Takes back one change. `before` and `after` are the workspace either
/// side of the change, `now` the workspace as it is now. When nothing has
/// changed since, the result is exactly `before` (order included). Otherwise
/// later changes (made here or in another tab) are kept by a three-way merge
/// of `now` with the reverted change; a field changed both by the change and
/// again since is a conflict, which callers should treat as "cannot undo".
pub fn undo_change(
    before: &Workspace,
    after: &Workspace,
    now: &Workspace,
) -> Result<Merged<Workspace>, Vec<RecordProblem>> {
    if now == after {
        return Ok(Merged {
            merged: before.clone(),
            conflicts: Vec::new(),
        });
    }
    merge_workspaces(after, before, now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_organisation;
    use crate::methodology::Likelihood;

    #[test]
    fn edits_of_different_fields_of_one_risk_both_survive() {
        let base = demo_organisation();
        let mut ours = base.clone();
        let mut theirs = base.clone();
        theirs.risks[0].title = "Renamed in the other tab".into();
        ours.risks[0].likelihood = Likelihood::checked_new(1).unwrap();
        assert_ne!(base.risks[0].likelihood, ours.risks[0].likelihood);
        let result = merge_workspaces(&base, &ours, &theirs).unwrap();
        assert!(result.conflicts.is_empty(), "{:?}", result.conflicts);
        assert_eq!(result.merged.risks[0].title, "Renamed in the other tab");
        assert_eq!(result.merged.risks[0].likelihood, ours.risks[0].likelihood);
        assert_eq!(result.merged.risks.len(), base.risks.len());
    }

    #[test]
    fn the_same_field_changed_twice_is_a_conflict_holding_both_values() {
        let base = demo_organisation();
        let mut ours = base.clone();
        let mut theirs = base.clone();
        ours.risks[2].title = "Ours".into();
        theirs.risks[2].title = "Theirs".into();
        let result = merge_workspaces(&base, &ours, &theirs).unwrap();
        assert_eq!(result.conflicts.len(), 1);
        let conflict = &result.conflicts[0];
        assert_eq!(conflict.collection, Some(Collection::Risks));
        assert_eq!(conflict.id, base.risks[2].id.as_str());
        assert_eq!(conflict.field, vec!["title".to_owned()]);
        assert_eq!(conflict.ours, Some(Value::from("Ours")));
        assert_eq!(conflict.theirs, Some(Value::from("Theirs")));
        assert_eq!(result.merged.risks[2].title, "Ours");
        let theirs_chosen = choose_workspace(&result.merged, conflict, true).unwrap();
        assert_eq!(theirs_chosen.risks[2].title, "Theirs");
    }

    #[test]
    fn additions_on_both_sides_and_deletions_merge() {
        let base = demo_organisation();
        let mut ours = base.clone();
        let mut theirs = base.clone();
        let mut added = base.risks[0].clone();
        added.id = crate::model::RiskId::try_new("R-900").unwrap();
        ours.risks.push(added);
        let deleted = theirs.risks.remove(5).id;
        let result = merge_workspaces(&base, &ours, &theirs).unwrap();
        assert!(result.conflicts.is_empty());
        assert_eq!(result.merged.risks.len(), base.risks.len());
        assert!(result.merged.risks.iter().any(|r| r.id.as_str() == "R-900"));
        assert!(!result.merged.risks.iter().any(|r| r.id == deleted));
        assert_eq!(result.merged.risks.last().unwrap().id.as_str(), "R-900");
    }

    #[test]
    fn deleted_here_and_changed_there_asks() {
        let base = demo_organisation();
        let mut ours = base.clone();
        let mut theirs = base.clone();
        let id = ours.risks.remove(1).id;
        theirs.risks[1].title = "Still needed".into();
        let result = merge_workspaces(&base, &ours, &theirs).unwrap();
        assert_eq!(result.conflicts.len(), 1);
        assert!(result.conflicts[0].field.is_empty());
        assert_eq!(result.conflicts[0].ours, None);
        // Ours (deletion) is held until decided.
        assert!(!result.merged.risks.iter().any(|r| r.id == id));
        let kept = choose_workspace(&result.merged, &result.conflicts[0], true).unwrap();
        let restored = kept.risks.iter().find(|r| r.id == id).unwrap();
        assert_eq!(restored.title, "Still needed");
    }

    #[test]
    fn objects_merge_field_by_field() {
        let base = demo_organisation().risks[0].clone();
        let mut ours = base.clone();
        let mut theirs = base.clone();
        ours.description = "ours".into();
        theirs.title = "theirs".into();
        let result = merge_object(&base, &ours, &theirs).unwrap();
        assert!(result.conflicts.is_empty());
        assert_eq!(result.merged.description, "ours");
        assert_eq!(result.merged.title, "theirs");
        let set = with_field(&ours, &["title".to_owned()], Some(&Value::from("x"))).unwrap();
        assert_eq!(set.title, "x");
    }

    #[test]
    fn nothing_changed_on_one_side_gives_the_other() {
        let base = demo_organisation();
        let mut theirs = base.clone();
        theirs.scope = "New scope".into();
        theirs.risks.truncate(10);
        let result = merge_workspaces(&base, &base, &theirs).unwrap();
        assert!(result.conflicts.is_empty());
        assert_eq!(result.merged, theirs);
        let result = merge_workspaces(&base, &theirs, &base).unwrap();
        assert_eq!(result.merged, theirs);
    }

    #[test]
    fn undo_with_nothing_since_restores_the_workspace_exactly() {
        let before = demo_organisation();
        let mut after = before.clone();
        let removed = after.risks.remove(3);
        let result = undo_change(&before, &after, &after).unwrap();
        assert!(result.conflicts.is_empty());
        assert_eq!(result.merged, before);
        assert_eq!(result.merged.risks[3].id, removed.id, "back in its place");
    }

    #[test]
    fn undo_keeps_later_changes_to_other_objects() {
        let before = demo_organisation();
        let mut after = before.clone();
        after.risks[1].title = "Changed, then undone".into();
        let mut now = after.clone();
        now.assets[0].name = "Renamed afterwards".into();
        let result = undo_change(&before, &after, &now).unwrap();
        assert!(result.conflicts.is_empty(), "{:?}", result.conflicts);
        assert_eq!(result.merged.risks[1].title, before.risks[1].title);
        assert_eq!(result.merged.assets[0].name, "Renamed afterwards");
    }

    #[test]
    fn undo_of_a_field_changed_again_since_is_a_conflict() {
        let before = demo_organisation();
        let mut after = before.clone();
        after.risks[1].title = "First".into();
        let mut now = after.clone();
        now.risks[1].title = "Second".into();
        let result = undo_change(&before, &after, &now).unwrap();
        assert_eq!(result.conflicts.len(), 1);
        assert_eq!(result.conflicts[0].field, vec!["title".to_owned()]);
    }
}
