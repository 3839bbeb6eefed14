//! `sijill audit verify`: walks every chain and names the first broken link (see the
//! parent module for what is hashed).

use super::{link_hash, Link, GENESIS};
use crate::db::audit as q;
use crate::db::entities::audit_event;
use crate::error::Result;

/// Why a link is broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// The event's stored hash is not the hash of its fields: the event was edited.
    HashMismatch,
    /// The event's `prev_hash` is not the hash of the event before it.
    PrevMismatch,
    /// Positions `expected ..< found` are absent: events were deleted.
    Gap { expected: i64 },
    /// The chain's head says it goes up to `head_seq`, but the events stop before.
    Missing { head_seq: i64 },
    /// The last event's hash differs from the one the head recorded.
    HeadMismatch,
    /// The chain has events but no head row.
    NoHead,
}

impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Fault::HashMismatch => write!(f, "hash mismatch: the event's content was changed after it was recorded"),
            Fault::PrevMismatch => write!(f, "prev_hash mismatch: it does not link to the previous event"),
            Fault::Gap { expected } => write!(f, "gap in seq: expected seq {expected}, events were removed"),
            Fault::Missing { head_seq } => write!(f, "missing events: the chain head records seq {head_seq}"),
            Fault::HeadMismatch => write!(f, "the chain head's hash differs from the last event's hash"),
            Fault::NoHead => write!(f, "the chain has no head row"),
        }
    }
}

/// The first broken link found.
#[derive(Debug, Clone)]
pub struct BrokenLink {
    pub administration_id: Option<i32>,
    /// The administration's code, when it still exists.
    pub administration_code: Option<String>,
    /// The position where the chain breaks.
    pub seq: i64,
    /// The event at that position, if there is one.
    pub event_id: Option<i64>,
    pub fault: Fault,
}

impl std::fmt::Display for BrokenLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write_chain(f, self.administration_id, &self.administration_code)?;
        write!(f, ", seq {}", self.seq)?;
        match self.event_id {
            Some(id) => write!(f, ", event id {id}")?,
            None => write!(f, ", no event")?,
        }
        write!(f, ": {}", self.fault)
    }
}

/// Where a chain ends, worth writing down outside the database: an attacker who rewrites
/// a chain's end and its head cannot match a hash recorded elsewhere.
#[derive(Debug, Clone)]
pub struct ChainHead {
    pub administration_id: Option<i32>,
    pub administration_code: Option<String>,
    pub seq: i64,
    pub hash: String,
}

impl std::fmt::Display for ChainHead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write_chain(f, self.administration_id, &self.administration_code)?;
        write!(f, ": seq {}, hash {}", self.seq, self.hash)
    }
}

fn write_chain(f: &mut std::fmt::Formatter<'_>, id: Option<i32>, code: &Option<String>) -> std::fmt::Result {
    match (id, code) {
        (Some(id), Some(code)) => write!(f, "administration {code} (id {id})"),
        (Some(id), None) => write!(f, "administration id {id}"),
        (None, _) => write!(f, "global chain"),
    }
}

#[derive(Debug, Clone)]
pub struct VerifyReport {
    /// Events checked.
    pub events: u64,
    /// Chains checked.
    pub chains: u64,
    /// The end of each intact chain checked, in chain order.
    pub heads: Vec<ChainHead>,
    /// `None` when every chain is intact.
    pub broken: Option<BrokenLink>,
}

const PAGE: u64 = 1000;

/// Walks every chain up to its head and returns the first broken link. Events appended
/// while it runs (beyond the head it read) are left for the next run.
pub async fn verify(conn: &impl sea_orm::ConnectionTrait) -> Result<VerifyReport> {
    let mut chains: Vec<Option<i32>> = q::chains_with_events(conn).await?;
    let heads = q::heads(conn).await?;
    for h in &heads {
        let chain = if h.chain == 0 { None } else { Some(h.chain) };
        if !chains.contains(&chain) {
            chains.push(chain);
        }
    }
    chains.sort();
    let mut report = VerifyReport { events: 0, chains: chains.len() as u64, heads: Vec::new(), broken: None };
    for chain in chains {
        let outcome = verify_chain(conn, chain, &mut report.events).await?;
        let code = match chain {
            Some(id) => crate::db::queries::administration_by_id(conn, id).await?.map(|a| a.code),
            None => None,
        };
        match outcome {
            Ok((seq, hash)) => report.heads.push(ChainHead { administration_id: chain, administration_code: code, seq, hash }),
            Err((seq, event_id, fault)) => {
                report.broken = Some(BrokenLink { administration_id: chain, administration_code: code, seq, event_id, fault });
                return Ok(report);
            }
        }
    }
    Ok(report)
}

type ChainOutcome = std::result::Result<(i64, String), (i64, Option<i64>, Fault)>;

/// Checks one chain: its end `(seq, hash)` when intact, else `(seq, event id, fault)` at the
/// first broken link.
async fn verify_chain(conn: &impl sea_orm::ConnectionTrait, chain: Option<i32>, count: &mut u64) -> Result<ChainOutcome> {
    // Read the head first: every event up to it was committed with it.
    let key = q::chain_key(chain);
    let head = q::heads(conn).await?.into_iter().find(|h| h.chain == key);
    let upto = head.as_ref().map_or(i64::MAX, |h| h.seq);
    let (mut last_seq, mut last_hash) = (0i64, GENESIS.to_owned());
    loop {
        let page = q::chain_page(conn, chain, last_seq, upto, PAGE).await?;
        let n = page.len() as u64;
        for e in page {
            if let Some(fault) = check_link(&e, last_seq, &last_hash) {
                return Ok(Err((last_seq + 1, Some(e.id), fault)));
            }
            *count += 1;
            last_seq = e.seq;
            last_hash = e.hash;
        }
        if n < PAGE {
            break;
        }
    }
    Ok(match head {
        None => Err((last_seq, None, Fault::NoHead)),
        Some(h) if h.seq > last_seq => Err((last_seq + 1, None, Fault::Missing { head_seq: h.seq })),
        Some(h) if h.hash != last_hash => Err((last_seq, None, Fault::HeadMismatch)),
        Some(_) => Ok((last_seq, last_hash)),
    })
}

fn check_link(e: &audit_event::Model, prev_seq: i64, prev_hash: &str) -> Option<Fault> {
    if e.seq != prev_seq + 1 {
        return Some(Fault::Gap { expected: prev_seq + 1 });
    }
    let link = Link {
        administration_id: e.administration_id,
        seq: e.seq,
        at: &e.at,
        actor_id: e.actor_id,
        action: &e.action,
        subject_kind: &e.subject_kind,
        subject_id: &e.subject_id,
        details: &e.details,
        prev_hash: &e.prev_hash,
    };
    if link_hash(&link) != e.hash {
        return Some(Fault::HashMismatch);
    }
    if e.prev_hash != prev_hash {
        return Some(Fault::PrevMismatch);
    }
    None
}
