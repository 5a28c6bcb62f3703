//! Finding a control by what people call it, and linking one control to
//! every risk a filter selects.

use crate::components::{id_choice, CheckboxField, FieldErrors, SelectField, TextField};
use crate::state::AppState;
use crate::ui::run_command;
use crate::ui::workbench::{read, read_analysed, read_untracked};
use engine::{search_controls, select_risks, ControlId, RiskFilter, ScenarioId, Workspace};
use leptos::prelude::*;

/// How many matches the picker lists.
const SHOWN_MATCHES: usize = 6;

/// The control `typed` names: its id when it starts with one, otherwise the
/// best match of the control search ("multi-factor" gives A.8.5).
pub(super) fn resolve_control(ws: &Workspace, typed: &str) -> Option<ControlId> {
    let first = typed.split_whitespace().next().unwrap_or("");
    ws.controls
        .iter()
        .find(|c| c.id.as_str().eq_ignore_ascii_case(first))
        .map(|c| c.id.clone())
        .or_else(|| {
            search_controls(ws, typed)
                .into_iter()
                .next()
                .map(|(id, _)| id)
        })
}

/// A control field that lists the controls matching what is typed (by id,
/// title words and everyday words such as MFA or backup); choosing one
/// fills the field with its id and title.
#[component]
pub(super) fn ControlPicker(
    id: &'static str,
    value: RwSignal<String>,
    #[prop(into)] error: MaybeProp<String>,
    #[prop(optional)] autofocus: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let matches = Memo::new(move |_| {
        let typed = value.get();
        read(state, |ws| {
            // A control already chosen from the list needs no more matches.
            if ws
                .controls
                .iter()
                .any(|c| format!("{} {}", c.id, c.title) == typed.trim())
            {
                return Vec::new();
            }
            search_controls(ws, &typed)
                .into_iter()
                .take(SHOWN_MATCHES)
                .filter_map(|(id, _)| ws.control(&id).map(|c| format!("{} {}", c.id, c.title)))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let list_id = format!("{id}-matches");
    view! {
        <TextField id=id label="Control" value=value wide=true testid=id autofocus=autofocus
            placeholder="An id such as A.8.5, words of its title, or MFA, backup, VPN…"
            autocomplete="off" error=error/>
        <div class="control-matches wide" id=list_id>
            {move || {
                let found = matches.get();
                if found.is_empty() {
                    let typed = value.get();
                    let unknown = !typed.trim().is_empty()
                        && read_untracked(state, |ws| resolve_control(ws, &typed).is_none()).unwrap_or(false);
                    return unknown.then(|| view! {
                        <p class="muted small" data-testid=format!("{id}-none")>"No control matches these words."</p>
                    }).into_any();
                }
                // Say which control an add without choosing takes, so it is
                // never a silent guess.
                let taken = format!("Adding without choosing takes {}.", found[0]);
                view! {
                    <p class="muted small" role="status" data-testid=format!("{id}-taken")>{taken}</p>
                    <p class="muted small">"Or choose one of the matching controls:"</p>
                    <ul class="match-list" data-testid=format!("{id}-matches")>
                        {found.into_iter().map(|text| {
                            let chosen = text.clone();
                            view! {
                                <li>
                                    <button type="button" class="link-button" data-testid="control-match"
                                        on:click=move |_| value.set(chosen.clone())>{text}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </div>
    }
}

/// "Link a control to many risks": a control, a filter of risks, how many
/// match, and one change per matching risk that lacks the control.
#[component]
pub(super) fn BulkLink(scenario: StoredValue<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let control = RwSignal::new(String::new());
    let asset = RwSignal::new(String::new());
    let level = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let above = RwSignal::new(false);
    let errors = RwSignal::new(FieldErrors::default());
    let options = Memo::new(move |_| {
        read(state, |ws| {
            let assets = ws
                .assets
                .iter()
                .map(|a| (a.id.to_string(), format!("{} {}", a.id, a.name)))
                .collect::<Vec<_>>();
            let levels = ws
                .methodology
                .levels()
                .iter()
                .enumerate()
                .map(|(i, l)| (i.to_string(), format!("{} or higher", l.name)))
                .collect::<Vec<_>>();
            let people = ws
                .people
                .iter()
                .map(|p| (p.id.to_string(), p.name.clone()))
                .collect::<Vec<_>>();
            (assets, levels, people)
        })
        .unwrap_or_default()
    });
    let filter = move || RiskFilter {
        asset: engine::AssetId::try_new(asset.get()).ok(),
        min_level: level.get().parse().ok(),
        owner: engine::PersonId::try_new(owner.get()).ok(),
        text: text.get(),
        above_appetite: above.get(),
    };
    // (matching risks, of them without the control yet, the control's id)
    let selection = Memo::new(move |_| {
        let filter = filter();
        let typed = control.get();
        read_analysed(state, |ws, analysis| {
            let risks = select_risks(ws, analysis, &filter);
            let chosen = resolve_control(ws, &typed);
            let lacking = chosen.as_ref().map(|c| {
                risks
                    .iter()
                    .filter(|r| ws.risk(r).is_some_and(|r| !r.controls.contains(c)))
                    .count()
            });
            (risks, lacking, chosen.map(|c| c.to_string()))
        })
        .unwrap_or_default()
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let (risks, _, chosen) = selection.get_untracked();
        let Some(chosen) = chosen.and_then(|c| ControlId::try_new(c).ok()) else {
            errors.set(FieldErrors::one(
                "control",
                "Choose a control: type its id, words of its title or a word such as MFA.",
            ));
            return;
        };
        if risks.is_empty() {
            errors.set(FieldErrors::one(
                "filter",
                "No risk matches this filter; loosen it first.",
            ));
            return;
        }
        errors.set(FieldErrors::default());
        let Ok(target) = ScenarioId::try_new(scenario.get_value()) else {
            return;
        };
        let name = chosen.to_string();
        run_command(
            state,
            move |ws| ws.link_control_to_risks(&target, &chosen, &risks),
            move |added| match added {
                0 => format!("Every matching risk has {name} already: nothing added."),
                1 => format!("{name} linked to 1 more risk in this scenario."),
                n => format!("{name} linked to {n} more risks in this scenario."),
            },
        );
    };
    view! {
        <form class="change-form bulk-link" on:submit=submit novalidate data-testid="bulk-link">
            <h3>"Link a control to many risks"</h3>
            <div class="form-grid">
                <ControlPicker id="bulk-control" value=control error=FieldErrors::of(errors, "control")/>
                <SelectField id="bulk-asset" label="On asset" testid="bulk-asset"
                    bind=id_choice(asset, Some("Any asset"), options.get_untracked().0)/>
                <SelectField id="bulk-level" label="Current level" testid="bulk-level"
                    bind=id_choice(level, Some("Any level"), options.get_untracked().1)/>
                <SelectField id="bulk-owner" label="Owner" testid="bulk-owner"
                    bind=id_choice(owner, Some("Anyone"), options.get_untracked().2)/>
                <TextField id="bulk-text" label="Words in the risk" value=text testid="bulk-text"
                    placeholder="e.g. laptop, supplier" autocomplete="off"/>
                <CheckboxField label="Only risks above appetite now" checked=above testid="bulk-above"/>
            </div>
            <p role="status" class="bulk-count" data-testid="bulk-count">
                {move || {
                    let (risks, lacking, chosen) = selection.get();
                    let n = risks.len();
                    let matching = format!("{n} {} match{}", if n == 1 { "risk" } else { "risks" }, if n == 1 { "es" } else { "" });
                    match (lacking, chosen) {
                        (Some(lacking), Some(id)) => format!("{matching}; {lacking} of them without {id} yet."),
                        _ => format!("{matching}."),
                    }
                }}
            </p>
            {move || errors.with(|e| e.get("filter")).map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            <div class="form-actions">
                <button type="submit" class="primary" data-testid="bulk-link-submit">
                    {move || {
                        let (_, lacking, _) = selection.get();
                        match lacking {
                            Some(n) => format!("Add {n} {}", if n == 1 { "link" } else { "links" }),
                            None => "Add the links".to_owned(),
                        }
                    }}
                </button>
            </div>
        </form>
    }
}
