//! Choosing several objects from a list that may be long: a search box, the
//! chosen ones named above the list, and checkboxes for what matches.

use leptos::prelude::*;

/// More options than this and the list shows only the chosen ones until
/// the user types: a 40-row checkbox list is read by nobody.
const SHOWN_WITHOUT_SEARCH: usize = 12;

/// A searchable multiple choice, bound to the chosen keys.
///
/// Test ids: the list is `{id}`, the search box `{id}-filter`, the line
/// naming the chosen options `{id}-chosen`.
#[component]
pub fn MultiSelectField(
    #[prop(into)] id: String,
    /// The legend of the group.
    #[prop(into)]
    label: String,
    /// Every option as (key, text).
    options: Vec<(String, String)>,
    /// The chosen keys.
    chosen: RwSignal<Vec<String>>,
    /// Shown instead of the list when there is nothing to choose from.
    #[prop(optional, into)]
    empty: Option<String>,
    #[prop(optional, into)] error: MaybeProp<String>,
    #[prop(optional)] wide: bool,
) -> impl IntoView {
    if options.is_empty() {
        return view! {
            <fieldset class="form-field" class:wide=wide>
                <legend>{label}</legend>
                <p class="muted">{empty.unwrap_or_else(|| "Nothing to choose from yet.".into())}</p>
            </fieldset>
        }
        .into_any();
    }
    let filter = RwSignal::new(String::new());
    let long = options.len() > SHOWN_WITHOUT_SEARCH;
    let options = StoredValue::new(options);
    let shown = move || {
        let needle = filter.get().trim().to_lowercase();
        chosen.with(|chosen| {
            options.with_value(|all| {
                all.iter()
                    .filter(|(key, text)| {
                        let matches = if needle.is_empty() {
                            !long
                        } else {
                            text.to_lowercase().contains(&needle)
                                || key.to_lowercase().contains(&needle)
                        };
                        matches || chosen.contains(key)
                    })
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };
    let chosen_text = move || {
        chosen.with(|chosen| {
            if chosen.is_empty() {
                return "None chosen.".to_owned();
            }
            let names = options.with_value(|all| {
                chosen
                    .iter()
                    .map(|key| {
                        all.iter()
                            .find(|(k, _)| k == key)
                            .map_or_else(|| key.clone(), |(_, text)| text.clone())
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            format!("Chosen: {names}")
        })
    };
    let hint = move || {
        (long && filter.with(|f| f.trim().is_empty())).then(|| {
            format!(
                "Type to find one of {} options.",
                options.with_value(Vec::len)
            )
        })
    };
    let filter_id = format!("{id}-filter");
    let chosen_id = format!("{id}-chosen");
    let error_id = format!("{id}-error");
    let describedby = format!("{chosen_id} {error_id}");
    view! {
        <fieldset class="form-field multi-select" class:wide=wide aria-describedby=describedby>
            <legend>{label}</legend>
            <label class="stacked">
                <span class="visually-hidden">"Search the options"</span>
                <input
                    type="search"
                    placeholder="Search…"
                    data-testid=filter_id.clone()
                    id=filter_id
                    prop:value=move || filter.get()
                    on:input=move |event| filter.set(event_target_value(&event))
                />
            </label>
            <p class="chosen-list muted" id=chosen_id.clone() data-testid=chosen_id>{chosen_text}</p>
            <p class="muted">{hint}</p>
            <div class="check-list" data-testid=id>
                {move || shown().into_iter().map(|(key, text)| {
                    let checked_key = key.clone();
                    view! {
                        <label class="checkbox">
                            <input
                                type="checkbox"
                                prop:checked=move || chosen.with(|c| c.contains(&checked_key))
                                on:change=move |event| {
                                    let on = event_target_checked(&event);
                                    let key = key.clone();
                                    chosen.update(|c| {
                                        c.retain(|k| k != &key);
                                        if on {
                                            c.push(key);
                                        }
                                    });
                                }
                            />
                            {text}
                        </label>
                    }
                }).collect_view()}
            </div>
            <p class="field-error" id=error_id role="alert">{move || error.get()}</p>
        </fieldset>
    }
    .into_any()
}
