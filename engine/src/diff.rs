//! The difference between two versions of a workspace, for snapshots
//! (PRODUCT.md section 4: "snapshots and the difference between two
//! snapshots"): objects added, removed and changed field by field, grouped by
//! collection, with old and new values as display strings.

use crate::model::Workspace;
use crate::records::{for_each_collection, Stored};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// The group name of changes to the workspace itself (name, scope,
/// methodology); the other groups are named after their collection.
pub(crate) const WORKSPACE_GROUP: &str = "workspace";

/// All differences from `before` to `after`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceDiff {
    /// Groups with at least one difference, the workspace group first, then
    /// collections in the workspace's field order.
    pub groups: Vec<DiffGroup>,
}

impl WorkspaceDiff {
    /// True when the two workspaces hold the same data.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The group called `name` ("workspace", "risks", "soa", ...).
    pub fn group(&self, name: &str) -> Option<&DiffGroup> {
        self.groups.iter().find(|g| g.collection == name)
    }
}

/// The differences within one collection.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffGroup {
    /// "workspace" or a collection name such as "risks".
    pub collection: String,
    /// Objects only in the newer version.
    pub added: Vec<ObjectSummary>,
    /// Objects only in the older version.
    pub removed: Vec<ObjectSummary>,
    /// Objects in both versions whose content differs.
    pub changed: Vec<ObjectChange>,
}

/// An object added or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectSummary {
    /// The object's id, such as `R-0042`.
    pub id: String,
    /// Name or title.
    pub label: String,
}

/// An object present in both versions with different content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectChange {
    /// The object's id, such as `R-0042`.
    pub id: String,
    /// Name or title in the newer version.
    pub label: String,
    /// The fields that differ, with both values.
    pub fields: Vec<FieldChange>,
}

/// One changed field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// Path of the field in the export's shape: `title`,
    /// `valuation.confidentiality`, `acceptance.expires`, `changes[1].status`.
    pub path: String,
    /// Display value before; empty when the field was absent.
    pub old: String,
    /// Display value after; empty when the field is absent.
    pub new: String,
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Leaf fields of `value` as (path, display text), in field order. Lists of
/// plain values (asset ids, controls, reasons) are one field, joined by ", ".
fn flatten(path: &str, value: &Value, out: &mut Vec<(String, String)>) {
    let join = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                flatten(&join(key), item, out);
            }
        }
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            let text: Vec<String> = items.iter().map(scalar_text).collect();
            out.push((path.to_owned(), text.join(", ")));
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                flatten(&format!("{path}[{index}]"), item, out);
            }
        }
        scalar => out.push((path.to_owned(), scalar_text(scalar))),
    }
}

/// Field-by-field differences of two JSON values of the same kind of object.
fn field_changes(before: &Value, after: &Value) -> Vec<FieldChange> {
    let mut old = Vec::new();
    let mut new = Vec::new();
    flatten("", before, &mut old);
    flatten("", after, &mut new);
    let old_by_path: HashMap<&str, &str> = old
        .iter()
        .map(|(path, text)| (path.as_str(), text.as_str()))
        .collect();
    let new_paths: HashSet<&str> = new.iter().map(|(path, _)| path.as_str()).collect();
    let mut changes: Vec<FieldChange> = new
        .iter()
        .filter_map(|(path, text)| {
            let before = old_by_path.get(path.as_str()).copied().unwrap_or("");
            (before != text).then(|| FieldChange {
                path: path.clone(),
                old: before.to_owned(),
                new: text.clone(),
            })
        })
        .collect();
    changes.extend(
        old.iter()
            .filter(|(path, text)| !new_paths.contains(path.as_str()) && !text.is_empty())
            .map(|(path, text)| FieldChange {
                path: path.clone(),
                old: text.clone(),
                new: String::new(),
            }),
    );
    changes
}

fn to_value<T: Serialize>(item: &T) -> Value {
    serde_json::to_value(item).expect("workspace objects always serialise")
}

fn summary<T: Stored>(item: &T) -> ObjectSummary {
    ObjectSummary {
        id: item.key().to_owned(),
        label: item.label().to_owned(),
    }
}

/// Compares one collection; objects are matched by id, whatever their order.
fn compare<T: Stored>(before: &[T], after: &[T]) -> DiffGroup {
    let mut group = DiffGroup {
        collection: T::COLLECTION.name().to_owned(),
        ..DiffGroup::default()
    };
    let old_by_key: HashMap<&str, &T> = before.iter().map(|item| (item.key(), item)).collect();
    for new in after {
        match old_by_key.get(new.key()) {
            None => group.added.push(summary(new)),
            Some(old) if *old == new => {}
            Some(old) => {
                let fields = field_changes(&to_value(*old), &to_value(new));
                if !fields.is_empty() {
                    group.changed.push(ObjectChange {
                        id: new.key().to_owned(),
                        label: new.label().to_owned(),
                        fields,
                    });
                }
            }
        }
    }
    let new_keys: HashSet<&str> = after.iter().map(Stored::key).collect();
    group.removed = before
        .iter()
        .filter(|old| !new_keys.contains(old.key()))
        .map(summary)
        .collect();
    group
}

/// The differences from `before` to `after` (for example an older snapshot
/// and the current workspace). Objects are matched by id; unchanged objects
/// cost one equality comparison, only changed ones are serialised.
pub fn diff(before: &Workspace, after: &Workspace) -> WorkspaceDiff {
    let mut groups = Vec::new();

    #[derive(Serialize)]
    struct Header<'a> {
        id: &'a str,
        name: &'a str,
        scope: &'a str,
        methodology: &'a crate::methodology::Methodology,
    }
    let header = |ws: &'_ Workspace| {
        to_value(&Header {
            id: ws.id.as_str(),
            name: &ws.name,
            scope: &ws.scope,
            methodology: &ws.methodology,
        })
    };
    let fields = field_changes(&header(before), &header(after));
    if !fields.is_empty() {
        groups.push(DiffGroup {
            collection: WORKSPACE_GROUP.to_owned(),
            changed: vec![ObjectChange {
                id: after.id.to_string(),
                label: after.name.clone(),
                fields,
            }],
            ..DiffGroup::default()
        });
    }

    macro_rules! each {
        ($type:ty, $field:ident) => {
            let group = compare::<$type>(&before.$field, &after.$field);
            if !(group.added.is_empty() && group.removed.is_empty() && group.changed.is_empty()) {
                groups.push(group);
            }
        };
    }
    for_each_collection!(each);
    WorkspaceDiff { groups }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::annex_a_control_id;
    use crate::model::*;
    use crate::Impact;

    fn field<'a>(change: &'a ObjectChange, path: &str) -> &'a FieldChange {
        change
            .fields
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("{path} in {:#?}", change.fields))
    }

    #[test]
    fn identical_workspaces_have_no_difference() {
        let ws = crate::demo::demo_organisation();
        assert!(diff(&ws, &ws.clone()).is_empty());
    }

    #[test]
    fn lists_added_removed_and_changed_objects_field_by_field() {
        let before = crate::demo::demo_organisation();
        let mut after = before.clone();
        after.name = "Larkmoor Health (after audit)".into();
        after.assets[0].valuation.confidentiality = Impact::checked_new(5).unwrap();
        after.assets[0].owner = None;
        let removed = after.assets.remove(5);
        after.risks[9].controls.push(annex_a_control_id("8.15"));
        after.risks[9].acceptance = Some(Acceptance {
            accepted_by: PersonId::try_new("P-01").unwrap(),
            date: Date::parse("2026-11-01").unwrap(),
            expires: None,
        });
        let soa = after
            .soa
            .iter_mut()
            .find(|e| e.control.as_str() == "A.8.12")
            .unwrap();
        soa.reasons.push(InclusionReason::Contractual);
        let mut person = after.people[0].clone();
        person.id = PersonId::try_new("P-77").unwrap();
        person.name = "New Colleague".into();
        after.people.push(person);
        // Reordering alone is no difference.
        after.actions.reverse();

        let d = diff(&before, &after);
        let names: Vec<&str> = d.groups.iter().map(|g| g.collection.as_str()).collect();
        assert_eq!(names, ["workspace", "people", "assets", "risks", "soa"]);

        let workspace = &d.group("workspace").unwrap().changed[0];
        assert_eq!(workspace.fields.len(), 1);
        assert_eq!(
            field(workspace, "name").new,
            "Larkmoor Health (after audit)"
        );

        let people = d.group("people").unwrap();
        assert_eq!(people.added[0].id, "P-77");
        assert_eq!(people.added[0].label, "New Colleague");

        let assets = d.group("assets").unwrap();
        assert_eq!(assets.removed[0].id, removed.id.as_str());
        let asset = &assets.changed[0];
        assert_eq!(asset.id, "A-0001");
        assert_eq!(asset.fields.len(), 2, "{:#?}", asset.fields);
        let c = field(asset, "valuation.confidentiality");
        assert_eq!((c.old.as_str(), c.new.as_str()), ("4", "5"));
        let owner = field(asset, "owner");
        assert_eq!((owner.old.as_str(), owner.new.as_str()), ("P-13", ""));

        let risk = &d.group("risks").unwrap().changed[0];
        assert_eq!(risk.id, "R-0010");
        assert_eq!(field(risk, "controls").old, "A.5.3, A.6.3, A.8.5");
        assert_eq!(field(risk, "controls").new, "A.5.3, A.6.3, A.8.5, A.8.15");
        assert_eq!(field(risk, "acceptance.accepted_by").new, "P-01");
        assert_eq!(field(risk, "acceptance.date").old, "");
        assert_eq!(risk.fields.len(), 3, "{:#?}", risk.fields);

        let entry = &d.group("soa").unwrap().changed[0];
        assert_eq!(entry.id, "A.8.12");
        assert_eq!(field(entry, "reasons").new, "risk_treatment, contractual");

        // Serialisable for the app.
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["groups"][2]["collection"], "assets");
    }

    #[test]
    fn removed_fields_and_methodology_changes_are_reported() {
        let before = crate::demo::demo_organisation();
        let mut after = before.clone();
        after.risks[22].residual_override = None;
        after.methodology = crate::methodology::Preset::BsiFourByFour.methodology();
        let d = diff(&before, &after);
        let risk = &d.group("risks").unwrap().changed[0];
        let removed = field(risk, "residual_override.justification");
        assert!(removed.old.starts_with("The clinical safety case"));
        assert_eq!(removed.new, "");
        let workspace = &d.group("workspace").unwrap().changed[0];
        assert!(workspace
            .fields
            .iter()
            .any(|f| f.path.starts_with("methodology.")));
    }
}
