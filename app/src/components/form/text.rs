//! Text bindings: where a text field reads its value and what typing does.

use leptos::prelude::*;

/// What a text field shows and what typing in it does. A `RwSignal<String>`
/// converts into one; [`TextBinding::new`] binds a part of a larger draft
/// (one signal holding a whole form, such as the methodology's).
#[derive(Clone, Copy)]
pub struct TextBinding {
    /// The text shown.
    pub value: Signal<String>,
    /// Called with the text after every keystroke.
    pub on_input: Callback<String>,
}

impl TextBinding {
    /// A binding that reads `value` and hands typed text to `on_input`.
    pub fn new(
        value: impl Fn() -> String + Send + Sync + 'static,
        on_input: impl Fn(String) + Send + Sync + 'static,
    ) -> Self {
        Self {
            value: Signal::derive(value),
            on_input: Callback::new(on_input),
        }
    }
}

impl From<RwSignal<String>> for TextBinding {
    fn from(value: RwSignal<String>) -> Self {
        Self {
            value: value.into(),
            on_input: Callback::new(move |text| value.set(text)),
        }
    }
}
