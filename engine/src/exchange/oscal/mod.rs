//! OSCAL (NIST's Open Security Controls Assessment Language) documents in
//! JSON, for auditors and GRC platforms:
//!
//! - [`OscalKind::Profile`]: the controls the SoA applies, with our own
//!   reasons and evidence added to each (`modify.alters`);
//! - [`OscalKind::Ssp`]: a system security plan with the implementation
//!   status, owner and evidence of every applicable control;
//! - [`OscalKind::Poam`]: a plan of action and milestones made of the open
//!   treatment actions (grouped by the risk they treat) and the open
//!   nonconformities with their corrective actions;
//! - [`OscalKind::AssessmentResults`]: one result per internal audit, with
//!   its findings.
//!
//! Only control ids and the workspace's own texts are written, never the
//! wording of the standard: an Annex A control appears by its id alone, and
//! the catalogue it comes from is a back-matter resource without content.
//!
//! Everything is a pure function of the workspace and the `generated`
//! timestamp: every `uuid` is derived from the workspace id and the object's
//! id (a 128-bit FNV-1a hash shaped as a version 5, name-based UUID), so the
//! same workspace gives the same document, and an object keeps its uuid
//! across exports. The documents follow OSCAL [`OSCAL_VERSION`] and validate
//! against NIST's published JSON schema (`scripts/check-oscal.sh`).

mod assessment;
mod plan;

use crate::model::{Date, PersonId, Workspace};
use serde_json::{json, Value};

/// The OSCAL release the documents are written for.
pub const OSCAL_VERSION: &str = "1.2.3";

/// Which OSCAL document to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OscalKind {
    /// A profile selecting the applicable controls.
    Profile,
    /// A system security plan.
    Ssp,
    /// A plan of action and milestones.
    Poam,
    /// Assessment results of the internal audits.
    AssessmentResults,
}

impl OscalKind {
    /// Every kind, in the order the app offers them.
    pub const ALL: [OscalKind; 4] = [
        OscalKind::Profile,
        OscalKind::Ssp,
        OscalKind::Poam,
        OscalKind::AssessmentResults,
    ];

    /// The short name used by the command line and in file names.
    pub fn name(self) -> &'static str {
        match self {
            OscalKind::Profile => "profile",
            OscalKind::Ssp => "ssp",
            OscalKind::Poam => "poam",
            OscalKind::AssessmentResults => "ar",
        }
    }

    /// The kind named `name` ([`OscalKind::name`]).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    /// What the document is called, for people.
    pub fn title(self) -> &'static str {
        match self {
            OscalKind::Profile => "Profile",
            OscalKind::Ssp => "System security plan",
            OscalKind::Poam => "Plan of action and milestones",
            OscalKind::AssessmentResults => "Assessment results",
        }
    }
}

/// The OSCAL document of `kind` for `workspace`, as pretty JSON, or why
/// there is nothing to put in it (an SoA with no applicable control, nothing
/// open, no audit done). `generated` is the RFC 3339 time written as
/// `last-modified` (with a time zone, such as `2026-03-01T09:00:00Z`).
pub fn oscal_document(
    workspace: &Workspace,
    kind: OscalKind,
    generated: &str,
) -> Result<String, String> {
    let doc = Doc {
        workspace,
        generated,
    };
    let value = match kind {
        OscalKind::Profile => plan::profile(&doc),
        OscalKind::Ssp => plan::ssp(&doc),
        OscalKind::Poam => assessment::poam(&doc),
        OscalKind::AssessmentResults => assessment::assessment_results(&doc),
    }?;
    Ok(serde_json::to_string_pretty(&value).expect("an OSCAL document always serialises"))
}

/// What every part of a document needs.
pub(crate) struct Doc<'a> {
    workspace: &'a Workspace,
    generated: &'a str,
}

impl Doc<'_> {
    /// The uuid of the object `what` (such as `risk/R-0001`).
    fn uuid(&self, what: &str) -> String {
        uuid_of(self.workspace.id.as_str(), what)
    }

    /// The common `metadata`: title, times, versions, the organisation and
    /// the people named by the document as parties.
    fn metadata(&self, title: &str, people: &[&PersonId], roles: &[(&str, &str)]) -> Value {
        let ws = self.workspace;
        let mut parties = vec![json!({
            "uuid": self.uuid("party/organisation"),
            "type": "organization",
            "name": text_or(&ws.name, "The organisation"),
        })];
        let mut seen: Vec<&PersonId> = Vec::new();
        for id in people {
            if seen.contains(id) {
                continue;
            }
            seen.push(id);
            let Some(person) = ws.people.iter().find(|p| &p.id == *id) else {
                continue;
            };
            let mut party = json!({
                "uuid": self.party(id),
                "type": "person",
                "name": text_or(&person.name, person.id.as_str()),
            });
            if is_email(&person.email) {
                party["email-addresses"] = json!([person.email.trim()]);
            }
            if !person.role.trim().is_empty() {
                party["remarks"] = json!(person.role.trim());
            }
            parties.push(party);
        }
        let mut metadata = json!({
            "title": format!("{title}: {}", text_or(&ws.name, "workspace")),
            "last-modified": self.generated,
            "version": self.generated,
            "oscal-version": OSCAL_VERSION,
            "parties": parties,
            "remarks": "Made by ISMS Workbench from the workspace's own records. Controls are \
                        named by their ids only; the text of ISO/IEC 27001 is not included.",
        });
        if !roles.is_empty() {
            metadata["roles"] = roles
                .iter()
                .map(|(id, title)| json!({ "id": id, "title": title }))
                .collect();
        }
        metadata
    }

    /// A URN naming the workspace, for what lives only in it.
    fn workspace_urn(&self) -> String {
        format!("urn:isms-workbench:workspace:{}", self.workspace.id)
    }

    /// The uuid of a person's party.
    fn party(&self, id: &PersonId) -> String {
        self.uuid(&format!("party/{id}"))
    }

    /// `responsible-roles` naming `owner` in `role`, if there is an owner
    /// the workspace knows.
    fn responsible(&self, role: &str, owner: Option<&PersonId>) -> Option<Value> {
        let owner = owner.filter(|o| self.workspace.people.iter().any(|p| &p.id == *o))?;
        Some(json!([{ "role-id": role, "party-uuids": [self.party(owner)] }]))
    }
}

/// A name-based uuid for `what` in the workspace `workspace_id`: 128-bit
/// FNV-1a of both, its halves mixed (SplitMix64's finaliser) so similar ids
/// give unlike uuids, with the version (5) and variant (RFC 4122) bits set.
pub fn uuid_of(workspace_id: &str, what: &str) -> String {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut hash = OFFSET;
    let bytes = workspace_id.bytes().chain([0u8]).chain(what.bytes());
    for byte in bytes {
        hash ^= u128::from(byte);
        hash = hash.wrapping_mul(PRIME);
    }
    let mix = |mut z: u64| {
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let high = mix((hash >> 64) as u64 ^ (hash as u64).rotate_left(32));
    let low = mix(hash as u64 ^ high);
    let mut b = ((u128::from(high) << 64) | u128::from(low)).to_be_bytes();
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// An OSCAL token for one of our ids: ours already use only letters,
/// digits, `.`, `-` and `_`; a token must also start with a letter or `_`.
fn token(id: &str) -> String {
    if id.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        id.to_owned()
    } else {
        format!("_{id}")
    }
}

/// `text` trimmed, or `fallback` when it is empty (OSCAL markup may not be
/// empty).
fn text_or(text: &str, fallback: &str) -> String {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        fallback.to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// A date as an OSCAL date-time (midnight UTC).
fn date_time(date: Date) -> String {
    format!("{date}T00:00:00Z")
}

/// Loose check that OSCAL's email datatype will take `text`.
fn is_email(text: &str) -> bool {
    let text = text.trim();
    match text.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !text.contains(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    }
}

/// A back-matter resource describing a document we refer to but do not
/// include, with a link (`rlink`) that names it.
fn resource(uuid: &str, title: &str, description: &str, href: &str) -> Value {
    json!({
        "uuid": uuid,
        "title": title,
        "description": description,
        "rlinks": [{ "href": href }],
    })
}

#[cfg(test)]
mod tests;
