//! The Statement of Applicability: every control grouped by theme, its SoA
//! decision, implementation and attributes, the risks that rely on it, bulk
//! edits of a selection, and implementation progress per theme.

use crate::components::OpenWorkspaceGate;
use crate::components::{reconcile, MergeChoices, Pending, Reconciled, UNMERGEABLE};
use crate::state::AppState;
use crate::ui::workbench::read_analysed;
use crate::ui::workbench::{
    applicability, implementation, people_options, read, read_untracked, reason, title_case,
    APPLICABILITIES, REASONS,
};
use engine::{
    Applicability, Concept, ConceptSet, Control, ControlId, ControlType, ControlTypeSet, Date,
    ImplementationStatus, InclusionReason, Percent, PersonId, Property, PropertySet, SoaEntry,
    Theme, Workspace,
};
use leptos::prelude::*;
use std::collections::{BTreeSet, HashMap};

type Selection = RwSignal<BTreeSet<String>>;
type Links = Memo<HashMap<String, Vec<String>>>;

/// The SoA page of workspace `id`, scrolled to control `focus` when given.
#[component]
pub fn SoaPage(id: String, focus: Option<String>) -> impl IntoView {
    view! {
        <OpenWorkspaceGate id=id>
            <SoaContent focus=focus.clone()/>
        </OpenWorkspaceGate>
    }
}

/// Progress of one theme, as the engine reports it.
#[derive(Debug, Clone, PartialEq)]
struct ThemeProgress {
    applicable: u32,
    percent: f64,
}

#[derive(Debug, Clone, PartialEq, Default)]
struct Coverage {
    applicable: u32,
    excluded: u32,
    undecided: u32,
    overall: f64,
    readiness: f64,
    by_theme: HashMap<String, ThemeProgress>,
}

#[component]
fn SoaContent(focus: Option<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let coverage = Memo::new(move |_| {
        read_analysed(state, |_, analysis| {
            let soa = &analysis.soa;
            Coverage {
                applicable: soa.applicable,
                excluded: soa.excluded,
                undecided: soa.undecided,
                overall: soa.implementation_progress * 100.0,
                readiness: soa.readiness,
                by_theme: soa
                    .by_theme
                    .iter()
                    .map(|g| {
                        (
                            g.group.clone(),
                            ThemeProgress {
                                applicable: g.applicable,
                                percent: g.progress * 100.0,
                            },
                        )
                    })
                    .collect(),
            }
        })
        .unwrap_or_default()
    });
    // Which risks name each control as a mitigating control.
    let links: Links = Memo::new(move |_| {
        read(state, |ws| {
            let mut map: HashMap<String, Vec<String>> = HashMap::new();
            for risk in &ws.risks {
                for control in &risk.controls {
                    map.entry(control.as_str().to_owned())
                        .or_default()
                        .push(risk.id.as_str().to_owned());
                }
            }
            map
        })
        .unwrap_or_default()
    });
    let selection: Selection = RwSignal::new(BTreeSet::new());
    let search = SoaSearch {
        text: RwSignal::new(String::new()),
        applicability: RwSignal::new(None),
    };
    let workspace_id = read_untracked(state, |ws| ws.id.as_str().to_owned()).unwrap_or_default();
    let name = move || read(state, |ws| ws.name.clone()).unwrap_or_default();

    // Scroll to the control a finding links to, once it is drawn.
    if let Some(target) = focus.clone() {
        request_animation_frame(move || {
            if let Some(element) = document().get_element_by_id(&format!("control-{target}")) {
                element.scroll_into_view();
                if let Ok(element) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element)
                {
                    let _ = element.focus();
                }
            }
        });
    }

    view! {
        <h1>"Statement of Applicability"</h1>
        <p class="lead">{name} ": the Annex A controls and custom controls, whether each applies, why, and how far it is implemented."</p>
        <div class="glance" data-testid="soa-summary">
            <div class="figure"><span class="number" data-testid="soa-applicable">{move || coverage.get().applicable}</span>" applicable"</div>
            <div class="figure"><span class="number">{move || coverage.get().excluded}</span>" excluded"</div>
            <div class="figure"><span class="number">{move || coverage.get().undecided}</span>" undecided"</div>
            <div class="figure"><span class="number" data-testid="soa-progress">{move || format!("{:.0} %", coverage.get().overall)}</span>" implemented (weighted)"</div>
            <div class="figure"><span class="number">{move || format!("{:.0} %", coverage.get().readiness)}</span>" audit readiness"</div>
        </div>
        <div class="register-toolbar" role="search" aria-label="Find controls">
            <label>
                "Search "
                <input
                    type="search"
                    data-testid="soa-search"
                    placeholder="Id, title or owner"
                    prop:value=move || search.text.get()
                    on:input=move |event| search.text.set(event_target_value(&event))
                />
            </label>
            <label>
                "Applicability "
                <select
                    data-testid="soa-applicability-filter"
                    on:change=move |event| search.applicability.set(Applicability::from_name(&event_target_value(&event)))
                >
                    <option value="">"All"</option>
                    {APPLICABILITIES.into_iter().map(|a| view! {
                        <option value=Applicability::name(a)>{applicability(a)}</option>
                    }).collect_view()}
                </select>
            </label>
            <span class="muted" role="status" data-testid="soa-shown">
                {move || {
                    let (shown, total) = read(state, |ws| {
                        (ws.controls.iter().filter(|c| search.matches(ws, c)).count(), ws.controls.len())
                    })
                    .unwrap_or_default();
                    format!("{shown} of {total} controls")
                }}
            </span>
        </div>
        <BulkBar selection=selection/>
        {Theme::ALL
            .into_iter()
            .map(|theme| {
                view! {
                    <ThemeSection
                        theme=theme
                        coverage=coverage
                        links=links
                        selection=selection
                        focus=focus.clone()
                        workspace_id=workspace_id.clone()
                        search=search
                    />
                }
            })
            .collect_view()}
        <AddCustomControl/>
    }
}

/// What the user narrowed the SoA to.
#[derive(Clone, Copy)]
struct SoaSearch {
    text: RwSignal<String>,
    applicability: RwSignal<Option<Applicability>>,
}

impl SoaSearch {
    fn active(&self) -> bool {
        self.applicability.get().is_some() || !self.text.with(|t| t.trim().is_empty())
    }

    /// Whether `control` matches: every word of the search text appears in
    /// its id, title or owner's name (ignoring case), and its applicability
    /// is the one chosen.
    fn matches(&self, ws: &Workspace, control: &Control) -> bool {
        let entry = ws.soa.iter().find(|e| e.control == control.id);
        if let Some(wanted) = self.applicability.get() {
            if entry.map(|e| e.applicability).unwrap_or_default() != wanted {
                return false;
            }
        }
        self.text.with(|text| {
            let text = text.trim().to_lowercase();
            if text.is_empty() {
                return true;
            }
            let owner = entry
                .and_then(|e| e.owner.as_ref())
                .and_then(|o| ws.people.iter().find(|p| &p.id == o))
                .map(|p| p.name.as_str())
                .unwrap_or("");
            let haystack = format!("{} {} {}", control.id, control.title, owner).to_lowercase();
            text.split_whitespace().all(|word| haystack.contains(word))
        })
    }
}

#[component]
fn ThemeSection(
    theme: Theme,
    coverage: Memo<Coverage>,
    links: Links,
    selection: Selection,
    focus: Option<String>,
    workspace_id: String,
    search: SoaSearch,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let ids = Memo::new(move |_| {
        read(state, |ws| {
            ws.controls
                .iter()
                .filter(|c| c.theme == theme && search.matches(ws, c))
                .map(|c| c.id.as_str().to_owned())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let heading_id = format!("theme-{}", theme.name());
    let title = format!("{} controls", title_case(theme.name()));
    let progress = move || {
        coverage
            .get()
            .by_theme
            .get(theme.name())
            .cloned()
            .unwrap_or(ThemeProgress {
                applicable: 0,
                percent: 0.0,
            })
    };
    let percent = move || progress().percent.round();
    let all_selected = move || {
        let ids = ids.get();
        !ids.is_empty() && selection.with(|s| ids.iter().all(|id| s.contains(id)))
    };
    let toggle_all = move |event: leptos::ev::Event| {
        let on = event_target_checked(&event);
        let ids = ids.get_untracked();
        selection.update(|s| {
            for id in ids {
                if on {
                    s.insert(id);
                } else {
                    s.remove(&id);
                }
            }
        });
    };
    view! {
        <section class="card soa-theme" aria-labelledby=heading_id.clone() data-testid=format!("soa-theme-{}", theme.name())>
            <div class="soa-theme-head">
                <h2 id=heading_id.clone()>{title.clone()}</h2>
                <div class="progress-line">
                    <div
                        class="progress-track"
                        role="progressbar"
                        aria-label=format!("Implementation progress of {}", title.to_lowercase())
                        aria-valuemin="0"
                        aria-valuemax="100"
                        aria-valuenow=move || percent().to_string()
                    >
                        <div class="progress-fill" style:width=move || format!("{}%", percent())></div>
                    </div>
                    <span class="progress-percent" data-testid=format!("progress-{}", theme.name())>
                        {move || format!("{} %", percent())}
                    </span>
                    <span class="muted">{move || format!("of {} applicable", progress().applicable)}</span>
                </div>
            </div>
            {move || {
                if ids.with(Vec::is_empty) {
                    let text = if search.active() {
                        "No control of this theme matches the search."
                    } else if theme == Theme::Custom {
                        "No custom controls yet. Add one with the form below."
                    } else {
                        "No controls in this theme."
                    };
                    return view! { <p class="empty-state">{text}</p> }.into_any();
                }
                let focus = focus.clone();
                let workspace_id = workspace_id.clone();
                view! {
                    <div class="table-scroll">
                        <table class="soa-table">
                            <thead>
                                <tr>
                                    <th scope="col">
                                        <input
                                            type="checkbox"
                                            aria-label=format!("Select all {}", title.to_lowercase())
                                            prop:checked=all_selected
                                            on:change=toggle_all
                                        />
                                    </th>
                                    <th scope="col">"Control"</th>
                                    <th scope="col">"Title and attributes"</th>
                                    <th scope="col">"Applicability"</th>
                                    <th scope="col">"Implementation"</th>
                                    <th scope="col">"Linked risks"</th>
                                    <th scope="col"><span class="visually-hidden">"Details"</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                <For each=move || ids.get() key=|id| id.clone() let:control_id>
                                    <ControlRow
                                        open_initially=focus.as_deref() == Some(control_id.as_str())
                                        control_id=control_id
                                        links=links
                                        selection=selection
                                        workspace_id=workspace_id.clone()
                                    />
                                </For>
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}

/// One control with its SoA entry, as last saved.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct RowData {
    control: Control,
    entry: SoaEntry,
}

fn row_data(ws: &Workspace, id: &str) -> Option<RowData> {
    let control = ws.controls.iter().find(|c| c.id.as_str() == id)?.clone();
    let entry = ws
        .soa
        .iter()
        .find(|e| e.control.as_str() == id)
        .cloned()
        .unwrap_or_else(|| SoaEntry::undecided(control.id.clone()));
    Some(RowData { control, entry })
}

fn attributes_text(control: &Control) -> String {
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
fn ControlRow(
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
fn SoaEditor(
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
    let justification_error = RwSignal::new(None::<String>);
    let other_error = RwSignal::new(None::<String>);
    let justification_ref: NodeRef<leptos::html::Textarea> = NodeRef::new();
    let people = read_untracked(state, people_options).unwrap_or_default();
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
    state.track_unsaved("soa-editor", move || {
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
        match reconcile(Some(&decided.stored), decided.object, current.as_ref()) {
            Reconciled::Write(row) => decide_store(row),
            Reconciled::Ask(again) => pending.set(Some(again)),
            Reconciled::Unmergeable => state.error.set(Some(UNMERGEABLE.into())),
        }
    };
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        justification_error.set(None);
        other_error.set(None);
        let chosen = applicability_draft.get_untracked();
        let text = justification.get_untracked().trim().to_owned();
        if chosen == Applicability::Excluded && text.is_empty() {
            justification_error.set(Some(
                "Say why this control is excluded: an exclusion needs a justification.".into(),
            ));
            if let Some(area) = justification_ref.get_untracked() {
                let _ = area.focus();
            }
            return;
        }
        let target_text = target.get_untracked();
        let target_date = if target_text.trim().is_empty() {
            None
        } else {
            match Date::parse(target_text.trim()) {
                Some(date) => Some(date),
                None => {
                    other_error.set(Some(format!(
                        "{target_text:?} is not a date of the form YYYY-MM-DD."
                    )));
                    return;
                }
            }
        };
        let Some(effective) = effectiveness
            .get_untracked()
            .trim()
            .parse::<u8>()
            .ok()
            .and_then(Percent::checked_new)
        else {
            other_error.set(Some(
                "Effectiveness must be a whole number from 0 to 100.".into(),
            ));
            return;
        };
        let owner = PersonId::try_new(owner.get_untracked()).ok();
        let mut reason_list = reasons.get_untracked();
        reason_list.sort();
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
        let reconciled = base.with_value(|base| reconcile(Some(base), draft, Some(&row)));
        match reconciled {
            Reconciled::Write(merged) => store(merged),
            Reconciled::Ask(asked) => {
                base.set_value(asked.stored.clone());
                pending.set(Some(asked));
            }
            Reconciled::Unmergeable => state.error.set(Some(UNMERGEABLE.into())),
        }
    };
    let excluded = move || applicability_draft.get() == Applicability::Excluded;
    let invalid = move || justification_error.get().is_some();
    let cancel = on_close.clone();
    view! {
        <form class="soa-editor" on:submit=save data-testid="soa-editor">
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
            <div class="form-field wide">
                <label for=field("justification")>
                    "Exclusion justification"
                    {move || excluded().then_some(" (required)")}
                </label>
                <textarea
                    id=field("justification")
                    rows="2"
                    node_ref=justification_ref
                    data-testid="justification"
                    aria-invalid=move || invalid().to_string()
                    aria-describedby=field("justification-error")
                    prop:value=move || justification.get()
                    on:input=move |event| {
                        justification.set(event_target_value(&event));
                        justification_error.set(None);
                    }
                ></textarea>
                <p class="field-error" id=field("justification-error") role="alert" data-testid="justification-error">
                    {move || justification_error.get()}
                </p>
            </div>
            <div class="form-grid">
                <div class="form-field">
                    <label for=field("owner")>"Owner"</label>
                    <select id=field("owner") on:change=move |event| owner.set(event_target_value(&event))>
                        <option value="" selected=move || owner.get().is_empty()>"(nobody)"</option>
                        {people
                            .into_iter()
                            .map(|(id, label)| {
                                let key = id.clone();
                                view! { <option value=id selected=move || owner.get() == key>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="form-field">
                    <label for=field("target")>"Target date"</label>
                    <input
                        id=field("target")
                        type="date"
                        prop:value=move || target.get()
                        on:input=move |event| target.set(event_target_value(&event))
                    />
                </div>
                <div class="form-field">
                    <label for=field("effectiveness")>"Effectiveness (%)"</label>
                    <input
                        id=field("effectiveness")
                        type="number"
                        min="0"
                        max="100"
                        step="5"
                        prop:value=move || effectiveness.get()
                        on:input=move |event| effectiveness.set(event_target_value(&event))
                    />
                </div>
            </div>
            <div class="form-field wide">
                <label for=field("evidence")>"Evidence and notes"</label>
                <textarea
                    id=field("evidence")
                    rows="2"
                    prop:value=move || evidence.get()
                    on:input=move |event| evidence.set(event_target_value(&event))
                ></textarea>
            </div>
            <FlagGroup legend="Control type" all=ControlType::ALL selected=types name=ControlType::name/>
            <FlagGroup legend="Security properties" all=Property::ALL selected=properties name=Property::name/>
            <FlagGroup legend="Cybersecurity concepts" all=Concept::ALL selected=concepts name=Concept::name/>
            <p class="field-error" role="alert">{move || other_error.get()}</p>
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
fn FlagGroup<F>(
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

/// Applies one status or one applicability to every selected control.
#[component]
fn BulkBar(selection: Selection) -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = RwSignal::new(ImplementationStatus::Implemented);
    let chosen = RwSignal::new(Applicability::Applicable);
    let justification = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let count = move || selection.with(BTreeSet::len);
    let none = move || count() == 0;
    let ids = move || selection.get_untracked();

    let apply_status = move |_| {
        let ids = ids();
        let status = status.get_untracked();
        let targets = control_ids(&ids);
        state.edit(move |ws| {
            ws.set_control_status(&targets, status);
        });
        state.notice.set(Some(format!(
            "Implementation status set to \u{201c}{}\u{201d} for {} controls.",
            implementation(status),
            selection.with_untracked(BTreeSet::len)
        )));
    };
    let apply_applicability = move |_| {
        error.set(None);
        let ids = ids();
        let chosen = chosen.get_untracked();
        let text = justification.get_untracked().trim().to_owned();
        if chosen == Applicability::Excluded && text.is_empty() {
            let lacking = read_untracked(state, |ws| {
                ids.iter().any(|id| {
                    ws.soa
                        .iter()
                        .find(|e| e.control.as_str() == id)
                        .is_none_or(|e| e.exclusion_justification.trim().is_empty())
                })
            })
            .unwrap_or(true);
            if lacking {
                error.set(Some(
                    "Excluding needs a justification: write one to apply to the selected controls."
                        .into(),
                ));
                return;
            }
        }
        let total = ids.len();
        let targets = control_ids(&ids);
        state.edit(move |ws| {
            ws.set_applicability(&targets, chosen, &text);
        });
        state.notice.set(Some(format!(
            "{total} controls marked \u{201c}{}\u{201d}.",
            applicability(chosen)
        )));
    };

    view! {
        <section class="card bulk-bar" aria-labelledby="bulk-heading" data-testid="bulk-bar">
            <h2 id="bulk-heading">"Change several controls"</h2>
            <p class="muted" role="status" data-testid="selected-count">
                {move || match count() {
                    0 => "Select controls with the checkboxes in the tables below.".to_owned(),
                    1 => "1 control selected.".to_owned(),
                    n => format!("{n} controls selected."),
                }}
            </p>
            <div class="bulk-rows">
                <div class="inline-form">
                    <label for="bulk-status">"Implementation status"</label>
                    <select id="bulk-status" on:change=move |event| {
                        if let Some(s) = ImplementationStatus::from_name(&event_target_value(&event)) {
                            status.set(s);
                        }
                    }>
                        {ImplementationStatus::ALL
                            .into_iter()
                            .map(|s| view! {
                                <option value=ImplementationStatus::name(s) selected=move || status.get() == s>{implementation(s)}</option>
                            })
                            .collect_view()}
                    </select>
                    <button type="button" disabled=none data-testid="bulk-status" on:click=apply_status>
                        "Set status for selected"
                    </button>
                </div>
                <div class="inline-form">
                    <label for="bulk-applicability">"Applicability"</label>
                    <select id="bulk-applicability" on:change=move |event| {
                        if let Some(a) = Applicability::from_name(&event_target_value(&event)) {
                            chosen.set(a);
                            error.set(None);
                        }
                    }>
                        {APPLICABILITIES
                            .into_iter()
                            .map(|a| view! {
                                <option value=Applicability::name(a) selected=move || chosen.get() == a>{applicability(a)}</option>
                            })
                            .collect_view()}
                    </select>
                    {move || (chosen.get() == Applicability::Excluded).then(|| view! {
                        <label for="bulk-justification">"Justification"</label>
                        <input
                            id="bulk-justification"
                            type="text"
                            aria-invalid=move || error.get().is_some().to_string()
                            aria-describedby="bulk-error"
                            prop:value=move || justification.get()
                            on:input=move |event| justification.set(event_target_value(&event))
                        />
                    })}
                    <button type="button" disabled=none data-testid="bulk-applicability" on:click=apply_applicability>
                        "Set applicability for selected"
                    </button>
                </div>
                <p class="field-error" id="bulk-error" role="alert">{move || error.get()}</p>
                <div>
                    <button type="button" disabled=none on:click=move |_| selection.set(BTreeSet::new())>
                        "Clear selection"
                    </button>
                </div>
            </div>
        </section>
    }
}

/// Adds a control of the organisation's own to the SoA.
#[component]
fn AddCustomControl() -> impl IntoView {
    let state = expect_context::<AppState>();
    let id_text = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let title_text = title.get_untracked().trim().to_owned();
        let id = match ControlId::try_new(id_text.get_untracked().trim()) {
            Ok(id) => id,
            Err(problem) => {
                error.set(Some(format!("Control id: {problem}.")));
                return;
            }
        };
        if title_text.is_empty() {
            error.set(Some("Give the control a title.".into()));
            return;
        }
        let taken =
            read_untracked(state, |ws| ws.controls.iter().any(|c| c.id == id)).unwrap_or(false);
        if taken {
            error.set(Some(format!("A control with id {id} already exists.")));
            return;
        }
        error.set(None);
        state.edit(move |ws| {
            // Checked above; a race with another tab is refused here too.
            let _ = ws.add_custom_control(id, &title_text);
        });
        id_text.set(String::new());
        title.set(String::new());
    };
    view! {
        <section class="card" aria-labelledby="custom-heading">
            <h2 id="custom-heading">"Add a custom control"</h2>
            <form class="inline-form" on:submit=submit>
                <label for="custom-id">"Id"</label>
                <input id="custom-id" type="text" placeholder="e.g. C-01" prop:value=move || id_text.get()
                    on:input=move |event| id_text.set(event_target_value(&event))/>
                <label for="custom-title">"Title"</label>
                <input id="custom-title" type="text" prop:value=move || title.get()
                    aria-describedby="custom-error"
                    on:input=move |event| title.set(event_target_value(&event))/>
                <button type="submit">"Add control"</button>
                <p class="field-error" id="custom-error" role="alert">{move || error.get()}</p>
            </form>
        </section>
    }
}

/// The control ids of a selection (ids are checked when they are listed).
fn control_ids(selected: &BTreeSet<String>) -> Vec<ControlId> {
    selected
        .iter()
        .filter_map(|id| ControlId::try_new(id.as_str()).ok())
        .collect()
}
