//! The methodology as being edited: text where the user types, checked when built.

use super::*;
use crate::components::FieldErrors;
use engine::{
    AxisWeights, Combine, ControlTypeWeights, ImplementationFactors, LevelDefinition, Matrix,
    Methodology, MethodologyFields, Scale, ScaleLevel,
};

/// The methodology as edited: numbers stay text until built, so a half-typed
/// value shows a message instead of being lost.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Draft {
    pub(super) name: String,
    pub(super) likelihood: Vec<ScaleLevel>,
    pub(super) impact: Vec<ScaleLevel>,
    pub(super) levels: Vec<LevelDefinition>,
    pub(super) formula: bool,
    pub(super) combine: Combine,
    pub(super) bands: Vec<String>,
    pub(super) cells: Vec<Vec<u8>>,
    pub(super) appetite: usize,
    /// Not started, planned, partial, implemented.
    pub(super) factors: [String; 4],
    /// Preventive, detective, corrective; likelihood then impact each.
    pub(super) weights: [String; 6],
    pub(super) currency: String,
}

pub(super) const FACTOR_NAMES: [&str; 4] = [
    "Not started",
    "Planned",
    "Partially implemented",
    "Implemented",
];
pub(super) const WEIGHT_NAMES: [&str; 6] = [
    "Preventive, on likelihood",
    "Preventive, on impact",
    "Detective, on likelihood",
    "Detective, on impact",
    "Corrective, on likelihood",
    "Corrective, on impact",
];

pub(super) fn number(value: f64) -> String {
    format!("{value}")
}

impl Draft {
    pub(super) fn from_methodology(m: &Methodology) -> Self {
        let rows = m.likelihood_scale().len() as u8;
        let columns = m.impact_scale().len() as u8;
        // The cell table that the current matrix amounts to, so switching to
        // a table starts from the same picture.
        let cells = (1..=rows)
            .map(|l| {
                (1..=columns)
                    .map(|i| match (m.likelihood(l), m.impact(i)) {
                        (Some(l), Some(i)) => m.level(l, i).index() as u8,
                        _ => 0,
                    })
                    .collect()
            })
            .collect();
        let (formula, combine, bands) = match m.matrix() {
            Matrix::Formula {
                combine,
                band_upper_bounds,
            } => (
                true,
                *combine,
                band_upper_bounds.iter().map(u32::to_string).collect(),
            ),
            Matrix::Table { .. } => (
                false,
                Combine::Product,
                even_bands(Combine::Product, rows, columns, m.levels().len()),
            ),
        };
        let f = m.implementation_factors();
        let w = m.control_type_weights();
        Draft {
            name: m.name().to_owned(),
            likelihood: m.likelihood_scale().levels().to_vec(),
            impact: m.impact_scale().levels().to_vec(),
            levels: m.levels().to_vec(),
            formula,
            combine,
            bands,
            cells,
            appetite: m.appetite().index(),
            factors: [f.not_started, f.planned, f.partial, f.implemented].map(number),
            weights: [
                w.preventive.likelihood,
                w.preventive.impact,
                w.detective.likelihood,
                w.detective.impact,
                w.corrective.likelihood,
                w.corrective.impact,
            ]
            .map(number),
            currency: m.currency().to_owned(),
        }
    }

    /// Keeps the cell table, the bands and the appetite in step with the
    /// number of scale levels and risk levels.
    pub(super) fn reshape(&mut self) {
        let rows = self.likelihood.len();
        let columns = self.impact.len();
        let top = self.levels.len().saturating_sub(1) as u8;
        self.cells.resize_with(rows, Vec::new);
        for row in &mut self.cells {
            let last = row.last().copied().unwrap_or(0);
            row.resize(columns, last);
            for cell in row.iter_mut() {
                *cell = (*cell).min(top);
            }
        }
        if self.bands.len() != self.levels.len() {
            self.bands = even_bands(self.combine, rows as u8, columns as u8, self.levels.len());
        }
        self.appetite = self.appetite.min(top as usize);
    }

    /// The methodology, or the first problem found, keyed by the part of
    /// the form at fault (`currency` is a field; the other keys name a
    /// section, and the preview lists every message).
    pub(super) fn build(&self) -> Result<Methodology, FieldErrors> {
        let likelihood_scale = Scale::try_new(self.likelihood.clone())
            .map_err(|e| FieldErrors::one("likelihood", format!("Likelihood scale: {e}.")))?;
        let impact_scale = Scale::try_new(self.impact.clone())
            .map_err(|e| FieldErrors::one("impact", format!("Impact scale: {e}.")))?;
        let matrix = if self.formula {
            let bands = self
                .bands
                .iter()
                .enumerate()
                .map(|(i, text)| {
                    text.trim().parse::<u32>().map_err(|_| {
                        FieldErrors::one(
                            "bands",
                            format!("The upper bound of level {} must be a whole number.", i + 1),
                        )
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            Matrix::Formula {
                combine: self.combine,
                band_upper_bounds: bands,
            }
        } else {
            Matrix::Table {
                cells: self.cells.clone(),
            }
        };
        let decimal = |text: &str, what: &str, part: &'static str| {
            text.trim().parse::<f64>().map_err(|_| {
                FieldErrors::one(part, format!("{what} must be a number between 0 and 1."))
            })
        };
        let f = &self.factors;
        let factors = ImplementationFactors {
            not_started: decimal(
                &f[0],
                "The factor for \u{201c}not started\u{201d}",
                "factors",
            )?,
            planned: decimal(&f[1], "The factor for \u{201c}planned\u{201d}", "factors")?,
            partial: decimal(
                &f[2],
                "The factor for \u{201c}partially implemented\u{201d}",
                "factors",
            )?,
            implemented: decimal(
                &f[3],
                "The factor for \u{201c}implemented\u{201d}",
                "factors",
            )?,
        };
        let w = &self.weights;
        let mut parsed = [0.0; 6];
        for (slot, (text, name)) in parsed.iter_mut().zip(w.iter().zip(WEIGHT_NAMES)) {
            *slot = decimal(
                text,
                &format!("The weight \u{201c}{name}\u{201d}"),
                "weights",
            )?;
        }
        let axis = |l: f64, i: f64| AxisWeights {
            likelihood: l,
            impact: i,
        };
        let currency = self.currency.trim().to_uppercase();
        if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(FieldErrors::one(
                "currency",
                "The currency must be a three-letter code such as EUR or USD.",
            ));
        }
        let appetite = risk_level(self.appetite).map_err(|e| FieldErrors::one("appetite", e))?;
        Methodology::try_new(MethodologyFields {
            name: self.name.trim().to_owned(),
            likelihood_scale,
            impact_scale,
            levels: self.levels.clone(),
            matrix,
            appetite,
            implementation_factors: factors,
            control_type_weights: ControlTypeWeights {
                preventive: axis(parsed[0], parsed[1]),
                detective: axis(parsed[2], parsed[3]),
                corrective: axis(parsed[4], parsed[5]),
            },
            currency,
        })
        .map_err(|e| {
            let text = e.to_string();
            let mut chars = text.chars();
            let sentence = match chars.next() {
                Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
                None => text,
            };
            FieldErrors::one("methodology", sentence)
        })
    }
}
