//! One key table per enum: every fieldless enum the engine writes as a
//! string (JSON, CSV, records, the app's state and URLs) gets `ALL`,
//! `name()` and `from_name()` from [`key_table!`], so its keys are spelled
//! once, here in the engine, and nowhere else. The keys are the serde
//! spellings; the tests below check every table against serde. CSV adds only
//! its aliases on top, and the app only the words it shows.

/// Gives a fieldless enum its key table:
/// - `ALL`: every value, in the order listed;
/// - `name()`: the value's key, as serde writes it;
/// - `from_name()`: the value with exactly that key.
///
/// The `match` in `name()` is exhaustive, so a new variant breaks the build
/// until it has a key.
macro_rules! key_table {
    ($enum:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $enum {
            /// Every value, in canonical order.
            pub const ALL: [$enum; [$($name),+].len()] = [$($enum::$variant),+];

            /// The key of this value: its spelling in JSON and the key the
            /// app and CSV use for it.
            pub fn name(self) -> &'static str {
                match self {
                    $($enum::$variant => $name),+
                }
            }

            /// The value whose key is `name`, spelled exactly as
            /// [`name`](Self::name) writes it.
            pub fn from_name(name: &str) -> Option<Self> {
                match name {
                    $($name => Some($enum::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

pub(crate) use key_table;

#[cfg(test)]
mod tests {
    use crate::*;
    use serde::Serialize;
    use std::collections::HashSet;
    use std::fmt::Debug;

    /// Every value's key is its serde spelling, keys are distinct and lead
    /// back to their value, and unknown keys lead nowhere.
    fn check_keys<T: Serialize + Copy + Debug + PartialEq>(
        all: &[T],
        name: fn(T) -> &'static str,
        from_name: fn(&str) -> Option<T>,
    ) {
        assert!(!all.is_empty());
        for &value in all {
            let serde_spelling = serde_json::to_value(value).expect("serialises");
            assert_eq!(serde_spelling, serde_json::json!(name(value)), "{value:?}");
            assert_eq!(from_name(name(value)), Some(value), "{value:?}");
            assert_eq!(from_name(&name(value).to_uppercase()), None, "{value:?}");
        }
        let distinct: HashSet<&str> = all.iter().map(|&value| name(value)).collect();
        assert_eq!(distinct.len(), all.len(), "distinct keys");
        assert_eq!(from_name(""), None);
        assert_eq!(from_name("no such key"), None);
    }

    /// As [`check_keys`], and serde reads every key back to its value.
    fn check_keys_both_ways<T>(
        all: &[T],
        name: fn(T) -> &'static str,
        from_name: fn(&str) -> Option<T>,
    ) where
        T: Serialize + serde::de::DeserializeOwned + Copy + Debug + PartialEq,
    {
        check_keys(all, name, from_name);
        for &value in all {
            let read: T = serde_json::from_value(serde_json::json!(name(value))).expect("reads");
            assert_eq!(read, value);
        }
    }

    /// One test per enum: `keys!(test_name, Enum)` for enums serde only
    /// writes, `keys!(test_name, Enum, both_ways)` for those it also reads.
    macro_rules! keys {
        ($test:ident, $enum:ty) => {
            #[test]
            fn $test() {
                check_keys(&<$enum>::ALL, <$enum>::name, <$enum>::from_name);
            }
        };
        ($test:ident, $enum:ty, both_ways) => {
            #[test]
            fn $test() {
                check_keys_both_ways(&<$enum>::ALL, <$enum>::name, <$enum>::from_name);
            }
        };
    }

    keys!(asset_kind_keys_are_the_serde_names, AssetKind, both_ways);
    keys!(
        treatment_decision_keys_are_the_serde_names,
        TreatmentDecision,
        both_ways
    );
    keys!(risk_status_keys_are_the_serde_names, RiskStatus, both_ways);
    keys!(
        control_source_keys_are_the_serde_names,
        ControlSource,
        both_ways
    );
    keys!(theme_keys_are_the_serde_names, Theme, both_ways);
    keys!(
        implementation_status_keys_are_the_serde_names,
        ImplementationStatus,
        both_ways
    );
    keys!(
        applicability_keys_are_the_serde_names,
        Applicability,
        both_ways
    );
    keys!(
        inclusion_reason_keys_are_the_serde_names,
        InclusionReason,
        both_ways
    );
    keys!(
        action_status_keys_are_the_serde_names,
        ActionStatus,
        both_ways
    );
    keys!(property_keys_are_the_serde_names, Property, both_ways);
    keys!(
        control_type_keys_are_the_serde_names,
        ControlType,
        both_ways
    );
    keys!(concept_keys_are_the_serde_names, Concept, both_ways);
    keys!(severity_keys_are_the_serde_names, Severity);
    keys!(object_kind_keys_are_the_serde_names, ObjectKind);
    keys!(collection_keys_are_the_serde_names, Collection, both_ways);
    keys!(residual_basis_keys_are_the_serde_names, ResidualBasis);
    keys!(combine_keys_are_the_serde_names, Combine, both_ways);
    keys!(preset_keys_are_the_serde_names, Preset, both_ways);
    keys!(sampler_keys_are_the_serde_names, Sampler, both_ways);
    keys!(tornado_grouping_keys_are_the_serde_names, TornadoGrouping);
    keys!(
        input_factor_keys_are_the_serde_names,
        InputFactor,
        both_ways
    );
    keys!(
        control_kind_keys_are_the_serde_names,
        ControlKind,
        both_ways
    );
    keys!(csv_kind_keys_are_the_serde_names, CsvKind, both_ways);
    keys!(phase_keys_are_the_serde_names, Phase, both_ways);
    keys!(
        clause_status_keys_are_the_serde_names,
        ClauseStatus,
        both_ways
    );
    keys!(
        document_kind_keys_are_the_serde_names,
        DocumentKind,
        both_ways
    );
    keys!(
        document_status_keys_are_the_serde_names,
        DocumentStatus,
        both_ways
    );
    keys!(direction_keys_are_the_serde_names, Direction, both_ways);
    keys!(
        audit_status_keys_are_the_serde_names,
        AuditStatus,
        both_ways
    );
    keys!(
        finding_class_keys_are_the_serde_names,
        FindingClass,
        both_ways
    );
    keys!(
        nonconformity_grade_keys_are_the_serde_names,
        NonconformityGrade,
        both_ways
    );
    keys!(
        nonconformity_status_keys_are_the_serde_names,
        NonconformityStatus,
        both_ways
    );
    keys!(
        incident_severity_keys_are_the_serde_names,
        IncidentSeverity,
        both_ways
    );
    keys!(
        incident_status_keys_are_the_serde_names,
        IncidentStatus,
        both_ways
    );
}
