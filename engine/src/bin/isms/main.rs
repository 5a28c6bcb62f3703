//! `isms`: the command-line front of the engine, for scripts, pipelines and
//! benchmarks.
//!
//! Exit codes: 0 success, 1 invalid input (a file that cannot be read or
//! does not validate), 2 usage error.

mod cycle;
mod simulate;

use engine::{AnalysisOptions, Date, Workspace};
use std::process::ExitCode;

const USAGE: &str = "\
usage: isms <command> [arguments]

commands:
  validate FILE                 check an export; list every problem (exit 1 when invalid)
  analyze FILE [--today DATE]   JSON analysis: every risk's levels and breakdown,
                                heat maps, SoA coverage, findings, and under cycle
                                the certification readiness with its parts, overdue
                                document reviews, off-target objectives and overdue
                                nonconformities
  scenario FILE NAME [--today DATE]
                                JSON comparison of the baseline with scenario NAME
                                (id or name) and the scenario's full analysis
  optimise FILE [--budget N]    cheapest set of open actions that brings every risk
                                within appetite, or the best reduction within budget N
  generate RISKS ASSETS [SEED]  print a synthetic workspace export (for benchmarks)
  demo                          print the export of the demo organisation
  simulate --n N --iters I [--seed S] [--out FILE] [--sampler fast|exact]
                                FAIR-lite Monte Carlo of inputs/portfolio_nN_seedS.csv
                                (or --input CSV); `isms simulate --help` for all options
  help                          this text

DATE is YYYY-MM-DD (default: today's date, UTC). FILE may be - for standard input.
exit codes: 0 ok, 1 invalid input, 2 usage error";

/// A failed command: the message and the exit code.
struct Failure(String, u8);

fn usage(message: impl Into<String>) -> Failure {
    Failure(format!("{}\n\n{USAGE}", message.into()), 2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = match args.split_first() {
        Some((command, rest)) => (command.as_str(), rest),
        None => ("help", &[][..]),
    };
    let result = match command {
        "validate" => validate(rest),
        "analyze" | "analyse" => analyze(rest),
        "scenario" => scenario(rest),
        "optimise" | "optimize" => optimise(rest),
        "generate" => generate(rest),
        "demo" => demo(rest),
        "simulate" => simulate::run(rest).map_err(|(message, code)| Failure(message, code)),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(usage(format!("unknown command {other:?}"))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message, code)) => {
            eprintln!("{message}");
            ExitCode::from(code)
        }
    }
}

/// Positional arguments and `--name value` options.
type Parsed<'a> = (Vec<&'a str>, Vec<(&'a str, &'a str)>);

/// Splits `--name value` options from positional arguments.
fn parse<'a>(args: &'a [String], options: &[&str]) -> Result<Parsed<'a>, Failure> {
    let mut positional = Vec::new();
    let mut named = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if let Some(name) = arg.strip_prefix("--") {
            if !options.contains(&name) {
                return Err(usage(format!("unknown option --{name}")));
            }
            let value = iter
                .next()
                .ok_or_else(|| usage(format!("--{name} needs a value")))?;
            named.push((name, value.as_str()));
        } else {
            positional.push(arg.as_str());
        }
    }
    Ok((positional, named))
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

fn options(named: &[(&str, &str)]) -> Result<AnalysisOptions, Failure> {
    let today = match named.iter().find(|(n, _)| *n == "today") {
        Some((_, value)) => Some(Date::parse(value).ok_or_else(|| {
            usage(format!(
                "--today {value:?} is not a date of the form YYYY-MM-DD"
            ))
        })?),
        None => today(),
    };
    Ok(AnalysisOptions { today })
}

fn print_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure(format!("cannot write the result: {e}"), 1))?;
    println!("{text}");
    Ok(())
}

fn one_file<'a>(positional: &[&'a str], command: &str) -> Result<&'a str, Failure> {
    match positional {
        [file] => Ok(file),
        _ => Err(usage(format!("{command} needs exactly one FILE"))),
    }
}

fn validate(args: &[String]) -> Result<(), Failure> {
    let (positional, _) = parse(args, &[])?;
    let path = one_file(&positional, "validate")?;
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

fn analyze(args: &[String]) -> Result<(), Failure> {
    let (positional, named) = parse(args, &["today"])?;
    let path = one_file(&positional, "analyze")?;
    let options = options(&named)?;
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

fn scenario(args: &[String]) -> Result<(), Failure> {
    let (positional, named) = parse(args, &["today"])?;
    let [path, name] = positional[..] else {
        return Err(usage("scenario needs FILE and NAME"));
    };
    let options = options(&named)?;
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

fn optimise(args: &[String]) -> Result<(), Failure> {
    let (positional, named) = parse(args, &["budget"])?;
    let path = one_file(&positional, "optimise")?;
    let budget = match named.iter().find(|(n, _)| *n == "budget") {
        Some((_, v)) => Some(
            v.parse::<u64>()
                .map_err(|_| usage(format!("--budget {v:?} is not a whole amount")))?,
        ),
        None => None,
    };
    let workspace = load(path)?;
    let candidates = engine::candidates_from_actions(&workspace);
    let result = match budget {
        Some(budget) => engine::best_within_budget(&workspace, &candidates, budget),
        None => engine::cheapest_within_appetite(&workspace, &candidates),
    };
    print_json(&result)
}

fn demo(args: &[String]) -> Result<(), Failure> {
    if !args.is_empty() {
        return Err(usage("demo takes no arguments"));
    }
    println!("{}", engine::export_json(&engine::demo_organisation()));
    Ok(())
}

fn generate(args: &[String]) -> Result<(), Failure> {
    let (positional, _) = parse(args, &[])?;
    let number = |text: &str| {
        text.parse::<usize>()
            .map_err(|_| usage(format!("{text:?} is not a whole number")))
    };
    let (risks, assets, seed) = match positional[..] {
        [r, a] => (number(r)?, number(a)?, 1),
        [r, a, s] => (number(r)?, number(a)?, number(s)? as u64),
        _ => return Err(usage("generate needs RISKS ASSETS [SEED]")),
    };
    println!(
        "{}",
        engine::export_json(&engine::synthetic::workspace(risks, assets, seed))
    );
    Ok(())
}
