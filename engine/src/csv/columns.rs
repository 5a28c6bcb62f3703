//! The columns of each register: header, aliases, how a cell is read from
//! and written to an object.

use super::lookups::{
    date_cell, join_list, parse_date, parse_level, parse_percent, parse_properties, resolve,
    Context, APPLICABILITY, ASSET_KINDS, DECISIONS, IMPLEMENTATION, REASONS, RISK_STATUSES,
};
use super::table::split_list;
use super::SoaLine;
use crate::methodology::{Impact, Likelihood};
use crate::model::*;

type Getter<T> = fn(&Context, &T) -> String;
type Setter<T> = fn(&Context, &mut T, &str) -> Result<(), String>;

pub(super) struct Column<T> {
    /// Standard header, as exported.
    pub(super) name: &'static str,
    /// Other headers accepted, normalised (see [`normalise`]).
    pub(super) aliases: &'static [&'static str],
    pub(super) get: Getter<T>,
    /// `None` for columns that are exported for reading only.
    pub(super) set: Option<Setter<T>>,
}

pub(super) fn column<T>(
    name: &'static str,
    aliases: &'static [&'static str],
    get: Getter<T>,
    set: Option<Setter<T>>,
) -> Column<T> {
    Column {
        name,
        aliases,
        get,
        set,
    }
}

pub(super) fn required_text(cell: &str, what: &str) -> Result<String, String> {
    let text = cell.trim();
    if text.is_empty() {
        Err(format!("every row needs a {what}"))
    } else {
        Ok(text.to_owned())
    }
}

/// The controls listed in `cell`, each once; every unknown one is a problem.
pub(super) fn unique_controls(ctx: &Context, cell: &str) -> Result<Vec<ControlId>, String> {
    let mut out: Vec<ControlId> = Vec::new();
    let mut problems = Vec::new();
    for item in split_list(cell) {
        match ctx.control(item) {
            Ok(id) if !out.contains(&id) => out.push(id),
            Ok(_) => {}
            Err(e) => problems.push(e),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems.join("; "))
    }
}

/// The kinds of column every register repeats, each over one field: getters
/// and setters are plain `fn`s, so a field path can only reach them through
/// a macro.
///
/// - `id`: the object's id, read only;
/// - `text`: the cell as it is; `trimmed`: without surrounding spaces;
/// - `required`: trimmed and never blank ("every row needs a title", the
///   header in lower case);
/// - `impact`: a level on the methodology's impact scale;
/// - `unique_controls`: controls by id, each once;
/// - `person`: a person by name or id; `date`: an ISO date or blank;
/// - `choice(CHOICES)`: one of `CHOICES`; `choice_or(CHOICES, BLANK)`: a
///   blank cell reads as `BLANK`.
macro_rules! field_column {
    (id, $name:literal, $aliases:expr) => {
        $crate::csv::columns::column($name, $aliases, |_, x| x.id.to_string(), None)
    };
    (text, $name:literal, $aliases:expr, $($field:ident).+) => {
        $crate::csv::columns::column(
            $name,
            $aliases,
            |_, x| x.$($field).+.clone(),
            Some(|_, x, cell| {
                x.$($field).+ = cell.to_owned();
                Ok(())
            }),
        )
    };
    (trimmed, $name:literal, $aliases:expr, $($field:ident).+) => {
        $crate::csv::columns::column(
            $name,
            $aliases,
            |_, x| x.$($field).+.clone(),
            Some(|_, x, cell| {
                x.$($field).+ = cell.trim().to_owned();
                Ok(())
            }),
        )
    };
    (required, $name:literal, $aliases:expr, $($field:ident).+) => {
        $crate::csv::columns::column(
            $name,
            $aliases,
            |_, x| x.$($field).+.clone(),
            Some(|_, x, cell| {
                x.$($field).+ =
                    $crate::csv::columns::required_text(cell, &$name.to_lowercase())?;
                Ok(())
            }),
        )
    };
    (impact, $name:literal, $aliases:expr, $($field:ident).+) => {
        $crate::csv::columns::column(
            $name,
            $aliases,
            |_, x| x.$($field).+.to_string(),
            Some(|ctx, x, cell| {
                x.$($field).+ = $crate::csv::columns::impact(ctx, cell)?;
                Ok(())
            }),
        )
    };
    (unique_controls, $name:literal, $aliases:expr, $($field:ident).+) => {
        $crate::csv::columns::column(
            $name,
            $aliases,
            |_, x| $crate::csv::lookups::join_list(&x.$($field).+),
            Some(|ctx, x, cell| {
                x.$($field).+ = $crate::csv::columns::unique_controls(ctx, cell)?;
                Ok(())
            }),
        )
    };
    (person, $name:literal, $aliases:expr, $($field:ident).+) => {
        $crate::csv::columns::column(
            $name,
            $aliases,
            |ctx, x| ctx.person(&x.$($field).+),
            Some(|ctx, x, cell| {
                x.$($field).+ = ctx.find_person(cell)?;
                Ok(())
            }),
        )
    };
    (date, $name:literal, $aliases:expr, $($field:ident).+) => {
        $crate::csv::columns::column(
            $name,
            $aliases,
            |_, x| $crate::csv::lookups::date_cell(&x.$($field).+),
            Some(|_, x, cell| {
                x.$($field).+ = $crate::csv::lookups::parse_date(cell)?;
                Ok(())
            }),
        )
    };
    (choice($choices:expr), $name:literal, $aliases:expr, $($field:ident).+) => {
        $crate::csv::columns::column(
            $name,
            $aliases,
            |_, x| $choices.write(x.$($field).+),
            Some(|_, x, cell| {
                x.$($field).+ = $choices.parse(cell)?;
                Ok(())
            }),
        )
    };
    (choice_or($choices:expr, $blank:expr), $name:literal, $aliases:expr, $($field:ident).+) => {
        $crate::csv::columns::column(
            $name,
            $aliases,
            |_, x| $choices.write(x.$($field).+),
            Some(|_, x, cell| {
                x.$($field).+ = $choices.parse_or(cell, $blank)?;
                Ok(())
            }),
        )
    };
}
pub(super) use field_column;

pub(super) fn asset_columns() -> Vec<Column<Asset>> {
    vec![
        field_column!(id, "ID", &["id", "assetid", "assetref", "ref"]),
        field_column!(required, "Name", &["name", "assetname", "asset"], name),
        field_column!(
            choice(ASSET_KINDS),
            "Type",
            &["type", "kind", "assettype", "category"],
            kind
        ),
        field_column!(
            person,
            "Owner",
            &["owner", "assetowner", "ownerid", "ownername", "responsible"],
            owner
        ),
        field_column!(
            impact,
            "Confidentiality",
            &["c", "confidentiality", "conf"],
            valuation.confidentiality
        ),
        field_column!(
            impact,
            "Integrity",
            &["i", "integrity"],
            valuation.integrity
        ),
        field_column!(
            impact,
            "Availability",
            &["a", "availability", "avail"],
            valuation.availability
        ),
        field_column!(
            trimmed,
            "Classification",
            &["classification", "label", "class", "classificationlabel"],
            classification
        ),
        field_column!(
            text,
            "Description",
            &["description", "notes", "details"],
            description
        ),
    ]
}

fn impact(ctx: &Context, cell: &str) -> Result<Impact, String> {
    let scale = ctx.workspace.methodology.impact_scale();
    Ok(Impact::checked_new(parse_level(cell, scale, "impact")?).expect("on the scale"))
}

pub(super) fn risk_columns() -> Vec<Column<Risk>> {
    vec![
        field_column!(id, "ID", &["id", "riskid", "riskref", "ref"]),
        field_column!(
            required,
            "Title",
            &["title", "risk", "riskname", "name", "risktitle"],
            title
        ),
        field_column!(
            text,
            "Description",
            &["description", "scenario", "riskscenario", "details"],
            description
        ),
        column(
            "Assets",
            &["assets", "asset", "assetids", "affectedassets"],
            |_, r| join_list(&r.assets),
            Some(|ctx, r, cell| {
                let mut assets = Vec::new();
                let mut problems = Vec::new();
                for item in split_list(cell) {
                    match resolve(item, &ctx.assets, &ctx.assets_by_name, "asset", "assets") {
                        Ok(Some(id)) => assets.push(AssetId::try_new(id).expect("known id")),
                        Ok(None) => {}
                        Err(e) => problems.push(e),
                    }
                }
                if !problems.is_empty() {
                    return Err(problems.join("; "));
                }
                r.assets = assets;
                Ok(())
            }),
        ),
        column(
            "Threat",
            &["threat", "threatid"],
            |_, r| {
                r.threat
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            },
            Some(|ctx, r, cell| {
                r.threat = resolve(
                    cell,
                    &ctx.threats,
                    &ctx.threats_by_name,
                    "threat",
                    "threats",
                )?
                .map(|id| ThreatId::try_new(id).expect("known id"));
                Ok(())
            }),
        ),
        column(
            "Vulnerability",
            &["vulnerability", "vulnerabilityid", "weakness"],
            |_, r| {
                r.vulnerability
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            },
            Some(|ctx, r, cell| {
                r.vulnerability = resolve(
                    cell,
                    &ctx.vulnerabilities,
                    &ctx.vulnerabilities_by_name,
                    "vulnerability",
                    "vulnerabilities",
                )?
                .map(|id| VulnerabilityId::try_new(id).expect("known id"));
                Ok(())
            }),
        ),
        field_column!(
            person,
            "Owner",
            &["owner", "riskowner", "ownerid", "ownername", "responsible"],
            owner
        ),
        column(
            "Properties",
            &[
                "properties",
                "cia",
                "affectedproperties",
                "securityproperties",
            ],
            |_, r| {
                r.properties
                    .iter()
                    .map(Property::name)
                    .collect::<Vec<_>>()
                    .join("; ")
            },
            Some(|_, r, cell| {
                r.properties = parse_properties(cell)?;
                Ok(())
            }),
        ),
        column(
            "Likelihood",
            &["likelihood", "l", "probability", "inherentlikelihood"],
            |_, r| r.likelihood.to_string(),
            Some(|ctx, r, cell| {
                let scale = ctx.workspace.methodology.likelihood_scale();
                r.likelihood = Likelihood::checked_new(parse_level(cell, scale, "likelihood")?)
                    .expect("on the scale");
                Ok(())
            }),
        ),
        column(
            "Impact",
            &["impact", "i", "inherentimpact", "consequence"],
            |_, r| r.impact.map(|i| i.to_string()).unwrap_or_default(),
            Some(|ctx, r, cell| {
                r.impact = if cell.trim().is_empty() {
                    None
                } else {
                    Some(impact(ctx, cell)?)
                };
                Ok(())
            }),
        ),
        field_column!(
            choice_or(DECISIONS, TreatmentDecision::Undecided),
            "Treatment",
            &[
                "treatment",
                "decision",
                "treatmentdecision",
                "treatmentoption",
            ],
            treatment.decision
        ),
        field_column!(
            text,
            "Rationale",
            &["rationale", "treatmentrationale", "justification"],
            treatment.rationale
        ),
        column(
            "Transferred share",
            &["transferredshare", "transferred", "share", "transfershare"],
            |_, r| {
                let share = r.treatment.transferred_share;
                if share == Percent::ZERO {
                    String::new()
                } else {
                    share.get().to_string()
                }
            },
            Some(|_, r, cell| {
                r.treatment.transferred_share = parse_percent(cell)?;
                Ok(())
            }),
        ),
        column(
            "Controls",
            &["controls", "mitigatingcontrols", "controlids"],
            |_, r| join_list(&r.controls),
            Some(|ctx, r, cell| {
                let mut controls = Vec::new();
                let mut problems = Vec::new();
                for item in split_list(cell) {
                    match ctx.control(item) {
                        Ok(id) => controls.push(id),
                        Err(e) => problems.push(e),
                    }
                }
                if !problems.is_empty() {
                    return Err(problems.join("; "));
                }
                r.controls = controls;
                Ok(())
            }),
        ),
        // The three acceptance columns are read in this order: who, when,
        // until when.
        column(
            "Accepted by",
            &["acceptedby", "acceptanceby"],
            |ctx, r| ctx.person(&r.acceptance.as_ref().map(|a| a.accepted_by.clone())),
            Some(|ctx, r, cell| {
                match ctx.find_person(cell)? {
                    None => r.acceptance = None,
                    Some(person) => match &mut r.acceptance {
                        Some(acceptance) => acceptance.accepted_by = person,
                        None => {
                            r.acceptance = Some(Acceptance {
                                accepted_by: person,
                                // Replaced by "Accepted on", which is then required.
                                date: Date::checked_new(1900, 1, 1).expect("valid"),
                                expires: None,
                            })
                        }
                    },
                }
                Ok(())
            }),
        ),
        column(
            "Accepted on",
            &[
                "acceptedon",
                "acceptancedate",
                "dateaccepted",
                "accepteddate",
            ],
            |_, r| date_cell(&r.acceptance.as_ref().map(|a| a.date)),
            Some(|_, r, cell| {
                let date = parse_date(cell)?;
                match (&mut r.acceptance, date) {
                    (None, None) => Ok(()),
                    (None, Some(_)) => Err("an acceptance date needs \"Accepted by\" too".into()),
                    (Some(_), None) => {
                        Err("an accepted risk needs the date it was accepted".into())
                    }
                    (Some(acceptance), Some(date)) => {
                        acceptance.date = date;
                        Ok(())
                    }
                }
            }),
        ),
        column(
            "Acceptance expires",
            &[
                "acceptanceexpires",
                "expires",
                "acceptanceexpiry",
                "expiry",
                "acceptedtill",
                "accepteduntil",
            ],
            |_, r| date_cell(&r.acceptance.as_ref().and_then(|a| a.expires)),
            Some(|_, r, cell| {
                let date = parse_date(cell)?;
                match (&mut r.acceptance, date) {
                    (None, None) => Ok(()),
                    (None, Some(_)) => Err("an expiry date needs \"Accepted by\" too".into()),
                    (Some(acceptance), expires) => {
                        acceptance.expires = expires;
                        Ok(())
                    }
                }
            }),
        ),
        field_column!(
            date,
            "Review date",
            &["reviewdate", "nextreview", "review", "reviewby"],
            review_date
        ),
        field_column!(
            choice_or(RISK_STATUSES, RiskStatus::Open),
            "Status",
            &["status", "riskstatus"],
            status
        ),
    ]
}

pub(super) fn soa_columns() -> Vec<Column<SoaLine>> {
    vec![
        column(
            "Control",
            &[
                "control",
                "controlid",
                "id",
                "annexa",
                "ref",
                "number",
                "clause",
            ],
            |_, l| l.entry.control.to_string(),
            None,
        ),
        column(
            "Title",
            &["title", "controltitle", "name", "controlname"],
            |ctx, l| {
                ctx.controls
                    .get(l.entry.control.as_str())
                    .map(|c| c.title.clone())
                    .unwrap_or_default()
            },
            None,
        ),
        column(
            "Theme",
            &["theme"],
            |ctx, l| {
                ctx.controls
                    .get(l.entry.control.as_str())
                    .map(|c| c.theme.name().to_owned())
                    .unwrap_or_default()
            },
            None,
        ),
        field_column!(
            choice_or(APPLICABILITY, Applicability::Undecided),
            "Applicability",
            &["applicability", "applicable", "included", "inscope"],
            entry.applicability
        ),
        column(
            "Reasons",
            &[
                "reasons",
                "inclusionreasons",
                "reason",
                "reasonsforinclusion",
                "justificationforinclusion",
            ],
            |_, l| {
                l.entry
                    .reasons
                    .iter()
                    .map(|r| REASONS.write(*r))
                    .collect::<Vec<_>>()
                    .join("; ")
            },
            Some(|_, l, cell| {
                let mut reasons = Vec::new();
                for item in split_list(cell) {
                    let reason = REASONS.parse(item)?;
                    if !reasons.contains(&reason) {
                        reasons.push(reason);
                    }
                }
                l.entry.reasons = reasons;
                Ok(())
            }),
        ),
        field_column!(
            text,
            "Exclusion justification",
            &[
                "exclusionjustification",
                "justification",
                "exclusionreason",
                "reasonforexclusion",
                "justificationforexclusion",
            ],
            entry.exclusion_justification
        ),
        field_column!(
            choice_or(IMPLEMENTATION, ImplementationStatus::NotStarted),
            "Status",
            &["status", "implementationstatus", "implementation"],
            status
        ),
        field_column!(
            person,
            "Owner",
            &[
                "owner",
                "controlowner",
                "ownerid",
                "ownername",
                "responsible",
            ],
            entry.owner
        ),
        field_column!(
            text,
            "Evidence",
            &["evidence", "notes", "evidencenotes", "comments"],
            entry.evidence
        ),
        field_column!(
            date,
            "Target date",
            &["targetdate", "target", "duedate", "due"],
            entry.target_date
        ),
    ]
}
