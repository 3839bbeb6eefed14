//! Who is visiting, for the pages: language, signed-in user (the `http::extract` session
//! cookie), and the anti-forgery token their forms carry (`http::csrf`: an HMAC of the
//! session, or of an anonymous `sijill_csrf` cookie before sign-in).

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::Cookie;
use axum_extra::extract::CookieJar;
use sijill_frontend::i18n::Lang;
use sijill_frontend::model::PageCtx;

use crate::domain::auth::CurrentUser;
use crate::http::extract::{session_token, SESSION_COOKIE};
use crate::http::{csrf, AppState};

pub struct Visitor {
    pub lang: Lang,
    pub user: Option<CurrentUser>,
    pub session: Option<String>,
    jar: CookieJar,
    csrf_token: String,
    state: AppState,
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let session = session_token(parts);
        let user = match &session {
            Some(token) => state.svc.authenticate(token).await.unwrap_or_else(|e| {
                tracing::warn!(error = %e, "session lookup failed");
                None
            }),
            None => None,
        };
        let (jar, csrf_token) = csrf::token(state, CookieJar::from_headers(&parts.headers));
        Ok(Visitor { lang: crate::http::error::lang_of(&parts.headers), user, session, jar, csrf_token, state: state.clone() })
    }
}

impl Visitor {
    /// Whether a posted form's token belongs to this browser's session.
    pub fn csrf_ok(&self, submitted: &str) -> bool {
        csrf::verify(&self.state, &self.jar, submitted).is_ok()
    }

    pub fn ctx(&self, path: &str) -> PageCtx {
        PageCtx {
            lang: self.lang,
            user: self.user.as_ref().map(|u| u.display_name.clone()),
            csrf: self.csrf_token.clone(),
            path: path.to_owned(),
            hydrate: super::assets::pkg_dir().is_some(),
            staff: self.user.as_ref().is_some_and(|u| u.roles.iter().any(|g| g.role != crate::domain::auth::Role::Filer && g.administration_id.is_some())),
        }
    }

    /// Sends back the cookies this visit set (the anonymous CSRF binding, the session).
    pub fn finish(&self, res: Response) -> Response {
        (self.jar.clone(), res).into_response()
    }

    /// Sets the new session's cookie. The anonymous CSRF binding goes: from now on only the
    /// session's own token is accepted (`csrf::verify`), and it is new with the session.
    pub fn set_session(&mut self, token: &str) {
        self.jar = self
            .jar
            .clone()
            .add(crate::http::auth::session_cookie(&self.state, token.to_owned()))
            .remove(Cookie::build(csrf::CSRF_COOKIE).path("/"));
    }

    pub fn clear_session(&mut self) {
        self.jar = self.jar.clone().remove(Cookie::build(SESSION_COOKIE).path("/"));
    }
}
