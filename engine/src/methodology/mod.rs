//! Risk criteria: the likelihood and impact scales, the risk matrix that maps a
//! (likelihood, impact) cell to a risk level, the levels themselves and the
//! risk appetite (ISO/IEC 27005 "risk acceptance criteria").
//!
//! A [`Methodology`] is always internally consistent: every constructor checks
//! that the scales have 3 to 10 levels, that the matrix covers every cell and
//! only names levels that exist, and that the appetite is one of the levels.

use crate::model::key_table;
use serde::{Deserialize, Serialize};
use std::fmt;

mod presets;
pub use presets::Preset;

/// Fewest levels a likelihood or impact scale may have.
pub const MIN_SCALE_LEVELS: usize = 3;
/// Most levels a likelihood or impact scale may have.
pub const MAX_SCALE_LEVELS: usize = 10;

/// A likelihood rating: 1 is the least likely level of the scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Likelihood(u8);

/// An impact rating: 1 is the mildest level of the scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Impact(u8);

macro_rules! rating {
    ($name:ident, $what:literal) => {
        impl $name {
            /// The rating `value` (1-based), if it can sit on some scale (1 to 10).
            /// Whether it fits a particular scale is checked by
            /// [`Scale::contains`].
            pub fn checked_new(value: u8) -> Option<Self> {
                (1..=MAX_SCALE_LEVELS as u8)
                    .contains(&value)
                    .then_some(Self(value))
            }

            /// The 1-based value.
            pub fn get(self) -> u8 {
                self.0
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let value = u8::deserialize(d)?;
                Self::checked_new(value).ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        concat!($what, " must be between 1 and {}, got {}"),
                        MAX_SCALE_LEVELS, value
                    ))
                })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}
rating!(Likelihood, "likelihood");
rating!(Impact, "impact");

/// Position of a risk level in the methodology's ordered list of levels:
/// 0 is the lowest (most acceptable) level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RiskLevel(pub(crate) u8);

impl RiskLevel {
    /// The level at 0-based position `index`, for building a methodology
    /// (its appetite, its cell table). Whether the methodology has that many
    /// levels is checked by [`Methodology::try_new`]; to look a level up in
    /// an existing methodology use [`Methodology::risk_level`].
    pub fn from_index(index: usize) -> Option<Self> {
        u8::try_from(index).ok().map(RiskLevel)
    }

    /// The 0-based position of this level, lowest first.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One step of a likelihood or impact scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleLevel {
    /// Short name of the level, such as "Likely", shown in the matrix and forms.
    pub label: String,
    /// What the level means in practice, such as "once a year or more".
    pub description: String,
}

/// An ordered scale of 3 to 10 levels, mildest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Scale(Vec<ScaleLevel>);

impl Scale {
    /// A scale from its levels, mildest first.
    pub fn try_new(levels: Vec<ScaleLevel>) -> Result<Self, MethodologyError> {
        if !(MIN_SCALE_LEVELS..=MAX_SCALE_LEVELS).contains(&levels.len()) {
            return Err(MethodologyError::ScaleSize(levels.len()));
        }
        if let Some(position) = levels.iter().position(|l| l.label.trim().is_empty()) {
            return Err(MethodologyError::EmptyLabel(position + 1));
        }
        Ok(Self(levels))
    }

    /// Number of levels.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always false: a scale has at least [`MIN_SCALE_LEVELS`] levels.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The levels, mildest first.
    pub fn levels(&self) -> &[ScaleLevel] {
        &self.0
    }

    /// Whether the 1-based rating `value` is on this scale.
    pub fn contains(&self, value: u8) -> bool {
        value >= 1 && (value as usize) <= self.0.len()
    }

    /// The level with 1-based rating `value`.
    pub fn level(&self, value: u8) -> Option<&ScaleLevel> {
        (value as usize)
            .checked_sub(1)
            .and_then(|index| self.0.get(index))
    }
}

impl<'de> Deserialize<'de> for Scale {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Scale::try_new(Vec::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// A named risk level with the colour the app paints it in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelDefinition {
    /// Name of the risk level, such as "High".
    pub name: String,
    /// CSS colour as `#rrggbb`.
    pub colour: String,
}

/// How the score of a cell is formed before it is banded into a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Combine {
    /// score = likelihood x impact
    Product,
    /// score = likelihood + impact
    Sum,
}

key_table!(Combine {
    Product => "product",
    Sum => "sum",
});

impl Combine {
    fn score(self, likelihood: u8, impact: u8) -> u32 {
        match self {
            Combine::Product => u32::from(likelihood) * u32::from(impact),
            Combine::Sum => u32::from(likelihood) + u32::from(impact),
        }
    }
}

/// The risk matrix: how a (likelihood, impact) cell becomes a risk level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Matrix {
    /// Score the cell with `combine`, then take the first level whose band's
    /// upper bound (inclusive) is at least the score. `band_upper_bounds` has
    /// one entry per level, strictly increasing, and the last covers the
    /// highest possible score.
    Formula {
        /// How likelihood and impact combine into a score (product or sum).
        combine: Combine,
        /// Inclusive upper score bound of each risk level, lowest level first.
        band_upper_bounds: Vec<u32>,
    },
    /// `cells[likelihood - 1][impact - 1]` is the 0-based level index.
    Table {
        /// One row per likelihood level, one column per impact level.
        cells: Vec<Vec<u8>>,
    },
}

/// Multipliers that say how much of a control's effectiveness counts at each
/// implementation status (PRODUCT.md 3.2). Each lies in `[0, 1]`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ImplementationFactors {
    /// Factor for a control not started; 0 by default.
    pub not_started: f64,
    /// Factor for a planned control; 0 by default.
    pub planned: f64,
    /// Factor for a partly implemented control; 0.5 by default.
    pub partial: f64,
    /// Factor for a fully implemented control; 1 by default.
    pub implemented: f64,
}

impl Default for ImplementationFactors {
    fn default() -> Self {
        Self {
            not_started: 0.0,
            planned: 0.0,
            partial: 0.5,
            implemented: 1.0,
        }
    }
}

/// How strongly a control type acts on likelihood and on impact, each in
/// `[0, 1]` (PRODUCT.md 3.2).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AxisWeights {
    /// Weight on likelihood (w_L), in `[0, 1]`.
    pub likelihood: f64,
    /// Weight on impact (w_I), in `[0, 1]`.
    pub impact: f64,
}

/// Axis weights per control type.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ControlTypeWeights {
    /// Weights of preventive controls; default likelihood 1, impact 0.
    pub preventive: AxisWeights,
    /// Weights of detective controls; default likelihood 0.5, impact 0.5.
    pub detective: AxisWeights,
    /// Weights of corrective controls; default likelihood 0, impact 1.
    pub corrective: AxisWeights,
}

impl Default for ControlTypeWeights {
    fn default() -> Self {
        Self {
            preventive: AxisWeights {
                likelihood: 1.0,
                impact: 0.0,
            },
            detective: AxisWeights {
                likelihood: 0.5,
                impact: 0.5,
            },
            corrective: AxisWeights {
                likelihood: 0.0,
                impact: 1.0,
            },
        }
    }
}

/// Why a methodology was refused. Each message says what to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MethodologyError {
    /// A scale has fewer than 3 or more than 10 levels.
    ScaleSize(usize),
    /// A scale level (1-based) has no label.
    EmptyLabel(usize),
    /// No risk levels, or more than the matrix can name.
    LevelCount(usize),
    /// A band list whose length differs from the number of levels.
    BandCount {
        /// Number of band upper bounds given.
        bands: usize,
        /// Number of risk levels defined.
        levels: usize,
    },
    /// Band upper bounds that do not strictly increase.
    BandsNotIncreasing,
    /// The last band stops below the highest score a cell can have.
    BandsTooShort {
        /// The last band's upper bound.
        last: u32,
        /// The highest score a cell can reach with these scales.
        highest_score: u32,
    },
    /// A cell table whose shape is not likelihood levels x impact levels.
    TableShape,
    /// A cell table naming a level that does not exist.
    UnknownLevel {
        /// The cell's likelihood, 1-based.
        likelihood: usize,
        /// The cell's impact, 1-based.
        impact: usize,
    },
    /// An appetite beyond the last level.
    AppetiteOutOfRange(u8),
    /// A colour that is not `#rrggbb`.
    BadColour(String),
    /// An implementation factor or control-type weight outside `[0, 1]`.
    FactorOutOfRange(&'static str),
}

impl fmt::Display for MethodologyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ScaleSize(n) => write!(
                f,
                "a scale needs between {MIN_SCALE_LEVELS} and {MAX_SCALE_LEVELS} levels, this one has {n}"
            ),
            Self::EmptyLabel(position) => write!(f, "level {position} of the scale has no label"),
            Self::LevelCount(n) => write!(f, "a methodology needs between 1 and 16 risk levels, this one has {n}"),
            Self::BandCount { bands, levels } => write!(
                f,
                "the matrix has {bands} bands but there are {levels} risk levels; give one band per level"
            ),
            Self::BandsNotIncreasing => write!(f, "band upper bounds must increase from one level to the next"),
            Self::BandsTooShort { last, highest_score } => write!(
                f,
                "the last band stops at {last} but a cell can score {highest_score}; raise the last bound"
            ),
            Self::TableShape => write!(
                f,
                "the matrix table must have one row per likelihood level and one column per impact level"
            ),
            Self::UnknownLevel { likelihood, impact } => write!(
                f,
                "the matrix cell at likelihood {likelihood}, impact {impact} names a risk level that does not exist"
            ),
            Self::AppetiteOutOfRange(level) => {
                write!(f, "the risk appetite names level {} which does not exist", level + 1)
            }
            Self::BadColour(colour) => write!(f, "colour {colour:?} is not of the form #rrggbb"),
            Self::FactorOutOfRange(which) => write!(f, "{which} must lie between 0 and 1"),
        }
    }
}

impl std::error::Error for MethodologyError {}

/// The full set of risk criteria one workspace scores with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "MethodologyFields", into = "MethodologyFields")]
pub struct Methodology {
    fields: MethodologyFields,
}

/// The plain fields of a [`Methodology`], for construction and serialisation.
/// Turn them into a methodology with [`Methodology::try_new`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MethodologyFields {
    /// Name of the methodology, such as "ISO 27005 5x5".
    pub name: String,
    /// Likelihood scale, 3 to 10 levels, lowest first.
    pub likelihood_scale: Scale,
    /// Impact scale, 3 to 10 levels, lowest first.
    pub impact_scale: Scale,
    /// Risk levels, lowest first, with name and colour.
    pub levels: Vec<LevelDefinition>,
    /// How each (likelihood, impact) cell maps to a risk level.
    pub matrix: Matrix,
    /// Highest level that may be accepted without further treatment.
    pub appetite: RiskLevel,
    /// How much of a control's effectiveness counts at each implementation status.
    #[serde(default)]
    pub implementation_factors: ImplementationFactors,
    /// How strongly each control type reduces likelihood and impact.
    #[serde(default)]
    pub control_type_weights: ControlTypeWeights,
    /// ISO 4217 code used for quantitative figures.
    #[serde(default = "default_currency")]
    pub currency: String,
}

fn default_currency() -> String {
    "EUR".to_owned()
}

impl TryFrom<MethodologyFields> for Methodology {
    type Error = MethodologyError;
    fn try_from(fields: MethodologyFields) -> Result<Self, Self::Error> {
        Methodology::try_new(fields)
    }
}

impl From<Methodology> for MethodologyFields {
    fn from(methodology: Methodology) -> Self {
        methodology.fields
    }
}

fn is_hex_colour(colour: &str) -> bool {
    let bytes = colour.as_bytes();
    bytes.len() == 7 && bytes[0] == b'#' && bytes[1..].iter().all(u8::is_ascii_hexdigit)
}

impl Methodology {
    /// Checks `fields` and builds the methodology.
    pub fn try_new(fields: MethodologyFields) -> Result<Self, MethodologyError> {
        let level_count = fields.levels.len();
        if level_count == 0 || level_count > 16 {
            return Err(MethodologyError::LevelCount(level_count));
        }
        if let Some(bad) = fields.levels.iter().find(|l| !is_hex_colour(&l.colour)) {
            return Err(MethodologyError::BadColour(bad.colour.clone()));
        }
        if fields.appetite.index() >= level_count {
            return Err(MethodologyError::AppetiteOutOfRange(fields.appetite.0));
        }
        let rows = fields.likelihood_scale.len();
        let columns = fields.impact_scale.len();
        match &fields.matrix {
            Matrix::Formula {
                combine,
                band_upper_bounds,
            } => {
                if band_upper_bounds.len() != level_count {
                    return Err(MethodologyError::BandCount {
                        bands: band_upper_bounds.len(),
                        levels: level_count,
                    });
                }
                if band_upper_bounds.windows(2).any(|w| w[0] >= w[1]) {
                    return Err(MethodologyError::BandsNotIncreasing);
                }
                let highest_score = combine.score(rows as u8, columns as u8);
                let last = *band_upper_bounds.last().expect("level_count > 0");
                if last < highest_score {
                    return Err(MethodologyError::BandsTooShort {
                        last,
                        highest_score,
                    });
                }
            }
            Matrix::Table { cells } => {
                if cells.len() != rows || cells.iter().any(|row| row.len() != columns) {
                    return Err(MethodologyError::TableShape);
                }
                for (l, row) in cells.iter().enumerate() {
                    for (i, &level) in row.iter().enumerate() {
                        if level as usize >= level_count {
                            return Err(MethodologyError::UnknownLevel {
                                likelihood: l + 1,
                                impact: i + 1,
                            });
                        }
                    }
                }
            }
        }
        let factors = &fields.implementation_factors;
        for (value, name) in [
            (factors.not_started, "the factor for 'not started'"),
            (factors.planned, "the factor for 'planned'"),
            (factors.partial, "the factor for 'partially implemented'"),
            (factors.implemented, "the factor for 'implemented'"),
        ] {
            if !(0.0..=1.0).contains(&value) {
                return Err(MethodologyError::FactorOutOfRange(name));
            }
        }
        let weights = &fields.control_type_weights;
        for (axis, name) in [
            (weights.preventive, "the preventive weights"),
            (weights.detective, "the detective weights"),
            (weights.corrective, "the corrective weights"),
        ] {
            if !(0.0..=1.0).contains(&axis.likelihood) || !(0.0..=1.0).contains(&axis.impact) {
                return Err(MethodologyError::FactorOutOfRange(name));
            }
        }
        Ok(Self { fields })
    }

    /// The plain fields, for editing a copy and building a new methodology.
    pub fn fields(&self) -> &MethodologyFields {
        &self.fields
    }

    /// Name of the methodology, such as "ISO 27005 5x5".
    pub fn name(&self) -> &str {
        &self.fields.name
    }

    /// The likelihood scale, lowest level first.
    pub fn likelihood_scale(&self) -> &Scale {
        &self.fields.likelihood_scale
    }

    /// The impact scale, lowest level first.
    pub fn impact_scale(&self) -> &Scale {
        &self.fields.impact_scale
    }

    /// The risk levels, lowest first.
    pub fn levels(&self) -> &[LevelDefinition] {
        &self.fields.levels
    }

    /// How each (likelihood, impact) cell maps to a risk level.
    pub fn matrix(&self) -> &Matrix {
        &self.fields.matrix
    }

    /// The highest level that may be accepted.
    pub fn appetite(&self) -> RiskLevel {
        self.fields.appetite
    }

    /// Factors per implementation status, each in `[0, 1]`.
    pub fn implementation_factors(&self) -> &ImplementationFactors {
        &self.fields.implementation_factors
    }

    /// Likelihood and impact weights per control type.
    pub fn control_type_weights(&self) -> &ControlTypeWeights {
        &self.fields.control_type_weights
    }

    /// ISO 4217 currency code for quantitative figures, such as `EUR`.
    pub fn currency(&self) -> &str {
        &self.fields.currency
    }

    /// The likelihood rating `value`, if it is on this methodology's scale.
    pub fn likelihood(&self, value: u8) -> Option<Likelihood> {
        self.likelihood_scale()
            .contains(value)
            .then_some(Likelihood(value))
    }

    /// The impact rating `value`, if it is on this methodology's scale.
    pub fn impact(&self, value: u8) -> Option<Impact> {
        self.impact_scale().contains(value).then_some(Impact(value))
    }

    /// The risk level of a matrix cell. Ratings beyond the scales are clamped
    /// to the top level of the scale, so a level is always returned.
    pub fn level(&self, likelihood: Likelihood, impact: Impact) -> RiskLevel {
        let l = likelihood.0.min(self.likelihood_scale().len() as u8);
        let i = impact.0.min(self.impact_scale().len() as u8);
        match &self.fields.matrix {
            Matrix::Formula {
                combine,
                band_upper_bounds,
            } => {
                let score = combine.score(l, i);
                let index = band_upper_bounds
                    .iter()
                    .position(|&upper| score <= upper)
                    .unwrap_or(band_upper_bounds.len() - 1);
                RiskLevel(index as u8)
            }
            Matrix::Table { cells } => RiskLevel(cells[l as usize - 1][i as usize - 1]),
        }
    }

    /// Name and colour of `level`.
    pub fn level_definition(&self, level: RiskLevel) -> &LevelDefinition {
        let last = self.fields.levels.len() - 1;
        &self.fields.levels[level.index().min(last)]
    }

    /// Whether `level` is above the risk appetite (needs treatment).
    pub fn above_appetite(&self, level: RiskLevel) -> bool {
        level > self.fields.appetite
    }

    /// The risk level with 0-based position `index`, if it exists.
    pub fn risk_level(&self, index: usize) -> Option<RiskLevel> {
        (index < self.fields.levels.len()).then_some(RiskLevel(index as u8))
    }
}

impl Default for Methodology {
    /// The ISO 27005-style 5x5 preset.
    fn default() -> Self {
        Preset::Iso27005FiveByFive.methodology()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(m: &Methodology, l: u8, i: u8) -> String {
        let level = m.level(m.likelihood(l).unwrap(), m.impact(i).unwrap());
        m.level_definition(level).name.clone()
    }

    #[test]
    fn a_level_from_an_index_is_checked_by_the_methodology() {
        assert_eq!(RiskLevel::from_index(300), None);
        let mut fields = Methodology::default().fields().clone();
        fields.appetite = RiskLevel::from_index(2).unwrap();
        let m = Methodology::try_new(fields.clone()).expect("level 3 of 4 exists");
        assert_eq!(m.appetite().index(), 2);
        fields.appetite = RiskLevel::from_index(7).unwrap();
        assert!(
            Methodology::try_new(fields).is_err(),
            "there is no 8th level"
        );
    }

    #[test]
    fn default_is_iso_style_sum_matrix() {
        let m = Methodology::default();
        assert_eq!(m.likelihood_scale().len(), 5);
        assert_eq!(m.impact_scale().len(), 5);
        assert_eq!(cell(&m, 1, 1), "Low");
        assert_eq!(cell(&m, 1, 3), "Low");
        assert_eq!(cell(&m, 3, 3), "Medium");
        assert_eq!(cell(&m, 2, 5), "High");
        assert_eq!(cell(&m, 4, 5), "Very high");
        assert_eq!(cell(&m, 5, 5), "Very high");
        assert_eq!(m.level_definition(m.appetite()).name, "Medium");
    }

    #[test]
    fn product_preset_uses_published_bands() {
        let m = Preset::ProductFiveByFive.methodology();
        assert_eq!(cell(&m, 2, 2), "Low"); // 4
        assert_eq!(cell(&m, 1, 5), "Medium"); // 5
        assert_eq!(cell(&m, 3, 3), "Medium"); // 9
        assert_eq!(cell(&m, 2, 5), "High"); // 10
        assert_eq!(cell(&m, 4, 4), "High"); // 16
        assert_eq!(cell(&m, 3, 5), "High"); // 15
        assert_eq!(cell(&m, 4, 5), "Very high"); // 20
    }

    #[test]
    fn every_cell_of_every_preset_has_a_level() {
        for preset in Preset::ALL {
            let m = preset.methodology();
            let mut previous_row: Option<Vec<RiskLevel>> = None;
            for l in 1..=m.likelihood_scale().len() as u8 {
                let row: Vec<RiskLevel> = (1..=m.impact_scale().len() as u8)
                    .map(|i| m.level(m.likelihood(l).unwrap(), m.impact(i).unwrap()))
                    .collect();
                assert!(row.iter().all(|level| level.index() < m.levels().len()));
                // Levels never fall as impact or likelihood rise.
                assert!(row.windows(2).all(|w| w[0] <= w[1]), "{preset:?} row {l}");
                if let Some(previous) = &previous_row {
                    assert!(previous.iter().zip(&row).all(|(a, b)| a <= b), "{preset:?}");
                }
                previous_row = Some(row);
            }
        }
    }

    #[test]
    fn ratings_outside_the_scale_are_refused() {
        let m = Preset::ThreeByThree.methodology();
        assert!(m.likelihood(0).is_none());
        assert!(m.likelihood(4).is_none());
        assert!(m.impact(3).is_some());
        assert!(Likelihood::checked_new(11).is_none());
    }

    #[test]
    fn invalid_methodologies_are_refused_with_a_reason() {
        let mut fields = Methodology::default().fields().clone();
        fields.matrix = Matrix::Formula {
            combine: Combine::Product,
            band_upper_bounds: vec![4, 9, 16, 20],
        };
        let error = Methodology::try_new(fields.clone()).unwrap_err();
        assert_eq!(
            error,
            MethodologyError::BandsTooShort {
                last: 20,
                highest_score: 25
            }
        );
        assert!(error.to_string().contains("raise the last bound"));

        fields.matrix = Matrix::Table {
            cells: vec![vec![0; 5]; 4],
        };
        assert_eq!(
            Methodology::try_new(fields.clone()).unwrap_err(),
            MethodologyError::TableShape
        );

        let mut fields = Methodology::default().fields().clone();
        fields.appetite = RiskLevel(4);
        assert!(matches!(
            Methodology::try_new(fields).unwrap_err(),
            MethodologyError::AppetiteOutOfRange(4)
        ));

        let mut fields = Methodology::default().fields().clone();
        fields.levels[0].colour = "green".into();
        assert!(matches!(
            Methodology::try_new(fields).unwrap_err(),
            MethodologyError::BadColour(_)
        ));
    }

    #[test]
    fn json_round_trip_keeps_the_methodology_and_rejects_bad_ones() {
        for preset in Preset::ALL {
            let m = preset.methodology();
            let json = serde_json::to_string(&m).unwrap();
            let back: Methodology = serde_json::from_str(&json).unwrap();
            assert_eq!(back, m);
        }
        let mut value = serde_json::to_value(Methodology::default()).unwrap();
        value["appetite"] = serde_json::json!(9);
        let error = serde_json::from_value::<Methodology>(value).unwrap_err();
        assert!(error.to_string().contains("appetite"), "{error}");
    }
}
