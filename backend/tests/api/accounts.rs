//! Accounts under attack: guessing limits on sign-in, sign-up, verification and PINs
//! (lockouts that hold across processes, warned by e-mail), sign-up that does not tell who
//! has an account, the password policy, sessions (CSRF bound to the session, Origin on
//! cookie writes, logout parsing, sign out everywhere) and clearance changes.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use chrono::Utc;
use figment::providers::Serialized;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};
use sijill_backend::db::entities::{audit_event, throttle, user};

use crate::common::{pages, TestApp};
use crate::parapheur_support::{at, sig, Parapheur, PIN};

const PASSWORD: &str = "demo-password";
/// A password zxcvbn scores 4.
const STRONG: &str = "ochre-tambourine-glacier-47";

/// A login from `addr` (the connection's peer, as `serve` records it).
async fn login_from(app: &TestApp, email: &str, password: &str, addr: &str) -> (StatusCode, axum::http::HeaderMap, Value) {
    let mut req = Request::post("/api/v1/auth/login")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, "ar")
        .body(Body::from(json!({"email": email, "password": password}).to_string()))
        .unwrap();
    req.extensions_mut().insert(ConnectInfo(format!("{addr}:40000").parse::<SocketAddr>().unwrap()));
    let (s, h, b) = app.call(req).await;
    (s, h, serde_json::from_slice(&b).unwrap_or(Value::Null))
}

/// Ends every lockout now, as if its time had passed.
async fn expire_lockouts(app: &TestApp) {
    throttle::Entity::update_many()
        .col_expr(throttle::Column::LockedUntil, Expr::value(Utc::now() - chrono::Duration::seconds(1)))
        .exec(&app.state.svc.db.conn)
        .await
        .unwrap();
}

async fn mails_of_kind(app: &TestApp, kind: &str) -> Vec<String> {
    let all = sijill_backend::db::outbox::all(&app.state.svc.db.conn).await.unwrap();
    all.into_iter().filter(|m| m.kind == kind).map(|m| m.recipient).collect()
}

#[tokio::test]
async fn wrong_passwords_lock_the_account_even_for_the_right_one_until_it_ends() {
    let app = TestApp::new().await;
    for i in 0..5 {
        let (s, _, v) = login_from(&app, "citizen@demo.test", "wrong-guess", &format!("198.51.100.{i}")).await;
        assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("bad_credentials")), "guess {i}");
    }
    // Locked: the right password is refused too, whatever the address, in the user's language.
    let (s, h, v) = login_from(&app, "citizen@demo.test", PASSWORD, "203.0.113.9").await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("too_many_attempts")), "{v}");
    let wait: u64 = h[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "first lockout is throttle.lockout_secs: {wait}");
    assert!(v["message"].as_str().unwrap().contains("محاولات"), "{v}");
    assert_eq!(mails_of_kind(&app, "lockout_warning").await, ["citizen@demo.test"], "the owner is warned once");

    // A second server process on the same database sees the lockout.
    let other = sijill_backend::app::build((*app.state.svc.config).clone()).await.unwrap();
    let refused = other.svc.login("citizen@demo.test", PASSWORD, sijill_backend::domain::auth::SessionKind::Bearer, "192.0.2.7").await;
    assert!(matches!(refused, Err(sijill_backend::error::Error::TooManyRequests { .. })), "{:?}", refused.err());

    // Once it ends the right password works, and forgets the failures.
    expire_lockouts(&app).await;
    let (s, _, v) = login_from(&app, "citizen@demo.test", PASSWORD, "203.0.113.9").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let rows = throttle::Entity::find().filter(throttle::Column::Scope.eq("signin")).all(&app.state.svc.db.conn).await.unwrap();
    assert!(rows.is_empty(), "{rows:?}");

    // The next lockout in a row lasts twice as long.
    for _ in 0..5 {
        login_from(&app, "citizen@demo.test", "wrong-guess", "198.51.100.1").await;
    }
    expire_lockouts(&app).await;
    for _ in 0..5 {
        login_from(&app, "citizen@demo.test", "wrong-guess", "198.51.100.1").await;
    }
    let (s, h, _) = login_from(&app, "citizen@demo.test", PASSWORD, "198.51.100.1").await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = h[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((61..=120).contains(&wait), "second lockout doubles: {wait}");
}

#[tokio::test]
async fn concurrent_wrong_passwords_are_all_counted() {
    let app = TestApp::new().await;
    let tries = (0..20).map(|i| {
        let app = &app;
        async move { login_from(app, "clerk@demo.test", &format!("guess-{i}"), "198.51.100.20").await.0 }
    });
    let statuses = futures::future::join_all(tries).await;
    let checked = statuses.iter().filter(|s| **s == StatusCode::BAD_REQUEST).count();
    let refused = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!((checked, refused), (5, 15), "exactly throttle.account_failures guesses are checked: {statuses:?}");
    let (s, _, _) = login_from(&app, "clerk@demo.test", PASSWORD, "198.51.100.21").await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn one_address_trying_many_accounts_is_stopped() {
    let app = TestApp::with(|f| f.merge(Serialized::default("throttle.address_failures", 3))).await;
    for i in 0..3 {
        let (s, _, _) = login_from(&app, &format!("someone{i}@demo.test"), "wrong-guess", "198.51.100.30").await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
    }
    let (s, _, _) = login_from(&app, "citizen@demo.test", PASSWORD, "198.51.100.30").await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "the address is locked");
    let (s, _, _) = login_from(&app, "citizen@demo.test", PASSWORD, "198.51.100.31").await;
    assert_eq!(s, StatusCode::OK, "another address is not");
    // Successful sign-ins do not count against an address.
    for _ in 0..5 {
        assert_eq!(login_from(&app, "citizen2@demo.test", PASSWORD, "198.51.100.32").await.0, StatusCode::OK);
    }
}

#[tokio::test]
async fn the_sign_in_page_says_when_to_try_again() {
    let app = TestApp::new().await;
    // The page's token belongs to another anonymous cookie: fetch both from one visit.
    let (csrf, binding) = anonymous_form(&app, "/signin").await;
    for _ in 0..5 {
        let (s, _, _) = app.call(form_post("/signin", &binding, &format!("csrf={}&email=head%40demo.test&password=wrong-guess", pages::enc(&csrf)))).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let (s, h, b) = app.call(form_post("/signin", &binding, &format!("csrf={}&email=head%40demo.test&password={PASSWORD}", pages::enc(&csrf)))).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    assert!(h.contains_key(header::RETRY_AFTER));
    assert!(String::from_utf8_lossy(&b).contains("Trop de tentatives"), "localized on the page");
}

/// The CSRF token and the anonymous binding cookie of one visit to a form page.
async fn anonymous_form(app: &TestApp, path: &str) -> (String, String) {
    let (_, h, b) = app.call(Request::get(path).body(Body::empty()).unwrap()).await;
    let binding = h
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("sijill_csrf=").map(|r| r.split(';').next().unwrap().to_owned()))
        .expect("anonymous binding cookie");
    (pages::csrf_of(&String::from_utf8_lossy(&b)), binding)
}

fn form_post(path: &str, binding: &str, body: &str) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("sijill_csrf={binding}"))
        .header(header::ACCEPT_LANGUAGE, "fr")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

#[tokio::test]
async fn wrong_pins_lock_the_key_for_signing_and_batches() {
    let p = Parapheur::new().await;
    let agent = p.staff("redacteur", "agent", "SP").await;
    let signer = p.signer("signataire").await;
    let id = p.started(&agent, json!([at(sig("signature", &signer), 1, "all")])).await;
    for i in 0..5 {
        let (s, e) = p.act(&signer, id, json!({"action": "sign", "pin": "0000"})).await;
        assert_eq!((s, e["error"].as_str()), (StatusCode::BAD_REQUEST, Some("wrong_pin")), "PIN {i}: {e}");
    }
    let (s, e) = p.act(&signer, id, json!({"action": "sign", "pin": PIN})).await;
    assert_eq!((s, e["error"].as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("too_many_attempts")), "{e}");
    let (s, e) = p.post("/api/v1/parapheur/batches", &signer.token, json!({"folder_ids": [id], "pin": PIN})).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "a batch unlocks the same key: {e}");
    assert_eq!(mails_of_kind(&p.app, "lockout_warning").await, ["signataire@demo.test"]);
    // The lockout is the key's: another official signs meanwhile.
    let other = p.signer("signataire-2").await;
    let id2 = p.started(&agent, json!([at(sig("signature", &other), 1, "all")])).await;
    assert_eq!(p.act(&other, id2, json!({"action": "sign", "pin": PIN})).await.0, StatusCode::OK);

    expire_lockouts(&p.app).await;
    let (s, f) = p.act(&signer, id, json!({"action": "sign", "pin": PIN})).await;
    assert_eq!(s, StatusCode::OK, "{f}");
}

#[tokio::test]
async fn sign_up_answers_the_same_for_an_existing_address() {
    let app = TestApp::new().await;
    let new = app.post_json("/api/v1/auth/signup", json!({"email": "nouvelle@demo.test", "password": STRONG, "display_name": "Nouvelle"})).await;
    let taken = app.post_json("/api/v1/auth/signup", json!({"email": "Citizen@demo.test", "password": STRONG, "display_name": "Intrus"})).await;
    assert_eq!(new.0, StatusCode::ACCEPTED, "{}", new.1);
    assert_eq!(new, taken, "one answer for both");
    assert_eq!(mails_of_kind(&app, "verify_email").await, ["nouvelle@demo.test"]);
    assert_eq!(mails_of_kind(&app, "signup_existing").await, ["citizen@demo.test"], "the owner is told");
    // The existing account is untouched.
    assert_eq!(app.post_json("/api/v1/auth/login", json!({"email": "citizen@demo.test", "password": PASSWORD})).await.0, StatusCode::OK);
    // An unverified account that signs up again gets a fresh link.
    app.post_json("/api/v1/auth/signup", json!({"email": "nouvelle@demo.test", "password": STRONG, "display_name": "Nouvelle"})).await;
    assert_eq!(mails_of_kind(&app, "verify_email").await, ["nouvelle@demo.test", "nouvelle@demo.test"]);
    // The page answers the same too.
    for email in ["autre@demo.test", "citizen2@demo.test"] {
        let (csrf, binding) = anonymous_form(&app, "/signup").await;
        let body = format!("csrf={}&name=X&email={}&password={}", pages::enc(&csrf), pages::enc(email), pages::enc(STRONG));
        let (s, h, _) = app.call(form_post("/signup", &binding, &body)).await;
        assert_eq!((s, h[header::LOCATION].to_str().unwrap()), (StatusCode::SEE_OTHER, "/signup/sent"), "{email}");
    }
}

#[tokio::test]
async fn sign_ups_are_limited_per_address_and_per_email() {
    let app = TestApp::with(|f| f.merge(Serialized::default("throttle.signups_per_email", 2))).await;
    for _ in 0..2 {
        let (s, v) = app.post_json("/api/v1/auth/signup", json!({"email": "citizen@demo.test", "password": STRONG, "display_name": "X"})).await;
        assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    }
    let req = Request::post("/api/v1/auth/signup")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(json!({"email": "citizen@demo.test", "password": STRONG, "display_name": "X"}).to_string()))
        .unwrap();
    let (s, h, _) = app.call(req).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "no mail-bombing the owner");
    assert!(h.contains_key(header::RETRY_AFTER));
    assert_eq!(mails_of_kind(&app, "signup_existing").await.len(), 2);
}

#[tokio::test]
async fn wrong_verification_links_are_limited_per_address() {
    let app = TestApp::with(|f| f.merge(Serialized::default("throttle.address_failures", 3))).await;
    for _ in 0..3 {
        assert_eq!(app.post_json("/api/v1/auth/verify-email", json!({"token": "forged"})).await.0, StatusCode::BAD_REQUEST);
    }
    let (s, v) = app.post_json("/api/v1/auth/verify-email", json!({"token": "forged"})).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("too_many_attempts")));
    let (_, h, _) = app.call(Request::get("/verify-email?token=forged").body(Body::empty()).unwrap()).await;
    assert!(h.contains_key(header::RETRY_AFTER), "the page too");
}

#[tokio::test]
async fn no_token_before_the_address_is_verified() {
    let app = TestApp::new().await;
    app.post_json("/api/v1/auth/signup", json!({"email": "pas-encore@demo.test", "password": STRONG, "display_name": "Pas Encore", "lang": "en"})).await;
    let (s, v) = app.post_json("/api/v1/auth/login", json!({"email": "pas-encore@demo.test", "password": STRONG})).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::FORBIDDEN, Some("email_not_verified")), "{v}");
    assert!(v.get("token").is_none());
    let u = user::Entity::find().filter(user::Column::Email.eq("pas-encore@demo.test")).one(&app.state.svc.db.conn).await.unwrap().unwrap();
    let sessions = sijill_backend::db::entities::session::Entity::find()
        .filter(sijill_backend::db::entities::session::Column::UserId.eq(u.id))
        .all(&app.state.svc.db.conn)
        .await
        .unwrap();
    assert!(sessions.is_empty());
}

#[tokio::test]
async fn common_and_trivial_passwords_are_refused() {
    let app = TestApp::new().await;
    for (password, code) in [
        ("1234567890", "guessable_password"),
        ("          ", "weak_password"),
        ("short", "weak_password"),
        ("password1234", "guessable_password"),
        ("azertyuiop", "guessable_password"),
        ("aaaaaaaaaaaa", "guessable_password"),
        ("fatima.zahra2026", "guessable_password"),
    ] {
        let (s, v) = app
            .post_json("/api/v1/auth/signup", json!({"email": "fatima.zahra@demo.test", "password": password, "display_name": "Fatima Zahra"}))
            .await;
        assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some(code)), "{password:?}: {v}");
    }
    let req = Request::post("/api/v1/auth/signup")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, "zgh")
        .body(Body::from(json!({"email": "x@demo.test", "password": "1234567890", "display_name": "X"}).to_string()))
        .unwrap();
    let (_, v) = app.json(req).await;
    assert!(v["message"].as_str().unwrap().contains("ⴰⵡⴰⵍ"), "localized: {v}");
    let (s, v) = app.post_json("/api/v1/auth/signup", json!({"email": "fatima.zahra@demo.test", "password": STRONG, "display_name": "Fatima Zahra"})).await;
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    // The page puts the reason next to the password field.
    let (csrf, binding) = anonymous_form(&app, "/signup").await;
    let body = format!("csrf={}&name=X&email=y%40demo.test&password=1234567890", pages::enc(&csrf));
    let (s, _, b) = app.call(form_post("/signup", &binding, &body)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(String::from_utf8_lossy(&b).contains("trop facile à deviner"));
}

#[tokio::test]
async fn an_anonymous_csrf_token_does_not_work_for_a_session() {
    let app = TestApp::new().await;
    let token = app.login("citizen@demo.test").await;
    let (anon_csrf, binding) = anonymous_form(&app, "/signin").await;
    // Signed in, with the anonymous cookie still there and its token: refused.
    let req = Request::post("/signout")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("sijill_session={token}; sijill_csrf={binding}"))
        .body(Body::from(format!("csrf={}", pages::enc(&anon_csrf))))
        .unwrap();
    app.call(req).await;
    assert_eq!(app.get("/api/v1/me", Some(&token)).await.0, StatusCode::OK, "not signed out by a forged form");
    // The session's own token works.
    let csrf = pages::csrf(&app, &token).await;
    assert_ne!(csrf, anon_csrf);
    pages::post(&app, "/signout", &token, "fr", &[("csrf", &csrf)]).await;
    assert_eq!(app.get("/api/v1/me", Some(&token)).await.0, StatusCode::UNAUTHORIZED);
    // Signing in through the page drops the anonymous binding.
    let (csrf, binding) = anonymous_form(&app, "/signin").await;
    let (s, h, _) = app.call(form_post("/signin", &binding, &format!("csrf={}&email=citizen%40demo.test&password={PASSWORD}", pages::enc(&csrf)))).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let cookies: Vec<&str> = h.get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap()).collect();
    assert!(cookies.iter().any(|c| c.starts_with("sijill_csrf=;") || (c.starts_with("sijill_csrf=") && c.contains("Max-Age=0"))), "{cookies:?}");
}

#[tokio::test]
async fn cookie_authenticated_api_writes_must_come_from_the_site() {
    let app = TestApp::new().await;
    let token = app.login("citizen@demo.test").await;
    let logout = |origin: Option<&str>, fetch_site: Option<&str>, bearer: bool| {
        let mut r = Request::post("/api/v1/auth/logout").header(header::ACCEPT_LANGUAGE, "en");
        r = if bearer { r.header(header::AUTHORIZATION, format!("Bearer {token}")) } else { r.header(header::COOKIE, format!("sijill_session={token}")) };
        if let Some(o) = origin {
            r = r.header(header::ORIGIN, o);
        }
        if let Some(s) = fetch_site {
            r = r.header("sec-fetch-site", s);
        }
        r.body(Body::empty()).unwrap()
    };
    let (s, v) = app.json(logout(Some("https://evil.example"), None, false)).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::FORBIDDEN, Some("cross_origin")), "{v}");
    let (s, _) = app.json(logout(None, Some("cross-site"), false)).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/api/v1/me", Some(&token)).await.0, StatusCode::OK, "still signed in");
    // Reads are not concerned; a bearer token carries no ambient credential.
    let r = Request::get("/api/v1/me").header(header::COOKIE, format!("sijill_session={token}")).header(header::ORIGIN, "https://evil.example").body(Body::empty()).unwrap();
    assert_eq!(app.call(r).await.0, StatusCode::OK);
    let public = app.state.svc.config.server.public_url.clone();
    assert_eq!(app.call(logout(Some(&public), Some("same-origin"), false)).await.0, StatusCode::NO_CONTENT);
    let token = app.login("citizen@demo.test").await;
    let r = Request::post("/api/v1/auth/logout").header(header::AUTHORIZATION, format!("Bearer {token}")).header(header::ORIGIN, "https://evil.example").body(Body::empty()).unwrap();
    assert_eq!(app.call(r).await.0, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn logout_revokes_whatever_the_scheme_case() {
    let app = TestApp::new().await;
    for scheme in ["bearer", "BEARER", "Bearer"] {
        let token = app.login("citizen@demo.test").await;
        let r = Request::get("/api/v1/me").header(header::AUTHORIZATION, format!("{scheme} {token}")).body(Body::empty()).unwrap();
        assert_eq!(app.call(r).await.0, StatusCode::OK, "{scheme} authenticates");
        let r = Request::post("/api/v1/auth/logout").header(header::AUTHORIZATION, format!("{scheme} {token}")).body(Body::empty()).unwrap();
        assert_eq!(app.call(r).await.0, StatusCode::NO_CONTENT);
        assert_eq!(app.get("/api/v1/me", Some(&token)).await.0, StatusCode::UNAUTHORIZED, "{scheme} revokes");
    }
}

#[tokio::test]
async fn sign_out_everywhere_revokes_every_session_and_token() {
    let app = TestApp::new().await;
    let (a, b, c) = (app.login("citizen@demo.test").await, app.login("citizen@demo.test").await, app.login("citizen@demo.test").await);
    let other = app.login("citizen2@demo.test").await;
    let (s, _) = app.send("POST", "/api/v1/auth/logout-everywhere", &a, None).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    for t in [&a, &b, &c] {
        assert_eq!(app.get("/api/v1/me", Some(t)).await.0, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(app.get("/api/v1/me", Some(&other)).await.0, StatusCode::OK, "only the caller's");
    assert_eq!(app.send("POST", "/api/v1/auth/logout-everywhere", &a, None).await.0, StatusCode::UNAUTHORIZED);

    // The account page's button does the same.
    let (d, e) = (app.login("citizen2@demo.test").await, app.login("citizen2@demo.test").await);
    let page = pages::page(&app, "GET", "/account", &d, "ar", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("/account/signout-everywhere") && page.body.contains("citizen2@demo.test"), "{}", page.body);
    let r = pages::post(&app, "/account/signout-everywhere", &d, "ar", &[("csrf", &pages::csrf_of(&page.body))]).await;
    assert_eq!((r.status, r.location.as_str()), (StatusCode::SEE_OTHER, "/"));
    for t in [&d, &e, &other] {
        assert_eq!(app.get("/api/v1/me", Some(t)).await.0, StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn clearance_changes_are_audited_and_never_granted_to_oneself() {
    let app = TestApp::new().await;
    let admin = app.login("admin@demo.test").await;
    let c = &app.state.svc.db.conn;
    let id_of = |email: &'static str| async move { user::Entity::find().filter(user::Column::Email.eq(email)).one(c).await.unwrap().unwrap().id };
    let (admin_id, clerk_id) = (id_of("admin@demo.test").await, id_of("clerk@demo.test").await);
    let (s, v) = app.send("PUT", &format!("/api/v1/clearances/{admin_id}"), &admin, Some(json!({"level": "secret"}))).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::FORBIDDEN, Some("own_clearance")), "{v}");
    let (_, list) = app.get("/api/v1/clearances", Some(&admin)).await;
    assert!(list.as_array().unwrap().iter().any(|u| u["user_id"] == admin_id && u["clearance"] == "normal"), "{list}");

    for level in ["secret", "confidential", "confidential", "normal"] {
        let (s, v) = app.send("PUT", &format!("/api/v1/clearances/{clerk_id}"), &admin, Some(json!({"level": level}))).await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{v}");
    }
    let events = audit_event::Entity::find().filter(audit_event::Column::Action.starts_with("clearance.")).all(c).await.unwrap();
    let seen: Vec<(&str, &str, i32, Value)> = events
        .iter()
        .map(|e| (e.action.as_str(), e.subject_kind.as_str(), e.actor_id.unwrap(), serde_json::from_str(&e.details).unwrap()))
        .collect();
    assert_eq!(
        seen,
        [
            ("clearance.granted", "user", admin_id, json!({"level": "secret", "previous": "normal"})),
            ("clearance.revoked", "user", admin_id, json!({"level": "confidential", "previous": "secret"})),
            ("clearance.revoked", "user", admin_id, json!({"level": "normal", "previous": "confidential"})),
        ],
        "no event when nothing changes"
    );
    assert!(events.iter().all(|e| e.subject_id == clerk_id.to_string()));
    // The page refuses one's own too.
    let csrf = pages::csrf(&app, &admin).await;
    let r = pages::post(&app, "/bureau/clearances", &admin, "fr", &[("csrf", &csrf), ("user_id", &admin_id.to_string()), ("level", "secret")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("propre habilitation"), "{}", r.body);
    let report = sijill_backend::domain::audit::verify(c).await.unwrap();
    assert!(report.broken.is_none(), "the chain holds");
}

#[tokio::test]
async fn a_display_name_with_hidden_or_reordering_characters_is_refused_and_no_account_made() {
    let app = TestApp::new().await;
    let (s, e) = app.post_json("/api/v1/auth/signup", json!({"email": "cache@demo.test", "password": STRONG, "display_name": "Ahmed\u{202E}nimda"})).await;
    assert_eq!((s, e["error"].as_str()), (StatusCode::BAD_REQUEST, Some("hidden_characters")), "{e}");
    assert!(mails_of_kind(&app, "verify_email").await.is_empty(), "no account, no link");
}
