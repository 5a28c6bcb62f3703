//! Simulation-level tests: sampler moments against the exact formulas, seed
//! determinism, sharding, common random numbers and ROSI arithmetic.

use super::simulation::{simulate_shard, BLOCK_ITERATIONS};
use super::*;

fn settings(iterations: u64, sampler: Sampler) -> SimulationSettings {
    SimulationSettings {
        seed: 20_240_601,
        iterations,
        sampler,
    }
}

/// A small portfolio spanning skewed, symmetric and point-valued estimates.
fn portfolio() -> Vec<RiskInput> {
    vec![
        RiskInput::new(
            ThreePointEstimate::new(0.5, 0.5, 4.0),
            ThreePointEstimate::new(0.0, 0.1, 0.9),
            ThreePointEstimate::new(1_000.0, 20_000.0, 900_000.0),
        ),
        RiskInput::new(
            ThreePointEstimate::new(2.0, 5.0, 8.0),
            ThreePointEstimate::new(0.3, 0.6, 0.9),
            ThreePointEstimate::new(5_000.0, 5_000.0, 60_000.0),
        ),
        RiskInput::new(
            ThreePointEstimate::new(1.0, 9.0, 10.0),
            ThreePointEstimate::exactly(0.25),
            ThreePointEstimate::new(100.0, 2_500.0, 3_000.0),
        ),
    ]
}

/// Draws of one estimate through the simulation (T and V fixed at 1), so
/// the per-risk mean and sd are the PERT's.
fn single_factor_plan(
    estimate: ThreePointEstimate,
    iterations: u64,
    sampler: Sampler,
) -> SimulationPlan {
    let risk = RiskInput::new(
        ThreePointEstimate::exactly(1.0),
        ThreePointEstimate::exactly(1.0),
        estimate,
    );
    SimulationPlan::single(settings(iterations, sampler), vec![risk]).unwrap()
}

/// Sample mean and variance of the draws against the exact moments, each
/// within 5 standard errors (the SE of the variance from the exact 4th
/// central moment). A table or shape error of 1 % would show as |z| >> 5.
#[test]
fn pert_draws_have_the_exact_mean_and_variance() {
    let estimates = [
        ThreePointEstimate::new(0.0, 0.0, 1.0),
        ThreePointEstimate::new(0.0, 0.5, 1.0),
        ThreePointEstimate::new(0.0, 1.0, 1.0),
        ThreePointEstimate::new(3.0, 3.7, 50.0),
        ThreePointEstimate::new(1_000.0, 9_000.0, 10_000.0),
        ThreePointEstimate::new(0.1, 0.1013, 0.9),
    ];
    let iterations = 200_000;
    for sampler in [Sampler::Fast, Sampler::Exact] {
        for estimate in estimates {
            let result = simulate(&single_factor_plan(estimate, iterations, sampler)).unwrap();
            let draws = result.scenarios[0].portfolio.losses();
            let n = draws.len() as f64;
            let [m1, m2, m3, m4] = estimate.raw_moments();
            let variance = m2 - m1 * m1;
            let fourth_central = m4 - 4.0 * m1 * m3 + 6.0 * m1 * m1 * m2 - 3.0 * m1.powi(4);
            let mean = draws.iter().sum::<f64>() / n;
            let sample_variance =
                draws.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0);
            let z_mean = (mean - m1) / (variance / n).sqrt();
            let z_variance =
                (sample_variance - variance) / ((fourth_central - variance * variance) / n).sqrt();
            assert!(
                z_mean.abs() < 5.0 && z_variance.abs() < 5.0,
                "{sampler:?} {estimate:?}: z(mean) = {z_mean:.2}, z(variance) = {z_variance:.2}"
            );
            // The per-risk figures are the same statistics, computed by blocks.
            let risk = result.scenarios[0].risks[0];
            assert!((risk.expected_annual_loss - mean).abs() <= 1e-9 * m1.abs().max(1.0));
            assert!(
                (risk.standard_deviation - sample_variance.sqrt()).abs() <= 1e-6 * variance.sqrt()
            );
            assert!(draws
                .iter()
                .all(|&x| x >= estimate.low && x <= estimate.high));
        }
    }
}

/// The product loss of each risk matches E[R] = E[T] E[V] E[L].
#[test]
fn risk_losses_match_the_exact_ale() {
    let risks = portfolio();
    for sampler in [Sampler::Fast, Sampler::Exact] {
        let plan = SimulationPlan::single(settings(100_000, sampler), risks.clone()).unwrap();
        let result = simulate(&plan).unwrap();
        for (input, simulated) in risks.iter().zip(&result.scenarios[0].risks) {
            let standard_error =
                input.annual_loss_standard_deviation() / (plan.settings().iterations as f64).sqrt();
            let z =
                (simulated.expected_annual_loss - input.expected_annual_loss()) / standard_error;
            assert!(z.abs() < 5.0, "{sampler:?}: z = {z:.2}");
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_result_and_another_seed_does_not() {
    for sampler in [Sampler::Fast, Sampler::Exact] {
        let plan = SimulationPlan::single(settings(5_000, sampler), portfolio()).unwrap();
        let first = simulate(&plan).unwrap();
        assert_eq!(first, simulate(&plan).unwrap());
        let mut other = settings(5_000, sampler);
        other.seed += 1;
        let other = simulate(&SimulationPlan::single(other, portfolio()).unwrap()).unwrap();
        assert_ne!(
            first.scenarios[0].portfolio.losses(),
            other.scenarios[0].portfolio.losses()
        );
    }
}

/// Golden values: the fast sampler's first losses for the default seed.
/// A change here means results are no longer reproducible across versions.
#[test]
fn the_stream_is_pinned() {
    let plan = SimulationPlan::single(settings(2, Sampler::Fast), portfolio()).unwrap();
    let losses = simulate(&plan).unwrap().scenarios[0]
        .portfolio
        .losses()
        .to_vec();
    let bits: Vec<u64> = losses.iter().map(|x| x.to_bits()).collect();
    assert_eq!(bits, GOLDEN_FIRST_LOSSES.to_vec(), "losses {losses:?}");
}

const GOLDEN_FIRST_LOSSES: [u64; 2] = [4_679_724_337_265_566_797, 4_675_471_877_753_385_527];

#[test]
fn shards_merge_into_the_single_thread_result_exactly() {
    // 20,000 iterations: nineteen full blocks and a partial one (three
    // groups of eight blocks, the last one short).
    for sampler in [Sampler::Fast, Sampler::Exact] {
        let baseline = ScenarioInputs::new("baseline", portfolio());
        let treated = baseline.with_treatments(
            "treated",
            &[&TreatmentInputs {
                name: "training".into(),
                annual_cost: 1_000.0,
                reductions: vec![(
                    0,
                    Reduction {
                        vulnerability: 0.5,
                        loss_magnitude: 0.0,
                    },
                )],
            }],
        );
        let plan =
            SimulationPlan::try_new(settings(20_000, sampler), vec![baseline, treated]).unwrap();
        let single = simulate(&plan).unwrap();
        for parts in [2, 3, 7, 10, 20] {
            let mut shards: Vec<ShardResult> = plan
                .shard_ranges(parts)
                .into_iter()
                .map(|range| simulate_shard(&plan, range).unwrap())
                .collect();
            shards.reverse(); // any order
            assert_eq!(merge(shards).unwrap(), single, "{parts} shards");
        }
        #[cfg(not(target_arch = "wasm32"))]
        assert_eq!(simulate_in_parallel(&plan, 3).unwrap(), single);
    }
}

#[test]
fn shards_must_be_aligned_complete_and_from_one_plan() {
    let plan = SimulationPlan::single(settings(30_000, Sampler::Fast), portfolio()).unwrap();
    assert!(matches!(
        simulate_shard(&plan, 100..2048),
        Err(QuantError::MisalignedShard { .. })
    ));
    let first = simulate_shard(&plan, 0..1024).unwrap();
    let last = simulate_shard(&plan, 2048..30_000).unwrap();
    assert!(matches!(
        merge(vec![first.clone(), last.clone()]),
        Err(QuantError::ShardsDoNotCover { .. })
    ));
    let other = SimulationPlan::single(settings(30_000, Sampler::Exact), portfolio()).unwrap();
    let foreign = simulate_shard(&other, 1024..2048).unwrap();
    assert_eq!(
        merge(vec![first, foreign, last]),
        Err(QuantError::ShardsFromDifferentPlans)
    );
    let mut cancelled_after = 0;
    let outcome = simulate_shard_with_progress(&plan, 0..30_000, |done| {
        cancelled_after = done;
        std::ops::ControlFlow::Break(())
    });
    assert_eq!(outcome, Err(QuantError::Cancelled));
    assert_eq!(cancelled_after, 8 * 1024);
}

/// Common random numbers: an unchanged scenario reproduces the baseline
/// exactly, and a scenario that only changes risk 0 leaves the other risks'
/// figures untouched and lowers the loss of every single year.
#[test]
fn scenarios_share_their_random_numbers() {
    for sampler in [Sampler::Fast, Sampler::Exact] {
        let baseline = ScenarioInputs::new("baseline", portfolio());
        let unchanged = ScenarioInputs::new("unchanged", portfolio());
        let mut reduced = portfolio();
        reduced[0].reduction = Reduction {
            vulnerability: 0.0,
            loss_magnitude: 0.4,
        };
        let reduced = ScenarioInputs::new("reduced", reduced);
        let plan =
            SimulationPlan::try_new(settings(4_000, sampler), vec![baseline, unchanged, reduced])
                .unwrap();
        let result = simulate(&plan).unwrap();
        let [base, same, lower] = [0, 1, 2].map(|index| &result.scenarios[index]);
        assert_eq!(base.risks, same.risks);
        assert_eq!(base.portfolio, same.portfolio);
        assert_eq!(base.risks[1..], lower.risks[1..]);
        let ratio = lower.risks[0].expected_annual_loss / base.risks[0].expected_annual_loss;
        assert!((ratio - 0.6).abs() < 1e-12, "ratio {ratio}");
        assert!(base
            .portfolio
            .losses()
            .iter()
            .zip(lower.portfolio.losses())
            .all(|(b, l)| l <= b));
    }
}

/// ROSI by hand: one risk known exactly, 2 events/yr x 0.5 x 1,000 = 1,000 a
/// year. A preventive control at effectiveness 0.5, fully implemented,
/// halves it to 500. At a cost of 100: ROSI = (1000 - 500 - 100) / 100 = 4,
/// and it pays for itself every year; at 600 it never does.
#[test]
fn return_on_investment_by_hand() {
    let risk = RiskInput::new(
        ThreePointEstimate::exactly(2.0),
        ThreePointEstimate::exactly(0.5),
        ThreePointEstimate::exactly(1_000.0),
    );
    let control = ControlEffect {
        kind: ControlKind::Preventive,
        effectiveness: 0.5,
        implementation: 1.0,
    };
    let treated = risk
        .clone()
        .with_reduction(Reduction::from_controls(&[control]));
    let plan = SimulationPlan::try_new(
        settings(100, Sampler::Fast),
        vec![
            ScenarioInputs::new("before", vec![risk]),
            ScenarioInputs::new("after", vec![treated]),
        ],
    )
    .unwrap();
    let result = simulate(&plan).unwrap();
    let cheap = result.return_on_investment(0, 1, 100.0).unwrap();
    assert_eq!(cheap.expected_loss_before, 1_000.0);
    assert_eq!(cheap.expected_loss_after, 500.0);
    assert_eq!(cheap.loss_reduction, 500.0);
    assert_eq!(cheap.rosi, 4.0);
    assert_eq!(cheap.probability_pays_off, 1.0);
    let dear = result.return_on_investment(0, 1, 600.0).unwrap();
    assert!((dear.rosi - (-1.0 / 6.0)).abs() < 1e-15);
    assert_eq!(dear.probability_pays_off, 0.0);
    assert_eq!(
        result.return_on_investment(0, 1, 0.0),
        Err(QuantError::InvalidCost(0.0))
    );
    assert_eq!(
        result.return_on_investment(0, 5, 1.0),
        Err(QuantError::NoSuchScenario(5))
    );
}

/// ROSI on a stochastic portfolio equals the formula on the simulated means,
/// and the pay-off probability is the paired count.
#[test]
fn return_on_investment_uses_paired_years() {
    let baseline = ScenarioInputs::new("baseline", portfolio());
    let treatment = TreatmentInputs {
        name: "backup".into(),
        annual_cost: 20_000.0,
        reductions: vec![(
            1,
            Reduction {
                vulnerability: 0.0,
                loss_magnitude: 0.8,
            },
        )],
    };
    let treated = baseline.with_treatments("backup", &[&treatment]);
    let plan =
        SimulationPlan::try_new(settings(20_000, Sampler::Fast), vec![baseline, treated]).unwrap();
    let result = simulate(&plan).unwrap();
    let rosi = result
        .return_on_investment(0, 1, treatment.annual_cost)
        .unwrap();
    let (before, after) = (
        &result.scenarios[0].portfolio,
        &result.scenarios[1].portfolio,
    );
    let expected = (before.mean() - after.mean() - 20_000.0) / 20_000.0;
    assert!((rosi.rosi - expected).abs() < 1e-12);
    let paying = before
        .losses()
        .iter()
        .zip(after.losses())
        .filter(|(b, a)| *b - *a > 20_000.0)
        .count();
    assert_eq!(rosi.probability_pays_off, paying as f64 / 20_000.0);
    assert!(rosi.probability_pays_off > 0.0 && rosi.probability_pays_off < 1.0);
}

#[test]
fn invalid_plans_are_refused_with_the_culprit() {
    let mut risks = portfolio();
    risks[2].threat_event_frequency = ThreePointEstimate::new(1.0, f64::NAN, 2.0);
    let error = SimulationPlan::single(settings(10, Sampler::Fast), risks).unwrap_err();
    assert!(matches!(
        error,
        QuantError::InvalidEstimate {
            risk: 2,
            factor: InputFactor::ThreatEventFrequency,
            ..
        }
    ));
    assert!(error.to_string().contains("risk #2"));
    assert_eq!(
        SimulationPlan::single(settings(1, Sampler::Fast), portfolio()).unwrap_err(),
        QuantError::TooFewIterations(1)
    );
    let short = ScenarioInputs::new("short", portfolio()[..1].to_vec());
    assert!(matches!(
        SimulationPlan::try_new(
            settings(10, Sampler::Fast),
            vec![ScenarioInputs::new("baseline", portfolio()), short]
        ),
        Err(QuantError::ScenarioSizeMismatch { .. })
    ));
}

#[test]
fn shard_ranges_are_aligned_and_cover_everything() {
    let plan = SimulationPlan::single(settings(100_000, Sampler::Fast), portfolio()).unwrap();
    for parts in [1, 2, 3, 8, 97, 98, 500] {
        let ranges = plan.shard_ranges(parts);
        assert!(ranges.len() <= parts);
        assert_eq!(ranges.first().unwrap().start, 0);
        assert_eq!(ranges.last().unwrap().end, 100_000);
        for pair in ranges.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
            assert_eq!(pair[0].end % BLOCK_ITERATIONS, 0);
        }
    }
}

/// ROSI per action and for the whole plan, from one simulation: the actions
/// share the baseline's random numbers, so each scenario's loss reduction is
/// exactly the treated risk's (other risks contribute identical losses).
#[test]
fn treatments_are_priced_alone_and_together() {
    let baseline = ScenarioInputs::new("baseline", portfolio());
    let treatments = [
        TreatmentInputs {
            name: "awareness training".into(),
            annual_cost: 5_000.0,
            reductions: vec![(
                0,
                Reduction {
                    vulnerability: 0.3,
                    loss_magnitude: 0.0,
                },
            )],
        },
        TreatmentInputs {
            name: "immutable backups".into(),
            annual_cost: 20_000.0,
            reductions: vec![(
                1,
                Reduction {
                    vulnerability: 0.0,
                    loss_magnitude: 0.8,
                },
            )],
        },
    ];
    let scenarios = baseline.treatment_scenarios(&treatments);
    assert_eq!(scenarios.len(), 4);
    let plan = SimulationPlan::try_new(settings(10_000, Sampler::Fast), scenarios).unwrap();
    let result = simulate(&plan).unwrap();
    let returns = result.treatment_returns(&treatments).unwrap();
    assert_eq!(returns.len(), 3);
    assert_eq!(returns[2].0, "all treatments");
    assert_eq!(returns[2].1.annual_cost, 25_000.0);
    let risks = |scenario: usize| &result.scenarios[scenario].risks;
    // Training touches risk 0 only: its ALE falls by exactly 30 %.
    assert_eq!(risks(1)[1..], risks(0)[1..]);
    let ratio = risks(1)[0].expected_annual_loss / risks(0)[0].expected_annual_loss;
    assert!((ratio - 0.7).abs() < 1e-12);
    // Together: each risk as in its own treatment's scenario.
    assert_eq!(risks(3)[0], risks(1)[0]);
    assert_eq!(risks(3)[1], risks(2)[1]);
    for (_, rosi) in &returns {
        let expected = (rosi.expected_loss_before - rosi.expected_loss_after - rosi.annual_cost)
            / rosi.annual_cost;
        assert!((rosi.rosi - expected).abs() < 1e-12);
    }
}
