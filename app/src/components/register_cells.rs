//! What the register table adds to plain cells: a cell's colour, sort key
//! and warning mark ([`RowExtras`]), and the scrolling and focusing of a
//! windowed table's rows.

use super::readable_text_colour;
use leptos::html;
use leptos::prelude::*;
use std::collections::HashMap;
use wasm_bindgen::JsCast;

/// What a register may add to one cell besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CellExtra {
    /// A background colour (CSS): the text is drawn as a chip of this
    /// colour, in black or white, whichever reads on it.
    pub colour: Option<String>,
    /// Orders the column instead of the text (such as a level, then its
    /// score).
    pub sort_key: Option<u32>,
    /// A warning after the text ("above appetite"): a mark, with the words
    /// for screen readers and as a tooltip.
    pub mark: Option<&'static str>,
}

/// The extras of some cells, by row id, each with its column's index.
pub type RowExtras = HashMap<String, Vec<(usize, CellExtra)>>;

pub(super) fn extra_of(extras: &RowExtras, id: &str, column: usize) -> Option<CellExtra> {
    extras
        .get(id)?
        .iter()
        .find(|(c, _)| *c == column)
        .map(|(_, e)| e.clone())
}

/// A cell with a colour or a mark.
pub(super) fn extra_cell(
    text: String,
    numeric: bool,
    key: &'static str,
    extra: CellExtra,
) -> impl IntoView {
    let mark = extra.mark.map(|words| {
        view! {
            <span class="cell-mark" title=words>"\u{25b2}"<span class="visually-hidden">" "{words}</span></span>
        }
    });
    let text = match extra.colour {
        Some(colour) => {
            let ink = readable_text_colour(&colour);
            view! { <span class="level-badge" style:background-color=colour style:color=ink>{text}</span> }.into_any()
        }
        None => text.into_any(),
    };
    view! { <td class:number=numeric data-column=key>{text}{mark}</td> }
}

/// Scrolls `scroll` (a windowed table's box) so that row `index` shows
/// below the sticky headings.
pub(super) fn reveal(scroll: &web_sys::HtmlDivElement, index: usize, height: f64) {
    let head = scroll
        .query_selector("thead")
        .ok()
        .flatten()
        .map_or(0.0, |h| f64::from(h.client_height()));
    let (top, view) = (
        f64::from(scroll.scroll_top()),
        f64::from(scroll.client_height()),
    );
    let row = index as f64 * height;
    if row < top {
        scroll.set_scroll_top(row as i32);
    } else if row + height + head > top + view {
        scroll.set_scroll_top((row + height + head - view).ceil() as i32);
    }
}

/// Focuses the row of `body` whose record is `id`; false when it is not
/// rendered.
pub(super) fn focus_id(body: NodeRef<html::Tbody>, id: &str) -> bool {
    let Some(body) = body.get_untracked() else {
        return false;
    };
    let rows = body.children();
    (0..rows.length())
        .filter_map(|i| rows.item(i))
        .find(|row| row.get_attribute("data-id").as_deref() == Some(id))
        .map(|row| row.unchecked_into::<web_sys::HtmlElement>().focus())
        .is_some()
}
