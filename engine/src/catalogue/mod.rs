//! Built-in content: the 93 ISO/IEC 27001:2022 Annex A controls with an
//! attribute classification of our own, and starter threat and vulnerability
//! catalogues (our own wording).

mod threats;

pub(crate) use threats::{starter_threats, starter_vulnerabilities};

use crate::model::{
    Concept, ConceptSet, Control, ControlId, ControlSource, ControlType, ControlTypeSet,
    ImplementationStatus, Percent, Property, PropertySet, Theme,
};

/// Id, title, theme and "new in 2022" flag of the Annex A controls, as
/// published (tab-separated, header first).
const ANNEX_A_TSV: &str = include_str!("annex-a-2022.tsv");

/// Our classification of each control: types, properties, concepts and a
/// default effectiveness.
const ATTRIBUTES: &str = include_str!("attributes.txt");

/// Number of Annex A 2022 controls.
pub const ANNEX_A_CONTROL_COUNT: usize = 93;

/// One Annex A control as published plus our default attributes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AnnexAControl {
    /// "5.1" to "8.34".
    pub number: &'static str,
    pub title: &'static str,
    pub theme: Theme,
    pub new_in_2022: bool,
}

/// The Annex A controls in document order.
pub(crate) fn annex_a() -> Vec<AnnexAControl> {
    ANNEX_A_TSV
        .lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let mut fields = line.split('\t');
            let number = fields.next().unwrap_or_default().trim();
            let title = fields.next().unwrap_or_default().trim();
            let theme = match fields.next().unwrap_or_default().trim() {
                "Organizational" => Theme::Organizational,
                "People" => Theme::People,
                "Physical" => Theme::Physical,
                _ => Theme::Technological,
            };
            let new_in_2022 = fields.next().unwrap_or_default().trim() == "yes";
            AnnexAControl {
                number,
                title,
                theme,
                new_in_2022,
            }
        })
        .collect()
}

/// The id the workspace gives Annex A control `number` ("5.1" -> "A.5.1").
pub fn annex_a_control_id(number: &str) -> ControlId {
    ControlId::try_new(format!("A.{number}")).expect("Annex A numbers make valid ids")
}

struct Attributes {
    types: ControlTypeSet,
    properties: PropertySet,
    concepts: ConceptSet,
    effectiveness: Percent,
}

fn attributes_of(number: &str) -> Attributes {
    let line = ATTRIBUTES
        .lines()
        .filter(|line| !line.starts_with('#'))
        .find(|line| line.split_whitespace().next() == Some(number));
    let mut fields = line.unwrap_or_default().split_whitespace().skip(1);
    let mut types = ControlTypeSet::EMPTY;
    for c in fields.next().unwrap_or("p").chars() {
        types.insert(match c {
            'd' => ControlType::Detective,
            'r' => ControlType::Corrective,
            _ => ControlType::Preventive,
        });
    }
    let mut properties = PropertySet::EMPTY;
    for c in fields.next().unwrap_or("cia").chars() {
        properties.insert(match c {
            'c' => Property::Confidentiality,
            'i' => Property::Integrity,
            _ => Property::Availability,
        });
    }
    let mut concepts = ConceptSet::EMPTY;
    for name in fields.next().unwrap_or("protect").split(',') {
        concepts.insert(Concept::from_name(name).unwrap_or(Concept::Protect));
    }
    let effectiveness = fields
        .next()
        .and_then(|v| v.parse().ok())
        .and_then(Percent::checked_new)
        .unwrap_or(Percent::checked_new(50).expect("50 is a percentage"));
    Attributes {
        types,
        properties,
        concepts,
        effectiveness,
    }
}

/// The 93 Annex A controls as workspace controls, not started, with our
/// default classification and effectiveness.
pub(crate) fn annex_a_controls() -> Vec<Control> {
    annex_a()
        .into_iter()
        .map(|c| {
            let a = attributes_of(c.number);
            Control {
                id: annex_a_control_id(c.number),
                title: c.title.to_owned(),
                source: ControlSource::AnnexA2022,
                theme: c.theme,
                description: String::new(),
                types: a.types,
                properties: a.properties,
                concepts: a.concepts,
                effectiveness: a.effectiveness,
                status: ImplementationStatus::NotStarted,
                owner: None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annex_a_has_93_classified_controls() {
        let controls = annex_a_controls();
        assert_eq!(controls.len(), ANNEX_A_CONTROL_COUNT);
        let classified: Vec<&str> = ATTRIBUTES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        assert_eq!(classified.len(), 93);
        for number in annex_a().iter().map(|c| c.number) {
            assert!(classified.contains(&number), "{number} unclassified");
        }
        let themes = |t| controls.iter().filter(|c| c.theme == t).count();
        assert_eq!(themes(Theme::Organizational), 37);
        assert_eq!(themes(Theme::People), 8);
        assert_eq!(themes(Theme::Physical), 14);
        assert_eq!(themes(Theme::Technological), 34);
        assert_eq!(annex_a().iter().filter(|c| c.new_in_2022).count(), 11);
        assert_eq!(controls[0].id.as_str(), "A.5.1");
        let backup = controls.iter().find(|c| c.id.as_str() == "A.8.13").unwrap();
        assert!(backup.types.contains(ControlType::Corrective));
        assert_eq!(backup.effectiveness.get(), 80);
    }
}
