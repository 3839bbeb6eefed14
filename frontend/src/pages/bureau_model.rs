//! What the bureau d'ordre pages show: plain data filled by the backend's page handlers
//! (backend/src/http/pages/bureau.rs), names already in the page's language.

/// A (value, label) option of a select.
pub type Choice = (String, String);

/// The queue's filters as typed (kept in the filter form and the page links).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QueueFilters {
    pub direction: String,
    pub status: String,
    pub origin: String,
    pub unit: String,
    pub from: String,
    pub to: String,
}

impl QueueFilters {
    /// The query string of these filters plus `page` (zero-based), for pagination links.
    pub fn query(&self, page: u64) -> String {
        let mut parts = Vec::new();
        for (k, v) in [("direction", &self.direction), ("status", &self.status), ("origin", &self.origin), ("unit", &self.unit), ("from", &self.from), ("to", &self.to)] {
            if !v.is_empty() {
                parts.push(format!("{k}={}", crate::components::shell::encode_query(v)));
            }
        }
        parts.push(format!("page={page}"));
        format!("?{}", parts.join("&"))
    }
}

/// One line of the queue.
#[derive(Clone, Debug, PartialEq)]
pub struct QueueLine {
    pub id: String,
    pub number: String,
    pub direction: String,
    pub origin: String,
    pub status: String,
    pub subject: String,
    pub received_at: i64,
    pub from: Option<String>,
    pub unit: Option<String>,
    pub confidentiality: String,
    pub priority: String,
    /// `YYYY-MM-DD`.
    pub deadline: Option<String>,
}

/// The queue page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QueueView {
    pub administration: String,
    pub filters: QueueFilters,
    pub units: Vec<Choice>,
    pub lines: Vec<QueueLine>,
    pub total: u64,
    /// Zero-based.
    pub page: u64,
    pub pages: u64,
    /// Registry staff: links to register paper mail and keep the address book.
    pub registry: bool,
    /// Staff with a unit: link to send internal mail.
    pub can_send_internal: bool,
    /// Administrators: link to clearances.
    pub can_manage_clearances: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DocumentLink {
    pub name: String,
    pub size: u64,
    pub sha256_hex: String,
    pub url: String,
}

/// A correspondent, as listed and edited.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CorrespondentLine {
    pub id: i32,
    pub kind: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

/// The entry page.
#[derive(Clone, Debug, PartialEq)]
pub struct EntryPage {
    pub line: QueueLine,
    pub administration: String,
    pub message: String,
    pub category: Option<String>,
    pub letter_date: Option<String>,
    pub correspondent: Option<CorrespondentLine>,
    pub filer: Option<String>,
    pub from_unit: Option<String>,
    pub in_reply_to: Option<String>,
    pub registered_by: Option<String>,
    pub documents: Vec<DocumentLink>,
}

/// Choices the intake forms offer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IntakeChoices {
    /// Correspondents to pick (search results, or the start of the address book).
    pub correspondents: Vec<Choice>,
    /// Units of the administration.
    pub units: Vec<Choice>,
    /// The sender's own units (internal mail).
    pub own_units: Vec<Choice>,
    /// Today, `YYYY-MM-DD` (default received date).
    pub today: String,
}

/// A staff member's line on the clearances page.
#[derive(Clone, Debug, PartialEq)]
pub struct ClearanceLine {
    pub user_id: i32,
    pub name: String,
    pub email: String,
    /// `normal`, `confidential` or `secret`.
    pub level: String,
}
