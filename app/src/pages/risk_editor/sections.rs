//! The sections of the risk form.

use super::draft::*;
use super::preview::*;
use crate::components::TreatmentFields;
use crate::components::{choice, id_choice, scale_option, Binding, CheckboxField, DateField};
use crate::components::{
    ErrorLine, MultiSelectField, OwnerField, SelectField, TextAreaField, TextField,
};
use crate::state::AppState;
use crate::ui::labels::property;
use engine::{ControlId, Methodology, Property, PropertySet};
use leptos::prelude::*;

/// A select of one rating on `methodology`'s likelihood or impact scale,
/// optionally with a first option for "none".
fn scale_binding(
    methodology: Memo<Methodology>,
    likelihood: bool,
    selected: Signal<String>,
    none: Option<String>,
    on_change: impl Fn(String) + Send + Sync + 'static,
) -> Binding {
    let mut options: Vec<(String, String)> = none.map(|n| (String::new(), n)).into_iter().collect();
    methodology.with_untracked(|m| {
        let scale = if likelihood {
            m.likelihood_scale()
        } else {
            m.impact_scale()
        };
        options.extend(
            scale
                .levels()
                .iter()
                .enumerate()
                .map(|(i, l)| ((i + 1).to_string(), scale_option(i + 1, &l.label))),
        );
    });
    Binding {
        options,
        selected,
        on_change: Callback::new(on_change),
    }
}

#[component]
pub(super) fn ScenarioSection(
    draft: Draft,
    errors: Signal<FieldErrors>,
    /// A risk not saved yet: the title takes the focus.
    new: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let catalogue = state
        .open
        .with_untracked(|o| {
            o.as_ref().map(|o| {
                let ws = &o.workspace;
                (
                    ws.threats.clone(),
                    ws.vulnerabilities.clone(),
                    ws.assets.clone(),
                )
            })
        })
        .unwrap_or_default();
    let (threats, vulnerabilities, assets) = catalogue;
    view! {
        <section class="card" aria-labelledby="scenario-heading">
            <h2 id="scenario-heading">"Scenario"</h2>
            <TextField id="risk-title" label="Title" value=draft.title testid="risk-title" autofocus=new
                error=Signal::derive(move || errors.with(|e| e.get("title")))/>
            <TextAreaField id="risk-description" label="What could happen" value=draft.description/>
            <MultiSelectField
                id="asset-picker"
                label="Assets"
                options=assets.into_iter().map(|a| (a.id.to_string(), format!("{} ({})", a.name, a.id))).collect()
                chosen=draft.assets
                empty="This workspace has no assets yet; add them in the asset register."
            />
            <div class="form-grid">
                <SelectField id="risk-threat" label="Threat"
                    bind=id_choice(draft.threat, Some("Not named"), threats.into_iter().map(|t| (t.id.to_string(), t.name)).collect())/>
                <SelectField id="risk-vulnerability" label="Vulnerability"
                    bind=id_choice(draft.vulnerability, Some("Not named"), vulnerabilities.into_iter().map(|v| (v.id.to_string(), v.name)).collect())/>
                <OwnerField id="risk-owner" label="Risk owner" value=draft.owner none="No owner yet"/>
                <SelectField id="risk-status" label="Status" bind=choice(draft.status)/>
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
                <ErrorLine id="properties" error=Signal::derive(move || errors.with(|e| e.get("properties")))/>
            </fieldset>
        </section>
    }
}

#[component]
pub(super) fn RatingSection(
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
    let suggested_untracked =
        move || live.with_untracked(|p| p.as_ref().map(|p| p.suggested.clone()));
    view! {
        <section class="card" aria-labelledby="rating-heading">
            <h2 id="rating-heading">"Inherent rating"</h2>
            <div class="form-grid">
                {move || {
                    methodology.track();
                    view! {
                        <SelectField id="risk-likelihood" label="Likelihood" testid="risk-likelihood"
                            bind=scale_binding(methodology, true,
                                Signal::derive(move || draft.likelihood.get().to_string()), None,
                                move |key| if let Ok(v) = key.parse() { draft.likelihood.set(v) })
                            description=Signal::derive(move || description(true, draft.likelihood.get()))
                            error=Signal::derive(move || errors.with(|e| e.get("likelihood")))/>
                        <SelectField id="risk-impact" label="Impact" testid="risk-impact"
                            bind=scale_binding(methodology, false,
                                Signal::derive(move || draft.impact.get().map(|v| v.to_string()).unwrap_or_default()),
                                Some(match suggested_untracked() {
                                    Some((value, _)) => format!("From the assets (now {value})"),
                                    None => "From the assets".to_owned(),
                                }),
                                move |key| draft.impact.set(key.parse().ok()))
                            description=Signal::derive(move || {
                                let value = draft.impact.get().or_else(|| suggested().map(|s| s.0)).unwrap_or(1);
                                description(false, value)
                            })
                            also_described_by="impact-suggestion"
                            error=Signal::derive(move || errors.with(|e| e.get("impact")))>
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
                        </SelectField>
                    }
                }}
            </div>
        </section>
    }
}

#[component]
pub(super) fn TreatmentSection(draft: Draft, errors: Signal<FieldErrors>) -> impl IntoView {
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
                <TextAreaField id="risk-rationale" label="Rationale" value=draft.rationale rows=2 wide=true/>
                <DateField id="risk-review" label="Next review" value=draft.review
                    error=Signal::derive(move || errors.with(|e| e.get("review")))/>
            </div>
            {move || people.with_value(Vec::is_empty).then(|| view! {
                <p class="muted">"No people in this workspace yet: add owners with \"+ New person\" or in the people register."</p>
            })}
        </section>
    }
}

#[component]
pub(super) fn OverrideSection(
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
            <SelectField id=id label=label testid=id
                bind=scale_binding(methodology, likelihood,
                    Signal::derive(move || signal.get().to_string()), None,
                    move |key| if let Ok(v) = key.parse() { signal.set(v) })
                error=Signal::derive(move || errors.with(|e| e.get(field)))/>
        }
    };
    view! {
        <section class="card" aria-labelledby="override-heading">
            <h2 id="override-heading">"Residual override"</h2>
            <p class="muted small">"Set the residual rating yourself when the computed one does not reflect reality, for example a compensating measure outside Annex A. The override wins over the arithmetic and is reported as such."</p>
            <CheckboxField label="Override the computed residual" checked=draft.overridden testid="override-toggle"/>
            {move || draft.overridden.get().then(|| view! {
                <div class="form-grid">
                    {scale_select(true)}
                    {scale_select(false)}
                    <TextAreaField id="override-justification" label="Justification (required)"
                        value=draft.override_justification rows=2 wide=true testid="override-justification"
                        error=Signal::derive(move || errors.with(|e| e.get("override_justification")))/>
                </div>
            })}
        </section>
    }
}

#[component]
pub(super) fn AcceptanceSection(draft: Draft, errors: Signal<FieldErrors>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="acceptance-heading">
            <h2 id="acceptance-heading">"Acceptance record"</h2>
            <p class="muted small">"Who accepted the remaining risk, when, and until when. Leave empty when the risk has not been accepted."</p>
            <div class="form-grid">
                <OwnerField id="accepted-by" label="Accepted by" value=draft.accepted_by none="Not accepted"
                    error=Signal::derive(move || errors.with(|e| e.get("accepted_by")))/>
                <DateField id="accepted-on" label="Accepted on" value=draft.accepted_on
                    error=Signal::derive(move || errors.with(|e| e.get("accepted_on")))/>
                <DateField id="acceptance-expires" label="Expires" value=draft.acceptance_expires
                    error=Signal::derive(move || errors.with(|e| e.get("acceptance_expires")))/>
            </div>
        </section>
    }
}

#[component]
pub(super) fn QuantitativeSection(draft: Draft, errors: Signal<FieldErrors>) -> impl IntoView {
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
                            aria-invalid=move || errors.with(|e| e.get(field).is_some()).to_string()
                            aria-describedby=format!("{field}-error")
                            prop:value=move || signal.get()
                            on:input=move |event| signal.set(event_target_value(&event))
                        />
                    </label>
                }).collect_view()}
                <ErrorLine id=field error=Signal::derive(move || errors.with(|e| e.get(field)))/>
            </fieldset>
        }
    };
    view! {
        <section class="card" aria-labelledby="quant-heading">
            <h2 id="quant-heading">"Quantitative inputs (optional)"</h2>
            <CheckboxField label="Estimate this risk in money for the loss simulation" checked=draft.quantitative/>
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
pub(super) fn ControlsSection(draft: Draft) -> impl IntoView {
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
    // The engine's control search: ids, words of titles and everyday words
    // ("MFA", "backup"), best match first, as in the scenario builder.
    let matching = move || {
        let needle = query.get();
        if needle.trim().is_empty() {
            return Vec::new();
        }
        let linked = draft.controls.get();
        let found = state
            .open
            .with_untracked(|o| {
                o.as_ref()
                    .map(|o| engine::search_controls(&o.workspace, &needle))
            })
            .unwrap_or_default();
        found
            .into_iter()
            .filter(|(id, _)| !linked.contains(id))
            .take(12)
            .map(|(id, _)| {
                let title = title_of(&id);
                (id, title)
            })
            .collect::<Vec<_>>()
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
            <label class="stacked" for="control-search">"Add a control (an id, words of its title, or a word such as MFA or backup)"</label>
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
                                        // Ready for the next search.
                                        query.set(String::new());
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
