use super::readable_text_colour;
use engine::{Methodology, RiskLevel};
use leptos::prelude::*;

/// A risk level as a coloured label in the methodology's own colour, with a
/// text colour that stays readable on it.
#[component]
pub fn LevelBadge(
    /// The methodology the level belongs to.
    #[prop(into)]
    methodology: Signal<Methodology>,
    level: RiskLevel,
) -> impl IntoView {
    let definition = move || methodology.with(|m| m.level_definition(level).clone());
    view! {
        <span
            class="level-badge"
            style:background-color=move || definition().colour
            style:color=move || readable_text_colour(&definition().colour)
        >
            {move || definition().name}
        </span>
    }
}
