//! Start-up: from a checked `Config` to a running server.

use std::sync::Arc;

use crate::config::Config;
use crate::db::Db;
use sijill_signing::devpki::DevPki;
use sijill_signing::tsa::TimestampAuthority;

use crate::domain::{receipt_layout, seal, sealing, Services};
use crate::error::Error;
use crate::error::Result;
use crate::http::{self, AppState};
use crate::storage::Storage;

/// Connects, migrates, prepares storage and builds the services.
pub async fn build(config: Config) -> Result<AppState> {
    let db = Db::connect(&config.database).await?;
    db.migrate().await?;
    let storage = Storage::open(&config.storage.data_dir)?;
    let trust = Trust::load(&config).await?;
    let parapheur = Arc::new(crate::domain::parapheur::trust::SigningTrust::load(&config).await?);
    let pdf_work = Arc::new(crate::domain::pdf_work::PdfWork::new(&config.pdf));
    let svc = Services {
        pdf_work,
        db,
        config: Arc::new(config),
        storage,
        sealer: trust.sealer,
        verifier: trust.verifier,
        renderer: Arc::new(receipt_layout::ComposedReceipt),
        parapheur,
    };
    if svc.config.seed.demo {
        // `Config::validate` already refused this in production mode.
        svc.seed_demo().await?;
    }
    Ok(AppState { svc, dev_tsa: trust.dev_tsa })
}

/// The logins printed at start in development (README lists them too).
pub fn print_demo_logins() {
    println!("Demo administration DEMO — every user has the password `{}`:", crate::domain::seed::DEMO_PASSWORD);
    for (email, role) in crate::domain::seed::DEMO_USERS {
        println!("  {email:<22} {role}");
    }
    println!("The officials' demonstration signing keys have the PIN `{}`.", crate::domain::seed::DEMO_KEY_PIN);
}

/// Serves until Ctrl-C or SIGTERM.
pub async fn serve(state: AppState, listener: tokio::net::TcpListener) -> Result<()> {
    let worker = crate::jobs::outbox::OutboxWorker::new(state.svc.clone())?;
    tokio::spawn(worker.run());
    tokio::spawn(crate::jobs::reminders::run(state.svc.clone()));
    tokio::spawn(crate::jobs::folder_answers::run(state.svc.clone()));
    tokio::spawn(crate::jobs::digest::run(state.svc.clone()));
    let limits = http::serve::ConnLimits {
        header_read_timeout: std::time::Duration::from_secs(state.config().server.header_read_timeout_secs),
    };
    let app = http::router(state);
    // The peer address is the client address the abuse limits count (`http::extract::ClientAddr`):
    // `http::serve` gives every request its `ConnectInfo<SocketAddr>`.
    http::serve::serve(listener, app, limits, shutdown()).await?;
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}

/// The seal, the verifier and (in development) the timestamp authority.
struct Trust {
    sealer: Arc<dyn seal::Sealer>,
    verifier: Arc<dyn seal::Verifier>,
    dev_tsa: Option<Arc<TimestampAuthority>>,
}

impl Trust {
    /// Development: a PKI under `pki.dir` (root, the demo seal, a TSA), created on first
    /// start; receipts are sealed in-process at B-T with the in-process TSA (no HTTP hop),
    /// which is also served at `/dev/tsa`.
    /// Production: the seal from `pki.seal_p12`, timestamps from `pki.tsa_url`, trust
    /// anchors from `pki.trust_anchors`; without a seal, receipts answer 503 until one is
    /// configured (filings are still registered). One seal serves every administration
    /// for now (TODO: per-administration seals, PKCS#11).
    async fn load(config: &Config) -> Result<Trust> {
        if !config.is_dev() {
            return Self::production(&config.pki);
        }
        let dir = config.pki.dir.clone();
        let (pki, tsa) = tokio::task::spawn_blocking(move || -> std::result::Result<_, sijill_signing::Error> {
            let pki = DevPki::load_or_create(&dir, "Administration de démonstration")?;
            let tsa = pki.timestamp_authority()?;
            Ok((pki, tsa))
        })
        .await
        .map_err(Error::internal)?
        .map_err(|e| Error::internal(format!("development PKI under pki.dir: {e}")))?;
        let tsa = Arc::new(tsa);
        let signer = pki.seal_signer().map_err(|e| Error::internal(format!("seal key: {e}")))?;
        tracing::info!(dir = %pki.dir().display(), "development PKI ready");
        Ok(Trust {
            sealer: Arc::new(sealing::PadesSealer::new(signer, tsa.clone())?),
            verifier: Arc::new(sealing::PadesVerifier { trust_anchors: vec![pki.root_der()] }),
            dev_tsa: Some(tsa),
        })
    }

    fn production(pki: &crate::config::Pki) -> Result<Trust> {
        let read = |key: &str, path: &std::path::Path| {
            std::fs::read(path).map_err(|e| Error::internal(format!("pki.{key}: cannot read {}: {e}", path.display())))
        };
        let mut anchors = Vec::new();
        for p in &pki.trust_anchors {
            let bytes = read("trust_anchors", p)?;
            let der = match openssl::x509::X509::from_pem(&bytes) {
                Ok(c) => c.to_der().map_err(Error::internal)?,
                Err(_) => bytes,
            };
            anchors.push(der);
        }
        let verifier: Arc<dyn seal::Verifier> = if anchors.is_empty() {
            tracing::warn!("pki.trust_anchors is empty: verification answers 503");
            Arc::new(seal::UnwiredVerifier)
        } else {
            Arc::new(sealing::PadesVerifier { trust_anchors: anchors })
        };
        let sealer: Arc<dyn seal::Sealer> = if pki.seal_p12.is_empty() {
            tracing::warn!("pki.seal_p12 is empty: receipts cannot be sealed until a seal is configured");
            Arc::new(seal::UnwiredSealer)
        } else {
            let p12 = read("seal_p12", std::path::Path::new(&pki.seal_p12))?;
            let pw = String::from_utf8(read("seal_password_file", std::path::Path::new(&pki.seal_password_file))?)
                .map_err(|_| Error::internal("pki.seal_password_file is not UTF-8"))?;
            let signer = sijill_signing::signer::Pkcs12Signer::from_pkcs12_der(&p12, pw.trim_end_matches(['\r', '\n']))
                .map_err(|e| Error::internal(format!("pki.seal_p12: {e}")))?;
            let tsa = Arc::new(sijill_signing::tsa::HttpTsaClient::new(pki.tsa_url.clone()));
            Arc::new(sealing::PadesSealer::new(signer, tsa)?)
        };
        Ok(Trust { sealer, verifier, dev_tsa: None })
    }
}
