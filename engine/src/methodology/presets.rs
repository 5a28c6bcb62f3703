//! The built-in methodologies a workspace can start from, and their scales.

use super::*;
use crate::model::key_table;
use serde::{Deserialize, Serialize};

/// The methodologies shipped with the product (PRODUCT.md section 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    /// 3x3 cell table, three levels.
    ThreeByThree,
    /// 4x4 cell table after the BSI 200-3 style, four levels.
    BsiFourByFour,
    /// 5x5, likelihood + impact banded into four levels (default).
    Iso27005FiveByFive,
    /// 5x5, likelihood x impact with bands 1-4, 5-9, 10-16, 17-25.
    ProductFiveByFive,
}

// The default first.
key_table!(Preset {
    Iso27005FiveByFive => "iso27005_five_by_five",
    ProductFiveByFive => "product_five_by_five",
    BsiFourByFour => "bsi_four_by_four",
    ThreeByThree => "three_by_three",
});

impl Preset {
    /// Human name of the preset.
    pub fn title(self) -> &'static str {
        match self {
            Preset::ThreeByThree => "3x3 simple",
            Preset::BsiFourByFour => "4x4 (BSI style)",
            Preset::Iso27005FiveByFive => "5x5 (ISO 27005 style)",
            Preset::ProductFiveByFive => "5x5 product with bands",
        }
    }

    /// The preset as a ready methodology.
    pub fn methodology(self) -> Methodology {
        let fields = match self {
            Preset::ThreeByThree => MethodologyFields {
                name: self.title().to_owned(),
                likelihood_scale: scale(&[
                    ("Unlikely", "Not expected in the next three years."),
                    ("Possible", "Could happen once in the next three years."),
                    ("Likely", "Expected at least once a year."),
                ]),
                impact_scale: scale(&[
                    ("Minor", "Little effect; handled in day-to-day work."),
                    (
                        "Moderate",
                        "Noticeable harm to operations, finances or reputation.",
                    ),
                    (
                        "Severe",
                        "Serious, lasting harm; legal or regulatory consequences.",
                    ),
                ]),
                levels: three_levels(),
                matrix: Matrix::Table {
                    cells: vec![vec![0, 0, 1], vec![0, 1, 2], vec![1, 2, 2]],
                },
                appetite: RiskLevel(0),
                implementation_factors: ImplementationFactors::default(),
                control_type_weights: ControlTypeWeights::default(),
                currency: default_currency(),
            },
            Preset::BsiFourByFour => MethodologyFields {
                name: self.title().to_owned(),
                likelihood_scale: scale(&[
                    ("Rare", "At most once every five years."),
                    ("Medium", "Once every one to five years."),
                    ("Frequent", "Once a month to once a year."),
                    ("Very frequent", "Several times a month."),
                ]),
                impact_scale: scale(&[
                    ("Negligible", "Effects are limited and easily absorbed."),
                    ("Limited", "Effects are limited and manageable."),
                    ("Considerable", "Effects can be considerable."),
                    (
                        "Existential",
                        "Effects threaten the organisation's existence.",
                    ),
                ]),
                levels: four_levels(),
                matrix: Matrix::Table {
                    cells: vec![
                        vec![0, 0, 1, 2],
                        vec![0, 1, 2, 3],
                        vec![1, 1, 2, 3],
                        vec![1, 2, 3, 3],
                    ],
                },
                appetite: RiskLevel(1),
                implementation_factors: ImplementationFactors::default(),
                control_type_weights: ControlTypeWeights::default(),
                currency: default_currency(),
            },
            Preset::Iso27005FiveByFive => MethodologyFields {
                name: self.title().to_owned(),
                likelihood_scale: five_likelihoods(),
                impact_scale: five_impacts(),
                levels: four_levels(),
                matrix: Matrix::Formula {
                    combine: Combine::Sum,
                    band_upper_bounds: vec![4, 6, 8, 10],
                },
                appetite: RiskLevel(1),
                implementation_factors: ImplementationFactors::default(),
                control_type_weights: ControlTypeWeights::default(),
                currency: default_currency(),
            },
            Preset::ProductFiveByFive => MethodologyFields {
                name: self.title().to_owned(),
                likelihood_scale: five_likelihoods(),
                impact_scale: five_impacts(),
                levels: four_levels(),
                matrix: Matrix::Formula {
                    combine: Combine::Product,
                    band_upper_bounds: vec![4, 9, 16, 25],
                },
                appetite: RiskLevel(1),
                implementation_factors: ImplementationFactors::default(),
                control_type_weights: ControlTypeWeights::default(),
                currency: default_currency(),
            },
        };
        Methodology::try_new(fields).expect("built-in presets are valid")
    }
}

pub(super) fn scale(levels: &[(&str, &str)]) -> Scale {
    Scale::try_new(
        levels
            .iter()
            .map(|(label, description)| ScaleLevel {
                label: (*label).to_owned(),
                description: (*description).to_owned(),
            })
            .collect(),
    )
    .expect("built-in scales are valid")
}

pub(super) fn five_likelihoods() -> Scale {
    scale(&[
        (
            "Rare",
            "May happen only in exceptional circumstances; less than once in ten years.",
        ),
        (
            "Unlikely",
            "Could happen at some time; about once in three to ten years.",
        ),
        (
            "Possible",
            "Might happen; about once in one to three years.",
        ),
        ("Likely", "Will probably happen; about once a year."),
        ("Almost certain", "Expected to happen several times a year."),
    ])
}

pub(super) fn five_impacts() -> Scale {
    scale(&[
        (
            "Negligible",
            "No noticeable effect on operations, customers or compliance.",
        ),
        (
            "Minor",
            "Short disruption or small loss, handled within the team.",
        ),
        (
            "Moderate",
            "Disruption of a key process, a reportable incident or a loss management must know of.",
        ),
        (
            "Major",
            "Serious harm to customers, finances or reputation; regulator involvement likely.",
        ),
        (
            "Severe",
            "Threatens the organisation's survival, safety of people or its licence to operate.",
        ),
    ])
}

pub(super) fn level(name: &str, colour: &str) -> LevelDefinition {
    LevelDefinition {
        name: name.to_owned(),
        colour: colour.to_owned(),
    }
}

pub(super) fn three_levels() -> Vec<LevelDefinition> {
    vec![
        level("Low", "#3f9b4f"),
        level("Medium", "#e0a72e"),
        level("High", "#c9372c"),
    ]
}

pub(super) fn four_levels() -> Vec<LevelDefinition> {
    vec![
        level("Low", "#3f9b4f"),
        level("Medium", "#e0c02e"),
        level("High", "#e07b2e"),
        level("Very high", "#c9372c"),
    ]
}
