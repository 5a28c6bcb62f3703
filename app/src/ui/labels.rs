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
