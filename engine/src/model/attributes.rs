//! Small value types shared by several registers: security properties,
//! control attributes, percentages and money.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A set of flags from a fixed list of names, stored as a JSON array of those
/// names in canonical order (e.g. `["confidentiality", "availability"]`).
macro_rules! flag_set {
    (
        $(#[$doc:meta])* $set:ident of $(#[$edoc:meta])* $flag:ident {
            $($(#[$vdoc:meta])* $variant:ident = $bit:literal => $name:literal),+ $(,)?
        }
    ) => {
        $(#[$edoc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $flag {
            $($(#[$vdoc])* $variant),+
        }

        impl $flag {
            /// Every value, in canonical order.
            pub const ALL: &'static [$flag] = &[$($flag::$variant),+];

            /// The name used in JSON and CSV.
            pub fn name(self) -> &'static str {
                match self {
                    $($flag::$variant => $name),+
                }
            }

            /// The value named `name` (as in JSON).
            pub fn from_name(name: &str) -> Option<Self> {
                match name {
                    $($name => Some($flag::$variant),)+
                    _ => None,
                }
            }

            fn bit(self) -> u8 {
                match self {
                    $($flag::$variant => 1 << $bit),+
                }
            }
        }

        impl fmt::Display for $flag {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }

        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct $set(u8);

        impl $set {
            /// The empty set.
            /// The set with no flag.
            pub const EMPTY: $set = $set(0);

            /// The set holding `flags`.
            pub fn of(flags: &[$flag]) -> Self {
                Self(flags.iter().fold(0, |bits, flag| bits | flag.bit()))
            }

            /// Whether `flag` is in the set.
            pub fn contains(self, flag: $flag) -> bool {
                self.0 & flag.bit() != 0
            }

            /// Adds `flag` to the set.
            pub fn insert(&mut self, flag: $flag) {
                self.0 |= flag.bit();
            }

            /// Whether the set has no flag.
            pub fn is_empty(self) -> bool {
                self.0 == 0
            }

            /// Whether the two sets share a flag.
            pub fn intersects(self, other: Self) -> bool {
                self.0 & other.0 != 0
            }

            /// The flags in canonical order.
            pub fn iter(self) -> impl Iterator<Item = $flag> {
                $flag::ALL.iter().copied().filter(move |flag| self.contains(*flag))
            }
        }

        impl Serialize for $set {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.iter())
            }
        }

        impl<'de> Deserialize<'de> for $set {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let flags = Vec::<$flag>::deserialize(d)?;
                Ok(Self::of(&flags))
            }
        }
    };
}

flag_set!(
    /// Which of confidentiality, integrity and availability are concerned.
    PropertySet of
    /// A security property of information (ISO/IEC 27000).
    Property {
        /// Only authorised parties can read the information.
        Confidentiality = 0 => "confidentiality",
        /// The information is accurate and complete.
        Integrity = 1 => "integrity",
        /// The information is usable when needed.
        Availability = 2 => "availability",
    }
);

flag_set!(
    /// The control types a control has; a control may have several.
    ControlTypeSet of
    /// How a control acts on a risk: before, during or after an incident.
    ControlType {
        /// Stops an incident happening; acts on likelihood (default weights 1, 0).
        Preventive = 0 => "preventive",
        /// Notices an incident while it happens; acts on both axes (default weights 0.5, 0.5).
        Detective = 1 => "detective",
        /// Limits the damage after an incident; acts on impact (default weights 0, 1).
        Corrective = 2 => "corrective",
    }
);

flag_set!(
    /// The cybersecurity concepts a control serves.
    ConceptSet of
    /// Cybersecurity concept (the five functions of incident handling).
    Concept {
        /// Understand assets, risks and context.
        Identify = 0 => "identify",
        /// Safeguard assets against incidents.
        Protect = 1 => "protect",
        /// Discover incidents.
        Detect = 2 => "detect",
        /// Act on a detected incident.
        Respond = 3 => "respond",
        /// Restore services after an incident.
        Recover = 4 => "recover",
    }
);

/// A whole percentage from 0 to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(transparent)]
pub struct Percent(u8);

impl Percent {
    /// 0 %.
    pub const ZERO: Percent = Percent(0);
    /// 100 %.
    pub const FULL: Percent = Percent(100);

    /// The percentage, if it is at most 100.
    pub fn checked_new(value: u8) -> Option<Self> {
        (value <= 100).then_some(Self(value))
    }

    /// The whole percentage, 0 to 100.
    pub fn get(self) -> u8 {
        self.0
    }

    /// The percentage as a fraction in `[0, 1]`.
    pub fn fraction(self) -> f64 {
        f64::from(self.0) / 100.0
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = u8::deserialize(d).map_err(|_| {
            serde::de::Error::custom("a percentage must be a whole number from 0 to 100")
        })?;
        Percent::checked_new(value).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "a percentage must be a whole number from 0 to 100, got {value}"
            ))
        })
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} %", self.0)
    }
}

/// An amount of money in whole units of the methodology's currency.
/// Whole units keep sums exact and exports byte-identical.
pub type Money = u64;

/// A (low, most likely, high) estimate for quantitative analysis, with
/// `0 <= low <= most_likely <= high` and all finite.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "EstimateFields", into = "EstimateFields")]
pub struct Estimate {
    low: f64,
    most_likely: f64,
    high: f64,
}

/// Plain fields of an [`Estimate`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EstimateFields {
    /// The low end of the range, in the factor's unit.
    pub low: f64,
    /// The most likely value (the PERT mode), in the factor's unit.
    pub most_likely: f64,
    /// The high end of the range, in the factor's unit.
    pub high: f64,
}

impl Estimate {
    /// The estimate, if `0 <= low <= most_likely <= high` and all are finite.
    pub fn try_new(low: f64, most_likely: f64, high: f64) -> Result<Self, String> {
        if ![low, most_likely, high].iter().all(|v| v.is_finite()) {
            return Err("an estimate needs three finite numbers".into());
        }
        if !(0.0 <= low && low <= most_likely && most_likely <= high) {
            return Err(format!(
                "an estimate needs 0 <= low <= most likely <= high, got {low}, {most_likely}, {high}"
            ));
        }
        Ok(Self {
            low,
            most_likely,
            high,
        })
    }
    /// The low end of the range, in the factor's unit.
    pub fn low(&self) -> f64 {
        self.low
    }
    /// The most likely value (the PERT mode), in the factor's unit.
    pub fn most_likely(&self) -> f64 {
        self.most_likely
    }
    /// The high end of the range, in the factor's unit.
    pub fn high(&self) -> f64 {
        self.high
    }
}

impl TryFrom<EstimateFields> for Estimate {
    type Error = String;
    fn try_from(f: EstimateFields) -> Result<Self, String> {
        Estimate::try_new(f.low, f.most_likely, f.high)
    }
}

impl From<Estimate> for EstimateFields {
    fn from(e: Estimate) -> Self {
        EstimateFields {
            low: e.low,
            most_likely: e.most_likely,
            high: e.high,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_serialise_in_canonical_order() {
        let set = PropertySet::of(&[Property::Availability, Property::Confidentiality]);
        assert_eq!(
            serde_json::to_string(&set).unwrap(),
            r#"["confidentiality","availability"]"#
        );
        let back: PropertySet =
            serde_json::from_str(r#"["availability","confidentiality"]"#).unwrap();
        assert_eq!(back, set);
        assert!(serde_json::from_str::<PropertySet>(r#"["secrecy"]"#).is_err());
    }

    #[test]
    fn percent_and_estimates_refuse_bad_values() {
        assert!(serde_json::from_str::<Percent>("101").is_err());
        assert!(serde_json::from_str::<Percent>("-1").is_err());
        assert!(Estimate::try_new(2.0, 1.0, 3.0).is_err());
        assert!(Estimate::try_new(0.0, f64::NAN, 3.0).is_err());
        assert!(Estimate::try_new(1.0, 1.0, 3.0).is_ok());
    }
}
