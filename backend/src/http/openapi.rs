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
        super::auth::login, super::auth::logout, super::auth::signup, super::auth::verify_email, super::auth::me,
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

/// Answers any operation may give, added to each where its annotation does not say them:
/// 500 (an unexpected failure, a panicking handler: the catch-panic layer), 400 where it
/// takes query parameters (a value that does not parse, or out of range), 413 where it
/// takes a body (past `server.json_body_limit_bytes`, or the documents' limits).
struct CommonResponses;

impl Modify for CommonResponses {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let error = |what: &str| {
            ResponseBuilder::new()
                .description(what)
                .content("application/json", ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build())
                .build()
        };
        for item in api.paths.paths.values_mut() {
            let ops = [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
            for op in ops.into_iter().flatten() {
                let has_query = op.parameters.iter().flatten().any(|p| p.parameter_in == utoipa::openapi::path::ParameterIn::Query);
                let has_body = op.request_body.is_some();
                let r = &mut op.responses.responses;
                r.entry("500".into()).or_insert_with(|| error("Internal error (the usual error body).").into());
                if has_query {
                    r.entry("400".into()).or_insert_with(|| error("A query parameter does not parse or is out of range.").into());
                }
                if has_body {
                    r.entry("413".into()).or_insert_with(|| error("The request body is too large.").into());
                }
            }
        }
    }
}

/// The whole document: this one, the parapheur's, and the common answers.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi()
        .merge_from(super::parapheur::ParapheurApi::openapi())
        .merge_from(super::parapheur_more::ParapheurMoreApi::openapi());
    CommonResponses.modify(&mut doc);
    doc
}

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/openapi.json", get(|| async { Json(document()) }))
}
