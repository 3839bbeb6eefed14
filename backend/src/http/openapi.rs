//! The OpenAPI document at `/api/v1/openapi.json`, listing every JSON endpoint.

use axum::routing::get;
use axum::{Json, Router};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::AppState;

#[derive(OpenApi)]
#[openapi(
    info(title = "Sijill API", description = "Remote filing, receipts and verification."),
    paths(
        super::health::healthz,
        super::auth::login, super::auth::logout, super::auth::logout_everywhere, super::auth::signup, super::auth::verify_email, super::auth::me,
        super::catalogue::catalogue, super::catalogue::verify,
        super::filings::create, super::filings::list_mine, super::filings::show, super::filings::receipt,
        super::audit::of_entry,
        super::search::search, super::register_export::export,
        super::routing::slip, super::routing::assignable, super::routing::assign, super::routing::accept, super::routing::reassign, super::routing::done, super::routing::my_work, super::routing::unit_work, super::routing::drafts, super::routing::create_draft, super::routing::draft, super::routing::update_draft, super::routing::dispatch, super::routing::outgoing_pdf, super::routing::answers, super::routing::answer_pdf,
        super::intake::correspondence, super::intake::paper, super::intake::internal, super::intake::queue, super::intake::entry, super::intake::search_correspondents, super::intake::create_correspondent, super::intake::update_correspondent, super::intake::clearances, super::intake::set_clearance,
    ),
    modifiers(&Security)
)]
pub struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        let c = api.components.get_or_insert_with(Default::default);
        c.add_security_scheme("bearer", SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()));
        c.add_security_scheme("cookie", SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(super::extract::SESSION_COOKIE))));
    }
}

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/openapi.json", get(|| async { Json(ApiDoc::openapi().merge_from(super::parapheur::ParapheurApi::openapi()).merge_from(super::parapheur_more::ParapheurMoreApi::openapi())) }))
}
