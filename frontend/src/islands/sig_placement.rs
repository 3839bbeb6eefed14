//! Where a signature step's visible signature goes: page and rectangle in PDF points
//! (origin at the bottom left). Without JavaScript the page image is an
//! `<input type="image" name="place_{row}">`: a click submits its pixel coordinates and the
//! server puts the rectangle there; the number fields are the keyboard way. Hydrated, the
//! rectangle is a focusable frame over the image that the arrow keys move (Shift: big
//! steps) and a click places, both without a round trip, keeping the number fields in step
//! and announcing the position (aria-live).
//!
//! The image is 800 px wide whatever the page size, and kept left-to-right even in Arabic
//! pages: the coordinates are the page's, not the text's.

use crate::i18n::parapheur_circuit::PC;
use crate::i18n::{fill, Lang};
use leptos::prelude::*;

/// Width of the rendered page images (the page-image endpoint's contract).
pub const IMAGE_WIDTH_PX: f64 = 800.0;
/// Size of a new rectangle, in points (the signing default).
pub const DEFAULT_SIZE: (f64, f64) = (180.0, 60.0);
const STEP: f64 = 2.0;
const BIG_STEP: f64 = 20.0;

/// Moves `(x, y)` of a `w`×`h` rectangle by `(dx, dy)` and keeps it inside a page of
/// `page_w`×`page_h` points.
pub fn moved(x: f64, y: f64, w: f64, h: f64, dx: f64, dy: f64, page_w: f64, page_h: f64) -> (f64, f64) {
    ((x + dx).clamp(0.0, (page_w - w).max(0.0)), (y + dy).clamp(0.0, (page_h - h).max(0.0)))
}

/// The rectangle (x, y from the bottom left, in points) centred on a click at pixel
/// (`px`, `py`) of the 800 px image of a `page_w`×`page_h` page, kept inside the page.
pub fn from_click(px: f64, py: f64, w: f64, h: f64, page_w: f64, page_h: f64) -> (f64, f64) {
    let scale = page_w / IMAGE_WIDTH_PX;
    let (cx, cy) = (px * scale, page_h - py * scale);
    moved(cx - w / 2.0, cy - h / 2.0, w, h, 0.0, 0.0, page_w, page_h)
}

fn num(s: &str) -> Option<f64> {
    s.trim().replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Points as typed in the fields: whole numbers, or one decimal when needed.
pub fn pt(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 { format!("{r:.0}") } else { format!("{r:.1}") }
}

fn field(row: usize, name: &'static str, label: &'static str, value: RwSignal<String>, min: &'static str, hint: String) -> impl IntoView {
    let id = format!("field-{name}_{row}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id name=format!("{name}_{row}") type="number" step="any" min=min inputmode="decimal"
                aria-describedby=hint value=value.get_untracked() prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        </div>
    }
}

/// `base`: the page images' URL up to the page number (`…/pages/`), `None` when there is no
/// document to show; `sizes`: each page's (width, height) in points.
#[island]
pub fn SigPlacement(
    row: usize,
    lang: Lang,
    base: Option<String>,
    sizes: Vec<(f64, f64)>,
    page: String,
    x: String,
    y: String,
    w: String,
    h: String,
    error: Option<String>,
) -> impl IntoView {
    let (page, x, y, w, h) = (RwSignal::new(page), RwSignal::new(x), RwSignal::new(y), RwSignal::new(w), RwSignal::new(h));
    let announce = RwSignal::new(String::new());
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let sizes = StoredValue::new(sizes);
    let page_no = move || num(&page.get()).map(|p| p as usize).filter(|p| *p >= 1).unwrap_or(1);
    let size = move || sizes.with_value(|s| s.get(page_no() - 1).copied());
    let rect = move || {
        let (pw, ph) = size()?;
        let (rw, rh) = (num(&w.get()).unwrap_or(DEFAULT_SIZE.0), num(&h.get()).unwrap_or(DEFAULT_SIZE.1));
        let placed = num(&x.get()).zip(num(&y.get()));
        let (rx, ry) = placed.unwrap_or(((pw - rw) / 2.0, (ph - rh) / 2.0));
        Some((rx, ry, rw, rh, pw, ph, placed.is_some()))
    };
    // Moves (or first places) the rectangle and says where it is now.
    let put = move |nx: f64, ny: f64| {
        let Some((_, _, rw, rh, pw, ph, _)) = rect() else { return };
        let (nx, ny) = moved(nx, ny, rw, rh, 0.0, 0.0, pw, ph);
        x.set(pt(nx));
        y.set(pt(ny));
        w.set(pt(rw));
        h.set(pt(rh));
        if page.get_untracked().trim().is_empty() {
            page.set("1".into());
        }
        let text = [("page", page_no().to_string()), ("x", pt(nx)), ("y", pt(ny)), ("w", pt(rw)), ("h", pt(rh))]
            .iter()
            .fold(PC::Announce.text(lang).to_owned(), |t, (k, v)| fill(&t, k, v));
        announce.set(text);
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let step = if ev.shift_key() { BIG_STEP } else { STEP };
        let (dx, dy) = match ev.key().as_str() {
            "ArrowLeft" => (-step, 0.0),
            "ArrowRight" => (step, 0.0),
            "ArrowUp" => (0.0, step),
            "ArrowDown" => (0.0, -step),
            _ => return,
        };
        ev.prevent_default();
        if let Some((rx, ry, ..)) = rect() {
            put(rx + dx, ry + dy);
        }
    };
    // Hydrated, a click places the rectangle here without submitting the form.
    // Enter or Space on the image (a click with no pointer, `detail` 0) only moves the focus
    // to the frame, so a keyboard user never drops the signature in the corner.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some((_, _, rw, rh, pw, ph, _)) = rect() {
            if ev.detail() != 0 {
                let (nx, ny) = from_click(ev.offset_x() as f64, ev.offset_y() as f64, rw, rh, pw, ph);
                put(nx, ny);
            }
            #[cfg(feature = "hydrate")]
            if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&format!("sig-rect-{row}"))) {
                use wasm_bindgen::JsCast;
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        }
    };
    let has_image = base.is_some();
    let hint_id = format!("placement-hint-{row}");
    let keys_id = format!("placement-keys-{row}");
    let described = format!("{hint_id} {keys_id}");
    let image = move || {
        let base = base.clone()?;
        let keys_id = keys_id.clone();
        let (pw, ph) = size()?;
        let n = page_no();
        let src = format!("{base}{n}.png");
        let height = (IMAGE_WIDTH_PX * ph / pw).round();
        let frame = move || {
            rect().map(|(rx, ry, rw, rh, pw, ph, placed)| {
                format!(
                    "left:{:.3}%;top:{:.3}%;width:{:.3}%;height:{:.3}%;{}",
                    rx / pw * 100.0,
                    (ph - ry - rh) / ph * 100.0,
                    rw / pw * 100.0,
                    rh / ph * 100.0,
                    if placed || hydrated.get() { "" } else { "display:none" }
                )
            })
        };
        let placed = move || rect().is_some_and(|r| r.6);
        Some(view! {
            <div class="page-view">
                <input type="image" name=format!("place_{row}") src=src alt=fill(PC::PageImageAlt.text(lang), "n", &n.to_string())
                    width="800" height=height.to_string() on:click=on_click/>
                <div id=format!("sig-rect-{row}") class="sig-rect" class:unset=move || !placed() style=frame
                    tabindex=move || hydrated.get().then_some("0") role=move || hydrated.get().then_some("application")
                    aria-label=move || hydrated.get().then(|| fill(PC::Frame.text(lang), "n", &(row + 1).to_string()))
                    aria-describedby=move || hydrated.get().then(|| keys_id.clone()) on:keydown=on_key></div>
            </div>
            <input type="hidden" name=format!("shown_{row}") value=n.to_string()/>
        })
    };
    view! {
        <fieldset class="placement" id=format!("placement-{row}")>
            <legend>{PC::PlacementLegend.text(lang)}</legend>
            <p class="hint" id=hint_id>{PC::PlacementHint.text(lang)}</p>
            <p class="hint" id=format!("placement-keys-{row}") hidden=move || !hydrated.get()>{PC::KeysHint.text(lang)}</p>
            {error.map(|e| view! { <p class="error" id=format!("placement-error-{row}")>{e}</p> })}
            <div class="placement-fields">
                {field(row, "page", PC::Page.text(lang), page, "1", described.clone())}
                {field(row, "x", PC::X.text(lang), x, "0", described.clone())}
                {field(row, "y", PC::Y.text(lang), y, "0", described.clone())}
                {field(row, "w", PC::Width.text(lang), w, "10", described.clone())}
                {field(row, "h", PC::Height.text(lang), h, "10", described)}
            </div>
            {(!has_image).then(|| view! { <p class="hint">{PC::NoPreview.text(lang)}</p> })}
            {image}
            <p class="visually-hidden" aria-live="polite">{move || announce.get()}</p>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_click_centres_the_rectangle_in_points_with_y_flipped() {
        // A4 (595×842 pt) at 800 px: 1 px = 0.74375 pt.
        let (x, y) = from_click(400.0, 100.0, 180.0, 60.0, 595.0, 842.0);
        assert!((x - (297.5 - 90.0)).abs() < 1e-9);
        assert!((y - (842.0 - 74.375 - 30.0)).abs() < 1e-9);
        // Near a corner the rectangle stays inside the page.
        assert_eq!(from_click(0.0, 0.0, 180.0, 60.0, 595.0, 842.0), (0.0, 782.0));
        assert_eq!(from_click(800.0, 2000.0, 180.0, 60.0, 595.0, 842.0), (415.0, 0.0));
    }

    #[test]
    fn moves_stay_inside_the_page() {
        assert_eq!(moved(10.0, 10.0, 180.0, 60.0, -20.0, 5.0, 595.0, 842.0), (0.0, 15.0));
        assert_eq!(moved(400.0, 780.0, 180.0, 60.0, 20.0, 20.0, 595.0, 842.0), (415.0, 782.0));
        assert_eq!(pt(12.0), "12");
        assert_eq!(pt(12.25), "12.3");
    }
}
