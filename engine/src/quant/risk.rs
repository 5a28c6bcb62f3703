//! The quantitative description of one risk, the effect of controls on it,
//! and scenarios (the same risks with other figures or controls).

use crate::model::key_table;
use serde::{Deserialize, Serialize};

use super::error::{InputFactor, QuantError};
use super::pert::ThreePointEstimate;

/// FAIR-lite inputs of one risk. Annual loss = TEF x V x LM, each factor a
/// BetaPERT over its estimate (after the control reductions).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RiskInput {
    /// Threat events per year (not negative).
    pub threat_event_frequency: ThreePointEstimate,
    /// Probability that a threat event causes a loss (in [0, 1]).
    pub vulnerability: ThreePointEstimate,
    /// Loss per loss event, in the workspace's currency (not negative).
    pub loss_magnitude: ThreePointEstimate,
    /// Share of vulnerability and of loss magnitude removed by controls.
    #[serde(default)]
    pub reduction: Reduction,
}

impl RiskInput {
    /// A risk without control reductions.
    pub fn new(
        threat_event_frequency: ThreePointEstimate,
        vulnerability: ThreePointEstimate,
        loss_magnitude: ThreePointEstimate,
    ) -> Self {
        Self {
            threat_event_frequency,
            vulnerability,
            loss_magnitude,
            reduction: Reduction::NONE,
        }
    }

    /// The same risk with `reduction` in place of its current one.
    pub fn with_reduction(mut self, reduction: Reduction) -> Self {
        self.reduction = reduction;
        self
    }

    /// The three factors as simulated: vulnerability scaled by
    /// `1 - reduction.vulnerability`, loss magnitude by
    /// `1 - reduction.loss_magnitude` (a constant factor keeps the PERT shape,
    /// MODEL.md section 5).
    pub fn effective_estimates(&self) -> [ThreePointEstimate; 3] {
        [
            self.threat_event_frequency,
            self.vulnerability
                .scaled(1.0 - self.reduction.vulnerability),
            self.loss_magnitude
                .scaled(1.0 - self.reduction.loss_magnitude),
        ]
    }

    /// Exact annualised loss expectancy `E[T] E[V] E[L]` (factors independent).
    pub fn expected_annual_loss(&self) -> f64 {
        self.effective_estimates()
            .iter()
            .map(ThreePointEstimate::mean)
            .product()
    }

    /// Exact standard deviation of the annual loss: `E[R^2] = E[T^2] E[V^2] E[L^2]`.
    pub fn annual_loss_standard_deviation(&self) -> f64 {
        let [t, v, l] = self.effective_estimates().map(|e| e.raw_moments());
        let mean = t[0] * v[0] * l[0];
        (t[1] * v[1] * l[1] - mean * mean).max(0.0).sqrt()
    }

    pub(crate) fn validate(&self, scenario: &str, risk: usize) -> Result<(), QuantError> {
        let checks = [
            (
                InputFactor::ThreatEventFrequency,
                &self.threat_event_frequency,
                (0.0, f64::INFINITY),
            ),
            (InputFactor::Vulnerability, &self.vulnerability, (0.0, 1.0)),
            (
                InputFactor::LossMagnitude,
                &self.loss_magnitude,
                (0.0, f64::INFINITY),
            ),
        ];
        for (factor, estimate, bounds) in checks {
            estimate
                .validate(bounds)
                .map_err(|problem| QuantError::InvalidEstimate {
                    scenario: scenario.to_owned(),
                    risk,
                    factor,
                    problem,
                })?;
        }
        for value in [self.reduction.vulnerability, self.reduction.loss_magnitude] {
            if !(0.0..=1.0).contains(&value) {
                return Err(QuantError::InvalidReduction {
                    scenario: scenario.to_owned(),
                    risk,
                    value,
                });
            }
        }
        Ok(())
    }
}

/// Fractions of vulnerability and loss magnitude that controls remove.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Reduction {
    /// Removed share of vulnerability (preventive controls), in [0, 1].
    pub vulnerability: f64,
    /// Removed share of loss magnitude (corrective controls), in [0, 1].
    pub loss_magnitude: f64,
}

impl Reduction {
    /// No reduction.
    pub const NONE: Reduction = Reduction {
        vulnerability: 0.0,
        loss_magnitude: 0.0,
    };

    /// The combined effect of several controls, as in the qualitative method
    /// (PRODUCT.md 3.2): `r = 1 - prod(1 - w(c) e_c f_c)` on each axis, with
    /// weights preventive (V 1, LM 0), detective (0.5, 0.5), corrective (0, 1).
    pub fn from_controls(controls: &[ControlEffect]) -> Self {
        controls.iter().fold(Reduction::NONE, |total, control| {
            total.combined_with(control.reduction())
        })
    }

    /// Both reductions applied one after the other: `1 - (1 - a)(1 - b)`.
    pub fn combined_with(self, other: Reduction) -> Self {
        Reduction {
            vulnerability: 1.0 - (1.0 - self.vulnerability) * (1.0 - other.vulnerability),
            loss_magnitude: 1.0 - (1.0 - self.loss_magnitude) * (1.0 - other.loss_magnitude),
        }
    }
}

/// Whether a control lowers the chance of a loss, the size of a loss, or both.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ControlKind {
    /// Acts on vulnerability.
    Preventive,
    /// Half on vulnerability, half on loss magnitude.
    Detective,
    /// Acts on loss magnitude.
    Corrective,
}

key_table!(ControlKind {
    Preventive => "preventive",
    Detective => "detective",
    Corrective => "corrective",
});

/// One control's effect on a risk.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ControlEffect {
    /// Whether the control scales vulnerability (preventive), loss magnitude (corrective) or both (detective).
    pub kind: ControlKind,
    /// How much of the targeted factor the control removes when fully in place, in [0, 1].
    pub effectiveness: f64,
    /// How far it is in place, in [0, 1] (not started 0, partial 0.5, implemented 1).
    pub implementation: f64,
}

impl ControlEffect {
    /// This control's reduction `w e f` on each axis.
    pub fn reduction(&self) -> Reduction {
        let (vulnerability_weight, loss_weight) = match self.kind {
            ControlKind::Preventive => (1.0, 0.0),
            ControlKind::Detective => (0.5, 0.5),
            ControlKind::Corrective => (0.0, 1.0),
        };
        let strength = self.effectiveness * self.implementation;
        Reduction {
            vulnerability: vulnerability_weight * strength,
            loss_magnitude: loss_weight * strength,
        }
    }
}

/// A named set of risks to simulate: the baseline, or the baseline with
/// changes. All scenarios of one simulation list the same risks in the same
/// order and draw the same random numbers for them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScenarioInputs {
    /// The scenario's name, such as "baseline".
    pub name: String,
    /// The risks with their estimates and control effects, in the same order in every scenario.
    pub risks: Vec<RiskInput>,
}

impl ScenarioInputs {
    /// A scenario named `name` over `risks`.
    pub fn new(name: impl Into<String>, risks: Vec<RiskInput>) -> Self {
        Self {
            name: name.into(),
            risks,
        }
    }

    /// This scenario with `treatments` applied on top, under a new name.
    pub fn with_treatments(
        &self,
        name: impl Into<String>,
        treatments: &[&TreatmentInputs],
    ) -> Self {
        let mut risks = self.risks.clone();
        for treatment in treatments {
            for &(risk, reduction) in &treatment.reductions {
                if let Some(input) = risks.get_mut(risk) {
                    input.reduction = input.reduction.combined_with(reduction);
                }
            }
        }
        Self::new(name, risks)
    }
}

impl ScenarioInputs {
    /// The scenarios that price `treatments` (see
    /// `SimulationResult::treatment_returns`): this scenario first, then each
    /// treatment alone (named after it), then all of them together, named
    /// "all treatments".
    pub fn treatment_scenarios(&self, treatments: &[TreatmentInputs]) -> Vec<ScenarioInputs> {
        let mut scenarios = vec![self.clone()];
        for treatment in treatments {
            scenarios.push(self.with_treatments(treatment.name.clone(), &[treatment]));
        }
        let all: Vec<&TreatmentInputs> = treatments.iter().collect();
        scenarios.push(self.with_treatments("all treatments", &all));
        scenarios
    }
}

/// A treatment action: extra reductions on some risks, at a yearly cost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TreatmentInputs {
    /// The action's name, as shown in the return-on-investment table.
    pub name: String,
    /// Annualised cost, in the currency of the loss magnitudes.
    pub annual_cost: f64,
    /// (risk index, additional reduction) pairs.
    pub reductions: Vec<(usize, Reduction)>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quant::error::EstimateProblem;

    fn risk() -> RiskInput {
        RiskInput::new(
            ThreePointEstimate::new(1.0, 2.0, 6.0),
            ThreePointEstimate::new(0.1, 0.2, 0.5),
            ThreePointEstimate::new(1_000.0, 5_000.0, 50_000.0),
        )
    }

    #[test]
    fn controls_reduce_the_axes_they_act_on() {
        let reduction = Reduction::from_controls(&[
            ControlEffect {
                kind: ControlKind::Preventive,
                effectiveness: 0.8,
                implementation: 0.5,
            },
            ControlEffect {
                kind: ControlKind::Detective,
                effectiveness: 0.6,
                implementation: 1.0,
            },
        ]);
        // V: 1 - (1 - 0.4)(1 - 0.3) = 0.58; LM: 0.3.
        assert!((reduction.vulnerability - 0.58).abs() < 1e-12);
        assert!((reduction.loss_magnitude - 0.3).abs() < 1e-12);
        let reduced = risk().with_reduction(reduction);
        let ratio = reduced.expected_annual_loss() / risk().expected_annual_loss();
        assert!((ratio - 0.42 * 0.7).abs() < 1e-12);
    }

    #[test]
    fn validation_names_the_risk_and_the_factor() {
        let mut bad = risk();
        bad.vulnerability = ThreePointEstimate::new(0.2, 0.1, 0.5);
        let error = bad.validate("baseline", 3).unwrap_err();
        assert!(matches!(
            error,
            QuantError::InvalidEstimate {
                risk: 3,
                factor: InputFactor::Vulnerability,
                ..
            }
        ));
        bad.vulnerability = ThreePointEstimate::new(0.2, 0.5, 1.5);
        match bad.validate("baseline", 0).unwrap_err() {
            QuantError::InvalidEstimate { problem, .. } => {
                assert!(matches!(problem, EstimateProblem::OutOfRange { .. }))
            }
            other => panic!("unexpected {other}"),
        }
        let too_much = risk().with_reduction(Reduction {
            vulnerability: 1.2,
            loss_magnitude: 0.0,
        });
        assert!(too_much.validate("x", 0).is_err());
    }
}
