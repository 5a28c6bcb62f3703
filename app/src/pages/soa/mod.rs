//! The Statement of Applicability: every control grouped by theme, its SoA
//! decision, implementation and attributes, the risks that rely on it, bulk
//! edits of a selection, and implementation progress per theme.

mod bulk;
mod editor;

use self::bulk::*;
use self::editor::*;
use crate::components::{percent_or_not_assessed, readiness_memo, select_ids};
use crate::state::AppState;
use crate::ui::workbench::read_analysed;
use crate::ui::workbench::{applicability, read, read_untracked, title_case, APPLICABILITIES};
use engine::{Applicability, Control, Theme, Workspace};
use leptos::prelude::*;
use std::collections::{BTreeSet, HashMap};

type Selection = RwSignal<BTreeSet<String>>;
type Links = Memo<HashMap<String, Vec<String>>>;

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
    by_theme: HashMap<String, ThemeProgress>,
}

/// The SoA page (the app shows it once workspace `id` is open), scrolled to control `focus` when given.
#[component]
pub fn SoaPage(focus: Option<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let readiness = readiness_memo(state);
    let coverage = Memo::new(move |_| {
        read_analysed(state, |_, analysis| {
            let soa = &analysis.soa;
            Coverage {
                applicable: soa.applicable,
                excluded: soa.excluded,
                undecided: soa.undecided,
                overall: soa.implementation_progress * 100.0,
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
            <div class="figure" title="The SoA's part of the certification readiness (Clauses page): decisions, effective implementation, risks treated, exclusions justified">
                <span class="number" data-testid="soa-readiness">{move || readiness.with(|r| percent_or_not_assessed(r.as_ref().and_then(|r| r.soa.score)))}</span>
                " SoA readiness"
            </div>
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
        select_ids(selection, ids.get_untracked(), on);
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
