//! Stable identifiers. Every object in a workspace has a short string id
//! ("R-0001", "A-0001", "A.5.1") that never changes once given, so exports,
//! snapshots and diffs can refer to objects across versions.
//!
//! Ids are shared strings (`Arc<str>`): analysis results name the objects
//! they are about, and cloning an id must not copy it.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// Longest id accepted.
pub(crate) const MAX_ID_LENGTH: usize = 64;

/// Why a string is not a usable id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdError {
    /// The id is empty or only whitespace.
    Empty,
    /// The id is longer than [`MAX_ID_LENGTH`] characters.
    TooLong(usize),
    /// The id holds a character other than letters, digits, `.`, `-`, `_`.
    BadCharacter(char),
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdError::Empty => write!(f, "an id may not be empty"),
            IdError::TooLong(n) => {
                write!(
                    f,
                    "an id may have at most {MAX_ID_LENGTH} characters, this one has {n}"
                )
            }
            IdError::BadCharacter(c) => write!(
                f,
                "an id may only use letters, digits, '.', '-' and '_', not {c:?}"
            ),
        }
    }
}

impl std::error::Error for IdError {}

fn check_id(value: &str) -> Result<(), IdError> {
    if value.is_empty() {
        return Err(IdError::Empty);
    }
    if value.len() > MAX_ID_LENGTH {
        return Err(IdError::TooLong(value.len()));
    }
    if let Some(c) = value
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')))
    {
        return Err(IdError::BadCharacter(c));
    }
    Ok(())
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Arc<str>);

        impl $name {
            /// The id `value`, if it is 1 to 64 letters, digits, `.`, `-` or `_`.
            pub fn try_new(value: impl Into<String>) -> Result<Self, IdError> {
                let value = value.into();
                check_id(&value)?;
                Ok(Self(value.into()))
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                Self::try_new(String::deserialize(d)?).map_err(serde::de::Error::custom)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

id_type!(
    /// Id of a workspace.
    WorkspaceId
);
id_type!(
    /// Id of an asset, e.g. "A-0001".
    AssetId
);
id_type!(
    /// Id of a risk, e.g. "R-0001".
    RiskId
);
id_type!(
    /// Id of a control: "A.5.1" for Annex A controls, anything else for custom ones.
    ControlId
);
id_type!(
    /// Id of a threat in the catalogue, e.g. "T-01".
    ThreatId
);
id_type!(
    /// Id of a vulnerability in the catalogue, e.g. "V-01".
    VulnerabilityId
);
id_type!(
    /// Id of a treatment action, e.g. "ACT-0001".
    ActionId
);
id_type!(
    /// Id of a person or role, e.g. "P-01".
    PersonId
);
id_type!(
    /// Id of a what-if scenario, e.g. "S-01".
    ScenarioId
);

id_type!(
    /// Id of a clause of the management-system requirements, e.g. "6.1.2"
    /// (see [`crate::clause_catalogue`]).
    ClauseId
);
id_type!(
    /// Id of a document in the document register, e.g. "DOC-0001".
    DocumentId
);
id_type!(
    /// Id of a security objective, e.g. "OBJ-0001".
    ObjectiveId
);
id_type!(
    /// Id of an internal audit, e.g. "AUD-0001".
    AuditId
);
id_type!(
    /// Id of an audit finding, unique across all audits, e.g. "FND-0001".
    FindingId
);
id_type!(
    /// Id of a nonconformity, e.g. "NC-0001".
    NonconformityId
);
id_type!(
    /// Id of an incident, e.g. "INC-0001".
    IncidentId
);
id_type!(
    /// Id of a management review, e.g. "MR-0001".
    ReviewId
);

/// Builds the id `{prefix}-{number:04}`; used by generators and the app's
/// "next id" logic so ids stay uniform.
pub(crate) fn numbered_id(prefix: &str, number: usize) -> String {
    format!("{prefix}-{number:04}")
}

/// One more than the largest number of the `{prefix}-{number}` ids among
/// `ids` (1 when there is none), so a new id never repeats an old one.
pub(crate) fn next_free_number<'a>(prefix: &str, ids: impl Iterator<Item = &'a str>) -> usize {
    ids.filter_map(|id| {
        id.strip_prefix(prefix)?
            .strip_prefix('-')?
            .parse::<usize>()
            .ok()
    })
    .max()
    .unwrap_or(0)
        + 1
}
