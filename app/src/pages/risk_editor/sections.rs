//! The sections of the risk form.

use super::draft::*;
use super::preview::*;
use crate::components::scale_option;
use crate::components::TreatmentFields;
use crate::state::AppState;
use crate::ui::labels::{property, risk_status, STATUSES};
use engine::{ControlId, Methodology, Property, PropertySet, RiskStatus};
use leptos::prelude::*;

/// A labelled select of named objects by id, with a first "none" option;
/// `value` holds the chosen id, empty for none.
#[component]
pub(super) fn IdSelect(
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
pub(super) fn FieldError(errors: Signal<FieldErrors>, field: &'static str) -> impl IntoView {
    view! {
        <p class="field-error" id=format!("{field}-error") role="alert">
            {move || errors.with(|e| e.get(field))}
        </p>
    }
}

pub(super) fn invalid(
    errors: Signal<FieldErrors>,
    field: &'static str,
) -> impl Fn() -> &'static str {
    move || {
        if errors.with(|e| e.get(field).is_some()) {
            "true"
        } else {
            "false"
        }
    }
}

#[component]
pub(super) fn ScenarioSection(draft: Draft, errors: Signal<FieldErrors>) -> impl IntoView {
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
pub(super) fn AcceptanceSection(draft: Draft, errors: Signal<FieldErrors>) -> impl IntoView {
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
