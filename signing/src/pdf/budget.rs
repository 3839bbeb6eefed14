//! Budgets for reading untrusted PDFs: how much a file may make us decode, how many
//! cross-reference sections and objects it may declare, how deep its streams may nest,
//! how many signatures and changed objects verification examines, and for how long.
//!
//! A few kilobytes of PDF can ask for gigabytes (a doubly compressed object stream), for
//! seconds of CPU (chained xref sections, signatures × changes), or for both. Every
//! [`Document`](super::Document) reads under one [`Budget`]; verification shares one
//! budget between the newest revision and every signed revision it opens, so the limits
//! are per file and per request, not per stream. Past a limit the reader stops with
//! [`Error::Limit`] naming it, before allocating what the file asked for.

use crate::Error;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One of the limits of [`Limits`], as named in errors (`decoded_bytes`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Limit {
    /// [`Limits::max_decoded_bytes`].
    DecodedBytes,
    /// [`Limits::max_xref_sections`].
    XrefSections,
    /// [`Limits::max_objects`].
    Objects,
    /// [`Limits::max_stream_nesting`].
    StreamNesting,
    /// [`Limits::max_signatures`].
    Signatures,
    /// [`Limits::max_changed_objects`].
    ChangedObjects,
    /// [`Limits::time`].
    Time,
}

impl Limit {
    /// Stable name, used in error messages and by the server's error bodies.
    pub fn key(self) -> &'static str {
        match self {
            Limit::DecodedBytes => "decoded_bytes",
            Limit::XrefSections => "xref_sections",
            Limit::Objects => "objects",
            Limit::StreamNesting => "stream_nesting",
            Limit::Signatures => "signatures",
            Limit::ChangedObjects => "changed_objects",
            Limit::Time => "time_ms",
        }
    }

    fn code(self) -> u8 {
        self as u8 + 1
    }

    fn from_code(c: u8) -> Option<Limit> {
        use Limit::*;
        [
            DecodedBytes,
            XrefSections,
            Objects,
            StreamNesting,
            Signatures,
            ChangedObjects,
            Time,
        ]
        .get(usize::from(c).checked_sub(1)?)
        .copied()
    }
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// The limits one untrusted file is read under. The defaults let through every real
/// document we know of (a 30 MB scan, a folder signed by dozens of officials) and stop
/// hostile ones well before they cost a server hundreds of megabytes or seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Bytes produced by decoding streams (xref streams, object streams, DSS data),
    /// summed over the whole file and every revision verification opens, each filter
    /// stage counted. Default 64 MiB: a structural stream of a real PDF rarely decodes
    /// past a few megabytes, and decoded object streams stay cached while the file is
    /// read, so this bounds the reader's memory too.
    pub max_decoded_bytes: u64,
    /// Cross-reference sections followed through `/Prev` and `/XRefStm`. Default 256:
    /// every incremental update (each signature, DSS or timestamp) adds one; a folder
    /// signed by 50 officials at B-LTA has about 150.
    pub max_xref_sections: usize,
    /// Cross-reference entries read (shadowed ones included) per revision, and objects
    /// indexed in object streams. Default 1,000,000: large real files have ~100,000.
    pub max_objects: usize,
    /// Filters stacked on one stream (a doubly compressed object stream has two).
    /// Default 3: real producers use one.
    pub max_stream_nesting: usize,
    /// Signatures and document timestamps verified. Default 100.
    pub max_signatures: usize,
    /// Objects changed after a signature, summed over the signatures (K signatures over
    /// N changed objects cost K × N). Default 20,000: thirty signatures each followed by
    /// a few changes cost a few thousand.
    pub max_changed_objects: usize,
    /// Wall-clock time for the whole read (or verification). Default 10 s: a real file
    /// verifies in well under a second.
    pub time: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_decoded_bytes: 64 << 20,
            max_xref_sections: 256,
            max_objects: 1_000_000,
            max_stream_nesting: 3,
            max_signatures: 100,
            max_changed_objects: 20_000,
            time: Duration::from_secs(10),
        }
    }
}

impl Limits {
    /// The configured value of `limit`, for messages (time in milliseconds).
    pub fn value(&self, limit: Limit) -> u64 {
        match limit {
            Limit::DecodedBytes => self.max_decoded_bytes,
            Limit::XrefSections => self.max_xref_sections as u64,
            Limit::Objects => self.max_objects as u64,
            Limit::StreamNesting => self.max_stream_nesting as u64,
            Limit::Signatures => self.max_signatures as u64,
            Limit::ChangedObjects => self.max_changed_objects as u64,
            Limit::Time => self.time.as_millis().min(u64::MAX as u128) as u64,
        }
    }
}

/// A flag the caller sets to stop work in progress (the server sets it when the request
/// that asked for the work has gone). Cheap to clone; clones share the flag.
#[derive(Clone, Debug, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn new() -> Self {
        Cancel::default()
    }
    /// Asks the work to stop at its next check.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// What is left of the [`Limits`] for one file: shared (through an `Arc`) by every
/// document opened while reading or verifying it. Once a limit is passed the budget stays
/// spent, so a caller that ignored one error still stops at its next [`Budget::check`].
#[derive(Debug)]
pub struct Budget {
    limits: Limits,
    deadline: Instant,
    cancel: Cancel,
    decoded: AtomicU64,
    changed: AtomicU64,
    tripped: AtomicU8,
    cancelled: AtomicBool,
}

impl Default for Budget {
    fn default() -> Self {
        Budget::new(Limits::default(), Cancel::default())
    }
}

impl Budget {
    /// A fresh budget; the time limit starts now.
    pub fn new(limits: Limits, cancel: Cancel) -> Self {
        Budget {
            limits,
            deadline: Instant::now()
                .checked_add(limits.time)
                .unwrap_or_else(|| Instant::now() + Duration::from_secs(86_400 * 365)),
            cancel,
            decoded: AtomicU64::new(0),
            changed: AtomicU64::new(0),
            tripped: AtomicU8::new(0),
            cancelled: AtomicBool::new(false),
        }
    }

    /// A shared handle on a fresh budget.
    pub fn shared(limits: Limits, cancel: Cancel) -> Arc<Budget> {
        Arc::new(Budget::new(limits, cancel))
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The error for `limit`, remembered so that later checks fail the same way.
    pub fn exceeded(&self, limit: Limit) -> Error {
        let _ =
            self.tripped
                .compare_exchange(0, limit.code(), Ordering::Relaxed, Ordering::Relaxed);
        Error::Limit {
            limit,
            max: self.limits.value(limit),
        }
    }

    /// Fails when a limit was passed, the time is up or the work was cancelled. Called in
    /// the reader's and the verifier's loops.
    pub fn check(&self) -> Result<(), Error> {
        if let Some(l) = Limit::from_code(self.tripped.load(Ordering::Relaxed)) {
            return Err(self.exceeded(l));
        }
        if self.cancelled.load(Ordering::Relaxed) || self.cancel.is_cancelled() {
            self.cancelled.store(true, Ordering::Relaxed);
            return Err(Error::Cancelled);
        }
        if Instant::now() >= self.deadline {
            return Err(self.exceeded(Limit::Time));
        }
        Ok(())
    }

    /// Bytes that may still be decoded.
    pub fn decode_left(&self) -> u64 {
        self.limits
            .max_decoded_bytes
            .saturating_sub(self.decoded.load(Ordering::Relaxed))
    }

    /// Counts `n` decoded bytes (or bytes of index built from decoded data).
    pub fn charge_decoded(&self, n: u64) -> Result<(), Error> {
        let before = self.decoded.fetch_add(n, Ordering::Relaxed);
        if before.saturating_add(n) > self.limits.max_decoded_bytes {
            return Err(self.exceeded(Limit::DecodedBytes));
        }
        Ok(())
    }

    /// Counts one changed object examined by verification.
    pub fn charge_changed(&self) -> Result<(), Error> {
        let before = self.changed.fetch_add(1, Ordering::Relaxed);
        if before + 1 > self.limits.max_changed_objects as u64 {
            return Err(self.exceeded(Limit::ChangedObjects));
        }
        Ok(())
    }

    /// Fails with `limit` when `count` is over its maximum.
    pub fn at_most(&self, limit: Limit, count: usize) -> Result<(), Error> {
        if count as u64 > self.limits.value(limit) {
            return Err(self.exceeded(limit));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passed_limit_stays_passed() {
        let b = Budget::new(
            Limits {
                max_decoded_bytes: 10,
                ..Limits::default()
            },
            Cancel::new(),
        );
        assert!(b.charge_decoded(10).is_ok());
        assert!(b.check().is_ok());
        let e = b.charge_decoded(1).unwrap_err();
        assert!(
            matches!(
                e,
                Error::Limit {
                    limit: Limit::DecodedBytes,
                    max: 10
                }
            ),
            "{e}"
        );
        assert!(matches!(
            b.check(),
            Err(Error::Limit {
                limit: Limit::DecodedBytes,
                ..
            })
        ));
    }

    #[test]
    fn cancel_and_deadline_stop_work() {
        let c = Cancel::new();
        let b = Budget::new(Limits::default(), c.clone());
        assert!(b.check().is_ok());
        c.cancel();
        assert!(matches!(b.check(), Err(Error::Cancelled)));
        let b = Budget::new(
            Limits {
                time: Duration::ZERO,
                ..Limits::default()
            },
            Cancel::new(),
        );
        assert!(matches!(
            b.check(),
            Err(Error::Limit {
                limit: Limit::Time,
                max: 0
            })
        ));
    }
}
