//! The parts of the methodology form: presets, scales, levels, matrix, factors.

use super::draft::*;
use engine::{Combine, LevelDefinition, Preset, ScaleLevel, MAX_SCALE_LEVELS, MIN_SCALE_LEVELS};
use leptos::prelude::*;

#[component]
pub(super) fn TextField(
    label: &'static str,
    id: &'static str,
    value: Signal<String>,
    set: impl Fn(String) + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <div class="form-field">
            <label for=id>{label}</label>
            <input id=id type="text" prop:value=move || value.get() on:input=move |e| set(event_target_value(&e))/>
        </div>
    }
}

#[component]
pub(super) fn PresetPicker(draft: RwSignal<Draft>) -> impl IntoView {
    let chosen = RwSignal::new(0usize);
    view! {
        <section class="card" aria-labelledby="preset-heading">
            <h2 id="preset-heading">"Start from a preset"</h2>
            <div class="inline-form">
                <label for="m-preset">"Preset"</label>
                <select id="m-preset" data-testid="preset-select" on:change=move |e| {
                    if let Ok(i) = event_target_value(&e).parse::<usize>() {
                        chosen.set(i);
                    }
                }>
                    {Preset::ALL.iter().enumerate().map(|(i, p)| view! {
                        <option value=i.to_string() selected=move || chosen.get() == i>{p.title()}</option>
                    }).collect_view()}
                </select>
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
                                <label class="visually-hidden" for=field(i, "label")>{format!("{title}: label of level {}", i + 1)}</label>
                                <input id=field(i, "label") type="text"
                                    prop:value=move || draft.with(|d| get(d).get(i).map(|l| l.label.clone()).unwrap_or_default())
                                    on:input=move |e| {
                                        let v = event_target_value(&e);
                                        draft.update(|d| if let Some(l) = set(d).get_mut(i) { l.label = v });
                                    }/>
                            </td>
                            <td>
                                <label class="visually-hidden" for=field(i, "description")>{format!("{title}: description of level {}", i + 1)}</label>
                                <input id=field(i, "description") type="text" class="wide-input"
                                    prop:value=move || draft.with(|d| get(d).get(i).map(|l| l.description.clone()).unwrap_or_default())
                                    on:input=move |e| {
                                        let v = event_target_value(&e);
                                        draft.update(|d| if let Some(l) = set(d).get_mut(i) { l.description = v });
                                    }/>
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
                                <label class="visually-hidden" for=format!("level-{i}-name")>{format!("Name of risk level {}", i + 1)}</label>
                                <input id=format!("level-{i}-name") type="text"
                                    prop:value=move || draft.with(|d| d.levels.get(i).map(|l| l.name.clone()).unwrap_or_default())
                                    on:input=move |e| {
                                        let v = event_target_value(&e);
                                        draft.update(|d| if let Some(l) = d.levels.get_mut(i) { l.name = v });
                                    }/>
                            </td>
                            <td>
                                <label class="visually-hidden" for=format!("level-{i}-colour")>{format!("Colour of risk level {}", i + 1)}</label>
                                <input id=format!("level-{i}-colour") type="color"
                                    prop:value=move || draft.with(|d| d.levels.get(i).map(|l| l.colour.clone()).unwrap_or_default())
                                    on:input=move |e| {
                                        let v = event_target_value(&e);
                                        draft.update(|d| if let Some(l) = d.levels.get_mut(i) { l.colour = v });
                                    }/>
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
                <label for="m-appetite">"Risk appetite"</label>
                <select id="m-appetite" on:change=move |e| {
                    if let Ok(i) = event_target_value(&e).parse::<usize>() {
                        draft.update(|d| d.appetite = i);
                    }
                }>
                    {move || names.get().into_iter().enumerate().map(|(i, name)| view! {
                        <option value=i.to_string() selected=move || draft.with(|d| d.appetite == i)>{format!("up to {name}")}</option>
                    }).collect_view()}
                </select>
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
                        <label for="m-combine">"Score"</label>
                        <select id="m-combine" on:change=move |e| {
                            let combine = if event_target_value(&e) == "sum" { Combine::Sum } else { Combine::Product };
                            draft.update(|d| d.combine = combine);
                        }>
                            <option value="product" selected=move || draft.with(|d| d.combine == Combine::Product)>"likelihood \u{d7} impact"</option>
                            <option value="sum" selected=move || draft.with(|d| d.combine == Combine::Sum)>"likelihood + impact"</option>
                        </select>
                    </div>
                    <p class="muted">"Each level covers the scores up to its bound (inclusive); the last bound must reach the highest score."</p>
                    <div class="form-grid">
                        {move || level_names.get().into_iter().enumerate().map(|(i, (name, _))| view! {
                            <div class="form-field">
                                <label for=format!("band-{i}")>{format!("{name}: up to score")}</label>
                                <input id=format!("band-{i}") type="text" inputmode="numeric" class="narrow-input"
                                    prop:value=move || draft.with(|d| d.bands.get(i).cloned().unwrap_or_default())
                                    on:input=move |e| {
                                        let v = event_target_value(&e);
                                        draft.update(|d| if let Some(b) = d.bands.get_mut(i) { *b = v });
                                    }/>
                            </div>
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
                    <div class="form-field">
                        <label for=format!("factor-{i}")>{format!("Factor: {name}")}</label>
                        <input id=format!("factor-{i}") type="text" inputmode="decimal" class="narrow-input"
                            prop:value=move || draft.with(|d| d.factors[i].clone())
                            on:input=move |e| { let v = event_target_value(&e); draft.update(|d| d.factors[i] = v); }/>
                    </div>
                }).collect_view()}
            </div>
            <div class="form-grid">
                {WEIGHT_NAMES.iter().enumerate().map(|(i, name)| view! {
                    <div class="form-field">
                        <label for=format!("weight-{i}")>{format!("Weight: {name}")}</label>
                        <input id=format!("weight-{i}") type="text" inputmode="decimal" class="narrow-input"
                            prop:value=move || draft.with(|d| d.weights[i].clone())
                            on:input=move |e| { let v = event_target_value(&e); draft.update(|d| d.weights[i] = v); }/>
                    </div>
                }).collect_view()}
            </div>
        </section>
    }
}
