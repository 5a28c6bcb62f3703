//! The shared register table mounted into a real document (headless
//! Chromium): the column choice is remembered in local storage and restored,
//! the keyboard moves between rows, and the CSV of the view holds the
//! visible columns and rows in their order.

use app::components::{
    view_csv, visible_columns, CellExtra, RegisterTable, RowExtras, TableColumn, TableRow,
};
use app::state::{table_layout, AppState};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const COLUMNS: [TableColumn; 3] = [
    TableColumn::text("id", "Id"),
    TableColumn::text("name", "Name"),
    TableColumn::number("risks", "Risks"),
];

fn rows() -> Vec<TableRow> {
    [
        ("A-1", "Payroll", "3"),
        ("A-2", "CRM", "12"),
        ("A-3", "Mail", "1"),
    ]
    .into_iter()
    .map(|(id, name, risks)| TableRow {
        id: id.to_owned(),
        name: name.to_owned(),
        cells: vec![id.to_owned(), name.to_owned(), risks.to_owned()],
        flag: None,
    })
    .collect()
}

fn container() -> web_sys::HtmlElement {
    let document = document();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

fn element(root: &web_sys::HtmlElement, selector: &str) -> web_sys::HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} is on the page"))
        .unchecked_into()
}

fn mount(register: &'static str, opened: RwSignal<Vec<String>>) -> web_sys::HtmlElement {
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(AppState::new());
        view! {
            <RegisterTable register=register caption="Test" columns=COLUMNS.to_vec()
                rows=Signal::stored(rows()) testid="t-table" row_testid="t-row"
                on_open=Callback::new(move |id: String| opened.update(|o| o.push(id)))/>
        }
    });
    handle.forget();
    root
}

fn key(target: &web_sys::HtmlElement, name: &str) {
    // A real keydown event, built in JavaScript (web-sys' KeyboardEventInit
    // is not among the app's features).
    let dispatch = js_sys::Function::new_with_args(
        "target, key",
        "target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));",
    );
    dispatch
        .call2(&wasm_bindgen::JsValue::NULL, target, &name.into())
        .unwrap();
}

fn active_id() -> Option<String> {
    document()
        .active_element()
        .and_then(|e| e.get_attribute("data-id"))
}

#[wasm_bindgen_test]
async fn a_hidden_and_moved_column_is_remembered_and_restored() {
    let register = "test-columns";
    gloo_storage_clear(register);
    let opened = RwSignal::new(Vec::new());
    let root = mount(register, opened);
    tick().await;
    assert_eq!(texts(&root, "thead th[data-key]"), ["Id", "Name", "Risks"]);

    element(&root, "[data-testid=test-columns-columns]").click();
    tick().await;
    // Hide "Id" and move "Risks" up above "Name".
    element(&root, ".column-chooser li:nth-child(1) input").click();
    tick().await;
    element(&root, "[aria-label='Move Risks up']").click();
    tick().await;
    assert_eq!(texts(&root, "thead th[data-key]"), ["Risks", "Name"]);
    assert_eq!(
        texts(&root, "tbody tr:first-child td:not(.select-cell)"),
        ["3", "Payroll"]
    );
    let stored = table_layout(register).expect("the layout is stored");
    assert_eq!(stored.hidden, ["id"]);
    assert_eq!(stored.order, ["id", "risks", "name"]);

    // A table mounted afresh shows the same columns.
    let again = mount(register, opened);
    tick().await;
    assert_eq!(texts(&again, "thead th[data-key]"), ["Risks", "Name"]);

    // The CSV of the view: visible columns in order, rows sorted as shown.
    element(&again, "thead th[data-key=risks] button").click();
    tick().await;
    assert_eq!(
        texts(&again, "tbody tr td:nth-child(2)"),
        ["1", "3", "12"],
        "numbers sort as numbers"
    );
    let visible = visible_columns(&COLUMNS, &stored);
    let mut sorted = rows();
    sorted.sort_by_key(|r| r.cells[2].parse::<u32>().unwrap());
    let csv = view_csv(&COLUMNS, &visible, &sorted);
    // The headings as shown, without the sort mark beside the sorted one.
    let headings: Vec<String> = texts(&again, "thead th[data-key]")
        .into_iter()
        .map(|h| h.trim_end_matches(['▲', '▼']).trim().to_owned())
        .collect();
    let mut lines: Vec<String> = vec![headings.join(",")];
    let body = again.query_selector_all("tbody tr").unwrap();
    for i in 0..body.length() {
        let row: web_sys::HtmlElement = body.item(i).unwrap().unchecked_into();
        lines.push(texts(&row, "td:not(.select-cell)").join(","));
    }
    assert_eq!(csv, format!("\u{feff}{}\r\n", lines.join("\r\n")));
    gloo_storage_clear(register);
}

#[wasm_bindgen_test]
async fn arrow_keys_move_between_rows_enter_opens_space_selects() {
    let register = "test-keys";
    gloo_storage_clear(register);
    let opened = RwSignal::new(Vec::<String>::new());
    let root = mount(register, opened);
    tick().await;
    let first = element(&root, "tbody tr[data-id='A-1']");
    assert_eq!(first.get_attribute("tabindex").as_deref(), Some("0"));
    assert_eq!(
        element(&root, "tbody tr[data-id='A-2']")
            .get_attribute("tabindex")
            .as_deref(),
        Some("-1")
    );
    first.focus().unwrap();
    key(&first, "ArrowDown");
    tick().await;
    assert_eq!(active_id().as_deref(), Some("A-2"));
    let current = element(&root, "tbody tr[data-id='A-2']");
    key(&current, "End");
    tick().await;
    assert_eq!(active_id().as_deref(), Some("A-3"));
    let last = element(&root, "tbody tr[data-id='A-3']");
    assert_eq!(last.get_attribute("tabindex").as_deref(), Some("0"));
    key(&last, "Home");
    tick().await;
    assert_eq!(active_id().as_deref(), Some("A-1"));
    let first = element(&root, "tbody tr[data-id='A-1']");
    key(&first, "ArrowUp");
    tick().await;
    assert_eq!(active_id().as_deref(), Some("A-1"), "the first row stays");

    key(&first, " ");
    tick().await;
    let check: web_sys::HtmlInputElement =
        element(&root, "tbody tr[data-id='A-1'] input").unchecked_into();
    assert!(check.checked(), "Space selects the row");
    assert_eq!(
        element(&root, "[data-testid=test-keys-selected]")
            .text_content()
            .unwrap(),
        "1 selected"
    );
    key(&element(&root, "tbody tr[data-id='A-1']"), "Enter");
    tick().await;
    assert_eq!(opened.get_untracked(), ["A-1"]);
}

/// 1,000 rows "A-0000".. with a level column whose text sorts the other
/// way round from its key (sort keys win) and carries a colour.
fn many() -> (Vec<TableRow>, RowExtras) {
    let rows: Vec<TableRow> = (0..1000)
        .map(|n| TableRow {
            id: format!("A-{n:04}"),
            name: format!("Asset {n}"),
            cells: vec![
                format!("A-{n:04}"),
                format!("Asset {n}"),
                format!("L{}", 999 - n),
            ],
            flag: None,
        })
        .collect();
    let extras = rows
        .iter()
        .enumerate()
        .map(|(n, row)| {
            let extra = CellExtra {
                colour: Some("#b00020".to_owned()),
                sort_key: Some(n as u32),
                mark: (n == 0).then_some("above appetite"),
            };
            (row.id.clone(), vec![(2, extra)])
        })
        .collect();
    (rows, extras)
}

#[wasm_bindgen_test]
async fn a_windowed_table_renders_the_rows_in_view_and_the_keyboard_reaches_the_last() {
    let register = "test-window";
    gloo_storage_clear(register);
    // The app's style sheet gives the scroll box its height.
    let style = document().create_element("style").unwrap();
    style.set_text_content(Some(
        ".table-scroll.windowed { max-height: 400px; overflow: auto; }",
    ));
    document().head().unwrap().append_child(&style).unwrap();
    let root = container();
    let (rows, extras) = many();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(AppState::new());
        view! {
            <RegisterTable register=register caption="Test" columns=COLUMNS.to_vec()
                rows=Signal::stored(rows.clone()) extras=Signal::stored(extras.clone()) row_height=40
                testid="w-table" row_testid="w-row" on_open=Callback::new(|_: String| {})/>
        }
    });
    handle.forget();
    tick().await;
    let rendered = || {
        root.query_selector_all("tbody tr[data-id]")
            .unwrap()
            .length()
    };
    assert!(
        rendered() > 0 && rendered() < 100,
        "{} rows rendered",
        rendered()
    );
    // The spacer below stands for the rows not rendered.
    let spacer = element(&root, "tbody tr.window-spacer");
    assert_eq!(spacer.get_attribute("aria-hidden").as_deref(), Some("true"));
    assert!(
        spacer.offset_height() > 30_000,
        "{}",
        spacer.offset_height()
    );

    // The coloured cell: a chip in readable ink, with its mark.
    let chip = element(
        &root,
        "tbody tr[data-id='A-0000'] td[data-column=risks] .level-badge",
    );
    assert_eq!(chip.text_content().unwrap(), "L999");
    let style = chip.get_attribute("style").unwrap();
    assert!(style.contains("rgb(176, 0, 32)"), "{style}");
    assert!(
        style.contains("color: rgb(255, 255, 255)"),
        "white on dark red: {style}"
    );
    assert_eq!(
        element(&root, "tbody tr[data-id='A-0000'] .cell-mark")
            .text_content()
            .unwrap(),
        "\u{25b2} above appetite"
    );

    // Sorted by its keys, not by its text ("L0" would come first).
    element(&root, "thead th[data-key=risks] button").click();
    tick().await;
    assert_eq!(
        element(&root, "tbody tr[data-id]")
            .get_attribute("data-id")
            .as_deref(),
        Some("A-0000")
    );

    // End scrolls the last row into the window and focuses it.
    let first = element(&root, "tbody tr[data-id='A-0000']");
    first.focus().unwrap();
    key(&first, "End");
    for _ in 0..10 {
        tick().await;
        if active_id().as_deref() == Some("A-0999") {
            break;
        }
    }
    assert_eq!(active_id().as_deref(), Some("A-0999"));
    assert!(rendered() < 100, "{} rows rendered", rendered());
    assert!(root
        .query_selector("tbody tr[data-id='A-0000']")
        .unwrap()
        .is_none());

    // Selecting all takes every row, rendered or not.
    element(&root, "[data-testid=test-window-select-all]").click();
    tick().await;
    assert_eq!(
        element(&root, "[data-testid=test-window-selected]")
            .text_content()
            .unwrap(),
        "1000 selected"
    );
    gloo_storage_clear(register);
}

fn gloo_storage_clear(register: &str) {
    if let Some(storage) = web_sys::window().unwrap().local_storage().unwrap() {
        storage
            .remove_item(&format!("isms-workbench.table.{register}"))
            .unwrap();
    }
}
