//! Lists shown as tables (the register, the work list, the routing slip): a captioned,
//! horizontally scrollable table with column headers, so every list reads the same to a
//! screen reader and on a narrow screen.

use leptos::prelude::*;

/// `id` names the table for links and tests; the caption is visible only when `shown`
/// (otherwise read by screen readers alone, the page's heading already saying it).
pub fn data_table(id: &'static str, caption: String, shown: bool, headers: Vec<String>, rows: impl IntoView) -> impl IntoView {
    let headers = headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect::<Vec<_>>();
    view! {
        <div class="table-wrap">
            <table id=id>
                <caption class:visually-hidden=!shown>{caption}</caption>
                <thead><tr>{headers}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
