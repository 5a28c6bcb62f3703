//! Starter threat and vulnerability catalogues, in our own words. Users
//! extend them per workspace.

use crate::model::{Property, PropertySet, Threat, ThreatId, Vulnerability, VulnerabilityId};

/// (name, category, description, harmed properties as letters c/i/a)
const THREATS: &[(&str, &str, &str, &str)] = &[
    (
        "Phishing and credential theft",
        "human deliberate",
        "Staff are tricked into revealing passwords or approving sign-ins.",
        "ci",
    ),
    (
        "Ransomware",
        "human deliberate",
        "Malicious software encrypts data and systems and a ransom is demanded.",
        "cia",
    ),
    (
        "Other malware infection",
        "human deliberate",
        "Viruses, trojans or spyware run on a device or server.",
        "cia",
    ),
    (
        "Exploitation of an unpatched weakness",
        "human deliberate",
        "An attacker uses a known software flaw that was not fixed in time.",
        "cia",
    ),
    (
        "Brute force or password spraying",
        "human deliberate",
        "Automated guessing of passwords against exposed services.",
        "ci",
    ),
    (
        "Denial of service attack",
        "human deliberate",
        "A flood of traffic or requests makes a service unusable.",
        "a",
    ),
    (
        "Insider misuse of access",
        "human deliberate",
        "An employee or contractor deliberately abuses legitimate access.",
        "cia",
    ),
    (
        "Theft of equipment or media",
        "human deliberate",
        "Laptops, phones, disks or paper files are stolen.",
        "ca",
    ),
    (
        "Social engineering by phone or in person",
        "human deliberate",
        "Someone impersonates a colleague, supplier or customer to obtain information or action.",
        "ci",
    ),
    (
        "Business e-mail compromise and payment fraud",
        "human deliberate",
        "Fake or hijacked mail redirects payments or orders.",
        "i",
    ),
    (
        "Web application attack",
        "human deliberate",
        "Injection, broken access control or similar attacks on a web application.",
        "cia",
    ),
    (
        "Compromise of a supplier or software supply chain",
        "human deliberate",
        "An attacker reaches us through a supplier, a library or an update channel.",
        "cia",
    ),
    (
        "Unauthorised physical access",
        "human deliberate",
        "An intruder enters offices, server rooms or archives.",
        "cia",
    ),
    (
        "Sabotage or vandalism",
        "human deliberate",
        "Deliberate damage to equipment, premises or data.",
        "ia",
    ),
    (
        "Espionage or data exfiltration",
        "human deliberate",
        "Information is copied out by an outsider or insider for gain.",
        "c",
    ),
    (
        "Error in use or administration",
        "human accidental",
        "A person deletes, changes or exposes data by mistake.",
        "cia",
    ),
    (
        "Misdirected or over-shared information",
        "human accidental",
        "Mail, files or links reach the wrong recipients or the public.",
        "c",
    ),
    (
        "Misconfiguration of systems or cloud services",
        "human accidental",
        "Insecure settings leave data or services exposed.",
        "cia",
    ),
    (
        "Loss of a device or document",
        "human accidental",
        "A laptop, phone, storage medium or paper file is mislaid.",
        "ca",
    ),
    (
        "Faulty software change",
        "human accidental",
        "A change or release breaks functions or corrupts data.",
        "ia",
    ),
    (
        "Hardware failure",
        "technical",
        "Servers, disks, network equipment or end-user devices fail.",
        "ia",
    ),
    (
        "Software failure or defect",
        "technical",
        "Bugs or crashes in applications, operating systems or firmware.",
        "ia",
    ),
    (
        "Loss of network connectivity",
        "technical",
        "Internet or internal network links fail.",
        "a",
    ),
    (
        "Capacity exhaustion",
        "technical",
        "Storage, compute or bandwidth run out.",
        "a",
    ),
    (
        "Failure of a cloud or IT service provider",
        "organisational",
        "An outsourced service is unavailable, degraded or ends abruptly.",
        "a",
    ),
    (
        "Loss of key staff",
        "organisational",
        "People holding critical knowledge leave or are unavailable.",
        "a",
    ),
    (
        "Breach of legal or contractual obligations",
        "organisational",
        "Processing or protection falls short of law, regulation or contracts.",
        "ci",
    ),
    (
        "Power failure",
        "environmental",
        "Loss or instability of electrical supply.",
        "a",
    ),
    (
        "Fire",
        "environmental",
        "Fire or smoke damages premises, equipment or records.",
        "ia",
    ),
    (
        "Water damage or flooding",
        "environmental",
        "Leaks, floods or extinguishing water damage equipment or records.",
        "ia",
    ),
    (
        "Severe weather or natural disaster",
        "environmental",
        "Storms, heat, earthquakes or pandemics disrupt sites and people.",
        "a",
    ),
    (
        "Failure of cooling or air conditioning",
        "environmental",
        "Overheating causes shutdowns or damage in technical rooms.",
        "a",
    ),
];

/// (name, description)
const VULNERABILITIES: &[(&str, &str)] = &[
    (
        "No multi-factor authentication",
        "Accounts are protected by a password alone.",
    ),
    (
        "Missing or late security patches",
        "Known flaws stay open longer than the policy allows.",
    ),
    (
        "Weak or reused passwords",
        "Passwords are short, guessable or used on several services.",
    ),
    (
        "Excessive access rights",
        "People hold more rights than their work needs, or keep them after changing role.",
    ),
    (
        "No tested backup",
        "Backups are missing, incomplete, online only or never restored in a test.",
    ),
    (
        "Insufficient logging and monitoring",
        "Attacks and misuse would go unnoticed or could not be reconstructed.",
    ),
    (
        "Low security awareness",
        "Staff do not recognise phishing, fraud or unsafe handling of information.",
    ),
    (
        "Unencrypted storage or transfer",
        "Data on devices, media or networks is readable if intercepted or lost.",
    ),
    (
        "Single point of failure",
        "One component, site, supplier or person whose failure stops a service.",
    ),
    (
        "Unclear supplier security requirements",
        "Contracts and oversight do not cover the supplier's security.",
    ),
    (
        "Insecure default configuration",
        "Systems run with vendor defaults, open services or sample accounts.",
    ),
    (
        "Inadequate physical protection",
        "Premises or rooms can be entered, or equipment reached, without control.",
    ),
];

fn harms(letters: &str) -> PropertySet {
    let mut set = PropertySet::EMPTY;
    for c in letters.chars() {
        set.insert(match c {
            'c' => Property::Confidentiality,
            'i' => Property::Integrity,
            _ => Property::Availability,
        });
    }
    set
}

/// The starter threat catalogue, ids "T-01" onwards.
pub(crate) fn starter_threats() -> Vec<Threat> {
    THREATS
        .iter()
        .enumerate()
        .map(|(index, (name, category, description, letters))| Threat {
            id: ThreatId::try_new(format!("T-{:02}", index + 1)).expect("valid id"),
            name: (*name).to_owned(),
            description: (*description).to_owned(),
            category: (*category).to_owned(),
            harms: harms(letters),
        })
        .collect()
}

/// The starter vulnerability catalogue, ids "V-01" onwards.
pub(crate) fn starter_vulnerabilities() -> Vec<Vulnerability> {
    VULNERABILITIES
        .iter()
        .enumerate()
        .map(|(index, (name, description))| Vulnerability {
            id: VulnerabilityId::try_new(format!("V-{:02}", index + 1)).expect("valid id"),
            name: (*name).to_owned(),
            description: (*description).to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_threat_harms_something_and_ids_are_unique() {
        let threats = starter_threats();
        assert!((28..=35).contains(&threats.len()));
        assert!(threats.iter().all(|t| !t.harms.is_empty()));
        let mut ids: Vec<_> = threats.iter().map(|t| t.id.clone()).collect();
        ids.dedup();
        assert_eq!(ids.len(), threats.len());
        assert_eq!(starter_vulnerabilities().len(), 12);
    }
}
