//! `isms`: the command-line front of the engine, for scripts, pipelines and
//! benchmarks.
//!
//! Exit codes: 0 success, 1 invalid input (a file that cannot be read or
//! does not validate), 2 usage error (clap's code for a bad argument).
//!
//! The arguments are parsed by clap, which is an optional dependency of the
//! engine behind the default `cli` feature: the app builds the engine
//! without default features, so none of it reaches the wasm.

mod cycle;
mod simulate;
mod xlsx;

use clap::{CommandFactory, Parser, Subcommand};
use engine::{AnalysisOptions, Date, Workspace};
use std::process::ExitCode;

/// Risk analysis of ISMS Workbench workspace exports: validate, analyse,
/// compare scenarios, choose actions, simulate losses.
#[derive(Parser)]
#[command(
    name = "isms",
    version,
    after_help = "DATE is YYYY-MM-DD (default: today's date, UTC). FILE may be - for standard input.\n\
                  Exit codes: 0 ok, 1 invalid input, 2 usage error."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Check an export; list every problem (exit 1 when invalid)
    Validate {
        /// The workspace export (- for standard input)
        file: String,
    },
    /// Print the JSON analysis of an export
    ///
    /// Every risk's levels and breakdown, heat maps, SoA coverage, findings,
    /// and under `cycle` the certification readiness with its parts, overdue
    /// document reviews, off-target objectives and overdue nonconformities.
    #[command(visible_alias = "analyse")]
    Analyze {
        /// The workspace export (- for standard input)
        file: String,
        #[command(flatten)]
        date: Today,
    },
    /// Compare a scenario with the baseline (JSON)
    ///
    /// The comparison of the baseline with the scenario, and the scenario's
    /// full analysis.
    Scenario {
        /// The workspace export (- for standard input)
        file: String,
        /// The scenario's id or name
        name: String,
        #[command(flatten)]
        date: Today,
    },
    /// Choose the open actions worth doing (JSON)
    ///
    /// The cheapest set of open actions that brings every risk within
    /// appetite, or with --budget the best reduction within the budget.
    #[command(visible_alias = "optimize")]
    Optimise {
        /// The workspace export (- for standard input)
        file: String,
        /// Spend at most this whole amount, in the workspace's currency
        #[arg(long, value_name = "N")]
        budget: Option<u64>,
    },
    /// Print a synthetic workspace export (for benchmarks)
    Generate {
        /// Number of risks
        risks: usize,
        /// Number of assets
        assets: usize,
        /// Random seed
        #[arg(default_value_t = 1)]
        seed: u64,
    },
    /// Print the export of the demo organisation
    Demo,
    /// Print an OSCAL document (JSON) made from an export
    ///
    /// profile: the controls the SoA applies, with our reasons and evidence;
    /// ssp: a system security plan with each control's implementation status;
    /// poam: open treatment actions and open nonconformities as a plan of
    /// action and milestones; ar: internal audits and their findings as
    /// assessment results. Control ids and the workspace's own texts only.
    Oscal {
        /// Which document: profile, ssp, poam or ar
        #[arg(long, value_parser = ["profile", "ssp", "poam", "ar"])]
        kind: String,
        /// The workspace export (- for standard input)
        file: String,
        /// The time written as last-modified, RFC 3339 with a time zone
        /// [default: now, UTC]
        #[arg(long, value_name = "TIME")]
        generated: Option<String>,
    },
    /// FAIR-lite Monte Carlo of a portfolio or of an export's risks
    ///
    /// Simulates annual losses of a portfolio CSV, or of the risks with
    /// quantitative inputs in a workspace export.
    #[command(after_help = "\
Either a portfolio CSV (--n with --seed, or --input), giving the result JSON of
bench/fair-peers/MODEL.md section 3, or a workspace export (--workspace with any
--scenario), giving the figures of the app's Quantitative page.")]
    Simulate(simulate::Arguments),
    /// Excel workbooks: write the workbook of an export, or preview
    /// importing a sheet of one
    #[command(subcommand)]
    Xlsx(xlsx::Command),
}

/// The `--today` option of the commands that date their findings.
#[derive(clap::Args)]
struct Today {
    /// The date findings are judged on [default: today's date, UTC]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    today: Option<Date>,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("{text:?} is not a date of the form YYYY-MM-DD"))
}

/// A failed command: the message and the exit code.
struct Failure(String, u8);

fn main() -> ExitCode {
    let Some(command) = Cli::parse().command else {
        // `isms` alone prints the help, as `isms help` does, and succeeds.
        println!("{}", Cli::command().render_help());
        return ExitCode::SUCCESS;
    };
    let result = match command {
        Command::Validate { file } => validate(&file),
        Command::Analyze { file, date } => analyze(&file, &date),
        Command::Scenario { file, name, date } => scenario(&file, &name, &date),
        Command::Optimise { file, budget } => optimise(&file, budget),
        Command::Generate {
            risks,
            assets,
            seed,
        } => generate(risks, assets, seed),
        Command::Demo => demo(),
        Command::Oscal {
            kind,
            file,
            generated,
        } => oscal(&kind, &file, generated),
        Command::Simulate(arguments) => {
            simulate::run(&arguments).map_err(|(message, code)| Failure(message, code))
        }
        Command::Xlsx(command) => xlsx::run(&command),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message, code)) => {
            if !message.is_empty() {
                eprintln!("{message}");
            }
            ExitCode::from(code)
        }
    }
}

/// The bytes of `path` (`-` for standard input); import checks that they
/// are UTF-8 and says where they are not.
fn read(path: &str) -> Result<Vec<u8>, Failure> {
    if path == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
            .map_err(|e| Failure(format!("cannot read standard input: {e}"), 1))?;
        return Ok(bytes);
    }
    std::fs::read(path).map_err(|e| Failure(format!("cannot read {path}: {e}"), 1))
}

fn load(path: &str) -> Result<Workspace, Failure> {
    let bytes = read(path)?;
    engine::import_json_bytes(&bytes)
        .map(|imported| imported.workspace)
        .map_err(|problems| {
            let mut message = format!(
                "{path} is not a valid workspace export ({} problems):",
                problems.len()
            );
            for p in &problems {
                message.push_str(&format!("\n  {p}"));
            }
            Failure(message, 1)
        })
}

fn today() -> Option<Date> {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    Date::from_unix_days((seconds / 86_400) as i64)
}

fn options(date: &Today) -> AnalysisOptions {
    AnalysisOptions {
        today: date.today.or_else(today),
    }
}

fn print_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure(format!("cannot write the result: {e}"), 1))?;
    println!("{text}");
    Ok(())
}

fn validate(path: &str) -> Result<(), Failure> {
    let bytes = read(path)?;
    match engine::import_json_bytes(&bytes) {
        Ok(imported) => {
            let ws = &imported.workspace;
            println!(
                "{path}: valid (schema version {}{}): {} risks, {} assets, {} controls, {} actions, {} scenarios",
                imported.from_version,
                if imported.from_version < engine::SCHEMA_VERSION {
                    format!(", migrated to {}", engine::SCHEMA_VERSION)
                } else {
                    String::new()
                },
                ws.risks.len(),
                ws.assets.len(),
                ws.controls.len(),
                ws.actions.len(),
                ws.scenarios.len()
            );
            for warning in &imported.warnings {
                println!("  warning: {warning}");
            }
            Ok(())
        }
        Err(problems) => {
            println!("{path}: invalid, {} problems:", problems.len());
            for problem in &problems {
                println!("  {problem}");
            }
            Err(Failure(String::new(), 1))
        }
    }
}

fn analyze(path: &str, date: &Today) -> Result<(), Failure> {
    let options = options(date);
    let workspace = load(path)?;
    let analysis = engine::analyze_with(&workspace, &options);
    let cycle = cycle::report(&workspace, &analysis, options.today);
    #[derive(serde::Serialize)]
    struct Output {
        #[serde(flatten)]
        analysis: engine::Analysis,
        cycle: cycle::CycleReport,
    }
    print_json(&Output { analysis, cycle })
}

fn scenario(path: &str, name: &str, date: &Today) -> Result<(), Failure> {
    let options = options(date);
    let workspace = load(path)?;
    let Some(scenario) = workspace.scenario(name) else {
        let known: Vec<String> = workspace
            .scenarios
            .iter()
            .map(|s| format!("{} ({})", s.id, s.name))
            .collect();
        return Err(Failure(
            format!(
                "no scenario {name:?} in {path}; it has: {}",
                if known.is_empty() {
                    "none".into()
                } else {
                    known.join(", ")
                }
            ),
            1,
        ));
    };
    #[derive(serde::Serialize)]
    struct Output {
        comparison: engine::Comparison,
        analysis: engine::Analysis,
    }
    print_json(&Output {
        comparison: engine::compare(&workspace, &[scenario], &options),
        analysis: engine::evaluate_scenario(&workspace, scenario, &options),
    })
}

fn optimise(path: &str, budget: Option<u64>) -> Result<(), Failure> {
    let workspace = load(path)?;
    let candidates = engine::candidates_from_actions(&workspace);
    let result = match budget {
        Some(budget) => engine::best_within_budget(&workspace, &candidates, budget),
        None => engine::cheapest_within_appetite(&workspace, &candidates),
    };
    print_json(&result)
}

fn oscal(kind: &str, path: &str, generated: Option<String>) -> Result<(), Failure> {
    let kind = engine::OscalKind::from_name(kind)
        .ok_or_else(|| Failure(format!("no OSCAL document kind {kind:?}"), 2))?;
    let workspace = load(path)?;
    let generated = generated.unwrap_or_else(now_rfc3339);
    let document = engine::oscal_document(&workspace, kind, &generated)
        .map_err(|message| Failure(format!("{path}: {message}"), 1))?;
    println!("{document}");
    Ok(())
}

/// The current time, UTC, as RFC 3339 to the second.
fn now_rfc3339() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let date = Date::from_unix_days((seconds / 86_400) as i64)
        .map_or_else(|| "1970-01-01".to_owned(), |d| d.to_string());
    let time = seconds % 86_400;
    format!(
        "{date}T{:02}:{:02}:{:02}Z",
        time / 3600,
        time / 60 % 60,
        time % 60
    )
}

fn demo() -> Result<(), Failure> {
    println!("{}", engine::export_json(&engine::demo_organisation()));
    Ok(())
}

fn generate(risks: usize, assets: usize, seed: u64) -> Result<(), Failure> {
    println!(
        "{}",
        engine::export_json(&engine::synthetic::workspace(risks, assets, seed))
    );
    Ok(())
}
