//! Queries used by the domain services: accounts, sessions and the catalogue.
//! The register's queries are in `db::register`, the outbox's in `db::outbox`.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::entities::*;
use super::Db;
use crate::error::Result;

pub async fn user_by_email(c: &impl ConnectionTrait, email: &str) -> Result<Option<user::Model>> {
    Ok(user::Entity::find().filter(user::Column::Email.eq(email)).one(c).await?)
}

pub async fn user_with_roles(
    c: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<(user::Model, Vec<user_role::Model>)>> {
    let Some(u) = user::Entity::find_by_id(id).one(c).await? else { return Ok(None) };
    let roles = user_role::Entity::find().filter(user_role::Column::UserId.eq(id)).all(c).await?;
    Ok(Some((u, roles)))
}

pub struct NewUser<'a> {
    pub email: &'a str,
    pub password_hash: &'a str,
    pub display_name: &'a str,
    pub lang: &'a str,
    pub verified: bool,
}

pub async fn insert_user(c: &impl ConnectionTrait, u: NewUser<'_>) -> Result<i32> {
    let now = Utc::now();
    let m = user::ActiveModel {
        email: Set(u.email.to_owned()),
        password_hash: Set(u.password_hash.to_owned()),
        display_name: Set(u.display_name.to_owned()),
        lang: Set(u.lang.to_owned()),
        email_verified_at: Set(u.verified.then_some(now)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(c)
    .await?;
    Ok(m.id)
}

pub async fn insert_role(
    c: &impl ConnectionTrait,
    user_id: i32,
    role: &str,
    administration_id: Option<i32>,
    unit_id: Option<i32>,
) -> Result<()> {
    user_role::ActiveModel {
        user_id: Set(user_id),
        role: Set(role.to_owned()),
        administration_id: Set(administration_id),
        unit_id: Set(unit_id),
        ..Default::default()
    }
    .insert(c)
    .await?;
    Ok(())
}

/// Sign-up in one transaction: the user, the filer role, the verification token and the
/// e-mail in the outbox.
pub async fn create_user_with_verification(
    db: &Db,
    u: NewUser<'_>,
    token_hash: &str,
    expires_at: DateTime<Utc>,
    mail: (&str, &str),
) -> Result<i32> {
    let tx = db.write().await?;
    let recipient = u.email.to_owned();
    let id = insert_user(&tx, u).await?;
    insert_role(&tx, id, "filer", None, None).await?;
    email_verification::ActiveModel {
        token_hash: Set(token_hash.to_owned()),
        user_id: Set(id),
        expires_at: Set(expires_at),
        used_at: Set(None),
    }
    .insert(&tx)
    .await?;
    super::outbox::enqueue(&tx, "verify_email", &recipient, mail.0, mail.1, None).await?;
    tx.commit().await?;
    Ok(id)
}

/// A new verification token for an existing user, with its e-mail (one transaction).
pub async fn add_verification(db: &Db, user_id: i32, token_hash: &str, expires_at: DateTime<Utc>, mail: (&str, &str)) -> Result<()> {
    let tx = db.write().await?;
    let Some(u) = user::Entity::find_by_id(user_id).one(&tx).await? else { return Ok(()) };
    email_verification::ActiveModel { token_hash: Set(token_hash.to_owned()), user_id: Set(user_id), expires_at: Set(expires_at), used_at: Set(None) }
        .insert(&tx)
        .await?;
    super::outbox::enqueue(&tx, "verify_email", &u.email, mail.0, mail.1, None).await?;
    tx.commit().await?;
    Ok(())
}

/// Queues one e-mail on its own (no other write goes with it).
pub async fn queue_mail(db: &Db, kind: &str, recipient: &str, mail: (&str, &str)) -> Result<()> {
    let tx = db.write().await?;
    super::outbox::enqueue(&tx, kind, recipient, mail.0, mail.1, None).await?;
    tx.commit().await?;
    Ok(())
}

/// Uses a verification token once; returns the verified user's id.
pub async fn consume_verification(db: &Db, token_hash: &str, now: DateTime<Utc>) -> Result<Option<i32>> {
    let tx = db.write().await?;
    let res = email_verification::Entity::update_many()
        .col_expr(email_verification::Column::UsedAt, Expr::value(now))
        .filter(email_verification::Column::TokenHash.eq(token_hash))
        .filter(email_verification::Column::UsedAt.is_null())
        .filter(email_verification::Column::ExpiresAt.gt(now))
        .exec(&tx)
        .await?;
    if res.rows_affected != 1 {
        return Ok(None);
    }
    let v = email_verification::Entity::find_by_id(token_hash.to_owned()).one(&tx).await?;
    let Some(v) = v else { return Ok(None) };
    user::Entity::update_many()
        .col_expr(user::Column::EmailVerifiedAt, Expr::value(now))
        .filter(user::Column::Id.eq(v.user_id))
        .exec(&tx)
        .await?;
    tx.commit().await?;
    Ok(Some(v.user_id))
}

pub async fn create_session(
    c: &impl ConnectionTrait,
    token_hash: &str,
    user_id: i32,
    kind: &str,
    expires_at: DateTime<Utc>,
) -> Result<()> {
    session::ActiveModel {
        token_hash: Set(token_hash.to_owned()),
        user_id: Set(user_id),
        kind: Set(kind.to_owned()),
        created_at: Set(Utc::now()),
        expires_at: Set(expires_at),
    }
    .insert(c)
    .await?;
    Ok(())
}

pub async fn delete_session(c: &impl ConnectionTrait, token_hash: &str) -> Result<()> {
    session::Entity::delete_by_id(token_hash.to_owned()).exec(c).await?;
    Ok(())
}

/// Deletes every session and token of a user; returns how many there were.
pub async fn delete_sessions_of(c: &impl ConnectionTrait, user_id: i32) -> Result<u64> {
    Ok(session::Entity::delete_many().filter(session::Column::UserId.eq(user_id)).exec(c).await?.rows_affected)
}

pub async fn session_user(c: &impl ConnectionTrait, token_hash: &str, now: DateTime<Utc>) -> Result<Option<i32>> {
    Ok(session::Entity::find_by_id(token_hash.to_owned())
        .filter(session::Column::ExpiresAt.gt(now))
        .one(c)
        .await?
        .map(|s| s.user_id))
}

/// The user of a live session (not expired) with their roles, in one query: every
/// authenticated request runs it.
pub async fn session_user_with_roles(
    c: &impl ConnectionTrait,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<(user::Model, Vec<user_role::Model>)>> {
    use sea_orm::{JoinType, QuerySelect};
    let session_user: sea_orm::RelationDef = session::Entity::belongs_to(user::Entity).from(session::Column::UserId).to(user::Column::Id).into();
    let role_user: sea_orm::RelationDef = user_role::Entity::belongs_to(user::Entity).from(user_role::Column::UserId).to(user::Column::Id).into();
    let rows = user::Entity::find()
        .select_also(user_role::Entity)
        .join(JoinType::InnerJoin, session_user.rev())
        .join(JoinType::LeftJoin, role_user.rev())
        .filter(session::Column::TokenHash.eq(token_hash))
        .filter(session::Column::ExpiresAt.gt(now))
        .order_by_asc(user_role::Column::Id)
        .all(c)
        .await?;
    let mut rows = rows.into_iter();
    let Some((u, first)) = rows.next() else { return Ok(None) };
    let roles = first.into_iter().chain(rows.filter_map(|(_, r)| r)).collect();
    Ok(Some((u, roles)))
}

pub async fn administration_by_code(c: &impl ConnectionTrait, code: &str) -> Result<Option<administration::Model>> {
    Ok(administration::Entity::find().filter(administration::Column::Code.eq(code)).one(c).await?)
}

pub async fn administration_by_id(c: &impl ConnectionTrait, id: i32) -> Result<Option<administration::Model>> {
    Ok(administration::Entity::find_by_id(id).one(c).await?)
}

/// Every administration with its services, ordered by code (the catalogue is small enough
/// to filter in memory: hundreds of services, not millions).
pub async fn catalogue(c: &impl ConnectionTrait) -> Result<Vec<(administration::Model, Vec<service::Model>)>> {
    let admins = administration::Entity::find().order_by_asc(administration::Column::Code).all(c).await?;
    let services = service::Entity::find().order_by_asc(service::Column::Code).all(c).await?;
    Ok(admins
        .into_iter()
        .map(|a| {
            let s = services.iter().filter(|s| s.administration_id == a.id).cloned().collect();
            (a, s)
        })
        .collect())
}

pub async fn service_by_code(c: &impl ConnectionTrait, administration_id: i32, code: &str) -> Result<Option<service::Model>> {
    Ok(service::Entity::find()
        .filter(service::Column::AdministrationId.eq(administration_id))
        .filter(service::Column::Code.eq(code))
        .one(c)
        .await?)
}

pub async fn service_by_id(c: &impl ConnectionTrait, id: i32) -> Result<Option<service::Model>> {
    Ok(service::Entity::find_by_id(id).one(c).await?)
}

pub async fn units_of(c: &impl ConnectionTrait, administration_id: i32) -> Result<Vec<unit::Model>> {
    Ok(unit::Entity::find()
        .filter(unit::Column::AdministrationId.eq(administration_id))
        .order_by_asc(unit::Column::Id)
        .all(c)
        .await?)
}
