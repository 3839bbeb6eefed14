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
    pub fn csc_allowed(&self, endpoint: &str) -> bool {
        self.csc_services.iter().any(|p| !p.is_empty() && endpoint.starts_with(p.as_str()))
    }
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
        let kek = &self.parapheur.key_encryption_key;
        if kek.len() != 64 || !kek.bytes().all(|b| b.is_ascii_hexdigit()) {
            return bad("parapheur.key_encryption_key", "must be 64 hexadecimal digits (a 256-bit key)");
        }
        if self.parapheur.pkcs11_modules.iter().any(|m| !m.is_absolute()) {
            return bad("parapheur.pkcs11_modules", "every module must be an absolute path");
        }
        if self.parapheur.csc_services.iter().any(|p| !(p.starts_with("https://") || p.starts_with("http://"))) {
            return bad("parapheur.csc_services", "every service must be an http(s) address");
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
            if self.server.secret == DEV_SECRET {
                return bad("server.secret", "the development secret is refused in production mode");
            }
            if self.parapheur.key_encryption_key == DEV_KEY_ENCRYPTION_KEY {
                return bad("parapheur.key_encryption_key", "the development key is refused in production mode");
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
