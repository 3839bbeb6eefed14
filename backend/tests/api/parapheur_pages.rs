//! The parapheur's circuit and settings pages as a browser without JavaScript uses them:
//! plain form posts with the session cookie and the CSRF token. A click on the page image
//! becomes a rectangle in points; a rectangle outside the page is refused; templates,
//! the PAdES level, the PKCS#12 upload and delegations (with revocation) go through their
//! forms, with errors in the reader's language.

use crate::common;
use crate::parapheur_support;

use axum::http::StatusCode;
use common::pages::{csrf, multipart, page, Page};
use parapheur_support::{issue_p12, Parapheur, Staff, PIN};

/// A form post whose values are built strings.
async fn post(app: &common::TestApp, path: &str, token: &str, lang: &str, fields: &[(&str, String)]) -> Page {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    common::pages::post(app, path, token, lang, &fields).await
}

fn input_value(html: &str, id: &str) -> String {
    let at = html.find(&format!(r#"id="{id}""#)).unwrap_or_else(|| panic!("no {id}"));
    let tag = &html[at..at + html[at..].find('>').unwrap()];
    let v = tag.find(r#"value=""#).map(|i| &tag[i + 7..]).unwrap_or("");
    v[..v.find('"').unwrap_or(0)].to_owned()
}

async fn draft(p: &Parapheur, by: &Staff) -> i64 {
    let (s, f) = p.folder(&by.token, "Réponse", &[("reponse.pdf", common::fixtures::pdf("Reponse", 0))]).await;
    assert_eq!(s, StatusCode::CREATED, "{f}");
    f["id"].as_i64().unwrap()
}

/// Row 0: visa by `visa`; row 1: signature by `signer`.
fn two_rows(csrf: &str, visa: &Staff, signer: &Staff) -> Vec<(&'static str, String)> {
    vec![
        ("csrf", csrf.to_owned()),
        ("pos_0", "1".into()), ("kind_0", "visa".into()), ("mode_0", "all".into()), ("user_0", visa.id.to_string()),
        ("pos_1", "2".into()), ("kind_1", "signature".into()), ("mode_1", "all".into()), ("user_1", signer.id.to_string()),
        ("shown_1", "1".into()),
    ]
}

#[tokio::test]
async fn a_click_on_the_page_image_places_the_signature_then_the_circuit_starts_with_it() {
    let p = Parapheur::new().await;
    let agent = p.staff("redactrice", "agent", "SP").await;
    let head = p.staff("cheffe", "agent", "SP").await;
    let signer = p.signer("signataire").await;
    let id = draft(&p, &agent).await;
    let path = format!("/parapheur/folders/{id}/circuit");
    let shown = page(&p.app, "GET", &path, &agent.token, "fr", None).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.body.contains(&format!(r#"src="/parapheur/folders/{id}/documents/"#)), "the page image is shown");
    let zgh = page(&p.app, "GET", &path, &agent.token, "zgh", None).await.body;
    assert!(zgh.contains("ⴰⴱⵔⵉⴷ: Réponse") && zgh.contains("ⴰⴷⵖⴰⵔ ⵏ ⵓⵣⵎⴰⵎ"), "in Tifinagh");
    let csrf = csrf(&p.app, &agent.token).await;

    // A click at (400, 300) px of the 800 px image of an A4 page (595 × 842 pt).
    let mut fields = two_rows(&csrf, &head, &signer);
    fields.extend([("place_1.x", "400".to_owned()), ("place_1.y", "300".to_owned())]);
    let placed = post(&p.app, &path, &agent.token, "fr", &fields).await;
    assert_eq!(placed.status, StatusCode::OK);
    assert!(placed.body.contains("placée en page 1"), "{}", placed.body);
    let (x, y) = (input_value(&placed.body, "field-x_1"), input_value(&placed.body, "field-y_1"));
    assert_eq!((x.as_str(), y.as_str()), ("207.5", "588.9"), "centred on the click, y from the bottom");
    assert!(placed.body.contains(r#"class="sig-rect""#), "the frame is drawn");

    // Outside the page: refused with the page's size, nothing started.
    let mut fields = two_rows(&csrf, &head, &signer);
    fields.extend([("page_1", "1".into()), ("x_1", "500".into()), ("y_1", "10".into()), ("w_1", "180".into()), ("h_1", "60".into()), ("op", "start".into())]);
    let refused = post(&p.app, &path, &agent.token, "ar", &fields).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("595 × 842") && refused.body.contains("يجب أن يكون الإطار داخل الصفحة"), "{}", refused.body);
    // A person and a role on one row, or a placement on a visa: said next to the row.
    let mut fields = two_rows(&csrf, &head, &signer);
    fields.extend([("role_0", "official".into()), ("op", "start".into())]);
    assert!(post(&p.app, &path, &agent.token, "fr", &fields).await.body.contains("Choisissez une personne, ou un rôle et un service"));
    // Two steps in parallel (same order) with different rules.
    let mut fields = two_rows(&csrf, &head, &signer);
    fields.retain(|(k, _)| *k != "pos_1" && *k != "mode_1");
    fields.extend([("pos_1", "1".into()), ("mode_1", "one".into()), ("op", "start".into())]);
    let mixed = post(&p.app, &path, &agent.token, "fr", &fields).await;
    assert_eq!(mixed.status, StatusCode::BAD_REQUEST);
    assert!(mixed.body.contains(r##"href="#field-mode_1""##) && mixed.body.contains("une même règle"), "{}", mixed.body);

    let mut fields = two_rows(&csrf, &head, &signer);
    fields.extend([("page_1", "1".into()), ("x_1", x.clone()), ("y_1", y.clone()), ("w_1", "180".into()), ("h_1", "60".into()), ("op", "start".into())]);
    let started = post(&p.app, &path, &agent.token, "fr", &fields).await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.body);
    assert_eq!(started.location, format!("/parapheur/folders/{id}"));
    let (_, f) = p.app.get(&format!("/api/v1/parapheur/folders/{id}"), Some(&agent.token)).await;
    assert_eq!(f["status"], "in_progress");
    assert_eq!(f["steps"][1]["placement"], serde_json::json!({"page": 1, "x": 207.5, "y": 588.9, "width": 180.0, "height": 60.0}));
    assert!(f["steps"][0]["placement"].is_null());
    // Started: the form is no longer offered; someone else's folder is not found.
    assert_eq!(page(&p.app, "GET", &path, &agent.token, "fr", None).await.status, StatusCode::CONFLICT);
    assert_eq!(page(&p.app, "GET", &path, &head.token, "fr", None).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn templates_and_pades_level_are_set_by_administrators_and_used_from_the_circuit_page() {
    let p = Parapheur::new().await;
    let admin = p.app.login("admin@demo.test").await;
    let agent = p.staff("redacteur", "agent", "SP").await;
    let signer = p.signer("directeur").await;
    let csrf_admin = csrf(&p.app, &admin).await;
    let daa = p.unit("DAA").await;
    let fields = vec![
        ("csrf", csrf_admin.clone()), ("op", "save".into()), ("name", "Visa puis signature du directeur".into()),
        ("pos_0", "1".into()), ("kind_0", "visa".into()), ("user_0", agent.id.to_string()),
        ("pos_1", "2".into()), ("kind_1", "signature".into()), ("role_1", "official".into()), ("unit_1", daa.to_string()),
    ];
    let saved = post(&p.app, "/parapheur/templates", &admin, "fr", &fields).await;
    assert_eq!((saved.status, saved.location.as_str()), (StatusCode::SEE_OTHER, "/parapheur/templates?saved=1"), "{}", saved.body);
    let list = page(&p.app, "GET", "/parapheur/templates?saved=1", &admin, "fr", None).await.body;
    assert!(list.contains("Modèle enregistré") && list.contains("Visa puis signature du directeur") && list.contains("Responsable signataire"));
    // Agents may not manage templates or settings.
    assert_eq!(page(&p.app, "GET", "/parapheur/templates", &agent.token, "fr", None).await.status, StatusCode::FORBIDDEN);
    // Everyone chooses their notifications; only administrators see and set the PAdES level.
    let mine = page(&p.app, "GET", "/parapheur/settings", &agent.token, "fr", None).await;
    assert_eq!(mine.status, StatusCode::OK);
    assert!(mine.body.contains(r#"value="immediate" checked"#) && !mine.body.contains("pades_level"), "{}", mine.body);
    let csrf_agent = csrf(&p.app, &agent.token).await;
    let daily = post(&p.app, "/parapheur/settings", &agent.token, "fr", &[("csrf", csrf_agent.clone()), ("notifications", "daily".into())]).await;
    assert_eq!(daily.status, StatusCode::SEE_OTHER);
    assert!(page(&p.app, "GET", "/parapheur/settings", &agent.token, "fr", None).await.body.contains(r#"value="daily" checked"#));
    let forged = post(&p.app, "/parapheur/settings", &agent.token, "fr", &[("csrf", csrf_agent), ("pades_level", "B-B".into())]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "an agent may not set the level");

    let settings = page(&p.app, "GET", "/parapheur/settings", &admin, "fr", None).await.body;
    assert!(settings.contains(r#"value="B-LT" checked"#), "B-LT by default");
    let set = post(&p.app, "/parapheur/settings", &admin, "fr", &[("csrf", csrf_admin.clone()), ("pades_level", "B-LTA".into())]).await;
    assert_eq!(set.status, StatusCode::SEE_OTHER);
    assert!(page(&p.app, "GET", "/parapheur/settings", &admin, "fr", None).await.body.contains(r#"value="B-LTA" checked"#));
    let bad = post(&p.app, "/parapheur/settings", &admin, "fr", &[("csrf", csrf_admin), ("pades_level", "B-XL".into())]).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);

    // The agent starts a folder's circuit from the template.
    let id = draft(&p, &agent).await;
    let path = format!("/parapheur/folders/{id}/circuit");
    let form = page(&p.app, "GET", &path, &agent.token, "fr", None).await.body;
    let t = form.split("Visa puis signature du directeur").next().unwrap().rsplit(r#"<option value=""#).next().unwrap();
    let template_id = t[..t.find('"').unwrap()].to_owned();
    let csrf = csrf(&p.app, &agent.token).await;
    let loaded = post(&p.app, &path, &agent.token, "fr", &[("csrf", csrf.clone()), ("op", "load".into()), ("template_id", template_id.clone())]).await;
    assert_eq!(input_value(&loaded.body, "field-pos_1"), "2", "the template fills the rows");
    let started = post(&p.app, &path, &agent.token, "fr", &[("csrf", csrf), ("op", "template".into()), ("template_id", template_id)]).await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.body);
    let (_, f) = p.app.get(&format!("/api/v1/parapheur/folders/{id}"), Some(&signer.token)).await;
    assert_eq!(f["steps"][1]["assignee_role"], "official");
}

#[tokio::test]
async fn an_official_uploads_a_pkcs12_and_delegates_then_revokes() {
    let p = Parapheur::new().await;
    let official = p.staff("responsable", "official", "DAA").await;
    let deputy = p.staff("adjoint", "agent", "DAA").await;
    let csrf = csrf(&p.app, &official.token).await;
    assert!(page(&p.app, "GET", "/parapheur/keys", &official.token, "fr", None).await.body.contains("Aucune clé de signature"));

    let p12 = issue_p12("Responsable Signataire", PIN);
    let (ct, body) = multipart(&[("csrf", &csrf), ("label", "clé 2026"), ("pin", "0000")], &[("p12", "cle.p12", p12.clone())]);
    let wrong = page(&p.app, "POST", "/parapheur/keys", &official.token, "ar", Some((&ct, body))).await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert!(wrong.body.contains("الرمز السري غير صحيح"), "wrong PIN said in Arabic");
    let (ct, body) = multipart(&[("csrf", &csrf), ("label", "clé 2026"), ("pin", PIN)], &[]);
    assert_eq!(page(&p.app, "POST", "/parapheur/keys", &official.token, "fr", Some((&ct, body))).await.status, StatusCode::BAD_REQUEST, "no file");
    let (ct, body) = multipart(&[("csrf", &csrf), ("label", "clé 2026"), ("pin", PIN)], &[("p12", "cle.p12", p12)]);
    let ok = page(&p.app, "POST", "/parapheur/keys", &official.token, "fr", Some((&ct, body))).await;
    assert_eq!((ok.status, ok.location.as_str()), (StatusCode::SEE_OTHER, "/parapheur/keys?saved=1"), "{}", ok.body);
    let shown = page(&p.app, "GET", "/parapheur/keys", &official.token, "fr", None).await.body;
    assert!(shown.contains("CN=Responsable Signataire") && shown.contains("clé 2026") && shown.contains("Validité"), "{shown}");
    assert!(!shown.contains("key-none"));

    let today = chrono::Utc::now().date_naive();
    let to = (today + chrono::Days::new(7)).to_string();
    let bad = post(&p.app, "/parapheur/delegations", &official.token, "fr", &[("csrf", csrf.clone()), ("delegate_id", deputy.id.to_string()), ("from", today.to_string()), ("to", "2020-01-01".into())]).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let made = post(&p.app, "/parapheur/delegations", &official.token, "fr", &[("csrf", csrf.clone()), ("delegate_id", deputy.id.to_string()), ("from", today.to_string()), ("to", to)]).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let mine = page(&p.app, "GET", "/parapheur/delegations", &official.token, "fr", None).await.body;
    assert!(mine.contains("adjoint") && mine.contains("En cours") && mine.contains("/revoke"), "{mine}");
    assert!(page(&p.app, "GET", "/parapheur/delegations", &deputy.token, "fr", None).await.body.contains("responsable"), "the delegate sees it received");
    let (_, list) = p.app.get("/api/v1/parapheur/delegations", Some(&official.token)).await;
    let did = list[0]["id"].as_i64().unwrap();
    let revoked = post(&p.app, &format!("/parapheur/delegations/{did}/revoke"), &official.token, "fr", &[("csrf", csrf)]).await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    let after = page(&p.app, "GET", "/parapheur/delegations?revoked=1", &official.token, "fr", None).await.body;
    assert!(after.contains("Délégation révoquée") && after.contains("Révoquée"));
}
