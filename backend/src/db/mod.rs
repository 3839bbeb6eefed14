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

use std::collections::HashSet;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, ExecResult, QueryResult, SqlxPostgresConnector,
    SqlxSqliteConnector, Statement, TransactionTrait,
};
use migrations::MigratorTrait;
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::config;
use crate::error::{Error, Result};

/// The database handle shared by every service.
///
/// SQLite allows one writer at a time; letting many transactions race for the write lock
/// only produces `SQLITE_BUSY` retries, so on SQLite every write transaction also takes
/// `write_lock` (one writer per process), through [`Db::write`] only: the lock is held by
/// the [`WriteTx`] it returns and released when that transaction commits or is dropped, so
/// no code can keep it after its transaction (the lock held past a commit, then asked for
/// again by the next step of the same request, froze every write of the server). A task
/// that already holds it and asks again — or waits for the registrar, whose writer task
/// needs it — gets an error at once instead of waiting for itself (`holders`). Across processes the busy timeout and a write
/// being the transaction's first statement (taking the write lock at once) keep numbering
/// safe. On PostgreSQL the lock is not taken: writers run side by side and only the
/// numbering at the end of a registration is serialised, per register (see `numbering`;
/// `registrar` groups a process's concurrent registrations).
#[derive(Clone)]
pub struct Db {
    pub conn: DatabaseConnection,
    write_lock: Option<Arc<tokio::sync::Mutex<()>>>,
    /// The tasks holding a [`WriteTx`] now (on PostgreSQL too, so that a re-entry is
    /// caught on both databases).
    holders: Arc<std::sync::Mutex<HashSet<tokio::task::Id>>>,
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
                holders: Default::default(),
                registrar: Default::default(),
            })
        } else {
            let pool = PgPoolOptions::new()
                .max_connections(cfg.max_connections)
                .acquire_timeout(Duration::from_secs(120))
                .connect(url)
                .await
                .map_err(|e| Error::internal(format!("cannot connect to database.url: {e}")))?;
            Ok(Db { conn: SqlxPostgresConnector::from_sqlx_postgres_pool(pool), write_lock: None, holders: Default::default(), registrar: Default::default() })
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

    /// Begins a write transaction, first taking the writer lock on SQLite (a no-op on
    /// PostgreSQL). The lock lives in the returned [`WriteTx`] and ends with it. Refused
    /// (an internal error, never a wait) when the calling task already holds one.
    pub async fn write(&self) -> Result<WriteTx> {
        let holder = self.enter()?;
        let guard = match &self.write_lock {
            Some(l) => Some(l.clone().lock_owned().await),
            None => None,
        };
        let tx = self.conn.begin().await?;
        Ok(WriteTx { tx, _guard: guard, _holder: holder })
    }

    /// Does the calling task hold a [`WriteTx`]? Whoever waits for another task's write
    /// (the registrar) checks it first: that task would wait for this one's lock.
    pub fn held_by_this_task(&self) -> bool {
        tokio::task::try_id().is_some_and(|id| self.holders_set().contains(&id))
    }

    fn holders_set(&self) -> std::sync::MutexGuard<'_, HashSet<tokio::task::Id>> {
        self.holders.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn enter(&self) -> Result<Holder> {
        let Some(id) = tokio::task::try_id() else { return Ok(Holder(None)) };
        if !self.holders_set().insert(id) {
            tracing::error!(task = %id, "a task asked for the writer lock it already holds");
            return Err(Error::internal("the writer lock is already held by this task"));
        }
        Ok(Holder(Some((self.holders.clone(), id))))
    }
}

/// Marks a task as holding the writer lock until dropped.
struct Holder(Option<(Arc<std::sync::Mutex<HashSet<tokio::task::Id>>>, tokio::task::Id)>);

impl Drop for Holder {
    fn drop(&mut self) {
        if let Some((set, id)) = &self.0 {
            set.lock().unwrap_or_else(|e| e.into_inner()).remove(id);
        }
    }
}

/// A write transaction holding the writer lock: the proof, for the functions it is passed
/// to, that the lock is held (they take `&WriteTx` or `&DatabaseTransaction` and never lock
/// again). `commit` consumes it and releases the lock; dropping it rolls back and releases.
#[must_use = "a write transaction is rolled back unless committed"]
pub struct WriteTx {
    // Field order matters: the transaction ends before the lock is given back.
    tx: DatabaseTransaction,
    _guard: Option<tokio::sync::OwnedMutexGuard<()>>,
    _holder: Holder,
}

impl WriteTx {
    pub async fn commit(self) -> std::result::Result<(), DbErr> {
        let WriteTx { tx, _guard, _holder } = self;
        tx.commit().await
    }

    pub async fn rollback(self) -> std::result::Result<(), DbErr> {
        let WriteTx { tx, _guard, _holder } = self;
        tx.rollback().await
    }
}

impl std::ops::Deref for WriteTx {
    type Target = DatabaseTransaction;
    fn deref(&self) -> &DatabaseTransaction {
        &self.tx
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for WriteTx {
    fn get_database_backend(&self) -> DbBackend {
        self.tx.get_database_backend()
    }
    async fn execute(&self, stmt: Statement) -> std::result::Result<ExecResult, DbErr> {
        self.tx.execute(stmt).await
    }
    async fn execute_unprepared(&self, sql: &str) -> std::result::Result<ExecResult, DbErr> {
        self.tx.execute_unprepared(sql).await
    }
    async fn query_one(&self, stmt: Statement) -> std::result::Result<Option<QueryResult>, DbErr> {
        self.tx.query_one(stmt).await
    }
    async fn query_all(&self, stmt: Statement) -> std::result::Result<Vec<QueryResult>, DbErr> {
        self.tx.query_all(stmt).await
    }
    fn support_returning(&self) -> bool {
        self.tx.support_returning()
    }
}
