//! The parts of the methodology form: presets, scales, levels, matrix, factors.

use super::draft::*;
use crate::components::{Binding, SelectField, TextBinding, TextField};
use engine::{Combine, LevelDefinition, Preset, ScaleLevel, MAX_SCALE_LEVELS, MIN_SCALE_LEVELS};
use leptos::prelude::*;

/// A text field bound to one part of the draft.
pub(super) fn draft_text(
    draft: RwSignal<Draft>,
    get: impl Fn(&Draft) -> String + Send + Sync + 'static,
    set: impl Fn(&mut Draft, String) + Send + Sync + 'static,
) -> TextBinding {
    TextBinding::new(
        move || draft.with(&get),
        move |text| draft.update(|d| set(d, text)),
    )
}

#[component]
pub(super) fn PresetPicker(draft: RwSignal<Draft>) -> impl IntoView {
    let chosen = RwSignal::new(0usize);
    view! {
        <section class="card" aria-labelledby="preset-heading">
            <h2 id="preset-heading">"Start from a preset"</h2>
            <div class="inline-form">
                <SelectField id="m-preset" label="Preset" testid="preset-select" bind=Binding {
                    options: Preset::ALL.iter().enumerate().map(|(i, p)| (i.to_string(), p.title().to_owned())).collect(),
                    selected: Signal::derive(move || chosen.get().to_string()),
                    on_change: Callback::new(move |key: String| {
                        if let Ok(i) = key.parse::<usize>() {
                            chosen.set(i);
                        }
                    }),
                }/>
                <button type="button" data-testid="use-preset" on:click=move |_| {
                    if let Some(preset) = Preset::ALL.get(chosen.get_untracked()) {
                        draft.set(Draft::from_methodology(&preset.methodology()));
                    }
                }>"Load into the draft"</button>
            </div>
            <p class="muted">"Loading a preset replaces the whole draft; nothing changes in the workspace until you apply it."</p>
        </section>
    }
}

pub(super) fn likelihood_of(d: &Draft) -> &Vec<ScaleLevel> {
    &d.likelihood
}
pub(super) fn likelihood_mut(d: &mut Draft) -> &mut Vec<ScaleLevel> {
    &mut d.likelihood
}
pub(super) fn impact_of(d: &Draft) -> &Vec<ScaleLevel> {
    &d.impact
}
pub(super) fn impact_mut(d: &mut Draft) -> &mut Vec<ScaleLevel> {
    &mut d.impact
}

#[component]
pub(super) fn ScaleEditor(
    title: &'static str,
    key: &'static str,
    draft: RwSignal<Draft>,
    get: fn(&Draft) -> &Vec<ScaleLevel>,
    set: fn(&mut Draft) -> &mut Vec<ScaleLevel>,
) -> impl IntoView {
    let count = Memo::new(move |_| draft.with(|d| get(d).len()));
    let field = move |i: usize, which: &str| format!("{key}-{i}-{which}");
    view! {
        <section class="card" aria-labelledby=format!("{key}-heading")>
            <h2 id=format!("{key}-heading")>{title}</h2>
            <table class="scale-table">
                <thead><tr><th scope="col">"Value"</th><th scope="col">"Label"</th><th scope="col">"Description"</th></tr></thead>
                <tbody>
                    {move || (0..count.get()).map(|i| view! {
                        <tr>
                            <th scope="row">{i + 1}</th>
                            <td>
                                <TextField id=field(i, "label") label=format!("{title}: label of level {}", i + 1) label_hidden=true
                                    value=draft_text(draft, move |d| get(d).get(i).map(|l| l.label.clone()).unwrap_or_default(),
                                        move |d, v| if let Some(l) = set(d).get_mut(i) { l.label = v })/>
                            </td>
                            <td>
                                <TextField id=field(i, "description") label=format!("{title}: description of level {}", i + 1) label_hidden=true
                                    value=draft_text(draft, move |d| get(d).get(i).map(|l| l.description.clone()).unwrap_or_default(),
                                        move |d, v| if let Some(l) = set(d).get_mut(i) { l.description = v })/>
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <div class="button-row">
                <button type="button" disabled=move || { count.get() >= MAX_SCALE_LEVELS } on:click=move |_| draft.update(|d| {
                    let n = get(d).len() + 1;
                    set(d).push(ScaleLevel { label: format!("Level {n}"), description: String::new() });
                    d.reshape();
                })>{format!("Add a level to the {}", title.to_lowercase())}</button>
                <button type="button" disabled=move || { count.get() <= MIN_SCALE_LEVELS } on:click=move |_| draft.update(|d| {
                    set(d).pop();
                    d.reshape();
                })>{format!("Remove the top level of the {}", title.to_lowercase())}</button>
            </div>
        </section>
    }
}

#[component]
pub(super) fn LevelsEditor(draft: RwSignal<Draft>) -> impl IntoView {
    let count = Memo::new(move |_| draft.with(|d| d.levels.len()));
    let names = Memo::new(move |_| {
        draft.with(|d| d.levels.iter().map(|l| l.name.clone()).collect::<Vec<_>>())
    });
    view! {
        <section class="card" aria-labelledby="levels-heading">
            <h2 id="levels-heading">"Risk levels and appetite"</h2>
            <p class="muted">"Lowest level first. The appetite is the highest level that may be accepted without further treatment."</p>
            <table class="scale-table">
                <thead><tr><th scope="col">"Order"</th><th scope="col">"Name"</th><th scope="col">"Colour"</th></tr></thead>
                <tbody>
                    {move || (0..count.get()).map(|i| view! {
                        <tr>
                            <th scope="row">{i + 1}</th>
                            <td>
                                <TextField id=format!("level-{i}-name") label=format!("Name of risk level {}", i + 1) label_hidden=true
                                    value=draft_text(draft, move |d| d.levels.get(i).map(|l| l.name.clone()).unwrap_or_default(),
                                        move |d, v| if let Some(l) = d.levels.get_mut(i) { l.name = v })/>
                            </td>
                            <td>
                                <TextField id=format!("level-{i}-colour") label=format!("Colour of risk level {}", i + 1) label_hidden=true
                                    kind="color"
                                    value=draft_text(draft, move |d| d.levels.get(i).map(|l| l.colour.clone()).unwrap_or_default(),
                                        move |d, v| if let Some(l) = d.levels.get_mut(i) { l.colour = v })/>
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <div class="button-row">
                <button type="button" disabled=move || { count.get() >= 16 } on:click=move |_| draft.update(|d| {
                    let n = d.levels.len() + 1;
                    d.levels.push(LevelDefinition { name: format!("Level {n}"), colour: "#7a1f1f".into() });
                    d.reshape();
                })>"Add a risk level"</button>
                <button type="button" disabled=move || { count.get() <= 1 } on:click=move |_| draft.update(|d| {
                    d.levels.pop();
                    d.reshape();
                })>"Remove the top risk level"</button>
            </div>
            <div class="inline-form">
                // Built again when the level names change, so the options follow them.
                {move || view! {
                    <SelectField id="m-appetite" label="Risk appetite" bind=Binding {
                        options: names.get().into_iter().enumerate().map(|(i, name)| (i.to_string(), format!("up to {name}"))).collect(),
                        selected: Signal::derive(move || draft.with(|d| d.appetite.to_string())),
                        on_change: Callback::new(move |key: String| {
                            if let Ok(i) = key.parse::<usize>() {
                                draft.update(|d| d.appetite = i);
                            }
                        }),
                    }/>
                }}
            </div>
        </section>
    }
}

#[component]
pub(super) fn MatrixEditor(draft: RwSignal<Draft>) -> impl IntoView {
    let formula = Memo::new(move |_| draft.with(|d| d.formula));
    let shape =
        Memo::new(move |_| draft.with(|d| (d.likelihood.len(), d.impact.len(), d.levels.len())));
    let level_names = Memo::new(move |_| {
        draft.with(|d| {
            d.levels
                .iter()
                .map(|l| (l.name.clone(), l.colour.clone()))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="card" aria-labelledby="matrix-heading">
            <h2 id="matrix-heading">"Risk matrix"</h2>
            <fieldset class="choice-group">
                <legend>"How a cell gets its level"</legend>
                <label class="choice">
                    <input type="radio" name="matrix-kind" data-testid="matrix-formula" prop:checked=move || formula.get()
                        on:change=move |_| draft.update(|d| d.formula = true)/>
                    "Formula, then bands"
                </label>
                <label class="choice">
                    <input type="radio" name="matrix-kind" data-testid="matrix-table" prop:checked=move || !formula.get()
                        on:change=move |_| draft.update(|d| d.formula = false)/>
                    "Cell table"
                </label>
            </fieldset>
            {move || if formula.get() {
                view! {
                    <div class="inline-form">
                        <SelectField id="m-combine" label="Score" bind=Binding {
                            options: vec![
                                ("product".to_owned(), "likelihood \u{d7} impact".to_owned()),
                                ("sum".to_owned(), "likelihood + impact".to_owned()),
                            ],
                            selected: Signal::derive(move || draft.with(|d| match d.combine {
                                Combine::Product => "product".to_owned(),
                                Combine::Sum => "sum".to_owned(),
                            })),
                            on_change: Callback::new(move |key: String| {
                                let combine = if key == "sum" { Combine::Sum } else { Combine::Product };
                                draft.update(|d| d.combine = combine);
                            }),
                        }/>
                    </div>
                    <p class="muted">"Each level covers the scores up to its bound (inclusive); the last bound must reach the highest score."</p>
                    <div class="form-grid">
                        {move || level_names.get().into_iter().enumerate().map(|(i, (name, _))| view! {
                            <TextField id=format!("band-{i}") label=format!("{name}: up to score") inputmode="numeric"
                                value=draft_text(draft, move |d| d.bands.get(i).cloned().unwrap_or_default(),
                                    move |d, v| if let Some(b) = d.bands.get_mut(i) { *b = v })/>
                        }).collect_view()}
                    </div>
                }
                .into_any()
            } else {
                view! { <CellGrid draft=draft shape=shape level_names=level_names/> }.into_any()
            }}
        </section>
    }
}

/// The cell table: one level picker per (likelihood, impact) cell, likelihood
/// rows from the top down like the heat map.
#[component]
pub(super) fn CellGrid(
    draft: RwSignal<Draft>,
    shape: Memo<(usize, usize, usize)>,
    level_names: Memo<Vec<(String, String)>>,
) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="cell-grid">
                <caption>"Rows: likelihood (highest at the top). Columns: impact."</caption>
                {move || {
                    let (rows, columns, _) = shape.get();
                    view! {
                        <thead>
                            <tr>
                                <td></td>
                                {(1..=columns).map(|i| view! { <th scope="col">{format!("I{i}")}</th> }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {(1..=rows).rev().map(|l| view! {
                                <tr>
                                    <th scope="row">{format!("L{l}")}</th>
                                    {(1..=columns).map(|i| {
                                        let current = move || draft.with(|d| d.cells.get(l - 1).and_then(|r| r.get(i - 1)).copied().unwrap_or(0) as usize);
                                        let colour = move || level_names.with(|n| n.get(current()).map(|x| x.1.clone()).unwrap_or_default());
                                        view! {
                                            <td class="grid-cell" style:background-color=colour>
                                                <select
                                                    aria-label=format!("Level of likelihood {l}, impact {i}")
                                                    on:change=move |e| {
                                                        if let Ok(v) = event_target_value(&e).parse::<u8>() {
                                                            draft.update(|d| {
                                                                if let Some(cell) = d.cells.get_mut(l - 1).and_then(|r| r.get_mut(i - 1)) {
                                                                    *cell = v;
                                                                }
                                                            });
                                                        }
                                                    }
                                                >
                                                    {move || level_names.get().into_iter().enumerate().map(|(k, (name, _))| view! {
                                                        <option value=k.to_string() selected=move || current() == k>{name}</option>
                                                    }).collect_view()}
                                                </select>
                                            </td>
                                        }
                                    }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    }
                }}
            </table>
        </div>
    }
}

#[component]
pub(super) fn FactorsEditor(draft: RwSignal<Draft>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="factors-heading">
            <h2 id="factors-heading">"Implementation factors and control-type weights"</h2>
            <p class="muted">"Each between 0 and 1. A factor says how much of a control's effectiveness counts at each implementation status; a weight how strongly a control type acts on likelihood and on impact."</p>
            <div class="form-grid">
                {FACTOR_NAMES.iter().enumerate().map(|(i, name)| view! {
                    <TextField id=format!("factor-{i}") label=format!("Factor: {name}") inputmode="decimal"
                        value=draft_text(draft, move |d| d.factors[i].clone(), move |d, v| d.factors[i] = v)/>
                }).collect_view()}
            </div>
            <div class="form-grid">
                {WEIGHT_NAMES.iter().enumerate().map(|(i, name)| view! {
                    <TextField id=format!("weight-{i}") label=format!("Weight: {name}") inputmode="decimal"
                        value=draft_text(draft, move |d| d.weights[i].clone(), move |d, v| d.weights[i] = v)/>
                }).collect_view()}
            </div>
        </section>
    }
}
