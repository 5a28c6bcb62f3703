//! Lookups shared by the columns: people, assets, threats and controls by
//! id or name, and the cell parsers (dates, levels, percentages, choices).

use super::table::normalise;
use crate::catalogue::annex_a_control_id;
use crate::model::*;
use std::collections::{HashMap, HashSet};
use std::fmt;

pub(super) struct Context<'a> {
    pub(super) workspace: &'a Workspace,
    people: HashSet<&'a str>,
    people_by_name: HashMap<String, Vec<&'a str>>,
    person_names: HashMap<&'a str, &'a str>,
    pub(super) assets: HashSet<&'a str>,
    pub(super) assets_by_name: HashMap<String, Vec<&'a str>>,
    pub(super) threats: HashSet<&'a str>,
    pub(super) threats_by_name: HashMap<String, Vec<&'a str>>,
    pub(super) vulnerabilities: HashSet<&'a str>,
    pub(super) vulnerabilities_by_name: HashMap<String, Vec<&'a str>>,
    pub(super) controls: HashMap<&'a str, &'a Control>,
}

fn by_name<'a>(items: impl Iterator<Item = (&'a str, &'a str)>) -> HashMap<String, Vec<&'a str>> {
    let mut map: HashMap<String, Vec<&str>> = HashMap::new();
    for (id, name) in items {
        map.entry(name.trim().to_lowercase()).or_default().push(id);
    }
    map
}

impl<'a> Context<'a> {
    pub(super) fn new(ws: &'a Workspace) -> Self {
        Context {
            workspace: ws,
            people: ws.people.iter().map(|p| p.id.as_str()).collect(),
            people_by_name: by_name(ws.people.iter().map(|p| (p.id.as_str(), p.name.as_str()))),
            person_names: ws
                .people
                .iter()
                .map(|p| (p.id.as_str(), p.name.as_str()))
                .collect(),
            assets: ws.assets.iter().map(|a| a.id.as_str()).collect(),
            assets_by_name: by_name(ws.assets.iter().map(|a| (a.id.as_str(), a.name.as_str()))),
            threats: ws.threats.iter().map(|t| t.id.as_str()).collect(),
            threats_by_name: by_name(ws.threats.iter().map(|t| (t.id.as_str(), t.name.as_str()))),
            vulnerabilities: ws.vulnerabilities.iter().map(|v| v.id.as_str()).collect(),
            vulnerabilities_by_name: by_name(
                ws.vulnerabilities
                    .iter()
                    .map(|v| (v.id.as_str(), v.name.as_str())),
            ),
            controls: ws.controls.iter().map(|c| (c.id.as_str(), c)).collect(),
        }
    }

    /// A person as exported: the name when it identifies one person, else
    /// the id.
    pub(super) fn person(&self, id: &Option<PersonId>) -> String {
        let Some(id) = id else {
            return String::new();
        };
        match self.person_names.get(id.as_str()) {
            Some(name)
                if self
                    .people_by_name
                    .get(&name.trim().to_lowercase())
                    .is_some_and(|ids| ids.len() == 1)
                    && !name.trim().is_empty()
                    && !self.people.contains(name.trim()) =>
            {
                (*name).to_owned()
            }
            _ => id.to_string(),
        }
    }

    pub(super) fn find_person(&self, cell: &str) -> Result<Option<PersonId>, String> {
        resolve(cell, &self.people, &self.people_by_name, "person", "people")
            .map(|found| found.map(|id| PersonId::try_new(id).expect("known id")))
    }

    pub(super) fn control(&self, cell: &str) -> Result<ControlId, String> {
        let text = cell.trim();
        if self.controls.contains_key(text) {
            return Ok(ControlId::try_new(text).expect("known id"));
        }
        // "5.1" or "A 5.1" for Annex A control A.5.1.
        let number = text
            .trim_start_matches(['A', 'a'])
            .trim_start_matches(['.', ' ']);
        if number.starts_with(|c: char| c.is_ascii_digit()) {
            let id = annex_a_control_id_checked(number);
            if let Some(id) = id.filter(|id| self.controls.contains_key(id.as_str())) {
                return Ok(id);
            }
        }
        Err(format!("there is no control {text:?} in this workspace"))
    }
}

fn annex_a_control_id_checked(number: &str) -> Option<ControlId> {
    ControlId::try_new(number)
        .ok()
        .map(|_| annex_a_control_id(number))
}

/// An id or a name of one of `ids`; blank gives `None`.
pub(super) fn resolve<'a>(
    cell: &str,
    ids: &HashSet<&'a str>,
    names: &HashMap<String, Vec<&'a str>>,
    what: &str,
    register: &str,
) -> Result<Option<&'a str>, String> {
    let text = cell.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if let Some(id) = ids.get(text) {
        return Ok(Some(id));
    }
    match names.get(&text.to_lowercase()).map(Vec::as_slice) {
        Some([id]) => Ok(Some(id)),
        Some(several) => Err(format!(
            "{} {register} are called {text:?} ({}); use the id",
            several.len(),
            several.join(", ")
        )),
        None => Err(format!("there is no {what} with the id or name {text:?}")),
    }
}

pub(super) fn date_cell(date: &Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

pub(super) fn parse_date(cell: &str) -> Result<Option<Date>, String> {
    let text = cell.trim();
    if text.is_empty() {
        return Ok(None);
    }
    // Accept a date-time such as "2026-11-22T00:00:00" or "2026-11-22 00:00".
    let day = text
        .get(..10)
        .filter(|_| text.len() == 10 || matches!(text.as_bytes().get(10), Some(b'T' | b' ')));
    day.and_then(Date::parse)
        .map(Some)
        .ok_or_else(|| format!("{text:?} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-22"))
}

/// A level of a scale by number or label.
pub(super) fn parse_level(
    cell: &str,
    scale: &crate::methodology::Scale,
    what: &str,
) -> Result<u8, String> {
    let text = cell.trim();
    let count = scale.len();
    let number = text
        .parse::<f64>()
        .ok()
        .filter(|n| n.fract() == 0.0 && *n >= 1.0 && *n <= count as f64)
        .map(|n| n as u8);
    number
        .or_else(|| {
            scale
                .levels()
                .iter()
                .position(|l| l.label.trim().eq_ignore_ascii_case(text))
                .map(|i| i as u8 + 1)
        })
        .ok_or_else(|| {
            format!("{text:?} is not on the {what} scale; use a number from 1 to {count} or a level name")
        })
}

pub(super) fn parse_percent(cell: &str) -> Result<Percent, String> {
    let text = cell.trim().trim_end_matches('%').trim();
    if text.is_empty() {
        return Ok(Percent::ZERO);
    }
    text.parse::<u8>()
        .ok()
        .and_then(Percent::checked_new)
        .ok_or_else(|| format!("{:?} is not a percentage from 0 to 100", cell.trim()))
}

/// How CSV spells the values of an enum: the engine's key table (`ALL`,
/// `name()`) with spaces for underscores ("in treatment"), except where
/// `written` gives CSV's own spelling, plus `aliases` that are read but never
/// written. Reading ignores case, spaces, `_` and `-`.
pub(super) struct Choices<T: 'static> {
    pub(super) all: &'static [T],
    pub(super) name: fn(T) -> &'static str,
    pub(super) written: &'static [(T, &'static str)],
    pub(super) aliases: &'static [(T, &'static str)],
    /// What a value is, for messages: "treatment decision".
    pub(super) what: &'static str,
}

impl<T> Choices<T> {
    /// Choices spelled only as the engine's keys, with no spellings or
    /// aliases of CSV's own.
    pub(super) const fn keys(
        all: &'static [T],
        name: fn(T) -> &'static str,
        what: &'static str,
    ) -> Self {
        Choices {
            all,
            name,
            written: &[],
            aliases: &[],
            what,
        }
    }
}

impl<T: Copy + PartialEq> Choices<T> {
    /// The spelling CSV writes for `value`.
    pub(super) fn write(&self, value: T) -> String {
        self.written
            .iter()
            .find(|(v, _)| *v == value)
            .map(|(_, spelling)| (*spelling).to_owned())
            .unwrap_or_else(|| (self.name)(value).replace('_', " "))
    }

    /// Every spelling read, in the order messages list them: the written
    /// ones, the engine's keys that differ from them, then the aliases.
    pub(super) fn spellings(&self) -> Vec<(T, String)> {
        let written = self.all.iter().map(|&value| (value, self.write(value)));
        let keys = self.all.iter().filter_map(|&value| {
            let key = (self.name)(value);
            (normalise(key) != normalise(&self.write(value)))
                .then(|| (value, key.replace('_', " ")))
        });
        let aliases = self
            .aliases
            .iter()
            .map(|&(value, alias)| (value, alias.to_owned()));
        written.chain(keys).chain(aliases).collect()
    }

    /// The value spelled `cell`, or `blank` when the cell is empty.
    pub(super) fn parse_or(&self, cell: &str, blank: T) -> Result<T, String> {
        if cell.trim().is_empty() {
            Ok(blank)
        } else {
            self.parse(cell)
        }
    }

    /// The value spelled `cell`.
    pub(super) fn parse(&self, cell: &str) -> Result<T, String> {
        let wanted = normalise(cell);
        let spellings = self.spellings();
        spellings
            .iter()
            .find(|(_, spelling)| normalise(spelling) == wanted)
            .map(|(value, _)| *value)
            .ok_or_else(|| {
                let names: Vec<&str> = spellings.iter().map(|(_, n)| n.as_str()).collect();
                let what = self.what;
                let article = if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                };
                format!(
                    "{:?} is not {article} {what}; use one of: {}",
                    cell.trim(),
                    names.join(", ")
                )
            })
    }
}

pub(super) const ASSET_KINDS: Choices<AssetKind> =
    Choices::keys(&AssetKind::ALL, AssetKind::name, "type of asset");

pub(super) const DECISIONS: Choices<TreatmentDecision> = Choices::keys(
    &TreatmentDecision::ALL,
    TreatmentDecision::name,
    "treatment decision",
);

pub(super) const RISK_STATUSES: Choices<RiskStatus> =
    Choices::keys(&RiskStatus::ALL, RiskStatus::name, "risk status");

pub(super) const APPLICABILITY: Choices<Applicability> = Choices {
    all: &Applicability::ALL,
    name: Applicability::name,
    written: &[],
    aliases: &[
        (Applicability::Applicable, "yes"),
        (Applicability::Excluded, "no"),
        (Applicability::Applicable, "included"),
    ],
    what: "applicability",
};

pub(super) const IMPLEMENTATION: Choices<ImplementationStatus> = Choices {
    all: &ImplementationStatus::ALL,
    name: ImplementationStatus::name,
    written: &[(ImplementationStatus::Partial, "partially implemented")],
    aliases: &[],
    what: "implementation status",
};

pub(super) const REASONS: Choices<InclusionReason> = Choices {
    all: &InclusionReason::ALL,
    name: InclusionReason::name,
    written: &[],
    aliases: &[
        (InclusionReason::LegalOrRegulatory, "legal"),
        (InclusionReason::LegalOrRegulatory, "regulatory"),
    ],
    what: "reason for inclusion",
};

pub(super) fn parse_properties(cell: &str) -> Result<PropertySet, String> {
    let mut set = PropertySet::EMPTY;
    for token in cell
        .split([';', ',', ' ', '/', '+'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let lower = token.to_lowercase();
        match Property::ALL
            .iter()
            .find(|p| p.name() == lower || (lower == "confidential" && p.name() == "confidentiality"))
        {
            Some(property) => set.insert(*property),
            // "CIA", "CI", "a": the initials.
            None if lower.chars().all(|c| matches!(c, 'c' | 'i' | 'a')) => {
                for c in lower.chars() {
                    set.insert(match c {
                        'c' => Property::Confidentiality,
                        'i' => Property::Integrity,
                        _ => Property::Availability,
                    });
                }
            }
            None => {
                return Err(format!(
                    "{token:?} is not a security property; use confidentiality, integrity, availability (or C, I, A)"
                ))
            }
        }
    }
    Ok(set)
}

pub(super) fn join_list<T: fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}
