//! Pages as a browser without JavaScript uses them: requests with the session cookie and a
//! language, url-encoded form posts, and the CSRF token a page carries.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};

use super::TestApp;

pub struct Page {
    pub status: StatusCode,
    pub location: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub body: String,
}

/// `form` is (content type, body).
pub async fn page(app: &TestApp, method: &str, path: &str, token: &str, lang: &str, form: Option<(&str, Vec<u8>)>) -> Page {
    let mut r = Request::builder().method(method).uri(path).header(header::COOKIE, format!("sijill_session={token}")).header(header::ACCEPT_LANGUAGE, lang);
    let body = match form {
        Some((ct, b)) => {
            r = r.header(header::CONTENT_TYPE, ct);
            Body::from(b)
        }
        None => Body::empty(),
    };
    let (status, h, b) = app.call(r.body(body).unwrap()).await;
    let get = |k| h.get(k).map(|v: &header::HeaderValue| v.to_str().unwrap().to_owned()).unwrap_or_default();
    Page { status, location: get(header::LOCATION), content_type: get(header::CONTENT_TYPE), body: String::from_utf8_lossy(&b).into_owned(), bytes: b }
}

pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A url-encoded form post.
pub async fn post(app: &TestApp, path: &str, token: &str, lang: &str, fields: &[(&str, &str)]) -> Page {
    let body = fields.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect::<Vec<_>>().join("&");
    page(app, "POST", path, token, lang, Some(("application/x-www-form-urlencoded", body.into_bytes()))).await
}

/// The value of the first `csrf` field in `html`.
pub fn csrf_of(html: &str) -> String {
    let at = html.find(r#"name="csrf" value=""#).expect("csrf field");
    let rest = &html[at + 19..];
    rest[..rest.find('"').unwrap()].to_owned()
}

/// The session's CSRF token, read from the home page as a browser would.
pub async fn csrf(app: &TestApp, token: &str) -> String {
    csrf_of(&page(app, "GET", "/", token, "fr", None).await.body)
}

/// A multipart form: text fields, then files as (field, file name, bytes).
pub fn multipart(fields: &[(&str, &str)], files: &[(&str, &str, Vec<u8>)]) -> (String, Vec<u8>) {
    let boundary = "sijill-page-boundary-4b2e";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes());
    }
    for (field, name, bytes) in files {
        body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
        body.extend_from_slice(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}
