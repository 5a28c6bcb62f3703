//! Native timing of the FAIR-lite Monte Carlo on the benchmark portfolio
//! (`bench/fair-peers/MODEL.md`): 1,000 risks x 100,000 iterations, fast and
//! exact sampler, one thread and all threads. Prints figures; asserts only
//! that every run gives the same answer.
//!
//!     cargo bench -p isms-engine --bench montecarlo
//!     MONTECARLO_RISKS=100 MONTECARLO_ITERATIONS=10000 cargo bench ... (smaller)

use std::time::Instant;

use engine::{
    prepare_fast_sampler, simulate, simulate_in_parallel, RiskInput, Sampler, SimulationPlan,
    SimulationResult, SimulationSettings, SplitMix64, ThreePointEstimate,
};

const PORTFOLIO_SEED: u64 = 20_240_601;

fn main() {
    // `cargo test --benches` runs benches without --bench: keep that quick.
    let full = std::env::args().any(|arg| arg == "--bench");
    let risks = env_number("MONTECARLO_RISKS", if full { 1_000 } else { 100 });
    let iterations = env_number("MONTECARLO_ITERATIONS", if full { 100_000 } else { 10_000 });
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let portfolio = benchmark_portfolio(risks as usize, PORTFOLIO_SEED);
    let draws = 3.0 * risks as f64 * iterations as f64;
    println!("montecarlo: {risks} risks x {iterations} iterations = {draws:.3e} PERT draws, {threads} threads available");

    let started = Instant::now();
    prepare_fast_sampler();
    println!(
        "  fast sampler table build            {:>8.3} s",
        started.elapsed().as_secs_f64()
    );

    for sampler in [Sampler::Fast, Sampler::Exact] {
        let settings = SimulationSettings {
            seed: PORTFOLIO_SEED,
            iterations,
            sampler,
        };
        let plan = SimulationPlan::single(settings, portfolio.clone()).expect("valid portfolio");
        let (single, single_seconds) = timed(|| simulate(&plan));
        report(sampler, 1, single_seconds, draws, &single);
        let (parallel, parallel_seconds) = timed(|| simulate_in_parallel(&plan, threads));
        report(sampler, threads, parallel_seconds, draws, &parallel);
        assert_eq!(single, parallel, "threads changed the result");
        println!(
            "  {:<5} speed-up with {threads} threads          {:>8.2} x",
            sampler.name(),
            single_seconds / parallel_seconds
        );
    }
}

fn timed(
    run: impl FnOnce() -> Result<SimulationResult, engine::QuantError>,
) -> (SimulationResult, f64) {
    let started = Instant::now();
    let result = run().expect("simulation runs");
    (result, started.elapsed().as_secs_f64())
}

fn report(sampler: Sampler, threads: usize, seconds: f64, draws: f64, result: &SimulationResult) {
    let portfolio = &result.scenarios[0].portfolio;
    println!(
        "  {:<5} {threads} thread(s)  {seconds:>8.3} s  {:>7.1} M draws/s  ({:>5.2} ns/draw/thread)  mean {:.6e}  p99 {:.6e}",
        sampler.name(),
        draws / seconds / 1e6,
        seconds * 1e9 * threads as f64 / draws,
        portfolio.mean(),
        portfolio.percentile(99.0),
    );
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

/// The benchmark portfolio of MODEL.md section 1: SplitMix64(seed), nine
/// uniforms per risk. (`10^x` may differ from the Python CSV by one ulp.)
fn benchmark_portfolio(risks: usize, seed: u64) -> Vec<RiskInput> {
    let mut generator = SplitMix64::new(seed);
    let mut uniform = || (generator.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0);
    (0..risks)
        .map(|_| {
            let u: [f64; 9] = std::array::from_fn(|_| uniform());
            let tef_low = 0.1 + 9.9 * u[0];
            let tef_mode = tef_low * (1.0 + 4.0 * u[1]);
            let tef_high = tef_mode * (2.0 + 8.0 * u[2]);
            let vuln_low = 0.4 * u[3];
            let vuln_mode = vuln_low + (1.0 - vuln_low) * 0.5 * u[4];
            let vuln_high = vuln_mode + (1.0 - vuln_mode) * (0.05 + 0.95 * u[5]);
            let lm_low = 10f64.powf(3.0 + 3.0 * u[6]);
            let lm_mode = lm_low * (1.0 + 9.0 * u[7]);
            let lm_high = lm_mode * (2.0 + 48.0 * u[8]);
            RiskInput::new(
                ThreePointEstimate::new(tef_low, tef_mode, tef_high),
                ThreePointEstimate::new(vuln_low, vuln_mode, vuln_high),
                ThreePointEstimate::new(lm_low, lm_mode, lm_high),
            )
        })
        .collect()
}
