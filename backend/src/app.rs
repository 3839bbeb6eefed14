//! Start-up: from a checked `Config` to a running server.

use std::sync::Arc;

use crate::config::Config;
use crate::db::Db;
use crate::domain::{receipts, seal, Services};
use crate::error::Result;
use crate::http::{self, AppState};
use crate::storage::Storage;

/// Connects, migrates, prepares storage and builds the services.
pub async fn build(config: Config) -> Result<AppState> {
    let db = Db::connect(&config.database).await?;
    db.migrate().await?;
    let storage = Storage::open(&config.storage.data_dir)?;
    let svc = Services {
        db,
        config: Arc::new(config),
        storage,
        sealer: Arc::new(seal::UnwiredSealer),
        verifier: Arc::new(seal::UnwiredVerifier),
        renderer: Arc::new(receipts::UnwiredRenderer),
    };
    if svc.config.seed.demo {
        // `Config::validate` already refused this in production mode.
        svc.seed_demo().await?;
    }
    Ok(AppState { svc })
}

/// The logins printed at start in development (README lists them too).
pub fn print_demo_logins() {
    println!("Demo administration DEMO — every user has the password `{}`:", crate::domain::seed::DEMO_PASSWORD);
    for (email, role) in crate::domain::seed::DEMO_USERS {
        println!("  {email:<22} {role}");
    }
}

/// Serves until Ctrl-C or SIGTERM.
pub async fn serve(state: AppState, listener: tokio::net::TcpListener) -> Result<()> {
    let app = http::router(state);
    axum::serve(listener, app).with_graceful_shutdown(shutdown()).await?;
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
