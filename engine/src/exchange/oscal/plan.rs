//! The profile (which controls the SoA applies, and why) and the system
//! security plan (how far each is implemented, by whom, with what evidence).

use super::{resource, text_or, token, Doc};
use crate::model::{
    Applicability, Control, ControlSource, ImplementationStatus, InclusionReason, PersonId,
    SoaEntry,
};
use serde_json::{json, Value};

/// The applicable SoA entries with their controls.
fn applicable<'a>(doc: &Doc<'a>) -> Vec<(&'a SoaEntry, Option<&'a Control>)> {
    let ws = doc.workspace;
    ws.soa
        .iter()
        .filter(|e| e.applicability == Applicability::Applicable)
        .map(|e| (e, ws.control(&e.control)))
        .collect()
}

fn is_annex_a(control: Option<&Control>) -> bool {
    control.is_some_and(|c| c.source == ControlSource::AnnexA2022)
}

fn reason_text(reason: InclusionReason) -> &'static str {
    match reason {
        InclusionReason::RiskTreatment => "risk treatment",
        InclusionReason::LegalOrRegulatory => "a legal or regulatory requirement",
        InclusionReason::Contractual => "a contractual requirement",
        InclusionReason::BusinessRequirement => "a business requirement",
        InclusionReason::BestPractice => "good practice",
    }
}

/// Our words on why a control applies and what shows it: the SoA's reasons
/// and evidence, and for a control of our own its title and description.
fn soa_prose(entry: &SoaEntry, control: Option<&Control>) -> String {
    let mut parts = Vec::new();
    if let Some(control) = control.filter(|c| c.source == ControlSource::Custom) {
        parts.push(format!("Our control: {}.", control.title.trim()));
    }
    if let Some(control) = control.filter(|c| !c.description.trim().is_empty()) {
        parts.push(control.description.trim().to_owned());
    }
    if !entry.reasons.is_empty() {
        let reasons: Vec<&str> = entry.reasons.iter().map(|r| reason_text(*r)).collect();
        parts.push(format!("Included for {}.", reasons.join(", ")));
    }
    if !entry.evidence.trim().is_empty() {
        parts.push(format!("Evidence: {}", entry.evidence.trim()));
    }
    if parts.is_empty() {
        parts.push("Applicable; no reason or evidence recorded yet.".to_owned());
    }
    parts.join("\n\n")
}

const ANNEX_A: &str = "catalogue/annex-a-2022";
const OWN: &str = "catalogue/own-controls";

/// The profile: an import of Annex A (and of our own controls, if the SoA
/// applies any) limited to the applicable controls, with our reasons and
/// evidence added to each.
pub(super) fn profile(doc: &Doc) -> Result<Value, String> {
    let entries = applicable(doc);
    if entries.is_empty() {
        return Err(
            "The Statement of Applicability has no applicable control yet, so there is \
                    nothing to put in a profile."
                .into(),
        );
    }
    let mut imports = Vec::new();
    let mut resources = Vec::new();
    for (key, annex, href, title, description) in [
        (
            ANNEX_A,
            true,
            "https://www.iso.org/standard/27001".to_owned(),
            "ISO/IEC 27001:2022 Annex A",
            "The Annex A controls, referred to by their numbers. The standard's text is not \
             included: it is published by ISO and IEC.",
        ),
        (
            OWN,
            false,
            doc.workspace_urn(),
            "The organisation's own controls",
            "Controls the organisation defined itself in ISMS Workbench; their titles and \
             descriptions are in the additions below.",
        ),
    ] {
        let ids: Vec<String> = entries
            .iter()
            .filter(|(_, c)| is_annex_a(*c) == annex)
            .map(|(e, _)| token(e.control.as_str()))
            .collect();
        if ids.is_empty() {
            continue;
        }
        let uuid = doc.uuid(key);
        imports.push(json!({
            "href": format!("#{uuid}"),
            "include-controls": [{ "with-ids": ids }],
        }));
        resources.push(resource(&uuid, title, description, &href));
    }
    let alters: Vec<Value> = entries
        .iter()
        .map(|(entry, control)| {
            let id = token(entry.control.as_str());
            json!({
                "control-id": id,
                "adds": [{
                    "position": "ending",
                    "parts": [{
                        "id": format!("{id}_soa"),
                        "name": "guidance",
                        "title": "Statement of Applicability",
                        "prose": soa_prose(entry, *control),
                    }],
                }],
            })
        })
        .collect();
    Ok(json!({
        "profile": {
            "uuid": doc.uuid("profile"),
            "metadata": doc.metadata("Statement of Applicability (profile)", &[], &[]),
            "imports": imports,
            "merge": { "as-is": true },
            "modify": { "alters": alters },
            "back-matter": { "resources": resources },
        }
    }))
}

/// The SoA entry's owner, or else the control's.
fn owner<'a>((entry, control): &(&'a SoaEntry, Option<&'a Control>)) -> Option<&'a PersonId> {
    entry
        .owner
        .as_ref()
        .or_else(|| control.and_then(|c| c.owner.as_ref()))
}

fn status_state(status: ImplementationStatus) -> &'static str {
    match status {
        ImplementationStatus::Implemented => "implemented",
        ImplementationStatus::Partial => "partial",
        ImplementationStatus::Planned | ImplementationStatus::NotStarted => "planned",
    }
}

fn status_words(status: ImplementationStatus) -> &'static str {
    match status {
        ImplementationStatus::Implemented => "implemented",
        ImplementationStatus::Partial => "partly implemented",
        ImplementationStatus::Planned => "planned",
        ImplementationStatus::NotStarted => "not started",
    }
}

/// The system security plan: the ISMS as the system, its scope as the
/// boundary, the information assets as information types, and one
/// implemented requirement per applicable control.
pub(super) fn ssp(doc: &Doc) -> Result<Value, String> {
    let ws = doc.workspace;
    let entries = applicable(doc);
    if entries.is_empty() {
        return Err(
            "The Statement of Applicability has no applicable control yet, so a system \
                    security plan would list no control."
                .into(),
        );
    }
    let owners: Vec<&PersonId> = entries.iter().filter_map(owner).collect();
    let component = doc.uuid("component/isms");
    let requirements: Vec<Value> = entries
        .iter()
        .map(|pair| {
            let (entry, control) = pair;
            let id = entry.control.as_str();
            let status = control.map(|c| c.status).unwrap_or_default();
            let mut remarks = format!("Implementation status: {}", status_words(status));
            if let Some(date) = entry.target_date {
                remarks.push_str(&format!(", target date {date}"));
            }
            remarks.push('.');
            let mut requirement = json!({
                "uuid": doc.uuid(&format!("implemented/{id}")),
                "control-id": token(id),
                "by-components": [{
                    "component-uuid": component,
                    "uuid": doc.uuid(&format!("by-component/{id}")),
                    "description": soa_prose(entry, *control),
                    "implementation-status": { "state": status_state(status) },
                }],
                "remarks": remarks,
            });
            if let Some(roles) = doc.responsible("control-owner", owner(pair)) {
                requirement["responsible-roles"] = roles;
            }
            requirement
        })
        .collect();
    let information_types: Vec<Value> = if ws.assets.is_empty() {
        vec![json!({
            "uuid": doc.uuid("information/all"),
            "title": "Information in scope",
            "description": "The asset register is empty.",
        })]
    } else {
        ws.assets
            .iter()
            .map(|asset| {
                json!({
                    "uuid": doc.uuid(&format!("asset/{}", asset.id)),
                    "title": text_or(&asset.name, asset.id.as_str()),
                    "description": text_or(&asset.description, &format!("Asset {}.", asset.id)),
                })
            })
            .collect()
    };
    let profile = doc.uuid("resource/profile");
    let roles: &[(&str, &str)] = if owners.is_empty() {
        &[]
    } else {
        &[("control-owner", "Control owner")]
    };
    let scope = text_or(&ws.scope, "The scope of the ISMS is not recorded yet.");
    Ok(json!({
        "system-security-plan": {
            "uuid": doc.uuid("ssp"),
            "metadata": doc.metadata("System security plan", &owners, roles),
            "import-profile": { "href": format!("#{profile}") },
            "system-characteristics": {
                "system-ids": [{ "identifier-type": "https://ietf.org/rfc/rfc4122", "id": doc.uuid("system") }],
                "system-name": text_or(&ws.name, "ISMS"),
                "description": format!("The information security management system of {}.", text_or(&ws.name, "the organisation")),
                "system-information": { "information-types": information_types },
                "status": { "state": "operational" },
                "authorization-boundary": { "description": scope },
            },
            "system-implementation": {
                "users": [{
                    "uuid": doc.uuid("user/staff"),
                    "title": "Staff and contractors",
                    "description": "Everyone working within the scope of the ISMS.",
                }],
                "components": [{
                    "uuid": component,
                    "type": "this-system",
                    "title": text_or(&ws.name, "ISMS"),
                    "description": "The organisation's information security management system as a whole.",
                    "status": { "state": "operational" },
                }],
            },
            "control-implementation": {
                "description": "How each control the Statement of Applicability applies is implemented, as recorded in ISMS Workbench.",
                "implemented-requirements": requirements,
            },
            "back-matter": { "resources": [resource(
                &profile,
                "Statement of Applicability (profile)",
                "The OSCAL profile exported from the same workspace (isms oscal --kind profile); \
                 the link is that document's uuid.",
                &format!("urn:uuid:{}", doc.uuid("profile")),
            )] },
        }
    }))
}
