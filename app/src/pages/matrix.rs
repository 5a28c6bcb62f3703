use crate::components::RiskMatrix;
use engine::Preset;
use leptos::prelude::*;

/// The risk matrix of each shipped methodology preset, interactive.
#[component]
pub fn MatrixPage() -> impl IntoView {
    let preset = RwSignal::new(Preset::ALL[0]);
    let methodology = Signal::derive(move || preset.get().methodology());
    let likelihood = RwSignal::new(3u8);
    let impact = RwSignal::new(3u8);
    view! {
        <h1>"Risk matrix"</h1>
        <p class="lead">
            "How a likelihood and an impact combine into a risk level. "
            "The default is the 5x5 ISO 27005-style matrix; compare it with the other presets."
        </p>
        <div class="field">
            <label for="preset">"Methodology preset"</label>
            <select
                id="preset"
                data-testid="preset"
                on:change=move |event| {
                    let chosen = event_target_value(&event);
                    if let Some(found) = Preset::ALL.iter().find(|p| format!("{p:?}") == chosen) {
                        preset.set(*found);
                    }
                }
            >
                {Preset::ALL.iter().map(|p| view! {
                    <option value=format!("{p:?}") selected=move || preset.get() == *p>{p.title()}</option>
                }).collect_view()}
            </select>
        </div>
        <RiskMatrix methodology=methodology likelihood=likelihood impact=impact/>
        <section class="legend" aria-labelledby="levels-heading">
            <h2 id="levels-heading">"Risk levels"</h2>
            <ul>
                {move || {
                    let m = methodology.get();
                    let appetite = m.appetite().index();
                    m.levels().iter().enumerate().map(|(index, level)| {
                        let note = if index <= appetite { "may be accepted" } else { "needs treatment" };
                        view! {
                            <li>
                                <span class="legend-swatch" aria-hidden="true" style:background-color=level.colour.clone()></span>
                                {format!("{} — {note}", level.name)}
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
        </section>
    }
}
