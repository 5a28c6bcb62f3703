//! Scoring (PRODUCT.md 3.1): the inherent rating of a risk, heat maps and
//! level distributions.

use crate::methodology::{Impact, Likelihood, Methodology, RiskLevel};
use crate::model::{Asset, AssetId, Property, Risk};
use serde::Serialize;

/// A (likelihood, impact) pair with the risk level the matrix gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rating {
    /// Likelihood on the methodology's scale, 1 = lowest.
    pub likelihood: Likelihood,
    /// Impact on the methodology's scale, 1 = lowest.
    pub impact: Impact,
    /// The risk level the matrix gives the cell.
    pub level: RiskLevel,
}

impl Rating {
    /// Rates the cell (likelihood, impact) under `methodology`.
    pub fn new(methodology: &Methodology, likelihood: Likelihood, impact: Impact) -> Self {
        Rating {
            likelihood,
            impact,
            level: methodology.level(likelihood, impact),
        }
    }
}

/// Where a risk's inherent impact comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImpactSource {
    /// The risk states its impact.
    Stated,
    /// The highest valuation of an affected property over the risk's assets:
    /// this asset's valuation of this property.
    AssetValuation {
        /// The asset whose valuation was taken, such as `A-0012`.
        asset: AssetId,
        /// The affected property with the highest valuation.
        property: Property,
    },
    /// No asset valuation applies (no assets or no affected property): the
    /// lowest impact is assumed and a finding is raised.
    Lowest,
}

/// The inherent impact of `risk`: stated, or else
/// `max over assets a, affected properties p of valuation(a, p)`.
/// `assets` are the risk's assets that exist, in link order (the caller has
/// resolved the ids once for this and the integrity checks).
pub(crate) fn inherent_impact<'a>(
    risk: &Risk,
    assets: impl IntoIterator<Item = &'a Asset>,
) -> (Impact, ImpactSource) {
    if let Some(impact) = risk.impact {
        return (impact, ImpactSource::Stated);
    }
    let mut best: Option<(Impact, &AssetId, Property)> = None;
    for asset in assets {
        for property in risk.properties.iter() {
            let value = asset.valuation.of(property);
            if best.is_none_or(|(b, _, _)| value > b) {
                best = Some((value, &asset.id, property));
            }
        }
    }
    match best {
        Some((impact, asset, property)) => (
            impact,
            ImpactSource::AssetValuation {
                asset: asset.clone(),
                property,
            },
        ),
        None => (
            Impact::checked_new(1).expect("1 is on every scale"),
            ImpactSource::Lowest,
        ),
    }
}

/// Counts of risks per matrix cell: `cells[likelihood - 1][impact - 1]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeatMap {
    /// One row per likelihood level, one column per impact level, lowest first.
    pub cells: Vec<Vec<u32>>,
}

impl HeatMap {
    /// An empty heat map shaped like the methodology's matrix.
    pub fn empty(methodology: &Methodology) -> Self {
        HeatMap {
            cells: vec![
                vec![0; methodology.impact_scale().len()];
                methodology.likelihood_scale().len()
            ],
        }
    }

    /// Counts `rating` in its cell.
    pub fn add(&mut self, rating: &Rating) {
        let row = usize::from(rating.likelihood.get() - 1);
        let column = usize::from(rating.impact.get() - 1);
        if let Some(cell) = self.cells.get_mut(row).and_then(|r| r.get_mut(column)) {
            *cell += 1;
        }
    }

    /// The number of risks in the cell (likelihood, impact).
    pub fn count(&self, likelihood: Likelihood, impact: Impact) -> u32 {
        self.cells
            .get(usize::from(likelihood.get() - 1))
            .and_then(|r| r.get(usize::from(impact.get() - 1)))
            .copied()
            .unwrap_or(0)
    }
}

/// Number of risks at each level, lowest level first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelDistribution {
    /// Number of risks at each level, lowest level first.
    pub counts: Vec<u32>,
    /// Risks above the appetite.
    pub above_appetite: u32,
}

impl LevelDistribution {
    /// A distribution with a zero count for every level of the methodology.
    pub fn empty(methodology: &Methodology) -> Self {
        LevelDistribution {
            counts: vec![0; methodology.levels().len()],
            above_appetite: 0,
        }
    }

    /// Counts one risk at `level`, and as above appetite when it is.
    pub fn add(&mut self, methodology: &Methodology, level: RiskLevel) {
        if let Some(count) = self.counts.get_mut(level.index()) {
            *count += 1;
        }
        if methodology.above_appetite(level) {
            self.above_appetite += 1;
        }
    }
}
