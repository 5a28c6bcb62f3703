//! Input sensitivity: how far the portfolio ALE moves when one input goes
//! to the low or the high end of its estimate (a tornado chart).
//!
//! Computed from the exact means (ALE = sum of E[T] E[V] E[L]), not by
//! re-simulating, so every bar is free of noise and explainable: fixing
//! factor X of risk i at x changes the portfolio ALE by
//! `(x - E[X]) * (product of the other two means of risk i)`.

use crate::model::key_table;
use serde::Serialize;

use super::error::{InputFactor, QuantError};
use super::risk::RiskInput;

/// What a bar moves: one factor of one risk, or all three factors of a risk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TornadoGrouping {
    /// One bar per factor of each risk.
    PerFactor,
    /// One bar per risk, all its factors low together / high together.
    PerRisk,
}

key_table!(TornadoGrouping {
    PerFactor => "per_factor",
    PerRisk => "per_risk",
});

/// One bar of the tornado chart.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct TornadoBar {
    /// Index of the risk in the input.
    pub risk: usize,
    /// The factor moved, or `None` when all three are (per-risk grouping).
    pub factor: Option<InputFactor>,
    /// Portfolio ALE with the input(s) at their low values.
    pub expected_loss_at_low: f64,
    /// Portfolio ALE with the input(s) at their high values.
    pub expected_loss_at_high: f64,
}

impl TornadoBar {
    /// Width of the bar: `expected_loss_at_high - expected_loss_at_low`.
    pub fn swing(&self) -> f64 {
        self.expected_loss_at_high - self.expected_loss_at_low
    }
}

/// The portfolio's exact ALE, `sum_i E[T_i] E[V_i] E[L_i]` after reductions.
pub(crate) fn expected_portfolio_loss(risks: &[RiskInput]) -> f64 {
    risks.iter().map(RiskInput::expected_annual_loss).sum()
}

/// Tornado bars sorted by decreasing swing (ties keep input order), with the
/// baseline portfolio ALE they swing around.
pub fn tornado(
    risks: &[RiskInput],
    grouping: TornadoGrouping,
) -> Result<(f64, Vec<TornadoBar>), QuantError> {
    for (index, risk) in risks.iter().enumerate() {
        risk.validate("tornado", index)?;
    }
    let baseline = expected_portfolio_loss(risks);
    let mut bars = Vec::new();
    for (index, risk) in risks.iter().enumerate() {
        let estimates = risk.effective_estimates();
        let means = estimates.map(|estimate| estimate.mean());
        let risk_loss: f64 = means.iter().product();
        match grouping {
            TornadoGrouping::PerFactor => {
                for (position, factor) in InputFactor::ALL.into_iter().enumerate() {
                    let others: f64 = (0..3)
                        .filter(|&other| other != position)
                        .map(|other| means[other])
                        .product();
                    bars.push(TornadoBar {
                        risk: index,
                        factor: Some(factor),
                        expected_loss_at_low: baseline - risk_loss
                            + estimates[position].low * others,
                        expected_loss_at_high: baseline - risk_loss
                            + estimates[position].high * others,
                    });
                }
            }
            TornadoGrouping::PerRisk => {
                let low: f64 = estimates.iter().map(|e| e.low).product();
                let high: f64 = estimates.iter().map(|e| e.high).product();
                bars.push(TornadoBar {
                    risk: index,
                    factor: None,
                    expected_loss_at_low: baseline - risk_loss + low,
                    expected_loss_at_high: baseline - risk_loss + high,
                });
            }
        }
    }
    bars.sort_by(|a, b| b.swing().total_cmp(&a.swing()));
    Ok((baseline, bars))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quant::pert::ThreePointEstimate;

    #[test]
    fn bars_are_hand_computable_and_sorted() {
        // Risk 0: means T 2, V 0.5, L 1000 -> ALE 1000. Risk 1: constant 10 x 1 x 10 = 100.
        let risks = vec![
            RiskInput::new(
                ThreePointEstimate::new(1.0, 2.0, 3.0),
                ThreePointEstimate::new(0.3, 0.5, 0.7),
                ThreePointEstimate::new(400.0, 1000.0, 1600.0),
            ),
            RiskInput::new(
                ThreePointEstimate::exactly(10.0),
                ThreePointEstimate::exactly(1.0),
                ThreePointEstimate::exactly(10.0),
            ),
        ];
        let (baseline, bars) = tornado(&risks, TornadoGrouping::PerFactor).unwrap();
        assert!((baseline - 1100.0).abs() < 1e-9);
        // Loss magnitude of risk 0: 100 + 2 * 0.5 * {400, 1600}.
        let top = bars[0];
        assert_eq!(
            (top.risk, top.factor),
            (0, Some(InputFactor::LossMagnitude))
        );
        assert!((top.expected_loss_at_low - 500.0).abs() < 1e-9);
        assert!((top.expected_loss_at_high - 1700.0).abs() < 1e-9);
        assert!(bars
            .windows(2)
            .all(|pair| pair[0].swing() >= pair[1].swing()));
        let (_, per_risk) = tornado(&risks, TornadoGrouping::PerRisk).unwrap();
        // 100 + 1 * 0.3 * 400 and 100 + 3 * 0.7 * 1600.
        assert!((per_risk[0].expected_loss_at_low - 220.0).abs() < 1e-9);
        assert!((per_risk[0].expected_loss_at_high - 3460.0).abs() < 1e-9);
        assert_eq!(per_risk[1].swing(), 0.0);
    }
}
