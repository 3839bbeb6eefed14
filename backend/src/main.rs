//! `sijill serve` starts the server (the default); `sijill check-config` only validates.

use anyhow::Context;
use sijill_backend::config::{Config, Mode};

fn usage() -> ! {
    eprintln!("usage: sijill [serve | check-config]");
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
        _ => usage(),
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
