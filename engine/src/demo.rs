//! The demo workspace: a realistic but entirely fictional organisation, for
//! first-time users, consultants' live demos and tests.
//!
//! Larkmoor Health Technologies is a 250-person regional health-tech company
//! that builds and runs "Wrenpath", a patient booking and remote-monitoring
//! platform used by about 120 clinics. Everything here is invented: names,
//! people, places, figures. Dates are chosen around 2026-11-22 so that some
//! actions, reviews and acceptances are overdue or expired on that day.
//!
//! The content is built from plain tables so that it reads like the
//! registers it stands for; no clock and no randomness, so the same build
//! always gives the same workspace.

use crate::catalogue::annex_a_control_id;
use crate::model::*;
use crate::{Impact, Likelihood};

/// The day the demo is "written for": dates in the demo are relative to it.
pub const DEMO_TODAY: &str = "2026-11-22";

fn person_id(n: usize) -> PersonId {
    PersonId::try_new(format!("P-{n:02}")).expect("valid id")
}

fn asset_id(n: usize) -> AssetId {
    AssetId::try_new(numbered_id("A", n)).expect("valid id")
}

fn risk_id(n: usize) -> RiskId {
    RiskId::try_new(numbered_id("R", n)).expect("valid id")
}

fn threat_id(n: usize) -> ThreatId {
    ThreatId::try_new(format!("T-{n:02}")).expect("valid id")
}

fn vulnerability_id(n: usize) -> VulnerabilityId {
    VulnerabilityId::try_new(format!("V-{n:02}")).expect("valid id")
}

fn date(text: &str) -> Date {
    Date::parse(text).expect("demo dates are valid")
}

fn optional_date(text: &str) -> Option<Date> {
    (!text.is_empty()).then(|| date(text))
}

fn impact(value: u8) -> Impact {
    Impact::checked_new(value).expect("1 to 5")
}

fn likelihood(value: u8) -> Likelihood {
    Likelihood::checked_new(value).expect("1 to 5")
}

fn controls(numbers: &str) -> Vec<ControlId> {
    numbers.split_whitespace().map(annex_a_control_id).collect()
}

fn estimate(low: f64, most_likely: f64, high: f64) -> Estimate {
    Estimate::try_new(low, most_likely, high).expect("ordered estimate")
}

/// (name, role, e-mail local part)
const PEOPLE: &[(&str, &str, &str)] = &[
    ("Amira Okafor", "Chief Executive Officer", "amira.okafor"),
    (
        "Jonas Lindqvist",
        "Chief Information Security Officer",
        "jonas.lindqvist",
    ),
    ("Priya Raman", "Chief Technology Officer", "priya.raman"),
    (
        "Tomasz Wierzbicki",
        "Head of IT Operations",
        "tomasz.wierzbicki",
    ),
    ("Helen Marsh", "Data Protection Officer", "helen.marsh"),
    ("Samuel Adeyemi", "Head of People", "samuel.adeyemi"),
    ("Claire Dubois", "Finance Director", "claire.dubois"),
    ("Martin Kowal", "Facilities Manager", "martin.kowal"),
    ("Ines Carvalho", "Clinical Safety Officer", "ines.carvalho"),
    (
        "Rhys Pemberton",
        "Platform Engineering Lead",
        "rhys.pemberton",
    ),
    ("Aisha Siddiqui", "Customer Support Lead", "aisha.siddiqui"),
    (
        "Felix Brandt",
        "Supplier and Procurement Manager",
        "felix.brandt",
    ),
    ("Grace Liu", "Head of Product", "grace.liu"),
    ("Owen Gallagher", "Security Analyst", "owen.gallagher"),
    ("Nadia Haddad", "Legal Counsel", "nadia.haddad"),
];

/// (name, kind, owner (0 = none), C, I, A, classification, description)
type AssetRow = (
    &'static str,
    AssetKind,
    usize,
    u8,
    u8,
    u8,
    &'static str,
    &'static str,
);

#[rustfmt::skip]
const ASSETS: &[AssetRow] = {
    use AssetKind::*;
    &[
        ("Patient appointment records", Information, 13, 4, 4, 4, "Restricted",
         "Bookings, referral reasons and attendance for patients of about 120 clinics."),
        ("Remote monitoring readings", Information, 9, 5, 5, 4, "Restricted",
         "Blood pressure, glucose and heart-rate readings sent by home gateways; clinicians act on them."),
        ("Clinic customer contracts", Information, 15, 3, 3, 2, "Confidential",
         "Service agreements, data processing agreements and price schedules with clinics."),
        ("Employee personnel files", Information, 6, 4, 3, 2, "Confidential",
         "Contracts, reviews, sickness and screening records of about 250 staff."),
        ("Payroll and bank details", Information, 7, 4, 4, 3, "Restricted",
         "Salaries, tax codes and bank accounts, exchanged monthly with the payroll bureau."),
        ("Platform source code", Information, 3, 4, 5, 3, "Confidential",
         "Repositories of the Wrenpath portal, scheduling service, ingestion API and mobile app."),
        ("Production secrets and encryption keys", Information, 10, 5, 5, 4, "Restricted",
         "API keys, database credentials and key-encryption keys of the production platform."),
        ("Financial ledgers and management accounts", Information, 7, 3, 4, 3, "Confidential",
         "General ledger, budgets and monthly management accounts."),
        ("Support tickets and call notes", Information, 11, 4, 3, 3, "Confidential",
         "Clinic and patient support cases; notes often hold names and appointment details."),
        ("ISMS documentation and policies", Information, 2, 2, 3, 2, "Internal",
         "Policies, procedures, risk method, this register and audit reports."),
        ("Marketing website content", Information, 13, 1, 3, 2, "Public",
         "Public website, product pages and clinic onboarding guides."),
        ("Wrenpath patient portal", Software, 13, 5, 5, 5, "Restricted",
         "Web application where patients book, cancel and see readings; clinics manage their calendars."),
        ("Wrenpath clinic scheduling service", Software, 10, 4, 5, 5, "Restricted",
         "Back-end service that holds calendars, rules and reminders for every clinic."),
        ("Remote monitoring ingestion API", Software, 10, 5, 5, 4, "Restricted",
         "Receives readings from home gateways, checks them and raises alerts for clinicians."),
        ("Wrenpath mobile app", Software, 13, 4, 4, 4, "Confidential",
         "iOS and Android app for patients; about 40,000 active installs."),
        ("Identity provider and single sign-on", Software, 4, 5, 5, 5, "Restricted",
         "Staff identities, groups and sign-on to every internal and production system."),
        ("ERP and finance system", Software, 7, 3, 4, 3, "Confidential",
         "Accounting, purchasing, supplier master data and payment runs."),
        ("Build and deployment pipeline", Software, 10, 3, 5, 3, "Confidential",
         "Builds, tests and deploys every release to production."),
        ("Staff laptops", Hardware, 4, 4, 3, 3, "Confidential",
         "About 260 managed laptops; many staff work from home two days a week."),
        ("Office network and Wi-Fi equipment", Hardware, 4, 2, 3, 3, "Internal",
         "Switches, firewalls and access points at both offices."),
        ("On-call smartphones", Hardware, 4, 3, 2, 2, "Confidential",
         "Company phones of the on-call engineers, with mail and authenticator apps."),
        ("Home monitoring gateways", Hardware, 9, 4, 5, 4, "Restricted",
         "About 6,000 gateways in patients' homes that collect and forward readings."),
        ("Office backup storage appliance", Hardware, 4, 4, 4, 4, "Confidential",
         "Backs up the office file shares and the finance system exports."),
        ("Badge access control system", Hardware, 8, 2, 3, 3, "Internal",
         "Badge readers and controller for both offices."),
        ("Cloud hosting platform", Service, 4, 5, 5, 5, "Restricted",
         "Production and staging accounts at the hosting provider, in two regions."),
        ("E-mail and collaboration suite", Service, 4, 4, 3, 4, "Confidential",
         "Mail, chat, calendars and file sharing for all staff."),
        ("SMS and notification gateway", Service, 10, 3, 3, 4, "Confidential",
         "Sends appointment reminders and alert messages to patients and clinicians."),
        ("Payment processing for private patients", Service, 7, 4, 4, 3, "Confidential",
         "Card payments for self-paying patients, handled by a payment service provider."),
        ("Internet connectivity at Eastmere", Service, 4, 1, 2, 4, "Internal",
         "Two internet lines at the head office."),
        ("Support hotline and telephony", Service, 11, 2, 2, 4, "Internal",
         "Cloud telephony for the clinic and patient support lines."),
        ("Platform engineering team", People, 3, 3, 3, 4, "Internal",
         "About 45 developers and site reliability engineers."),
        ("Customer support team", People, 11, 3, 3, 3, "Internal",
         "About 60 agents at Harrowgate handling clinic and patient calls."),
        ("Clinical safety and data protection staff", People, 9, 3, 3, 3, "Internal",
         "Clinical safety officer, data protection officer and their teams."),
        ("Privileged administrators", People, 4, 4, 4, 4, "Internal",
         "Eleven people with administrative rights to production or identity systems."),
        ("Eastmere head office", Site, 8, 3, 3, 3, "Internal",
         "Leased floors in a multi-tenant building; management, engineering and finance."),
        ("Harrowgate support centre", Site, 8, 2, 2, 3, "Internal",
         "Leased single-storey unit housing the support team."),
        ("Off-site archive room", Site, 0, 3, 2, 1, "Confidential",
         "Rented storage room with paper HR and finance records from before 2022."),
        ("Cloud hosting provider", Supplier, 12, 5, 4, 5, "Confidential",
         "Hosts all production services; certified to ISO/IEC 27001."),
        ("Managed security monitoring provider", Supplier, 12, 4, 3, 3, "Confidential",
         "Runs the 24x7 security operations centre for identity and endpoint alerts."),
        ("Device logistics partner", Supplier, 12, 3, 2, 3, "Confidential",
         "Ships, collects and refurbishes home monitoring gateways."),
        ("Payroll bureau", Supplier, 12, 4, 3, 2, "Confidential",
         "Runs the monthly payroll and files payroll taxes."),
    ]
};

/// One SoA line: (Annex A number, status, reasons, owner, evidence, target
/// date, exclusion justification). Status letters: N not started, P
/// planned, H partially implemented, I implemented, X excluded. Reason
/// letters: r risk treatment, l legal or regulatory, c contractual, b
/// business requirement, p best practice.
type SoaRow = (
    &'static str,
    char,
    &'static str,
    usize,
    &'static str,
    &'static str,
);

#[rustfmt::skip]
const SOA: &[SoaRow] = &[
    ("5.1", 'I', "rlcp", 2, "Information security policy v3.2 approved by the board on 2026-03-12; topic-specific policies on the intranet.", ""),
    ("5.2", 'I', "rl", 2, "Responsibility chart for ISMS roles in the ISMS manual, section 2; role descriptions signed by each holder.", ""),
    ("5.3", 'H', "r", 7, "Payments need two approvers in the ERP; production hotfixes can still be approved by the engineer who wrote them.", "2027-03-31"),
    ("5.4", 'I', "lp", 1, "Management review minutes of June 2026; security objectives are part of every team's yearly goals.", ""),
    ("5.5", 'I', "l", 5, "Contacts of the data protection authority, the national cyber security agency and the police in the incident plan.", ""),
    ("5.6", 'I', "p", 14, "Member of the regional health-sector information sharing group; notes of the monthly meetings.", ""),
    ("5.7", 'H', "r", 14, "Threat feed from the monitoring provider; triage of feed items is still informal.", "2027-03-31"),
    ("5.8", 'H', "rb", 13, "Security checklist in the project template; used in four of seven projects this year.", "2027-03-31"),
    ("5.9", 'I', "rl", 2, "Asset inventory kept in this workspace; reconciled with the device management tool every quarter.", ""),
    ("5.10", 'I', "r", 6, "Acceptable use policy acknowledged by all staff in the HR system.", ""),
    ("5.11", 'I', "r", 6, "Leaver checklist covers laptops, phones and badges; a sample of 20 leavers in 2026 was complete.", ""),
    ("5.12", 'I', "rl", 5, "Four-level scheme: Public, Internal, Confidential, Restricted (health data).", ""),
    ("5.13", 'H', "r", 5, "Labels applied automatically in the collaboration suite; paper records in the archive are not labelled.", "2027-06-30"),
    ("5.14", 'I', "rlc", 5, "Transfer rules in the data handling standard: patient data leaves only through the portal or encrypted file transfer.", ""),
    ("5.15", 'I', "rl", 4, "Access control policy and role model for the portal and internal systems.", ""),
    ("5.16", 'I', "r", 4, "Identities are created only from HR joiner events; unique ids for staff and service accounts.", ""),
    ("5.17", 'H', "r", 4, "Password standard and company password manager in place; multi-factor sign-in not yet enforced for every staff account.", "2026-12-31"),
    ("5.18", 'H', "rl", 4, "Quarterly access reviews for production; reviews of the ERP and the support tool are overdue.", "2027-01-31"),
    ("5.19", 'H', "rc", 12, "Supplier security policy approved; risk tiering of the 38 suppliers in progress.", "2027-03-31"),
    ("5.20", 'H', "rc", 12, "Security and data processing clauses in all new contracts; six older contracts still lack them.", "2027-06-30"),
    ("5.21", 'P', "r", 10, "Software bill of materials and dependency scanning planned for the platform repositories.", "2027-03-31"),
    ("5.22", 'N', "r", 12, "No periodic review of supplier service reports yet; first reviews with the hosting and monitoring providers are being scheduled.", "2027-03-31"),
    ("5.23", 'I', "rc", 4, "Cloud security standard; guardrails of the hosting accounts enforced as code.", ""),
    ("5.24", 'I', "rlc", 2, "Incident response plan v2 with roles, contacts and the 72-hour regulator and 24-hour clinic notification deadlines.", ""),
    ("5.25", 'I', "r", 14, "Triage criteria agreed with the monitoring provider; severity table in the incident runbook.", ""),
    ("5.26", 'I', "rl", 2, "Playbooks for ransomware, data breach and account takeover; report of the 2026 tabletop exercise.", ""),
    ("5.27", 'H', "p", 2, "Reviews held after major incidents; their lessons are not yet tracked to closure.", "2027-03-31"),
    ("5.28", 'P', "l", 15, "Evidence handling procedure drafted with legal counsel, awaiting approval.", "2026-12-31"),
    ("5.29", 'H', "rb", 4, "Security requirements written into the continuity plan; failover of security tooling not tested.", "2027-06-30"),
    ("5.30", 'H', "rcb", 4, "Second hosting region with database replication; a full failover test is still to be run.", "2027-03-31"),
    ("5.31", 'I', "lc", 15, "Register of legal, regulatory and contractual requirements, reviewed every six months.", ""),
    ("5.32", 'I', "l", 15, "Licence management for commercial and open-source software in the engineering handbook.", ""),
    ("5.33", 'I', "l", 5, "Retention schedule for health, HR and financial records; deletion jobs are logged.", ""),
    ("5.34", 'I', "rlc", 5, "Records of processing, impact assessments for the portal and remote monitoring, privacy notices.", ""),
    ("5.35", 'H', "lc", 1, "Certification audit booked; the internal audit programme has covered half of the clauses so far.", "2027-02-28"),
    ("5.36", 'H', "p", 2, "Team leads check compliance with policies; results are not yet reported to management.", "2027-03-31"),
    ("5.37", 'I', "rb", 4, "Runbooks for operations and support in the wiki, reviewed every year.", ""),
    ("6.1", 'I', "rlc", 6, "Identity, right-to-work and reference checks for all hires; criminal record checks for roles with access to patient data.", ""),
    ("6.2", 'I', "l", 6, "Employment contracts state confidentiality and security duties.", ""),
    ("6.3", 'H', "rl", 6, "Yearly awareness module completed by 82 % of staff; phishing simulations paused since the spring.", "2027-01-31"),
    ("6.4", 'I', "l", 6, "Disciplinary procedure covers security breaches.", ""),
    ("6.5", 'I', "r", 6, "Leavers are reminded of continuing confidentiality duties at the exit interview.", ""),
    ("6.6", 'I', "lc", 15, "Non-disclosure template for contractors and visitors; signed copies in the contract store.", ""),
    ("6.7", 'H', "r", 4, "Remote working standard and home network guidance; 60 % of applications moved from VPN to identity-aware access.", "2027-03-31"),
    ("6.8", 'I', "rl", 14, "Report button in mail and on the intranet; reports go to the security analyst's queue.", ""),
    ("7.1", 'I', "r", 8, "Perimeter of the Eastmere floors defined; ground-floor windows alarmed at Harrowgate.", ""),
    ("7.2", 'I', "r", 8, "Badge entry at both sites; visitors signed in and escorted.", ""),
    ("7.3", 'I', "r", 8, "Comms cabinets locked; finance and HR rooms locked out of hours.", ""),
    ("7.4", 'P', "r", 8, "Cameras cover the building entrances only; monitoring of the comms cabinets planned.", "2027-06-30"),
    ("7.5", 'H', "r", 8, "Fire detection and suppression provided by the landlords; flood assessment of the archive room still open.", "2027-03-31"),
    ("7.6", 'X', "", 8, "", ""),
    ("7.7", 'H', "r", 6, "Clear desk rule in the acceptable use policy; screen lock enforced on every laptop; desk checks are irregular.", "2027-03-31"),
    ("7.8", 'I', "r", 8, "Network equipment in locked cabinets with battery backup; printers away from public areas.", ""),
    ("7.9", 'I', "r", 4, "Disk encryption and remote wipe on laptops and phones; rules for travel in the remote working standard.", ""),
    ("7.10", 'I', "rl", 4, "USB storage blocked on laptops; encrypted drives issued on request only.", ""),
    ("7.11", 'H', "r", 8, "Battery backup for the comms cabinets at both sites; no generator, since production runs in the cloud.", "2027-06-30"),
    ("7.12", 'X', "", 8, "", ""),
    ("7.13", 'I', "r", 4, "Laptop repairs under vendor warranty; maintenance recorded in the device management tool.", ""),
    ("7.14", 'I', "rl", 4, "Certified disposal partner with destruction certificates; laptops and gateways wiped before re-use.", ""),
    ("8.1", 'I', "r", 4, "Device management enforces encryption, screen lock, patches and endpoint protection on laptops and phones.", ""),
    ("8.2", 'H', "r", 4, "Separate named admin accounts; just-in-time elevation for production being rolled out.", "2026-12-31"),
    ("8.3", 'I', "rl", 10, "The portal separates clinics; support staff see patient data only through a case.", ""),
    ("8.4", 'I', "r", 10, "Private repositories, branch protection and secret scanning; access by team membership.", ""),
    ("8.5", 'H', "r", 4, "Multi-factor sign-in enforced for administrators and clinic users; about 30 % of staff accounts still use a password alone.", "2026-12-31"),
    ("8.6", 'I', "b", 10, "Autoscaling, capacity dashboards and a monthly capacity review.", ""),
    ("8.7", 'I', "r", 4, "Endpoint detection and response on all laptops and servers, watched by the monitoring provider.", ""),
    ("8.8", 'H', "r", 10, "Weekly vulnerability scans; patching of container base images misses the 14-day target.", "2027-01-31"),
    ("8.9", 'H', "r", 10, "Production defined as code; office network devices still configured by hand.", "2027-03-31"),
    ("8.10", 'H', "l", 5, "Appointment data deleted automatically after the retention period; support attachments deleted by hand.", "2027-03-31"),
    ("8.11", 'P', "rl", 10, "Masked copies for analytics planned; analysts use aggregated exports today.", "2027-06-30"),
    ("8.12", 'N', "r", 14, "No data leakage prevention tooling yet; business case in preparation.", "2027-09-30"),
    ("8.13", 'H', "r", 4, "Daily snapshots in the hosting platform; no immutable copy outside the production account and no restore test this year.", "2026-12-31"),
    ("8.14", 'I', "rcb", 4, "Two availability zones for all production services; second region for the databases.", ""),
    ("8.15", 'I', "rl", 14, "Central log platform keeping production and identity logs for 13 months.", ""),
    ("8.16", 'H', "r", 14, "Round-the-clock monitoring of identity and endpoint alerts; application logs are not yet monitored.", "2027-03-31"),
    ("8.17", 'I', "p", 4, "All systems take time from the hosting provider's time service.", ""),
    ("8.18", 'I', "r", 4, "Utility programs restricted to the administrators' group by device management.", ""),
    ("8.19", 'I', "r", 4, "Software installed only from the managed catalogue; production images built by the pipeline.", ""),
    ("8.20", 'I', "r", 4, "Office networks segmented; management interfaces reachable only from the admin network.", ""),
    ("8.21", 'I', "rc", 4, "Security requirements in the internet and hosting contracts; encrypted connections on every external service.", ""),
    ("8.22", 'I', "r", 10, "Production, staging and office networks separated; home gateways connect to their own segment.", ""),
    ("8.23", 'H', "r", 4, "DNS filtering on laptops; the guest Wi-Fi is not filtered.", "2027-03-31"),
    ("8.24", 'I', "rlc", 10, "TLS 1.2 or later everywhere; databases and backups encrypted with keys in the hosting key service.", ""),
    ("8.25", 'H', "r", 10, "Secure development standard; threat models only for new services.", "2027-03-31"),
    ("8.26", 'I', "rc", 13, "Security requirements in product specifications, traced to clinic contract requirements.", ""),
    ("8.27", 'I', "r", 3, "Architecture principles and a review board for new components.", ""),
    ("8.28", 'H', "r", 10, "Static analysis in the pipeline; 60 % of developers trained in secure coding.", "2027-03-31"),
    ("8.29", 'I', "rc", 10, "Automated security tests in the pipeline; yearly external penetration test of the portal, last in May 2026.", ""),
    ("8.30", 'X', "", 3, "", ""),
    ("8.31", 'I', "r", 10, "Separate hosting accounts for development, staging and production; no patient data outside production.", ""),
    ("8.32", 'I', "r", 10, "Peer-reviewed change requests and automated deployment; emergency changes reviewed the next working day.", ""),
    ("8.33", 'I', "rl", 10, "Test data is synthetic; copying production data to test needs the DPO's approval (none granted in 2026).", ""),
    ("8.34", 'I', "p", 2, "Audit tests agreed in advance and run with read-only accounts.", ""),
];

/// Why the three excluded controls do not apply to Larkmoor.
const EXCLUSIONS: &[(&str, &str)] = &[
    (
        "7.6",
        "Larkmoor has no secure area in the sense of this control: no server room or data centre of its own. All production runs at the cloud hosting provider, whose secure areas are covered by its certification and our contract (5.19, 5.20); the two comms cabinets are protected under 7.3.",
    ),
    (
        "7.12",
        "Both offices are leased floors in multi-tenant buildings where the landlords own and maintain all cabling. No cabling of ours carries patient data in clear: all such traffic is encrypted end to end between laptops and the cloud platform (8.24).",
    ),
    (
        "8.30",
        "All software is developed by Larkmoor employees. The engineering policy forbids subcontracting development and procurement blocks such orders. Re-assessed every year and before any change to that policy.",
    ),
];

/// One risk: (title, scenario, assets, threat, vulnerability (0 = none),
/// owner, likelihood, decision letter, controls). Decision letters: M
/// mitigate, A accept, V avoid, T transfer, U undecided.
type RiskRow = (
    &'static str,
    &'static str,
    &'static [usize],
    usize,
    usize,
    usize,
    u8,
    char,
    &'static str,
);

#[rustfmt::skip]
const RISKS: &[RiskRow] = &[
    ("Support mail account taken over by phishing",
     "A phishing mail that imitates a clinic lures a support agent into entering their password; without multi-factor sign-in the attacker reads months of call notes with patient names and appointment details.",
     &[9, 26, 32], 1, 1, 2, 5, 'M', "8.5 6.3"),
    ("Ransomware encrypts the scheduling service and its snapshots",
     "An attacker with stolen admin credentials encrypts the scheduling databases and deletes the snapshots in the same hosting account; clinics cannot see their calendars until restored.",
     &[13, 25, 23], 2, 5, 4, 5, 'M', "8.13 8.8"),
    ("Ransomware on laptops spreads to file shares",
     "Malware arrives through a laptop that missed patches and encrypts the finance and HR file shares it can reach.",
     &[19, 26], 2, 2, 4, 3, 'M', "8.7 8.1 8.8 8.13"),
    ("Unpatched container image exploited in the ingestion API",
     "A known flaw in an outdated base image of the ingestion API is exploited from the internet, giving access to incoming readings.",
     &[14, 2], 4, 2, 10, 4, 'M', "8.8 8.16"),
    ("Password spraying against clinic logins to the portal",
     "Automated guessing of common passwords against the clinic user logins of the portal succeeds for accounts with weak passwords.",
     &[12, 1], 5, 3, 10, 4, 'M', "8.5 5.17 8.16"),
    ("Denial of service on the portal at the morning booking peak",
     "A flood of requests at 8 a.m., when most patients book, makes the portal unusable and clinics fall back to phone bookings.",
     &[12, 25], 6, 9, 10, 3, 'M', "8.6 8.14 8.20"),
    ("Support agent looks up patient records without a case",
     "An agent browses appointment records of neighbours or public figures out of curiosity; the misuse is found only if someone complains.",
     &[1, 9, 32], 7, 4, 5, 3, 'M', "8.3 5.18 8.15 6.4"),
    ("Laptop with exported clinic reports stolen from a car",
     "A laptop holding exported appointment reports is stolen from a parked car during a clinic visit.",
     &[19, 1], 8, 8, 4, 3, 'M', "8.1 7.9 8.24"),
    ("Caller posing as a clinic manager obtains patient details",
     "Someone phones the support line pretending to be a clinic manager and is given a patient's phone number and next appointment.",
     &[9, 32], 9, 7, 11, 3, 'M', "6.3 5.14 8.3"),
    ("Fake supplier invoice redirects a payment",
     "A hijacked mailbox of a real supplier sends new bank details; finance pays the next invoices to the fraudster.",
     &[8, 17, 26], 10, 7, 7, 3, 'M', "5.3 6.3 8.5"),
    ("Broken access control exposes another clinic's appointments",
     "A flaw in the portal's clinic separation lets a clinic user see or change appointments of another clinic by editing a request.",
     &[12, 1], 11, 11, 10, 3, 'M', "8.26 8.28 8.29 8.25"),
    ("Compromised open-source library ships a backdoor",
     "A popular library used by the portal is taken over and a malicious version is pulled into a release by the pipeline.",
     &[18, 6, 12], 12, 10, 10, 3, 'M', "5.21 8.25 8.32"),
    ("Breach at the cloud hosting provider exposes tenant data",
     "An attacker compromises the hosting provider's management plane and reaches customer data, including ours.",
     &[38, 25, 2], 12, 10, 12, 2, 'T', "5.19 5.20 5.23 8.24"),
    ("Intruder at the head office takes laptops and paper files",
     "After hours an intruder tailgates into the Eastmere floors and takes laptops and printed reports left on desks.",
     &[35, 19], 13, 12, 8, 2, 'M', "7.1 7.2 7.3"),
    ("Disgruntled administrator deletes production databases",
     "An administrator who is about to leave deletes production databases and their snapshots with standing admin rights.",
     &[34, 13, 25], 14, 4, 4, 2, 'M', "8.2 8.13 5.3 8.15"),
    ("Readings exfiltrated with stolen API keys",
     "API keys copied from a developer laptop are used to download remote monitoring readings over weeks without anyone noticing.",
     &[14, 2, 7], 15, 6, 10, 3, 'M', "8.24 8.16 8.12 8.2"),
    ("Administrator deletes a clinic's scheduling configuration",
     "During a support task an administrator deletes the wrong clinic's calendar rules; restoring one clinic from snapshots is slow.",
     &[13, 34], 16, 5, 4, 3, 'M', "8.13 8.32 5.37"),
    ("Patient letters sent to the wrong recipients",
     "A mail merge for appointment letters is run with a shifted address list and letters reach the wrong patients.",
     &[1, 26], 17, 7, 11, 4, 'M', "5.14 6.3 8.12"),
    ("Storage bucket with export files left public",
     "A storage bucket used for clinic exports is created with public read access and search engines index the files.",
     &[25, 1], 18, 11, 10, 4, 'M', "8.9 5.23 8.16"),
    ("On-call phone lost with mail and authenticator",
     "An on-call engineer loses an unlocked phone holding mail, chat and the authenticator app for production sign-in.",
     &[21, 26], 19, 8, 4, 3, 'M', "8.1 7.9"),
    ("Faulty release shifts appointment times",
     "A release with a time-zone defect moves appointments by an hour across clinics; patients arrive at the wrong time.",
     &[13, 1], 20, 6, 10, 3, 'M', "8.32 8.29 8.13"),
    ("Backup appliance failure goes unnoticed",
     "A disk failure stops the office backup appliance and nobody notices until a file share must be restored.",
     &[23], 21, 6, 4, 4, 'M', "8.13 8.16"),
    ("Mobile app defect shows stale readings to clinicians",
     "A caching defect in the mobile app shows readings that are hours old as current; a clinician misses a deterioration.",
     &[15, 2], 22, 6, 9, 3, 'M', "8.29 8.25"),
    ("Head office internet outage stops support tools",
     "Both internet lines at Eastmere fail together; staff there lose the support and engineering tools for a day.",
     &[29, 35, 32], 23, 9, 4, 2, 'A', ""),
    ("Ingestion API overloaded during a gateway firmware rollout",
     "Thousands of gateways reconnect at once after a firmware update and the ingestion API drops readings.",
     &[14, 22], 24, 9, 10, 2, 'M', "8.6 8.14"),
    ("Extended outage of the primary hosting region",
     "The hosting provider's primary region is down for more than a day; failover to the second region has never been tested end to end.",
     &[25, 38, 12, 13], 25, 9, 4, 3, 'M', "5.30 8.14 5.29"),
    ("Notification gateway outage delays appointment reminders",
     "The SMS provider is down for a morning; reminders are late and more patients miss appointments.",
     &[27], 25, 9, 10, 3, 'A', ""),
    ("Only engineer who knows the gateway firmware build leaves",
     "The one engineer able to build and sign gateway firmware leaves; a security fix for the gateways cannot be shipped for weeks.",
     &[31, 22], 26, 9, 3, 4, 'M', "5.37"),
    ("Remote monitoring processing outgrows its impact assessment",
     "New alerting features process readings in ways the data protection impact assessment does not cover; a clinic's auditor raises it.",
     &[2, 33], 27, 0, 5, 2, 'M', "5.34 5.31"),
    ("Power failure at the Harrowgate support centre",
     "A local power cut closes the support centre for an afternoon; calls go to voicemail.",
     &[36, 30], 28, 9, 8, 2, 'A', ""),
    ("Fire at the head office",
     "A fire in the Eastmere building destroys laptops and network equipment and closes the floors for weeks.",
     &[35, 19, 20], 29, 12, 8, 1, 'T', "7.5"),
    ("Water damage destroys archived paper records",
     "A burst pipe floods the rented archive room and soaks the boxes of old HR and finance records.",
     &[37], 30, 12, 8, 2, 'A', ""),
    ("Storm closes both offices for several days",
     "Severe weather closes both offices and the roads; most staff can work from home but some support staff cannot.",
     &[35, 36, 32], 31, 0, 6, 2, 'A', ""),
    ("Cooling failure in the head office comms cabinet",
     "The air conditioning of the comms cabinet fails in a heat wave and the office firewall shuts down.",
     &[20], 32, 9, 4, 2, 'A', ""),
    ("Payroll bank details changed through a phishing mail",
     "A mail that seems to come from an employee asks finance to change their salary account; the salary goes to the fraudster.",
     &[5, 41], 10, 7, 7, 3, 'M', "5.3 6.3 5.14"),
    ("Ransomware at the payroll bureau delays salaries",
     "The payroll bureau is hit by ransomware a few days before pay day and cannot run our payroll.",
     &[41, 5], 2, 10, 12, 2, 'T', "5.19 5.20"),
    ("Attack on the ingestion API goes undetected",
     "Application logs of the ingestion API are not monitored, so probing and abuse of the API are not seen by the monitoring provider.",
     &[39, 14], 11, 6, 14, 4, 'M', "8.16 8.15 5.22"),
    ("Refurbished gateways shipped with a previous patient's data",
     "The logistics partner refurbishes returned gateways without wiping them and a new patient receives another patient's readings.",
     &[40, 22, 2], 17, 10, 9, 3, 'M', "7.14 8.10 5.20"),
    ("Home gateways tampered with to send false readings",
     "A gateway in a patient's home is modified to send invented readings, hiding a real deterioration.",
     &[22, 2], 14, 11, 9, 2, 'M', "8.24 8.9"),
    ("Remote admin access to gateways with a default password",
     "The legacy gateway model offers remote administration with a shared default password.",
     &[22], 5, 11, 10, 3, 'V', ""),
    ("Fax referrals misdirected into the shared mailbox",
     "Referrals arriving by fax are turned into mail and land in a shared mailbox read by many people.",
     &[1, 26], 17, 8, 11, 3, 'V', ""),
    ("Patient data captured by the marketing analytics tool",
     "The analytics script on the portal pages records appointment details typed by patients.",
     &[11, 1], 27, 10, 13, 2, 'V', ""),
    ("Leaver copies source code to a personal account",
     "A developer who is leaving pushes the repositories to a personal account before the last day.",
     &[6, 31], 15, 4, 3, 2, 'M', "8.4 6.5 8.12"),
    ("Production secrets committed to a repository",
     "A developer commits a file holding production database credentials; the repository is later shared with a partner.",
     &[7, 6], 16, 11, 10, 3, 'M', "8.4 8.24 8.28"),
    ("Stolen badge used to enter the support centre",
     "A badge lost by an agent is used by an outsider to walk into the Harrowgate unit.",
     &[36, 32], 13, 12, 8, 2, 'A', ""),
    ("Visitor photographs screens with patient data",
     "A visitor to the support centre photographs agents' screens showing patient cases.",
     &[9, 36], 15, 12, 11, 2, 'M', "7.7 7.2"),
    ("Excessive ERP rights allow unauthorised supplier changes",
     "Several finance staff can both create suppliers and approve payments; a change of supplier bank details goes unchecked.",
     &[17, 8], 7, 4, 7, 3, 'M', "5.18 5.3"),
    ("Appointment export sent unencrypted by mail",
     "A support agent mails a clinic an unencrypted spreadsheet of appointments instead of using the portal's export.",
     &[1, 26], 17, 8, 5, 4, 'M', "5.14 8.24 8.12"),
    ("Single sign-on outage locks everyone out",
     "The identity provider is unavailable for hours and no employee can reach mail, support tools or production.",
     &[16, 25], 25, 9, 4, 2, 'M', "8.14 5.30"),
    ("Administrator account taken over without multi-factor sign-in",
     "An administrator of the identity provider falls for a phishing page; with a password alone the attacker gains control of every system.",
     &[16, 34, 25], 1, 1, 2, 4, 'M', "8.5 8.2"),
    ("Clinic breach notification deadline missed",
     "A personal data breach is not reported to the affected clinics within the 24 hours their contracts require.",
     &[3, 33], 27, 6, 15, 2, 'M', "5.24 5.26 5.5"),
    ("Guest Wi-Fi reaches office printers and file shares",
     "A misconfigured access point bridges the guest Wi-Fi to the office network.",
     &[20], 18, 11, 4, 2, 'M', "8.20 8.22"),
    ("Nobody left who can run the database failover",
     "The two engineers who know the database failover procedure are away at the same time when it is needed.",
     &[31, 13], 26, 9, 3, 2, 'A', ""),
    ("Card data intercepted on the private-patient payment page",
     "A script injected into the payment page skims card numbers of self-paying patients.",
     &[28, 12], 11, 10, 7, 2, 'T', "8.24 5.20"),
    ("Extortion after theft of patient data",
     "Attackers copy patient data before encrypting systems and threaten to publish it unless paid.",
     &[1, 2, 12], 2, 6, 1, 2, 'T', "8.12 8.16 5.26"),
    ("Scheduling change breaks a clinic's practice system integration",
     "A change to the scheduling interface breaks the integration a large clinic uses; bookings stop syncing for two days.",
     &[13], 20, 6, 13, 3, 'M', "8.32 8.29"),
    ("Session tokens readable on rooted phones",
     "The mobile app stores session tokens without platform encryption; malware on a rooted phone can reuse them.",
     &[15, 1], 11, 8, 13, 2, 'A', ""),
    ("Privileged user tampers with audit logs",
     "An administrator with write access to the log platform deletes entries that would show their own misuse.",
     &[34], 7, 6, 14, 3, 'A', ""),
    ("Support hotline overwhelmed during a platform outage",
     "During a portal outage call volumes rise tenfold and clinics cannot reach support.",
     &[30, 32], 24, 9, 11, 4, 'U', ""),
    ("Teams share clinic exports through an unapproved file service",
     "A team uses a free file-sharing service to send large clinic exports, outside our contracts and controls.",
     &[1, 26], 17, 10, 2, 4, 'M', "8.12 5.10"),
];

/// Extra facts of particular risks that the table above cannot hold.
fn refine(ws: &mut Workspace) {
    fn set(ws: &mut Workspace, n: usize, change: impl FnOnce(&mut Risk)) {
        change(&mut ws.risks[n - 1]);
    }
    let rationales: [(usize, &str); 20] = [
        (1, "Multi-factor sign-in for every staff account (ACT-0001) and renewed phishing training (ACT-0010)."),
        (2, "Immutable backups outside the production account and tested restores (ACT-0002)."),
        (10, "Two-person approval of bank detail changes and call-back to a known number."),
        (13, "Provider certified to ISO/IEC 27001; the cyber insurance policy covers third-party breach costs; contract liability caps reviewed."),
        (24, "Staff can work from home with their own connection; a second independent line costs more than a day's lost productivity."),
        (27, "Reminders are a convenience; clinics confirm appointments in the portal. Second SMS provider not worth the integration cost now."),
        (30, "Support can be diverted to home workers within an hour; no generator needed."),
        (31, "Building and contents insurance; all data is in the cloud and laptops are replaceable within a week."),
        (32, "Records from before 2022 are kept for legal retention only; scanned copies of the contracts exist."),
        (33, "Working from home covers most roles; the support team has a callback rota."),
        (34, "The office firewall is not needed for production; staff switch to home working for the day."),
        (36, "The payroll contract makes the bureau liable for late payments and requires its own continuity plan; our insurance covers the rest."),
        (40, "Remote administration of gateways was switched off and the legacy model is being replaced; the activity no longer exists."),
        (41, "Fax referrals stopped on 2026-07-01; clinics now refer through the portal."),
        (42, "Analytics script removed from all logged-in portal pages; only the public website is measured."),
        (45, "Badges are disabled within an hour of being reported lost; the support centre holds no paper records."),
        (53, "Accepted while a second engineer is trained; the acceptance has lapsed and must be renewed or the risk treated."),
        (54, "Card data never touches our systems: the payment page is hosted by the payment service provider, which carries the card security obligations."),
        (55, "Cyber insurance covers extortion response and notification costs; detection and data leakage controls reduce the rest."),
        (57, "Rooted phones are rare among our patients and tokens expire after 30 minutes; fix scheduled with the next major app release."),
    ];
    for (n, text) in rationales {
        set(ws, n, |r| r.treatment.rationale = text.into());
    }

    // Transfers: the share of impact carried by insurers or suppliers.
    for (n, share) in [(13, 40), (31, 70), (36, 60), (54, 80), (55, 50)] {
        set(ws, n, |r| {
            r.treatment.transferred_share = Percent::checked_new(share).expect("<= 100")
        });
    }

    // Acceptance records; some have expired by 2026-11-22.
    let acceptances: [(usize, usize, &str, &str); 7] = [
        (24, 2, "2026-01-15", "2027-01-15"),
        (27, 1, "2026-05-10", "2027-05-10"),
        (30, 2, "2025-10-01", "2026-10-01"),
        (33, 1, "2026-02-01", ""),
        (34, 4, "2025-03-31", "2026-03-31"),
        (53, 3, "2025-06-30", "2026-06-30"),
        (57, 13, "2026-09-01", "2027-09-01"),
    ];
    for (n, by, on, expires) in acceptances {
        set(ws, n, |r| {
            r.acceptance = Some(Acceptance {
                accepted_by: person_id(by),
                date: date(on),
                expires: optional_date(expires),
            })
        });
    }

    // Impacts stated rather than derived from the assets.
    for (n, value) in [(10, 4), (23, 5), (55, 5), (59, 3)] {
        set(ws, n, |r| r.impact = Some(impact(value)));
    }

    set(ws, 23, |r| {
        r.residual_override = Some(ResidualOverride {
            likelihood: likelihood(1),
            impact: impact(5),
            justification: "The clinical safety case shows readings older than 15 minutes are greyed out and labelled in every view; verified in release testing of version 4.8.".into(),
        })
    });

    // Reviews: most are due next year, a few are overdue.
    for risk in &mut ws.risks {
        risk.review_date = Some(date("2027-05-31"));
    }
    for n in [22, 34, 47, 59] {
        set(ws, n, |r| r.review_date = Some(date("2026-09-30")));
    }
    for n in [40, 41, 42] {
        set(ws, n, |r| r.review_date = None);
    }

    // Quantitative inputs: events per year, probability an event becomes a
    // loss, loss per event in euros.
    type Quant = (usize, [f64; 3], [f64; 3], [f64; 3]);
    let quantitative: [Quant; 15] = [
        (1, [2.0, 6.0, 15.0], [0.05, 0.15, 0.35], [20e3, 80e3, 400e3]),
        (2, [0.1, 0.4, 1.2], [0.2, 0.35, 0.6], [250e3, 900e3, 4.5e6]),
        (4, [0.5, 2.0, 6.0], [0.05, 0.12, 0.3], [30e3, 150e3, 900e3]),
        (
            5,
            [4.0, 12.0, 40.0],
            [0.01, 0.03, 0.08],
            [10e3, 60e3, 300e3],
        ),
        (10, [1.0, 3.0, 8.0], [0.05, 0.1, 0.25], [15e3, 45e3, 180e3]),
        (11, [0.3, 1.0, 3.0], [0.1, 0.2, 0.4], [50e3, 250e3, 1.5e6]),
        (12, [0.05, 0.2, 0.6], [0.3, 0.5, 0.8], [100e3, 600e3, 3e6]),
        (16, [0.2, 0.6, 2.0], [0.1, 0.25, 0.5], [80e3, 400e3, 2.5e6]),
        (19, [0.5, 1.5, 4.0], [0.05, 0.1, 0.25], [40e3, 200e3, 1.2e6]),
        (26, [0.05, 0.2, 0.5], [0.5, 0.8, 1.0], [60e3, 250e3, 1e6]),
        (35, [1.0, 2.0, 6.0], [0.05, 0.12, 0.3], [8e3, 25e3, 90e3]),
        (38, [0.5, 2.0, 5.0], [0.02, 0.06, 0.15], [10e3, 60e3, 350e3]),
        (44, [1.0, 3.0, 8.0], [0.05, 0.15, 0.4], [20e3, 120e3, 800e3]),
        (50, [1.0, 4.0, 12.0], [0.05, 0.12, 0.3], [100e3, 500e3, 3e6]),
        (55, [0.05, 0.15, 0.5], [0.3, 0.5, 0.8], [300e3, 1.2e6, 6e6]),
    ];
    for (n, tef, vulnerability, loss) in quantitative {
        set(ws, n, |r| {
            r.quantitative = Some(QuantitativeInputs {
                threat_event_frequency: estimate(tef[0], tef[1], tef[2]),
                vulnerability: estimate(vulnerability[0], vulnerability[1], vulnerability[2]),
                loss_magnitude: estimate(loss[0], loss[1], loss[2]),
            })
        });
    }
}

/// (title, description, risks, controls, owner, due, one-off, yearly, status)
type ActionRow = (
    &'static str,
    &'static str,
    &'static [usize],
    &'static str,
    usize,
    &'static str,
    Money,
    Money,
    ActionStatus,
);

#[rustfmt::skip]
const ACTIONS: &[ActionRow] = {
    use ActionStatus::*;
    &[
        ("Enforce multi-factor sign-in for all staff accounts",
         "Move the remaining 30 % of accounts to the authenticator app and block password-only sign-in.",
         &[1, 50, 5], "8.5 5.17", 4, "2026-12-15", 18_000, 21_000, InProgress),
        ("Immutable off-account backups and quarterly restore tests",
         "Copy daily snapshots to a locked backup account and restore one service every quarter.",
         &[2, 3, 17, 22], "8.13", 4, "2026-10-31", 24_000, 9_600, InProgress),
        ("Just-in-time privileged access for production",
         "Replace standing admin rights with approved, time-limited elevation.",
         &[15, 50], "8.2", 10, "2027-01-31", 15_000, 4_000, Planned),
        ("Patch container base images within 14 days",
         "Rebuild images automatically when a base image fix is published.",
         &[4], "8.8", 10, "2026-09-30", 6_000, 0, InProgress),
        ("Bring application logs into security monitoring",
         "Send portal and ingestion API logs to the monitoring provider with agreed use cases.",
         &[37, 16, 19], "8.16", 14, "2027-03-31", 12_000, 30_000, Planned),
        ("Supplier risk tiering and reviews of critical suppliers",
         "Tier all suppliers and hold yearly reviews with the hosting, monitoring and logistics suppliers.",
         &[13, 36, 38], "5.19 5.22", 12, "2027-02-28", 8_000, 0, InProgress),
        ("Security clauses in the six older supplier contracts",
         "Agree security and data processing annexes at the next renewal or by side letter.",
         &[38, 54, 36], "5.20", 15, "2026-08-31", 4_000, 0, InProgress),
        ("Dependency scanning and software bill of materials",
         "Scan dependencies in every build and keep a bill of materials per release.",
         &[12], "5.21", 10, "2027-03-31", 5_000, 7_200, Planned),
        ("Data leakage prevention for mail and cloud storage",
         "Detect and block patient data leaving by mail or unapproved file services.",
         &[16, 18, 48, 60, 43], "8.12", 14, "2027-09-30", 35_000, 28_000, Planned),
        ("Restart phishing simulations and train finance staff",
         "Monthly simulations for all staff; a session on payment fraud for finance.",
         &[1, 10, 35, 9], "6.3", 6, "2026-11-15", 3_000, 6_000, Planned),
        ("Full failover test of the second hosting region",
         "Run production from the second region for a day in a planned window.",
         &[26, 49], "5.30", 4, "2027-03-31", 10_000, 0, Planned),
        ("Secure coding training for all developers",
         "Hands-on course for the 40 % of developers not yet trained.",
         &[11, 44], "8.28", 10, "2027-02-28", 7_000, 2_500, InProgress),
        ("Quarterly access reviews for the ERP and the support tool",
         "Add both systems to the quarterly review and remove rights nobody needs.",
         &[7, 47], "5.18", 4, "2026-10-15", 2_000, 0, InProgress),
        ("Masked copies of portal data for analytics",
         "Give analysts a masked copy so no one needs raw exports.",
         &[16], "8.11", 10, "2027-06-30", 9_000, 1_500, Planned),
        ("Wipe verification at the device logistics partner",
         "Require a wipe certificate per refurbished gateway and check a sample each month.",
         &[38], "7.14 8.10", 9, "2026-07-31", 1_500, 600, Done),
        ("Disk encryption and remote wipe on all laptops",
         "Enforce encryption through device management and enable remote wipe.",
         &[8, 20], "8.1 7.9", 4, "2026-03-31", 12_000, 3_000, Done),
        ("Branch protection and secret scanning",
         "Protect main branches and scan every push for secrets.",
         &[44, 43], "8.4", 10, "2026-05-31", 0, 3_600, Done),
        ("Threat models for every service",
         "Model threats for the existing services, starting with the ingestion API.",
         &[11, 23, 21], "8.25", 10, "2027-06-30", 6_000, 0, Planned),
        ("Renew the cyber insurance policy",
         "Renew with extortion, breach response and third-party liability cover.",
         &[55, 13], "", 7, "2027-01-15", 0, 42_000, Planned),
        ("Second approver for production hotfixes",
         "No engineer approves their own hotfix; the on-call lead approves out of hours.",
         &[15, 10], "5.3", 3, "2027-03-31", 0, 0, Planned),
        ("Retire fax referral intake",
         "Move the last clinics to portal referrals and cancel the fax line.",
         &[41], "", 11, "2026-07-01", 2_500, 0, Done),
        ("Configuration baseline for office network devices",
         "Superseded by the office network replacement planned for 2027.",
         &[52], "8.9", 4, "2027-03-31", 3_000, 0, Cancelled),
        ("DNS filtering for the guest Wi-Fi",
         "Extend the laptops' DNS filtering to the guest networks.",
         &[52], "8.23", 4, "2026-12-31", 1_200, 600, Planned),
        ("Label and lock archived paper records",
         "Label archive boxes and fit a badge reader to the archive room.",
         &[32], "5.13 7.3", 8, "2027-03-31", 800, 0, Planned),
    ]
};

/// The demo workspace: Larkmoor Health Technologies, a fictional 250-person
/// regional health-tech company, with 41 assets, 60 risks, a complete
/// Statement of Applicability, 24 treatment actions and three what-if
/// scenarios. Deterministic: every call returns the same workspace.
pub fn demo_organisation() -> Workspace {
    let mut ws = Workspace::new(
        WorkspaceId::try_new("larkmoor-health-demo").expect("valid id"),
        "Larkmoor Health Technologies (demo)",
    );
    ws.scope = "The design, development, hosting and support of the Wrenpath patient booking and \
                remote-monitoring platform for clinics, including the home monitoring gateways, \
                by Larkmoor Health Technologies Ltd from its Eastmere head office and Harrowgate \
                support centre, and the people, suppliers and systems that support it. Excluded: \
                the clinics' own systems and the physical security of the hosting provider's data \
                centres."
        .into();

    ws.people = PEOPLE
        .iter()
        .enumerate()
        .map(|(index, (name, role, mail))| Person {
            id: person_id(index + 1),
            name: (*name).into(),
            role: (*role).into(),
            email: format!("{mail}@larkmoor-health.example"),
        })
        .collect();

    ws.assets = ASSETS
        .iter()
        .enumerate()
        .map(
            |(index, (name, kind, owner, c, i, a, classification, description))| Asset {
                id: asset_id(index + 1),
                name: (*name).into(),
                kind: *kind,
                owner: (*owner > 0).then(|| person_id(*owner)),
                description: (*description).into(),
                valuation: Valuation {
                    confidentiality: impact(*c),
                    integrity: impact(*i),
                    availability: impact(*a),
                },
                classification: (*classification).into(),
            },
        )
        .collect();

    for (number, status, reasons, owner, evidence, target) in SOA {
        let id = annex_a_control_id(number);
        let control = ws
            .controls
            .iter_mut()
            .find(|c| c.id == id)
            .expect("every Annex A control is in a new workspace");
        control.owner = Some(person_id(*owner));
        control.status = match status {
            'I' => ImplementationStatus::Implemented,
            'H' => ImplementationStatus::Partial,
            'P' => ImplementationStatus::Planned,
            _ => ImplementationStatus::NotStarted,
        };
        let entry = ws
            .soa
            .iter_mut()
            .find(|e| e.control == id)
            .expect("every Annex A control has an SoA entry");
        entry.owner = Some(person_id(*owner));
        entry.evidence = (*evidence).into();
        entry.target_date = optional_date(target);
        if *status == 'X' {
            entry.applicability = Applicability::Excluded;
            entry.exclusion_justification = EXCLUSIONS
                .iter()
                .find(|(n, _)| n == number)
                .map(|(_, text)| (*text).into())
                .expect("every exclusion is justified");
        } else {
            entry.applicability = Applicability::Applicable;
            entry.reasons = reasons
                .chars()
                .map(|letter| match letter {
                    'r' => InclusionReason::RiskTreatment,
                    'l' => InclusionReason::LegalOrRegulatory,
                    'c' => InclusionReason::Contractual,
                    'b' => InclusionReason::BusinessRequirement,
                    _ => InclusionReason::BestPractice,
                })
                .collect();
        }
    }

    ws.risks = RISKS
        .iter()
        .enumerate()
        .map(
            |(
                index,
                (title, description, assets, threat, vulnerability, owner, l, decision, linked),
            )| {
                let threat = threat_id(*threat);
                let properties = ws
                    .threats
                    .iter()
                    .find(|t| t.id == threat)
                    .map(|t| t.harms)
                    .expect("starter threat");
                let decision = match decision {
                    'M' => TreatmentDecision::Mitigate,
                    'A' => TreatmentDecision::Accept,
                    'V' => TreatmentDecision::Avoid,
                    'T' => TreatmentDecision::Transfer,
                    _ => TreatmentDecision::Undecided,
                };
                let status = match decision {
                    TreatmentDecision::Undecided => RiskStatus::Open,
                    TreatmentDecision::Mitigate => RiskStatus::InTreatment,
                    TreatmentDecision::Avoid if index + 1 != 42 => RiskStatus::Closed,
                    _ => RiskStatus::Monitored,
                };
                Risk {
                    id: risk_id(index + 1),
                    title: (*title).into(),
                    description: (*description).into(),
                    assets: assets.iter().map(|n| asset_id(*n)).collect(),
                    threat: Some(threat),
                    vulnerability: (*vulnerability > 0).then(|| vulnerability_id(*vulnerability)),
                    owner: Some(person_id(*owner)),
                    properties,
                    likelihood: likelihood(*l),
                    impact: None,
                    treatment: Treatment {
                        decision,
                        rationale: String::new(),
                        transferred_share: Percent::ZERO,
                    },
                    controls: controls(linked),
                    residual_override: None,
                    acceptance: None,
                    review_date: None,
                    status,
                    quantitative: None,
                }
            },
        )
        .collect();
    refine(&mut ws);

    ws.actions = ACTIONS
        .iter()
        .enumerate()
        .map(
            |(index, (title, description, risks, linked, owner, due, one_off, yearly, status))| {
                Action {
                    id: ActionId::try_new(numbered_id("ACT", index + 1)).expect("valid id"),
                    title: (*title).into(),
                    description: (*description).into(),
                    risks: risks.iter().map(|n| risk_id(*n)).collect(),
                    controls: controls(linked),
                    owner: Some(person_id(*owner)),
                    due: Some(date(due)),
                    cost: Cost {
                        one_off: *one_off,
                        yearly: *yearly,
                    },
                    status: *status,
                }
            },
        )
        .collect();

    let implemented = |number: &str| Change::ControlStatus {
        control: annex_a_control_id(number),
        status: ImplementationStatus::Implemented,
    };
    let transfer = |n: usize, share: u8| Change::Treatment {
        risk: risk_id(n),
        decision: TreatmentDecision::Transfer,
        transferred_share: Percent::checked_new(share).expect("<= 100"),
    };
    ws.scenarios = vec![
        Scenario {
            id: ScenarioId::try_new("S-01").expect("valid id"),
            name: "MFA and backups this quarter".into(),
            description: "Finish multi-factor sign-in for every account and immutable, tested \
                          backups before the end of the quarter."
                .into(),
            changes: vec![implemented("8.5"), implemented("5.17"), implemented("8.13")],
        },
        Scenario {
            id: ScenarioId::try_new("S-02").expect("valid id"),
            name: "Supplier assurance programme".into(),
            description: "Supplier tiering, contract clauses, supply-chain scanning and service \
                          reviews all in place."
                .into(),
            changes: ["5.19", "5.20", "5.21", "5.22"]
                .into_iter()
                .map(implemented)
                .collect(),
        },
        Scenario {
            id: ScenarioId::try_new("S-03").expect("valid id"),
            name: "Broader cyber insurance instead of data leakage prevention".into(),
            description: "Buy more cover for data theft and extortion and postpone the data \
                          leakage prevention project."
                .into(),
            changes: vec![
                transfer(16, 50),
                transfer(55, 70),
                transfer(48, 40),
                Change::ControlStatus {
                    control: annex_a_control_id("8.12"),
                    status: ImplementationStatus::NotStarted,
                },
            ],
        },
    ];
    ws
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze_with, export_json, import_json, AnalysisOptions, Severity};
    use std::collections::HashSet;

    #[test]
    fn demo_is_deterministic_and_survives_export_and_import() {
        let ws = demo_organisation();
        assert_eq!(ws, demo_organisation());
        let text = export_json(&ws);
        let back = import_json(&text).unwrap_or_else(|problems| panic!("{problems:#?}"));
        assert_eq!(back, ws);
        assert_eq!(export_json(&back), text);
    }

    /// The committed fixture is the demo's export, so the app and browser
    /// tests can load it without the engine. Regenerate with
    /// `ISMS_UPDATE_FIXTURES=1 cargo test -p isms-engine demo` or `isms demo`.
    #[test]
    fn demo_fixture_is_up_to_date() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/demo-organisation.json"
        );
        let expected = format!("{}\n", export_json(&demo_organisation()));
        if std::env::var_os("ISMS_UPDATE_FIXTURES").is_some() {
            std::fs::write(path, &expected).expect("fixture written");
        }
        let stored = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            stored == expected,
            "{path} is out of date; run ISMS_UPDATE_FIXTURES=1 cargo test -p isms-engine demo"
        );
    }

    #[test]
    fn demo_has_the_promised_shape() {
        let ws = demo_organisation();
        assert_eq!(ws.assets.len(), 41);
        assert_eq!(ws.risks.len(), 60);
        assert_eq!(ws.soa.len(), 93);
        assert_eq!(SOA.len(), 93);
        let kinds: HashSet<_> = ws.assets.iter().map(|a| a.kind).collect();
        assert_eq!(kinds.len(), AssetKind::ALL.len(), "every asset kind");
        let decisions: HashSet<_> = ws.risks.iter().map(|r| r.treatment.decision).collect();
        for decision in [
            TreatmentDecision::Mitigate,
            TreatmentDecision::Accept,
            TreatmentDecision::Avoid,
            TreatmentDecision::Transfer,
        ] {
            assert!(decisions.contains(&decision), "{decision:?}");
        }
        assert!(ws
            .soa
            .iter()
            .all(|e| e.applicability != Applicability::Undecided));
        for entry in &ws.soa {
            match entry.applicability {
                Applicability::Excluded => assert!(entry.exclusion_justification.len() > 80),
                _ => assert!(!entry.reasons.is_empty() && !entry.evidence.is_empty()),
            }
        }
        let quantified = ws.risks.iter().filter(|r| r.quantitative.is_some()).count();
        assert_eq!(quantified, 15);
        let today = Date::parse(DEMO_TODAY).unwrap();
        let overdue = ws
            .actions
            .iter()
            .filter(|a| a.status.is_open() && a.due.is_some_and(|d| d < today))
            .count();
        assert!(overdue >= 3, "{overdue} overdue actions");
        assert!(ws.actions.iter().any(|a| a.status == ActionStatus::Done));
        // Linked controls are never excluded ones.
        let excluded: HashSet<_> = ws
            .soa
            .iter()
            .filter(|e| e.applicability == Applicability::Excluded)
            .map(|e| e.control.clone())
            .collect();
        for risk in &ws.risks {
            assert!(risk.controls.iter().all(|c| !excluded.contains(c)));
        }
    }

    #[test]
    fn demo_analysis_is_a_realistic_mix() {
        let ws = demo_organisation();
        let analysis = analyze_with(
            &ws,
            &AnalysisOptions {
                today: Date::parse(DEMO_TODAY),
            },
        );
        let inherent = &analysis.distributions.inherent;
        let levels_used = serde_json::to_value(inherent).unwrap();
        let above = analysis
            .risks
            .iter()
            .filter(|r| r.current_above_appetite)
            .count();
        let planned_above = analysis
            .risks
            .iter()
            .filter(|r| r.planned_above_appetite)
            .count();
        assert!(above >= 5, "{above} risks above appetite\n{levels_used}");
        assert!(planned_above < above, "planned treatment helps");
        assert!(above < 40);
        let codes: HashSet<&str> = analysis.findings.iter().map(|f| f.code).collect();
        for code in [
            "acceptance_expired",
            "acceptance_missing",
            "action_overdue",
            "review_overdue",
            "missing_owner",
            "treatment_undecided",
        ] {
            assert!(codes.contains(code), "{code} in {codes:?}");
        }
        assert!(
            !analysis.findings.iter().any(|f| f.code == "integrity"),
            "no broken references"
        );
        assert!(!codes.contains("excluded_control_relied_on"));
        assert!(analysis
            .findings
            .iter()
            .any(|f| f.severity == Severity::Error));
        assert!(analysis.expected_annual_loss.is_some_and(|loss| loss > 0.0));
    }
}
