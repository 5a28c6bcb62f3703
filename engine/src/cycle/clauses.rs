//! The management-system requirements of clauses 4 to 10, as a built-in
//! catalogue, and the organisation's assessment of each (the gap analysis).
//!
//! The catalogue gives each requirement its number, a short title and a
//! one-line summary written for this tool in plain words; it does not quote
//! the standard. The workspace stores only the assessments, keyed by clause
//! number, so the catalogue can be reworded without touching stored data.

use crate::model::key_table;
use crate::model::{ClauseId, PersonId};
use serde::{Deserialize, Serialize};

/// The phase of the Plan-Do-Check-Act cycle a requirement belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Context, leadership, planning and support (clauses 4 to 7).
    Plan,
    /// Operation (clause 8).
    Do,
    /// Performance evaluation (clause 9).
    Check,
    /// Improvement (clause 10).
    Act,
}

key_table!(Phase {
    Plan => "plan",
    Do => "do",
    Check => "check",
    Act => "act",
});

/// One requirement of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ClauseRequirement {
    /// The clause number, e.g. "6.1.2"; also the key of its assessment.
    pub number: &'static str,
    /// A short title of our own.
    pub title: &'static str,
    /// One line, in our own words, on what an auditor expects to find.
    pub summary: &'static str,
    /// Where the requirement sits in the PDCA cycle.
    pub phase: Phase,
}

const fn requirement(
    number: &'static str,
    title: &'static str,
    summary: &'static str,
    phase: Phase,
) -> ClauseRequirement {
    ClauseRequirement {
        number,
        title,
        summary,
        phase,
    }
}

const CATALOGUE: &[ClauseRequirement] = &[
    requirement("4.1", "Organisation and its context", "Know the internal and external matters that shape what the ISMS must achieve.", Phase::Plan),
    requirement("4.2", "Interested parties", "List who has a stake in information security and which of their needs the ISMS takes on.", Phase::Plan),
    requirement("4.3", "ISMS scope", "Write down the boundaries of the ISMS, its interfaces and dependencies, and keep that statement available.", Phase::Plan),
    requirement("4.4", "The ISMS itself", "Set up, run, keep up and keep improving the ISMS with its processes and how they interact.", Phase::Plan),
    requirement("5.1", "Leadership and commitment", "Top management visibly backs the ISMS, gives it resources and ties it into the business.", Phase::Plan),
    requirement("5.2", "Security policy", "An approved policy that fits the organisation, sets the frame for objectives and is communicated.", Phase::Plan),
    requirement("5.3", "Roles and responsibilities", "Security roles are assigned, understood and reported on to top management.", Phase::Plan),
    requirement("6.1.1", "Planning for risks and opportunities", "Plan how the ISMS deals with what could stop it working or help it work better.", Phase::Plan),
    requirement("6.1.2", "Risk assessment process", "A repeatable way to find, analyse and rate security risks against set criteria, with owners.", Phase::Plan),
    requirement("6.1.3", "Risk treatment process", "Choose treatments, compare the controls with Annex A, keep a Statement of Applicability and an approved plan.", Phase::Plan),
    requirement("6.2", "Security objectives", "Measurable objectives with owners, resources, deadlines and a way to judge the results.", Phase::Plan),
    requirement("6.3", "Planning changes", "Changes to the ISMS are thought through and carried out in a controlled way.", Phase::Plan),
    requirement("7.1", "Resources", "The people, money and tools the ISMS needs are identified and provided.", Phase::Plan),
    requirement("7.2", "Competence", "People doing security work have the skills they need, and there is proof of it.", Phase::Plan),
    requirement("7.3", "Awareness", "Staff know the policy, their part in the ISMS and what happens if rules are ignored.", Phase::Plan),
    requirement("7.4", "Communication", "It is settled what is communicated about security, when, to whom and by whom.", Phase::Plan),
    requirement("7.5.1", "Documented information: what to keep", "The ISMS keeps the documents and records it needs to work and to show that it works.", Phase::Plan),
    requirement("7.5.2", "Documented information: creating and updating", "Documents carry an identity, a suitable format and an approval before use.", Phase::Plan),
    requirement("7.5.3", "Documented information: control", "Documents are available where needed, protected, versioned, retained and disposed of under control.", Phase::Plan),
    requirement("8.1", "Operational planning and control", "Security processes run as planned, outsourced parts included, with evidence that they did.", Phase::Do),
    requirement("8.2", "Risk assessment in operation", "Risk assessments are carried out at planned times and after major changes, and recorded.", Phase::Do),
    requirement("8.3", "Risk treatment in operation", "The treatment plan is carried out and its results are recorded.", Phase::Do),
    requirement("9.1", "Monitoring and measurement", "Decide what to measure, how and when, then analyse the results and keep them.", Phase::Check),
    requirement("9.2.1", "Internal audit: purpose", "Audits at planned intervals show whether the ISMS meets its own and the standard's requirements.", Phase::Check),
    requirement("9.2.2", "Internal audit: programme", "An audit programme with scope, criteria and impartial auditors, whose results reach management.", Phase::Check),
    requirement("9.3.1", "Management review: timing", "Top management reviews the ISMS at planned intervals to keep it suitable and effective.", Phase::Check),
    requirement("9.3.2", "Management review: inputs", "The review looks at earlier actions, changes, performance, feedback, risks and improvement chances.", Phase::Check),
    requirement("9.3.3", "Management review: results", "The review ends in recorded decisions on improvements and on needed changes to the ISMS.", Phase::Check),
    requirement("10.1", "Continual improvement", "The ISMS keeps getting more suitable, adequate and effective over time.", Phase::Act),
    requirement("10.2", "Nonconformity and corrective action", "Problems are corrected, their causes removed so they do not recur, and the fix is checked.", Phase::Act),
];

/// The built-in requirements of clauses 4 to 10, in clause order (30
/// requirements; 7.5, 9.2 and 9.3 split into their sub-clauses).
pub fn clause_catalogue() -> &'static [ClauseRequirement] {
    CATALOGUE
}

/// The catalogue entry of clause `number`, if there is one.
pub fn clause_requirement(number: &str) -> Option<&'static ClauseRequirement> {
    CATALOGUE.iter().find(|c| c.number == number)
}

/// How far a clause's requirement is met.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ClauseStatus {
    /// Nothing in place yet.
    #[default]
    NotStarted,
    /// Some of it is in place.
    PartiallyMet,
    /// Fully in place, with evidence.
    FullyMet,
    /// Does not apply to this ISMS (rare for clauses 4 to 10; say why in
    /// the notes).
    NotApplicable,
}

key_table!(ClauseStatus {
    NotStarted => "not_started",
    PartiallyMet => "partially_met",
    FullyMet => "fully_met",
    NotApplicable => "not_applicable",
});

impl ClauseStatus {
    /// The share of the requirement met, 0 to 1: not started 0, partially
    /// met 0.5, fully met 1; `None` for not applicable (left out).
    pub fn score(self) -> Option<f64> {
        match self {
            ClauseStatus::NotStarted => Some(0.0),
            ClauseStatus::PartiallyMet => Some(0.5),
            ClauseStatus::FullyMet => Some(1.0),
            ClauseStatus::NotApplicable => None,
        }
    }
}

/// The organisation's assessment of one clause of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClauseAssessment {
    /// The clause number, one of the catalogue's.
    pub clause: ClauseId,
    /// How far the requirement is met.
    #[serde(default)]
    pub status: ClauseStatus,
    /// Where the proof is: documents, records, links.
    #[serde(default)]
    pub evidence: String,
    /// Who answers for the clause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<PersonId>,
    /// Anything else: gaps, plans, why not applicable.
    #[serde(default)]
    pub notes: String,
}

impl ClauseAssessment {
    /// A not-started assessment of `clause` with nothing else filled in.
    pub fn new(clause: ClauseId) -> Self {
        ClauseAssessment {
            clause,
            status: ClauseStatus::NotStarted,
            evidence: String::new(),
            owner: None,
            notes: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_covers_clauses_4_to_10_once_each_in_order() {
        let numbers: Vec<&str> = clause_catalogue().iter().map(|c| c.number).collect();
        assert_eq!(numbers.len(), 30);
        assert_eq!(numbers.first(), Some(&"4.1"));
        assert_eq!(numbers.last(), Some(&"10.2"));
        let key = |n: &str| -> Vec<u32> { n.split('.').map(|p| p.parse().unwrap()).collect() };
        for pair in numbers.windows(2) {
            assert!(key(pair[0]) < key(pair[1]), "{pair:?} in order");
        }
        for c in clause_catalogue() {
            assert!(ClauseId::try_new(c.number).is_ok());
            assert!(!c.title.is_empty() && c.summary.len() > 30, "{}", c.number);
            assert!(c.summary.len() < 130, "{} is one line", c.number);
        }
        assert_eq!(clause_requirement("6.1.3").unwrap().phase, Phase::Plan);
        assert_eq!(clause_requirement("10.2").unwrap().phase, Phase::Act);
        assert!(clause_requirement("11.1").is_none());
    }

    #[test]
    fn scores_rise_with_the_status() {
        assert_eq!(ClauseStatus::NotStarted.score(), Some(0.0));
        assert!(ClauseStatus::PartiallyMet.score() < ClauseStatus::FullyMet.score());
        assert_eq!(ClauseStatus::NotApplicable.score(), None);
    }
}
