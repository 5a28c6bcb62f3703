//! `cargo bench -p isms-engine`: full deterministic analysis of a generated
//! workspace of 10,000 risks, 2,000 assets and 93 controls, and one scenario
//! evaluation (target: under 10 ms natively, PRODUCT.md section 7).
//! Prints median and minimum; never asserts on time.

use engine::{analyze_with, evaluate_scenario, AnalysisOptions, Date};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// CPU time this thread has used (user + system), from /proc on Linux.
/// Wall time is misleading on a busy shared machine; CPU time is not.
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let user: u64 = fields.get(11)?.parse().ok()?;
    let system: u64 = fields.get(12)?.parse().ok()?;
    // Clock ticks are 1/100 s on Linux.
    Some(Duration::from_millis((user + system) * 10))
}

fn measure(name: &str, warm_up: usize, runs: usize, mut f: impl FnMut()) {
    for _ in 0..warm_up {
        f();
    }
    let cpu_before = thread_cpu_time();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    let cpu = cpu_before
        .zip(thread_cpu_time())
        .map(|(before, after)| (after - before) / runs as u32);
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{name:<52} median {:>8.3} ms  min {:>8.3} ms  cpu/run {:>7} ({runs} runs)",
        ms(times[runs / 2]),
        ms(times[0]),
        cpu.map_or("n/a".to_owned(), |d| format!("{:.1} ms", ms(d)))
    );
}

/// One analysis and one scenario evaluation, each in a function of its own
/// so that an instruction counter can be limited to them, e.g.
/// `valgrind --tool=callgrind --toggle-collect='*profiled_analysis*'
/// <bench binary> --profile-once` (instruction counts do not depend on the
/// load of a shared machine, unlike times).
#[inline(never)]
fn profiled_analysis(ws: &engine::Workspace, options: &AnalysisOptions) {
    black_box(analyze_with(black_box(ws), options));
}

#[inline(never)]
fn profiled_scenario(ws: &engine::Workspace, options: &AnalysisOptions) {
    let all = ws.scenario("All controls implemented").expect("generated");
    black_box(evaluate_scenario(black_box(ws), all, options));
}

fn main() {
    // `cargo test --benches` passes --bench-less flags; run quickly then.
    let quick = !std::env::args().any(|a| a == "--bench");
    let (warm_up, runs) = if quick { (1, 3) } else { (5, 31) };
    let options = AnalysisOptions {
        today: Date::parse("2025-06-01"),
    };
    let ws = engine::synthetic::workspace(10_000, 2_000, 42);
    if std::env::args().any(|a| a == "--profile-once") {
        profiled_analysis(&ws, &options);
        profiled_scenario(&ws, &options);
        return;
    }
    println!(
        "workspace: {} risks, {} assets, {} controls, {} actions",
        ws.risks.len(),
        ws.assets.len(),
        ws.controls.len(),
        ws.actions.len()
    );
    measure(
        "analysis (scoring, residual, SoA coverage, checks)",
        warm_up,
        runs,
        || {
            black_box(analyze_with(black_box(&ws), &options));
        },
    );
    let quick_wins = ws.scenario("Quick wins").expect("generated");
    measure(
        "scenario evaluation: Quick wins (2 changes)",
        warm_up,
        runs,
        || {
            black_box(evaluate_scenario(black_box(&ws), quick_wins, &options));
        },
    );
    let all = ws.scenario("All controls implemented").expect("generated");
    measure(
        &format!(
            "scenario evaluation: all controls ({} changes)",
            all.changes.len()
        ),
        warm_up,
        runs,
        || {
            black_box(evaluate_scenario(black_box(&ws), all, &options));
        },
    );
    let text = engine::export_json(&ws);
    println!("export size: {:.1} MB", text.len() as f64 / 1e6);
    measure("export_json", 1, runs.min(7), || {
        black_box(engine::export_json(black_box(&ws)));
    });
    measure(
        "import_json (parse, validate, restore)",
        1,
        runs.min(7),
        || {
            black_box(engine::import_json(black_box(&text)).expect("valid"));
        },
    );
}
