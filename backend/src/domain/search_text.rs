//! Text for the search index: what a PDF says (extracted at registration) and the one
//! normalisation applied both to indexed text and to queries, so that "ecole" finds
//! "École" and "مدرسة" finds "مَدْرَسَة" on SQLite and PostgreSQL alike.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Extraction stops after this many pages, characters or this much time: a register entry
/// is found by its first pages; a huge or hostile PDF must not hold up registration.
pub const MAX_PAGES: usize = 50;
pub const MAX_CHARS: usize = 100_000;
pub const MAX_TIME: Duration = Duration::from_secs(5);
/// Bound on one page's decompressed content.
const MAX_PAGE_BYTES: usize = 8 << 20;

/// The text of a PDF, best effort: pages that cannot be read are skipped, and whatever
/// was read before a limit is kept. Never fails; a PDF without text (a scan) gives "".
/// CPU-bound: call it off the async threads.
pub fn pdf_text(bytes: &[u8]) -> String {
    let started = Instant::now();
    let Ok(doc) = lopdf::Document::load_mem(bytes) else { return String::new() };
    text_within(&doc, started)
}

/// `pdf_text` of a PDF the caller has parsed already (the attachment checks do).
pub fn text_of(doc: &lopdf::Document) -> String {
    text_within(doc, Instant::now())
}

/// The text of a parsed PDF, within the limits (time counted from `started`).
fn text_within(doc: &lopdf::Document, started: Instant) -> String {
    let mut out = String::new();
    for (i, page) in doc.get_pages().keys().enumerate() {
        if i >= MAX_PAGES || out.len() >= MAX_CHARS || started.elapsed() > MAX_TIME {
            break;
        }
        for chunk in doc.extract_text_chunks_with_limit(&[*page], MAX_PAGE_BYTES).into_iter().flatten() {
            out.push_str(&chunk);
            out.push(' ');
        }
    }
    if out.len() > MAX_CHARS {
        let mut end = MAX_CHARS;
        while !out.is_char_boundary(end) {
            end -= 1;
        }
        out.truncate(end);
    }
    // Extracted text often carries NULs or control bytes from odd encodings.
    out.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// Texts extracted from documents stored by this process and not yet registered, by
/// SHA-256. Why a hand-off and not a parameter: every intake channel stores its documents
/// through `attachments::check_and_store` (where the bytes are at hand, off the async
/// threads) and registers them later through the registrar (in this same process), which
/// only sees document rows; the registration transaction takes the texts from here and
/// saves them with the entry (`db::search_index::index_new`). Bounded: the oldest texts are
/// dropped first (their entries are then indexed without them).
static PENDING: Mutex<Pending> = Mutex::new(Pending { texts: None, order: VecDeque::new(), bytes: 0 });
const PENDING_MAX_BYTES: usize = 64 << 20;

struct Pending {
    texts: Option<HashMap<String, String>>,
    order: VecDeque<String>,
    bytes: usize,
}

/// Extracts and keeps the text of a stored document for its registration (PDFs only;
/// other types have no text). Blocking: call it where the document is parsed.
pub fn remember(sha256: &str, content_type: &str, bytes: &[u8]) {
    if content_type != "application/pdf" {
        return;
    }
    remember_text(sha256, pdf_text(bytes));
}

/// Keeps a text already extracted (`text_of`) for the registration of document `sha256`.
pub fn remember_text(sha256: &str, text: String) {
    let mut p = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    let map = p.texts.get_or_insert_with(HashMap::new);
    if map.contains_key(sha256) {
        return;
    }
    let len = text.len();
    map.insert(sha256.to_owned(), text);
    p.order.push_back(sha256.to_owned());
    p.bytes += len;
    while p.bytes > PENDING_MAX_BYTES {
        let Some(old) = p.order.pop_front() else { break };
        if let Some(t) = p.texts.as_mut().and_then(|m| m.remove(&old)) {
            p.bytes -= t.len();
        }
    }
}

/// The pending texts of these documents (left in place: the same file may be registered
/// again, and a failed registration is retried).
pub fn pending(sha256s: &[String]) -> Vec<(String, String)> {
    let p = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    let Some(map) = &p.texts else { return Vec::new() };
    sha256s.iter().filter_map(|s| map.get(s).map(|t| (s.clone(), t.clone()))).collect()
}

/// Lower case, French accents folded (é → e, œ → oe), Arabic short vowels and tatweel
/// removed, and anything that is not a letter or digit turned into a space.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_mark(c) {
            continue;
        }
        for l in c.to_lowercase() {
            match fold(l) {
                Some(s) => out.push_str(s),
                None if l.is_alphanumeric() => out.push(l),
                None => out.push(' '),
            }
        }
    }
    out
}

/// The words of a query, normalised, at most `max` of them (longer queries are cut).
pub fn terms(query: &str, max: usize) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for w in normalize(query).split_whitespace() {
        if !v.iter().any(|x| x == w) {
            v.push(w.to_owned());
        }
        if v.len() == max {
            break;
        }
    }
    v
}

/// Arabic harakat, superscript alef, tatweel and combining accents carry no search meaning.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{06D6}'..='\u{06ED}')
}

fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'ç' => "c",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => "o",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'ý' | 'ÿ' => "y",
        'œ' => "oe",
        'æ' => "ae",
        // Arabic: alef with hamza or madda searches as bare alef; teh marbuta as heh is
        // deliberately not folded (it changes words).
        'أ' | 'إ' | 'آ' | 'ٱ' => "ا",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_harakat() {
        assert_eq!(normalize("École d'Été"), "ecole d ete");
        assert_eq!(normalize("مَدْرَسَة"), "مدرسة");
        assert_eq!(normalize("إدارة"), "ادارة");
        assert_eq!(normalize("ⵜⴰⵎⴰⵣⵉⵖⵜ"), "ⵜⴰⵎⴰⵣⵉⵖⵜ");
        assert_eq!(terms("Permis  permis, BÂTIR", 8), vec!["permis", "batir"]);
    }

    #[test]
    fn bad_pdf_gives_no_text() {
        assert_eq!(pdf_text(b"%PDF-1.7 not really"), "");
    }
}
