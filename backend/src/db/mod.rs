//! Persistence: the connection, the sea-orm entities and every query. No other module
//! writes SQL.

pub mod audit;
pub mod bureau;
pub mod correspondents;
pub mod entities;
pub mod numbering;
pub mod outbox;
pub mod parapheur;
pub mod people;
pub mod parapheur_more;
pub mod queries;
pub mod register;
pub mod registrar;
pub mod search;
mod search_pg;
pub mod search_index;
pub mod routing;
pub mod seed;
pub mod throttle;
pub mod visibility;

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sea_orm::{DatabaseConnection, DbBackend, SqlxPostgresConnector, SqlxSqliteConnector};
use migrations::MigratorTrait;
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::config;
use crate::error::{Error, Result};

/// The database handle shared by every service.
///
/// SQLite allows one writer at a time; letting many transactions race for the write lock
/// only produces `SQLITE_BUSY` retries, so on SQLite the register's transactions also take
/// `write_lock` (one writer per process). Across processes the busy timeout and a write
/// being the transaction's first statement (taking the write lock at once) keep numbering
/// safe. On PostgreSQL the lock is not taken: writers run side by side and only the
/// numbering at the end of a registration is serialised, per register (see `numbering`;
/// `registrar` groups a process's concurrent registrations).
#[derive(Clone)]
pub struct Db {
    pub conn: DatabaseConnection,
    write_lock: Option<Arc<tokio::sync::Mutex<()>>>,
    registrar: registrar::Registrar,
}

impl Db {
    /// Opens the database named by `database.url` (creating a SQLite file and its directory).
    pub async fn connect(cfg: &config::Database) -> Result<Db> {
        let url = cfg.url.as_str();
        if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)
                .map_err(|e| Error::internal(format!("database.url: {e}")))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(60));
            if let Some(dir) = opts.get_filename().parent() {
                if !dir.as_os_str().is_empty() {
                    std::fs::create_dir_all(dir)?;
                }
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(cfg.max_connections)
                .acquire_timeout(Duration::from_secs(120))
                .connect_with(opts)
                .await
                .map_err(|e| Error::internal(format!("cannot open database.url {url}: {e}")))?;
            Ok(Db {
                conn: SqlxSqliteConnector::from_sqlx_sqlite_pool(pool),
                write_lock: Some(Arc::new(tokio::sync::Mutex::new(()))),
                registrar: Default::default(),
            })
        } else {
            let pool = PgPoolOptions::new()
                .max_connections(cfg.max_connections)
                .acquire_timeout(Duration::from_secs(120))
                .connect(url)
                .await
                .map_err(|e| Error::internal(format!("cannot connect to database.url: {e}")))?;
            Ok(Db { conn: SqlxPostgresConnector::from_sqlx_postgres_pool(pool), write_lock: None, registrar: Default::default() })
        }
    }

    /// Applies pending migrations (run at every start).
    pub async fn migrate(&self) -> Result<()> {
        migrations::Migrator::up(&self.conn, None).await?;
        Ok(())
    }

    pub fn backend(&self) -> DbBackend {
        sea_orm::ConnectionTrait::get_database_backend(&self.conn)
    }

    /// Serialises writers on SQLite; a no-op guard on PostgreSQL.
    pub async fn writer(&self) -> Option<tokio::sync::OwnedMutexGuard<()>> {
        match &self.write_lock {
            Some(l) => Some(l.clone().lock_owned().await),
            None => None,
        }
    }
}
