//! One control of the SoA: its row, and the form for its entry and attributes.

use super::*;
use crate::components::{save_merged, MergeChoices, Pending, TextBinding, UnsavedMark};
use crate::components::{DateField, FieldErrors, NumberField, OwnerField, TextAreaField};
use crate::state::AppState;
use crate::ui::workbench::{
    applicability, implementation, read, reason, title_case, APPLICABILITIES, REASONS,
};
use engine::{
    Applicability, Concept, ConceptSet, Control, ControlType, ControlTypeSet, Date,
    ImplementationStatus, InclusionReason, Percent, PersonId, Property, PropertySet, SoaEntry,
    Workspace,
};
use leptos::prelude::*;

/// One control with its SoA entry, as last saved.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(super) struct RowData {
    pub(super) control: Control,
    pub(super) entry: SoaEntry,
}

pub(super) fn row_data(ws: &Workspace, id: &str) -> Option<RowData> {
    let control = ws.controls.iter().find(|c| c.id.as_str() == id)?.clone();
    let entry = ws
        .soa
        .iter()
        .find(|e| e.control.as_str() == id)
        .cloned()
        .unwrap_or_else(|| SoaEntry::undecided(control.id.clone()));
    Some(RowData { control, entry })
}

pub(super) fn attributes_text(control: &Control) -> String {
    let join = |names: Vec<&str>| names.join(", ");
    format!(
        "{} · {} · {} · {} effective",
        join(control.types.iter().map(|t| t.name()).collect()),
        join(control.properties.iter().map(|p| p.name()).collect()),
        join(control.concepts.iter().map(|c| c.name()).collect()),
        control.effectiveness
    )
}

#[component]
pub(super) fn ControlRow(
    control_id: String,
    open_initially: bool,
    links: Links,
    selection: Selection,
    workspace_id: String,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = {
        let id = control_id.clone();
        Memo::new(move |_| read(state, |ws| row_data(ws, &id)).flatten())
    };
    // Open nonconformities naming this control: each lowers its effective
    // status in readiness until an effectiveness review closes it.
    let open_ncs = {
        let id = control_id.clone();
        Memo::new(move |_| {
            read(state, |ws| {
                engine::open_nonconformities_by_control(ws)
                    .into_iter()
                    .find(|(control, _)| control.as_str() == id)
                    .map(|(_, ncs)| ncs.iter().map(ToString::to_string).collect::<Vec<_>>())
                    .unwrap_or_default()
            })
            .unwrap_or_default()
        })
    };
    let nc_href = crate::routes::Route::Nonconformities(workspace_id.clone()).href();
    let open = RwSignal::new(open_initially);
    let details_id = format!("details-{control_id}");
    let selected = {
        let id = control_id.clone();
        Memo::new(move |_| selection.with(|s| s.contains(&id)))
    };
    let toggle = {
        let id = control_id.clone();
        move |event: leptos::ev::Event| {
            let on = event_target_checked(&event);
            let id = id.clone();
            selection.update(|s| {
                if on {
                    s.insert(id);
                } else {
                    s.remove(&id);
                }
            });
        }
    };
    let set_status = move |event: leptos::ev::Event| {
        let Some(status) = ImplementationStatus::from_name(&event_target_value(&event)) else {
            return;
        };
        if let Some(row) = data.get_untracked() {
            let id = row.control.id;
            state.edit(move |ws| {
                ws.set_control_status([&id], status);
            });
        }
    };
    let linked = {
        let id = control_id.clone();
        move || links.with(|l| l.get(&id).cloned().unwrap_or_default())
    };
    let risk_href = {
        let workspace_id = workspace_id.clone();
        move |risk: &str| {
            format!(
                "#/workspace/{}/risk/{}",
                String::from(js_sys::encode_uri_component(&workspace_id)),
                String::from(js_sys::encode_uri_component(risk))
            )
        }
    };
    let id = control_id.clone();
    view! {
        <tr
            id=format!("control-{id}")
            class="soa-row"
            class:selected=selected
            data-testid="soa-row"
            data-control=id.clone()
            tabindex="-1"
        >
            <td>
                <input
                    type="checkbox"
                    aria-label=format!("Select {id}")
                    prop:checked=selected
                    on:change=toggle
                />
            </td>
            <th scope="row" class="control-id">{id.clone()}</th>
            <td>
                <div>{move || data.get().map(|d| d.control.title).unwrap_or_default()}</div>
                <div class="muted small">{move || data.get().map(|d| attributes_text(&d.control)).unwrap_or_default()}</div>
                {move || {
                    let ncs = open_ncs.get();
                    (!ncs.is_empty()).then(|| view! {
                        <span class="open-nc small" data-testid="soa-open-nc">
                            {if ncs.len() == 1 { "Open nonconformity: " } else { "Open nonconformities: " }}
                            <a href=nc_href.clone()>{ncs.join(", ")}</a>
                        </span>
                    })
                }}
            </td>
            <td>
                {move || data.get().map(|d| {
                    let a = d.entry.applicability;
                    view! {
                        <span class=format!("pill pill-{}", Applicability::name(a)) data-testid="applicability">
                            {applicability(a)}
                        </span>
                    }
                })}
            </td>
            <td>
                <select
                    aria-label=format!("Implementation status of {id}")
                    data-testid="status-select"
                    on:change=set_status
                >
                    {ImplementationStatus::ALL
                        .into_iter()
                        .map(|s| view! {
                            <option
                                value=ImplementationStatus::name(s)
                                selected=move || data.get().is_some_and(|d| d.control.status == s)
                            >
                                {implementation(s)}
                            </option>
                        })
                        .collect_view()}
                </select>
            </td>
            <td data-testid="linked-risks">
                {move || {
                    let risks = linked();
                    if risks.is_empty() {
                        return view! { <span class="muted">"none"</span> }.into_any();
                    }
                    let href = risk_href.clone();
                    view! {
                        <span class="linked-count">{risks.len()}</span>": "
                        {risks
                            .into_iter()
                            .map(|r| view! { <a class="risk-link" href=href(&r)>{r.clone()}</a>" " })
                            .collect_view()}
                    }
                    .into_any()
                }}
            </td>
            <td>
                <button
                    type="button"
                    aria-expanded=move || open.get().to_string()
                    aria-controls=details_id.clone()
                    data-testid="details-toggle"
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {move || if open.get() { "Close" } else { "Edit" }}
                    <span class="visually-hidden">{format!(" {id}")}</span>
                </button>
            </td>
        </tr>
        {move || {
            open.get().then(|| {
                view! {
                    <tr class="soa-details" id=details_id.clone()>
                        <td colspan="7">
                            <SoaEditor control_id=control_id.clone() data=data on_close=move || open.set(false)/>
                        </td>
                    </tr>
                }
            })
        }}
    }
}

/// The form for one control's SoA entry and attributes. Nothing is saved
/// until "Save"; an exclusion without justification is refused.
#[component]
pub(super) fn SoaEditor(
    control_id: String,
    data: Memo<Option<RowData>>,
    on_close: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(start) = data.get_untracked() else {
        return view! { <p class="muted">"This control no longer exists."</p> }.into_any();
    };
    let applicability_draft = RwSignal::new(start.entry.applicability);
    let reasons = RwSignal::new(start.entry.reasons.clone());
    let justification = RwSignal::new(start.entry.exclusion_justification.clone());
    let owner = RwSignal::new(
        start
            .entry
            .owner
            .as_ref()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default(),
    );
    let evidence = RwSignal::new(start.entry.evidence.clone());
    let target = RwSignal::new(
        start
            .entry
            .target_date
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    let effectiveness = RwSignal::new(start.control.effectiveness.get().to_string());
    let types = RwSignal::new(start.control.types.iter().collect::<Vec<_>>());
    let properties = RwSignal::new(start.control.properties.iter().collect::<Vec<_>>());
    let concepts = RwSignal::new(start.control.concepts.iter().collect::<Vec<_>>());
    let errors = RwSignal::new(FieldErrors::default());
    let justification_ref: NodeRef<leptos::html::Textarea> = NodeRef::new();
    let prefix = format!("soa-{}", control_id.replace('.', "-"));
    let field = move |name: &str| format!("{prefix}-{name}");

    // The entry and control as they were when the form opened (later: as
    // last stored), so a save merges with another tab's changes.
    let base = StoredValue::new(start.clone());
    let pending = RwSignal::new(None::<Pending<RowData>>);
    let initial = (
        start.entry.applicability,
        start.entry.reasons.clone(),
        start.entry.exclusion_justification.clone(),
        owner.get_untracked(),
        start.entry.evidence.clone(),
        target.get_untracked(),
        effectiveness.get_untracked(),
        types.get_untracked(),
        properties.get_untracked(),
        concepts.get_untracked(),
    );
    let dirty = Signal::derive(move || {
        (
            applicability_draft.get(),
            reasons.get(),
            justification.get(),
            owner.get(),
            evidence.get(),
            target.get(),
            effectiveness.get(),
            types.get(),
            properties.get(),
            concepts.get(),
        ) != initial
    });
    state.track_unsaved("soa-editor", move || dirty.get());
    let store_close = StoredValue::new(on_close.clone());
    let store = move |row: RowData| {
        state.edit(move |ws| {
            let RowData { control, entry } = row;
            ws.set_soa_entry(entry);
            ws.update_control(control);
        });
        state.unsaved_forms.update(|forms| {
            forms.remove("soa-editor");
        });
        store_close.with_value(|close| close());
    };
    let decide_store = store;
    let decided = move |decided: Pending<RowData>| {
        let current = data.get_untracked();
        let from = decided.stored;
        if let Some(asked) = save_merged(
            state,
            Some(&from),
            decided.object,
            current.as_ref(),
            pending,
            decide_store,
        ) {
            base.set_value(asked);
        }
    };
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let mut problems = FieldErrors::default();
        let chosen = applicability_draft.get_untracked();
        let text = justification.get_untracked().trim().to_owned();
        if chosen == Applicability::Excluded && text.is_empty() {
            problems.add(
                "justification",
                "Say why this control is excluded: an exclusion needs a justification.",
            );
        }
        let target_text = target.get_untracked();
        let target_date = match target_text.trim() {
            "" => None,
            typed => Date::parse(typed).or_else(|| {
                problems.add(
                    "target",
                    format!("{target_text:?} is not a date of the form YYYY-MM-DD."),
                );
                None
            }),
        };
        let effective = effectiveness
            .get_untracked()
            .trim()
            .parse::<u8>()
            .ok()
            .and_then(Percent::checked_new);
        if effective.is_none() {
            problems.add(
                "effectiveness",
                "Effectiveness must be a whole number from 0 to 100.",
            );
        }
        let refused = !problems.is_empty();
        if problems.get("justification").is_some() {
            if let Some(area) = justification_ref.get_untracked() {
                let _ = area.focus();
            }
        }
        errors.set(problems);
        let (false, Some(effective)) = (refused, effective) else {
            return;
        };
        let owner = PersonId::try_new(owner.get_untracked()).ok();
        let mut reason_list = reasons.get_untracked();
        engine::order::sort(&mut reason_list);
        let evidence = evidence.get_untracked();
        let types = ControlTypeSet::of(&types.get_untracked());
        let properties = PropertySet::of(&properties.get_untracked());
        let concepts = ConceptSet::of(&concepts.get_untracked());
        let Some(row) = data.get_untracked() else {
            return;
        };
        let mut draft = base.get_value();
        draft.entry.applicability = chosen;
        draft.entry.reasons = if chosen == Applicability::Excluded {
            Vec::new()
        } else {
            reason_list
        };
        draft.entry.exclusion_justification = text;
        draft.entry.owner = owner;
        draft.entry.evidence = evidence;
        draft.entry.target_date = target_date;
        draft.control.effectiveness = effective;
        draft.control.types = types;
        draft.control.properties = properties;
        draft.control.concepts = concepts;
        let from = base.get_value();
        if let Some(asked) = save_merged(state, Some(&from), draft, Some(&row), pending, store) {
            base.set_value(asked);
        }
    };
    let excluded = move || applicability_draft.get() == Applicability::Excluded;
    let cancel = on_close.clone();
    view! {
        <form class="soa-editor" on:submit=save data-testid="soa-editor">
            <UnsavedMark dirty=dirty/>
            <fieldset class="choice-group">
                <legend>"Applicability"</legend>
                {APPLICABILITIES
                    .into_iter()
                    .map(|a| view! {
                        <label class="choice">
                            <input
                                type="radio"
                                name=field("applicability")
                                value=Applicability::name(a)
                                prop:checked=move || applicability_draft.get() == a
                                on:change=move |event| {
                                    if let Some(a) = Applicability::from_name(&event_target_value(&event)) {
                                        applicability_draft.set(a);
                                    }
                                }
                            />
                            {applicability(a)}
                        </label>
                    })
                    .collect_view()}
            </fieldset>
            <fieldset class="choice-group" disabled=excluded>
                <legend>"Inclusion reasons"</legend>
                {REASONS
                    .into_iter()
                    .map(|r| view! {
                        <label class="choice">
                            <input
                                type="checkbox"
                                prop:checked=move || reasons.with(|list| list.contains(&r))
                                on:change=move |event| {
                                    let on = event_target_checked(&event);
                                    reasons.update(|list: &mut Vec<InclusionReason>| {
                                        list.retain(|x| *x != r);
                                        if on {
                                            list.push(r);
                                        }
                                    });
                                }
                            />
                            {reason(r)}
                        </label>
                    })
                    .collect_view()}
            </fieldset>
            <TextAreaField
                id=field("justification")
                label=move || format!("Exclusion justification{}", if excluded() { " (required)" } else { "" })
                value=TextBinding::new(move || justification.get(), move |text| {
                    justification.set(text);
                    errors.update(|e| e.remove("justification"));
                })
                rows=2
                wide=true
                node_ref=justification_ref
                testid="justification"
                error=FieldErrors::of(errors, "justification")
                error_testid="justification-error"
            />
            <div class="form-grid">
                <OwnerField id=field("owner") label="Owner" value=owner none="(nobody)"/>
                <DateField id=field("target") label="Target date" value=target
                    error=FieldErrors::of(errors, "target")/>
                <NumberField id=field("effectiveness") label="Effectiveness (%)" value=effectiveness
                    min="0" max="100" step="5" error=FieldErrors::of(errors, "effectiveness")/>
            </div>
            <TextAreaField id=field("evidence") label="Evidence and notes" value=evidence rows=2 wide=true/>
            <FlagGroup legend="Control type" all=ControlType::ALL selected=types name=ControlType::name/>
            <FlagGroup legend="Security properties" all=Property::ALL selected=properties name=Property::name/>
            <FlagGroup legend="Cybersecurity concepts" all=Concept::ALL selected=concepts name=Concept::name/>
            <MergeChoices pending=pending on_decided=decided/>
            <div class="button-row">
                <button type="submit" class="primary" data-testid="soa-save">"Save"</button>
                <button type="button" on:click=move |_| cancel()>"Cancel"</button>
            </div>
        </form>
    }
    .into_any()
}

/// Checkboxes for one attribute set (control types, properties, concepts).
#[component]
pub(super) fn FlagGroup<F>(
    legend: &'static str,
    all: &'static [F],
    selected: RwSignal<Vec<F>>,
    name: fn(F) -> &'static str,
) -> impl IntoView
where
    F: Copy + PartialEq + Send + Sync + 'static,
{
    view! {
        <fieldset class="choice-group">
            <legend>{legend}</legend>
            {all
                .iter()
                .copied()
                .map(|flag| view! {
                    <label class="choice">
                        <input
                            type="checkbox"
                            prop:checked=move || selected.with(|s| s.contains(&flag))
                            on:change=move |event| {
                                let on = event_target_checked(&event);
                                selected.update(|s| {
                                    s.retain(|x| *x != flag);
                                    if on {
                                        s.push(flag);
                                    }
                                });
                            }
                        />
                        {title_case(name(flag))}
                    </label>
                })
                .collect_view()}
        </fieldset>
    }
}
