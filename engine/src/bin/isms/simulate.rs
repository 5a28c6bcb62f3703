//! `isms simulate`: the FAIR-lite Monte Carlo over a portfolio CSV, writing
//! the result JSON of `bench/fair-peers/MODEL.md` section 3 so it can be
//! compared with pyfair and numpy by the peers' `compare.py`.
//!
//! Uses every core through `std::thread` (one block-aligned shard per
//! thread); the figures equal a single-thread run exactly.
//!
//! For timings build with `cargo build --profile bench -p isms-engine --bin
//! isms` (opt-level 3): the workspace's `release` profile is tuned for the
//! size of the wasm bundle (opt-level "z") and runs this loop about a
//! quarter slower. `scripts/bench-montecarlo.sh` builds it that way, in its
//! own target directory.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::ArgGroup;

use engine::{
    percentile_grid_probabilities, prepare_fast_sampler, RiskInput, Sampler, SimulationPlan,
    SimulationSettings, ThreePointEstimate,
};
use serde_json::json;

const COLUMNS: [&str; 9] = [
    "tef_low",
    "tef_mode",
    "tef_high",
    "vuln_low",
    "vuln_mode",
    "vuln_high",
    "lm_low",
    "lm_mode",
    "lm_high",
];

/// Levels reported as value at risk and tail value at risk.
const RISK_LEVELS: [f64; 3] = [0.9, 0.95, 0.99];
/// Thresholds of the loss exceedance points, as multiples of the mean.
const EXCEEDANCE_MULTIPLES: [f64; 4] = [0.5, 1.0, 2.0, 5.0];

/// The options of `isms simulate`: a portfolio CSV (`--n` or `--input`) or
/// a workspace export (`--workspace`), at least one of them.
#[derive(clap::Args)]
#[command(group(
    ArgGroup::new("source")
        .required(true)
        .multiple(true)
        .args(["risks", "input", "workspace"])
))]
pub struct Arguments {
    /// Number of risks; reads inputs/portfolio_nN_seedS.csv
    #[arg(long = "n", value_name = "N")]
    risks: Option<usize>,
    /// Simulated years
    #[arg(
        long = "iters",
        visible_alias = "iterations",
        value_name = "I",
        default_value_t = 10_000
    )]
    iterations: u64,
    /// Portfolio seed of the file name, and the random seed
    #[arg(long, value_name = "S", default_value_t = 20_240_601)]
    seed: u64,
    /// Read this portfolio instead (columns id, tef_low, tef_mode, tef_high,
    /// vuln_low, vuln_mode, vuln_high, lm_low, lm_mode, lm_high)
    #[arg(long, value_name = "CSV")]
    input: Option<PathBuf>,
    /// Write the result here [default: print it]
    #[arg(long = "out", value_name = "JSON")]
    output: Option<PathBuf>,
    /// How BetaPERT values are drawn
    #[arg(long, value_enum, default_value_t = SamplerChoice::Fast)]
    sampler: SamplerChoice,
    /// Worker threads [default: all cores]; the result does not depend on it
    #[arg(long, value_name = "T")]
    threads: Option<u64>,
    /// Random seed when it should differ from --seed
    #[arg(long = "rng-seed", value_name = "R")]
    random_seed: Option<u64>,
    /// Simulate the risks of a workspace export that have quantitative
    /// inputs, the baseline and each --scenario; prints the figures the app
    /// shows (ALE, VaR, TVaR, ROSI, curves)
    #[arg(long, value_name = "FILE")]
    workspace: Option<PathBuf>,
    /// With --workspace: a scenario to simulate too (id or name, or `all`);
    /// may be repeated
    #[arg(long, value_name = "NAME")]
    scenario: Vec<String>,
}

/// The `--sampler` choices.
#[derive(Clone, Copy, clap::ValueEnum)]
enum SamplerChoice {
    /// Inverse-CDF table (fast)
    Fast,
    /// Marsaglia-Tsang Beta (slower, no table error)
    Exact,
}

/// The arguments with their defaults resolved.
struct Options {
    risks: Option<usize>,
    iterations: u64,
    seed: u64,
    random_seed: Option<u64>,
    input: Option<PathBuf>,
    output: Option<PathBuf>,
    sampler: Sampler,
    threads: usize,
    workspace: Option<PathBuf>,
    scenarios: Vec<String>,
}

impl Options {
    fn new(arguments: &Arguments) -> Self {
        Options {
            risks: arguments.risks,
            iterations: arguments.iterations,
            seed: arguments.seed,
            random_seed: arguments.random_seed,
            input: arguments.input.clone(),
            output: arguments.output.clone(),
            sampler: match arguments.sampler {
                SamplerChoice::Fast => Sampler::Fast,
                SamplerChoice::Exact => Sampler::Exact,
            },
            threads: match arguments.threads {
                Some(threads) => (threads as usize).max(1),
                None => std::thread::available_parallelism().map_or(1, |n| n.get()),
            },
            workspace: arguments.workspace.clone(),
            scenarios: arguments.scenario.clone(),
        }
    }
}

/// Runs the subcommand; errors carry the message and the exit code
/// (1 invalid input).
pub fn run(arguments: &Arguments) -> Result<(), (String, u8)> {
    let options = Options::new(arguments);
    if let Some(path) = &options.workspace {
        return run_workspace(path, &options);
    }
    let path = options.input.clone().unwrap_or_else(|| {
        PathBuf::from(format!(
            "inputs/portfolio_n{}_seed{}.csv",
            options.risks.unwrap_or(0),
            options.seed
        ))
    });
    let risks = read_portfolio(&path).map_err(|message| (message, 1))?;
    if let Some(expected) = options.risks {
        if expected != risks.len() {
            return Err((
                format!(
                    "{} has {} risks, not {expected}",
                    path.display(),
                    risks.len()
                ),
                1,
            ));
        }
    }

    let started = Instant::now();
    let settings = SimulationSettings {
        seed: options.random_seed.unwrap_or(options.seed),
        iterations: options.iterations,
        sampler: options.sampler,
    };
    let plan = SimulationPlan::single(settings, risks).map_err(|e| (e.to_string(), 1))?;
    if options.sampler == Sampler::Fast {
        prepare_fast_sampler();
    }
    let table_seconds = started.elapsed().as_secs_f64();
    let result =
        engine::simulate_in_parallel(&plan, options.threads).map_err(|e| (e.to_string(), 1))?;
    let scenario = &result.scenarios[0];
    let portfolio = &scenario.portfolio;
    let mean = portfolio.mean();
    let grid = portfolio.percentile_grid();
    let percentiles = json!({
        "p50": portfolio.percentile(50.0),
        "p90": portfolio.percentile(90.0),
        "p99": portfolio.percentile(99.0),
    });
    let mut exceedance = serde_json::Map::new();
    for multiple in EXCEEDANCE_MULTIPLES {
        exceedance.insert(
            format!("{multiple:?}x_mean"),
            json!(portfolio.exceedance_probability(multiple * mean)),
        );
    }
    let mut value_at_risk = serde_json::Map::new();
    let mut tail_value_at_risk = serde_json::Map::new();
    for level in RISK_LEVELS {
        let key = format!("{}", level * 100.0);
        let var = portfolio
            .value_at_risk(level)
            .map_err(|e| (e.to_string(), 1))?;
        let tvar = portfolio
            .tail_value_at_risk(level)
            .map_err(|e| (e.to_string(), 1))?;
        value_at_risk.insert(key.clone(), json!(var));
        tail_value_at_risk.insert(key, json!(tvar));
    }
    let compute_seconds = started.elapsed().as_secs_f64();

    let document = json!({
        "impl": format!("isms-workbench-{}", env!("CARGO_PKG_VERSION")),
        "model": "fair_lite",
        "pert_form": "pyfair",
        "n_risks": scenario.risks.len(),
        "iterations": options.iterations,
        "seed": options.seed,
        "rng_seed": settings.seed,
        "rng": "xoshiro256++ per (seed, block of 1024 iterations, risk), seeded by SplitMix64",
        "sampler": options.sampler.name(),
        "threads": options.threads,
        "portfolio": path.file_name().map(|name| name.to_string_lossy().into_owned()),
        "compute_seconds": compute_seconds,
        "sampler_setup_seconds": table_seconds,
        "aggregate": {
            "mean": mean,
            "sd": portfolio.standard_deviation(),
            "percentiles": percentiles,
            "lec": exceedance,
            "grid_p": percentile_grid_probabilities().to_vec(),
            "grid_q": grid.iter().map(|point| point.loss).collect::<Vec<_>>(),
            "value_at_risk": value_at_risk,
            "tail_value_at_risk": tail_value_at_risk,
        },
        "per_risk_ale": scenario.risks.iter().map(|r| r.expected_annual_loss).collect::<Vec<_>>(),
        "per_risk_sd": scenario.risks.iter().map(|r| r.standard_deviation).collect::<Vec<_>>(),
    });
    let text = serde_json::to_string(&document).map_err(|e| (e.to_string(), 1))?;
    match &options.output {
        Some(path) => {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)
                    .map_err(|e| (format!("cannot create {}: {e}", parent.display()), 1))?;
            }
            std::fs::write(path, text + "\n")
                .map_err(|e| (format!("cannot write {}: {e}", path.display()), 1))?;
            println!(
                "isms-workbench/fair_lite/pyfair sampler={} threads={} n={} iters={} compute={:.3}s (sampler setup {:.3}s) mean={:.6e} p50={:.6e} p90={:.6e} p99={:.6e} -> {}",
                options.sampler.name(),
                options.threads,
                scenario.risks.len(),
                options.iterations,
                compute_seconds,
                table_seconds,
                mean,
                portfolio.percentile(50.0),
                portfolio.percentile(90.0),
                portfolio.percentile(99.0),
                path.display()
            );
        }
        None => println!("{text}"),
    }
    Ok(())
}

/// `simulate --workspace`: the baseline and the chosen scenarios of a
/// workspace export, with the same random numbers, as the app runs them.
fn run_workspace(path: &Path, options: &Options) -> Result<(), (String, u8)> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| (format!("cannot read {}: {e}", path.display()), 1))?;
    let workspace = engine::import_json(&text).map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        (
            format!(
                "{} is not a valid workspace:\n{}",
                path.display(),
                lines.join("\n")
            ),
            1,
        )
    })?;
    let mut scenarios = Vec::new();
    for wanted in &options.scenarios {
        if wanted == "all" {
            scenarios.extend(workspace.scenarios.iter());
            continue;
        }
        let scenario = workspace
            .scenario(wanted)
            .ok_or_else(|| (format!("no scenario {wanted:?} in {}", path.display()), 1))?;
        scenarios.push(scenario);
    }
    let portfolio = engine::quant_portfolio(&workspace, &scenarios);
    if portfolio.risks.is_empty() {
        return Err((
            format!(
                "{} has no open risk with quantitative inputs to simulate",
                path.display()
            ),
            1,
        ));
    }
    let settings = SimulationSettings {
        seed: options.random_seed.unwrap_or(options.seed),
        iterations: options.iterations,
        sampler: options.sampler,
    };
    let plan = SimulationPlan::try_new(settings, portfolio.scenarios.clone())
        .map_err(|e| (e.to_string(), 1))?;
    let result =
        engine::simulate_in_parallel(&plan, options.threads).map_err(|e| (e.to_string(), 1))?;
    let document = json!({
        "iterations": settings.iterations,
        "seed": settings.seed,
        "currency": portfolio.currency,
        "risks": portfolio.risks,
        "scenarios": engine::quant_report(&portfolio, &result),
    });
    let text = serde_json::to_string_pretty(&document).map_err(|e| (e.to_string(), 1))?;
    match &options.output {
        Some(out) => std::fs::write(out, text + "\n")
            .map_err(|e| (format!("cannot write {}: {e}", out.display()), 1)),
        None => {
            println!("{text}");
            Ok(())
        }
    }
}

/// Reads the portfolio CSV; columns are found by their header names.
fn read_portfolio(path: &Path) -> Result<Vec<RiskInput>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut lines = text.lines().filter(|line| !line.trim().is_empty());
    let header: Vec<&str> = lines
        .next()
        .ok_or_else(|| format!("{} is empty", path.display()))?
        .split(',')
        .map(str::trim)
        .collect();
    let positions = COLUMNS
        .iter()
        .map(|column| {
            header
                .iter()
                .position(|name| name == column)
                .ok_or_else(|| format!("{} has no column {column}", path.display()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    lines
        .enumerate()
        .map(|(index, line)| {
            let cells: Vec<&str> = line.split(',').map(str::trim).collect();
            let value = |column: usize| -> Result<f64, String> {
                let cell = cells.get(positions[column]).copied().unwrap_or("");
                cell.parse::<f64>().map_err(|_| {
                    format!(
                        "{} line {}: {} is not a number ({cell:?})",
                        path.display(),
                        index + 2,
                        COLUMNS[column]
                    )
                })
            };
            let estimate = |first: usize| -> Result<ThreePointEstimate, String> {
                Ok(ThreePointEstimate::new(
                    value(first)?,
                    value(first + 1)?,
                    value(first + 2)?,
                ))
            };
            Ok(RiskInput::new(estimate(0)?, estimate(3)?, estimate(6)?))
        })
        .collect()
}
