//! Static assets: the stylesheet and the islands' loader (compiled into the binary so pages
//! never lose them) and the hydration bundle built by scripts/build-frontend.sh into `target/site/pkg`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use axum::extract::Path as UrlPath;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

const STYLESHEET: &str = include_str!("../../../../frontend/style/sijill.css");
const ISLANDS_LOADER: &str = include_str!("../../../../frontend/assets/islands.js");

pub async fn stylesheet() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        STYLESHEET,
    )
        .into_response()
}

/// The script that loads the bundle and wakes the islands (a file so the CSP allows no
/// inline script). Revalidated each time: it must stay in step with the bundle.
pub async fn islands_loader() -> Response {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], ISLANDS_LOADER).into_response()
}

/// Where the wasm bundle lives: `target/site/pkg` under the working directory, or next to
/// the binary (`target/{profile}/sijill` → `target/site/pkg`). `None` while not built:
/// pages are then served without the island script and work as plain HTML. `make run`
/// starts the server before the bundle is built (scripts/run-dev.sh builds it meanwhile),
/// so a missing bundle is looked for again (two `stat`s) until it appears, then kept.
pub fn pkg_dir() -> Option<&'static Path> {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    if let Some(d) = DIR.get() {
        return Some(d);
    }
    let mut candidates = vec![PathBuf::from("target/site/pkg")];
    if let Some(bin_dir) = std::env::current_exe().ok().and_then(|p| p.parent().map(Path::to_path_buf)) {
        candidates.push(bin_dir.join("../site/pkg"));
    }
    let found = candidates.into_iter().find(|d| d.join("sijill_frontend.js").is_file())?;
    let dir = DIR.get_or_init(|| {
        tracing::info!(dir = %found.display(), "serving the hydration bundle");
        found
    });
    Some(dir)
}

/// Serves a file of the bundle (`/pkg/{*file}`): only plain relative names, no `..`.
pub async fn pkg_file(UrlPath(file): UrlPath<String>) -> Response {
    let Some(dir) = pkg_dir() else { return StatusCode::NOT_FOUND.into_response() };
    let safe = !file.is_empty()
        && file.split('/').all(|part| !part.is_empty() && part != ".." && part != "." && !part.starts_with('.'))
        && file.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c));
    if !safe {
        return StatusCode::NOT_FOUND.into_response();
    }
    let content_type = match Path::new(&file).extension().and_then(|e| e.to_str()) {
        Some("js") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    };
    match tokio::fs::read(dir.join(&file)).await {
        Ok(bytes) => ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "no-cache")], bytes).into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}
