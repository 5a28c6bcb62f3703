//! The methodology editor: scales, matrix, risk levels and appetite,
//! implementation factors, control-type weights and currency. Changes go to
//! a draft first; the register is analysed under the draft to preview how
//! the levels would move, and only "Apply" changes the workspace.

use crate::components::OpenWorkspaceGate;
use crate::components::{
    readable_text_colour, reconcile, MergeChoices, Pending, Reconciled, UNMERGEABLE,
};
use crate::state::AppState;
use crate::ui::workbench::read;
use engine::{
    analyze_with, AnalysisOptions, AxisWeights, Combine, ControlTypeWeights, ImplementationFactors,
    LevelDefinition, Matrix, Methodology, MethodologyFields, Preset, RiskLevel, Scale, ScaleLevel,
    Workspace, MAX_SCALE_LEVELS, MIN_SCALE_LEVELS,
};
use leptos::prelude::*;
use std::collections::HashMap;

#[component]
pub fn MethodologyPage(id: String) -> impl IntoView {
    view! {
        <OpenWorkspaceGate id=id>
            <MethodologyContent/>
        </OpenWorkspaceGate>
    }
}

/// The methodology as edited: numbers stay text until built, so a half-typed
/// value shows a message instead of being lost.
#[derive(Debug, Clone, PartialEq)]
struct Draft {
    name: String,
    likelihood: Vec<ScaleLevel>,
    impact: Vec<ScaleLevel>,
    levels: Vec<LevelDefinition>,
    formula: bool,
    combine: Combine,
    bands: Vec<String>,
    cells: Vec<Vec<u8>>,
    appetite: usize,
    /// Not started, planned, partial, implemented.
    factors: [String; 4],
    /// Preventive, detective, corrective; likelihood then impact each.
    weights: [String; 6],
    currency: String,
}

const FACTOR_NAMES: [&str; 4] = [
    "Not started",
    "Planned",
    "Partially implemented",
    "Implemented",
];
const WEIGHT_NAMES: [&str; 6] = [
    "Preventive, on likelihood",
    "Preventive, on impact",
    "Detective, on likelihood",
    "Detective, on impact",
    "Corrective, on likelihood",
    "Corrective, on impact",
];

fn number(value: f64) -> String {
    format!("{value}")
}

impl Draft {
    fn from_methodology(m: &Methodology) -> Self {
        let rows = m.likelihood_scale().len() as u8;
        let columns = m.impact_scale().len() as u8;
        // The cell table that the current matrix amounts to, so switching to
        // a table starts from the same picture.
        let cells = (1..=rows)
            .map(|l| {
                (1..=columns)
                    .map(|i| match (m.likelihood(l), m.impact(i)) {
                        (Some(l), Some(i)) => m.level(l, i).index() as u8,
                        _ => 0,
                    })
                    .collect()
            })
            .collect();
        let (formula, combine, bands) = match m.matrix() {
            Matrix::Formula {
                combine,
                band_upper_bounds,
            } => (
                true,
                *combine,
                band_upper_bounds.iter().map(u32::to_string).collect(),
            ),
            Matrix::Table { .. } => (
                false,
                Combine::Product,
                even_bands(Combine::Product, rows, columns, m.levels().len()),
            ),
        };
        let f = m.implementation_factors();
        let w = m.control_type_weights();
        Draft {
            name: m.name().to_owned(),
            likelihood: m.likelihood_scale().levels().to_vec(),
            impact: m.impact_scale().levels().to_vec(),
            levels: m.levels().to_vec(),
            formula,
            combine,
            bands,
            cells,
            appetite: m.appetite().index(),
            factors: [f.not_started, f.planned, f.partial, f.implemented].map(number),
            weights: [
                w.preventive.likelihood,
                w.preventive.impact,
                w.detective.likelihood,
                w.detective.impact,
                w.corrective.likelihood,
                w.corrective.impact,
            ]
            .map(number),
            currency: m.currency().to_owned(),
        }
    }

    /// Keeps the cell table, the bands and the appetite in step with the
    /// number of scale levels and risk levels.
    fn reshape(&mut self) {
        let rows = self.likelihood.len();
        let columns = self.impact.len();
        let top = self.levels.len().saturating_sub(1) as u8;
        self.cells.resize_with(rows, Vec::new);
        for row in &mut self.cells {
            let last = row.last().copied().unwrap_or(0);
            row.resize(columns, last);
            for cell in row.iter_mut() {
                *cell = (*cell).min(top);
            }
        }
        if self.bands.len() != self.levels.len() {
            self.bands = even_bands(self.combine, rows as u8, columns as u8, self.levels.len());
        }
        self.appetite = self.appetite.min(top as usize);
    }

    fn build(&self) -> Result<Methodology, String> {
        let likelihood_scale = Scale::try_new(self.likelihood.clone())
            .map_err(|e| format!("Likelihood scale: {e}."))?;
        let impact_scale =
            Scale::try_new(self.impact.clone()).map_err(|e| format!("Impact scale: {e}."))?;
        let matrix = if self.formula {
            let bands = self
                .bands
                .iter()
                .enumerate()
                .map(|(i, text)| {
                    text.trim().parse::<u32>().map_err(|_| {
                        format!("The upper bound of level {} must be a whole number.", i + 1)
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            Matrix::Formula {
                combine: self.combine,
                band_upper_bounds: bands,
            }
        } else {
            Matrix::Table {
                cells: self.cells.clone(),
            }
        };
        let decimal = |text: &str, what: &str| {
            text.trim()
                .parse::<f64>()
                .map_err(|_| format!("{what} must be a number between 0 and 1."))
        };
        let f = &self.factors;
        let factors = ImplementationFactors {
            not_started: decimal(&f[0], "The factor for \u{201c}not started\u{201d}")?,
            planned: decimal(&f[1], "The factor for \u{201c}planned\u{201d}")?,
            partial: decimal(
                &f[2],
                "The factor for \u{201c}partially implemented\u{201d}",
            )?,
            implemented: decimal(&f[3], "The factor for \u{201c}implemented\u{201d}")?,
        };
        let w = &self.weights;
        let mut parsed = [0.0; 6];
        for (slot, (text, name)) in parsed.iter_mut().zip(w.iter().zip(WEIGHT_NAMES)) {
            *slot = decimal(text, &format!("The weight \u{201c}{name}\u{201d}"))?;
        }
        let axis = |l: f64, i: f64| AxisWeights {
            likelihood: l,
            impact: i,
        };
        let currency = self.currency.trim().to_uppercase();
        if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err("The currency must be a three-letter code such as EUR or USD.".into());
        }
        let appetite = risk_level(self.appetite)?;
        Methodology::try_new(MethodologyFields {
            name: self.name.trim().to_owned(),
            likelihood_scale,
            impact_scale,
            levels: self.levels.clone(),
            matrix,
            appetite,
            implementation_factors: factors,
            control_type_weights: ControlTypeWeights {
                preventive: axis(parsed[0], parsed[1]),
                detective: axis(parsed[2], parsed[3]),
                corrective: axis(parsed[4], parsed[5]),
            },
            currency,
        })
        .map_err(|e| {
            let text = e.to_string();
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
                None => text,
            }
        })
    }
}

/// The risk level at 0-based `index`; `Methodology::try_new` then checks it
/// against the draft's levels.
fn risk_level(index: usize) -> Result<RiskLevel, String> {
    RiskLevel::from_index(index).ok_or_else(|| {
        format!(
            "The appetite names level {} which does not exist.",
            index + 1
        )
    })
}

/// Band upper bounds that split the score range evenly into `levels` bands.
fn even_bands(combine: Combine, rows: u8, columns: u8, levels: usize) -> Vec<String> {
    let (low, high) = match combine {
        Combine::Product => (1, u32::from(rows) * u32::from(columns)),
        Combine::Sum => (2, u32::from(rows) + u32::from(columns)),
    };
    let levels = levels.max(1) as u32;
    let span = high.saturating_sub(low) + 1;
    (1..=levels)
        .map(|k| (low - 1 + (span * k).div_ceil(levels)).to_string())
        .collect()
}

/// Risk counts per level under one methodology.
#[derive(Debug, Clone, PartialEq)]
struct LevelCounts {
    name: String,
    colour: String,
    inherent: u32,
    current: u32,
    planned: u32,
    above_appetite: bool,
}

#[derive(Debug, Clone, PartialEq)]
struct Distribution {
    methodology: String,
    levels: Vec<LevelCounts>,
    above: [u32; 3],
    /// Inherent and current level name of every risk.
    per_risk: HashMap<String, (String, String)>,
}

fn distribution(workspace: &Workspace) -> Distribution {
    let analysis = analyze_with(
        workspace,
        &AnalysisOptions {
            today: crate::ui::today(),
        },
    );
    let m = &workspace.methodology;
    let d = &analysis.distributions;
    let levels = m
        .levels()
        .iter()
        .enumerate()
        .map(|(i, level)| LevelCounts {
            name: level.name.clone(),
            colour: level.colour.clone(),
            inherent: d.inherent.counts.get(i).copied().unwrap_or(0),
            current: d.current.counts.get(i).copied().unwrap_or(0),
            planned: d.planned.counts.get(i).copied().unwrap_or(0),
            above_appetite: i > m.appetite().index(),
        })
        .collect();
    let per_risk = analysis
        .risks
        .iter()
        .map(|r| {
            (
                r.risk.as_str().to_owned(),
                (
                    m.level_definition(r.inherent.level).name.clone(),
                    m.level_definition(r.current.rating.level).name.clone(),
                ),
            )
        })
        .collect();
    Distribution {
        methodology: m.name().to_owned(),
        levels,
        above: [
            d.inherent.above_appetite,
            d.current.above_appetite,
            d.planned.above_appetite,
        ],
        per_risk,
    }
}

#[component]
fn MethodologyContent() -> impl IntoView {
    let state = expect_context::<AppState>();
    let stored = Memo::new(move |_| read(state, |ws| ws.methodology.clone()).unwrap_or_default());
    let draft = RwSignal::new(Draft::from_methodology(&stored.get_untracked()));
    // The methodology the draft started from: a change another tab makes
    // meanwhile is merged on apply, never overwritten.
    let base = RwSignal::new(stored.get_untracked());
    let pending = RwSignal::new(None::<Pending<Methodology>>);
    let built = Memo::new(move |_| draft.with(Draft::build));
    let untouched = move || draft.with(|d| base.with(|b| *d == Draft::from_methodology(b)));
    state.track_unsaved("methodology", move || !untouched());
    // An untouched draft follows what is stored (another tab, an import).
    Effect::new(move |_| {
        let now = stored.get();
        if base.with_untracked(|b| *b != now) && untouched() {
            draft.set(Draft::from_methodology(&now));
            base.set(now);
        }
    });
    let store = move |methodology: Methodology| {
        let name = methodology.name().to_owned();
        base.set(methodology.clone());
        draft.set(Draft::from_methodology(&methodology));
        state.edit_then(
            move |ws| ws.set_methodology(methodology),
            move |saved| {
                if saved {
                    state
                        .notice
                        .set(Some(format!("Methodology \u{201c}{name}\u{201d} applied.")));
                }
            },
        );
    };
    let decided = move |decided: Pending<Methodology>| match reconcile(
        Some(&decided.stored),
        decided.object,
        Some(&stored.get_untracked()),
    ) {
        Reconciled::Write(methodology) => store(methodology),
        Reconciled::Ask(again) => pending.set(Some(again)),
        Reconciled::Unmergeable => state.error.set(Some(UNMERGEABLE.into())),
    };
    let changed = Memo::new(move |_| {
        built
            .with(|b| b.as_ref().ok().map(|m| *m != stored.get()))
            .unwrap_or(true)
    });
    let now = Memo::new(move |_| read(state, distribution));
    let after = Memo::new(move |_| {
        let Ok(methodology) = built.get() else {
            return None;
        };
        if !changed.get() {
            return None;
        }
        read(state, |ws| {
            let mut trial = ws.clone();
            trial.methodology = methodology;
            distribution(&trial)
        })
    });
    let moved = move || {
        let (Some(now), Some(after)) = (now.get(), after.get()) else {
            return 0;
        };
        now.per_risk
            .iter()
            .filter(|(id, levels)| after.per_risk.get(*id) != Some(levels))
            .count()
    };
    let apply = move |_| {
        if let Ok(methodology) = built.get_untracked() {
            let reconciled = base
                .with_untracked(|b| reconcile(Some(b), methodology, Some(&stored.get_untracked())));
            match reconciled {
                Reconciled::Write(methodology) => store(methodology),
                Reconciled::Ask(asked) => {
                    base.set(asked.stored.clone());
                    pending.set(Some(asked));
                }
                Reconciled::Unmergeable => state.error.set(Some(UNMERGEABLE.into())),
            }
        }
    };
    let cancel = move |_| {
        let now = stored.get_untracked();
        draft.set(Draft::from_methodology(&now));
        base.set(now);
        pending.set(None);
    };

    view! {
        <h1>"Methodology"</h1>
        <p class="lead">
            "The risk criteria this workspace scores with. Edit a draft, see how the register would move, then apply it. In use now: "
            <strong data-testid="current-methodology">{move || stored.get().name().to_owned()}</strong>
        </p>
        <PresetPicker draft=draft/>
        <section class="card" aria-labelledby="general-heading">
            <h2 id="general-heading">"Name and currency"</h2>
            <div class="form-grid">
                <TextField label="Name" id="m-name" value=Signal::derive(move || draft.with(|d| d.name.clone()))
                    set=move |v| draft.update(|d| d.name = v)/>
                <TextField label="Currency (ISO 4217)" id="m-currency" value=Signal::derive(move || draft.with(|d| d.currency.clone()))
                    set=move |v| draft.update(|d| d.currency = v)/>
            </div>
        </section>
        <ScaleEditor title="Likelihood scale" key="likelihood" draft=draft
            get=likelihood_of set=likelihood_mut/>
        <ScaleEditor title="Impact scale" key="impact" draft=draft
            get=impact_of set=impact_mut/>
        <LevelsEditor draft=draft/>
        <MatrixEditor draft=draft/>
        <FactorsEditor draft=draft/>
        <section class="card preview" aria-labelledby="preview-heading" data-testid="preview">
            <h2 id="preview-heading">"Preview and apply"</h2>
            <div role="alert" data-testid="methodology-error">
                {move || built.get().err().map(|e| view! { <p class="field-error methodology-error">{e}</p> })}
            </div>
            {move || {
                if built.with(Result::is_err) {
                    return view! { <p class="muted">"Fix the draft to see the preview."</p> }.into_any();
                }
                match (now.get(), after.get()) {
                    (Some(now), Some(after)) => view! {
                        <p data-testid="preview-moved">{format!("{} risks would change their inherent or current level.", moved())}</p>
                        <div class="preview-tables">
                            <DistributionTable caption="Now" testid="preview-now" data=now/>
                            <DistributionTable caption="With the draft" testid="preview-after" data=after/>
                        </div>
                    }
                    .into_any(),
                    (Some(now), None) => view! {
                        <p class="muted" data-testid="preview-unchanged">"The draft is the methodology in use; change something or pick a preset to preview."</p>
                        <div class="preview-tables">
                            <DistributionTable caption="Now" testid="preview-now" data=now/>
                        </div>
                    }
                    .into_any(),
                    _ => view! { <p class="muted">"No workspace open."</p> }.into_any(),
                }
            }}
            <MergeChoices pending=pending on_decided=decided/>
            <div class="button-row">
                <button type="button" class="primary" data-testid="apply-methodology"
                    disabled=move || built.with(Result::is_err) || !changed.get()
                    on:click=apply>"Apply to the workspace"</button>
                <button type="button" data-testid="cancel-methodology"
                    disabled=move || draft.get() == Draft::from_methodology(&stored.get())
                    on:click=cancel>"Cancel changes"</button>
            </div>
        </section>
    }
}

#[component]
fn DistributionTable(
    caption: &'static str,
    testid: &'static str,
    data: Distribution,
) -> impl IntoView {
    view! {
        <table class="distribution" data-testid=testid>
            <caption>{format!("{caption}: {}", data.methodology)}</caption>
            <thead>
                <tr>
                    <th scope="col">"Level"</th>
                    <th scope="col" class="number-cell">"Inherent"</th>
                    <th scope="col" class="number-cell">"Current"</th>
                    <th scope="col" class="number-cell">"Planned"</th>
                </tr>
            </thead>
            <tbody>
                {data.levels.into_iter().map(|l| {
                    let text = readable_text_colour(&l.colour);
                    view! {
                        <tr data-testid="level-row" data-level=l.name.clone()>
                            <th scope="row">
                                <span class="level-chip" style:background-color=l.colour.clone() style:color=text>{l.name.clone()}</span>
                                {l.above_appetite.then_some(" (above appetite)")}
                            </th>
                            <td class="number-cell">{l.inherent}</td>
                            <td class="number-cell">{l.current}</td>
                            <td class="number-cell">{l.planned}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
            <tfoot>
                <tr data-testid="above-row">
                    <th scope="row">"Above appetite"</th>
                    <td class="number-cell">{data.above[0]}</td>
                    <td class="number-cell">{data.above[1]}</td>
                    <td class="number-cell">{data.above[2]}</td>
                </tr>
            </tfoot>
        </table>
    }
}

#[component]
fn TextField(
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
fn PresetPicker(draft: RwSignal<Draft>) -> impl IntoView {
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

fn likelihood_of(d: &Draft) -> &Vec<ScaleLevel> {
    &d.likelihood
}
fn likelihood_mut(d: &mut Draft) -> &mut Vec<ScaleLevel> {
    &mut d.likelihood
}
fn impact_of(d: &Draft) -> &Vec<ScaleLevel> {
    &d.impact
}
fn impact_mut(d: &mut Draft) -> &mut Vec<ScaleLevel> {
    &mut d.impact
}

#[component]
fn ScaleEditor(
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
fn LevelsEditor(draft: RwSignal<Draft>) -> impl IntoView {
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
fn MatrixEditor(draft: RwSignal<Draft>) -> impl IntoView {
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
fn CellGrid(
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
fn FactorsEditor(draft: RwSignal<Draft>) -> impl IntoView {
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
