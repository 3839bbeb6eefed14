//! Abuse limits: how many times an account's password, a signing key's PIN, a client
//! address's sign-ups… may be tried before a lockout, and how long the lockout lasts. One
//! module for every caller (sign-in, sign-up, e-mail verification, PIN entry), persisted
//! in the database (`db::throttle`) so that it holds across server processes and restarts.
//!
//! An attempt is counted *before* the secret is checked ([`Services::attempt`]), in a
//! transaction that locks the subject's row: concurrent attempts are counted one after the
//! other, and once the limit is reached the next ones are refused without checking anything
//! (429 with `Retry-After`), the right password included. The caller then settles it:
//! [`Attempt::succeeded`] (a right password forgets the account's failures; an address only
//! gets its one attempt back) or [`Attempt::failed`] (nothing to undo; it tells whether the
//! attempt started a lockout, so the owner can be warned by e-mail).
//!
//! A lockout starts when a subject's attempts within `throttle.window_secs` reach its
//! limit. The first lasts `throttle.lockout_secs`; each one in a row after it twice as long
//! as the one before, up to `throttle.max_lockout_secs`. A subject left alone that long
//! starts afresh.

use chrono::{DateTime, Duration, Utc};

use super::Services;
use crate::config;
use crate::db::entities::throttle::Model as Row;
use crate::db::throttle as q;
use crate::error::{Error, Result};

/// What is limited, and what a success does to the count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Sign-ins of one account (subject: the normalised e-mail, known or not).
    SignIn,
    /// Failed sign-ins from one client address.
    SignInAddress,
    /// Sign-ups from one client address (every one counts).
    SignUpAddress,
    /// Sign-ups naming one e-mail address (each may send its owner an e-mail).
    SignUpEmail,
    /// E-mail verification links tried from one client address.
    VerifyAddress,
    /// PIN entries of one signing key (subject: `user_id:key_id`).
    Pin,
}

/// What a success does to a subject's count.
enum OnSuccess {
    /// The secret is known: forget the failures (and end a lockout this attempt started).
    Forget,
    /// Give this one attempt back: only failures count against an address.
    Refund,
    /// Every attempt counts, successful or not.
    Keep,
}

impl Limit {
    fn scope(self) -> &'static str {
        match self {
            Limit::SignIn => "signin",
            Limit::SignInAddress => "signin_address",
            Limit::SignUpAddress => "signup_address",
            Limit::SignUpEmail => "signup_email",
            Limit::VerifyAddress => "verify_address",
            Limit::Pin => "pin",
        }
    }

    fn max(self, c: &config::Throttle) -> i32 {
        let n = match self {
            Limit::SignIn | Limit::Pin => c.account_failures,
            Limit::SignInAddress | Limit::VerifyAddress => c.address_failures,
            Limit::SignUpAddress => c.signups_per_address,
            Limit::SignUpEmail => c.signups_per_email,
        };
        n.clamp(1, i32::MAX as u32) as i32
    }

    fn on_success(self) -> OnSuccess {
        match self {
            Limit::SignIn | Limit::Pin => OnSuccess::Forget,
            Limit::SignInAddress | Limit::VerifyAddress => OnSuccess::Refund,
            Limit::SignUpAddress | Limit::SignUpEmail => OnSuccess::Keep,
        }
    }
}

/// How long the `n`-th lockout in a row lasts (`n` ≥ 1).
pub fn lockout_length(c: &config::Throttle, n: i32) -> Duration {
    let doubling = 1u64 << (n.clamp(1, 40) - 1) as u32;
    let secs = c.lockout_secs.saturating_mul(doubling).min(c.max_lockout_secs);
    Duration::seconds(secs.min(i64::MAX as u64) as i64)
}

/// Counts one attempt on `row` at `now`, or says how long it is still locked.
fn count(c: &config::Throttle, limit: Limit, row: &mut Row, now: DateTime<Utc>) -> std::result::Result<bool, Duration> {
    if let Some(until) = row.locked_until.filter(|u| *u > now) {
        return Err(until - now);
    }
    if now - row.updated_at > Duration::seconds(c.max_lockout_secs.min(i64::MAX as u64) as i64) {
        row.lockouts = 0;
    }
    if now - row.window_started_at > Duration::seconds(c.window_secs.min(i64::MAX as u64) as i64) {
        row.attempts = 0;
        row.window_started_at = now;
    }
    row.attempts += 1;
    row.updated_at = now;
    if row.attempts < limit.max(c) {
        return Ok(false);
    }
    // The last attempt allowed: it is still checked, the next ones wait.
    row.lockouts += 1;
    row.locked_until = Some(now + lockout_length(c, row.lockouts));
    row.attempts = 0;
    row.window_started_at = now;
    Ok(true)
}

/// An attempt counted against some subjects, to settle once the secret is checked.
#[must_use = "settle the attempt with `succeeded` or `failed`"]
pub struct Attempt {
    keys: Vec<(Limit, String, bool)>,
}

impl Services {
    /// Counts an attempt against every `(limit, subject)` at once, or refuses it with
    /// `Error::TooManyRequests` (429) if any of them is locked (then nothing is counted).
    pub async fn attempt(&self, keys: &[(Limit, &str)]) -> Result<Attempt> {
        let c = &self.config.throttle;
        let now = Utc::now();
        let mut keys: Vec<(Limit, String)> = keys.iter().map(|(l, s)| (*l, s.to_string())).collect();
        // A fixed order: two attempts on the same subjects never wait for each other.
        keys.sort_by(|a, b| (a.0.scope(), &a.1).cmp(&(b.0.scope(), &b.1)));
        keys.dedup();
        let tx = self.db.write().await?;
        let mut rows = Vec::with_capacity(keys.len());
        for (limit, subject) in &keys {
            rows.push(q::lock(&tx, limit.scope(), subject, now).await?);
        }
        let mut started = Vec::with_capacity(keys.len());
        let mut wait = Duration::zero();
        for ((limit, _), row) in keys.iter().zip(rows.iter_mut()) {
            match count(c, *limit, row, now) {
                Ok(s) => started.push(s),
                Err(w) => wait = wait.max(w),
            }
        }
        if wait > Duration::zero() {
            tx.rollback().await?;
            let secs = (wait.num_milliseconds().max(0) as u64).div_ceil(1000).max(1);
            tracing::warn!(scopes = ?keys.iter().map(|k| k.0.scope()).collect::<Vec<_>>(), retry_after = secs, "attempt refused: locked out");
            return Err(Error::TooManyRequests { retry_after_secs: secs });
        }
        for row in &rows {
            q::save(&tx, row).await?;
        }
        tx.commit().await?;
        Ok(Attempt { keys: keys.into_iter().zip(started).map(|((l, s), st)| (l, s, st)).collect() })
    }

    /// Forgets old rows (idle for longer than the longest lockout, and not locked).
    pub async fn purge_throttles(&self) -> Result<u64> {
        let now = Utc::now();
        let idle = Duration::seconds(self.config.throttle.max_lockout_secs.max(self.config.throttle.window_secs).min(i64::MAX as u64) as i64);
        let tx = self.db.write().await?;
        let purged = q::purge(&tx, now - idle, now).await?;
        tx.commit().await?;
        Ok(purged)
    }

    /// The lockout of a subject, if it is locked now (for tests and the account page).
    pub async fn locked_until(&self, limit: Limit, subject: &str) -> Result<Option<DateTime<Utc>>> {
        Ok(q::find(&self.db.conn, limit.scope(), subject).await?.and_then(|r| r.locked_until).filter(|u| *u > Utc::now()))
    }
}

impl Services {
    /// Warns the owner of a locked account or key by e-mail (through the outbox). A failure
    /// to queue it is logged, never shown to the one who typed the wrong secret.
    pub async fn warn_of_lockout(&self, user_id: i32, limit: Limit, subject: &str) {
        if let Err(e) = self.queue_lockout_warning(user_id, limit, subject).await {
            tracing::warn!(user_id, error = %e, "lockout warning not queued");
        }
    }

    async fn queue_lockout_warning(&self, user_id: i32, limit: Limit, subject: &str) -> Result<()> {
        let Some((u, _)) = crate::db::queries::user_with_roles(&self.db.conn, user_id).await? else { return Ok(()) };
        let Some(until) = self.locked_until(limit, subject).await? else { return Ok(()) };
        let what = if limit == Limit::Pin { super::mail::Guarded::Pin } else { super::mail::Guarded::Password };
        let lang = crate::i18n::Lang::from_code(&u.lang).unwrap_or_default();
        let (subj, body) = super::mail::lockout_email(lang, &u.display_name, what, &until.format("%Y-%m-%d %H:%M").to_string());
        let tx = self.db.write().await?;
        crate::db::outbox::enqueue(&tx, "lockout_warning", &u.email, &subj, &body, None).await?;
        tx.commit().await?;
        tracing::warn!(user_id, scope = limit.scope(), "locked out after repeated failures; owner warned");
        Ok(())
    }
}

impl Attempt {
    /// The secret was right (or the action went through).
    pub async fn succeeded(self, svc: &Services) -> Result<()> {
        if self.keys.iter().all(|k| matches!(k.0.on_success(), OnSuccess::Keep)) {
            return Ok(());
        }
        let c = &svc.config.throttle;
        let now = Utc::now();
        let tx = svc.db.write().await?;
        for (limit, subject, started) in &self.keys {
            match limit.on_success() {
                OnSuccess::Keep => {}
                OnSuccess::Forget => q::delete(&tx, limit.scope(), subject).await?,
                OnSuccess::Refund => refund(&tx, *limit, subject, *started, c, now).await?,
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// The secret was wrong. Returns the limits whose lockout this attempt started (their
    /// owner may be warned).
    pub fn failed(self) -> Vec<Limit> {
        self.keys.into_iter().filter(|k| k.2).map(|k| k.0).collect()
    }

    /// The attempt was no guess at all (the request failed for another reason): give it back
    /// everywhere, as a success would for an address.
    pub async fn not_counted(self, svc: &Services) -> Result<()> {
        let c = &svc.config.throttle;
        let now = Utc::now();
        let tx = svc.db.write().await?;
        for (limit, subject, started) in &self.keys {
            refund(&tx, *limit, subject, *started, c, now).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// Gives one attempt back on `limit` for `subject`. If that attempt started the lockout, the
/// lockout is undone too, leaving the count one attempt short of it.
async fn refund(tx: &crate::db::WriteTx, limit: Limit, subject: &str, started: bool, c: &config::Throttle, now: DateTime<Utc>) -> Result<()> {
    let mut row = q::lock(tx, limit.scope(), subject, now).await?;
    if started {
        row.locked_until = None;
        row.lockouts = (row.lockouts - 1).max(0);
        row.attempts = limit.max(c) - 1;
    } else {
        row.attempts = (row.attempts - 1).max(0);
    }
    q::save(tx, &row).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> config::Throttle {
        config::Throttle {
            account_failures: 3,
            address_failures: 10,
            signups_per_address: 5,
            signups_per_email: 2,
            window_secs: 900,
            lockout_secs: 60,
            max_lockout_secs: 3600,
            trust_forwarded_for: false,
        }
    }

    fn row(now: DateTime<Utc>) -> Row {
        Row { scope: "signin".into(), subject: "a@b.c".into(), attempts: 0, window_started_at: now, locked_until: None, lockouts: 0, updated_at: now }
    }

    #[test]
    fn the_last_allowed_attempt_starts_a_lockout_that_doubles() {
        let c = cfg();
        let now = Utc::now();
        let mut r = row(now);
        assert_eq!(count(&c, Limit::SignIn, &mut r, now), Ok(false));
        assert_eq!(count(&c, Limit::SignIn, &mut r, now), Ok(false));
        assert_eq!(count(&c, Limit::SignIn, &mut r, now), Ok(true), "third of three starts the lockout");
        assert_eq!(count(&c, Limit::SignIn, &mut r, now), Err(Duration::seconds(60)));
        let later = now + Duration::seconds(61);
        for _ in 0..2 {
            assert_eq!(count(&c, Limit::SignIn, &mut r, later), Ok(false));
        }
        assert_eq!(count(&c, Limit::SignIn, &mut r, later), Ok(true));
        assert_eq!(r.locked_until, Some(later + Duration::seconds(120)), "the second lockout lasts twice as long");
        assert_eq!(lockout_length(&c, 30), Duration::seconds(3600), "capped");
    }

    #[test]
    fn old_attempts_and_old_lockouts_are_forgotten() {
        let c = cfg();
        let now = Utc::now();
        let mut r = row(now);
        count(&c, Limit::SignIn, &mut r, now).unwrap();
        count(&c, Limit::SignIn, &mut r, now).unwrap();
        let later = now + Duration::seconds(901);
        assert_eq!(count(&c, Limit::SignIn, &mut r, later), Ok(false), "the window has passed");
        assert_eq!(r.attempts, 1);
        r.lockouts = 5;
        let much_later = later + Duration::seconds(3601);
        count(&c, Limit::SignIn, &mut r, much_later).unwrap();
        assert_eq!(r.lockouts, 0);
    }
}
