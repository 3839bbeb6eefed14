//! Register search and export, on SQLite and PostgreSQL: what a clerk, an agent and an
//! administrator find, through the real router and the real registration path.

use crate::common;

use axum::http::StatusCode;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::Value;
use sijill_backend::db::entities::{clearance, correspondent, unit};
use sijill_backend::db::queries;
use sijill_backend::db::register::{self, EntryDetails, NewDocumentRow, NewEntry};
use sijill_backend::domain::search_text;

use common::{fixtures, TestApp};

pub struct Paper<'a> {
    pub subject: &'a str,
    pub unit: &'a str,
    pub confidentiality: &'a str,
    pub correspondent: Option<i32>,
    pub pdf: Option<Vec<u8>>,
}

/// Registers a paper entry of DEMO through the persistence layer (the registrar, as every
/// intake channel does), with its scan stored and remembered for indexing.
pub async fn register_paper(app: &TestApp, p: Paper<'_>) -> (String, String) {
    let svc = &app.state.svc;
    let c = &svc.db.conn;
    let admin = queries::administration_by_code(c, "DEMO").await.unwrap().unwrap();
    let unit = unit::Entity::find().filter(unit::Column::Code.eq(p.unit)).one(c).await.unwrap().unwrap();
    let mut documents = Vec::new();
    if let Some(pdf) = &p.pdf {
        let (sha, _) = svc.storage.put(pdf).unwrap();
        search_text::remember(&sha, "application/pdf", pdf);
        documents.push(NewDocumentRow { name: "scan.pdf".into(), content_type: "application/pdf".into(), size: pdf.len() as i64, sha256: sha });
    }
    let id = uuid::Uuid::new_v4().to_string();
    let entry = NewEntry {
        id: id.clone(),
        administration_id: admin.id,
        service_id: None,
        filer_id: None,
        direction: "A",
        year: 2026,
        subject: p.subject,
        message: "",
        idempotency_key: None,
        received_at: Utc::now(),
        documents,
        details: EntryDetails {
            origin: "paper".into(),
            correspondent_id: p.correspondent,
            confidentiality: p.confidentiality.into(),
            unit_id: Some(unit.id),
            ..Default::default()
        },
        mail: None,
    };
    let r = register::register(&svc.db, entry, |seq| format!("DEMO-2026-A-{seq:06}"), |_| (String::new(), String::new())).await.unwrap();
    match r {
        register::Registered::New(m) => (m.id, m.number),
        register::Registered::Duplicate => panic!("duplicate"),
    }
}

pub async fn add_correspondent(app: &TestApp, name: &str) -> i32 {
    let c = &app.state.svc.db.conn;
    let admin = queries::administration_by_code(c, "DEMO").await.unwrap().unwrap();
    correspondent::ActiveModel {
        administration_id: Set(admin.id),
        kind: Set("organisation".into()),
        name: Set(name.into()),
        email: Set(None),
        phone: Set(None),
        address: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(c)
    .await
    .unwrap()
    .id
}

pub async fn grant(app: &TestApp, email: &str, level: &str) {
    let c = &app.state.svc.db.conn;
    let admin = queries::administration_by_code(c, "DEMO").await.unwrap().unwrap();
    let user = queries::user_by_email(c, email).await.unwrap().unwrap();
    clearance::ActiveModel {
        user_id: Set(user.id),
        administration_id: Set(admin.id),
        level: Set(level.into()),
        granted_by: Set(user.id),
        granted_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(c)
    .await
    .unwrap();
}

fn numbers(v: &Value) -> Vec<String> {
    v["hits"].as_array().unwrap_or_else(|| panic!("hits in {v}")).iter().map(|h| h["number"].as_str().unwrap().to_owned()).collect()
}

async fn find(app: &TestApp, token: &str, query: &str) -> Vec<String> {
    let (s, v) = app.get(&format!("/api/v1/search?{query}"), Some(token)).await;
    assert_eq!(s, StatusCode::OK, "{query}: {v}");
    numbers(&v)
}

fn q(word: &str) -> String {
    format!("q={}", urlencode(word))
}

pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b == b'-' { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

#[tokio::test]
async fn finds_by_number_subject_correspondent_pdf_text_and_arabic_words() {
    let app = TestApp::new().await;
    let atlas = add_correspondent(&app, "Société Atlas Minéraux").await;
    let (_, permit) = register_paper(&app, Paper { subject: "Demande de permis de construire", unit: "SP", confidentiality: "normal", correspondent: Some(atlas), pdf: None }).await;
    let scan = fixtures::pdf("Attestation de conformite Zorglubienne", 0);
    let (_, scanned) = register_paper(&app, Paper { subject: "Courrier divers", unit: "SP", confidentiality: "normal", correspondent: None, pdf: Some(scan) }).await;
    let (_, arabic) = register_paper(&app, Paper { subject: "طلب رخصة البناء", unit: "DAA", confidentiality: "normal", correspondent: None, pdf: None }).await;
    // A portal filing: its PDF's text is found too (extracted when the filing is stored).
    let citizen = app.login("citizen@demo.test").await;
    let (s, filed) = app.file_with(&citizen, "DEMO", "Réclamation voirie", &[("lettre.pdf", fixtures::pdf("Nid de poule avenue Hassan Quadrifolium", 0))], None, None).await;
    assert_eq!(s, StatusCode::CREATED, "{filed}");
    let portal = filed["number"].as_str().unwrap().to_owned();

    let clerk = app.login("clerk@demo.test").await;
    assert_eq!(find(&app, &clerk, &q(&permit)).await, vec![permit.clone()], "exact number");
    let prefix = &permit[..permit.len() - 2];
    let by_prefix = find(&app, &clerk, &q(prefix)).await;
    assert!(by_prefix.contains(&permit) && by_prefix.contains(&scanned), "number prefix {prefix}: {by_prefix:?}");
    assert_eq!(find(&app, &clerk, &q(&permit.to_lowercase())).await, vec![permit.clone()], "number in lower case");
    assert_eq!(find(&app, &clerk, &q("permis")).await, vec![permit.clone()], "subject word");
    assert_eq!(find(&app, &clerk, &q("PERMIS construire")).await, vec![permit.clone()], "two words, any case");
    assert_eq!(find(&app, &clerk, &q("atlas mineraux")).await, vec![permit.clone()], "correspondent, accents folded");
    assert_eq!(find(&app, &clerk, &q("zorglubienne")).await, vec![scanned.clone()], "word only inside the attached PDF");
    assert_eq!(find(&app, &clerk, &q("quadrifolium")).await, vec![portal.clone()], "word inside a portal filing's PDF");
    assert_eq!(find(&app, &clerk, &q("رخصة")).await, vec![arabic.clone()], "Arabic word");
    assert_eq!(find(&app, &clerk, &q("رُخْصَة")).await, vec![arabic.clone()], "Arabic word with short vowels");
    assert!(find(&app, &clerk, &q("introuvable")).await.is_empty());

    // Newest first; filters.
    let all = find(&app, &clerk, "").await;
    assert_eq!(all, vec![portal.clone(), arabic.clone(), scanned.clone(), permit.clone()], "newest registered first");
    let today = Utc::now().date_naive();
    let range = format!("from={}&to={}", today.pred_opt().unwrap(), today);
    assert_eq!(find(&app, &clerk, &format!("{}&{range}", q("permis"))).await, vec![permit.clone()], "word + date range");
    assert!(find(&app, &clerk, &format!("{}&to={}", q("permis"), today.pred_opt().unwrap())).await.is_empty(), "range before it");
    assert_eq!(find(&app, &clerk, "direction=D").await, Vec::<String>::new());
    assert_eq!(find(&app, &clerk, "status=registered&direction=A").await.len(), 4);

    // Bad input is a clear 400, not a panic or an empty page.
    for bad in ["from=yesterday", "to=2026-02-30", "direction=X", "unit=abc", "page=0", "status=No%20Such"] {
        let (s, v) = app.get(&format!("/api/v1/search?{bad}"), Some(&clerk)).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{bad}: {v}");
        assert_eq!(v["error"], "invalid_value", "{bad}: {v}");
    }
    // Filers and anonymous callers do not search the register.
    assert_eq!(app.get("/api/v1/search?q=permis", Some(&citizen)).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/api/v1/search?q=permis", None).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn confidential_entries_and_units_limit_what_is_found() {
    let app = TestApp::new().await;
    let (_, secret) = register_paper(&app, Paper { subject: "Dossier disciplinaire permis", unit: "SP", confidentiality: "confidential", correspondent: None, pdf: None }).await;
    let (_, mine) = register_paper(&app, Paper { subject: "Permis de stationnement", unit: "SP", confidentiality: "normal", correspondent: None, pdf: None }).await;
    let (_, other) = register_paper(&app, Paper { subject: "Permis régional", unit: "DR-CS", confidentiality: "normal", correspondent: None, pdf: None }).await;

    let clerk = app.login("clerk@demo.test").await;
    assert_eq!(find(&app, &clerk, &q("permis")).await, vec![other.clone(), mine.clone()], "uncleared clerk: no confidential entry");
    assert!(find(&app, &clerk, &q("disciplinaire")).await.is_empty());
    assert!(find(&app, &clerk, &q(&secret)).await.is_empty(), "not even by its number");

    grant(&app, "admin@demo.test", "confidential").await;
    let admin = app.login("admin@demo.test").await;
    assert_eq!(find(&app, &admin, &q("permis")).await, vec![other.clone(), mine.clone(), secret.clone()], "cleared administrator");

    // The agent of the personnel service sees that service's entries only.
    let agent = app.login("agent@demo.test").await;
    assert_eq!(find(&app, &agent, &q("permis")).await, vec![mine.clone()]);
    assert_eq!(find(&app, &agent, "").await, vec![mine.clone()]);
    assert!(find(&app, &agent, &q(&other)).await.is_empty());
    // The official heads the division above it: both of its entries, not the region's.
    let official = app.login("official@demo.test").await;
    assert_eq!(find(&app, &official, &q("permis")).await, vec![mine.clone()]);
    let c = &app.state.svc.db.conn;
    let sp = unit::Entity::find().filter(unit::Column::Code.eq("SP")).one(c).await.unwrap().unwrap();
    assert_eq!(find(&app, &admin, &format!("unit={}", sp.id)).await, vec![mine.clone(), secret.clone()], "unit filter");
}

#[tokio::test]
async fn pages_of_twenty_newest_first() {
    let app = TestApp::new().await;
    let mut all = Vec::new();
    for i in 0..23 {
        let subject = format!("Lettre numéro {i} budget");
        all.push(register_paper(&app, Paper { subject: &subject, unit: "SP", confidentiality: "normal", correspondent: None, pdf: None }).await.1);
    }
    all.reverse();
    let clerk = app.login("clerk@demo.test").await;
    let (_, p1) = app.get("/api/v1/search?q=budget", Some(&clerk)).await;
    assert_eq!(numbers(&p1), all[..20].to_vec());
    assert_eq!(p1["more"], true);
    let (_, p2) = app.get("/api/v1/search?q=budget&page=2", Some(&clerk)).await;
    assert_eq!(numbers(&p2), all[20..].to_vec());
    assert_eq!(p2["more"], false);
}

/// More entries in a date range than PostgreSQL's first search window (512 index rows,
/// `db::search_pg`): a rare word's matches on both sides of a window's edge and a page
/// across it come in the same order as on SQLite, which searches in one query.
#[tokio::test]
async fn date_range_pages_across_search_windows() {
    let app = TestApp::new().await;
    let (mut all, mut rare) = (Vec::new(), Vec::new());
    for i in 0..530 {
        let subject = if i % 40 == 0 { format!("Courrier {i} subvention") } else { format!("Courrier {i}") };
        let number = register_paper(&app, Paper { subject: &subject, unit: "SP", confidentiality: "normal", correspondent: None, pdf: None }).await.1;
        if i % 40 == 0 {
            rare.push(number.clone());
        }
        all.push(number);
    }
    all.reverse();
    rare.reverse();
    let clerk = app.login("clerk@demo.test").await;
    let today = Utc::now().date_naive();
    let range = format!("from={today}&to={today}");
    assert_eq!(find(&app, &clerk, &format!("q=subvention&{range}")).await, rare);
    assert_eq!(find(&app, &clerk, &format!("q=courrier&{range}&page=26")).await, all[500..520].to_vec());
    assert_eq!(find(&app, &clerk, &format!("q=courrier&{range}&page=27")).await, all[520..].to_vec());
}

async fn export(app: &TestApp, token: &str, query: &str) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    use axum::body::Body;
    use axum::http::{header, Request};
    let req = Request::get(format!("/api/v1/registers/export?{query}")).header(header::AUTHORIZATION, format!("Bearer {token}")).body(Body::empty()).unwrap();
    app.call(req).await
}

#[tokio::test]
async fn register_export_as_csv_lists_every_entry_and_masks_confidential_subjects() {
    let app = TestApp::new().await;
    let atlas = add_correspondent(&app, "Atlas, \"SA\"").await;
    let (_, first) = register_paper(&app, Paper { subject: "Demande de permis", unit: "SP", confidentiality: "normal", correspondent: Some(atlas), pdf: None }).await;
    let (_, second) = register_paper(&app, Paper { subject: "Enquête interne", unit: "SP", confidentiality: "confidential", correspondent: Some(atlas), pdf: None }).await;
    let (_, third) = register_paper(&app, Paper { subject: "طلب رخصة البناء", unit: "DAA", confidentiality: "normal", correspondent: None, pdf: None }).await;

    let clerk = app.login("clerk@demo.test").await;
    let (s, h, body) = export(&app, &clerk, "direction=A&year=2026&format=csv").await;
    assert_eq!(s, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    assert_eq!(h["content-type"], "text/csv; charset=utf-8");
    assert!(h["content-disposition"].to_str().unwrap().contains("registre-DEMO-A-2026.csv"));
    let text = String::from_utf8(body).unwrap();
    let text = text.strip_prefix('\u{FEFF}').expect("UTF-8 byte-order mark for spreadsheets");
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(lines[0], "number,date,direction,correspondent,subject,unit,status,confidentiality");
    let today = Utc::now().date_naive();
    assert_eq!(lines[1], format!("{first},{today},A,\"Atlas, \"\"SA\"\"\",Demande de permis,Service du personnel,registered,normal"));
    assert_eq!(lines[2], format!("{second},{today},A,[confidential],[confidential],Service du personnel,registered,confidential"));
    assert_eq!(lines[3], format!("{third},{today},A,,طلب رخصة البناء,Division des affaires administratives,registered,normal"));
    assert_eq!(lines[4], "", "CRLF after the last row, nothing more");
    assert_eq!(lines.len(), 5);

    // A cleared administrator reads the confidential subject.
    grant(&app, "admin@demo.test", "confidential").await;
    let admin = app.login("admin@demo.test").await;
    let (_, _, body) = export(&app, &admin, "direction=A&year=2026").await;
    assert!(String::from_utf8(body).unwrap().contains(&format!("{second},{today},A,\"Atlas, \"\"SA\"\"\",Enquête interne,")));
    // Another register, another period: empty but well-formed.
    let (_, _, body) = export(&app, &clerk, "direction=D&from=2026-01-01&to=2026-01-31").await;
    assert_eq!(String::from_utf8(body).unwrap(), "\u{FEFF}number,date,direction,correspondent,subject,unit,status,confidentiality\r\n");

    // Only registry staff export; bad input is a clear 400.
    let agent = app.login("agent@demo.test").await;
    assert_eq!(export(&app, &agent, "direction=A&year=2026").await.0, StatusCode::FORBIDDEN);
    for (bad, code) in [("year=2026", "missing_field"), ("direction=Z", "invalid_value"), ("direction=A&format=xls", "invalid_value"), ("direction=A&year=20x6", "invalid_value"), ("direction=A&from=2026-03-01&to=2026-02-01", "invalid_value")] {
        let (s, _, body) = export(&app, &clerk, bad).await;
        let v: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!((s, v["error"].as_str().unwrap()), (StatusCode::BAD_REQUEST, code), "{bad}: {v}");
    }
}

#[tokio::test]
async fn register_export_as_pdf_is_a_sealed_book() {
    let app = TestApp::new().await;
    let mut numbers = Vec::new();
    for i in 0..75 {
        let subject = format!("Courrier numéro {i} relatif au dossier d'urbanisme de la commune");
        let level = if i == 3 { "confidential" } else { "normal" };
        numbers.push(register_paper(&app, Paper { subject: &subject, unit: "SP", confidentiality: level, correspondent: None, pdf: None }).await.1);
    }
    let clerk = app.login("clerk@demo.test").await;
    let (s, h, pdf) = export(&app, &clerk, "direction=A&year=2026&format=pdf").await;
    assert_eq!(s, StatusCode::OK, "{}", String::from_utf8_lossy(&pdf));
    assert_eq!(h["content-type"], "application/pdf");
    assert!(h["content-disposition"].to_str().unwrap().contains("registre-DEMO-A-2026.pdf"));

    // Sealed: our verifier accepts it against the dev PKI, with a timestamp (B-T).
    let report = app.state.svc.verifier.verify(&pdf, Default::default(), Default::default()).unwrap();
    assert_eq!(report["valid"], true, "{report:#}");
    let sigs = report["signatures"].as_array().unwrap();
    assert_eq!(sigs.len(), 1);
    assert!(sigs[0]["timestamp_time"].is_string(), "{:#}", sigs[0]);

    // A title page and then every entry, one line each, with page numbers.
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let pages = doc.get_pages().len();
    assert!(pages >= 3, "title + at least two pages of 75 lines: {pages}");
    let text = search_text::pdf_text(&pdf);
    for n in &numbers {
        assert!(text.contains(n.as_str()), "{n} in the book");
    }
    assert!(text.contains("[confidential]"), "masked subject");
    assert!(!text.contains("Courrier numéro 3 relatif"), "the confidential subject is not printed");
    assert!(text.contains(&format!("Page {pages} / {pages}")), "page numbers");

    // Independent validators agree (pyHanko and poppler's pdfsig, as for receipts).
    let file = app.dir.path().join("register.pdf");
    std::fs::write(&file, &pdf).unwrap();
    validators(&app, &file);
}

fn validators(app: &TestApp, file: &std::path::Path) {
    use std::process::Command;
    let root = common::shared_pki_dir().join("root.pem");
    let out = Command::new("pyhanko")
        .args(["sign", "validate", "--no-revocation-check", "--trust-replace", "--trust"])
        .arg(&root)
        .arg(file)
        .output()
        .expect("pyhanko is installed (requirements-test.txt)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && text.contains("INTACT:TRUSTED"), "pyhanko: {text} {}", String::from_utf8_lossy(&out.stderr));
    let nss = app.dir.path().join("nss");
    std::fs::create_dir_all(&nss).unwrap();
    let db = format!("sql:{}", nss.display());
    assert!(Command::new("certutil").args(["-N", "-d", &db, "--empty-password"]).status().expect("certutil (libnss3-tools)").success());
    assert!(Command::new("certutil").args(["-A", "-d", &db, "-n", "root", "-t", "CT,C,C", "-i"]).arg(&root).status().unwrap().success());
    let out = Command::new("pdfsig").args(["-nssdir", &db]).arg(file).output().expect("pdfsig (poppler-utils)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Signature is Valid.") && text.contains("Total document signed"), "{text}");
}

async fn page(app: &TestApp, token: Option<&str>, path: &str, lang: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    use axum::body::Body;
    use axum::http::{header, Request};
    let mut r = Request::get(path).header(header::ACCEPT_LANGUAGE, lang);
    if let Some(t) = token {
        r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let (s, h, b) = app.call(r.body(Body::empty()).unwrap()).await;
    (s, h, String::from_utf8(b).unwrap())
}

#[tokio::test]
async fn search_page_works_without_javascript_in_four_languages() {
    let app = TestApp::new().await;
    let (id, number) = register_paper(&app, Paper { subject: "Demande de permis de construire", unit: "SP", confidentiality: "normal", correspondent: None, pdf: None }).await;
    let clerk = app.login("clerk@demo.test").await;

    let (s, _, html) = page(&app, Some(&clerk), "/bureau/search?q=permis", "fr").await;
    assert_eq!(s, StatusCode::OK, "{html}");
    assert!(html.contains("Rechercher dans le registre") && html.contains(&format!("href=\"/bureau/entries/{id}\"")) && html.contains(&number), "{html}");
    assert!(html.contains("action=\"/bureau/registers/export\""), "registry staff get the export form");
    assert!(html.contains("href=\"/bureau/search\""), "navigation link");
    for (lang, title) in [("ar", "البحث في السجل"), ("zgh", "ⵔⵣⵓ ⴳ ⵓⵙⵉⵊⵉⵍ"), ("en", "Search the register")] {
        let (s, _, html) = page(&app, Some(&clerk), "/bureau/search?q=introuvable", lang).await;
        assert_eq!(s, StatusCode::OK);
        assert!(html.contains(title), "{lang}");
    }
    // Bad criteria: the form again with an explanation, not an error page.
    let (s, _, html) = page(&app, Some(&clerk), "/bureau/search?q=permis&from=hier", "fr").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(html.contains("role=\"alert\"") && html.contains("value=\"permis\""), "{html}");
    // The export link downloads for the signed-in browser.
    let (s, h, csv) = page(&app, Some(&clerk), "/bureau/registers/export?direction=A&year=2026&format=csv", "fr").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(h["content-type"], "text/csv; charset=utf-8");
    assert!(csv.contains(&number));

    // Agents search their units' entries but do not export; anonymous visitors sign in first.
    let agent = app.login("agent@demo.test").await;
    let (s, _, html) = page(&app, Some(&agent), "/bureau/search?q=permis", "fr").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains(&number) && !html.contains("action=\"/bureau/registers/export\""));
    assert_eq!(page(&app, Some(&agent), "/bureau/registers/export?direction=A", "fr").await.0, StatusCode::FORBIDDEN);
    let (s, h, _) = page(&app, None, "/bureau/search", "fr").await;
    assert!(s.is_redirection() && h["location"].to_str().unwrap().starts_with("/signin"), "{s}");
    let citizen = app.login("citizen@demo.test").await;
    assert_eq!(page(&app, Some(&citizen), "/bureau/search?q=permis", "fr").await.0, StatusCode::FORBIDDEN);
}
