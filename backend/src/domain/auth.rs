//! Accounts and authentication: sign-up with e-mail verification, argon2id passwords,
//! server-side sessions (cookie) and bearer tokens (API). Tokens are random 256-bit values;
//! only their SHA-256 is stored, so a database leak does not leak live sessions.
//!
//! Guessing is limited by `throttle` (per account and per client address); sign-up answers
//! the same whether the address has an account or not (its owner gets an e-mail instead);
//! passwords must not be easy to guess (zxcvbn score 3 or more, the user's own name and
//! address counted as known words); no session or token before the address is verified.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use base64::Engine;
use chrono::{Duration, Utc};
use rand::RngCore;
use serde::Serialize;

use super::throttle::Limit;
use super::Services;
use crate::db::queries;
use crate::error::{Error, Result};
use crate::i18n::{Lang, Msg};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Filer,
    Clerk,
    Agent,
    Official,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Filer => "filer",
            Role::Clerk => "clerk",
            Role::Agent => "agent",
            Role::Official => "official",
            Role::Admin => "admin",
        }
    }
    pub fn parse(s: &str) -> Option<Role> {
        [Role::Filer, Role::Clerk, Role::Agent, Role::Official, Role::Admin]
            .into_iter()
            .find(|r| r.as_str() == s)
    }
}

/// A role held in an administration (and optionally one unit of it).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RoleGrant {
    pub role: Role,
    pub administration_id: Option<i32>,
    pub unit_id: Option<i32>,
}

/// The signed-in user, as every service sees them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CurrentUser {
    pub id: i32,
    pub email: String,
    pub display_name: String,
    /// `fr`, `ar`, `zgh` or `en`.
    #[schema(value_type = String, example = "fr")]
    pub lang: Lang,
    pub email_verified: bool,
    pub roles: Vec<RoleGrant>,
}

/// Cookie sessions and API tokens live in the same table; the kind is recorded for audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    Cookie,
    Bearer,
}

impl SessionKind {
    fn as_str(self) -> &'static str {
        match self {
            SessionKind::Cookie => "session",
            SessionKind::Bearer => "bearer",
        }
    }
}

/// What a filer types in the sign-up form.
#[derive(Debug, Clone)]
pub struct SignUp {
    pub email: String,
    pub password: String,
    pub display_name: String,
    pub lang: Lang,
}

pub const MIN_PASSWORD_LEN: usize = 10;
/// Longer passwords are refused: zxcvbn's cost grows quickly with length, and nobody types more.
pub const MAX_PASSWORD_LEN: usize = 200;
/// The lowest zxcvbn score accepted (0-4; 3 = "safely unguessable": about 10^8 guesses or more).
pub const MIN_PASSWORD_SCORE: u8 = 3;

/// Refuses a password that is too short, too long, or easy to guess for an attacker who knows
/// the user's e-mail address and name (zxcvbn score below [`MIN_PASSWORD_SCORE`]).
pub fn check_password(password: &str, email: &str, name: &str) -> Result<()> {
    let len = password.chars().count();
    if len < MIN_PASSWORD_LEN || password.trim().chars().count() < MIN_PASSWORD_LEN {
        return Err(Error::BadRequest(Msg::WeakPassword));
    }
    if len > MAX_PASSWORD_LEN {
        return Err(Error::BadRequest(Msg::FieldTooLong("password", MAX_PASSWORD_LEN)));
    }
    let local = email.split('@').next().unwrap_or_default();
    let mut known: Vec<&str> = vec![email, local, name, "sijill"];
    known.extend(name.split_whitespace());
    known.extend(local.split(['.', '-', '_', '+']));
    known.retain(|w| !w.is_empty());
    let score: u8 = zxcvbn::zxcvbn(password, &known).score().into();
    if score < MIN_PASSWORD_SCORE {
        return Err(Error::BadRequest(Msg::GuessablePassword));
    }
    Ok(())
}

/// A fresh random token (URL-safe base64 of 32 random bytes).
pub fn new_token() -> String {
    let mut b = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut b);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
}

pub fn token_hash(token: &str) -> String {
    crate::storage::Storage::sha256_hex(token.as_bytes())
}

/// Normalises and checks an e-mail address (one `@`, a dot in the domain, no spaces).
pub fn normalize_email(email: &str) -> Result<String> {
    let e = email.trim().to_lowercase();
    let ok = e.len() <= 254
        && e.split('@').count() == 2
        && e.split('@').all(|p| !p.is_empty())
        && e.rsplit('@').next().is_some_and(|d| d.contains('.') && !d.starts_with('.') && !d.ends_with('.'))
        && !e.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(e)
    } else {
        Err(Error::BadRequest(Msg::InvalidEmail))
    }
}

/// Hashes with argon2id (the crate's default parameters), off the async threads.
pub async fn hash_password(password: &str) -> Result<String> {
    let pw = password.to_owned();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default().hash_password(pw.as_bytes(), &salt).map(|h| h.to_string())
    })
    .await
    .map_err(Error::internal)?
    .map_err(Error::internal)
}

async fn password_matches(password: &str, hash: &str) -> bool {
    let (pw, h) = (password.to_owned(), hash.to_owned());
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&h).is_ok_and(|parsed| Argon2::default().verify_password(pw.as_bytes(), &parsed).is_ok())
    })
    .await
    .unwrap_or(false)
}

/// A hash of nothing useful, verified when the e-mail is unknown so timing does not tell
/// whether an account exists.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2lqaWxsLWR1bW15LXNhbHQ$2cuoJm4wwK8e5sBHWDkfSGUd4VZ3u5Yv6xN9Qzz+2xE";

impl Services {
    /// Creates an unverified filer account and queues the verification e-mail (one
    /// transaction). The link is `{public_url}/verify-email?token=…`.
    ///
    /// The answer is the same whether the address already has an account or not, so that
    /// sign-up does not tell who has one: an existing verified account's owner is told by
    /// e-mail that someone tried; an unverified one gets a fresh verification link. Limited
    /// per client address and per e-mail address (`throttle`).
    pub async fn sign_up(&self, input: SignUp, client: &str) -> Result<()> {
        let email = normalize_email(&input.email)?;
        // Required, at most 200 characters, no control or direction-override characters
        // (a name shown to clerks must read as it is stored).
        let name = super::names::Name::parse("display_name", &input.display_name, 200)?.into_inner();
        let name = name.as_str();
        check_password(&input.password, &email, name)?;
        let attempt = self.attempt(&[(Limit::SignUpAddress, client), (Limit::SignUpEmail, &email)]).await?;
        attempt.succeeded(self).await?;
        // Hashed either way, so that both answers take as long.
        let hash = hash_password(&input.password).await?;
        let base = self.config.server.public_url.trim_end_matches('/').to_owned();
        let token = new_token();
        let link = format!("{base}/verify-email?token={token}");
        let expires = Utc::now() + Duration::hours(48);
        let existing = queries::user_by_email(&self.db.conn, &email).await?;
        let created = match existing {
            Some(_) => None,
            None => {
                let (subject, body) = super::mail::verification_email(input.lang, name, &link);
                let new = queries::NewUser { email: &email, password_hash: &hash, display_name: name, lang: input.lang.code(), verified: false };
                match queries::create_user_with_verification(&self.db, new, &token_hash(&token), expires, (&subject, &body)).await {
                    Ok(id) => Some(id),
                    // Signed up at the same moment by another request: answered as an existing account.
                    Err(e) => {
                        if queries::user_by_email(&self.db.conn, &email).await?.is_none() {
                            return Err(e);
                        }
                        tracing::info!(error = %e, "concurrent sign-up for one address");
                        None
                    }
                }
            }
        };
        if let Some(id) = created {
            tracing::info!(user_id = id, "account created, verification e-mail queued");
            return Ok(());
        }
        let Some(owner) = queries::user_by_email(&self.db.conn, &email).await? else { return Ok(()) };
        let lang = Lang::from_code(&owner.lang).unwrap_or_default();
        if owner.email_verified_at.is_some() {
            let (subject, body) = super::mail::already_registered_email(lang, &owner.display_name, &format!("{base}/signin"));
            queries::queue_mail(&self.db, "signup_existing", &owner.email, (&subject, &body)).await?;
        } else {
            let (subject, body) = super::mail::verification_email(lang, &owner.display_name, &link);
            queries::add_verification(&self.db, owner.id, &token_hash(&token), expires, (&subject, &body)).await?;
        }
        tracing::info!(user_id = owner.id, "sign-up for an existing account: its owner is told by e-mail");
        Ok(())
    }

    /// Marks the e-mail of the token's user verified; the token works once, for 48 hours.
    /// Wrong tokens are limited per client address (`throttle`).
    pub async fn verify_email(&self, token: &str, client: &str) -> Result<i32> {
        let attempt = self.attempt(&[(Limit::VerifyAddress, client)]).await?;
        match queries::consume_verification(&self.db, &token_hash(token), Utc::now()).await? {
            Some(id) => {
                attempt.succeeded(self).await?;
                Ok(id)
            }
            None => {
                let _ = attempt.failed();
                Err(Error::BadRequest(Msg::InvalidToken))
            }
        }
    }

    /// Checks the password and opens a session. Returns the raw token (put it in the
    /// cookie or give it to the API client) and the user.
    ///
    /// Attempts are limited per account and per client address (`throttle`): while locked,
    /// the right password is refused too (429), and the account's owner is warned by e-mail
    /// when a lockout starts. An unverified address gets no session or token (403).
    pub async fn login(&self, email: &str, password: &str, kind: SessionKind, client: &str) -> Result<(String, CurrentUser)> {
        let email = email.trim().to_lowercase();
        let attempt = self.attempt(&[(Limit::SignIn, &email), (Limit::SignInAddress, client)]).await?;
        let user = queries::user_by_email(&self.db.conn, &email).await?;
        let hash = user.as_ref().map(|u| u.password_hash.as_str()).unwrap_or(DUMMY_HASH);
        let ok = password_matches(password, hash).await;
        let user = match user {
            Some(u) if ok => u,
            other => {
                let started = attempt.failed();
                if let (Some(u), true) = (other, started.contains(&Limit::SignIn)) {
                    self.warn_of_lockout(u.id, Limit::SignIn, &email).await;
                }
                tracing::info!(client, "sign-in refused: wrong e-mail or password");
                return Err(Error::BadRequest(Msg::BadCredentials));
            }
        };
        attempt.succeeded(self).await?;
        if user.email_verified_at.is_none() {
            return Err(Error::Forbidden(Msg::VerifyBeforeToken));
        }
        let token = new_token();
        let expires = Utc::now() + Duration::hours(self.config.server.session_hours as i64);
        queries::create_session(&self.db.conn, &token_hash(&token), user.id, kind.as_str(), expires).await?;
        let current = self.current_user(user.id).await?;
        tracing::info!(user_id = user.id, kind = kind.as_str(), "signed in");
        Ok((token, current))
    }

    /// Ends every session and revokes every API token of `user_id` ("sign out everywhere").
    /// Returns how many there were.
    pub async fn logout_everywhere(&self, user_id: i32) -> Result<u64> {
        let n = queries::delete_sessions_of(&self.db.conn, user_id).await?;
        tracing::info!(user_id, sessions = n, "signed out everywhere");
        Ok(n)
    }

    /// Ends the session or revokes the token (unknown tokens are ignored).
    pub async fn logout(&self, token: &str) -> Result<()> {
        queries::delete_session(&self.db.conn, &token_hash(token)).await
    }

    /// The user behind a session cookie or bearer token, if it is valid and not expired.
    pub async fn authenticate(&self, token: &str) -> Result<Option<CurrentUser>> {
        let found = queries::session_user_with_roles(&self.db.conn, &token_hash(token), Utc::now()).await?;
        Ok(found.map(|(u, roles)| current(u, roles)))
    }

    pub async fn current_user(&self, id: i32) -> Result<CurrentUser> {
        let (u, roles) = queries::user_with_roles(&self.db.conn, id).await?.ok_or(Error::NotFound)?;
        Ok(current(u, roles))
    }
}

fn current(u: crate::db::entities::user::Model, roles: Vec<crate::db::entities::user_role::Model>) -> CurrentUser {
    CurrentUser {
        id: u.id,
        email: u.email,
        display_name: u.display_name,
        lang: Lang::from_code(&u.lang).unwrap_or_default(),
        email_verified: u.email_verified_at.is_some(),
        roles: roles
            .into_iter()
            .filter_map(|r| Some(RoleGrant { role: Role::parse(&r.role)?, administration_id: r.administration_id, unit_id: r.unit_id }))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_policy_refuses_the_guessable_and_keeps_passphrases() {
        for p in ["1234567890", "          ", "password1234", "azertyuiop", "aaaaaaaaaaaa", "amina.filer2026", "demo-password"] {
            assert!(check_password(p, "amina.filer@demo.test", "Amina Filer").is_err(), "{p:?}");
        }
        // The e2e helpers' default password and the tests' strong one.
        for p in ["correct-horse-battery", "ochre-tambourine-glacier-47"] {
            assert!(check_password(p, "amina.filer@demo.test", "Amina Filer").is_ok(), "{p:?}");
        }
        assert!(check_password(&"x".repeat(MAX_PASSWORD_LEN + 1), "a@b.c", "A").is_err());
    }
}
