//! Plain words for what serde reports while restoring a value.
//!
//! serde says `invalid value: integer -5000, expected u8` or
//! `missing field 'title'` about the object that holds the field. A person
//! needs the field's path and what the field allows:
//! `$.workspace.risks[3].likelihood: must be a whole number from 1 to 5
//! (found -5000)`. This module knows, by field name and place, what each
//! field of the export allows, and rewrites serde's messages with it.
//! Messages our own types give (ids, dates, methodology rules) are already
//! plain and are kept, with the value found added.

use super::parse::{render, Step};
use super::ImportProblem;
use crate::methodology::Combine;
use crate::model::{
    ActionStatus, Applicability, AssetKind, Concept, ControlSource, ControlType,
    ImplementationStatus, InclusionReason, Property, RiskStatus, Theme, TreatmentDecision,
};
use serde_json::Value;

/// What the restored methodology says about ratings, when it restored.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Scales {
    pub likelihood: Option<usize>,
    pub impact: Option<usize>,
    pub levels: Option<usize>,
}

/// The tags of the export's enums with fields, as written in JSON (the
/// enums without fields have key tables: `ALL` and `name()`). A test checks
/// each against its type.
pub(super) mod names {
    pub const CHANGE_KIND: &[&str] = &[
        "control_status",
        "control_effectiveness",
        "link_control",
        "unlink_control",
        "treatment",
        "applicability",
        "add_action",
    ];
    pub const MATRIX_KIND: &[&str] = &["formula", "table"];
}

const ID_RULE: &str = "an id of 1 to 64 letters, digits, '.', '-' or '_'";
const TEXT: &str = "text in double quotes";
const DATE: &str = "a date written YYYY-MM-DD, such as \"2026-03-31\"";
const PERCENT: &str = "a whole percentage from 0 to 100";
const FRACTION: &str = "a number from 0 to 1";

/// What serde said, sorted by kind.
#[derive(Debug, PartialEq)]
enum SerdeError<'a> {
    MissingField(&'a str),
    /// invalid type, value or length: the value found does not fit.
    Mismatch {
        found: Option<&'a str>,
        expected: &'a str,
    },
    UnknownVariant(&'a str),
    /// A message of our own types, already in plain words.
    Custom(&'a str),
}

fn classify(text: &str) -> SerdeError<'_> {
    // serde_json appends " at line 0 column 0" for in-memory values.
    let text = text.split(" at line ").next().unwrap_or(text);
    if let Some(rest) = text.strip_prefix("missing field `") {
        return SerdeError::MissingField(rest.trim_end_matches('`'));
    }
    if let Some(rest) = text.strip_prefix("unknown variant `") {
        let variant = rest.split('`').next().unwrap_or_default();
        return SerdeError::UnknownVariant(variant);
    }
    for prefix in ["invalid type: ", "invalid value: ", "invalid length "] {
        if let Some(rest) = text.strip_prefix(prefix) {
            if let Some((found, expected)) = rest.rsplit_once(", expected ") {
                return SerdeError::Mismatch {
                    found: Some(found),
                    expected,
                };
            }
        }
    }
    SerdeError::Custom(text)
}

/// The value at `steps` below `raw`.
fn value_at<'v>(raw: &'v Value, steps: &[Step]) -> Option<&'v Value> {
    steps.iter().try_fold(raw, |value, step| match step {
        Step::Key(key) => value.get(key),
        Step::Index(index) => value.get(*index),
    })
}

/// The value as a person would read it in the file.
pub(super) fn shown(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => {
            let cut: String = s.chars().take(40).collect();
            let quoted = serde_json::to_string(&cut).unwrap_or_default();
            if cut.len() < s.len() {
                format!("{}...\"", quoted.trim_end_matches('"'))
            } else {
                quoted
            }
        }
        Value::Array(items) if items.is_empty() => "an empty list".into(),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("one of {} or {last}", rest.join(", "))
        }
        _ => quoted.join(""),
    }
}

fn list_of(names: &[&str]) -> String {
    format!("a list of {}", one_of(names).trim_start_matches("one of "))
}

/// [`one_of`] the keys of an enum's key table.
fn one_of_keys<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> String {
    one_of(&all.iter().map(|&value| name(value)).collect::<Vec<_>>())
}

/// [`list_of`] the keys of an enum's key table.
fn list_of_keys<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> String {
    list_of(&all.iter().map(|&value| name(value)).collect::<Vec<_>>())
}

/// The keys of `steps`, indexes left out: `risks[3].treatment.decision`
/// gives `["risks", "treatment", "decision"]`.
fn keys(steps: &[Step]) -> Vec<&str> {
    steps
        .iter()
        .filter_map(|s| match s {
            Step::Key(k) => Some(k.as_str()),
            Step::Index(_) => None,
        })
        .collect()
}

/// What the field at `steps` (below `$.workspace`) allows, in plain words.
fn allowed(steps: &[Step], scales: &Scales) -> Option<String> {
    let keys = keys(steps);
    let (&field, parents) = keys.split_last()?;
    let parent = parents.last().copied().unwrap_or("");
    let register = keys.first().copied().unwrap_or("");
    let in_list = matches!(steps.last(), Some(Step::Index(_)));
    let rating = |what: &str, top: Option<usize>| match top {
        Some(top) => format!("a whole number from 1 to {top}"),
        None => format!("a whole number from 1 to the top of the {what} scale"),
    };
    if register == "methodology" {
        return Some(match (parent, field) {
            (_, "likelihood_scale" | "impact_scale") if !in_list => {
                "a list of 3 to 10 levels, each {\"label\": ..., \"description\": ...}".into()
            }
            (_, "likelihood_scale" | "impact_scale") => {
                "an object {\"label\": ..., \"description\": ...}".into()
            }
            (_, "levels") if !in_list => {
                "a list of 1 to 16 risk levels, each {\"name\": ..., \"colour\": \"#rrggbb\"}"
                    .into()
            }
            (_, "levels") => "an object {\"name\": ..., \"colour\": \"#rrggbb\"}".into(),
            (_, "colour") => "a colour written #rrggbb, such as \"#c0392b\"".into(),
            ("matrix", "kind") => one_of(names::MATRIX_KIND),
            (_, "matrix") => "an object with \"kind\": \"formula\" (with combine and band_upper_bounds) or \"kind\": \"table\" (with cells)".into(),
            (_, "combine") => one_of_keys(&Combine::ALL, Combine::name),
            (_, "band_upper_bounds") if in_list => "a whole number from 0 to 4294967295".into(),
            (_, "band_upper_bounds") => "a list of whole numbers, one per risk level, each larger than the one before".into(),
            (_, "cells") => "a list of rows, one per likelihood level, each a list of risk level positions (0 is the lowest level)".into(),
            (_, "appetite") => match scales.levels {
                Some(levels) => format!("the position of a risk level, a whole number from 0 (the lowest level) to {}", levels.saturating_sub(1)),
                None => "the position of a risk level, a whole number from 0 (the lowest level)".into(),
            },
            ("implementation_factors", _) | (_, "likelihood" | "impact") => FRACTION.into(),
            (_, "implementation_factors") => "an object {\"not_started\", \"planned\", \"partial\", \"implemented\"}, each a number from 0 to 1".into(),
            (_, "control_type_weights") => "an object {\"preventive\", \"detective\", \"corrective\"}, each with likelihood and impact weights".into(),
            (_, "preventive" | "detective" | "corrective") => "an object {\"likelihood\": ..., \"impact\": ...}, each a number from 0 to 1".into(),
            (_, "currency") => "a currency code in double quotes, such as \"EUR\"".into(),
            _ => TEXT.into(),
        });
    }
    Some(match (parent, field) {
        (_, "likelihood") => rating("likelihood", scales.likelihood),
        ("valuation", "confidentiality" | "integrity" | "availability") | (_, "impact") => {
            rating("impact", scales.impact)
        }
        (_, "valuation") => {
            "an object {\"confidentiality\", \"integrity\", \"availability\"} of impact ratings"
                .into()
        }
        (_, "effectiveness" | "transferred_share") => PERCENT.into(),
        ("cost", "one_off" | "yearly") => {
            "a whole amount of money, 0 or more, without decimals".into()
        }
        (_, "cost") => "an object {\"one_off\": ..., \"yearly\": ...} of whole amounts".into(),
        (_, "low" | "most_likely" | "high") => "a number, 0 or more".into(),
        ("quantitative", _) => {
            "an object {\"low\": ..., \"most_likely\": ..., \"high\": ...} of numbers".into()
        }
        (_, "quantitative") => {
            "an object with threat_event_frequency, vulnerability and loss_magnitude estimates"
                .into()
        }
        (_, "date" | "expires" | "review_date" | "target_date" | "due") => DATE.into(),
        ("changes", "kind") => one_of(names::CHANGE_KIND),
        (_, "kind") => one_of_keys(&AssetKind::ALL, AssetKind::name),
        (_, "decision") => one_of_keys(&TreatmentDecision::ALL, TreatmentDecision::name),
        (_, "status") => match register {
            "risks" => one_of_keys(&RiskStatus::ALL, RiskStatus::name),
            "controls" => one_of_keys(&ImplementationStatus::ALL, ImplementationStatus::name),
            "actions" => one_of_keys(&ActionStatus::ALL, ActionStatus::name),
            _ if parent == "action" => one_of_keys(&ActionStatus::ALL, ActionStatus::name),
            _ => one_of_keys(&ImplementationStatus::ALL, ImplementationStatus::name),
        },
        (_, "applicability") => one_of_keys(&Applicability::ALL, Applicability::name),
        (_, "reasons") if in_list => one_of_keys(&InclusionReason::ALL, InclusionReason::name),
        (_, "reasons") => list_of_keys(&InclusionReason::ALL, InclusionReason::name),
        (_, "source") => one_of_keys(&ControlSource::ALL, ControlSource::name),
        (_, "theme") => one_of_keys(&Theme::ALL, Theme::name),
        (_, "harms" | "properties") if in_list => one_of_keys(Property::ALL, Property::name),
        (_, "harms" | "properties") => list_of_keys(Property::ALL, Property::name),
        (_, "types") if in_list => one_of_keys(ControlType::ALL, ControlType::name),
        (_, "types") => list_of_keys(ControlType::ALL, ControlType::name),
        (_, "concepts") if in_list => one_of_keys(Concept::ALL, Concept::name),
        (_, "concepts") => list_of_keys(Concept::ALL, Concept::name),
        (_, "assets" | "controls" | "risks") if in_list && !parents.is_empty() => ID_RULE.into(),
        (_, "assets" | "controls" | "risks") if !parents.is_empty() => {
            format!("a list of ids in double quotes, each {ID_RULE}")
        }
        (_, "id" | "owner" | "accepted_by" | "threat" | "vulnerability" | "control" | "risk") => {
            format!("{ID_RULE}, in double quotes")
        }
        (_, "treatment") => "an object {\"decision\": ..., \"rationale\": ...}".into(),
        (_, "residual_override") => {
            "an object {\"likelihood\": ..., \"impact\": ..., \"justification\": ...}".into()
        }
        (_, "acceptance") => {
            "an object {\"accepted_by\": ..., \"date\": ..., \"expires\": ...}".into()
        }
        (_, "action") => "an object describing a treatment action".into(),
        (_, "changes") if in_list => {
            "an object with a \"kind\" and the fields of that kind of change".into()
        }
        (_, "changes") => "a list of changes".into(),
        (
            _,
            "name"
            | "title"
            | "description"
            | "role"
            | "email"
            | "category"
            | "rationale"
            | "justification"
            | "exclusion_justification"
            | "evidence"
            | "classification"
            | "scope",
        ) => TEXT.into(),
        _ => return None,
    })
}

/// serde's name of the expected type, in plain words.
fn expected_in_words(expected: &str) -> String {
    let whole = |max: &str| format!("a whole number from 0 to {max}");
    match expected {
        "u8" => whole("255"),
        "u16" => whole("65535"),
        "u32" => whole("4294967295"),
        "u64" => whole("18446744073709551615"),
        "i8" | "i16" | "i32" | "i64" => "a whole number".into(),
        "f32" | "f64" => "a number".into(),
        "a string" => TEXT.into(),
        "a boolean" => "true or false".into(),
        "a sequence" => "a list in square brackets".into(),
        e if e.starts_with("struct ") || e.starts_with("a map") || e.contains("tagged enum") => {
            "an object in curly braces".into()
        }
        e if e.contains("variant") => "one of the names this field allows".into(),
        e => e.to_owned(),
    }
}

/// What the object at `steps` is, for "every risk needs a title".
fn noun(steps: &[Step]) -> &'static str {
    let mut keys = keys(steps);
    let in_list = matches!(steps.last(), Some(Step::Index(_)));
    let Some(last) = keys.pop() else {
        return "workspace";
    };
    match (last, in_list) {
        ("people", _) => "person",
        ("assets", _) => "asset",
        ("threats", _) => "threat",
        ("vulnerabilities", _) => "vulnerability",
        ("risks", _) => "risk",
        ("controls", _) => "control",
        ("soa", _) => "SoA entry",
        ("actions", _) | ("action", _) => "action",
        ("scenarios", _) => "scenario",
        ("changes", _) => "scenario change",
        ("valuation", _) => "asset valuation",
        ("treatment", _) => "treatment",
        ("residual_override", _) => "residual override",
        ("acceptance", _) => "acceptance",
        ("quantitative", _) => "set of quantitative inputs",
        ("threat_event_frequency" | "vulnerability" | "loss_magnitude", _) => "estimate",
        ("cost", _) => "cost",
        ("methodology", _) => "methodology",
        ("likelihood_scale" | "impact_scale", true) => "scale level",
        ("levels", true) => "risk level",
        ("matrix", _) => "matrix",
        ("implementation_factors", _) => "set of implementation factors",
        ("control_type_weights", _) => "set of control type weights",
        ("preventive" | "detective" | "corrective", _) => "set of axis weights",
        _ => "object here",
    }
}

/// "a title" for the field `title`.
fn phrase(field: &str) -> String {
    let words = match field {
        "id" => "an id",
        "name" => "a name",
        "title" => "a title",
        "kind" => "a kind",
        "label" => "a label",
        "description" => "a description",
        "valuation" => "a valuation",
        "confidentiality" => "a confidentiality rating",
        "integrity" => "an integrity rating",
        "availability" => "an availability rating",
        "likelihood" => "a likelihood",
        "impact" => "an impact",
        "harms" => "the properties it harms (harms)",
        "properties" => "the properties it concerns (properties)",
        "justification" => "a justification",
        "accepted_by" => "the person who accepted it (accepted_by)",
        "date" => "a date",
        "source" => "a source",
        "theme" => "a theme",
        "types" => "its control types (types)",
        "concepts" => "its concepts (concepts)",
        "effectiveness" => "an effectiveness",
        "control" => "a control",
        "risk" => "a risk",
        "decision" => "a decision",
        "applicability" => "an applicability",
        "action" => "an action",
        "status" => "a status",
        "colour" => "a colour",
        "matrix" => "a matrix",
        "appetite" => "an appetite",
        "levels" => "its risk levels (levels)",
        "likelihood_scale" => "a likelihood scale",
        "impact_scale" => "an impact scale",
        "methodology" => "a methodology",
        "combine" => "how to combine likelihood and impact (combine)",
        "band_upper_bounds" => "its band upper bounds (band_upper_bounds)",
        "cells" => "its cells",
        "low" => "a low value",
        "most_likely" => "a most likely value",
        "high" => "a high value",
        "threat_event_frequency" => "an estimate of threat event frequency",
        "vulnerability" => "an estimate of vulnerability",
        "loss_magnitude" => "an estimate of loss magnitude",
        other => return format!("a value for {other:?}"),
    };
    words.to_owned()
}

/// The problem serde reported while restoring the value `raw` found at
/// `base` (steps below `$.workspace`; empty for the workspace itself):
/// `inner` is where inside `raw` serde stopped, `text` what it said.
pub(super) fn restore_problem(
    base: &[Step],
    inner: Vec<Step>,
    raw: &Value,
    text: &str,
    scales: &Scales,
) -> ImportProblem {
    let found = value_at(raw, &inner);
    let mut steps = base.to_vec();
    steps.extend(inner);
    let with_found = |message: String| match found {
        Some(value) => format!("{message} (found {})", shown(value)),
        None => message,
    };
    let mut error = classify(text);
    // Percent turns every error of its number into its own message, a
    // missing field too: the only required percentage is a control's
    // effectiveness.
    if let (SerdeError::Custom(message), Some(Value::Object(fields))) = (&error, found) {
        if message.starts_with("a percentage") && !fields.contains_key("effectiveness") {
            error = SerdeError::MissingField("effectiveness");
        }
    }
    match error {
        SerdeError::MissingField(field) => {
            let noun = noun(&steps);
            steps.push(Step::Key(field.to_owned()));
            ImportProblem::new(
                render("$.workspace", &steps),
                format!(
                    "this field is missing; every {noun} needs {}",
                    phrase(field)
                ),
            )
        }
        SerdeError::Mismatch {
            found: said,
            expected,
        } => {
            let allowed = allowed(&steps, scales).unwrap_or_else(|| expected_in_words(expected));
            let message = match found {
                Some(value) => format!("must be {allowed} (found {})", shown(value)),
                None => format!(
                    "must be {allowed} (found {})",
                    said.unwrap_or("another value")
                ),
            };
            ImportProblem::new(render("$.workspace", &steps), message)
        }
        SerdeError::UnknownVariant(variant) => {
            let allowed = allowed(&steps, scales)
                .unwrap_or_else(|| "one of the names this field allows".into());
            ImportProblem::new(
                render("$.workspace", &steps),
                format!("must be {allowed} (found \"{variant}\")"),
            )
        }
        SerdeError::Custom(message) => {
            let field = keys(&steps).last().copied().unwrap_or("");
            // Ratings and percentages: our types know the range 1 to 10 or
            // 0 to 100; the methodology may allow less.
            let ranged = matches!(
                field,
                "likelihood"
                    | "impact"
                    | "confidentiality"
                    | "integrity"
                    | "availability"
                    | "effectiveness"
                    | "transferred_share"
            ) && !matches!(steps.last(), Some(Step::Index(_)));
            let message = match allowed(&steps, scales) {
                Some(allowed) if ranged && found.is_some_and(|v| !v.is_object()) => {
                    with_found(format!("must be {allowed}"))
                }
                _ => match found.filter(|v| !v.is_object() && !v.is_array()) {
                    Some(value) if !message.contains(&shown(value)) => {
                        format!("{message} (found {})", shown(value))
                    }
                    _ => message.to_owned(),
                },
            };
            ImportProblem::new(render("$.workspace", &steps), message)
        }
    }
}

/// The problem for a value of the wrong shape where a register or field
/// is read by hand (not through serde): `steps` below `$.workspace`.
pub(super) fn wrong_shape(steps: &[Step], value: &Value, allowed: &str) -> ImportProblem {
    ImportProblem::new(
        render("$.workspace", steps),
        format!("must be {allowed} (found {})", shown(value)),
    )
}

/// "this field is missing; every workspace needs a name".
pub(super) fn missing(steps: &[Step], field: &str) -> ImportProblem {
    let noun = noun(steps);
    let mut path = steps.to_vec();
    path.push(Step::Key(field.to_owned()));
    ImportProblem::new(
        render("$.workspace", &path),
        format!(
            "this field is missing; every {noun} needs {}",
            phrase(field)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    /// The enums without fields are checked with their key tables
    /// (`model::keys`); the tags of the enums with fields are checked here.
    #[test]
    fn enum_names_match_their_types() {
        // Every change kind is the tag of a change.
        for kind in names::CHANGE_KIND {
            let error = serde_json::from_value::<Change>(serde_json::json!({ "kind": kind }))
                .unwrap_err()
                .to_string();
            assert!(error.starts_with("missing field"), "{kind}: {error}");
        }
        for kind in names::MATRIX_KIND {
            let error = serde_json::from_value::<crate::methodology::Matrix>(
                serde_json::json!({ "kind": kind }),
            )
            .unwrap_err()
            .to_string();
            assert!(error.starts_with("missing field"), "{kind}: {error}");
        }
    }

    #[test]
    fn serde_messages_are_sorted_by_kind() {
        assert_eq!(
            classify("missing field `title`"),
            SerdeError::MissingField("title")
        );
        assert_eq!(
            classify("invalid value: integer `-5000`, expected u8"),
            SerdeError::Mismatch {
                found: Some("integer `-5000`"),
                expected: "u8"
            }
        );
        assert_eq!(
            classify("unknown variant `maybe`, expected one of `a`, `b`"),
            SerdeError::UnknownVariant("maybe")
        );
        assert_eq!(
            classify("an id may not be empty"),
            SerdeError::Custom("an id may not be empty")
        );
    }

    #[test]
    fn one_of_reads_as_a_sentence() {
        assert_eq!(one_of(&["a", "b", "c"]), "one of \"a\", \"b\" or \"c\"");
        assert_eq!(list_of(&["a", "b"]), "a list of \"a\" or \"b\"");
    }
}
