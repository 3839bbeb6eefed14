//! The audit log (journal d'audit): every change to the registers is an event in an
//! append-only, hash-chained log, so that an edited, removed or inserted event is noticed
//! by `sijill audit verify`.
//!
//! # Recording an event
//!
//! Call [`record`] with the connection of the transaction that makes the change, as late
//! as possible before its commit:
//!
//! ```ignore
//! let tx = db.write().await?;
//! // ... the change ...
//! audit::record(&tx, AuditEvent::new(Some(admin_id), Some(user.id), audit::ENTRY_ASSIGNED, audit::ENTRY, &entry_id)
//!     .with(serde_json::json!({"to_unit": unit_id}))).await?;
//! tx.commit().await?;
//! ```
//!
//! The event then commits or rolls back with the change. [`record_many`] appends several
//! events in one go (the registrar records a whole group of registrations so). An event
//! that goes with no write (a confidential document downloaded) uses [`record_alone`],
//! which opens its own transaction:
//!
//! ```ignore
//! audit::record_alone(&self.db, AuditEvent::new(Some(admin_id), Some(user.id), audit::DOCUMENT_DOWNLOADED, audit::ENTRY, &entry_id)
//!     .with(serde_json::json!({"document": doc.sha256, "name": doc.name}))).await?;
//! ```
//!
//! The subject of every event about an entry or its documents is the entry, so
//! `GET /api/v1/audit?entry=<id>` shows them all.
//!
//! # Locking
//!
//! `record` locks the administration's chain (its `audit_heads` row; see `db::audit`) until
//! the transaction ends, so:
//! - make it the last statement before the commit: in particular after taking a register
//!   number, never before (registration takes the counter, then the chain; the reverse
//!   order in another transaction could deadlock);
//! - several calls for one administration are fine (its chain is already locked); events
//!   for several administrations go in one [`record_many`], which locks their chains in a
//!   fixed order;
//! - always inside a transaction, never on the bare pool: the head and the event must
//!   commit together. A writing transaction is a `Db::write()` (the writer lock on
//!   SQLite, held until it commits).

//! # The chain
//!
//! Each administration has its own chain (administration `None` is the global chain), so
//! administrations do not wait for one another. Events are numbered `seq` = 1, 2, … and
//! each stores the hash of the one before (`prev_hash`; 64 zeros for the first) and its own
//! `hash` = SHA-256 over [`canonical_bytes`]:
//!
//! ```text
//! "sijill-audit-v1"
//! then, for each of: chain, seq, at, actor, action, subject_kind, subject_id, details, prev_hash
//!   absent (NULL chain or actor):  0x00
//!   present:                       0x01, length of the UTF-8 bytes as u64 big-endian, the bytes
//! ```
//!
//! where chain, seq and actor are decimal integers, `at` is RFC 3339 in UTC with exactly six
//! fraction digits (`2026-11-25T15:04:05.123456Z`; stored times are truncated to the
//! microsecond so both databases give them back unchanged), and `details` is the JSON
//! text exactly as stored. Length prefixes make the encoding unambiguous: no two different
//! events have the same bytes. `audit_heads` keeps the last `seq` and hash of each chain,
//! so cutting events off the end of a chain is noticed too.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

mod verify;

pub use verify::{verify, BrokenLink, ChainHead, Fault, VerifyReport};

use crate::db::audit as q;
use crate::db::entities::audit_event;
use crate::error::Result;

/// A register entry was recorded (portal filing, paper mail, internal, API, outgoing).
pub const ENTRY_REGISTERED: &str = "entry.registered";
/// An entry was assigned (imputation), accepted or reassigned.
pub const ENTRY_ASSIGNED: &str = "entry.assigned";
/// An entry's status changed.
pub const ENTRY_STATUS: &str = "entry.status";
/// A document of a confidential or secret entry was downloaded.
pub const DOCUMENT_DOWNLOADED: &str = "document.downloaded";

/// A staff member's clearance was raised (`details`: `level`, `previous`).
pub const CLEARANCE_GRANTED: &str = "clearance.granted";
/// A staff member's clearance was lowered or withdrawn (`details`: `level`, `previous`).
pub const CLEARANCE_REVOKED: &str = "clearance.revoked";

/// Subject kind of users (`users.id`), e.g. whose clearance changed.
pub const USER: &str = "user";
/// Subject kind of register entries (`filings.id`).
pub const ENTRY: &str = "entry";

/// `prev_hash` of the first event of a chain.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened, as a caller describes it; `record` adds the time, position and hashes.
#[derive(Debug, Clone)]
pub struct AuditEvent {
    /// The chain: the administration concerned, or `None` for events of no administration.
    pub administration_id: Option<i32>,
    /// Who did it; `None` for the system (jobs, start-up).
    pub actor_id: Option<i32>,
    /// One of the constants above, e.g. `entry.registered`.
    pub action: &'static str,
    /// What it happened to, e.g. (`entry`, the entry's id).
    pub subject_kind: &'static str,
    pub subject_id: String,
    /// Facts worth keeping (number, unit, old and new status, document hash…), as JSON.
    pub details: serde_json::Value,
}

impl AuditEvent {
    pub fn new(administration_id: Option<i32>, actor_id: Option<i32>, action: &'static str, subject_kind: &'static str, subject_id: &str) -> Self {
        AuditEvent { administration_id, actor_id, action, subject_kind, subject_id: subject_id.to_owned(), details: serde_json::Value::Object(Default::default()) }
    }

    pub fn with(mut self, details: serde_json::Value) -> Self {
        self.details = details;
        self
    }
}

/// The event of a new register entry (every origin: portal, paper, internal, API,
/// outgoing); `db::register` records it in the registration's transaction.
pub fn entry_registered(f: &crate::db::entities::filing::Model) -> AuditEvent {
    AuditEvent::new(Some(f.administration_id), f.registered_by.or(f.filer_id), ENTRY_REGISTERED, ENTRY, &f.id).with(serde_json::json!({
        "number": f.number,
        "direction": f.direction,
        "origin": f.origin,
        "status": f.status,
        "confidentiality": f.confidentiality,
    }))
}

/// The time format that is hashed (and that both databases return unchanged).
pub fn hashed_time(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// The stored fields of one event, as hashed.
pub struct Link<'a> {
    pub administration_id: Option<i32>,
    pub seq: i64,
    pub at: &'a DateTime<Utc>,
    pub actor_id: Option<i32>,
    pub action: &'a str,
    pub subject_kind: &'a str,
    pub subject_id: &'a str,
    pub details: &'a str,
    pub prev_hash: &'a str,
}

/// The unambiguous encoding of an event (see the module documentation).
pub fn canonical_bytes(l: &Link<'_>) -> Vec<u8> {
    fn field(out: &mut Vec<u8>, v: Option<&str>) {
        match v {
            None => out.push(0),
            Some(s) => {
                out.push(1);
                out.extend_from_slice(&(s.len() as u64).to_be_bytes());
                out.extend_from_slice(s.as_bytes());
            }
        }
    }
    let mut out = b"sijill-audit-v1".to_vec();
    field(&mut out, l.administration_id.map(|a| a.to_string()).as_deref());
    field(&mut out, Some(&l.seq.to_string()));
    field(&mut out, Some(&hashed_time(l.at)));
    field(&mut out, l.actor_id.map(|a| a.to_string()).as_deref());
    for s in [l.action, l.subject_kind, l.subject_id, l.details, l.prev_hash] {
        field(&mut out, Some(s));
    }
    out
}

pub fn link_hash(l: &Link<'_>) -> String {
    hex::encode(Sha256::digest(canonical_bytes(l)))
}

/// Appends `ev` to its administration's chain, inside the caller's transaction (see the
/// module documentation). Returns the event's position in the chain.
pub async fn record(conn: &impl sea_orm::ConnectionTrait, ev: AuditEvent) -> Result<i64> {
    Ok(record_many(conn, vec![ev]).await?[0])
}

/// Appends several events at once (e.g. a group of registrations written in one
/// transaction): one head update per chain, one INSERT. Events keep their order within
/// a chain; chains are locked in a fixed order (global, then by administration id) so two
/// transactions never wait for each other's heads. Returns each event's position.
pub async fn record_many(conn: &impl sea_orm::ConnectionTrait, events: Vec<AuditEvent>) -> Result<Vec<i64>> {
    let at = truncate_to_micros(Utc::now());
    let mut chains: std::collections::BTreeMap<Option<i32>, Vec<usize>> = Default::default();
    for (i, e) in events.iter().enumerate() {
        chains.entry(e.administration_id).or_default().push(i);
    }
    let mut seqs = vec![0i64; events.len()];
    let mut rows = Vec::with_capacity(events.len());
    for (chain, members) in chains {
        let (first, mut prev_hash) = q::advance_head(conn, chain, members.len() as i64, GENESIS).await?;
        for (k, i) in members.into_iter().enumerate() {
            let ev = &events[i];
            let (seq, details) = (first + k as i64, ev.details.to_string());
            let hash = link_hash(&Link {
                administration_id: chain,
                seq,
                at: &at,
                actor_id: ev.actor_id,
                action: ev.action,
                subject_kind: ev.subject_kind,
                subject_id: &ev.subject_id,
                details: &details,
                prev_hash: &prev_hash,
            });
            seqs[i] = seq;
            rows.push(q::NewEvent {
                administration_id: chain,
                seq,
                at,
                actor_id: ev.actor_id,
                action: ev.action.to_owned(),
                subject_kind: ev.subject_kind.to_owned(),
                subject_id: ev.subject_id.clone(),
                details,
                prev_hash: std::mem::replace(&mut prev_hash, hash.clone()),
                hash,
            });
        }
    }
    q::insert(conn, rows).await?;
    Ok(seqs)
}

/// Records an event that goes with no other write (e.g. a confidential document was
/// downloaded) in a transaction of its own. Changes must use [`record`] in their own
/// transaction instead, so the event and the change commit together.
pub async fn record_alone(db: &crate::db::Db, ev: AuditEvent) -> Result<i64> {
    let tx = db.write().await?;
    let seq = record(&tx, ev).await?;
    tx.commit().await?;
    Ok(seq)
}

fn truncate_to_micros(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(t.timestamp_micros()).unwrap_or(t)
}

/// One event as an administrator reads it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AuditEventView {
    pub id: i64,
    pub seq: i64,
    #[schema(value_type = String, format = DateTime)]
    pub at: DateTime<Utc>,
    pub actor_id: Option<i32>,
    /// e.g. `entry.registered`, `entry.assigned`, `entry.status`, `document.downloaded`.
    pub action: String,
    pub subject_kind: String,
    pub subject_id: String,
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
    pub hash: String,
}

impl From<audit_event::Model> for AuditEventView {
    fn from(e: audit_event::Model) -> Self {
        let details = serde_json::from_str(&e.details).unwrap_or(serde_json::Value::String(e.details));
        AuditEventView { id: e.id, seq: e.seq, at: e.at, actor_id: e.actor_id, action: e.action, subject_kind: e.subject_kind, subject_id: e.subject_id, details, hash: e.hash }
    }
}

impl super::Services {
    /// The audit events of one register entry, for administrators of its administration.
    /// Anyone else gets `NotFound`, as if the entry did not exist.
    pub async fn audit_of_entry(&self, user: &super::auth::CurrentUser, entry_id: &str) -> Result<Vec<AuditEventView>> {
        use super::authz::{allowed, Action};
        let c = &self.db.conn;
        let entry = crate::db::register::by_id(c, entry_id).await?.ok_or(crate::error::Error::NotFound)?;
        if !allowed(user, Action::ReadAudit { administration_id: entry.administration_id }) {
            return Err(crate::error::Error::NotFound);
        }
        Ok(q::of_subject(c, ENTRY, entry_id).await?.into_iter().map(AuditEventView::from).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link<'a>(at: &'a DateTime<Utc>, subject_id: &'a str, details: &'a str) -> Link<'a> {
        Link { administration_id: Some(1), seq: 1, at, actor_id: None, action: ENTRY_REGISTERED, subject_kind: ENTRY, subject_id, details, prev_hash: GENESIS }
    }

    #[test]
    fn moving_bytes_between_fields_changes_the_hash() {
        let at = DateTime::from_timestamp_micros(1_700_000_000_123_456).unwrap();
        let a = link_hash(&link(&at, "ab", "{}"));
        let b = link_hash(&link(&at, "a", "b{}"));
        assert_ne!(a, b, "length prefixes keep field boundaries");
        assert_eq!(a, link_hash(&link(&at, "ab", "{}")), "deterministic");
        assert_eq!(hashed_time(&at), "2023-11-14T22:13:20.123456Z");
    }

    #[test]
    fn absent_actor_differs_from_any_actor() {
        let at = DateTime::from_timestamp_micros(0).unwrap();
        let none = link(&at, "x", "{}");
        let some = Link { actor_id: Some(0), ..link(&at, "x", "{}") };
        assert_ne!(canonical_bytes(&none), canonical_bytes(&some));
    }
}
