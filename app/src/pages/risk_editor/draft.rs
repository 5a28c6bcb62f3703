//! The risk as being edited, field by field, and what is wrong with it.

use engine::{
    Acceptance, AssetId, ControlId, Date, Estimate, Methodology, Percent, PersonId, PropertySet,
    QuantitativeInputs, ResidualOverride, Risk, RiskStatus, ThreatId, Treatment, TreatmentDecision,
    VulnerabilityId,
};
use leptos::prelude::*;

pub(super) use crate::components::FieldErrors;

/// A three-point estimate as typed.
#[derive(Clone, Copy)]
pub(super) struct EstimateDraft(pub(super) [RwSignal<String>; 3]);

impl EstimateDraft {
    pub(super) fn new(estimate: Option<Estimate>) -> Self {
        let text = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        Self([
            RwSignal::new(text(estimate.map(|e| e.low()))),
            RwSignal::new(text(estimate.map(|e| e.most_likely()))),
            RwSignal::new(text(estimate.map(|e| e.high()))),
        ])
    }
    pub(super) fn parse(&self) -> Result<Estimate, String> {
        let mut values = [0.0; 3];
        for (slot, text) in values.iter_mut().zip(self.0) {
            let text = text.get();
            *slot = text
                .trim()
                .replace(',', ".")
                .parse::<f64>()
                .map_err(|_| format!("“{}” is not a number.", text.trim()))?;
        }
        Estimate::try_new(values[0], values[1], values[2])
            .map_err(|_| "Needs 0 ≤ low ≤ most likely ≤ high.".to_owned())
    }
}

/// The risk as being edited: one signal per field, text where the user
/// types something that must be checked.
#[derive(Clone, Copy)]
pub(super) struct Draft {
    pub(super) title: RwSignal<String>,
    pub(super) description: RwSignal<String>,
    /// Asset ids as the picker holds them.
    pub(super) assets: RwSignal<Vec<String>>,
    pub(super) threat: RwSignal<String>,
    pub(super) vulnerability: RwSignal<String>,
    pub(super) owner: RwSignal<String>,
    pub(super) properties: RwSignal<PropertySet>,
    pub(super) likelihood: RwSignal<u8>,
    /// `None`: the impact follows the assets' valuation.
    pub(super) impact: RwSignal<Option<u8>>,
    pub(super) decision: RwSignal<TreatmentDecision>,
    pub(super) rationale: RwSignal<String>,
    pub(super) transferred: RwSignal<String>,
    pub(super) controls: RwSignal<Vec<ControlId>>,
    pub(super) accepted_by: RwSignal<String>,
    pub(super) accepted_on: RwSignal<String>,
    pub(super) acceptance_expires: RwSignal<String>,
    pub(super) review: RwSignal<String>,
    pub(super) status: RwSignal<RiskStatus>,
    /// Whether the assessor overrides the computed residual.
    pub(super) overridden: RwSignal<bool>,
    pub(super) override_likelihood: RwSignal<u8>,
    pub(super) override_impact: RwSignal<u8>,
    pub(super) override_justification: RwSignal<String>,
    pub(super) quantitative: RwSignal<bool>,
    pub(super) frequency: EstimateDraft,
    pub(super) vulnerability_estimate: EstimateDraft,
    pub(super) loss: EstimateDraft,
    /// The risk as stored when the draft last started from it.
    pub(super) base: RwSignal<Risk>,
}

pub(super) fn date_text(date: Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

impl Draft {
    pub(super) fn new(risk: Risk) -> Self {
        let acceptance = risk.acceptance.as_ref();
        let quantitative = risk.quantitative;
        Self {
            title: RwSignal::new(risk.title.clone()),
            description: RwSignal::new(risk.description.clone()),
            assets: RwSignal::new(risk.assets.iter().map(ToString::to_string).collect()),
            threat: RwSignal::new(
                risk.threat
                    .as_ref()
                    .map(|t| t.to_string())
                    .unwrap_or_default(),
            ),
            vulnerability: RwSignal::new(
                risk.vulnerability
                    .as_ref()
                    .map(|v| v.to_string())
                    .unwrap_or_default(),
            ),
            owner: RwSignal::new(
                risk.owner
                    .as_ref()
                    .map(|o| o.to_string())
                    .unwrap_or_default(),
            ),
            properties: RwSignal::new(risk.properties),
            likelihood: RwSignal::new(risk.likelihood.get()),
            impact: RwSignal::new(risk.impact.map(|i| i.get())),
            decision: RwSignal::new(risk.treatment.decision),
            rationale: RwSignal::new(risk.treatment.rationale.clone()),
            transferred: RwSignal::new(risk.treatment.transferred_share.get().to_string()),
            controls: RwSignal::new(risk.controls.clone()),
            accepted_by: RwSignal::new(
                acceptance
                    .map(|a| a.accepted_by.to_string())
                    .unwrap_or_default(),
            ),
            accepted_on: RwSignal::new(date_text(acceptance.map(|a| a.date))),
            acceptance_expires: RwSignal::new(date_text(acceptance.and_then(|a| a.expires))),
            review: RwSignal::new(date_text(risk.review_date)),
            status: RwSignal::new(risk.status),
            overridden: RwSignal::new(risk.residual_override.is_some()),
            override_likelihood: RwSignal::new(
                risk.residual_override
                    .as_ref()
                    .map_or(1, |o| o.likelihood.get()),
            ),
            override_impact: RwSignal::new(
                risk.residual_override
                    .as_ref()
                    .map_or(1, |o| o.impact.get()),
            ),
            override_justification: RwSignal::new(
                risk.residual_override
                    .as_ref()
                    .map(|o| o.justification.clone())
                    .unwrap_or_default(),
            ),
            quantitative: RwSignal::new(quantitative.is_some()),
            frequency: EstimateDraft::new(quantitative.map(|q| q.threat_event_frequency)),
            vulnerability_estimate: EstimateDraft::new(quantitative.map(|q| q.vulnerability)),
            loss: EstimateDraft::new(quantitative.map(|q| q.loss_magnitude)),
            base: RwSignal::new(risk),
        }
    }

    /// Puts every field of `risk` into the form (another tab's change
    /// merged in, or a value chosen in a conflict).
    pub(super) fn set_from(&self, risk: &Risk) {
        let fresh = Draft::new(risk.clone());
        macro_rules! copy {
            ($($field:ident),*) => {$(
                let value = fresh.$field.get_untracked();
                if self.$field.get_untracked() != value {
                    self.$field.set(value);
                }
                fresh.$field.dispose();
            )*};
        }
        copy!(
            title,
            description,
            assets,
            threat,
            vulnerability,
            owner,
            properties,
            likelihood,
            impact,
            decision,
            rationale,
            transferred,
            controls,
            accepted_by,
            accepted_on,
            acceptance_expires,
            review,
            status,
            overridden,
            override_likelihood,
            override_impact,
            override_justification,
            quantitative
        );
        for (mine, theirs) in [
            (self.frequency, fresh.frequency),
            (self.vulnerability_estimate, fresh.vulnerability_estimate),
            (self.loss, fresh.loss),
        ] {
            for (slot, value) in mine.0.iter().zip(theirs.0) {
                let value_text = value.get_untracked();
                if slot.get_untracked() != value_text {
                    slot.set(value_text);
                }
                value.dispose();
            }
        }
        fresh.base.dispose();
    }

    /// The risk the draft describes, and what is wrong with it. Invalid
    /// fields fall back to harmless values so the live levels keep working.
    pub(super) fn build(&self, methodology: &Methodology) -> (Risk, FieldErrors) {
        let mut errors = FieldErrors::default();
        let mut risk = self.base.get();
        let title = self.title.get().trim().to_owned();
        if title.is_empty() {
            errors.add("title", "Give the risk a short title.");
        }
        risk.title = title;
        risk.description = self.description.get().trim().to_owned();
        risk.assets = self
            .assets
            .get()
            .into_iter()
            .filter_map(|id| AssetId::try_new(id).ok())
            .collect();
        risk.threat = ThreatId::try_new(self.threat.get()).ok();
        risk.vulnerability = VulnerabilityId::try_new(self.vulnerability.get()).ok();
        risk.owner = PersonId::try_new(self.owner.get()).ok();
        risk.properties = self.properties.get();
        if risk.properties.is_empty() {
            errors.add("properties", "Tick at least one property the risk harms.");
        }
        match methodology.likelihood(self.likelihood.get()) {
            Some(l) => risk.likelihood = l,
            None => errors.add("likelihood", "Choose a likelihood on the scale."),
        }
        risk.impact = match self.impact.get() {
            None => None,
            Some(value) => match methodology.impact(value) {
                Some(i) => Some(i),
                None => {
                    errors.add("impact", "Choose an impact on the scale.");
                    None
                }
            },
        };
        let decision = self.decision.get();
        let mut transferred_share = Percent::ZERO;
        if decision == TreatmentDecision::Transfer {
            let text = self.transferred.get();
            match text
                .trim()
                .parse::<u8>()
                .ok()
                .and_then(Percent::checked_new)
            {
                Some(share) => transferred_share = share,
                None => errors.add(
                    "transferred",
                    "Enter the transferred share as a whole number from 0 to 100.",
                ),
            }
        }
        risk.treatment = Treatment {
            decision,
            rationale: self.rationale.get().trim().to_owned(),
            transferred_share,
        };
        risk.controls = self.controls.get();
        risk.acceptance = self.acceptance(&mut errors);
        risk.residual_override = self.residual_override(methodology, &mut errors);
        risk.review_date = parse_date(&self.review.get(), "review", &mut errors);
        risk.status = self.status.get();
        risk.quantitative = None;
        if self.quantitative.get() {
            let parts = [
                ("frequency", self.frequency.parse()),
                (
                    "vulnerability_estimate",
                    self.vulnerability_estimate.parse(),
                ),
                ("loss", self.loss.parse()),
            ];
            let mut values = Vec::new();
            for (field, result) in parts {
                match result {
                    Ok(estimate) => values.push(estimate),
                    Err(message) => errors.add(field, message),
                }
            }
            if let [frequency, vulnerability, loss] = values[..] {
                if vulnerability.high() > 1.0 {
                    errors.add(
                        "vulnerability_estimate",
                        "Vulnerability is a probability: at most 1.",
                    );
                } else {
                    risk.quantitative = Some(QuantitativeInputs {
                        threat_event_frequency: frequency,
                        vulnerability,
                        loss_magnitude: loss,
                    });
                }
            }
        }
        (risk, errors)
    }

    /// The assessor's own residual rating, when they chose to give one. A
    /// justification is required: auditors ask why the arithmetic was set
    /// aside.
    pub(super) fn residual_override(
        &self,
        methodology: &Methodology,
        errors: &mut FieldErrors,
    ) -> Option<ResidualOverride> {
        if !self.overridden.get() {
            return None;
        }
        let likelihood = methodology.likelihood(self.override_likelihood.get());
        if likelihood.is_none() {
            errors.add("override_likelihood", "Choose a likelihood on the scale.");
        }
        let impact = methodology.impact(self.override_impact.get());
        if impact.is_none() {
            errors.add("override_impact", "Choose an impact on the scale.");
        }
        let justification = self.override_justification.get().trim().to_owned();
        if justification.is_empty() {
            errors.add(
                "override_justification",
                "Say why the computed residual does not apply.",
            );
        }
        Some(ResidualOverride {
            likelihood: likelihood?,
            impact: impact?,
            justification,
        })
    }

    pub(super) fn acceptance(&self, errors: &mut FieldErrors) -> Option<Acceptance> {
        let by = self.accepted_by.get();
        let on = self.accepted_on.get();
        let expires = self.acceptance_expires.get();
        if by.is_empty() && on.trim().is_empty() && expires.trim().is_empty() {
            return None;
        }
        let person = PersonId::try_new(by).ok();
        if person.is_none() {
            errors.add("accepted_by", "Choose who accepted the risk.");
        }
        let date = parse_date(&on, "accepted_on", errors);
        if date.is_none() && errors.get("accepted_on").is_none() {
            errors.add("accepted_on", "Enter the date of the acceptance.");
        }
        let expires = parse_date(&expires, "acceptance_expires", errors);
        if let (Some(date), Some(expires)) = (date, expires) {
            if expires < date {
                errors.add(
                    "acceptance_expires",
                    "The acceptance cannot expire before it was given.",
                );
            }
        }
        Some(Acceptance {
            accepted_by: person?,
            date: date?,
            expires,
        })
    }
}

pub(super) fn parse_date(
    text: &str,
    field: &'static str,
    errors: &mut FieldErrors,
) -> Option<Date> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let date = Date::parse(text);
    if date.is_none() {
        errors.add(field, "Enter a date as YYYY-MM-DD.");
    }
    date
}
