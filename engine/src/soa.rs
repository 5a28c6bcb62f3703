//! Statement of Applicability coverage analytics (PRODUCT.md 3.5).

use crate::assess::{ControlTable, Links, RiskAssessment};
use crate::model::{
    Applicability, Concept, ControlId, ControlType, InclusionReason, Property, RiskId, Theme,
    TreatmentDecision, Workspace,
};
use serde::Serialize;

/// Implementation progress of a group of applicable controls.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupProgress {
    /// The group's name: a theme, control type, security property or concept key, such as `technological`.
    pub group: String,
    /// Number of applicable controls in the group.
    pub applicable: u32,
    /// Mean implementation factor of the group's applicable controls, 0 to 1.
    pub progress: f64,
}

/// An excluded control that risks still rely on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExcludedReliance {
    /// The excluded control, such as `A.5.23`.
    pub control: ControlId,
    /// The open risks that link it.
    pub risks: Vec<RiskId>,
}

/// The parts of the readiness figure, each 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ReadinessParts {
    /// Controls with an SoA decision / all controls.
    pub decided: f64,
    /// Mean implementation factor of applicable controls.
    pub implementation: f64,
    /// Open risks whose current residual is within appetite or that carry an
    /// acceptance record / open risks (1 when there are none).
    pub risks_treated: f64,
    /// Excluded controls with a justification / excluded controls (1 when
    /// none are excluded).
    pub exclusions_justified: f64,
}

/// SoA coverage figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SoaCoverage {
    /// All controls in the workspace (93 Annex A plus custom).
    pub controls: u32,
    /// Controls marked applicable in the SoA.
    pub applicable: u32,
    /// Controls marked excluded in the SoA.
    pub excluded: u32,
    /// Controls with no SoA decision yet.
    pub undecided: u32,
    /// Mean implementation factor over applicable controls, 0 to 1.
    pub implementation_progress: f64,
    /// Progress per Annex A theme.
    pub by_theme: Vec<GroupProgress>,
    /// Progress per control type (preventive, detective, corrective).
    pub by_control_type: Vec<GroupProgress>,
    /// Progress per security property (confidentiality, integrity, availability).
    pub by_property: Vec<GroupProgress>,
    /// Progress per cybersecurity concept.
    pub by_concept: Vec<GroupProgress>,
    /// Open risks above appetite (inherent) to be mitigated, with no
    /// applicable control linked.
    pub uncovered_risks: Vec<RiskId>,
    /// Applicable controls with no linked risk and no inclusion reason other
    /// than risk treatment.
    pub unjustified_applicable: Vec<ControlId>,
    /// Excluded controls that risks rely on (an error).
    pub excluded_but_relied_on: Vec<ExcludedReliance>,
    /// Excluded controls without an exclusion justification.
    pub missing_justifications: Vec<ControlId>,
    /// Certification readiness in percent: the mean of the four
    /// [`ReadinessParts`] times 100.
    pub readiness: f64,
    /// The four parts the readiness figure averages.
    pub readiness_parts: ReadinessParts,
}

struct Accumulator {
    count: u32,
    sum: f64,
}

fn progress(group: &str, acc: &Accumulator) -> GroupProgress {
    GroupProgress {
        group: group.to_owned(),
        applicable: acc.count,
        progress: if acc.count == 0 {
            0.0
        } else {
            acc.sum / f64::from(acc.count)
        },
    }
}

pub(crate) fn coverage(
    workspace: &Workspace,
    table: &ControlTable<'_>,
    risks: &[RiskAssessment],
    links: &Links,
) -> SoaCoverage {
    let mut applicable = 0;
    let mut excluded = 0;
    let mut undecided = 0;
    let new_acc = || Accumulator { count: 0, sum: 0.0 };
    let mut overall = new_acc();
    let mut themes: Vec<Accumulator> = Theme::ALL.iter().map(|_| new_acc()).collect();
    let mut types: Vec<Accumulator> = ControlType::ALL.iter().map(|_| new_acc()).collect();
    let mut properties: Vec<Accumulator> = Property::ALL.iter().map(|_| new_acc()).collect();
    let mut concepts: Vec<Accumulator> = Concept::ALL.iter().map(|_| new_acc()).collect();

    // How many open risks rely on each control, and which for excluded
    // controls (the only ones whose list is reported), by table position:
    // counting through `links` needs no lookups by id.
    let mut relied_on = vec![0u32; table.states.len()];
    let mut excluded_relied_on: Vec<Vec<&RiskId>> = vec![Vec::new(); table.states.len()];
    for (i, assessment) in risks.iter().enumerate() {
        if assessment.closed {
            continue;
        }
        for &position in links.of(i) {
            relied_on[position] += 1;
            if table.states[position].applicability == Applicability::Excluded {
                excluded_relied_on[position].push(&assessment.risk);
            }
        }
    }
    // Links point at the first control of an id; a duplicated id shares it.
    let canonical = |id: &ControlId| table.index[id.as_str()];

    let mut unjustified_applicable = Vec::new();
    let mut excluded_but_relied_on = Vec::new();
    let mut missing_justifications = Vec::new();
    let mut justified = 0;
    for state in &table.states {
        let control = state.control;
        match state.applicability {
            Applicability::Applicable => {
                applicable += 1;
                let f = state.current_factor;
                for acc in std::iter::once(&mut overall).chain(std::iter::once(
                    &mut themes[Theme::ALL
                        .iter()
                        .position(|t| *t == control.theme)
                        .unwrap_or(0)],
                )) {
                    acc.count += 1;
                    acc.sum += f;
                }
                for (i, t) in ControlType::ALL.iter().enumerate() {
                    if control.types.contains(*t) {
                        types[i].count += 1;
                        types[i].sum += f;
                    }
                }
                for (i, p) in Property::ALL.iter().enumerate() {
                    if control.properties.contains(*p) {
                        properties[i].count += 1;
                        properties[i].sum += f;
                    }
                }
                for (i, c) in Concept::ALL.iter().enumerate() {
                    if control.concepts.contains(*c) {
                        concepts[i].count += 1;
                        concepts[i].sum += f;
                    }
                }
                let other_reason = state.soa.is_some_and(|e| {
                    e.reasons
                        .iter()
                        .any(|r| *r != InclusionReason::RiskTreatment)
                });
                if relied_on[canonical(&control.id)] == 0 && !other_reason {
                    unjustified_applicable.push(control.id.clone());
                }
            }
            Applicability::Excluded => {
                excluded += 1;
                let risks = &excluded_relied_on[canonical(&control.id)];
                if !risks.is_empty() {
                    excluded_but_relied_on.push(ExcludedReliance {
                        control: control.id.clone(),
                        risks: risks.iter().map(|r| (*r).clone()).collect(),
                    });
                }
                if state
                    .soa
                    .is_some_and(|e| !e.exclusion_justification.trim().is_empty())
                {
                    justified += 1;
                } else {
                    missing_justifications.push(control.id.clone());
                }
            }
            Applicability::Undecided => undecided += 1,
        }
    }

    let mut uncovered_risks = Vec::new();
    let mut open = 0u32;
    let mut treated = 0u32;
    // Assessments are in register order.
    for (i, (risk, assessment)) in workspace.risks.iter().zip(risks).enumerate() {
        if assessment.closed {
            continue;
        }
        open += 1;
        let accepted = risk.acceptance.is_some();
        if !assessment.current_above_appetite || accepted {
            treated += 1;
        }
        let to_mitigate = matches!(
            assessment.decision,
            TreatmentDecision::Undecided | TreatmentDecision::Mitigate
        );
        if assessment.inherent_above_appetite && to_mitigate {
            let covered = links
                .of(i)
                .iter()
                .any(|&p| table.states[p].applicability == Applicability::Applicable);
            if !covered {
                uncovered_risks.push(assessment.risk.clone());
            }
        }
    }

    let total = table.states.len() as u32;
    let ratio = |part: u32, whole: u32| {
        if whole == 0 {
            1.0
        } else {
            f64::from(part) / f64::from(whole)
        }
    };
    let implementation_progress = if overall.count == 0 {
        0.0
    } else {
        overall.sum / f64::from(overall.count)
    };
    let parts = ReadinessParts {
        decided: if total == 0 {
            0.0
        } else {
            ratio(applicable + excluded, total)
        },
        implementation: implementation_progress,
        risks_treated: ratio(treated, open),
        exclusions_justified: ratio(justified, excluded),
    };
    SoaCoverage {
        controls: total,
        applicable,
        excluded,
        undecided,
        implementation_progress,
        by_theme: Theme::ALL
            .iter()
            .zip(&themes)
            .filter(|(t, acc)| **t != Theme::Custom || acc.count > 0)
            .map(|(t, acc)| progress(t.name(), acc))
            .collect(),
        by_control_type: ControlType::ALL
            .iter()
            .zip(&types)
            .map(|(t, acc)| progress(t.name(), acc))
            .collect(),
        by_property: Property::ALL
            .iter()
            .zip(&properties)
            .map(|(p, acc)| progress(p.name(), acc))
            .collect(),
        by_concept: Concept::ALL
            .iter()
            .zip(&concepts)
            .map(|(c, acc)| progress(c.name(), acc))
            .collect(),
        uncovered_risks,
        unjustified_applicable,
        excluded_but_relied_on,
        missing_justifications,
        readiness: 100.0
            * (parts.decided
                + parts.implementation
                + parts.risks_treated
                + parts.exclusions_justified)
            / 4.0,
        readiness_parts: parts,
    }
}
