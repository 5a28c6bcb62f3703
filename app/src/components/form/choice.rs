//! Select bindings: the options a select shows and how a chosen key
//! becomes the form's value.

use leptos::prelude::*;

/// An enumeration a select can offer: its keys come from the engine's key
/// table, its words from `ui::labels`.
pub trait Choice: Copy + PartialEq + Send + Sync + 'static {
    /// Every value, in the order the select lists them.
    fn all() -> Vec<Self>;
    /// The value's key (the engine's `name()`).
    fn key(self) -> &'static str;
    /// The value with this key.
    fn from_key(key: &str) -> Option<Self>;
    /// The words the interface shows for it.
    fn label(self) -> &'static str;
}

/// What a [`SelectField`](super::SelectField) shows and does: its options
/// as (key, text), the chosen key, and what choosing a key does.
pub struct Binding {
    /// Every option as (key, text), in order.
    pub options: Vec<(String, String)>,
    /// The key currently chosen.
    pub selected: Signal<String>,
    /// Called with the key the user chose.
    pub on_change: Callback<String>,
}

impl Binding {
    /// The same binding, also running `after` once the user has chosen
    /// (to drop a message the old choice earned, say).
    pub fn and_then(self, after: impl Fn() + Send + Sync + 'static) -> Self {
        let on_change = self.on_change;
        Self {
            on_change: Callback::new(move |key| {
                on_change.run(key);
                after();
            }),
            ..self
        }
    }
}

/// Binds a select to an enumeration value.
pub fn choice<T: Choice>(value: RwSignal<T>) -> Binding {
    choice_of(value, T::all())
}

/// Binds a select to an enumeration value, offering only `values`.
pub fn choice_of<T: Choice>(value: RwSignal<T>, values: Vec<T>) -> Binding {
    Binding {
        options: values
            .into_iter()
            .map(|v| (v.key().to_owned(), v.label().to_owned()))
            .collect(),
        selected: Signal::derive(move || value.get().key().to_owned()),
        on_change: Callback::new(move |key: String| {
            if let Some(chosen) = T::from_key(&key) {
                value.set(chosen);
            }
        }),
    }
}

/// Binds a select to an object id held as text (empty for none). With
/// `none`, the first option is that text for "no object".
pub fn id_choice(
    value: RwSignal<String>,
    none: Option<&str>,
    options: Vec<(String, String)>,
) -> Binding {
    let mut all = Vec::with_capacity(options.len() + 1);
    if let Some(none) = none {
        all.push((String::new(), none.to_owned()));
    }
    all.extend(options);
    Binding {
        options: all,
        selected: value.into(),
        on_change: Callback::new(move |key: String| value.set(key)),
    }
}
