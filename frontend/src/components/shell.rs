//! The HTML document around every page: `<html lang dir>`, skip link, header with the main
//! navigation and language links, `<main>`, footer, and the island loader when the wasm
//! bundle is present (a file, never an inline script: see the backend's security headers).

use crate::i18n::{fill, Lang, T};
use crate::model::PageCtx;
use leptos::prelude::*;

/// Name of the wasm-bindgen output in `/pkg` (scripts/build-frontend.sh).
pub const BUNDLE_NAME: &str = "sijill_frontend";

/// Where the backend serves `frontend/assets/islands.js`, the script that loads the bundle.
pub const ISLANDS_LOADER: &str = "/static/islands.js";

/// Renders a full page. `title` is the page's own title (the site name is appended).
pub fn document(ctx: &PageCtx, title: &str, body: impl IntoView + 'static) -> String {
    let lang = ctx.lang;
    let page_title = format!("{title} — {}", T::SiteName.text(lang));
    // What leptos's <HydrationScripts islands=true/> emits, with the loader as a file
    // instead of an inline script, so the Content-Security-Policy allows scripts from this
    // origin only (no 'unsafe-inline', no nonce to thread through every page).
    let scripts = ctx.hydrate.then(|| {
        view! {
            <link rel="modulepreload" href=format!("/pkg/{BUNDLE_NAME}.js")/>
            <link rel="preload" href=format!("/pkg/{BUNDLE_NAME}_bg.wasm") r#as="fetch" r#type="application/wasm" crossorigin=""/>
            <script type="module" src=ISLANDS_LOADER></script>
        }
    });
    let html = view! {
        <html lang=lang.code() dir=lang.dir()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <title>{page_title}</title>
                <link rel="icon" href="data:,"/>
                <link rel="stylesheet" href="/static/sijill.css"/>
                {scripts}
            </head>
            <body>
                <a class="skip-link" href="#main">{T::SkipLink.text(lang)}</a>
                {header(ctx)}
                <main id="main" tabindex="-1">
                    {body}
                </main>
                <footer class="site-footer">
                    <p>{T::Footer.text(lang)}</p>
                </footer>
            </body>
        </html>
    }
    .to_html();
    format!("<!DOCTYPE html>{html}")
}

fn nav_link(ctx: &PageCtx, href: &'static str, label: T) -> impl IntoView {
    let current = if ctx.path == href || (href != "/" && ctx.path.starts_with(href)) {
        Some("page")
    } else {
        None
    };
    view! { <li><a href=href aria-current=current>{label.text(ctx.lang)}</a></li> }
}

fn header(ctx: &PageCtx) -> impl IntoView {
    let lang = ctx.lang;
    let account = match &ctx.user {
        Some(user) => view! {
            <div class="account">
                <a href="/account" title=T::NavAccount.text(lang)>{fill(T::SignedInAs.text(lang), "user", user)}</a>
                <form method="post" action="/signout" class="inline-form">
                    <input type="hidden" name="csrf" value=ctx.csrf.clone()/>
                    <button type="submit" class="link-button">{T::NavSignOut.text(lang)}</button>
                </form>
            </div>
        }
        .into_any(),
        None => view! {
            <div class="account">
                <a href="/signin">{T::NavSignIn.text(lang)}</a>
                " · "
                <a href="/signup">{T::NavSignUp.text(lang)}</a>
            </div>
        }
        .into_any(),
    };
    let mut links = if ctx.user.is_some() {
        vec![
            nav_link(ctx, "/", T::NavHome).into_any(),
            nav_link(ctx, "/catalogue", T::NavCatalogue).into_any(),
            nav_link(ctx, "/file", T::NavFile).into_any(),
            nav_link(ctx, "/filings", T::NavMyFilings).into_any(),
            nav_link(ctx, "/verify", T::NavVerify).into_any(),
        ]
    } else {
        vec![
            nav_link(ctx, "/", T::NavHome).into_any(),
            nav_link(ctx, "/catalogue", T::NavCatalogue).into_any(),
            nav_link(ctx, "/file", T::NavFile).into_any(),
            nav_link(ctx, "/verify", T::NavVerify).into_any(),
        ]
    };
    links.extend(crate::pages::bureau_queue::nav(ctx));
    links.extend(crate::pages::bureau_search::nav(ctx));
    links.extend(crate::pages::routing_slip::nav(ctx));
    links.extend(crate::pages::parapheur_inbox::nav(ctx));
    view! {
        <header class="site-header">
            <div class="brand-row">
                <a class="brand" href="/">
                    <span class="brand-name">{T::SiteName.text(lang)}</span>
                    <span class="brand-tagline">{T::Tagline.text(lang)}</span>
                </a>
                {language_links(ctx)}
            </div>
            <div class="nav-row">
                <nav aria-label=T::MainNav.text(lang)>
                    <ul class="main-nav">{links}</ul>
                </nav>
                {account}
            </div>
        </header>
    }
}

/// Plain links (GET /lang/{code}?next=…) so the switch works without JavaScript; the server
/// sets the language cookie and sends the reader back to the same page.
fn language_links(ctx: &PageCtx) -> impl IntoView {
    let next = encode_query(&ctx.path);
    let items = Lang::ALL
        .iter()
        .map(|&l| {
            let href = format!("/lang/{}?next={}", l.code(), next);
            let current = (l == ctx.lang).then_some("true");
            view! {
                <li>
                    <a href=href lang=l.code() hreflang=l.code() aria-current=current>
                        {l.native_name()}
                    </a>
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <nav class="lang-nav" aria-label=T::LanguageNav.text(ctx.lang)>
            <ul>{items}</ul>
        </nav>
    }
}

/// Percent-encodes a path for use as a query value.
pub fn encode_query(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
