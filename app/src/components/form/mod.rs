//! The form kit: every field of every form is one of these components, so a
//! label, its input, the description, the error and the aria wiring between
//! them are written once, here.
//!
//! The wiring, for a field with id `x`:
//! - `<label for="x">` names the input;
//! - the description (if any) is `#x-description` and the error `#x-error`
//!   (a live region, announced when it appears); the input lists both in
//!   `aria-describedby` and says `aria-invalid` while there is an error.
//!
//! Values are bound as `RwSignal<String>` (what the user typed, parsed by
//! the form on save, so a half-typed number is never lost), or through a
//! [`TextBinding`] to a part of a larger draft; selects are bound
//! through a [`Binding`] that converts between the option keys and the
//! form's own type. Field problems of a whole form live in one
//! [`FieldErrors`]; [`FieldErrors::of`] gives one field's message.
//!
//! Drafts and the unsaved-changes model (`AppState::track_unsaved`) belong to
//! the forms; [`UnsavedMark`] shows the mark they all share.

mod choice;
mod multi;
mod text;

pub use choice::{choice, choice_of, id_choice, Binding, Choice};
pub use multi::MultiSelectField;
pub use text::TextBinding;

use leptos::prelude::*;

/// The problems of one form, one message per field key, in the order found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<(&'static str, String)>);

impl FieldErrors {
    /// Records `message` for `field` (the first message of a field wins).
    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        if self.get(field).is_none() {
            self.0.push((field, message.into()));
        }
    }

    /// Forgets `field`'s message (when the user edits that field).
    pub fn remove(&mut self, field: &str) {
        self.0.retain(|(key, _)| *key != field);
    }

    /// The message for `field`, if it has one.
    pub fn get(&self, field: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(key, _)| *key == field)
            .map(|(_, message)| message.clone())
    }

    /// How many fields have a problem.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no field has a problem.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The field keys with a problem, in the order found.
    pub fn fields(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.iter().map(|(key, _)| *key)
    }

    /// Every message, in the order found.
    pub fn messages(&self) -> impl Iterator<Item = &str> + '_ {
        self.0.iter().map(|(_, message)| message.as_str())
    }

    /// A form with one problem: `message` for `field`.
    pub fn one(field: &'static str, message: impl Into<String>) -> Self {
        let mut errors = Self::default();
        errors.add(field, message);
        errors
    }

    /// A signal of `field`'s message, for a field component's `error`.
    pub fn of(
        errors: impl Into<Signal<FieldErrors>>,
        field: &'static str,
    ) -> Signal<Option<String>> {
        let errors = errors.into();
        Signal::derive(move || errors.with(|e| e.get(field)))
    }
}

/// The ids a field's input refers to in `aria-describedby`.
fn described_by(id: &str, has_description: bool) -> String {
    if has_description {
        format!("{id}-description {id}-error")
    } else {
        format!("{id}-error")
    }
}

/// The frame every field shares: label, the control (`children`), the
/// description and the error line. Use it directly only for a control the
/// kit has no component for.
#[component]
pub fn FormField(
    /// The control's id (the label points at it).
    #[prop(into)]
    id: String,
    /// The label's words; a closure makes them follow a signal.
    #[prop(into)]
    label: TextProp,
    /// One line under the control, read by screen readers with it.
    #[prop(optional_no_strip)]
    description: Option<Signal<String>>,
    /// The field's problem, shown under it.
    #[prop(optional, into)]
    error: MaybeProp<String>,
    /// A test id for the error line.
    #[prop(optional_no_strip)]
    error_testid: Option<&'static str>,
    /// Spans the whole width of a `form-grid`.
    #[prop(optional)]
    wide: bool,
    /// The label is read by screen readers only (in a table whose headers
    /// already say what the column is).
    #[prop(optional)]
    label_hidden: bool,
    children: Children,
) -> impl IntoView {
    let description_id = format!("{id}-description");
    let error_id = format!("{id}-error");
    view! {
        <div class="form-field" class:wide=wide>
            <label for=id class:visually-hidden=label_hidden>{move || label.get().to_string()}</label>
            {children()}
            {description.map(|text| view! { <p class="field-description muted" id=description_id>{text}</p> })}
            <p class="field-error" id=error_id data-testid=error_testid role="alert">{move || error.get()}</p>
        </div>
    }
}

/// The error line of field `id` (`#{id}-error`), announced when it appears.
/// Fields of the kit have one; a hand-made group of controls uses it too.
#[component]
pub fn ErrorLine(
    #[prop(into)] id: String,
    #[prop(into)] error: MaybeProp<String>,
) -> impl IntoView {
    view! { <p class="field-error" id=format!("{id}-error") role="alert">{move || error.get()}</p> }
}

/// A checkbox with its label beside it.
#[component]
pub fn CheckboxField(
    #[prop(into)] label: String,
    checked: RwSignal<bool>,
    #[prop(optional, into)] testid: Option<String>,
) -> impl IntoView {
    view! {
        <label class="checkbox">
            <input
                type="checkbox"
                data-testid=testid
                prop:checked=move || checked.get()
                on:change=move |event| checked.set(event_target_checked(&event))
            />
            {label}
        </label>
    }
}

/// A one-line text input (also `email`, `search`, `url`, `color` through
/// `kind`).
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    #[prop(into)] label: TextProp,
    #[prop(into)] value: TextBinding,
    #[prop(optional, into)] error: MaybeProp<String>,
    #[prop(optional)] error_testid: Option<&'static str>,
    #[prop(optional, into)] description: Option<Signal<String>>,
    #[prop(optional, into)] placeholder: Option<String>,
    /// The input type; `text` when not given.
    #[prop(optional)]
    kind: Option<&'static str>,
    /// The keyboard a touch screen offers (`numeric`, `decimal`); the
    /// value stays text, so the form's own parsing and messages apply.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    #[prop(optional)] maxlength: Option<u32>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
    #[prop(optional, into)] testid: Option<String>,
    #[prop(optional)] autofocus: bool,
    #[prop(optional)] wide: bool,
    #[prop(optional)] required: bool,
    #[prop(optional)] label_hidden: bool,
) -> impl IntoView {
    input_field(InputSpec {
        id,
        label,
        value,
        error,
        error_testid,
        description,
        placeholder,
        kind: kind.unwrap_or("text"),
        inputmode,
        maxlength,
        autocomplete,
        list,
        testid,
        autofocus,
        wide,
        required,
        label_hidden,
        range: None,
        pattern: None,
    })
}

/// A number typed as text (so "1." or "" survive while typing) with the
/// browser's spinner and range hints; the form parses it on save.
#[component]
pub fn NumberField(
    #[prop(into)] id: String,
    #[prop(into)] label: TextProp,
    #[prop(into)] value: TextBinding,
    #[prop(optional, into)] error: MaybeProp<String>,
    #[prop(optional)] error_testid: Option<&'static str>,
    #[prop(optional, into)] description: Option<Signal<String>>,
    #[prop(optional, into)] placeholder: Option<String>,
    #[prop(optional)] min: Option<&'static str>,
    #[prop(optional)] max: Option<&'static str>,
    #[prop(optional)] step: Option<&'static str>,
    #[prop(optional, into)] testid: Option<String>,
    #[prop(optional)] autofocus: bool,
    #[prop(optional)] wide: bool,
) -> impl IntoView {
    input_field(InputSpec {
        id,
        label,
        value,
        error,
        error_testid,
        description,
        placeholder,
        kind: "number",
        inputmode: None,
        maxlength: None,
        autocomplete: None,
        list: None,
        testid,
        autofocus,
        wide,
        required: false,
        label_hidden: false,
        range: Some((min, max, step.or(Some("any")))),
        pattern: None,
    })
}

/// A calendar date, typed and shown as an ISO date (YYYY-MM-DD) like every
/// date the app prints, whatever the browser's locale.
#[component]
pub fn DateField(
    #[prop(into)] id: String,
    #[prop(into)] label: TextProp,
    #[prop(into)] value: TextBinding,
    #[prop(optional, into)] error: MaybeProp<String>,
    #[prop(optional)] error_testid: Option<&'static str>,
    #[prop(optional, into)] description: Option<Signal<String>>,
    #[prop(optional, into)] testid: Option<String>,
    #[prop(optional)] wide: bool,
) -> impl IntoView {
    input_field(InputSpec {
        id,
        label,
        value,
        error,
        error_testid,
        description: Some(
            description
                .unwrap_or_else(|| Signal::stored("Year-month-day, e.g. 2026-12-31.".into())),
        ),
        placeholder: Some("YYYY-MM-DD".into()),
        kind: "text",
        inputmode: None,
        maxlength: None,
        autocomplete: Some("off"),
        list: None,
        testid,
        autofocus: false,
        wide,
        required: false,
        label_hidden: false,
        range: None,
        pattern: Some(r"\d{4}-\d{2}-\d{2}"),
    })
}

/// Several lines of text.
#[component]
pub fn TextAreaField(
    #[prop(into)] id: String,
    #[prop(into)] label: TextProp,
    #[prop(into)] value: TextBinding,
    #[prop(optional, into)] error: MaybeProp<String>,
    #[prop(optional)] error_testid: Option<&'static str>,
    #[prop(optional, into)] description: Option<Signal<String>>,
    #[prop(optional, into)] placeholder: Option<String>,
    /// Visible lines; 3 when not given.
    #[prop(optional)]
    rows: Option<u32>,
    #[prop(optional, into)] testid: Option<String>,
    #[prop(optional)] wide: bool,
    /// For a form that moves the focus here (to a field it refused).
    #[prop(optional)]
    node_ref: Option<NodeRef<leptos::html::Textarea>>,
) -> impl IntoView {
    let describedby = described_by(&id, description.is_some());
    let invalid = move || error.get().is_some().to_string();
    let node_ref = node_ref.unwrap_or_default();
    let TextBinding { value, on_input } = value;
    view! {
        <FormField id=id.clone() label=label description=description error=error error_testid=error_testid wide=wide>
            <textarea
                id=id.clone()
                rows=rows.unwrap_or(3)
                placeholder=placeholder.clone()
                data-testid=testid
                node_ref=node_ref
                aria-invalid=invalid
                aria-describedby=describedby.clone()
                prop:value=move || value.get()
                on:input=move |event| on_input.run(event_target_value(&event))
            ></textarea>
        </FormField>
    }
}

/// A drop-down choice. `bind` holds the options and converts the chosen
/// key to the form's value: [`choice`] for an engine enumeration,
/// [`id_choice`] for an object picked by id (with a "none" option).
#[component]
pub fn SelectField(
    #[prop(into)] id: String,
    #[prop(into)] label: TextProp,
    bind: Binding,
    #[prop(optional, into)] error: MaybeProp<String>,
    #[prop(optional)] error_testid: Option<&'static str>,
    #[prop(optional, into)] description: Option<Signal<String>>,
    #[prop(optional, into)] testid: Option<String>,
    #[prop(optional)] wide: bool,
    /// The id of something else that describes the choice (such as a
    /// suggestion among `children`).
    #[prop(optional)]
    also_described_by: Option<&'static str>,
    /// Shown right below the select.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let mut describedby = described_by(&id, description.is_some());
    if let Some(other) = also_described_by {
        describedby = format!("{other} {describedby}");
    }
    let invalid = move || error.get().is_some().to_string();
    let Binding {
        options,
        selected,
        on_change,
    } = bind;
    view! {
        <FormField id=id.clone() label=label description=description error=error error_testid=error_testid wide=wide>
            <select
                id=id.clone()
                data-testid=testid
                aria-invalid=invalid
                aria-describedby=describedby.clone()
                on:change=move |event| on_change.run(event_target_value(&event))
            >
                {options.into_iter().map(|(key, text)| {
                    let chosen = key.clone();
                    view! { <option value=key selected=move || selected.with(|s| *s == chosen)>{text}</option> }
                }).collect_view()}
            </select>
            {children.map(|children| children())}
        </FormField>
    }
}

/// "● Unsaved changes" while `dirty` says so, announced politely.
#[component]
pub fn UnsavedMark(
    #[prop(into)] dirty: Signal<bool>,
    #[prop(optional, into)] testid: Option<String>,
) -> impl IntoView {
    view! {
        <p class="unsaved-mark" data-testid=testid aria-live="polite">
            {move || dirty.get().then_some("● Unsaved changes")}
        </p>
    }
}

/// What the input-based fields have in common.
struct InputSpec {
    id: String,
    label: TextProp,
    value: TextBinding,
    error: MaybeProp<String>,
    error_testid: Option<&'static str>,
    description: Option<Signal<String>>,
    placeholder: Option<String>,
    kind: &'static str,
    inputmode: Option<&'static str>,
    maxlength: Option<u32>,
    autocomplete: Option<&'static str>,
    list: Option<&'static str>,
    testid: Option<String>,
    autofocus: bool,
    wide: bool,
    required: bool,
    label_hidden: bool,
    range: Option<(
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
    )>,
    pattern: Option<&'static str>,
}

/// One body for text, number and date fields, so they share one copy of
/// the view code in the wasm.
fn input_field(spec: InputSpec) -> AnyView {
    let InputSpec {
        id,
        label,
        value,
        error,
        error_testid,
        description,
        placeholder,
        kind,
        inputmode,
        maxlength,
        autocomplete,
        list,
        testid,
        autofocus,
        wide,
        required,
        label_hidden,
        range,
        pattern,
    } = spec;
    let describedby = described_by(&id, description.is_some());
    let invalid = move || error.get().is_some().to_string();
    let (min, max, step) = range.unwrap_or_default();
    let TextBinding { value, on_input } = value;
    view! {
        <FormField id=id.clone() label=label description=description error=error
            error_testid=error_testid wide=wide label_hidden=label_hidden>
            <input
                id=id.clone()
                type=kind
                inputmode=inputmode
                maxlength=maxlength
                autocomplete=autocomplete
                list=list
                min=min
                max=max
                step=step
                pattern=pattern
                placeholder=placeholder.clone()
                autofocus=autofocus
                required=required
                data-testid=testid
                aria-invalid=invalid
                aria-describedby=describedby.clone()
                prop:value=move || value.get()
                on:input=move |event| on_input.run(event_target_value(&event))
            />
        </FormField>
    }
    .into_any()
}
