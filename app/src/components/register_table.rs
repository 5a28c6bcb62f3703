//! The register table every list of records shares, like a good
//! spreadsheet: sortable columns the user chooses and orders (remembered per
//! register), rows moved through with the keyboard, a checkbox per row with
//! bulk edits of the selection, a "Download CSV" of exactly what is shown,
//! and each row's actions in a small menu.
//!
//! It is data-driven, not generic: columns are labels and keys, rows are
//! their cells as text, so one copy of this code serves every register.
//! A register may add [`RowExtras`] (a cell's colour, sort key or warning
//! mark), and a large one is windowed: only the rows in view are rendered.

use super::register_cells::{extra_cell, extra_of, focus_id, reveal};
pub use super::register_cells::{CellExtra, RowExtras};
use super::{DateField, OwnerField, TextField};
use crate::state::{remember_table_layout, table_layout, AppState, TableLayout};
use leptos::html;
use leptos::prelude::*;
use std::collections::BTreeSet;
use wasm_bindgen::JsCast;

/// Rows rendered above and below those in view in a windowed table, so
/// fast scrolling does not show blank space.
const OVERSCAN: usize = 8;

/// One column: a stable key (remembered in the layout), its heading, and
/// whether its cells are numbers (right-aligned, sorted as numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableColumn {
    pub key: &'static str,
    pub label: &'static str,
    pub numeric: bool,
    /// Hidden until the user shows it.
    pub hidden: bool,
}

impl TableColumn {
    /// A text column shown by default.
    pub const fn text(key: &'static str, label: &'static str) -> Self {
        Self {
            key,
            label,
            numeric: false,
            hidden: false,
        }
    }

    /// A number column shown by default.
    pub const fn number(key: &'static str, label: &'static str) -> Self {
        Self {
            key,
            label,
            numeric: true,
            hidden: false,
        }
    }

    /// The same column, hidden until chosen.
    pub const fn optional(self) -> Self {
        Self {
            hidden: true,
            ..self
        }
    }
}

/// One row: the record's id, a name for labels ("Edit Payroll"), its cells
/// in column order, and an optional extra class (such as "overdue").
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TableRow {
    pub id: String,
    pub name: String,
    pub cells: Vec<String>,
    pub flag: Option<&'static str>,
}

/// An entry of a row's menu; `run` gets the row's id.
#[derive(Clone)]
pub struct RowAction {
    pub label: &'static str,
    pub danger: bool,
    pub run: Callback<String>,
}

/// What a bulk edit asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum BulkInput {
    /// A person of the people register (or nobody).
    Owner,
    /// One of these (value, label) options.
    Choice(Vec<(String, String)>),
    /// A date as YYYY-MM-DD (empty clears it).
    Date,
    /// Free text.
    Text,
}

/// A change applied to every selected row at once: `apply` gets the
/// selected ids and the value chosen.
#[derive(Clone)]
pub struct BulkEdit {
    pub label: &'static str,
    pub input: BulkInput,
    pub apply: Callback<(Vec<String>, String)>,
}

impl RowAction {
    /// A row action.
    pub fn new(label: &'static str, run: Callback<String>) -> Self {
        Self {
            label,
            danger: false,
            run,
        }
    }

    /// A row action shown as dangerous (a deletion).
    pub fn danger(label: &'static str, run: Callback<String>) -> Self {
        Self {
            label,
            danger: true,
            run,
        }
    }
}

impl BulkEdit {
    /// "Owner" for the selected rows of `register` (`plural` names them in
    /// the notice), through the engine's `set_owner_of`.
    pub fn owner(state: AppState, register: engine::OwnedRegister, plural: &'static str) -> Self {
        Self {
            label: "Owner",
            input: BulkInput::Owner,
            apply: Callback::new(move |(ids, owner): (Vec<String>, String)| {
                let owner = engine::PersonId::try_new(owner).ok();
                crate::ui::run_command(
                    state,
                    move |ws| {
                        ws.set_owner_of(register, &ids, owner.as_ref())
                            .map_err(|e| e.to_string())
                    },
                    move |n| format!("Owner set for {n} {plural}."),
                );
            }),
        }
    }
}

/// The columns shown, in order (indices into `columns`), by `layout`.
pub fn visible_columns(columns: &[TableColumn], layout: &TableLayout) -> Vec<usize> {
    ordered(columns, layout)
        .into_iter()
        .filter(|(_, shown)| *shown)
        .map(|(i, _)| i)
        .collect()
}

/// Every column in the layout's order with whether it is shown; columns
/// the layout does not know (added since) keep their default.
fn ordered(columns: &[TableColumn], layout: &TableLayout) -> Vec<(usize, bool)> {
    let mut out: Vec<(usize, bool)> = layout
        .order
        .iter()
        .filter_map(|key| columns.iter().position(|c| c.key == key))
        .map(|i| (i, !layout.hidden.iter().any(|h| h == columns[i].key)))
        .collect();
    for (i, column) in columns.iter().enumerate() {
        if !out.iter().any(|(j, _)| *j == i) {
            out.push((i, !column.hidden));
        }
    }
    out
}

fn layout_of(columns: &[TableColumn], order: &[(usize, bool)]) -> TableLayout {
    TableLayout {
        order: order
            .iter()
            .map(|(i, _)| columns[*i].key.to_owned())
            .collect(),
        hidden: order
            .iter()
            .filter(|(_, shown)| !shown)
            .map(|(i, _)| columns[*i].key.to_owned())
            .collect(),
    }
}

/// The CSV of a view: the visible columns' headings, then each row's cells
/// in those columns.
pub fn view_csv(columns: &[TableColumn], visible: &[usize], rows: &[TableRow]) -> String {
    let header: Vec<&str> = visible.iter().map(|i| columns[*i].label).collect();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            visible
                .iter()
                .map(|i| row.cells.get(*i).cloned().unwrap_or_default())
                .collect()
        })
        .collect();
    engine::csv_of_table(&header, &cells)
}

/// A number in a cell ("12 500", "-3", "4.5"), for sorting.
fn number_in(cell: &str) -> Option<f64> {
    let kept: String = cell
        .chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, '.' | '-'))
        .collect();
    kept.parse().ok()
}

fn compare(a: &TableRow, b: &TableRow, column: usize, numeric: bool) -> std::cmp::Ordering {
    let (x, y) = (
        a.cells.get(column).map_or("", String::as_str),
        b.cells.get(column).map_or("", String::as_str),
    );
    let order = if numeric {
        number_in(x)
            .unwrap_or(f64::MIN)
            .total_cmp(&number_in(y).unwrap_or(f64::MIN))
    } else {
        x.to_lowercase().cmp(&y.to_lowercase())
    };
    order.then_with(|| a.id.cmp(&b.id))
}

/// The shared register table. `register` names it (its layout is
/// remembered under that name; test ids start with it); the page filters
/// `rows`, the table sorts them by a clicked heading.
#[component]
pub fn RegisterTable(
    register: &'static str,
    caption: &'static str,
    columns: Vec<TableColumn>,
    #[prop(into)] rows: Signal<Vec<TableRow>>,
    /// The `data-testid` of the table and of each row.
    testid: &'static str,
    row_testid: &'static str,
    /// Enter on a row, or a double click: open or edit it.
    on_open: Callback<String>,
    #[prop(optional)] actions: Vec<RowAction>,
    #[prop(optional)] bulk: Vec<BulkEdit>,
    /// The rows selected; the page may read or clear it.
    #[prop(optional)]
    selection: Option<RwSignal<BTreeSet<String>>>,
    /// Colours, sort keys and marks of some cells.
    #[prop(optional, into)]
    extras: Option<Signal<RowExtras>>,
    /// Windowed, for large registers: every row is this many pixels tall,
    /// the table scrolls in its own box and only the rows in view (and a
    /// few either side) are rendered.
    #[prop(optional)]
    row_height: Option<u32>,
) -> impl IntoView {
    let columns = StoredValue::new(columns);
    let actions = StoredValue::new(actions);
    let start = columns.with_value(|c| {
        ordered(
            c,
            &table_layout(register)
                .unwrap_or_else(|| layout_of(c, &ordered(c, &TableLayout::default()))),
        )
    });
    let order = RwSignal::new(start);
    let visible = Memo::new(move |_| {
        order.with(|o| {
            o.iter()
                .filter(|(_, s)| *s)
                .map(|(i, _)| *i)
                .collect::<Vec<_>>()
        })
    });
    let sort = RwSignal::new(None::<(usize, bool)>);
    let selection = selection.unwrap_or_else(|| RwSignal::new(BTreeSet::new()));
    let shown = Memo::new(move |_| {
        let mut list = rows.get();
        if let Some((column, ascending)) = sort.get() {
            let numeric = columns.with_value(|c| c[column].numeric);
            let direct =
                |order: std::cmp::Ordering| if ascending { order } else { order.reverse() };
            let keys: Option<Vec<u32>> = extras.and_then(|extras| {
                extras.with(|map| {
                    list.iter()
                        .map(|row| extra_of(map, &row.id, column).and_then(|e| e.sort_key))
                        .collect()
                })
            });
            match keys {
                // Every row has a sort key in this column: ordered by it.
                Some(keys) => {
                    let mut keyed: Vec<(u32, TableRow)> = keys.into_iter().zip(list).collect();
                    engine::order::sort_by(&mut keyed, |(x, a), (y, b)| {
                        direct(x.cmp(y).then_with(|| a.id.cmp(&b.id)))
                    });
                    list = keyed.into_iter().map(|(_, row)| row).collect();
                }
                None => {
                    engine::order::sort_by(&mut list, |a, b| direct(compare(a, b, column, numeric)))
                }
            }
        }
        list
    });
    let height = row_height.map(f64::from);
    let scroller = NodeRef::<html::Div>::new();
    let scroll_top = RwSignal::new(0.0f64);
    let view_height = RwSignal::new(600.0f64);
    let measure = move || {
        if let Some(element) = scroller.get_untracked() {
            scroll_top.set(f64::from(element.scroll_top()));
            view_height.set(f64::from(element.client_height().max(1)));
        }
    };
    Effect::new(move |_| {
        if scroller.get().is_some() {
            measure();
        }
    });
    // The positions of `shown` rendered: all, or those in view when windowed.
    let window = Memo::new(move |_| {
        let total = shown.with(Vec::len);
        let Some(height) = height else {
            return (0, total);
        };
        let count = (view_height.get() / height).ceil() as usize;
        let first = ((scroll_top.get() / height).floor() as usize).min(total.saturating_sub(count));
        (
            first.saturating_sub(OVERSCAN),
            (first + count + OVERSCAN).min(total),
        )
    });
    let rendered = Memo::new(move |_| {
        let (start, end) = window.get();
        shown.with(|rows| {
            rows.get(start..end)
                .map(<[TableRow]>::to_vec)
                .unwrap_or_default()
        })
    });
    let active = RwSignal::new(None::<String>);
    // The row reached with Tab: the active one while shown, else the first.
    let tab_stop = Memo::new(move |_| {
        rendered.with(|rows| {
            let current = active.get();
            rows.iter()
                .find(|r| Some(&r.id) == current.as_ref())
                .or_else(|| rows.first())
                .map(|r| r.id.clone())
        })
    });
    let menu = RwSignal::new(None::<String>);
    let choosing = RwSignal::new(false);
    let body = NodeRef::<html::Tbody>::new();

    let store_order = move |next: Vec<(usize, bool)>| {
        columns.with_value(|c| remember_table_layout(register, &layout_of(c, &next)));
        order.set(next);
    };
    let focus_row = move |index: usize| {
        let Some(body) = body.get_untracked() else {
            return;
        };
        if let Some(row) = body.children().item(index as u32) {
            let row: web_sys::HtmlElement = row.unchecked_into();
            let _ = row.focus();
        }
    };
    let on_key = move |event: web_sys::KeyboardEvent, id: String| {
        if event.target() != event.current_target() {
            return;
        }
        let (index, count) = shown.with_untracked(|rows| {
            (
                rows.iter().position(|r| r.id == id).unwrap_or(0),
                rows.len(),
            )
        });
        let target = match event.key().as_str() {
            "ArrowDown" => Some((index + 1).min(count.saturating_sub(1))),
            "ArrowUp" => Some(index.saturating_sub(1)),
            "Home" => Some(0),
            "End" => Some(count.saturating_sub(1)),
            "Enter" => {
                event.prevent_default();
                on_open.run(id);
                None
            }
            " " => {
                event.prevent_default();
                toggle(selection, &id);
                None
            }
            _ => None,
        };
        if let Some(target) = target {
            event.prevent_default();
            let next = shown.with_untracked(|rows| rows.get(target).map(|r| r.id.clone()));
            if let Some(next) = next.clone() {
                active.set(Some(next));
            }
            match (height, scroller.get_untracked(), next) {
                (Some(height), Some(scroll), Some(next)) => {
                    reveal(&scroll, target, height);
                    measure();
                    // Focused now if rendered, else once the window holds it.
                    if !focus_id(body, &next) {
                        request_animation_frame(move || {
                            focus_id(body, &next);
                        });
                    }
                }
                _ => focus_row(target),
            }
        }
    };

    let all_selected = move || {
        shown.with(|rows| {
            !rows.is_empty() && selection.with(|s| rows.iter().all(|r| s.contains(&r.id)))
        })
    };
    let select_all = move |on: bool| {
        let ids: Vec<String> =
            shown.with_untracked(|rows| rows.iter().map(|r| r.id.clone()).collect());
        select_ids(selection, ids, on);
    };
    let state = expect_context::<AppState>();
    let download = move |_| {
        let text = columns.with_value(|c| {
            visible.with_untracked(|v| shown.with_untracked(|rows| view_csv(c, v, rows)))
        });
        let name = state
            .open_summary
            .with_untracked(|s| s.as_ref().map(|s| s.name.clone()))
            .unwrap_or_default();
        let file = crate::io::file_name(&name, &format!("-{register}-view.csv"));
        if let Err(error) = crate::io::download(&file, "text/csv;charset=utf-8", &text) {
            state
                .error
                .set(Some(format!("The download failed: {error}")));
        }
    };

    let heading = move |index: usize| {
        let column = columns.with_value(|c| c[index]);
        let aria_sort = move || match sort.get() {
            Some((c, true)) if c == index => "ascending",
            Some((c, false)) if c == index => "descending",
            _ => "none",
        };
        let mark = move || match sort.get() {
            Some((c, true)) if c == index => "\u{25b2}",
            Some((c, false)) if c == index => "\u{25bc}",
            _ => "",
        };
        view! {
            <th scope="col" aria-sort=aria_sort class:number=column.numeric data-key=column.key>
                <button type="button" class="sort-button" on:click=move |_| {
                    sort.update(|s| *s = match *s {
                        Some((c, true)) if c == index => Some((index, false)),
                        _ => Some((index, true)),
                    });
                }>
                    {column.label}
                    <span class="sort-mark" aria-hidden="true">{mark}</span>
                </button>
            </th>
        }
    };

    let row_view = move |row: TableRow| {
        let id = row.id.clone();
        let (key_id, focus_id, open_id, check_id, checked_id, tab_id) = (
            id.clone(),
            id.clone(),
            id.clone(),
            id.clone(),
            id.clone(),
            id.clone(),
        );
        let (menu_id, menu_open_id) = (id.clone(), id.clone());
        let selected = Memo::new(move |_| selection.with(|s| s.contains(&checked_id)));
        let open = Memo::new(move |_| menu.get().as_deref() == Some(menu_open_id.as_str()));
        let name = row.name.clone();
        let cells = row.cells.clone();
        let numbers: Vec<bool> = columns.with_value(|c| c.iter().map(|c| c.numeric).collect());
        let keys: Vec<&'static str> = columns.with_value(|c| c.iter().map(|c| c.key).collect());
        let cells_id = row.id.clone();
        let items = actions.get_value();
        let has_menu = !items.is_empty();
        view! {
            <tr
                data-testid=row_testid
                data-id=row.id.clone()
                class=row.flag.unwrap_or_default()
                class:selected=move || selected.get()
                style:height=height.map(|h| format!("{h}px"))
                tabindex=move || if tab_stop.get().as_deref() == Some(tab_id.as_str()) { "0" } else { "-1" }
                on:keydown=move |event| on_key(event, key_id.clone())
                on:focus=move |_| active.set(Some(focus_id.clone()))
                on:dblclick=move |_| on_open.run(open_id.clone())
            >
                <td class="select-cell">
                    <input type="checkbox" aria-label=format!("Select {name}")
                        prop:checked=move || selected.get()
                        on:change=move |_| toggle(selection, &check_id)/>
                </td>
                {move || visible.get().into_iter().map(|i| {
                    let text = cells.get(i).cloned().unwrap_or_default();
                    let numeric = numbers.get(i).copied().unwrap_or(false);
                    let extra = extras.and_then(|e| e.with(|map| extra_of(map, &cells_id, i)));
                    if let Some(extra) = extra.filter(|_| !text.is_empty()) {
                        return extra_cell(text, numeric, keys[i], extra).into_any();
                    }
                    // Windowed rows keep one line: the whole text shows on hover.
                    let (key, tip) = match height {
                        Some(_) => (Some(keys[i]), (text.chars().count() > 12).then(|| text.clone())),
                        None => (None, None),
                    };
                    if text.is_empty() {
                        view! { <td class:number=numeric data-column=key><span class="muted">"\u{2014}"</span></td> }.into_any()
                    } else {
                        // Ids and dates ("ACT-0001", "2026-12-15") are one
                        // token: never broken at their hyphens.
                        let token = text.len() <= 16 && !text.contains(char::is_whitespace);
                        if height.is_some() {
                            // A box of its own, so that a phone can give a
                            // title two lines within the fixed row height.
                            return view! {
                                <td class:number=numeric class:token=token data-column=key title=tip>
                                    <span class="cell-text">{text}</span>
                                </td>
                            }.into_any();
                        }
                        view! { <td class:number=numeric class:token=token data-column=key title=tip>{text}</td> }.into_any()
                    }
                }).collect_view()}
                {has_menu.then(|| {
                    let label = row.name.clone();
                    let entries = items.clone();
                    view! {
                        <td class="row-menu-cell">
                            <button type="button" class="row-menu-button" aria-haspopup="true"
                                aria-expanded=move || open.get().to_string()
                                aria-label=format!("Actions for {label}")
                                data-testid="row-menu"
                                on:click=move |_| menu.update(|m| {
                                    *m = if m.as_deref() == Some(menu_id.as_str()) { None } else { Some(menu_id.clone()) };
                                })
                            >"\u{22ef}"</button>
                            {move || open.get().then(|| {
                                let label = label.clone();
                                let id = id.clone();
                                view! {
                                    <div class="row-menu" on:keydown=move |event| if event.key() == "Escape" { menu.set(None) }>
                                        {entries.iter().map(|entry| {
                                            let run = entry.run;
                                            let id = id.clone();
                                            view! {
                                                <button type="button" class:danger-outline=entry.danger
                                                    aria-label=format!("{} {}", entry.label, label)
                                                    on:click=move |_| { menu.set(None); run.run(id.clone()); }
                                                >{entry.label}</button>
                                            }
                                        }).collect_view()}
                                    </div>
                                }
                            })}
                        </td>
                    }
                })}
            </tr>
        }
    };

    // The height of the rows above or below the window, as one empty row
    // (of one cell: a span would count columns a phone hides).
    let spacer = move |rows: usize| {
        height.filter(|_| rows > 0).map(|h| {
            view! {
                <tr class="window-spacer" aria-hidden="true" style:height=format!("{}px", rows as f64 * h)>
                    <td></td>
                </tr>
            }
        })
    };
    let has_bulk = !bulk.is_empty();
    let bulk = StoredValue::new(bulk);
    view! {
        <div class="table-tools" data-testid=format!("{register}-tools")>
            <span class="muted" role="status" data-testid=format!("{register}-selected")>
                {move || match selection.with(BTreeSet::len) {
                    0 => String::new(),
                    1 => "1 selected".to_owned(),
                    n => format!("{n} selected"),
                }}
            </span>
            <button type="button" aria-expanded=move || choosing.get().to_string()
                data-testid=format!("{register}-columns") on:click=move |_| choosing.update(|c| *c = !*c)>
                "Columns"
            </button>
            <button type="button" data-testid=format!("{register}-csv") on:click=download>"Download CSV"</button>
        </div>
        {move || choosing.get().then(|| view! {
            <ColumnChooser register=register columns=columns order=order store=Callback::new(store_order)/>
        })}
        {move || (has_bulk && selection.with(|s| !s.is_empty())).then(|| view! {
            <BulkBar register=register bulk=bulk selection=selection/>
        })}
        <div class="table-scroll" class:windowed=height.is_some() node_ref=scroller
            data-testid=height.map(|_| format!("{register}-scroll"))
            on:scroll=move |_| if height.is_some() { measure() }>
            <table class="register register-table" class:windowed=height.is_some() data-testid=testid>
                <caption class="visually-hidden">{caption}". Column headings sort; arrow keys move between rows, Enter opens one, Space selects it."</caption>
                <thead>
                    <tr>
                        <th scope="col" class="select-cell">
                            <input type="checkbox" aria-label="Select all rows shown"
                                data-testid=format!("{register}-select-all")
                                prop:checked=all_selected
                                on:change=move |event| select_all(event_target_checked(&event))/>
                        </th>
                        {move || visible.get().into_iter().map(heading).collect_view()}
                        {move || actions.with_value(|a| !a.is_empty()).then(|| view! {
                            <th scope="col" class="row-menu-cell"><span class="visually-hidden">"Row actions"</span></th>
                        })}
                    </tr>
                </thead>
                <tbody node_ref=body>
                    {move || spacer(window.get().0)}
                    <For each=move || rendered.get() key=|row| row.clone() children=row_view/>
                    {move || spacer(shown.with(Vec::len).saturating_sub(window.get().1))}
                </tbody>
            </table>
        </div>
    }
}

/// Adds `ids` to the selection (`on`) or takes them out of it: the "select
/// all shown" checkbox of every table with a selection.
pub fn select_ids(selection: RwSignal<BTreeSet<String>>, ids: Vec<String>, on: bool) {
    selection.update(|s| {
        for id in ids {
            if on {
                s.insert(id);
            } else {
                s.remove(&id);
            }
        }
    });
}

fn toggle(selection: RwSignal<BTreeSet<String>>, id: &str) {
    selection.update(|s| {
        if !s.remove(id) {
            s.insert(id.to_owned());
        }
    });
}

/// Which columns show, in their order: (column index, shown).
type Layout = Vec<(usize, bool)>;

/// The "Columns" panel: a checkbox per column and buttons that move it.
#[component]
fn ColumnChooser(
    register: &'static str,
    columns: StoredValue<Vec<TableColumn>>,
    order: RwSignal<Vec<(usize, bool)>>,
    store: Callback<Vec<(usize, bool)>>,
) -> impl IntoView {
    let change = move |edit: &dyn Fn(&mut Layout)| {
        let mut next = order.get_untracked();
        edit(&mut next);
        // At least one column stays shown.
        if next.iter().any(|(_, s)| *s) {
            store.run(next);
        }
    };
    view! {
        <fieldset class="card column-chooser" data-testid=format!("{register}-column-chooser")>
            <legend>"Columns shown, in order"</legend>
            <ol>
                {move || {
                    let list = order.get();
                    let last = list.len().saturating_sub(1);
                    list.into_iter().enumerate().map(|(at, (index, shown))| {
                        let label = columns.with_value(|c| c[index].label);
                        view! {
                            <li>
                                <label>
                                    <input type="checkbox" prop:checked=shown
                                        on:change=move |_| change(&|o| o[at].1 = !o[at].1)/>
                                    {label}
                                </label>
                                <button type="button" class="small" aria-label=format!("Move {label} up")
                                    disabled=at == 0 on:click=move |_| change(&|o| o.swap(at, at - 1))>"\u{2191}"</button>
                                <button type="button" class="small" aria-label=format!("Move {label} down")
                                    disabled=at == last on:click=move |_| change(&|o| o.swap(at, at + 1))>"\u{2193}"</button>
                            </li>
                        }
                    }).collect_view()
                }}
            </ol>
            <button type="button" on:click=move |_| {
                let reset = columns.with_value(|c| ordered(c, &TableLayout::default()));
                store.run(reset);
            }>"Default columns"</button>
        </fieldset>
    }
}

/// One change applied to every selected row.
#[component]
fn BulkBar(
    register: &'static str,
    bulk: StoredValue<Vec<BulkEdit>>,
    selection: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    let count = move || selection.with(BTreeSet::len);
    view! {
        <section class="card bulk-bar" aria-label="Change the selected rows" data-testid=format!("{register}-bulk")>
            <p class="muted">
                {move || format!("Change the {} selected:", count())}
                " "
                <button type="button" class="link-button" on:click=move |_| selection.set(BTreeSet::new())>"Clear selection"</button>
            </p>
            <div class="bulk-fields">
                {bulk.get_value().into_iter().enumerate().map(|(n, edit)| {
                    let value = RwSignal::new(String::new());
                    let error = RwSignal::new(None::<String>);
                    let is_date = edit.input == BulkInput::Date;
                    let id = format!("{register}-bulk-{n}");
                    let field = match edit.input.clone() {
                        BulkInput::Owner => view! {
                            <OwnerField id=id.clone() label=edit.label value=value none="Nobody"/>
                        }.into_any(),
                        BulkInput::Choice(options) => {
                            if let Some((first, _)) = options.first() {
                                value.set(first.clone());
                            }
                            view! {
                                <div class="form-field">
                                    <label for=id.clone()>{edit.label}</label>
                                    <select id=id.clone() on:change=move |event| value.set(event_target_value(&event))>
                                        {options.into_iter().map(|(key, text)| view! { <option value=key>{text}</option> }).collect_view()}
                                    </select>
                                </div>
                            }.into_any()
                        }
                        BulkInput::Date => view! {
                            <DateField id=id.clone() label=edit.label value=value error=error
                                description=Signal::stored("Year-month-day; empty clears it.".to_owned())/>
                        }.into_any(),
                        BulkInput::Text => view! {
                            <TextField id=id.clone() label=edit.label value=value/>
                        }.into_any(),
                    };
                    let apply = edit.apply;
                    view! {
                        <div class="bulk-field" data-testid=format!("{register}-bulk-{n}")>
                            {field}
                            <button type="button" class="primary" on:click=move |_| {
                                let mut typed = value.get_untracked();
                                if is_date {
                                    typed = typed.trim().to_owned();
                                    if let Err(problem) = crate::ui::optional_date(&typed) {
                                        error.set(Some(problem));
                                        return;
                                    }
                                    error.set(None);
                                }
                                let ids: Vec<String> = selection.get_untracked().into_iter().collect();
                                apply.run((ids, typed));
                            }>{format!("Set {}", edit.label.to_lowercase())}</button>
                        </div>
                    }
                }).collect_view()}
            </div>
        </section>
    }
}
