//! The asset register: every asset with its owner and C/I/A valuation;
//! sort, filter, search, create, edit and delete.

use crate::components::scale_option;
use crate::components::{choice, Binding, FieldErrors, OwnerField, SelectField, TextAreaField};
use crate::components::{save_merged, ConfirmDialog, MergeChoices, Pending};
use crate::components::{BulkEdit, RegisterTable, RowAction, TableColumn, TableRow};
use crate::components::{TextField, UnsavedMark};
use crate::state::AppState;
use crate::ui::labels::asset_kind;
use engine::{Asset, AssetId, AssetKind, OwnedRegister, PersonId, Valuation, Workspace};
use leptos::prelude::*;

const COLUMNS: [TableColumn; 9] = [
    TableColumn::text("id", "Id"),
    TableColumn::text("name", "Name"),
    TableColumn::text("kind", "Kind"),
    TableColumn::text("owner", "Owner"),
    TableColumn::text("classification", "Classification"),
    TableColumn::number("c", "C"),
    TableColumn::number("i", "I"),
    TableColumn::number("a", "A"),
    TableColumn::number("risks", "Risks"),
];

/// What the form edits: a new asset or an existing one.
#[derive(Debug, Clone, PartialEq)]
enum Editing {
    New,
    Existing(String),
}

/// The register's rows by id, each with its kind and a lower-case haystack
/// (id, name, owner, classification, description) for the search.
fn rows_of(workspace: &Workspace) -> Vec<(TableRow, AssetKind, String)> {
    workspace
        .assets
        .iter()
        .map(|asset| {
            let owner = workspace
                .person_name(asset.owner.as_ref())
                .unwrap_or_default()
                .to_owned();
            let risks = workspace
                .risks
                .iter()
                .filter(|r| r.assets.contains(&asset.id))
                .count();
            let haystack = format!(
                "{} {} {} {} {}",
                asset.id, asset.name, owner, asset.classification, asset.description
            )
            .to_lowercase();
            let v = &asset.valuation;
            let cells = vec![
                asset.id.to_string(),
                asset.name.clone(),
                asset_kind(asset.kind).to_owned(),
                owner,
                asset.classification.clone(),
                v.confidentiality.get().to_string(),
                v.integrity.get().to_string(),
                v.availability.get().to_string(),
                risks.to_string(),
            ];
            let row = TableRow {
                id: asset.id.to_string(),
                name: asset.name.clone(),
                cells,
                flag: None,
            };
            (row, asset.kind, haystack)
        })
        .collect()
}

/// The asset register (shown once workspace `id` is open), with asset `focus`'s form open when
/// given (findings link there).
#[component]
pub fn AssetsPage(focus: Option<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = Memo::new(move |_| {
        state.open.with(|o| {
            o.as_ref()
                .map(|o| rows_of(&o.workspace))
                .unwrap_or_default()
        })
    });
    let search = RwSignal::new(String::new());
    let kind = RwSignal::new(None::<AssetKind>);
    let known = |id: &String| {
        state.open.with_untracked(|o| {
            o.as_ref()
                .is_some_and(|o| o.workspace.assets.iter().any(|a| a.id.as_str() == id))
        })
    };
    let editing = RwSignal::new(focus.filter(known).map(Editing::Existing));
    let deleting = RwSignal::new(None::<String>);

    let shown = Memo::new(move |_| {
        let needle = search.get().trim().to_lowercase();
        let kind = kind.get();
        rows.with(|rows| {
            rows.iter()
                .filter(|(_, k, _)| kind.is_none_or(|kind| *k == kind))
                .filter(|(_, _, haystack)| needle.is_empty() || haystack.contains(&needle))
                .map(|(row, _, _)| row.clone())
                .collect::<Vec<_>>()
        })
    });
    let edit = Callback::new(move |id: String| editing.set(Some(Editing::Existing(id))));
    let actions = vec![
        RowAction::new("Edit", edit),
        RowAction::danger(
            "Delete",
            Callback::new(move |id: String| deleting.set(Some(id))),
        ),
    ];
    let bulk = vec![BulkEdit::owner(state, OwnedRegister::Assets, "assets")];
    let workspace_id = move || state.open_id.get().unwrap_or_default();
    // Only emptiness rebuilds the table below, so its sort, selection and
    // focus survive edits and searches.
    let empty = Memo::new(move |_| rows.with(Vec::is_empty));

    view! {
        <h1>"Asset register"</h1>
        <p class="lead">
            "The information, systems, services, people, sites and suppliers the ISMS protects, each valued for confidentiality, integrity and availability on the impact scale."
        </p>
        <div class="register-toolbar">
            <label>
                "Search "
                <input
                    type="search"
                    data-testid="asset-search"
                    placeholder="Id, name, owner…"
                    prop:value=move || search.get()
                    on:input=move |event| search.set(event_target_value(&event))
                />
            </label>
            <label>
                "Kind "
                <select
                    data-testid="asset-kind-filter"
                    on:change=move |event| kind.set(AssetKind::from_name(&event_target_value(&event)))
                >
                    <option value="" selected=move || kind.get().is_none()>"All kinds"</option>
                    {AssetKind::ALL.into_iter().map(|k| view! {
                        <option value=AssetKind::name(k) selected=move || kind.get() == Some(k)>{asset_kind(k)}</option>
                    }).collect_view()}
                </select>
            </label>
            <span class="muted" role="status" data-testid="asset-count">
                {move || format!("{} of {} assets", shown.with(Vec::len), rows.with(Vec::len))}
            </span>
            <button
                type="button"
                class="primary"
                data-testid="new-asset"
                on:click=move |_| editing.set(Some(Editing::New))
            >
                "New asset"
            </button>
        </div>
        {move || editing.get().map(|target| view! {
            <AssetForm target=target on_done=move || editing.set(None)/>
        })}
        {move || (shown.with(Vec::is_empty) && !empty.get()).then(|| view! {
            <p class="empty-state">"No asset matches the search and filter."</p>
        })}
        {move || {
            if empty.get() {
                return view! {
                    <div class="empty-state" data-testid="assets-empty">
                        <p>"No assets yet."</p>
                        <p class="muted">"Start with the information and systems that matter most; risks are written against assets."</p>
                    </div>
                }
                .into_any();
            }
            view! {
                <RegisterTable register="assets" caption="Assets" columns=COLUMNS.to_vec()
                    rows=shown testid="asset-table" row_testid="asset-row" on_open=edit
                    actions=actions.clone() bulk=bulk.clone()/>
            }.into_any()
        }}
        {move || deleting.get().map(|asset_id| {
            let (name, used_by) = state.open.with_untracked(|o| {
                o.as_ref().map(|o| {
                    let ws = &o.workspace;
                    let name = ws.assets.iter().find(|a| a.id.as_str() == asset_id).map(|a| a.name.clone()).unwrap_or_default();
                    let count = ws.risks.iter().filter(|r| r.assets.iter().any(|a| a.as_str() == asset_id)).count();
                    (name, count)
                })
            }).unwrap_or_default();
            let message = if used_by == 0 {
                format!("{name} ({asset_id}) is not used by any risk. Deleting it cannot be undone (except from a snapshot).")
            } else {
                format!(
                    "{used_by} {} to {name} ({asset_id}). Deleting the asset removes it from {}; their other assets stay. Cancel to keep the asset.",
                    if used_by == 1 { "risk refers" } else { "risks refer" },
                    if used_by == 1 { "that risk" } else { "those risks" },
                )
            };
            let confirm_label = if used_by == 0 {
                "Delete asset".to_owned()
            } else {
                format!("Delete and remove from {used_by} {}", if used_by == 1 { "risk" } else { "risks" })
            };
            let target = asset_id.clone();
            view! {
                <ConfirmDialog
                    title=format!("Delete asset {name}?")
                    message=message
                    confirm_label=confirm_label
                    on_confirm=move || {
                        let target = target.clone();
                        state.edit(move |ws| {
                            if let Ok(id) = AssetId::try_new(target) {
                                ws.remove_asset(&id);
                            }
                        });
                        if editing.get_untracked() == Some(Editing::Existing(asset_id.clone())) {
                            editing.set(None);
                        }
                        deleting.set(None);
                        state.notice.set(Some(format!("Asset {name} deleted.")));
                    }
                    on_cancel=move || deleting.set(None)
                />
            }
        })}
        <p class="muted"><a href=move || crate::routes::Route::Risks(workspace_id()).href()>"Go to the risk register"</a></p>
    }
}

#[component]
fn AssetForm(target: Editing, on_done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let state = expect_context::<AppState>();
    let existing: Option<Asset> = match &target {
        Editing::Existing(id) => state.open.with_untracked(|o| {
            o.as_ref().and_then(|o| {
                o.workspace
                    .assets
                    .iter()
                    .find(|a| a.id.as_str() == id)
                    .cloned()
            })
        }),
        Editing::New => None,
    };
    let scale: Vec<(usize, String)> = state.open.with_untracked(|o| {
        o.as_ref()
            .map(|o| {
                o.workspace
                    .methodology
                    .impact_scale()
                    .levels()
                    .iter()
                    .enumerate()
                    .map(|(i, l)| (i + 1, scale_option(i + 1, &l.label)))
                    .collect()
            })
            .unwrap_or_default()
    });
    let name = RwSignal::new(
        existing
            .as_ref()
            .map(|a| a.name.clone())
            .unwrap_or_default(),
    );
    let kind = RwSignal::new(existing.as_ref().map_or(AssetKind::Information, |a| a.kind));
    let owner = RwSignal::new(
        existing
            .as_ref()
            .and_then(|a| a.owner.as_ref())
            .map(|o| o.to_string())
            .unwrap_or_default(),
    );
    let description = RwSignal::new(
        existing
            .as_ref()
            .map(|a| a.description.clone())
            .unwrap_or_default(),
    );
    let classification = RwSignal::new(
        existing
            .as_ref()
            .map(|a| a.classification.clone())
            .unwrap_or_default(),
    );
    let start = existing.as_ref().map(|a| {
        [
            a.valuation.confidentiality.get(),
            a.valuation.integrity.get(),
            a.valuation.availability.get(),
        ]
    });
    let middle = scale.len().div_ceil(2).max(1) as u8;
    let valuation = RwSignal::new(start.unwrap_or([middle; 3]));
    let errors = RwSignal::new(FieldErrors::default());
    let existing_id = existing.as_ref().map(|a| a.id.clone());
    // The asset as it was when the form opened (later: as last stored), so
    // a save merges with another tab's changes instead of overwriting them.
    let base = StoredValue::new(existing.clone());
    let pending = RwSignal::new(None::<Pending<Asset>>);
    let initial = (
        name.get_untracked(),
        kind.get_untracked(),
        owner.get_untracked(),
        description.get_untracked(),
        classification.get_untracked(),
        valuation.get_untracked(),
    );
    let dirty = Signal::derive(move || {
        (
            name.get(),
            kind.get(),
            owner.get(),
            description.get(),
            classification.get(),
            valuation.get(),
        ) != initial
    });
    state.track_unsaved("asset-form", move || dirty.get());
    // Stores `asset`: its id exists already, or a new one is numbered.
    let store = move |asset: Asset, is_new: bool| {
        let label = asset.name.clone();
        state.edit_then(
            move |ws| {
                let mut asset = asset;
                if is_new {
                    asset.id = ws.next_asset_id();
                }
                ws.upsert_asset(asset);
            },
            move |stored| {
                if stored {
                    state.notice.set(Some(format!("Asset {label} saved.")));
                }
            },
        );
        state.unsaved_forms.update(|forms| {
            forms.remove("asset-form");
        });
        on_done();
    };
    let current_asset = move |id: &AssetId| {
        state.open.with_untracked(|o| {
            o.as_ref()
                .and_then(|o| o.workspace.assets.iter().find(|a| &a.id == id).cloned())
        })
    };
    // Stores a merged asset once every conflict is decided (merging again
    // if it changed once more meanwhile).
    let decided = move |decided: Pending<Asset>| {
        let current = current_asset(&decided.object.id);
        let from = decided.stored;
        if let Some(asked) = save_merged(
            state,
            Some(&from),
            decided.object,
            current.as_ref(),
            pending,
            |a| store(a, false),
        ) {
            base.set_value(Some(asked));
        }
    };
    let heading = match &existing {
        Some(a) => format!("Edit asset {} ({})", a.name, a.id),
        None => "New asset".to_owned(),
    };

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let trimmed = name.get_untracked().trim().to_owned();
        let mut problems = FieldErrors::default();
        let (duplicate, methodology) = state
            .open
            .with_untracked(|o| {
                o.as_ref().map(|o| {
                    (
                        o.workspace.assets.iter().any(|a| {
                            a.name.eq_ignore_ascii_case(&trimmed)
                                && Some(&a.id) != existing_id.as_ref()
                        }),
                        o.workspace.methodology.clone(),
                    )
                })
            })
            .unwrap_or_default();
        if trimmed.is_empty() {
            problems.add("name", "Give the asset a name.");
        } else if duplicate {
            problems.add("name", "Another asset already has this name.");
        }
        let [c, i, a] = valuation.get_untracked();
        let valued = (
            methodology.impact(c),
            methodology.impact(i),
            methodology.impact(a),
        );
        let (Some(c), Some(i), Some(a)) = valued else {
            problems.add(
                "valuation",
                "Choose a value on the impact scale for each property.",
            );
            errors.set(problems);
            return;
        };
        if !problems.is_empty() {
            errors.set(problems);
            return;
        }
        errors.set(FieldErrors::default());
        let owner = PersonId::try_new(owner.get_untracked()).ok();
        let description = description.get_untracked().trim().to_owned();
        let classification = classification.get_untracked().trim().to_owned();
        let kind = kind.get_untracked();
        let existing_id = existing_id.clone();
        let valuation = Valuation {
            confidentiality: c,
            integrity: i,
            availability: a,
        };
        let is_new = existing_id.is_none();
        let draft = Asset {
            id: existing_id
                .unwrap_or_else(|| AssetId::try_new("A-NEW").expect("a valid placeholder id")),
            name: trimmed,
            kind,
            owner,
            description,
            valuation,
            classification,
        };
        if is_new {
            store(draft, true);
            return;
        }
        let current = current_asset(&draft.id);
        let before = base.get_value();
        if let Some(stored) = save_merged(
            state,
            before.as_ref(),
            draft,
            current.as_ref(),
            pending,
            |a| store(a, false),
        ) {
            base.set_value(Some(stored));
        }
    };

    // A select of one property's value on the impact scale.
    let property_binding = move |index: usize| Binding {
        options: scale
            .iter()
            .map(|(value, text)| (value.to_string(), text.clone()))
            .collect(),
        selected: Signal::derive(move || valuation.get()[index].to_string()),
        on_change: Callback::new(move |key: String| {
            if let Ok(value) = key.parse::<u8>() {
                valuation.update(|v| v[index] = value);
            }
        }),
    };
    view! {
        <form class="card editor-form" data-testid="asset-form" on:submit=submit
            on:keydown=move |event| if event.key() == "Escape" { on_done() }>
            <h2>{heading}</h2>
            <UnsavedMark dirty=dirty/>
            <div class="form-grid">
                <TextField id="asset-name" label="Name" value=name autofocus=true
                    error=FieldErrors::of(errors, "name")/>
                <SelectField id="asset-kind" label="Kind" bind=choice(kind)/>
                <OwnerField id="asset-owner" label="Owner" value=owner none="No owner yet"/>
                <TextField id="asset-classification" label="Classification" value=classification
                    list="asset-classifications" placeholder="Public, Internal, Confidential…"/>
                <datalist id="asset-classifications">
                    <option value="Public"></option>
                    <option value="Internal"></option>
                    <option value="Confidential"></option>
                    <option value="Restricted"></option>
                </datalist>
                <TextAreaField id="asset-description" label="Description" value=description rows=2 wide=true/>
                <fieldset class="form-field wide valuation">
                    <legend>"Valuation on the impact scale"</legend>
                    <SelectField id="asset-confidentiality" label="Confidentiality" testid="asset-c" bind=property_binding(0)/>
                    <SelectField id="asset-integrity" label="Integrity" testid="asset-i" bind=property_binding(1)/>
                    <SelectField id="asset-availability" label="Availability" testid="asset-a" bind=property_binding(2)
                        error=FieldErrors::of(errors, "valuation")/>
                </fieldset>
            </div>
            <MergeChoices pending=pending on_decided=decided/>
            <div class="button-row">
                <button type="submit" data-testid="save-asset">"Save asset"</button>
                <button type="button" on:click=move |_| on_done()>"Cancel"</button>
            </div>
        </form>
    }
}
