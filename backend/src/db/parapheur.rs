//! The e-parapheur's queries: folders, their documents, circuit steps, history,
//! annotations, templates, delegations, signing keys and the per-administration level.
//! State changes are conditional updates (`WHERE status = …`) that report whether they
//! applied, so two people acting at once cannot both win.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set};

use super::entities::*;
use crate::error::Result;

pub async fn pades_level(c: &impl ConnectionTrait, administration_id: i32) -> Result<Option<String>> {
    Ok(parapheur_setting::Entity::find_by_id(administration_id).one(c).await?.map(|s| s.pades_level))
}

pub async fn set_pades_level(c: &impl ConnectionTrait, administration_id: i32, level: &str) -> Result<()> {
    let exists = parapheur_setting::Entity::find_by_id(administration_id).one(c).await?.is_some();
    let m = parapheur_setting::ActiveModel { administration_id: Set(administration_id), pades_level: Set(level.to_owned()) };
    if exists {
        m.update(c).await?;
    } else {
        parapheur_setting::Entity::insert(m).exec(c).await?;
    }
    Ok(())
}

pub struct NewFolder<'a> {
    pub administration_id: i32,
    pub title: &'a str,
    pub originator_id: i32,
    pub unit_id: Option<i32>,
    pub entry_id: Option<&'a str>,
}

pub async fn insert_folder(c: &impl ConnectionTrait, f: NewFolder<'_>) -> Result<folder::Model> {
    let now = Utc::now();
    Ok(folder::ActiveModel {
        administration_id: Set(f.administration_id),
        title: Set(f.title.to_owned()),
        originator_id: Set(f.originator_id),
        unit_id: Set(f.unit_id),
        status: Set("draft".into()),
        current_position: Set(None),
        entry_id: Set(f.entry_id.map(str::to_owned)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(c)
    .await?)
}

pub async fn folder(c: &impl ConnectionTrait, id: i32) -> Result<Option<folder::Model>> {
    Ok(folder::Entity::find_by_id(id).one(c).await?)
}

/// Moves a folder from `from` (one of) to `status`; false when it was not in `from`.
pub async fn set_folder_state(c: &impl ConnectionTrait, id: i32, from: &[&str], status: &str, position: Option<i32>) -> Result<bool> {
    let res = folder::Entity::update_many()
        .col_expr(folder::Column::Status, Expr::value(status))
        .col_expr(folder::Column::CurrentPosition, Expr::value(position))
        .col_expr(folder::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(folder::Column::Id.eq(id))
        .filter(folder::Column::Status.is_in(from.iter().copied()))
        .exec(c)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Folders of an administration the users originated or have (had) a step in, by name or
/// by one of `role_units` (role, unit), newest first.
/// The folders of `administration_id` that `user_ids` originated or have a step in (by
/// name, or by a role in the step's unit): every one still open, and the `done_limit`
/// completed ones most recently finished. Newest first. The steps are matched in the
/// database (a subquery), so a long career of signatures costs nothing here.
pub async fn folders_involving(c: &impl ConnectionTrait, administration_id: i32, user_ids: &[i32], role_units: &[(String, i32)], done_limit: u64) -> Result<Vec<folder::Model>> {
    let mut assigned = sea_orm::Condition::any().add(circuit_step::Column::AssigneeUserId.is_in(user_ids.iter().copied()));
    for (role, unit) in role_units {
        assigned = assigned.add(
            sea_orm::Condition::all()
                .add(circuit_step::Column::AssigneeRole.eq(role.as_str()))
                .add(circuit_step::Column::AssigneeUnitId.eq(*unit)),
        );
    }
    let steps = circuit_step::Entity::find().select_only().column(circuit_step::Column::FolderId).filter(assigned).into_query();
    let involving = || {
        folder::Entity::find().filter(folder::Column::AdministrationId.eq(administration_id)).filter(
            sea_orm::Condition::any()
                .add(folder::Column::OriginatorId.is_in(user_ids.iter().copied()))
                .add(folder::Column::Id.in_subquery(steps.clone())),
        )
    };
    let mut open = involving().filter(folder::Column::Status.ne("completed")).order_by_desc(folder::Column::Id).all(c).await?;
    let done = involving()
        .filter(folder::Column::Status.eq("completed"))
        .order_by_desc(folder::Column::UpdatedAt)
        .order_by_desc(folder::Column::Id)
        .limit(done_limit)
        .all(c)
        .await?;
    open.extend(done);
    open.sort_by(|a, b| b.id.cmp(&a.id));
    Ok(open)
}

pub struct NewDocument<'a> {
    pub folder_id: i32,
    pub role: &'a str,
    pub position: i32,
    pub name: &'a str,
    pub size: i64,
    pub sha256: &'a str,
}

pub async fn insert_document(c: &impl ConnectionTrait, d: NewDocument<'_>) -> Result<()> {
    folder_document::ActiveModel {
        folder_id: Set(d.folder_id),
        role: Set(d.role.to_owned()),
        position: Set(d.position),
        name: Set(d.name.to_owned()),
        size: Set(d.size),
        original_sha256: Set(d.sha256.to_owned()),
        sha256: Set(d.sha256.to_owned()),
        signatures: Set(0),
        ..Default::default()
    }
    .insert(c)
    .await?;
    Ok(())
}

pub async fn documents(c: &impl ConnectionTrait, folder_id: i32) -> Result<Vec<folder_document::Model>> {
    Ok(folder_document::Entity::find()
        .filter(folder_document::Column::FolderId.eq(folder_id))
        .order_by_asc(folder_document::Column::Position)
        .all(c)
        .await?)
}

/// Replaces a document's current version, only if it is still `old` (nobody signed in between).
pub async fn replace_version(c: &impl ConnectionTrait, id: i32, old: &str, new: &str, size: i64) -> Result<bool> {
    let res = folder_document::Entity::update_many()
        .col_expr(folder_document::Column::Sha256, Expr::value(new))
        .col_expr(folder_document::Column::Size, Expr::value(size))
        .col_expr(folder_document::Column::Signatures, Expr::col(folder_document::Column::Signatures).add(1))
        .filter(folder_document::Column::Id.eq(id))
        .filter(folder_document::Column::Sha256.eq(old))
        .exec(c)
        .await?;
    Ok(res.rows_affected == 1)
}

/// A step as the domain builds it (see `domain::parapheur::circuits`).
pub struct NewStep<'a> {
    pub folder_id: i32,
    pub position: i32,
    pub kind: &'a str,
    pub mode: &'a str,
    pub assignee_user_id: Option<i32>,
    pub assignee_role: Option<&'a str>,
    pub assignee_unit_id: Option<i32>,
    pub placement: Option<(i32, f64, f64, f64, f64)>,
}

pub async fn insert_step(c: &impl ConnectionTrait, s: NewStep<'_>) -> Result<()> {
    let p = s.placement;
    circuit_step::ActiveModel {
        folder_id: Set(s.folder_id),
        position: Set(s.position),
        kind: Set(s.kind.to_owned()),
        mode: Set(s.mode.to_owned()),
        assignee_user_id: Set(s.assignee_user_id),
        assignee_role: Set(s.assignee_role.map(str::to_owned)),
        assignee_unit_id: Set(s.assignee_unit_id),
        sig_page: Set(p.map(|p| p.0)),
        sig_x: Set(p.map(|p| p.1)),
        sig_y: Set(p.map(|p| p.2)),
        sig_width: Set(p.map(|p| p.3)),
        sig_height: Set(p.map(|p| p.4)),
        status: Set("waiting".into()),
        ..Default::default()
    }
    .insert(c)
    .await?;
    Ok(())
}

pub async fn delete_steps(c: &impl ConnectionTrait, folder_id: i32) -> Result<()> {
    circuit_step::Entity::delete_many().filter(circuit_step::Column::FolderId.eq(folder_id)).exec(c).await?;
    Ok(())
}

pub async fn steps(c: &impl ConnectionTrait, folder_id: i32) -> Result<Vec<circuit_step::Model>> {
    Ok(circuit_step::Entity::find()
        .filter(circuit_step::Column::FolderId.eq(folder_id))
        .order_by_asc(circuit_step::Column::Position)
        .order_by_asc(circuit_step::Column::Id)
        .all(c)
        .await?)
}

/// Records an action on one pending step; false when it was no longer pending.
pub async fn act_on_step(c: &impl ConnectionTrait, id: i32, status: &str, by: i32, acting_for: Option<i32>, reason: Option<&str>) -> Result<bool> {
    let res = circuit_step::Entity::update_many()
        .col_expr(circuit_step::Column::Status, Expr::value(status))
        .col_expr(circuit_step::Column::ActedBy, Expr::value(Some(by)))
        .col_expr(circuit_step::Column::ActingFor, Expr::value(acting_for))
        .col_expr(circuit_step::Column::ActedAt, Expr::value(Some(Utc::now())))
        .col_expr(circuit_step::Column::Reason, Expr::value(reason.map(str::to_owned)))
        .filter(circuit_step::Column::Id.eq(id))
        .filter(circuit_step::Column::Status.eq("pending"))
        .exec(c)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Sets every step of `folder_id` at positions `positions` whose status is in `from` to
/// `to` (clearing who acted when going back to `waiting` or `pending`).
pub async fn move_steps(c: &impl ConnectionTrait, folder_id: i32, positions: std::ops::RangeInclusive<i32>, from: &[&str], to: &str) -> Result<u64> {
    let mut q = circuit_step::Entity::update_many().col_expr(circuit_step::Column::Status, Expr::value(to));
    if matches!(to, "waiting" | "pending") {
        q = q
            .col_expr(circuit_step::Column::ActedBy, Expr::value(Option::<i32>::None))
            .col_expr(circuit_step::Column::ActingFor, Expr::value(Option::<i32>::None))
            .col_expr(circuit_step::Column::ActedAt, Expr::value(Option::<DateTime<Utc>>::None))
            .col_expr(circuit_step::Column::Reason, Expr::value(Option::<String>::None));
    }
    let res = q
        .filter(circuit_step::Column::FolderId.eq(folder_id))
        .filter(circuit_step::Column::Position.between(*positions.start(), *positions.end()))
        .filter(circuit_step::Column::Status.is_in(from.iter().copied()))
        .exec(c)
        .await?;
    Ok(res.rows_affected)
}

pub async fn insert_event(c: &impl ConnectionTrait, folder_id: i32, actor_id: i32, acting_for: Option<i32>, action: &str, step_id: Option<i32>, details: &serde_json::Value) -> Result<()> {
    folder_event::ActiveModel {
        folder_id: Set(folder_id),
        at: Set(Utc::now()),
        actor_id: Set(actor_id),
        acting_for: Set(acting_for),
        action: Set(action.to_owned()),
        step_id: Set(step_id),
        details: Set(details.to_string()),
        ..Default::default()
    }
    .insert(c)
    .await?;
    Ok(())
}

pub async fn events(c: &impl ConnectionTrait, folder_id: i32) -> Result<Vec<folder_event::Model>> {
    Ok(folder_event::Entity::find()
        .filter(folder_event::Column::FolderId.eq(folder_id))
        .order_by_asc(folder_event::Column::Id)
        .all(c)
        .await?)
}

pub async fn insert_annotation(c: &impl ConnectionTrait, folder_id: i32, author_id: i32, visibility: &str, body: &str) -> Result<i32> {
    let m = folder_annotation::ActiveModel {
        folder_id: Set(folder_id),
        author_id: Set(author_id),
        visibility: Set(visibility.to_owned()),
        body: Set(body.to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(c)
    .await?;
    Ok(m.id)
}

/// Public annotations and the reader's own private ones.
pub async fn annotations_for(c: &impl ConnectionTrait, folder_id: i32, reader: i32) -> Result<Vec<folder_annotation::Model>> {
    Ok(folder_annotation::Entity::find()
        .filter(folder_annotation::Column::FolderId.eq(folder_id))
        .filter(
            sea_orm::Condition::any()
                .add(folder_annotation::Column::Visibility.eq("public"))
                .add(folder_annotation::Column::AuthorId.eq(reader)),
        )
        .order_by_asc(folder_annotation::Column::Id)
        .all(c)
        .await?)
}

pub async fn insert_template(c: &impl ConnectionTrait, administration_id: i32, name: &str, steps_json: &str, by: i32) -> Result<circuit_template::Model> {
    Ok(circuit_template::ActiveModel {
        administration_id: Set(administration_id),
        name: Set(name.to_owned()),
        steps: Set(steps_json.to_owned()),
        created_by: Set(by),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(c)
    .await?)
}

pub async fn template(c: &impl ConnectionTrait, id: i32) -> Result<Option<circuit_template::Model>> {
    Ok(circuit_template::Entity::find_by_id(id).one(c).await?)
}

pub async fn templates(c: &impl ConnectionTrait, administration_id: i32) -> Result<Vec<circuit_template::Model>> {
    Ok(circuit_template::Entity::find()
        .filter(circuit_template::Column::AdministrationId.eq(administration_id))
        .order_by_asc(circuit_template::Column::Name)
        .all(c)
        .await?)
}

pub async fn insert_delegation(c: &impl ConnectionTrait, administration_id: i32, delegator: i32, delegate: i32, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<delegation::Model> {
    Ok(delegation::ActiveModel {
        administration_id: Set(administration_id),
        delegator_id: Set(delegator),
        delegate_id: Set(delegate),
        starts_at: Set(from),
        ends_at: Set(to),
        created_at: Set(Utc::now()),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(c)
    .await?)
}

/// Delegations in force at `at` naming `delegate_id`.
pub async fn active_delegations_to(c: &impl ConnectionTrait, delegate_id: i32, at: DateTime<Utc>) -> Result<Vec<delegation::Model>> {
    Ok(delegation::Entity::find()
        .filter(delegation::Column::DelegateId.eq(delegate_id))
        .filter(delegation::Column::StartsAt.lte(at))
        .filter(delegation::Column::EndsAt.gt(at))
        .filter(delegation::Column::RevokedAt.is_null())
        .all(c)
        .await?)
}

/// Delegations given or received by `user_id`, newest first.
pub async fn delegations_of(c: &impl ConnectionTrait, user_id: i32) -> Result<Vec<delegation::Model>> {
    Ok(delegation::Entity::find()
        .filter(sea_orm::Condition::any().add(delegation::Column::DelegatorId.eq(user_id)).add(delegation::Column::DelegateId.eq(user_id)))
        .order_by_desc(delegation::Column::Id)
        .all(c)
        .await?)
}

pub async fn roles_of(c: &impl ConnectionTrait, user_ids: &[i32]) -> Result<Vec<user_role::Model>> {
    Ok(user_role::Entity::find().filter(user_role::Column::UserId.is_in(user_ids.iter().copied())).all(c).await?)
}

pub async fn user(c: &impl ConnectionTrait, id: i32) -> Result<Option<user::Model>> {
    Ok(user::Entity::find_by_id(id).one(c).await?)
}

/// Stores a new key for its user and makes it the only active one.
pub async fn insert_key(c: &impl ConnectionTrait, k: signing_key::ActiveModel, user_id: i32) -> Result<signing_key::Model> {
    signing_key::Entity::update_many()
        .col_expr(signing_key::Column::Active, Expr::value(false))
        .filter(signing_key::Column::UserId.eq(user_id))
        .exec(c)
        .await?;
    Ok(k.insert(c).await?)
}

pub async fn active_key(c: &impl ConnectionTrait, user_id: i32) -> Result<Option<signing_key::Model>> {
    Ok(signing_key::Entity::find()
        .filter(signing_key::Column::UserId.eq(user_id))
        .filter(signing_key::Column::Active.eq(true))
        .one(c)
        .await?)
}

/// The users who receive a pending step: the named user, or everyone holding the role in
/// the unit.
pub async fn step_recipients(c: &impl ConnectionTrait, step: &circuit_step::Model) -> Result<Vec<user::Model>> {
    let ids: Vec<i32> = match (step.assignee_user_id, &step.assignee_role, step.assignee_unit_id) {
        (Some(u), _, _) => vec![u],
        (None, Some(role), Some(unit)) => user_role::Entity::find()
            .filter(user_role::Column::Role.eq(role.as_str()))
            .filter(user_role::Column::UnitId.eq(unit))
            .all(c)
            .await?
            .into_iter()
            .map(|r| r.user_id)
            .collect(),
        _ => vec![],
    };
    Ok(user::Entity::find().filter(user::Column::Id.is_in(ids)).all(c).await?)
}
