//! The incident register (Annex A 5.24 to 5.28) and what an incident says
//! about the risk assessment: a suggestion to review the likelihood of the
//! risks it concerns, never a change.

use crate::methodology::Likelihood;
use crate::model::key_table;
use crate::model::{AssetId, ControlId, Date, IncidentId, PersonId, RiskId, RiskStatus, Workspace};
use serde::{Deserialize, Serialize};

/// How much harm an incident did or could do.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum IncidentSeverity {
    /// Little or no harm.
    #[default]
    Low,
    /// Noticeable harm, contained.
    Medium,
    /// Serious harm or a reportable breach.
    High,
    /// Harm that threatens the organisation or people's safety.
    Critical,
}

key_table!(IncidentSeverity {
    Low => "low",
    Medium => "medium",
    High => "high",
    Critical => "critical",
});

/// Where the handling of an incident stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IncidentStatus {
    /// Reported, being assessed or handled.
    #[default]
    Open,
    /// The harm is stopped; recovery under way.
    Contained,
    /// Handled; lessons learned recorded.
    Closed,
}

key_table!(IncidentStatus {
    Open => "open",
    Contained => "contained",
    Closed => "closed",
});

/// One information security incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incident {
    /// Stable id, e.g. "INC-0001".
    pub id: IncidentId,
    /// A short name for people.
    pub title: String,
    /// What happened.
    #[serde(default)]
    pub description: String,
    /// When it happened (or started).
    pub occurred: Date,
    /// Who handles it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<PersonId>,
    /// Assets it affected.
    #[serde(default)]
    pub assets: Vec<AssetId>,
    /// Risks it is an instance of.
    #[serde(default)]
    pub risks: Vec<RiskId>,
    /// Controls that failed, were missing or helped.
    #[serde(default)]
    pub controls: Vec<ControlId>,
    /// Low to critical.
    #[serde(default)]
    pub severity: IncidentSeverity,
    /// Open, contained or closed.
    #[serde(default)]
    pub status: IncidentStatus,
    /// What the organisation learned (Annex A 5.27).
    #[serde(default)]
    pub lessons_learned: String,
    /// The likelihood changes people made after reviewing this incident's
    /// suggestions, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub likelihood_changes: Vec<LikelihoodChange>,
}

/// A risk's likelihood raised by a person after an incident: the record
/// of an applied [`LikelihoodSuggestion`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LikelihoodChange {
    /// The risk whose inherent likelihood changed.
    pub risk: RiskId,
    /// Its likelihood before.
    pub from: Likelihood,
    /// Its likelihood after.
    pub to: Likelihood,
    /// The day the change was made.
    pub on: Date,
}

impl Incident {
    /// An open, low-severity incident with an id, a title and a date.
    pub fn new(id: IncidentId, title: impl Into<String>, occurred: Date) -> Self {
        Incident {
            id,
            title: title.into(),
            description: String::new(),
            occurred,
            owner: None,
            assets: Vec::new(),
            risks: Vec::new(),
            controls: Vec::new(),
            severity: IncidentSeverity::Low,
            status: IncidentStatus::Open,
            lessons_learned: String::new(),
            likelihood_changes: Vec::new(),
        }
    }
}

/// Why a risk is related to an incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// The incident names the risk.
    Linked,
    /// The risk concerns an asset the incident affected.
    SharesAsset,
}

/// A suggestion to look again at a risk's likelihood after an incident.
/// Shown to people; the engine never applies it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LikelihoodSuggestion {
    /// The risk to review.
    pub risk: RiskId,
    /// The incident that prompts it.
    pub incident: IncidentId,
    /// How the two are related.
    pub relation: Relation,
    /// The risk's inherent likelihood now.
    pub current: Likelihood,
    /// The likelihood one step higher, which the incident suggests.
    pub suggested: Likelihood,
    /// How many incidents in the register concern this risk (linked or by
    /// a shared asset), this one included.
    pub incidents: usize,
    /// The suggestion in a sentence.
    pub message: String,
}

/// The risks whose likelihood incident `id` suggests reviewing: the open
/// risks it names, then the open risks on the assets it affected. Each gets
/// one step up on the likelihood scale; risks already at the top of the
/// scale, and risks whose likelihood was already changed after this
/// incident, get none. Empty when there is no such incident. Nothing is
/// changed: [`Workspace::apply_likelihood_suggestion`] does that, on request.
pub fn likelihood_suggestions(workspace: &Workspace, id: &IncidentId) -> Vec<LikelihoodSuggestion> {
    let Some(incident) = workspace.incidents.iter().find(|i| &i.id == id) else {
        return Vec::new();
    };
    let top = workspace.methodology.likelihood_scale().len();
    let related = |risk: &crate::model::Risk, incident: &Incident| -> Option<Relation> {
        if incident.risks.contains(&risk.id) {
            Some(Relation::Linked)
        } else if risk.assets.iter().any(|a| incident.assets.contains(a)) {
            Some(Relation::SharesAsset)
        } else {
            None
        }
    };
    let mut out: Vec<LikelihoodSuggestion> = Vec::new();
    for risk in &workspace.risks {
        if risk.status == RiskStatus::Closed {
            continue;
        }
        let Some(relation) = related(risk, incident) else {
            continue;
        };
        if incident
            .likelihood_changes
            .iter()
            .any(|c| c.risk == risk.id)
        {
            continue;
        }
        let current = risk.likelihood;
        if usize::from(current.get()) >= top {
            continue;
        }
        let Some(suggested) = Likelihood::checked_new(current.get() + 1) else {
            continue;
        };
        let incidents = workspace
            .incidents
            .iter()
            .filter(|other| related(risk, other).is_some())
            .count();
        let why = match relation {
            Relation::Linked => "is an instance of",
            Relation::SharesAsset => "affected an asset of",
        };
        out.push(LikelihoodSuggestion {
            risk: risk.id.clone(),
            incident: incident.id.clone(),
            relation,
            current,
            suggested,
            incidents,
            message: format!(
                "Incident {} of {} {why} risk {} ({} incident{} in the register concern it); review whether its likelihood {} should rise to {}.",
                incident.id,
                incident.occurred,
                risk.id,
                incidents,
                if incidents == 1 { "" } else { "s" },
                current.get(),
                suggested.get()
            ),
        });
    }
    // Linked risks first; the register order within each.
    crate::order::sort_by_key(&mut out, |s| s.relation != Relation::Linked);
    out
}

impl Workspace {
    /// Applies the likelihood suggestion incident `incident` makes for risk
    /// `risk`, at a person's request: the risk's inherent likelihood moves
    /// to the suggested level and the change is recorded on the incident
    /// (dated `on`), so the suggestion is not offered again. Returns the
    /// change; refused when the incident does not suggest it (any more).
    pub fn apply_likelihood_suggestion(
        &mut self,
        incident: &IncidentId,
        risk: &RiskId,
        on: Date,
    ) -> Result<LikelihoodChange, crate::commands::CommandError> {
        let suggestion = likelihood_suggestions(self, incident)
            .into_iter()
            .find(|s| &s.risk == risk)
            .ok_or_else(|| {
                crate::commands::CommandError::Invalid(format!(
                    "incident {incident} does not suggest a new likelihood for risk {risk}"
                ))
            })?;
        let change = LikelihoodChange {
            risk: risk.clone(),
            from: suggestion.current,
            to: suggestion.suggested,
            on,
        };
        if let Some(found) = self.risks.iter_mut().find(|r| &r.id == risk) {
            found.likelihood = suggestion.suggested;
        }
        if let Some(found) = self.incidents.iter_mut().find(|i| &i.id == incident) {
            found.likelihood_changes.push(change.clone());
        }
        Ok(change)
    }
}
