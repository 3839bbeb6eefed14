//! `sijill serve` starts the server (the default); `sijill check-config` only validates;
//! `sijill audit verify` checks the audit log's hash chains (exit 0 intact, 1 broken).

use anyhow::Context;
use sijill_backend::config::{Config, Mode};

fn usage() -> ! {
    eprintln!("usage: sijill [serve | check-config | audit verify]");
    std::process::exit(2)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cmd = std::env::args().nth(1).unwrap_or_else(|| "serve".into());
    let config = match Config::load() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("sijill: {e}");
            std::process::exit(78); // EX_CONFIG
        }
    };
    init_tracing(config.mode);
    match cmd.as_str() {
        "check-config" => {
            println!("configuration ok ({:?} mode)", config.mode);
            Ok(())
        }
        "serve" => {
            let bind = config.server.bind;
            let public = config.server.public_url.clone();
            let demo = config.seed.demo;
            let state = sijill_backend::app::build(config).await.context("start-up failed")?;
            if demo {
                sijill_backend::app::print_demo_logins();
            }
            let listener = tokio::net::TcpListener::bind(bind)
                .await
                .with_context(|| format!("cannot listen on server.bind = {bind}"))?;
            tracing::info!(%bind, "listening");
            println!("Sijill is listening on {bind}; public URL {public}");
            sijill_backend::app::serve(state, listener).await?;
            Ok(())
        }
        "audit" if std::env::args().nth(2).as_deref() == Some("verify") => audit_verify(config).await,
        _ => usage(),
    }
}

/// Checks every audit chain of the configured database, without migrating, seeding or
/// serving. Exit 0 when intact, 1 naming the first broken link, 3 when it cannot check.
async fn audit_verify(config: Config) -> anyhow::Result<()> {
    // Connecting would create a missing SQLite file: a mistyped path must not look like an
    // empty, intact log.
    if let Ok(opts) = <sqlx::sqlite::SqliteConnectOptions as std::str::FromStr>::from_str(&config.database.url) {
        if config.database.url.starts_with("sqlite:") && !opts.get_filename().exists() {
            eprintln!("sijill: audit verify: database.url names {} which does not exist", opts.get_filename().display());
            std::process::exit(3)
        }
    }
    let run = async {
        let db = sijill_backend::db::Db::connect(&config.database).await?;
        sijill_backend::domain::audit::verify(&db.conn).await
    };
    match run.await {
        Ok(r) => match r.broken {
            None => {
                println!("audit chain intact: {} events in {} chains", r.events, r.chains);
                for h in &r.heads {
                    println!("  {h}");
                }
                Ok(())
            }
            Some(b) => {
                println!("audit chain BROKEN at {b}");
                println!("({} events checked before it, {} chains)", r.events, r.chains);
                std::process::exit(1)
            }
        },
        Err(e) => {
            eprintln!("sijill: audit verify could not run: {e}");
            std::process::exit(3)
        }
    }
}

/// Human-readable logs in development, JSON lines in production; `RUST_LOG` overrides.
fn init_tracing(mode: Mode) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn,tower_http=info"));
    let b = tracing_subscriber::fmt().with_env_filter(filter);
    if mode == Mode::Production {
        b.json().init();
    } else {
        b.init();
    }
}
