//! The address book (carnet des correspondants) of each administration.

use chrono::Utc;
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use super::entities::correspondent;
use crate::error::Result;

/// The fields a clerk types (or the API derives) for a correspondent.
#[derive(Debug, Clone)]
pub struct Fields {
    pub kind: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

pub async fn insert(c: &impl ConnectionTrait, administration_id: i32, f: Fields) -> Result<correspondent::Model> {
    Ok(correspondent::ActiveModel {
        administration_id: Set(administration_id),
        kind: Set(f.kind),
        name: Set(f.name),
        email: Set(f.email),
        phone: Set(f.phone),
        address: Set(f.address),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(c)
    .await?)
}

pub async fn update(c: &impl ConnectionTrait, existing: correspondent::Model, f: Fields) -> Result<correspondent::Model> {
    let mut m: correspondent::ActiveModel = existing.into();
    m.kind = Set(f.kind);
    m.name = Set(f.name);
    m.email = Set(f.email);
    m.phone = Set(f.phone);
    m.address = Set(f.address);
    Ok(m.update(c).await?)
}

/// One correspondent of `administration_id` (another administration's: `None`).
pub async fn get(c: &impl ConnectionTrait, administration_id: i32, id: i32) -> Result<Option<correspondent::Model>> {
    Ok(correspondent::Entity::find_by_id(id)
        .filter(correspondent::Column::AdministrationId.eq(administration_id))
        .one(c)
        .await?)
}

pub async fn by_kind_and_name(c: &impl ConnectionTrait, administration_id: i32, kind: &str, name: &str) -> Result<Option<correspondent::Model>> {
    Ok(correspondent::Entity::find()
        .filter(correspondent::Column::AdministrationId.eq(administration_id))
        .filter(correspondent::Column::Kind.eq(kind))
        .filter(correspondent::Column::Name.eq(name))
        .order_by_asc(correspondent::Column::Id)
        .one(c)
        .await?)
}

/// `%`, `_` and `\` taken literally in a LIKE pattern (with `ESCAPE '\'`).
fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

fn matching(pattern: &str) -> Condition {
    let like = |col: correspondent::Column| {
        Expr::expr(Func::lower(Expr::col(col))).like(sea_orm::sea_query::LikeExpr::new(pattern).escape('\\'))
    };
    Condition::any().add(like(correspondent::Column::Name)).add(like(correspondent::Column::Email))
}

/// Up to `limit` correspondents whose name or e-mail contains `q` (case-insensitive for
/// unaccented letters): those starting with it first, then the others, each by name. An
/// empty `q` lists the address book from the start, by name.
pub async fn search(c: &impl ConnectionTrait, administration_id: i32, q: &str, limit: u64) -> Result<Vec<correspondent::Model>> {
    let q = escape_like(&q.trim().to_lowercase());
    let base = || {
        correspondent::Entity::find()
            .filter(correspondent::Column::AdministrationId.eq(administration_id))
            .order_by_asc(correspondent::Column::Name)
            .order_by_asc(correspondent::Column::Id)
    };
    let mut out = base().filter(matching(&format!("{q}%"))).limit(limit).all(c).await?;
    if (out.len() as u64) < limit && !q.is_empty() {
        let seen: Vec<i32> = out.iter().map(|m| m.id).collect();
        let more = base()
            .filter(matching(&format!("%{q}%")))
            .filter(correspondent::Column::Id.is_not_in(seen))
            .limit(limit - out.len() as u64)
            .all(c)
            .await?;
        out.extend(more);
    }
    Ok(out)
}

pub async fn by_ids(c: &impl ConnectionTrait, ids: Vec<i32>) -> Result<Vec<correspondent::Model>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(correspondent::Entity::find().filter(correspondent::Column::Id.is_in(ids)).all(c).await?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn like_wildcards_are_literal() {
        assert_eq!(super::escape_like("50%_a\\b"), "50\\%\\_a\\\\b");
    }
}
