//! One typed configuration, read from `config/default.toml`, then the file named by
//! `SIJILL_CONFIG`, then `SIJILL__SECTION__KEY` environment variables, and validated
//! before anything starts so that a bad value stops the server with the key's name.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::providers::{Env, Format, Toml};
use figment::Figment;
use serde::Deserialize;

/// The defaults shipped with the code, so a binary without the repository still starts.
pub const DEFAULT_TOML: &str = include_str!("../../config/default.toml");
/// The development secret; production must replace it.
const DEV_SECRET: &str = "development-secret-do-not-use-in-production";
/// The development key for PKCS#12 keystores at rest; production must replace it.
const DEV_KEY_ENCRYPTION_KEY: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
/// Values published with the code (the defaults and `config/production.example.toml`):
/// anyone can read them, so production refuses them, however they are cased or spaced.
const PUBLISHED_SECRETS: &[&str] = &[
    DEV_SECRET,
    DEV_KEY_ENCRYPTION_KEY,
    "CHANGE-ME-to-a-long-random-string-of-32+-characters",
    "cef45cbd0a7b980278ede05e7abcb97ff38d02ed67132750b151524df3862a4c",
];
/// Placeholders that say "put your own value here".
const PLACEHOLDERS: &[&str] = &["change-me", "changeme", "change_me", "replace-me", "example"];

/// Why a production secret is refused, if it is: published with the code, a placeholder,
/// or too predictable (fewer than 128 bits by its own character frequencies, or fewer than
/// 10 distinct characters). Compared trimmed and case-folded, so that `DEVELOPMENT-…` or a
/// pasted value with a trailing space is still recognised.
pub fn weak_secret(value: &str) -> Option<&'static str> {
    let v = value.trim().to_lowercase();
    if PUBLISHED_SECRETS.iter().any(|p| p.to_lowercase() == v) {
        return Some("this value is published with Sijill and is refused in production mode; generate your own (e.g. `openssl rand -hex 32`)");
    }
    if PLACEHOLDERS.iter().any(|p| v.contains(p)) {
        return Some("still holds a placeholder (CHANGE-ME…); generate your own value (e.g. `openssl rand -hex 32`)");
    }
    let chars: Vec<char> = v.chars().collect();
    let mut counts = std::collections::HashMap::new();
    for c in &chars {
        *counts.entry(*c).or_insert(0usize) += 1;
    }
    let n = chars.len() as f64;
    let bits: f64 = counts.values().map(|&k| -(k as f64 / n) * (k as f64 / n).log2()).sum::<f64>() * n;
    if counts.len() < 10 || bits < 128.0 {
        return Some("is too predictable for production mode (repeated or few distinct characters); generate a random value (e.g. `openssl rand -hex 32`)");
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Development,
    Production,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub mode: Mode,
    pub server: Server,
    pub database: Database,
    pub storage: Storage,
    pub filings: Filings,
    pub smtp: Smtp,
    pub outbox: Outbox,
    pub pki: Pki,
    pub seed: Seed,
    pub parapheur: Parapheur,
    pub routing: Routing,
    pub throttle: Throttle,
    /// Budgets for untrusted PDFs (verification, intake, page images).
    #[serde(default)]
    pub pdf: Pdf,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Server {
    pub bind: SocketAddr,
    pub public_url: String,
    pub secret: String,
    pub secure_cookies: bool,
    pub session_hours: u32,
    /// Seconds a client may take to send a request's headers (then the connection closes).
    #[serde(default = "defaults::header_read_timeout_secs")]
    pub header_read_timeout_secs: u64,
    /// Seconds a request body may go without sending bytes (then the request fails).
    #[serde(default = "defaults::body_read_timeout_secs")]
    pub body_read_timeout_secs: u64,
    /// Largest body other than an upload form (JSON, HTML forms), in bytes; 413 beyond.
    #[serde(default = "defaults::json_body_limit_bytes")]
    pub json_body_limit_bytes: usize,
}

/// Defaults of the keys a configuration file may leave out.
mod defaults {
    pub fn header_read_timeout_secs() -> u64 {
        10
    }
    pub fn body_read_timeout_secs() -> u64 {
        30
    }
    pub fn json_body_limit_bytes() -> usize {
        1024 * 1024
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Database {
    pub url: String,
    pub max_connections: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Storage {
    pub data_dir: PathBuf,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filings {
    pub max_documents: usize,
    pub max_document_bytes: usize,
    pub max_total_bytes: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    None,
    Starttls,
    Tls,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Smtp {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub from: String,
    pub username: String,
    pub password: String,
    pub timeout_secs: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outbox {
    pub poll_interval_ms: u64,
    pub backoff_base_ms: u64,
    pub backoff_max_ms: u64,
    pub max_attempts: i32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pki {
    pub dir: PathBuf,
    pub seal_p12: String,
    pub seal_password_file: String,
    pub tsa_url: String,
    pub trust_anchors: Vec<PathBuf>,
}

/// Work lists and the daily reminder (bureau d'ordre follow-up).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Routing {
    /// An assignment is "due soon" when its deadline is within this many days.
    pub due_soon_days: u32,
    /// Hour of the day (UTC, 0-23) the daily reminder e-mails are queued.
    pub reminder_hour: u32,
}

/// Abuse limits on sign-in, sign-up, e-mail verification and PIN entry (`domain::throttle`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Throttle {
    /// Wrong passwords of one account, or wrong PINs of one signing key, before a lockout.
    pub account_failures: u32,
    /// Failed sign-ins or verification links from one client address before a lockout.
    pub address_failures: u32,
    /// Sign-ups from one client address per window.
    pub signups_per_address: u32,
    /// Sign-ups naming one e-mail address per window.
    pub signups_per_email: u32,
    /// Attempts older than this many seconds are forgotten.
    pub window_secs: u64,
    /// Length of a first lockout, in seconds; each next one in a row lasts twice as long.
    pub lockout_secs: u64,
    /// The longest lockout, in seconds.
    pub max_lockout_secs: u64,
    /// Behind a reverse proxy: the client address is the last `X-Forwarded-For` entry
    /// (the one the proxy added) instead of the connection's peer.
    pub trust_forwarded_for: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seed {
    pub demo: bool,
}

/// The e-parapheur: how signing keys are kept and which converter turns office files into PDF.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parapheur {
    /// 64 hex digits: the AES-256-GCM key encrypting uploaded PKCS#12 keystores at rest.
    pub key_encryption_key: String,
    /// Path of LibreOffice (`soffice`); absent = office documents are refused.
    #[serde(default)]
    pub libreoffice: Option<PathBuf>,
    /// The PKCS#11 modules officials may name for their tokens (absolute paths). The server
    /// loads a module into its own process, so the choice is the administrators', never
    /// the user's.
    #[serde(default)]
    pub pkcs11_modules: Vec<PathBuf>,
    /// The remote signing (CSC) services officials may use: address prefixes such as
    /// `https://csc.example.ma/`. The server calls them, so they too are chosen here.
    #[serde(default)]
    pub csc_services: Vec<String>,
}

impl Parapheur {
    pub fn pkcs11_allowed(&self, module: &str) -> bool {
        self.pkcs11_modules.iter().any(|m| m.as_os_str() == module)
    }
    /// The endpoint as it is to be called, when it is under one of `csc_services`: the same
    /// scheme, host and port exactly, and a path at or below the service's path (whole
    /// segments: `/csc` does not allow `/csc-admin`). Parsed, never compared as text: in
    /// `http://localhost:@127.0.0.1/` the host is 127.0.0.1. User info, a query or a fragment,
    /// spaces, control characters and backslashes are refused outright.
    pub fn csc_allowed(&self, endpoint: &str) -> Option<String> {
        if endpoint.chars().any(|c| c.is_whitespace() || c.is_control() || c == '\\') {
            return None;
        }
        let e = plain_http_url(endpoint)?;
        self.csc_services.iter().filter_map(|p| plain_http_url(p)).find_map(|s| {
            let same_origin = s.scheme() == e.scheme() && s.host() == e.host() && s.port_or_known_default() == e.port_or_known_default();
            (same_origin && path_within(s.path(), e.path())).then(|| e.to_string())
        })
    }
}

/// An http(s) URL with a host and without user info, query or fragment.
fn plain_http_url(s: &str) -> Option<url::Url> {
    let u = url::Url::parse(s).ok()?;
    let plain = matches!(u.scheme(), "http" | "https")
        && u.host().is_some()
        && u.username().is_empty()
        && u.password().is_none()
        && u.query().is_none()
        && u.fragment().is_none();
    plain.then_some(u)
}

/// Is `path` the service's `base` path or below it, segment by segment?
fn path_within(base: &str, path: &str) -> bool {
    let base = base.trim_end_matches('/');
    base.is_empty() || path == base || path.strip_prefix(base).is_some_and(|rest| rest.starts_with('/'))
}

/// Budgets for work on untrusted PDFs: how much of the machine verifications and page
/// renders may take at once, and what one file may cost (see `domain::pdf_work`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Pdf {
    /// Verifications and page renders running at once.
    pub max_concurrent: usize,
    /// Requests that may wait for a slot; past that, 503 with `Retry-After` at once.
    pub max_waiting: usize,
    /// How long a request waits for a slot before 503.
    pub wait_secs: u64,
    /// Bytes one file may make the reader decode, in MiB.
    pub max_decoded_mb: u64,
    /// Wall-clock time for one verification, in seconds.
    pub verify_secs: u64,
    /// Pixels of one rendered page image (width × height); taller pages are scaled down.
    pub render_max_pixels: u64,
    /// Address space of one `pdftoppm`, in MiB.
    pub render_memory_mb: u64,
    /// Time for one `pdftoppm`, in seconds (killed past it).
    pub render_timeout_secs: u64,
}

impl Default for Pdf {
    fn default() -> Self {
        Pdf {
            max_concurrent: 2,
            max_waiting: 16,
            wait_secs: 10,
            max_decoded_mb: 64,
            verify_secs: 10,
            render_max_pixels: 4_000_000,
            render_memory_mb: 512,
            render_timeout_secs: 20,
        }
    }
}

impl Pdf {
    /// The reader's limits for one file.
    pub fn limits(&self) -> sijill_signing::pdf::Limits {
        sijill_signing::pdf::Limits {
            max_decoded_bytes: self.max_decoded_mb << 20,
            time: std::time::Duration::from_secs(self.verify_secs),
            ..Default::default()
        }
    }

    /// What `Retry-After` says when the gate is full.
    pub fn retry_after_secs(&self) -> u32 {
        self.wait_secs.clamp(1, 60) as u32
    }

    fn validate(&self) -> Result<(), ConfigError> {
        let bad = |key: &str, why: &str| Err(ConfigError(format!("key `pdf.{key}`: {why}")));
        if self.max_concurrent == 0 {
            return bad("max_concurrent", "must be at least 1");
        }
        if self.max_decoded_mb == 0 || self.max_decoded_mb > 4096 {
            return bad("max_decoded_mb", "must be between 1 and 4096");
        }
        if self.verify_secs == 0 || self.render_timeout_secs == 0 {
            return bad("verify_secs", "times must be at least 1 second");
        }
        if self.render_max_pixels < 100_000 {
            return bad("render_max_pixels", "must be at least 100000");
        }
        if self.render_memory_mb < 64 {
            return bad("render_memory_mb", "must be at least 64");
        }
        Ok(())
    }
}

/// A configuration that could not be read or does not make sense; the message names the key.
#[derive(Debug, thiserror::Error)]
#[error("configuration: {0}")]
pub struct ConfigError(pub String);

impl Config {
    /// Reads defaults, `SIJILL_CONFIG` and `SIJILL__*` from the process environment.
    pub fn load() -> Result<Config, ConfigError> {
        let file = std::env::var_os("SIJILL_CONFIG").map(PathBuf::from);
        Self::figment(file.as_deref()).and_then(Self::extract)
    }

    /// The layered sources; tests add their own on top with `merge`.
    pub fn figment(file: Option<&Path>) -> Result<Figment, ConfigError> {
        let mut fig = Figment::from(Toml::string(DEFAULT_TOML));
        if let Some(path) = file {
            if !path.exists() {
                return Err(ConfigError(format!(
                    "SIJILL_CONFIG names {} which does not exist",
                    path.display()
                )));
            }
            fig = fig.merge(Toml::file(path));
        }
        Ok(fig.merge(Env::prefixed("SIJILL__").split("__")))
    }

    /// Deserialises and validates a figment.
    pub fn extract(fig: Figment) -> Result<Config, ConfigError> {
        let cfg: Config = fig.extract().map_err(|e| {
            // figment names the key in `path`; say it first, plainly.
            let key = e.path.join(".");
            let kind = e.kind.to_string();
            if key.is_empty() {
                ConfigError(kind)
            } else {
                ConfigError(format!("key `{key}`: {kind}"))
            }
        })?;
        cfg.validate()?;
        Ok(cfg)
    }

    /// Checks the rules serde cannot express.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let bad = |key: &str, why: &str| Err(ConfigError(format!("key `{key}`: {why}")));
        if self.server.header_read_timeout_secs == 0 || self.server.body_read_timeout_secs == 0 {
            return bad("server.header_read_timeout_secs / server.body_read_timeout_secs", "must be at least 1 second");
        }
        if !(1024..=self.request_body_limit()).contains(&self.server.json_body_limit_bytes) {
            return bad("server.json_body_limit_bytes", "must be between 1 KiB and the upload limit");
        }
        let kek = &self.parapheur.key_encryption_key;
        if kek.len() != 64 || !kek.bytes().all(|b| b.is_ascii_hexdigit()) {
            return bad("parapheur.key_encryption_key", "must be 64 hexadecimal digits (a 256-bit key)");
        }
        if self.parapheur.pkcs11_modules.iter().any(|m| !m.is_absolute()) {
            return bad("parapheur.pkcs11_modules", "every module must be an absolute path");
        }
        if self.parapheur.csc_services.iter().any(|p| plain_http_url(p).is_none()) {
            return bad("parapheur.csc_services", "every service must be an http(s) address with a host, without user name, query or fragment");
        }
        if !(self.database.url.starts_with("sqlite:") || self.database.url.starts_with("postgres"))
        {
            return bad("database.url", "must start with sqlite: or postgres://");
        }
        if self.database.max_connections == 0 {
            return bad("database.max_connections", "must be at least 1");
        }
        if !(self.server.public_url.starts_with("http://")
            || self.server.public_url.starts_with("https://"))
        {
            return bad("server.public_url", "must be an http:// or https:// URL");
        }
        if self.server.secret.len() < 32 {
            return bad("server.secret", "must be at least 32 characters");
        }
        if self.server.session_hours == 0 {
            return bad("server.session_hours", "must be at least 1");
        }
        if self.filings.max_documents == 0 {
            return bad("filings.max_documents", "must be at least 1");
        }
        if self.filings.max_document_bytes == 0 {
            return bad("filings.max_document_bytes", "must be at least 1");
        }
        if self.filings.max_total_bytes < self.filings.max_document_bytes {
            return bad("filings.max_total_bytes", "must be at least filings.max_document_bytes");
        }
        if self.smtp.from.parse::<lettre::message::Mailbox>().is_err() {
            return bad("smtp.from", "is not a valid mailbox like `Name <a@b.c>`");
        }
        if self.outbox.backoff_base_ms == 0 || self.outbox.backoff_max_ms < self.outbox.backoff_base_ms {
            return bad("outbox.backoff_max_ms", "must be at least outbox.backoff_base_ms (> 0)");
        }
        let t = &self.throttle;
        for (key, n) in [
            ("throttle.account_failures", t.account_failures as u64),
            ("throttle.address_failures", t.address_failures as u64),
            ("throttle.signups_per_address", t.signups_per_address as u64),
            ("throttle.signups_per_email", t.signups_per_email as u64),
            ("throttle.window_secs", t.window_secs),
            ("throttle.lockout_secs", t.lockout_secs),
        ] {
            if n == 0 {
                return bad(key, "must be at least 1");
            }
        }
        if t.max_lockout_secs < t.lockout_secs {
            return bad("throttle.max_lockout_secs", "must be at least throttle.lockout_secs");
        }
        self.pdf.validate()?;
        if self.routing.reminder_hour > 23 {
            return bad("routing.reminder_hour", "must be an hour of the day, 0 to 23");
        }
        if self.mode == Mode::Production {
            if self.seed.demo {
                return bad("seed.demo", "the demo seed is refused in production mode");
            }
            if !self.pki.seal_p12.is_empty() && !self.pki.tsa_url.starts_with("http") {
                return bad("pki.tsa_url", "receipts are sealed at PAdES B-T: set the timestamp service URL");
            }
            if let Some(why) = weak_secret(&self.server.secret) {
                return bad("server.secret", why);
            }
            if let Some(why) = weak_secret(&self.parapheur.key_encryption_key) {
                return bad("parapheur.key_encryption_key", why);
            }
            let smtp_password = self.smtp.password.to_lowercase();
            if PLACEHOLDERS.iter().any(|p| smtp_password.contains(p)) {
                return bad("smtp.password", "still holds a placeholder (CHANGE-ME); set the mail server's password");
            }
            let db_url = self.database.url.to_lowercase();
            if PLACEHOLDERS[..3].iter().any(|p| db_url.contains(p)) {
                return bad("database.url", "still holds a placeholder (CHANGE-ME); set the database's password");
            }
            if !self.server.secure_cookies {
                return bad("server.secure_cookies", "must be true in production mode (cookies only over HTTPS)");
            }
            let url = self.server.public_url.trim().to_lowercase();
            if !url.starts_with("https://") || url.len() <= "https://".len() {
                return bad("server.public_url", "must be an https:// URL in production mode");
            }
        }
        Ok(())
    }

    pub fn is_dev(&self) -> bool {
        self.mode == Mode::Development
    }

    /// The body limit for a filing request: every document at its maximum plus form fields.
    pub fn request_body_limit(&self) -> usize {
        self.filings.max_total_bytes + 1024 * 1024
    }
}

#[cfg(test)]
mod tests {
    use super::Parapheur;

    fn allowing(services: &[&str]) -> Parapheur {
        Parapheur {
            key_encryption_key: String::new(),
            libreoffice: None,
            pkcs11_modules: Vec::new(),
            csc_services: services.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// The CSC allow-list matches scheme, host and port exactly and the path on segment
    /// boundaries, on the parsed URL; the address returned is the one to call.
    #[test]
    fn csc_allow_list_is_parsed_not_a_prefix() {
        let p = allowing(&["http://localhost:9998/csc", "https://sign.example.ma/"]);
        assert_eq!(p.csc_allowed("http://localhost:9998/csc/v1").as_deref(), Some("http://localhost:9998/csc/v1"));
        assert_eq!(p.csc_allowed("http://localhost:9998/csc").as_deref(), Some("http://localhost:9998/csc"));
        assert_eq!(p.csc_allowed("https://sign.example.ma/csc/v2").as_deref(), Some("https://sign.example.ma/csc/v2"));
        assert_eq!(p.csc_allowed("https://sign.example.ma:443/x").as_deref(), Some("https://sign.example.ma/x"), "default port");
        for refused in [
            "http://localhost:@127.0.0.1:9998/csc/v1",
            "http://localhost:9998@127.0.0.1:9998/csc/v1",
            "http://user:pw@localhost:9998/csc/v1",
            "http://localhost:9998/csc-admin",
            "http://localhost:9998/cscv1",
            "http://localhost:9998/csc/../admin",
            "http://localhost:9998/csc/%2e%2e/admin",
            "http://localhost:9999/csc/v1",
            "https://localhost:9998/csc/v1",
            "http://localhost/csc/v1",
            "http://127.0.0.1:9998/csc/v1",
            "http://localhost:9998/csc/v1?x=1",
            "http://localhost:9998/csc/v1#f",
            "http://localhost:9998\\@127.0.0.1/csc",
            "http://localhost:9998/csc/v1 ",
            "http://sign.example.ma.evil.example/csc",
            "https://sign.example.ma.evil.example/csc",
            "file:///etc/passwd",
            "localhost:9998/csc",
        ] {
            assert_eq!(p.csc_allowed(refused), None, "{refused}");
        }
        assert_eq!(allowing(&[]).csc_allowed("http://localhost:9998/csc"), None, "nothing allowed by default");
        assert_eq!(allowing(&["http://a@localhost/"]).csc_allowed("http://localhost/x"), None, "a service with user info matches nothing");
    }
}
