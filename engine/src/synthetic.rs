//! Deterministic synthetic workspaces for benchmarks, command-line tests and
//! browser benchmarks. The same arguments always give the same workspace.

use crate::catalogue::annex_a_control_id;
use crate::model::*;
use crate::{Impact, Likelihood};

/// SplitMix64: a tiny, fast, well-mixed generator; plenty for test data.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator starting from `seed`; the same seed gives the same sequence.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next pseudo-random 64-bit value.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

fn id<T>(make: fn(String) -> Result<T, IdError>, prefix: &str, n: usize) -> T {
    make(numbered_id(prefix, n)).expect("numbered ids are valid")
}

fn date(rng: &mut SplitMix64, first_year: u16) -> Date {
    let year = first_year + rng.below(3) as u16;
    Date::checked_new(year, rng.between(1, 12) as u8, rng.between(1, 28) as u8)
        .expect("day 1 to 28 exists in every month")
}

/// A workspace with `risks` risks over `assets` assets, the 93 Annex A
/// controls with mixed statuses and SoA decisions, one treatment action per
/// ten risks and two scenarios ("Quick wins" and "All planned actions").
pub fn workspace(risks: usize, assets: usize, seed: u64) -> Workspace {
    let mut rng = SplitMix64::new(seed);
    let mut ws = Workspace::new(
        WorkspaceId::try_new(format!("synthetic-{risks}-{assets}-{seed}")).expect("valid id"),
        format!("Synthetic organisation ({risks} risks)"),
    );
    ws.scope = "All information processing of the synthetic organisation.".into();
    let roles = [
        "CISO",
        "IT lead",
        "HR lead",
        "Facilities",
        "Product owner",
        "DPO",
    ];
    let people_count = 20;
    ws.people = (1..=people_count)
        .map(|n| Person {
            id: id(PersonId::try_new, "P", n),
            name: format!("Person {n}"),
            role: roles[n % roles.len()].into(),
            email: format!("person{n}@example.org"),
            department: String::new(),
        })
        .collect();
    let person =
        |rng: &mut SplitMix64| Some(id(PersonId::try_new, "P", rng.between(1, people_count)));
    let impact =
        |rng: &mut SplitMix64| Impact::checked_new(rng.between(1, 5) as u8).expect("1..=5");
    let asset_count = assets.max(1);
    ws.assets = (1..=asset_count)
        .map(|n| Asset {
            id: id(AssetId::try_new, "A", n),
            name: format!("Asset {n}"),
            kind: AssetKind::ALL[rng.below(AssetKind::ALL.len())],
            owner: if rng.chance(95) {
                person(&mut rng)
            } else {
                None
            },
            description: String::new(),
            valuation: Valuation {
                confidentiality: impact(&mut rng),
                integrity: impact(&mut rng),
                availability: impact(&mut rng),
            },
            classification: ["Public", "Internal", "Confidential"][rng.below(3)].into(),
        })
        .collect();
    let control_count = ws.controls.len();
    for (index, control) in ws.controls.iter_mut().enumerate() {
        control.status = ImplementationStatus::ALL[rng.below(4)];
        if rng.chance(70) {
            control.owner = person(&mut rng);
        }
        let entry = &mut ws.soa[index];
        if rng.chance(88) {
            entry.applicability = Applicability::Applicable;
            entry.reasons = vec![InclusionReason::RiskTreatment];
            if rng.chance(30) {
                entry.reasons.push(InclusionReason::BestPractice);
            }
        } else {
            entry.applicability = Applicability::Excluded;
            if rng.chance(85) {
                entry.exclusion_justification = "Not relevant to our operations.".into();
            }
            control.status = ImplementationStatus::NotStarted;
        }
    }
    let applicable: Vec<ControlId> = ws
        .soa
        .iter()
        .filter(|e| e.applicability == Applicability::Applicable)
        .map(|e| e.control.clone())
        .collect();
    let threat_count = ws.threats.len();
    let decisions = [
        TreatmentDecision::Mitigate,
        TreatmentDecision::Mitigate,
        TreatmentDecision::Mitigate,
        TreatmentDecision::Accept,
        TreatmentDecision::Transfer,
        TreatmentDecision::Avoid,
        TreatmentDecision::Undecided,
    ];
    ws.risks = (1..=risks)
        .map(|n| {
            let threat = &ws.threats[rng.below(threat_count)];
            let linked = rng.between(0, 5);
            let mut controls: Vec<ControlId> = Vec::with_capacity(linked);
            for _ in 0..linked {
                let c = if rng.chance(97) {
                    applicable[rng.below(applicable.len())].clone()
                } else {
                    ws.controls[rng.below(control_count)].id.clone()
                };
                if !controls.contains(&c) {
                    controls.push(c);
                }
            }
            let decision = decisions[rng.below(decisions.len())];
            let accepted = decision == TreatmentDecision::Accept && rng.chance(70);
            Risk {
                id: id(RiskId::try_new, "R", n),
                title: format!("{} affecting asset group {}", threat.name, n % 97),
                description: String::new(),
                assets: (0..rng.between(1, 3))
                    .map(|_| id(AssetId::try_new, "A", rng.between(1, asset_count)))
                    .collect(),
                threat: Some(threat.id.clone()),
                vulnerability: Some(
                    ws.vulnerabilities[rng.below(ws.vulnerabilities.len())]
                        .id
                        .clone(),
                ),
                owner: if rng.chance(97) {
                    person(&mut rng)
                } else {
                    None
                },
                properties: threat.harms,
                likelihood: Likelihood::checked_new(rng.between(1, 5) as u8).expect("1..=5"),
                impact: if rng.chance(30) {
                    Some(impact(&mut rng))
                } else {
                    None
                },
                treatment: Treatment {
                    decision,
                    rationale: String::new(),
                    transferred_share: if decision == TreatmentDecision::Transfer {
                        Percent::checked_new(rng.between(3, 8) as u8 * 10).expect("<= 80")
                    } else {
                        Percent::ZERO
                    },
                },
                controls,
                residual_override: None,
                acceptance: accepted.then(|| Acceptance {
                    accepted_by: id(PersonId::try_new, "P", 1),
                    date: date(&mut rng, 2024),
                    expires: Some(date(&mut rng, 2025)),
                }),
                review_date: Some(date(&mut rng, 2025)),
                status: if rng.chance(3) {
                    RiskStatus::Closed
                } else {
                    RiskStatus::Open
                },
                quantitative: rng.chance(20).then(|| {
                    let tef = rng.between(1, 20) as f64 / 10.0;
                    let lm = rng.between(5, 500) as f64 * 1000.0;
                    QuantitativeInputs {
                        threat_event_frequency: Estimate::try_new(tef / 2.0, tef, tef * 3.0)
                            .expect("ordered"),
                        vulnerability: Estimate::try_new(0.1, 0.3, 0.6).expect("ordered"),
                        loss_magnitude: Estimate::try_new(lm / 4.0, lm, lm * 5.0).expect("ordered"),
                    }
                }),
            }
        })
        .collect();
    ws.actions = (1..=risks.div_ceil(10))
        .map(|n| {
            let control = applicable[rng.below(applicable.len())].clone();
            Action {
                id: id(ActionId::try_new, "ACT", n),
                title: format!("Implement {control}"),
                description: String::new(),
                risks: vec![id(RiskId::try_new, "R", rng.between(1, risks.max(1)))]
                    .into_iter()
                    .filter(|_| risks > 0)
                    .collect(),
                controls: vec![control],
                owner: person(&mut rng),
                due: Some(date(&mut rng, 2025)),
                cost: Cost {
                    one_off: rng.between(1, 50) as u64 * 1000,
                    yearly: rng.between(0, 20) as u64 * 500,
                },
                status: [
                    ActionStatus::Planned,
                    ActionStatus::InProgress,
                    ActionStatus::Done,
                ][rng.below(3)],
            }
        })
        .collect();
    let mfa = annex_a_control_id("8.5");
    let backup = annex_a_control_id("8.13");
    ws.scenarios = vec![
        Scenario {
            id: ScenarioId::try_new("S-01").expect("valid"),
            name: "Quick wins".into(),
            description: "Multi-factor authentication and tested backups this quarter.".into(),
            changes: vec![
                Change::ControlStatus {
                    control: mfa,
                    status: ImplementationStatus::Implemented,
                },
                Change::ControlStatus {
                    control: backup,
                    status: ImplementationStatus::Implemented,
                },
            ],
        },
        Scenario {
            id: ScenarioId::try_new("S-02").expect("valid"),
            name: "All controls implemented".into(),
            description: "Every applicable control fully implemented.".into(),
            changes: applicable
                .iter()
                .map(|control| Change::ControlStatus {
                    control: control.clone(),
                    status: ImplementationStatus::Implemented,
                })
                .collect(),
        },
    ];
    ws
}
