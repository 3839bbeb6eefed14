//! Search latency for `make bench`: p50/p95 of register searches over 1,000,000 generated
//! entries, on SQLite (temp dir) or on PostgreSQL (a fresh database when
//! `SIJILL_TEST_DATABASE_URL` is set, see scripts/bench-search.sh).
//!
//!   cargo run --release --example bench_search -- [--entries 1000000] [--queries 100]
//!
//! The entries are generated (see `generate`) and written through the persistence layer
//! with the real search index; then, for a registry clerk (whole register) and for an
//! agent (one unit out of twenty), `--queries` searches of each kind go through the same
//! domain call as the API (`Services::search_register`: scope, query, one page of 20):
//! by number, one word, two words, one word within a month. Nothing is kept between runs,
//! except with `--database NAME` (PostgreSQL, to look at query plans or try an index): the
//! entries are generated into that database once, and later runs with the same name and
//! `--entries` only search (the migrations run first, as at a server start).

mod generate;

use std::time::{Duration, Instant};

use figment::providers::Serialized;
use sea_orm::ConnectionTrait;
use sijill_backend::config::Config;
use sijill_backend::db::{queries, seed as ins};
use sijill_backend::domain::auth::CurrentUser;
use sijill_backend::domain::search::SearchParams;
use sijill_backend::domain::Services;

use generate::{Rng, Sample};

struct Args {
    entries: usize,
    queries: usize,
    /// Keep the SQLite database (to look at query plans); never by `make bench`.
    keep: bool,
    /// A PostgreSQL database to generate into once and reuse; never by `make bench`.
    database: Option<String>,
}

fn args() -> Args {
    let mut a = Args { entries: 1_000_000, queries: 100, keep: false, database: None };
    let mut v: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = v.iter().position(|x| x == "--keep") {
        a.keep = true;
        v.remove(i);
    }
    if let Some(i) = v.iter().position(|x| x == "--database") {
        let name = v.get(i + 1).filter(|n| n.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'));
        a.database = Some(name.expect("--database NAME (lowercase letters, digits, _)").clone());
        v.drain(i..i + 2);
    }
    for w in v.chunks(2) {
        let n = w.get(1).and_then(|x| x.parse().ok()).expect("numeric argument");
        match w[0].as_str() {
            "--entries" => a.entries = n,
            "--queries" => a.queries = n,
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

fn pct(v: &mut [Duration], p: f64) -> f64 {
    v.sort();
    let i = ((v.len() as f64 * p).ceil() as usize).clamp(1, v.len()) - 1;
    v[i].as_secs_f64() * 1000.0
}

/// The searches of one kind, built from samples of the generated entries.
fn queries(kind: &str, samples: &[Sample], n: usize, r: &mut Rng) -> Vec<SearchParams> {
    (0..n)
        .map(|_| {
            let s = &samples[r.below(samples.len())];
            let w1 = s.words[r.below(s.words.len())].clone();
            let w2 = s.words[r.below(s.words.len())].clone();
            let mut p = SearchParams::default();
            match kind {
                "number" => p.q = Some(s.number.clone()),
                "one word" => p.q = Some(w1),
                "two words" => p.q = Some(format!("{w1} {w2}")),
                _ => {
                    p.q = Some(w1);
                    let from = s.at.date_naive() - chrono::Days::new(15);
                    p.from = Some(from.to_string());
                    p.to = Some((from + chrono::Days::new(30)).to_string());
                }
            }
            p
        })
        .collect()
}

async fn run(svc: &Services, who: &str, user: &CurrentUser, samples: &[Sample], n: usize, all: &mut Vec<Duration>) {
    let mut r = Rng::new(42);
    for kind in ["number", "one word", "two words", "word + month"] {
        let mut times = Vec::with_capacity(n);
        let mut found = 0;
        for p in queries(kind, samples, n, &mut r) {
            let t = Instant::now();
            let res = svc.search_register(user, &p).await.expect("search");
            times.push(t.elapsed());
            found += res.hits.len();
        }
        all.extend_from_slice(&times);
        let (p50, p95, max) = (pct(&mut times, 0.5), pct(&mut times, 0.95), pct(&mut times, 1.0));
        println!("  {who:<6} {kind:<13} p50 {p50:7.2} ms  p95 {p95:7.2} ms  max {max:7.2} ms  ({:.1} hits/query)", found as f64 / n as f64);
    }
}

#[tokio::main]
async fn main() {
    let a = args();
    let dir = tempfile::tempdir().unwrap();
    let (url, backend) = match std::env::var("SIJILL_TEST_DATABASE_URL") {
        Ok(admin) if !admin.is_empty() => {
            use sqlx::Connection;
            let name = a.database.clone().unwrap_or_else(|| format!("bench_{}", uuid::Uuid::new_v4().simple()));
            let mut c = sqlx::PgConnection::connect(&admin).await.unwrap();
            let exists: Option<i32> = sqlx::query_scalar("SELECT 1 FROM pg_database WHERE datname = $1").bind(&name).fetch_optional(&mut c).await.unwrap();
            if exists.is_none() {
                sqlx::Executor::execute(&mut c, format!("CREATE DATABASE {name}").as_str()).await.unwrap();
            }
            (format!("{}/{name}", admin.rsplit_once('/').unwrap().0), "PostgreSQL")
        }
        _ => (format!("sqlite://{}/bench.db", dir.path().display()), "SQLite"),
    };
    let fig = Config::figment(None)
        .unwrap()
        .merge(Serialized::default("database.url", url))
        .merge(Serialized::default("storage.data_dir", dir.path().join("data")))
        .merge(Serialized::default("pki.dir", std::env::temp_dir().join("sijill-bench-pki")))
        .merge(Serialized::default("smtp.port", 9));
    let state = sijill_backend::app::build(Config::extract(fig).unwrap()).await.expect("app builds");
    let svc = state.svc;
    let c = &svc.db.conn;
    let admin = queries::administration_by_code(c, "DEMO").await.unwrap().unwrap();
    let mut units: Vec<i32> = svc.units_of(admin.id).await.unwrap().iter().map(|u| u.id).collect();
    let parent = units[0];
    for i in units.len()..20 {
        let code = format!("U{i}");
        units.push(ins::insert_unit(c, admin.id, Some(parent), &code, ["Unité", "وحدة", "ⵜⴰⵙⴳⵉⵡⵉⵏⵜ", "Unit"]).await.unwrap());
    }

    println!("search over {} generated register entries on {backend}", a.entries);
    let t = Instant::now();
    let pg = c.get_database_backend() == sea_orm::DbBackend::Postgres;
    let count = sea_orm::Statement::from_string(c.get_database_backend(), "SELECT count(*) AS n FROM filings WHERE number LIKE 'BENCH-%'");
    let kept: i64 = c.query_one(count).await.unwrap().unwrap().try_get("", "n").unwrap();
    let write = kept == 0;
    if !write {
        assert_eq!(kept as usize, a.entries, "the kept database has another number of entries");
        println!("  reusing the {kept} entries of database {}", a.database.as_deref().unwrap_or("?"));
    }
    if pg && write {
        // Bulk load as a restore does: the GIN index is built once at the end.
        c.execute_unprepared("DROP INDEX ix_search_docs_tsv").await.unwrap();
    }
    let mut r = Rng::new(7);
    let people = generate::correspondents(c, admin.id, 20_000, &mut r, write).await;
    let plan = generate::Plan { administration_id: admin.id, units, entries: a.entries };
    let samples = generate::entries(c, &plan, &people, &mut r, write).await;
    if write {
        if pg {
            c.execute_unprepared("CREATE INDEX ix_search_docs_tsv ON search_docs USING gin (tsv)").await.unwrap();
            c.execute_unprepared("VACUUM ANALYZE").await.unwrap();
        } else {
            c.execute_unprepared("ANALYZE").await.unwrap();
        }
        println!("  generated and indexed in {:.0} s", t.elapsed().as_secs_f64());
    }

    let clerk = svc.current_user(queries::user_by_email(c, "clerk@demo.test").await.unwrap().unwrap().id).await.unwrap();
    let agent = svc.current_user(queries::user_by_email(c, "agent@demo.test").await.unwrap().unwrap().id).await.unwrap();
    // Warm-up: the first queries load pages from disk into the cache.
    let mut warm = Vec::new();
    run(&svc, "warm", &clerk, &samples, 10, &mut warm).await;
    let mut all = Vec::new();
    run(&svc, "clerk", &clerk, &samples, a.queries, &mut all).await;
    run(&svc, "agent", &agent, &samples, a.queries, &mut all).await;
    let (p50, p95) = (pct(&mut all, 0.5), pct(&mut all, 0.95));
    if a.keep {
        println!("kept {}", dir.keep().display());
    }
    println!("{backend}: all {} searches p50 {p50:.2} ms, p95 {p95:.2} ms (target p95 < 50 ms)", all.len());
}
