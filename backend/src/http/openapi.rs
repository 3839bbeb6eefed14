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
    static DOC: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
    Router::new().route(
        "/api/v1/openapi.json",
        get(|| async { Json(DOC.get_or_init(|| serde_json::to_value(document()).expect("the OpenAPI document serialises")).clone()) }),
    )
}

/// The whole document: the register's operations and the parapheur's, with the error
/// answers every operation can give (see [`document_error_statuses`]).
pub fn document() -> utoipa::openapi::OpenApi {
    let mut api = ApiDoc::openapi()
        .merge_from(super::parapheur::ParapheurApi::openapi())
        .merge_from(super::parapheur_more::ParapheurMoreApi::openapi());
    document_error_statuses(&mut api);
    api
}

/// Adds to each operation the error statuses that come from the layers every request
/// crosses rather than from its handler, so that a client (and the schemathesis run of
/// `make test`) finds every status the server can return documented: 400 (a body, path or
/// query that does not parse), 413 (a body over the route's limit), 429 (too many attempts),
/// 503 (the server is at its limit for this kind of work, with `Retry-After`); 401 and 403
/// where the operation needs a signed-in caller; 404 where the path names a resource.
/// Statuses the handler documents itself are left as written.
fn document_error_statuses(api: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::path::ParameterIn;
    use utoipa::openapi::{Content, Ref, RefOr, ResponseBuilder};
    let error = |description: &str| -> RefOr<utoipa::openapi::Response> {
        RefOr::T(ResponseBuilder::new().description(description).content("application/json", Content::new(Some(Ref::from_schema_name("ErrorBody")))).build())
    };
    for item in api.paths.paths.values_mut() {
        let path_params = item.parameters.iter().flatten().any(|p| p.parameter_in == ParameterIn::Path);
        let ops = [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
        for op in ops.into_iter().flatten() {
            let signed_in = op.security.as_ref().is_some_and(|s| !s.is_empty());
            let names_resource = path_params || op.parameters.iter().flatten().any(|p| p.parameter_in == ParameterIn::Path);
            let mut add = |status: &str, description: &str| {
                op.responses.responses.entry(status.to_owned()).or_insert_with(|| error(description));
            };
            add("400", "The request does not parse or breaks a rule the caller can fix.");
            add("500", "An unexpected failure (a panicking handler included: the catch-panic layer), with the usual error body.");
            add("413", "The request body is over this operation's limit.");
            add("429", "Too many attempts; try again after `Retry-After` seconds.");
            add("503", "The server is at its limit for this work; try again after `Retry-After` seconds.");
            if signed_in {
                add("401", "No valid session or bearer token.");
                add("403", "Signed in, but not allowed to do this.");
            }
            if names_resource {
                add("404", "No such resource, or not the caller's.");
            }
        }
    }
}
