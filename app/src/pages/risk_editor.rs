//! The risk editor: every field of one risk, with its levels recomputed by
//! the engine while the user types and the residual arithmetic laid out.

use crate::components::TreatmentFields;
use crate::components::{scale_option, OpenWorkspaceGate};
use crate::components::{value_text, ConfirmDialog, LevelBadge};
use crate::routes::Route;
use crate::state::AppState;
use crate::ui::labels::{basis, implementation, property, risk_status, STATUSES};
use crate::ui::today;
use engine::{
    analyze_with, Acceptance, AnalysisOptions, AssetId, ControlId, Date, Estimate, ImpactSource,
    Methodology, Percent, PersonId, Property, PropertySet, QuantitativeInputs, Rating, Residual,
    ResidualOverride, Risk, RiskAssessment, RiskId, RiskStatus, ThreatId, Treatment,
    TreatmentDecision, VulnerabilityId, Workspace,
};
use leptos::prelude::*;

/// The editor of risk `risk` (or a new risk when `None`) in workspace `id`.
#[component]
pub fn RiskEditorPage(id: String, risk: Option<String>) -> impl IntoView {
    view! {
        <OpenWorkspaceGate id=id>
            <RiskEditor risk=risk.clone()/>
        </OpenWorkspaceGate>
    }
}

/// Problems with the draft, by field; the draft is saved only without any.
#[derive(Debug, Clone, Default, PartialEq)]
struct FieldErrors(Vec<(&'static str, String)>);

impl FieldErrors {
    fn add(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.push((field, message.into()));
    }
    fn get(&self, field: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.clone())
    }
}

/// A three-point estimate as typed.
#[derive(Clone, Copy)]
struct EstimateDraft([RwSignal<String>; 3]);

impl EstimateDraft {
    fn new(estimate: Option<Estimate>) -> Self {
        let text = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        Self([
            RwSignal::new(text(estimate.map(|e| e.low()))),
            RwSignal::new(text(estimate.map(|e| e.most_likely()))),
            RwSignal::new(text(estimate.map(|e| e.high()))),
        ])
    }
    fn parse(&self) -> Result<Estimate, String> {
        let mut values = [0.0; 3];
        for (slot, text) in values.iter_mut().zip(self.0) {
            let text = text.get();
            *slot = text
                .trim()
                .replace(',', ".")
                .parse::<f64>()
                .map_err(|_| format!("“{}” is not a number.", text.trim()))?;
        }
        Estimate::try_new(values[0], values[1], values[2])
            .map_err(|_| "Needs 0 ≤ low ≤ most likely ≤ high.".to_owned())
    }
}

/// The risk as being edited: one signal per field, text where the user
/// types something that must be checked.
#[derive(Clone, Copy)]
struct Draft {
    title: RwSignal<String>,
    description: RwSignal<String>,
    assets: RwSignal<Vec<AssetId>>,
    threat: RwSignal<String>,
    vulnerability: RwSignal<String>,
    owner: RwSignal<String>,
    properties: RwSignal<PropertySet>,
    likelihood: RwSignal<u8>,
    /// `None`: the impact follows the assets' valuation.
    impact: RwSignal<Option<u8>>,
    decision: RwSignal<TreatmentDecision>,
    rationale: RwSignal<String>,
    transferred: RwSignal<String>,
    controls: RwSignal<Vec<ControlId>>,
    accepted_by: RwSignal<String>,
    accepted_on: RwSignal<String>,
    acceptance_expires: RwSignal<String>,
    review: RwSignal<String>,
    status: RwSignal<RiskStatus>,
    /// Whether the assessor overrides the computed residual.
    overridden: RwSignal<bool>,
    override_likelihood: RwSignal<u8>,
    override_impact: RwSignal<u8>,
    override_justification: RwSignal<String>,
    quantitative: RwSignal<bool>,
    frequency: EstimateDraft,
    vulnerability_estimate: EstimateDraft,
    loss: EstimateDraft,
    /// The risk as stored when the draft last started from it.
    base: RwSignal<Risk>,
}

fn date_text(date: Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

impl Draft {
    fn new(risk: Risk) -> Self {
        let acceptance = risk.acceptance.as_ref();
        let quantitative = risk.quantitative;
        Self {
            title: RwSignal::new(risk.title.clone()),
            description: RwSignal::new(risk.description.clone()),
            assets: RwSignal::new(risk.assets.clone()),
            threat: RwSignal::new(
                risk.threat
                    .as_ref()
                    .map(|t| t.to_string())
                    .unwrap_or_default(),
            ),
            vulnerability: RwSignal::new(
                risk.vulnerability
                    .as_ref()
                    .map(|v| v.to_string())
                    .unwrap_or_default(),
            ),
            owner: RwSignal::new(
                risk.owner
                    .as_ref()
                    .map(|o| o.to_string())
                    .unwrap_or_default(),
            ),
            properties: RwSignal::new(risk.properties),
            likelihood: RwSignal::new(risk.likelihood.get()),
            impact: RwSignal::new(risk.impact.map(|i| i.get())),
            decision: RwSignal::new(risk.treatment.decision),
            rationale: RwSignal::new(risk.treatment.rationale.clone()),
            transferred: RwSignal::new(risk.treatment.transferred_share.get().to_string()),
            controls: RwSignal::new(risk.controls.clone()),
            accepted_by: RwSignal::new(
                acceptance
                    .map(|a| a.accepted_by.to_string())
                    .unwrap_or_default(),
            ),
            accepted_on: RwSignal::new(date_text(acceptance.map(|a| a.date))),
            acceptance_expires: RwSignal::new(date_text(acceptance.and_then(|a| a.expires))),
            review: RwSignal::new(date_text(risk.review_date)),
            status: RwSignal::new(risk.status),
            overridden: RwSignal::new(risk.residual_override.is_some()),
            override_likelihood: RwSignal::new(
                risk.residual_override
                    .as_ref()
                    .map_or(1, |o| o.likelihood.get()),
            ),
            override_impact: RwSignal::new(
                risk.residual_override
                    .as_ref()
                    .map_or(1, |o| o.impact.get()),
            ),
            override_justification: RwSignal::new(
                risk.residual_override
                    .as_ref()
                    .map(|o| o.justification.clone())
                    .unwrap_or_default(),
            ),
            quantitative: RwSignal::new(quantitative.is_some()),
            frequency: EstimateDraft::new(quantitative.map(|q| q.threat_event_frequency)),
            vulnerability_estimate: EstimateDraft::new(quantitative.map(|q| q.vulnerability)),
            loss: EstimateDraft::new(quantitative.map(|q| q.loss_magnitude)),
            base: RwSignal::new(risk),
        }
    }

    /// Puts every field of `risk` into the form (another tab's change
    /// merged in, or a value chosen in a conflict).
    fn set_from(&self, risk: &Risk) {
        let fresh = Draft::new(risk.clone());
        macro_rules! copy {
            ($($field:ident),*) => {$(
                let value = fresh.$field.get_untracked();
                if self.$field.get_untracked() != value {
                    self.$field.set(value);
                }
                fresh.$field.dispose();
            )*};
        }
        copy!(
            title,
            description,
            assets,
            threat,
            vulnerability,
            owner,
            properties,
            likelihood,
            impact,
            decision,
            rationale,
            transferred,
            controls,
            accepted_by,
            accepted_on,
            acceptance_expires,
            review,
            status,
            overridden,
            override_likelihood,
            override_impact,
            override_justification,
            quantitative
        );
        for (mine, theirs) in [
            (self.frequency, fresh.frequency),
            (self.vulnerability_estimate, fresh.vulnerability_estimate),
            (self.loss, fresh.loss),
        ] {
            for (slot, value) in mine.0.iter().zip(theirs.0) {
                let value_text = value.get_untracked();
                if slot.get_untracked() != value_text {
                    slot.set(value_text);
                }
                value.dispose();
            }
        }
        fresh.base.dispose();
    }

    /// The risk the draft describes, and what is wrong with it. Invalid
    /// fields fall back to harmless values so the live levels keep working.
    fn build(&self, methodology: &Methodology) -> (Risk, FieldErrors) {
        let mut errors = FieldErrors::default();
        let mut risk = self.base.get();
        let title = self.title.get().trim().to_owned();
        if title.is_empty() {
            errors.add("title", "Give the risk a short title.");
        }
        risk.title = title;
        risk.description = self.description.get().trim().to_owned();
        risk.assets = self.assets.get();
        risk.threat = ThreatId::try_new(self.threat.get()).ok();
        risk.vulnerability = VulnerabilityId::try_new(self.vulnerability.get()).ok();
        risk.owner = PersonId::try_new(self.owner.get()).ok();
        risk.properties = self.properties.get();
        if risk.properties.is_empty() {
            errors.add("properties", "Tick at least one property the risk harms.");
        }
        match methodology.likelihood(self.likelihood.get()) {
            Some(l) => risk.likelihood = l,
            None => errors.add("likelihood", "Choose a likelihood on the scale."),
        }
        risk.impact = match self.impact.get() {
            None => None,
            Some(value) => match methodology.impact(value) {
                Some(i) => Some(i),
                None => {
                    errors.add("impact", "Choose an impact on the scale.");
                    None
                }
            },
        };
        let decision = self.decision.get();
        let mut transferred_share = Percent::ZERO;
        if decision == TreatmentDecision::Transfer {
            let text = self.transferred.get();
            match text
                .trim()
                .parse::<u8>()
                .ok()
                .and_then(Percent::checked_new)
            {
                Some(share) => transferred_share = share,
                None => errors.add(
                    "transferred",
                    "Enter the transferred share as a whole number from 0 to 100.",
                ),
            }
        }
        risk.treatment = Treatment {
            decision,
            rationale: self.rationale.get().trim().to_owned(),
            transferred_share,
        };
        risk.controls = self.controls.get();
        risk.acceptance = self.acceptance(&mut errors);
        risk.residual_override = self.residual_override(methodology, &mut errors);
        risk.review_date = parse_date(&self.review.get(), "review", &mut errors);
        risk.status = self.status.get();
        risk.quantitative = None;
        if self.quantitative.get() {
            let parts = [
                ("frequency", self.frequency.parse()),
                (
                    "vulnerability_estimate",
                    self.vulnerability_estimate.parse(),
                ),
                ("loss", self.loss.parse()),
            ];
            let mut values = Vec::new();
            for (field, result) in parts {
                match result {
                    Ok(estimate) => values.push(estimate),
                    Err(message) => errors.add(field, message),
                }
            }
            if let [frequency, vulnerability, loss] = values[..] {
                if vulnerability.high() > 1.0 {
                    errors.add(
                        "vulnerability_estimate",
                        "Vulnerability is a probability: at most 1.",
                    );
                } else {
                    risk.quantitative = Some(QuantitativeInputs {
                        threat_event_frequency: frequency,
                        vulnerability,
                        loss_magnitude: loss,
                    });
                }
            }
        }
        (risk, errors)
    }

    /// The assessor's own residual rating, when they chose to give one. A
    /// justification is required: auditors ask why the arithmetic was set
    /// aside.
    fn residual_override(
        &self,
        methodology: &Methodology,
        errors: &mut FieldErrors,
    ) -> Option<ResidualOverride> {
        if !self.overridden.get() {
            return None;
        }
        let likelihood = methodology.likelihood(self.override_likelihood.get());
        if likelihood.is_none() {
            errors.add("override_likelihood", "Choose a likelihood on the scale.");
        }
        let impact = methodology.impact(self.override_impact.get());
        if impact.is_none() {
            errors.add("override_impact", "Choose an impact on the scale.");
        }
        let justification = self.override_justification.get().trim().to_owned();
        if justification.is_empty() {
            errors.add(
                "override_justification",
                "Say why the computed residual does not apply.",
            );
        }
        Some(ResidualOverride {
            likelihood: likelihood?,
            impact: impact?,
            justification,
        })
    }

    fn acceptance(&self, errors: &mut FieldErrors) -> Option<Acceptance> {
        let by = self.accepted_by.get();
        let on = self.accepted_on.get();
        let expires = self.acceptance_expires.get();
        if by.is_empty() && on.trim().is_empty() && expires.trim().is_empty() {
            return None;
        }
        let person = PersonId::try_new(by).ok();
        if person.is_none() {
            errors.add("accepted_by", "Choose who accepted the risk.");
        }
        let date = parse_date(&on, "accepted_on", errors);
        if date.is_none() && !errors.0.iter().any(|(f, _)| *f == "accepted_on") {
            errors.add("accepted_on", "Enter the date of the acceptance.");
        }
        let expires = parse_date(&expires, "acceptance_expires", errors);
        if let (Some(date), Some(expires)) = (date, expires) {
            if expires < date {
                errors.add(
                    "acceptance_expires",
                    "The acceptance cannot expire before it was given.",
                );
            }
        }
        Some(Acceptance {
            accepted_by: person?,
            date: date?,
            expires,
        })
    }
}

fn parse_date(text: &str, field: &'static str, errors: &mut FieldErrors) -> Option<Date> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let date = Date::parse(text);
    if date.is_none() {
        errors.add(field, "Enter a date as YYYY-MM-DD.");
    }
    date
}

/// A copy of `workspace` that holds only `risk`, so the editor's live
/// analysis costs the same for ten risks or ten thousand.
fn with_only(workspace: &Workspace, risk: Risk) -> Workspace {
    Workspace {
        id: workspace.id.clone(),
        name: String::new(),
        scope: String::new(),
        methodology: workspace.methodology.clone(),
        people: workspace.people.clone(),
        assets: workspace.assets.clone(),
        threats: Vec::new(),
        vulnerabilities: Vec::new(),
        risks: vec![risk],
        controls: workspace.controls.clone(),
        soa: workspace.soa.clone(),
        actions: workspace.actions.clone(),
        scenarios: Vec::new(),
    }
}

/// What the engine says about the draft.
#[derive(Debug, Clone, PartialEq)]
struct Preview {
    assessment: RiskAssessment,
    /// The impact the assets' valuation suggests, and where it comes from.
    suggested: (u8, String),
    appetite: String,
}

fn preview(workspace: &Workspace, risk: &Risk) -> Option<Preview> {
    let options = AnalysisOptions { today: today() };
    let mut following_assets = risk.clone();
    following_assets.impact = None;
    let suggestion = analyze_with(&with_only(workspace, following_assets), &options);
    let suggestion = suggestion.risks.first()?;
    let source = match &suggestion.impact_source {
        ImpactSource::AssetValuation { asset, property: p } => {
            let name = workspace
                .assets
                .iter()
                .find(|a| &a.id == asset)
                .map_or_else(|| asset.to_string(), |a| a.name.clone());
            format!("{} of {name}", property(*p).to_lowercase())
        }
        _ => "no asset valuation applies; the lowest impact is assumed".to_owned(),
    };
    let analysis = analyze_with(&with_only(workspace, risk.clone()), &options);
    let methodology = &workspace.methodology;
    Some(Preview {
        assessment: analysis.risks.first()?.clone(),
        suggested: (suggestion.inherent.impact.get(), source),
        appetite: methodology
            .level_definition(methodology.appetite())
            .name
            .clone(),
    })
}

#[component]
fn RiskEditor(risk: Option<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let found = state.open.with_untracked(|o| {
        let workspace = &o.as_ref()?.workspace;
        Some(match &risk {
            Some(id) => workspace
                .risks
                .iter()
                .find(|r| r.id.as_str() == id)
                .cloned(),
            None => Some(new_risk(workspace)),
        })
    });
    let Some(Some(original)) = found else {
        let id = risk.unwrap_or_default();
        return view! {
            <h1>"Risk not found"</h1>
            <p>{format!("There is no risk {id} in this workspace; it may have been deleted.")}</p>
        }
        .into_any();
    };
    let is_new = risk.is_none();
    let draft = Draft::new(original);
    let attempted = RwSignal::new(false);

    let methodology = Memo::new(move |_| {
        state
            .open
            .with(|o| o.as_ref().map(|o| o.workspace.methodology.clone()))
            .unwrap_or_default()
    });
    let built = Memo::new(move |_| methodology.with(|m| draft.build(m)));
    let live = Memo::new(move |_| {
        built.with(|(risk, _)| {
            state
                .open
                .with(|o| o.as_ref().and_then(|o| preview(&o.workspace, risk)))
        })
    });
    let errors = Signal::derive(move || {
        if attempted.get() {
            built.with(|(_, e)| e.clone())
        } else {
            FieldErrors::default()
        }
    });
    let workspace_id = state
        .open
        .with_untracked(|o| o.as_ref().map(|o| o.summary.id.clone()))
        .unwrap_or_default();
    let register_href = Route::Risks(workspace_id.clone()).href();
    let heading = if is_new {
        "New risk".to_owned()
    } else {
        format!("Risk {}", draft.base.with_untracked(|r| r.id.to_string()))
    };

    // What is stored now for this risk: another tab's save (loaded and
    // merged by the save loop) shows up here while the form is open.
    let stored_id = risk.clone();
    let stored_risk = Memo::new(move |_| {
        let id = stored_id.as_deref()?;
        state.open.with(|o| {
            o.as_ref()?
                .workspace
                .risks
                .iter()
                .find(|r| r.id.as_str() == id)
                .cloned()
        })
    });
    let dirty = move || built.with(|(risk, _)| draft.base.with(|base| risk != base));
    state.track_unsaved("risk-editor", dirty);
    // Fields both this form and another tab changed: both values are shown
    // and the person chooses.
    let conflicts = RwSignal::new(Vec::<engine::Conflict>::new());
    let changed_elsewhere = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let Some(current) = stored_risk.get() else {
            return;
        };
        if draft.base.with(|base| *base == current) {
            return;
        }
        let (mine, problems) = built.get_untracked();
        let untouched = draft.base.with(|base| mine == *base);
        if untouched {
            draft.set_from(&current);
            draft.base.set(current);
            changed_elsewhere.set(Some(
                "This risk was changed in another tab; the form shows the latest version.".into(),
            ));
            return;
        }
        if !problems.0.is_empty() {
            // Merged when saving, once the form's own problems are fixed.
            changed_elsewhere.set(Some(
                "This risk was changed in another tab while you edit it. Saving keeps their \
                 changes to fields you did not touch and asks about fields you both changed."
                    .into(),
            ));
            return;
        }
        let merged = draft
            .base
            .with_untracked(|base| engine::merge_object(base, &mine, &current));
        if let Some(merged) = merged {
            draft.set_from(&merged.merged);
            draft.base.set(current);
            let both = merged.conflicts.len();
            conflicts.set(merged.conflicts);
            changed_elsewhere.set(Some(if both == 0 {
                "This risk was changed in another tab; their changes are now in the form and \
                 your unsaved edits are kept."
                    .into()
            } else {
                "This risk was changed in another tab; you both changed the fields below: \
                 choose which value to keep, then save."
                    .into()
            }));
        }
    });

    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        attempted.set(true);
        let (mut risk, problems) = built.get_untracked();
        if !problems.0.is_empty() {
            state.error.set(None);
            return;
        }
        if !conflicts.with_untracked(Vec::is_empty) {
            state.error.set(Some(
                "Not saved yet: choose which value to keep for each field changed in both tabs."
                    .into(),
            ));
            return;
        }
        // Never write the whole risk from a stale draft: bring in what
        // another tab changed meanwhile, field by field.
        if let Some(current) = stored_risk.get_untracked() {
            if draft.base.with_untracked(|base| *base != current) {
                let merged = draft
                    .base
                    .with_untracked(|base| engine::merge_object(base, &risk, &current));
                let Some(merged) = merged else {
                    state.error.set(Some(
                        "This risk was changed in another tab and the two versions could not be \
                         combined; nothing was saved. Copy your changes, reload the page and make \
                         them again."
                            .into(),
                    ));
                    return;
                };
                draft.set_from(&merged.merged);
                draft.base.set(current);
                if !merged.conflicts.is_empty() {
                    conflicts.set(merged.conflicts);
                    changed_elsewhere.set(Some(
                        "Not saved yet: this risk was changed in another tab and you both changed \
                         the fields below. Choose which value to keep, then save."
                            .into(),
                    ));
                    return;
                }
                risk = merged.merged;
            }
        }
        changed_elsewhere.set(None);
        if is_new {
            if let Some(id) = state
                .open
                .with_untracked(|o| o.as_ref().map(|o| o.workspace.next_risk_id()))
            {
                risk.id = id;
            }
        }
        let id = risk.id.clone();
        if !is_new {
            // What is about to be stored is the new starting point.
            draft.base.set(risk.clone());
        }
        let saved_id = id.clone();
        state.edit_then(
            move |ws| {
                ws.upsert_risk(risk);
            },
            move |stored| {
                if stored {
                    state.notice.set(Some(format!("Risk {saved_id} saved.")));
                }
            },
        );
        if is_new {
            state.discard_unsaved();
            let _ = window()
                .location()
                .set_hash(&Route::Risk(workspace_id.clone(), id.to_string()).href());
        }
    };
    let conflict_panel = move || {
        let listed = conflicts.get();
        let message = changed_elsewhere.get();
        (message.is_some() || !listed.is_empty()).then(|| {
            let rows = listed
                .into_iter()
                .enumerate()
                .map(|(index, conflict)| {
                    let field = conflict.field_label();
                    let ours = value_text(conflict.ours.as_ref());
                    let theirs = value_text(conflict.theirs.as_ref());
                    let take_theirs = move |_| {
                        let Some(conflict) = conflicts.with_untracked(|c| c.get(index).cloned())
                        else {
                            return;
                        };
                        let (mine, _) = built.get_untracked();
                        if let Some(chosen) =
                            engine::with_field(&mine, &conflict.field, conflict.theirs.as_ref())
                        {
                            draft.set_from(&chosen);
                        }
                        conflicts.update(|c| {
                            c.remove(index);
                        });
                    };
                    let keep_mine = move |_| {
                        conflicts.update(|c| {
                            if index < c.len() {
                                c.remove(index);
                            }
                        });
                    };
                    view! {
                        <li data-testid="editor-conflict">
                            <strong>{field}</strong>
                            <dl class="conflict-values">
                                <dt>"Yours"</dt>
                                <dd data-testid="editor-conflict-ours">{ours}</dd>
                                <dt>"Other tab (stored)"</dt>
                                <dd data-testid="editor-conflict-theirs">{theirs}</dd>
                            </dl>
                            <button type="button" data-testid="editor-keep-mine" on:click=keep_mine>"Keep mine"</button>
                            " "
                            <button type="button" data-testid="editor-take-theirs" on:click=take_theirs>"Use the other tab's"</button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="notice-banner changed-elsewhere" role="status" data-testid="risk-changed-elsewhere">
                    <p>{message}</p>
                    <ul class="conflict-list">{rows}</ul>
                </div>
            }
        })
    };
    let problem_count = move || built.with(|(_, e)| e.0.len());
    let deleting = RwSignal::new(false);
    let risk_id = draft.base.with_untracked(|r| r.id.clone());
    let register_after_delete = register_href.clone();
    let delete_dialog = move || {
        deleting.get().then(|| {
            let (actions, changes) = state
                .open
                .with_untracked(|o| {
                    o.as_ref().map(|o| {
                        let ws = &o.workspace;
                        let actions = ws.actions.iter().filter(|a| a.risks.contains(&risk_id)).count();
                        let changes = ws
                            .scenarios
                            .iter()
                            .flat_map(|s| s.changes.iter())
                            .filter(|c| c.risk() == Some(&risk_id))
                            .count();
                        (actions, changes)
                    })
                })
                .unwrap_or_default();
            let mut consequences = Vec::new();
            if actions > 0 {
                consequences.push(format!("{actions} {} of the plan will no longer name it", plural(actions, "action", "actions")));
            }
            if changes > 0 {
                consequences.push(format!("{changes} scenario {} about it will be dropped", plural(changes, "change", "changes")));
            }
            let message = if consequences.is_empty() {
                "The risk is removed from the register. Take a snapshot first if you may want it back.".to_owned()
            } else {
                format!("The risk is removed from the register; {}. Take a snapshot first if you may want it back.", consequences.join(" and "))
            };
            let target = risk_id.clone();
            let register = register_after_delete.clone();
            view! {
                <ConfirmDialog
                    title=format!("Delete risk {risk_id}?")
                    message=message
                    confirm_label="Delete risk"
                    on_confirm=move || {
                        let target = target.clone();
                        let label = target.to_string();
                        state.edit_then(
                            move |ws| {
                                ws.remove_risk(&target);
                            },
                            move |stored| {
                                if stored {
                                    state.notice.set(Some(format!("Risk {label} deleted.")));
                                }
                            },
                        );
                        deleting.set(false);
                        state.discard_unsaved();
                        let _ = window().location().set_hash(&register);
                    }
                    on_cancel=move || deleting.set(false)
                />
            }
        })
    };

    view! {
        <p class="breadcrumb"><a href=register_href.clone()>"← Risk register"</a></p>
        <h1 data-testid="risk-editor-title">{heading}</h1>
        {conflict_panel}
        <form class="risk-editor" data-testid="risk-form" on:submit=save novalidate>
            <div class="editor-main">
                <ScenarioSection draft=draft errors=errors/>
                <RatingSection draft=draft errors=errors methodology=methodology live=live/>
                <TreatmentSection draft=draft errors=errors/>
                <ControlsSection draft=draft/>
                <BreakdownSection live=live/>
                <OverrideSection draft=draft errors=errors methodology=methodology/>
                <AcceptanceSection draft=draft errors=errors/>
                <QuantitativeSection draft=draft errors=errors/>
            </div>
            <aside class="editor-side" aria-label="Live levels">
                <LiveLevels live=live methodology=methodology/>
                <div class="save-bar">
                    {move || (attempted.get() && problem_count() > 0).then(|| view! {
                        <p class="field-error" role="alert" data-testid="risk-form-problems">
                            {format!("Not saved: {} {} to fix, marked next to the fields.", problem_count(), if problem_count() == 1 { "problem" } else { "problems" })}
                        </p>
                    })}
                    <p class="unsaved-mark" data-testid="risk-unsaved" aria-live="polite">
                        {move || dirty().then_some("● Unsaved changes")}
                    </p>
                    <button type="submit" class="primary" data-testid="save-risk">"Save risk"</button>
                    {(!is_new).then(|| view! {
                        <button type="button" class="danger-outline" data-testid="delete-risk" on:click=move |_| deleting.set(true)>
                            "Delete risk"
                        </button>
                    })}
                    <a href=register_href>"Back to the register"</a>
                </div>
            </aside>
        </form>
        {delete_dialog}
    }
    .into_any()
}

fn plural(count: usize, one: &'static str, many: &'static str) -> &'static str {
    if count == 1 {
        one
    } else {
        many
    }
}

fn new_risk(workspace: &Workspace) -> Risk {
    let methodology = &workspace.methodology;
    let middle = |len: usize| (len.div_ceil(2)).max(1) as u8;
    let likelihood = methodology
        .likelihood(middle(methodology.likelihood_scale().len()))
        .or_else(|| methodology.likelihood(1))
        .expect("1 is on every scale");
    Risk {
        properties: PropertySet::of(&[Property::Confidentiality]),
        ..Risk::blank(RiskId::try_new("new").expect("valid id"), likelihood)
    }
}

/// A labelled select of named objects by id, with a first "none" option;
/// `value` holds the chosen id, empty for none.
#[component]
fn IdSelect(
    id: &'static str,
    label: &'static str,
    none_label: &'static str,
    options: Vec<(String, String)>,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="form-field">
            <label for=id>{label}</label>
            <select id=id on:change=move |event| value.set(event_target_value(&event))>
                <option value="" selected=move || value.get().is_empty()>{none_label}</option>
                {options.into_iter().map(|(option, name)| {
                    let chosen = option.clone();
                    view! { <option value=option selected=move || value.get() == chosen>{name}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// An error message below a field, announced when it appears.
#[component]
fn FieldError(errors: Signal<FieldErrors>, field: &'static str) -> impl IntoView {
    view! {
        <p class="field-error" id=format!("{field}-error") role="alert">
            {move || errors.with(|e| e.get(field))}
        </p>
    }
}

fn invalid(errors: Signal<FieldErrors>, field: &'static str) -> impl Fn() -> &'static str {
    move || {
        if errors.with(|e| e.get(field).is_some()) {
            "true"
        } else {
            "false"
        }
    }
}

#[component]
fn ScenarioSection(draft: Draft, errors: Signal<FieldErrors>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let catalogue = state
        .open
        .with_untracked(|o| {
            o.as_ref().map(|o| {
                let ws = &o.workspace;
                (
                    ws.threats.clone(),
                    ws.vulnerabilities.clone(),
                    ws.people.clone(),
                    ws.assets.clone(),
                )
            })
        })
        .unwrap_or_default();
    let (threats, vulnerabilities, people, assets) = catalogue;
    let asset_filter = RwSignal::new(String::new());
    let assets = StoredValue::new(assets);
    let shown_assets = move || {
        let needle = asset_filter.get().trim().to_lowercase();
        assets.with_value(|assets| {
            assets
                .iter()
                .filter(|a| {
                    needle.is_empty()
                        || a.name.to_lowercase().contains(&needle)
                        || a.id.as_str().to_lowercase().contains(&needle)
                        || draft.assets.with(|chosen| chosen.contains(&a.id))
                })
                .map(|a| (a.id.clone(), a.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card" aria-labelledby="scenario-heading">
            <h2 id="scenario-heading">"Scenario"</h2>
            <div class="form-field">
                <label for="risk-title">"Title"</label>
                <input
                    id="risk-title"
                    type="text"
                    data-testid="risk-title"
                    aria-invalid=invalid(errors, "title")
                    aria-describedby="title-error"
                    prop:value=move || draft.title.get()
                    on:input=move |event| draft.title.set(event_target_value(&event))
                />
                <FieldError errors=errors field="title"/>
            </div>
            <div class="form-field">
                <label for="risk-description">"What could happen"</label>
                <textarea
                    id="risk-description"
                    rows="3"
                    prop:value=move || draft.description.get()
                    on:input=move |event| draft.description.set(event_target_value(&event))
                ></textarea>
            </div>
            <fieldset class="form-field">
                <legend>"Assets"</legend>
                {if assets.with_value(Vec::is_empty) {
                    view! { <p class="muted">"This workspace has no assets yet; add them in the asset register."</p> }.into_any()
                } else {
                    view! {
                        <label class="stacked">
                            <span class="visually-hidden">"Filter assets"</span>
                            <input
                                type="search"
                                placeholder="Filter assets…"
                                data-testid="asset-picker-filter"
                                prop:value=move || asset_filter.get()
                                on:input=move |event| asset_filter.set(event_target_value(&event))
                            />
                        </label>
                        <p class="chosen-assets muted" data-testid="chosen-assets">
                            {move || {
                                let chosen = draft.assets.get();
                                if chosen.is_empty() {
                                    return "No asset chosen.".to_owned();
                                }
                                let names = assets.with_value(|all| {
                                    chosen
                                        .iter()
                                        .map(|id| {
                                            all.iter()
                                                .find(|a| &a.id == id)
                                                .map_or_else(|| id.to_string(), |a| a.name.clone())
                                        })
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                });
                                format!("Chosen: {names}")
                            }}
                        </p>
                        <div class="check-list" data-testid="asset-picker">
                            {move || shown_assets().into_iter().map(|(id, name)| {
                                let checked_id = id.clone();
                                let toggle_id = id.clone();
                                view! {
                                    <label class="checkbox">
                                        <input
                                            type="checkbox"
                                            prop:checked=move || draft.assets.with(|a| a.contains(&checked_id))
                                            on:change=move |event| {
                                                let on = event_target_checked(&event);
                                                let id = toggle_id.clone();
                                                draft.assets.update(|a| {
                                                    a.retain(|x| x != &id);
                                                    if on {
                                                        a.push(id);
                                                    }
                                                });
                                            }
                                        />
                                        {format!("{name} ({id})")}
                                    </label>
                                }
                            }).collect_view()}
                        </div>
                    }.into_any()
                }}
            </fieldset>
            <div class="form-grid">
                <IdSelect
                    id="risk-threat"
                    label="Threat"
                    none_label="Not named"
                    options=threats.into_iter().map(|t| (t.id.to_string(), t.name)).collect()
                    value=draft.threat
                />
                <IdSelect
                    id="risk-vulnerability"
                    label="Vulnerability"
                    none_label="Not named"
                    options=vulnerabilities.into_iter().map(|v| (v.id.to_string(), v.name)).collect()
                    value=draft.vulnerability
                />
                <IdSelect
                    id="risk-owner"
                    label="Risk owner"
                    none_label="No owner yet"
                    options=people.into_iter().map(|p| (p.id.to_string(), p.name)).collect()
                    value=draft.owner
                />
                <div class="form-field">
                    <label for="risk-status">"Status"</label>
                    <select id="risk-status" on:change=move |event| {
                        let key = event_target_value(&event);
                        if let Some(s) = STATUSES.into_iter().find(|s| RiskStatus::name(*s) == key) {
                            draft.status.set(s);
                        }
                    }>
                        {STATUSES.into_iter().map(|s| view! {
                            <option value=RiskStatus::name(s) selected=move || draft.status.get() == s>{risk_status(s)}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <fieldset class="form-field">
                <legend>"Affected properties"</legend>
                <div class="inline-checks">
                    {[Property::Confidentiality, Property::Integrity, Property::Availability].into_iter().map(|p| view! {
                        <label class="checkbox">
                            <input
                                type="checkbox"
                                data-testid=format!("property-{}", p.name())
                                prop:checked=move || draft.properties.get().contains(p)
                                on:change=move |event| {
                                    let on = event_target_checked(&event);
                                    draft.properties.update(|set| {
                                        let mut next = PropertySet::EMPTY;
                                        for q in set.iter().filter(|q| *q != p) {
                                            next.insert(q);
                                        }
                                        if on {
                                            next.insert(p);
                                        }
                                        *set = next;
                                    });
                                }
                            />
                            {property(p)}
                        </label>
                    }).collect_view()}
                </div>
                <FieldError errors=errors field="properties"/>
            </fieldset>
        </section>
    }
}

#[component]
fn RatingSection(
    draft: Draft,
    errors: Signal<FieldErrors>,
    methodology: Memo<Methodology>,
    live: Memo<Option<Preview>>,
) -> impl IntoView {
    let description = move |likelihood: bool, value: u8| {
        methodology.with(|m| {
            let scale = if likelihood {
                m.likelihood_scale()
            } else {
                m.impact_scale()
            };
            scale
                .level(value)
                .map(|l| l.description.clone())
                .unwrap_or_default()
        })
    };
    let suggested = move || live.with(|p| p.as_ref().map(|p| p.suggested.clone()));
    view! {
        <section class="card" aria-labelledby="rating-heading">
            <h2 id="rating-heading">"Inherent rating"</h2>
            <div class="form-grid">
                <div class="form-field">
                    <label for="risk-likelihood">"Likelihood"</label>
                    <select
                        id="risk-likelihood"
                        data-testid="risk-likelihood"
                        aria-describedby="likelihood-description likelihood-error"
                        on:change=move |event| {
                            if let Ok(v) = event_target_value(&event).parse() {
                                draft.likelihood.set(v);
                            }
                        }
                    >
                        {move || methodology.with(|m| m.likelihood_scale().levels().iter().enumerate().map(|(i, l)| {
                            let value = (i + 1) as u8;
                            view! { <option value=value selected=move || draft.likelihood.get() == value>{scale_option(i + 1, &l.label)}</option> }
                        }).collect_view())}
                    </select>
                    <p class="muted small" id="likelihood-description">{move || description(true, draft.likelihood.get())}</p>
                    <FieldError errors=errors field="likelihood"/>
                </div>
                <div class="form-field">
                    <label for="risk-impact">"Impact"</label>
                    <select
                        id="risk-impact"
                        data-testid="risk-impact"
                        aria-describedby="impact-description impact-suggestion impact-error"
                        on:change=move |event| draft.impact.set(event_target_value(&event).parse().ok())
                    >
                        <option value="" selected=move || draft.impact.get().is_none()>
                            {move || match suggested() {
                                Some((value, _)) => format!("From the assets (now {value})"),
                                None => "From the assets".to_owned(),
                            }}
                        </option>
                        {move || methodology.with(|m| m.impact_scale().levels().iter().enumerate().map(|(i, l)| {
                            let value = (i + 1) as u8;
                            view! { <option value=value selected=move || draft.impact.get() == Some(value)>{scale_option(i + 1, &l.label)}</option> }
                        }).collect_view())}
                    </select>
                    <p class="muted small" id="impact-description">
                        {move || {
                            let value = draft.impact.get().or_else(|| suggested().map(|s| s.0)).unwrap_or(1);
                            description(false, value)
                        }}
                    </p>
                    <p class="suggestion" id="impact-suggestion" data-testid="impact-suggestion">
                        {move || suggested().map(|(value, source)| {
                            let label = methodology.with(|m| m.impact_scale().level(value).map(|l| l.label.clone()).unwrap_or_default());
                            format!("Suggested by the assets' valuation: {value} · {label} ({source}).")
                        })}
                        {move || {
                            let (value, _) = suggested()?;
                            (draft.impact.get() != Some(value)).then(|| view! {
                                <button
                                    type="button"
                                    class="link-button"
                                    data-testid="accept-impact-suggestion"
                                    on:click=move |_| draft.impact.set(Some(value))
                                >
                                    {format!("Use {value}")}
                                </button>
                            })
                        }}
                    </p>
                    <FieldError errors=errors field="impact"/>
                </div>
            </div>
        </section>
    }
}

#[component]
fn TreatmentSection(draft: Draft, errors: Signal<FieldErrors>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let people = state
        .open
        .with_untracked(|o| o.as_ref().map(|o| o.workspace.people.clone()))
        .unwrap_or_default();
    let people = StoredValue::new(people);
    view! {
        <section class="card" aria-labelledby="treatment-heading">
            <h2 id="treatment-heading">"Treatment"</h2>
            <div class="form-grid">
                <TreatmentFields
                    prefix="risk"
                    decision_value=draft.decision
                    share=draft.transferred
                    share_error=Signal::derive(move || errors.with(|e| e.get("transferred")))
                />
                <div class="form-field wide">
                    <label for="risk-rationale">"Rationale"</label>
                    <textarea
                        id="risk-rationale"
                        rows="2"
                        prop:value=move || draft.rationale.get()
                        on:input=move |event| draft.rationale.set(event_target_value(&event))
                    ></textarea>
                </div>
                <div class="form-field">
                    <label for="risk-review">"Next review"</label>
                    <input
                        id="risk-review"
                        type="date"
                        aria-invalid=invalid(errors, "review")
                        aria-describedby="review-error"
                        prop:value=move || draft.review.get()
                        on:input=move |event| draft.review.set(event_target_value(&event))
                    />
                    <FieldError errors=errors field="review"/>
                </div>
            </div>
            {move || people.with_value(Vec::is_empty).then(|| view! {
                <p class="muted">"Add people to the workspace to name owners and who accepted a risk."</p>
            })}
        </section>
    }
}

#[component]
fn OverrideSection(
    draft: Draft,
    errors: Signal<FieldErrors>,
    methodology: Memo<Methodology>,
) -> impl IntoView {
    let scale_select = move |likelihood: bool| {
        let (signal, id, field, label) = if likelihood {
            (
                draft.override_likelihood,
                "override-likelihood",
                "override_likelihood",
                "Residual likelihood",
            )
        } else {
            (
                draft.override_impact,
                "override-impact",
                "override_impact",
                "Residual impact",
            )
        };
        view! {
            <div class="form-field">
                <label for=id>{label}</label>
                <select
                    id=id
                    data-testid=id
                    aria-invalid=invalid(errors, field)
                    aria-describedby=format!("{field}-error")
                    on:change=move |event| {
                        if let Ok(v) = event_target_value(&event).parse() {
                            signal.set(v);
                        }
                    }
                >
                    {move || methodology.with(|m| {
                        let scale = if likelihood { m.likelihood_scale() } else { m.impact_scale() };
                        scale.levels().iter().enumerate().map(|(i, l)| {
                            let value = (i + 1) as u8;
                            view! { <option value=value selected=move || signal.get() == value>{scale_option(i + 1, &l.label)}</option> }
                        }).collect_view()
                    })}
                </select>
                <FieldError errors=errors field=field/>
            </div>
        }
    };
    view! {
        <section class="card" aria-labelledby="override-heading">
            <h2 id="override-heading">"Residual override"</h2>
            <p class="muted small">"Set the residual rating yourself when the computed one does not reflect reality, for example a compensating measure outside Annex A. The override wins over the arithmetic and is reported as such."</p>
            <label class="checkbox">
                <input
                    type="checkbox"
                    data-testid="override-toggle"
                    prop:checked=move || draft.overridden.get()
                    on:change=move |event| draft.overridden.set(event_target_checked(&event))
                />
                "Override the computed residual"
            </label>
            {move || draft.overridden.get().then(|| view! {
                <div class="form-grid">
                    {scale_select(true)}
                    {scale_select(false)}
                    <div class="form-field wide">
                        <label for="override-justification">"Justification (required)"</label>
                        <textarea
                            id="override-justification"
                            rows="2"
                            data-testid="override-justification"
                            aria-invalid=invalid(errors, "override_justification")
                            aria-describedby="override_justification-error"
                            prop:value=move || draft.override_justification.get()
                            on:input=move |event| draft.override_justification.set(event_target_value(&event))
                        ></textarea>
                        <FieldError errors=errors field="override_justification"/>
                    </div>
                </div>
            })}
        </section>
    }
}

#[component]
fn AcceptanceSection(draft: Draft, errors: Signal<FieldErrors>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let people = state
        .open
        .with_untracked(|o| o.as_ref().map(|o| o.workspace.people.clone()))
        .unwrap_or_default();
    view! {
        <section class="card" aria-labelledby="acceptance-heading">
            <h2 id="acceptance-heading">"Acceptance record"</h2>
            <p class="muted small">"Who accepted the remaining risk, when, and until when. Leave empty when the risk has not been accepted."</p>
            <div class="form-grid">
                <div class="form-field">
                    <label for="accepted-by">"Accepted by"</label>
                    <select
                        id="accepted-by"
                        aria-invalid=invalid(errors, "accepted_by")
                        aria-describedby="accepted_by-error"
                        on:change=move |event| draft.accepted_by.set(event_target_value(&event))
                    >
                        <option value="" selected=move || draft.accepted_by.get().is_empty()>"Not accepted"</option>
                        {people.into_iter().map(|p| {
                            let id = p.id.to_string();
                            let value = id.clone();
                            view! { <option value=value selected=move || draft.accepted_by.get() == id>{p.name}</option> }
                        }).collect_view()}
                    </select>
                    <FieldError errors=errors field="accepted_by"/>
                </div>
                <div class="form-field">
                    <label for="accepted-on">"Accepted on"</label>
                    <input
                        id="accepted-on"
                        type="date"
                        aria-invalid=invalid(errors, "accepted_on")
                        aria-describedby="accepted_on-error"
                        prop:value=move || draft.accepted_on.get()
                        on:input=move |event| draft.accepted_on.set(event_target_value(&event))
                    />
                    <FieldError errors=errors field="accepted_on"/>
                </div>
                <div class="form-field">
                    <label for="acceptance-expires">"Expires"</label>
                    <input
                        id="acceptance-expires"
                        type="date"
                        aria-invalid=invalid(errors, "acceptance_expires")
                        aria-describedby="acceptance_expires-error"
                        prop:value=move || draft.acceptance_expires.get()
                        on:input=move |event| draft.acceptance_expires.set(event_target_value(&event))
                    />
                    <FieldError errors=errors field="acceptance_expires"/>
                </div>
            </div>
        </section>
    }
}

#[component]
fn QuantitativeSection(draft: Draft, errors: Signal<FieldErrors>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let currency = state
        .open
        .with_untracked(|o| {
            o.as_ref()
                .map(|o| o.workspace.methodology.currency().to_owned())
        })
        .unwrap_or_default();
    let row = move |estimate: EstimateDraft, field: &'static str, label: String| {
        let parts = ["low", "most likely", "high"];
        view! {
            <fieldset class="estimate">
                <legend>{label.clone()}</legend>
                {estimate.0.into_iter().zip(parts).map(|(signal, part)| view! {
                    <label class="stacked">
                        {part}
                        <input
                            type="text"
                            inputmode="decimal"
                            aria-label=format!("{label}, {part}")
                            aria-invalid=invalid(errors, field)
                            aria-describedby=format!("{field}-error")
                            prop:value=move || signal.get()
                            on:input=move |event| signal.set(event_target_value(&event))
                        />
                    </label>
                }).collect_view()}
                <FieldError errors=errors field=field/>
            </fieldset>
        }
    };
    view! {
        <section class="card" aria-labelledby="quant-heading">
            <h2 id="quant-heading">"Quantitative inputs (optional)"</h2>
            <label class="checkbox">
                <input
                    type="checkbox"
                    prop:checked=move || draft.quantitative.get()
                    on:change=move |event| draft.quantitative.set(event_target_checked(&event))
                />
                "Estimate this risk in money for the loss simulation"
            </label>
            {move || draft.quantitative.get().then(|| view! {
                <div class="estimates">
                    {row(draft.frequency, "frequency", "Threat events per year".to_owned())}
                    {row(draft.vulnerability_estimate, "vulnerability_estimate", "Vulnerability (chance an event causes loss, 0 to 1)".to_owned())}
                    {row(draft.loss, "loss", format!("Loss per event ({})", currency))}
                </div>
            })}
        </section>
    }
}

#[component]
fn ControlsSection(draft: Draft) -> impl IntoView {
    let state = expect_context::<AppState>();
    let controls = state
        .open
        .with_untracked(|o| {
            o.as_ref().map(|o| {
                o.workspace
                    .controls
                    .iter()
                    .map(|c| (c.id.clone(), c.title.clone()))
                    .collect::<Vec<_>>()
            })
        })
        .unwrap_or_default();
    let controls = StoredValue::new(controls);
    let query = RwSignal::new(String::new());
    let title_of = move |id: &ControlId| {
        controls.with_value(|all| {
            all.iter()
                .find(|(c, _)| c == id)
                .map(|(_, t)| t.clone())
                .unwrap_or_else(|| "(not in this workspace)".to_owned())
        })
    };
    let matching = move || {
        let needle = query.get().trim().to_lowercase();
        if needle.is_empty() {
            return Vec::new();
        }
        let linked = draft.controls.get();
        controls.with_value(|all| {
            all.iter()
                .filter(|(id, title)| {
                    !linked.contains(id)
                        && (id.as_str().to_lowercase().contains(&needle)
                            || title.to_lowercase().contains(&needle))
                })
                .take(12)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card" aria-labelledby="controls-heading">
            <h2 id="controls-heading">"Mitigating controls"</h2>
            <ul class="linked-controls" data-testid="linked-controls" aria-label="Linked controls">
                {move || {
                    let linked = draft.controls.get();
                    if linked.is_empty() {
                        return view! { <li class="muted">"No control linked yet."</li> }.into_any();
                    }
                    linked.into_iter().map(|id| {
                        let title = title_of(&id);
                        let remove = id.clone();
                        view! {
                            <li data-testid="linked-control">
                                <span><strong>{id.to_string()}</strong>" "{title.clone()}</span>
                                <button
                                    type="button"
                                    aria-label=format!("Remove {id} {title}")
                                    on:click=move |_| draft.controls.update(|c| c.retain(|x| x != &remove))
                                >"Remove"</button>
                            </li>
                        }
                    }).collect_view().into_any()
                }}
            </ul>
            <label class="stacked" for="control-search">"Add a control (type an id or words of its title)"</label>
            <input
                id="control-search"
                type="search"
                data-testid="control-search"
                placeholder="e.g. 8.7 or malware"
                autocomplete="off"
                prop:value=move || query.get()
                on:input=move |event| query.set(event_target_value(&event))
            />
            <ul class="control-results" aria-label="Matching controls" data-testid="control-results">
                {move || {
                    let found = matching();
                    if found.is_empty() {
                        return (!query.get().trim().is_empty()).then(|| view! {
                            <li class="muted">"No control matches."</li>
                        }).into_any();
                    }
                    found.into_iter().map(|(id, title)| {
                        let add = id.clone();
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="pick-control"
                                    data-control=id.to_string()
                                    on:click=move |_| {
                                        draft.controls.update(|c| c.push(add.clone()));
                                    }
                                >
                                    "Add "<strong>{id.to_string()}</strong>" "{title}
                                </button>
                            </li>
                        }
                    }).collect_view().into_any()
                }}
            </ul>
        </section>
    }
}

#[component]
fn LiveLevels(live: Memo<Option<Preview>>, methodology: Memo<Methodology>) -> impl IntoView {
    let methodology = Signal::from(methodology);
    let level =
        move |pick: fn(&Preview) -> (Rating, bool), label: &'static str, test_id: &'static str| {
            move || {
                live.with(|p| p.as_ref().map(pick)).map(|(rating, above)| {
                    view! {
                        <div class="live-level" data-testid=test_id>
                            <span class="live-label">{label}</span>
                            <LevelBadge methodology=methodology level=rating.level/>
                            <span class="muted small">
                                {format!("L{} × I{}", rating.likelihood.get(), rating.impact.get())}
                                {above.then_some(" · above appetite")}
                            </span>
                        </div>
                    }
                })
            }
        };
    view! {
        <div class="card live-levels" role="status" aria-live="polite">
            <h2>"Levels"</h2>
            {level(|p| (p.assessment.inherent, p.assessment.inherent_above_appetite), "Inherent", "live-inherent")}
            {level(|p| (p.assessment.current.rating, p.assessment.current_above_appetite), "Current", "live-current")}
            {level(|p| (p.assessment.planned.rating, p.assessment.planned_above_appetite), "Planned", "live-planned")}
            <p class="muted small">{move || live.with(|p| p.as_ref().map(|p| format!("Appetite: up to {}.", p.appetite)))}</p>
        </div>
    }
}

fn fixed(value: f64) -> String {
    format!("{value:.3}")
}

#[component]
fn BreakdownSection(live: Memo<Option<Preview>>) -> impl IntoView {
    let residual_rows = move |name: &'static str, pick: fn(&Residual) -> String| {
        move || {
            live.with(|p| {
                p.as_ref().map(|p| {
                    view! {
                        <tr>
                            <th scope="row">{name}</th>
                            <td>{pick(&p.assessment.current)}</td>
                            <td>{pick(&p.assessment.planned)}</td>
                        </tr>
                    }
                })
            })
        }
    };
    view! {
        <section class="card" aria-labelledby="breakdown-heading" data-testid="residual-breakdown">
            <h2 id="breakdown-heading">"How the residual is computed"</h2>
            <p class="muted small formula">
                "Each control reduces likelihood by w_L·e·f and impact by w_I·e·f (type weight, effectiveness, implementation factor). "
                "r_L = 1 − ∏(1 − w_L·e·f), r_I likewise; residual likelihood = 1 + (L − 1)(1 − r_L), impact likewise, rounded to the nearest level with halves up."
            </p>
            {move || {
                let rows = live.with(|p| p.as_ref().map(|p| p.assessment.controls.clone())).unwrap_or_default();
                if rows.is_empty() {
                    return view! { <p class="muted">"No linked control: the residual equals the inherent rating unless the decision changes it."</p> }.into_any();
                }
                view! {
                    <div class="table-scroll">
                        <table class="breakdown">
                            <caption class="visually-hidden">"Contribution of each linked control"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Control"</th>
                                    <th scope="col">"w_L"</th>
                                    <th scope="col">"w_I"</th>
                                    <th scope="col">"e"</th>
                                    <th scope="col">"Status"</th>
                                    <th scope="col">"f now"</th>
                                    <th scope="col">"f planned"</th>
                                    <th scope="col">"Reduction now (L, I)"</th>
                                    <th scope="col">"Reduction planned (L, I)"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows.into_iter().map(|c| {
                                    let (now_l, now_i) = c.reductions(false);
                                    let (plan_l, plan_i) = c.reductions(true);
                                    view! {
                                        <tr data-testid="breakdown-control">
                                            <th scope="row">{c.control.to_string()}</th>
                                            <td>{format!("{:.2}", c.likelihood_weight)}</td>
                                            <td>{format!("{:.2}", c.impact_weight)}</td>
                                            <td>{c.effectiveness.to_string()}</td>
                                            <td>{implementation(c.status)}{c.assumed_implemented.then_some(" (open action)")}</td>
                                            <td>{format!("{:.2}", c.current_factor)}</td>
                                            <td>{format!("{:.2}", c.planned_factor)}</td>
                                            <td>{format!("{}, {}", fixed(now_l), fixed(now_i))}</td>
                                            <td>{format!("{}, {}", fixed(plan_l), fixed(plan_i))}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <table class="breakdown residual-summary">
                <caption class="visually-hidden">"Residual arithmetic, current and planned"</caption>
                <thead>
                    <tr><th scope="col">"Step"</th><th scope="col">"Current"</th><th scope="col">"Planned"</th></tr>
                </thead>
                <tbody>
                    {residual_rows("r_L (likelihood reduction)", |r| fixed(r.likelihood_reduction))}
                    {residual_rows("r_I (impact reduction)", |r| fixed(r.impact_reduction))}
                    {residual_rows("Transferred share", |r| format!("{:.0} %", r.transferred_share * 100.0))}
                    {residual_rows("Likelihood exact → rounded", |r| format!("{} → {}", fixed(r.likelihood_exact), r.computed.likelihood.get()))}
                    {residual_rows("Impact exact → rounded", |r| format!("{} → {}", fixed(r.impact_exact), r.computed.impact.get()))}
                    {residual_rows("Rating used", |r| format!("L{} × I{}", r.rating.likelihood.get(), r.rating.impact.get()))}
                    {residual_rows("Basis", |r| basis(r.basis).to_owned())}
                </tbody>
            </table>
        </section>
    }
}
