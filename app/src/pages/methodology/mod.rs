//! The methodology editor: scales, matrix, risk levels and appetite,
//! implementation factors, control-type weights and currency. Changes go to
//! a draft first; the register is analysed under the draft to preview how
//! the levels would move, and only "Apply" changes the workspace.

mod draft;
mod editors;

use self::draft::*;
use self::editors::*;
use crate::components::{readable_text_colour, save_merged, MergeChoices, Pending};
use crate::components::{FieldErrors, TextField};
use crate::state::AppState;
use crate::ui::workbench::read;
use engine::{analyze_with, AnalysisOptions, Combine, Methodology, RiskLevel, Workspace};
use leptos::prelude::*;
use std::collections::HashMap;

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

/// The methodology editor of the open workspace (the app shows the page
/// once its workspace is open).
#[component]
pub fn MethodologyPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let stored = Memo::new(move |_| read(state, |ws| ws.methodology.clone()).unwrap_or_default());
    let draft = RwSignal::new(Draft::from_methodology(&stored.get_untracked()));
    // The methodology the draft started from: a change another tab makes
    // meanwhile is merged on apply, never overwritten.
    let base = RwSignal::new(stored.get_untracked());
    let pending = RwSignal::new(None::<Pending<Methodology>>);
    let built = Memo::new(move |_| draft.with(Draft::build));
    let errors = Memo::new(move |_| built.with(|b| b.as_ref().err().cloned().unwrap_or_default()));
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
    let decided = move |decided: Pending<Methodology>| {
        let now = stored.get_untracked();
        let from = decided.stored;
        if let Some(asked) = save_merged(
            state,
            Some(&from),
            decided.object,
            Some(&now),
            pending,
            store,
        ) {
            base.set(asked);
        }
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
            let (from, now) = (base.get_untracked(), stored.get_untracked());
            if let Some(asked) =
                save_merged(state, Some(&from), methodology, Some(&now), pending, store)
            {
                base.set(asked);
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
                <TextField label="Name" id="m-name"
                    value=draft_text(draft, |d| d.name.clone(), |d, v| d.name = v)/>
                <TextField label="Currency (ISO 4217)" id="m-currency"
                    value=draft_text(draft, |d| d.currency.clone(), |d, v| d.currency = v)
                    error=FieldErrors::of(errors, "currency")/>
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
            // Every problem of the draft, also those of sections without a
            // field of their own: why "Apply" is disabled, next to it.
            <div role="alert" data-testid="methodology-error">
                {move || errors.with(|e| e.messages().map(|m| view! { <p class="field-error methodology-error">{m.to_owned()}</p> }).collect_view())}
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
