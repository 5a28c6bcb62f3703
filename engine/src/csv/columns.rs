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

fn required_text(cell: &str, what: &str) -> Result<String, String> {
    let text = cell.trim();
    if text.is_empty() {
        Err(format!("every row needs a {what}"))
    } else {
        Ok(text.to_owned())
    }
}

pub(super) fn asset_columns() -> Vec<Column<Asset>> {
    vec![
        column(
            "ID",
            &["id", "assetid", "assetref", "ref"],
            |_, a| a.id.to_string(),
            None,
        ),
        column(
            "Name",
            &["name", "assetname", "asset"],
            |_, a| a.name.clone(),
            Some(|_, a, cell| {
                a.name = required_text(cell, "name")?;
                Ok(())
            }),
        ),
        column(
            "Type",
            &["type", "kind", "assettype", "category"],
            |_, a| ASSET_KINDS.write(a.kind),
            Some(|_, a, cell| {
                a.kind = ASSET_KINDS.parse(cell)?;
                Ok(())
            }),
        ),
        column(
            "Owner",
            &["owner", "assetowner", "ownerid", "ownername", "responsible"],
            |ctx, a| ctx.person(&a.owner),
            Some(|ctx, a, cell| {
                a.owner = ctx.find_person(cell)?;
                Ok(())
            }),
        ),
        column(
            "Confidentiality",
            &["c", "confidentiality", "conf"],
            |_, a| a.valuation.confidentiality.to_string(),
            Some(|ctx, a, cell| {
                a.valuation.confidentiality = impact(ctx, cell)?;
                Ok(())
            }),
        ),
        column(
            "Integrity",
            &["i", "integrity"],
            |_, a| a.valuation.integrity.to_string(),
            Some(|ctx, a, cell| {
                a.valuation.integrity = impact(ctx, cell)?;
                Ok(())
            }),
        ),
        column(
            "Availability",
            &["a", "availability", "avail"],
            |_, a| a.valuation.availability.to_string(),
            Some(|ctx, a, cell| {
                a.valuation.availability = impact(ctx, cell)?;
                Ok(())
            }),
        ),
        column(
            "Classification",
            &["classification", "label", "class", "classificationlabel"],
            |_, a| a.classification.clone(),
            Some(|_, a, cell| {
                a.classification = cell.trim().to_owned();
                Ok(())
            }),
        ),
        column(
            "Description",
            &["description", "notes", "details"],
            |_, a| a.description.clone(),
            Some(|_, a, cell| {
                a.description = cell.to_owned();
                Ok(())
            }),
        ),
    ]
}

fn impact(ctx: &Context, cell: &str) -> Result<Impact, String> {
    let scale = ctx.workspace.methodology.impact_scale();
    Ok(Impact::checked_new(parse_level(cell, scale, "impact")?).expect("on the scale"))
}

pub(super) fn risk_columns() -> Vec<Column<Risk>> {
    vec![
        column(
            "ID",
            &["id", "riskid", "riskref", "ref"],
            |_, r| r.id.to_string(),
            None,
        ),
        column(
            "Title",
            &["title", "risk", "riskname", "name", "risktitle"],
            |_, r| r.title.clone(),
            Some(|_, r, cell| {
                r.title = required_text(cell, "title")?;
                Ok(())
            }),
        ),
        column(
            "Description",
            &["description", "scenario", "riskscenario", "details"],
            |_, r| r.description.clone(),
            Some(|_, r, cell| {
                r.description = cell.to_owned();
                Ok(())
            }),
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
        column(
            "Owner",
            &["owner", "riskowner", "ownerid", "ownername", "responsible"],
            |ctx, r| ctx.person(&r.owner),
            Some(|ctx, r, cell| {
                r.owner = ctx.find_person(cell)?;
                Ok(())
            }),
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
        column(
            "Treatment",
            &[
                "treatment",
                "decision",
                "treatmentdecision",
                "treatmentoption",
            ],
            |_, r| DECISIONS.write(r.treatment.decision),
            Some(|_, r, cell| {
                r.treatment.decision = if cell.trim().is_empty() {
                    TreatmentDecision::Undecided
                } else {
                    DECISIONS.parse(cell)?
                };
                Ok(())
            }),
        ),
        column(
            "Rationale",
            &["rationale", "treatmentrationale", "justification"],
            |_, r| r.treatment.rationale.clone(),
            Some(|_, r, cell| {
                r.treatment.rationale = cell.to_owned();
                Ok(())
            }),
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
        column(
            "Review date",
            &["reviewdate", "nextreview", "review", "reviewby"],
            |_, r| date_cell(&r.review_date),
            Some(|_, r, cell| {
                r.review_date = parse_date(cell)?;
                Ok(())
            }),
        ),
        column(
            "Status",
            &["status", "riskstatus"],
            |_, r| RISK_STATUSES.write(r.status),
            Some(|_, r, cell| {
                r.status = if cell.trim().is_empty() {
                    RiskStatus::Open
                } else {
                    RISK_STATUSES.parse(cell)?
                };
                Ok(())
            }),
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
        column(
            "Applicability",
            &["applicability", "applicable", "included", "inscope"],
            |_, l| APPLICABILITY.write(l.entry.applicability),
            Some(|_, l, cell| {
                l.entry.applicability = if cell.trim().is_empty() {
                    Applicability::Undecided
                } else {
                    APPLICABILITY.parse(cell)?
                };
                Ok(())
            }),
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
        column(
            "Exclusion justification",
            &[
                "exclusionjustification",
                "justification",
                "exclusionreason",
                "reasonforexclusion",
                "justificationforexclusion",
            ],
            |_, l| l.entry.exclusion_justification.clone(),
            Some(|_, l, cell| {
                l.entry.exclusion_justification = cell.to_owned();
                Ok(())
            }),
        ),
        column(
            "Status",
            &["status", "implementationstatus", "implementation"],
            |_, l| IMPLEMENTATION.write(l.status),
            Some(|_, l, cell| {
                l.status = if cell.trim().is_empty() {
                    ImplementationStatus::NotStarted
                } else {
                    IMPLEMENTATION.parse(cell)?
                };
                Ok(())
            }),
        ),
        column(
            "Owner",
            &[
                "owner",
                "controlowner",
                "ownerid",
                "ownername",
                "responsible",
            ],
            |ctx, l| ctx.person(&l.entry.owner),
            Some(|ctx, l, cell| {
                l.entry.owner = ctx.find_person(cell)?;
                Ok(())
            }),
        ),
        column(
            "Evidence",
            &["evidence", "notes", "evidencenotes", "comments"],
            |_, l| l.entry.evidence.clone(),
            Some(|_, l, cell| {
                l.entry.evidence = cell.to_owned();
                Ok(())
            }),
        ),
        column(
            "Target date",
            &["targetdate", "target", "duedate", "due"],
            |_, l| date_cell(&l.entry.target_date),
            Some(|_, l, cell| {
                l.entry.target_date = parse_date(cell)?;
                Ok(())
            }),
        ),
    ]
}
