//! The `isms` command-line front.

use std::process::Command;

fn isms(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_isms"))
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn fixture(name: &str) -> String {
    format!("{}/../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn validate_accepts_good_files_and_lists_every_problem_of_bad_ones() {
    let (code, out, _) = isms(&["validate", &fixture("demo-workspace.json")]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("valid"));
    let (code, out, _) = isms(&["validate", &fixture("schema/v0.json")]);
    assert_eq!(code, 0);
    assert!(out.contains("migrated"), "{out}");

    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("schema/v1.json")).unwrap()).unwrap();
    value["workspace"]["risks"][0]["owner"] = "P-404".into();
    value["workspace"]["risks"][3]["likelihood"] = 9.into();
    let path = std::env::temp_dir().join(format!("isms-cli-bad-{}.json", std::process::id()));
    std::fs::write(&path, value.to_string()).unwrap();
    let (code, out, _) = isms(&["validate", path.to_str().unwrap()]);
    std::fs::remove_file(&path).ok();
    assert_eq!(code, 1);
    assert!(out.contains("2 problems"), "{out}");
    assert!(out.contains("$.workspace.risks[0].owner"));
    assert!(out.contains("$.workspace.risks[3].likelihood"));
}

#[test]
fn analyze_prints_levels_breakdowns_coverage_and_findings() {
    let (code, out, err) = isms(&[
        "analyze",
        &fixture("schema/v1.json"),
        "--today",
        "2025-06-01",
    ]);
    assert_eq!(code, 0, "{err}");
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["risks"].as_array().unwrap().len(), 6);
    assert_eq!(value["risks"][0]["current"]["likelihood_reduction"], 0.8);
    assert!(value["soa"]["readiness"].is_number());
    assert!(value["findings"].as_array().unwrap().len() >= 5);
}

#[test]
fn analyze_reports_the_isms_cycle() {
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("schema/v2.json")).unwrap()).unwrap();
    value["workspace"]["nonconformities"][1]["due"] = "2025-05-01".into();
    let path = std::env::temp_dir().join(format!("isms-cli-cycle-{}.json", std::process::id()));
    std::fs::write(&path, value.to_string()).unwrap();
    let (code, out, err) = isms(&["analyze", path.to_str().unwrap(), "--today", "2025-06-01"]);
    std::fs::remove_file(&path).ok();
    assert_eq!(code, 0, "{err}");
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        value["risks"].is_array(),
        "the analysis is still at the top"
    );
    let cycle = &value["cycle"];
    let readiness = &cycle["readiness"];
    assert!(readiness["figure"]
        .as_f64()
        .is_some_and(|f| (0.0..=100.0).contains(&f)));
    for part in ["clauses", "soa", "nonconformities"] {
        assert!(readiness[part]["score"].is_number(), "{part}");
    }
    assert_eq!(readiness["blockers"][0], "NC-0002");
    assert_eq!(cycle["overdue_document_reviews"][0]["id"], "DOC-0001");
    assert_eq!(cycle["overdue_document_reviews"][0]["due"], "2025-05-01");
    assert_eq!(cycle["off_target_objectives"][0]["id"], "OBJ-0001");
    assert_eq!(cycle["off_target_objectives"][0]["latest"], 92.5);
    assert_eq!(cycle["overdue_nonconformities"][0]["id"], "NC-0002");
    assert_eq!(cycle["overdue_nonconformities"][0]["grade"], "major");
    let codes: Vec<&str> = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(codes.contains(&"document_review_overdue"));
    assert!(codes.contains(&"objective_off_target"));
    assert!(codes.contains(&"nonconformity_overdue"));
}

#[test]
fn analyze_handles_a_10000_risk_workspace() {
    let (code, out, _) = isms(&["generate", "10000", "2000", "5"]);
    assert_eq!(code, 0);
    let path = std::env::temp_dir().join(format!("isms-cli-big-{}.json", std::process::id()));
    std::fs::write(&path, out).unwrap();
    let (code, out, _) = isms(&["validate", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    let (code, out, _) = isms(&["analyze", path.to_str().unwrap()]);
    std::fs::remove_file(&path).ok();
    assert_eq!(code, 0);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["risks"].as_array().unwrap().len(), 10_000);
}

#[test]
fn scenario_compares_against_the_baseline() {
    let (code, out, err) = isms(&["scenario", &fixture("schema/v1.json"), "Backups finished"]);
    assert_eq!(code, 0, "{err}");
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["comparison"]["columns"][0]["name"], "Baseline");
    assert_eq!(
        value["comparison"]["columns"][1]["name"],
        "Backups finished"
    );
    let (code, _, err) = isms(&["scenario", &fixture("schema/v1.json"), "nope"]);
    assert_eq!(code, 1);
    assert!(err.contains("S-01"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(isms(&["frobnicate"]).0, 2);
    assert_eq!(isms(&["validate"]).0, 2);
    assert_eq!(isms(&["analyze", "x.json", "--today", "yesterday"]).0, 2);
    assert_eq!(isms(&["validate", "/nonexistent/file.json"]).0, 1);
    assert_eq!(isms(&["help"]).0, 0);
}

#[test]
fn help_lists_every_subcommand_and_succeeds() {
    for args in [&[][..], &["help"], &["--help"]] {
        let (code, out, err) = isms(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        for command in [
            "validate", "analyze", "scenario", "optimise", "generate", "demo", "simulate", "xlsx",
        ] {
            assert!(
                out.contains(&format!("\n  {command} ")),
                "{args:?} lacks {command}:\n{out}"
            );
        }
        assert!(
            out.contains("Exit codes: 0 ok, 1 invalid input, 2 usage error"),
            "{out}"
        );
    }
    let (code, out, _) = isms(&["simulate", "--help"]);
    assert_eq!(code, 0);
    for option in [
        "--n",
        "--iters",
        "--seed",
        "--input",
        "--out",
        "--sampler",
        "--workspace",
        "--scenario",
    ] {
        assert!(
            out.contains(&format!("{option} <")),
            "simulate --help lacks {option}:\n{out}"
        );
    }
}

#[test]
fn bad_arguments_exit_2_with_a_message_naming_them() {
    let (code, out, err) = isms(&["analyze", &fixture("schema/v1.json"), "--tomorrow", "x"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("--tomorrow"), "{err}");
    let (code, _, err) = isms(&["simulate", "--n", "3", "--sampler", "slow"]);
    assert_eq!(code, 2);
    assert!(err.contains("fast") && err.contains("exact"), "{err}");
    let (code, _, err) = isms(&["simulate", "--iters", "100"]);
    assert_eq!(code, 2, "no portfolio and no workspace");
    assert!(err.contains("--workspace"), "{err}");
    let (code, _, err) = isms(&["optimise", &fixture("schema/v1.json"), "--budget", "lots"]);
    assert_eq!(code, 2);
    assert!(err.contains("lots"), "{err}");
}

#[test]
fn validate_locates_bytes_that_are_not_utf8() {
    let mut bytes = std::fs::read(fixture("schema/v1.json")).unwrap();
    let at = bytes.len() / 2;
    bytes[at] = 0xFF;
    let path = std::env::temp_dir().join(format!("isms-cli-latin1-{}.json", std::process::id()));
    std::fs::write(&path, &bytes).unwrap();
    let (code, out, err) = isms(&["validate", path.to_str().unwrap()]);
    std::fs::remove_file(&path).ok();
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        format!("{out}{err}").contains(&format!("byte 0xFF at byte {at} (line ")),
        "{out}{err}"
    );
}

#[test]
fn oscal_prints_each_document_and_refuses_an_empty_one_with_the_reason() {
    let demo = fixture("demo-organisation.json");
    for (kind, root) in [
        ("profile", "profile"),
        ("ssp", "system-security-plan"),
        ("poam", "plan-of-action-and-milestones"),
        ("ar", "assessment-results"),
    ] {
        let (code, out, err) = isms(&[
            "oscal",
            "--kind",
            kind,
            &demo,
            "--generated",
            "2026-03-01T09:00:00Z",
        ]);
        assert_eq!(code, 0, "{kind}: {err}");
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            value[root]["metadata"]["last-modified"],
            "2026-03-01T09:00:00Z"
        );
    }
    // Without --generated the time is now, with a time zone.
    let (_, out, _) = isms(&["oscal", "--kind", "ssp", &demo]);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let stamp = value["system-security-plan"]["metadata"]["last-modified"]
        .as_str()
        .unwrap();
    assert!(stamp.len() == 20 && stamp.ends_with('Z'), "{stamp}");

    let (code, _, err) = isms(&["oscal", "--kind", "catalog", &demo]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = isms(&["oscal", "--kind", "ar", &fixture("schema/v0.json")]);
    assert_eq!(code, 1);
    assert!(err.contains("no assessment results"), "{err}");
}

#[test]
fn an_encrypted_export_is_refused_with_where_to_open_it() {
    let (code, out, _) = isms(&["validate", &fixture("encrypted/v2.isms.enc.json")]);
    assert_eq!(code, 1);
    assert!(out.contains("encrypted export"), "{out}");
    assert!(out.contains("passphrase"), "{out}");
}

#[test]
fn xlsx_writes_a_workbook_and_previews_a_sheet_of_it() {
    let dir = std::env::temp_dir();
    let book = dir.join(format!("isms-cli-{}.xlsx", std::process::id()));
    let book = book.to_str().unwrap();
    let demo = fixture("demo-organisation.json");
    let (code, _, err) = isms(&["xlsx", "export", &demo, book, "--today", "2026-11-22"]);
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(book).unwrap();
    assert!(bytes.starts_with(b"PK"));

    let (code, out, err) = isms(&["xlsx", "preview", &demo, book, "--register", "soa"]);
    assert_eq!(code, 0, "{err}");
    let preview: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(preview["kind"], "soa");
    assert_eq!(preview["updated"].as_array().unwrap().len(), 0);
    assert_eq!(preview["unchanged"].as_array().unwrap().len(), 93);

    // A file that is not a workbook: the problem, exit 1.
    let (code, out, _) = isms(&["xlsx", "preview", &demo, &demo]);
    std::fs::remove_file(book).ok();
    assert_eq!(code, 1);
    assert!(out.contains("not an Excel workbook"), "{out}");
    let (code, _, err) = isms(&["xlsx", "preview", &demo, &demo, "--register", "owls"]);
    assert_eq!(code, 2);
    assert!(err.contains("owls"), "{err}");
}
