//! Words the interface uses for the engine's enumerations.

use engine::{
    AssetKind, ImplementationStatus, Property, ResidualBasis, RiskStatus, TreatmentDecision,
};

pub fn asset_kind(kind: AssetKind) -> &'static str {
    match kind {
        AssetKind::Information => "Information",
        AssetKind::Software => "Software",
        AssetKind::Hardware => "Hardware",
        AssetKind::Service => "Service",
        AssetKind::People => "People",
        AssetKind::Site => "Site",
        AssetKind::Supplier => "Supplier",
    }
}

pub const DECISIONS: [TreatmentDecision; 5] = [
    TreatmentDecision::Undecided,
    TreatmentDecision::Mitigate,
    TreatmentDecision::Accept,
    TreatmentDecision::Avoid,
    TreatmentDecision::Transfer,
];

pub fn decision(decision: TreatmentDecision) -> &'static str {
    match decision {
        TreatmentDecision::Undecided => "Undecided",
        TreatmentDecision::Mitigate => "Mitigate",
        TreatmentDecision::Accept => "Accept",
        TreatmentDecision::Avoid => "Avoid",
        TreatmentDecision::Transfer => "Transfer",
    }
}

pub const STATUSES: [RiskStatus; 4] = [
    RiskStatus::Open,
    RiskStatus::InTreatment,
    RiskStatus::Monitored,
    RiskStatus::Closed,
];

pub fn risk_status(status: RiskStatus) -> &'static str {
    match status {
        RiskStatus::Open => "Open",
        RiskStatus::InTreatment => "In treatment",
        RiskStatus::Monitored => "Monitored",
        RiskStatus::Closed => "Closed",
    }
}

pub fn property(property: Property) -> &'static str {
    match property {
        Property::Confidentiality => "Confidentiality",
        Property::Integrity => "Integrity",
        Property::Availability => "Availability",
    }
}

pub fn implementation(status: ImplementationStatus) -> &'static str {
    match status {
        ImplementationStatus::NotStarted => "not started",
        ImplementationStatus::Planned => "planned",
        ImplementationStatus::Partial => "partially implemented",
        ImplementationStatus::Implemented => "implemented",
    }
}

pub fn basis(basis: ResidualBasis) -> &'static str {
    match basis {
        ResidualBasis::Controls => "formula over the linked controls",
        ResidualBasis::Transfer => "formula, then impact lowered by the transferred share",
        ResidualBasis::Accepted => "accepted: the planned rating is the current one",
        ResidualBasis::Avoided => "avoided: closed at the lowest rating",
        ResidualBasis::Override => "manual override",
    }
}

/// Lets a select offer an engine enumeration: keys from the engine's key
/// table, words from the function above.
macro_rules! choice {
    ($enum:ty, $words:path) => {
        impl crate::components::Choice for $enum {
            fn all() -> Vec<Self> {
                <$enum>::ALL.to_vec()
            }
            fn key(self) -> &'static str {
                self.name()
            }
            fn from_key(key: &str) -> Option<Self> {
                <$enum>::from_name(key)
            }
            fn label(self) -> &'static str {
                $words(self)
            }
        }
    };
}

choice!(AssetKind, asset_kind);
choice!(TreatmentDecision, decision);
choice!(RiskStatus, risk_status);
choice!(ImplementationStatus, crate::ui::workbench::implementation);
choice!(engine::Applicability, crate::ui::workbench::applicability);
choice!(engine::ActionStatus, crate::ui::workbench::action_status);

pub fn clause_status(status: engine::ClauseStatus) -> &'static str {
    match status {
        engine::ClauseStatus::NotStarted => "Not started",
        engine::ClauseStatus::PartiallyMet => "Partially met",
        engine::ClauseStatus::FullyMet => "Fully met",
        engine::ClauseStatus::NotApplicable => "Not applicable",
    }
}

pub fn audit_status(status: engine::AuditStatus) -> &'static str {
    match status {
        engine::AuditStatus::Planned => "Planned",
        engine::AuditStatus::InProgress => "In progress",
        engine::AuditStatus::Completed => "Completed",
        engine::AuditStatus::Cancelled => "Cancelled",
    }
}

pub fn finding_class(class: engine::FindingClass) -> &'static str {
    match class {
        engine::FindingClass::MajorNonconformity => "Major nonconformity",
        engine::FindingClass::MinorNonconformity => "Minor nonconformity",
        engine::FindingClass::Observation => "Observation",
        engine::FindingClass::OpportunityForImprovement => "Opportunity for improvement",
    }
}

pub fn nonconformity_grade(grade: engine::NonconformityGrade) -> &'static str {
    match grade {
        engine::NonconformityGrade::Minor => "Minor",
        engine::NonconformityGrade::Major => "Major",
    }
}

pub fn nonconformity_status(status: engine::NonconformityStatus) -> &'static str {
    match status {
        engine::NonconformityStatus::Open => "Open",
        engine::NonconformityStatus::AwaitingReview => "Awaiting effectiveness review",
        engine::NonconformityStatus::Closed => "Closed",
    }
}

choice!(engine::ClauseStatus, clause_status);
choice!(engine::AuditStatus, audit_status);
choice!(engine::FindingClass, finding_class);
choice!(engine::NonconformityGrade, nonconformity_grade);
choice!(engine::NonconformityStatus, nonconformity_status);

pub fn incident_severity(severity: engine::IncidentSeverity) -> &'static str {
    match severity {
        engine::IncidentSeverity::Low => "Low",
        engine::IncidentSeverity::Medium => "Medium",
        engine::IncidentSeverity::High => "High",
        engine::IncidentSeverity::Critical => "Critical",
    }
}

pub fn incident_status(status: engine::IncidentStatus) -> &'static str {
    match status {
        engine::IncidentStatus::Open => "Open",
        engine::IncidentStatus::Contained => "Contained",
        engine::IncidentStatus::Closed => "Closed",
    }
}

choice!(engine::IncidentSeverity, incident_severity);
choice!(engine::IncidentStatus, incident_status);

pub fn direction(direction: engine::Direction) -> &'static str {
    match direction {
        engine::Direction::AtLeast => "At least the target (higher is better)",
        engine::Direction::AtMost => "At most the target (lower is better)",
    }
}

choice!(engine::Direction, direction);

pub fn document_kind(kind: engine::DocumentKind) -> &'static str {
    match kind {
        engine::DocumentKind::Policy => "Policy",
        engine::DocumentKind::Procedure => "Procedure",
        engine::DocumentKind::Standard => "Standard",
        engine::DocumentKind::Plan => "Plan",
        engine::DocumentKind::Record => "Record",
        engine::DocumentKind::Other => "Other",
    }
}

pub fn document_status(status: engine::DocumentStatus) -> &'static str {
    match status {
        engine::DocumentStatus::Draft => "Draft",
        engine::DocumentStatus::Approved => "Approved",
        engine::DocumentStatus::Retired => "Retired",
    }
}

choice!(engine::DocumentKind, document_kind);
choice!(engine::DocumentStatus, document_status);
