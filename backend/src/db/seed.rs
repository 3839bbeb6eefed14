//! Inserts for seeding an administration with its units and services (demo data, tests).

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use super::entities::{administration, service, unit};
use crate::error::Result;

pub type Names4<'a> = [&'a str; 4];

pub async fn insert_administration(c: &impl ConnectionTrait, code: &str, prefix: &str, n: Names4<'_>) -> Result<i32> {
    let m = administration::ActiveModel {
        code: Set(code.into()),
        number_prefix: Set(prefix.into()),
        name_fr: Set(n[0].into()),
        name_ar: Set(n[1].into()),
        name_zgh: Set(n[2].into()),
        name_en: Set(n[3].into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(c)
    .await?;
    Ok(m.id)
}

pub async fn insert_unit(c: &impl ConnectionTrait, admin: i32, parent: Option<i32>, code: &str, n: Names4<'_>) -> Result<i32> {
    let m = unit::ActiveModel {
        administration_id: Set(admin),
        parent_id: Set(parent),
        code: Set(code.into()),
        name_fr: Set(n[0].into()),
        name_ar: Set(n[1].into()),
        name_zgh: Set(n[2].into()),
        name_en: Set(n[3].into()),
        ..Default::default()
    }
    .insert(c)
    .await?;
    Ok(m.id)
}

#[allow(clippy::too_many_arguments)]
pub async fn insert_service(
    c: &impl ConnectionTrait,
    admin: i32,
    unit_id: Option<i32>,
    code: &str,
    audience: &str,
    response_days: i32,
    n: Names4<'_>,
) -> Result<i32> {
    let m = service::ActiveModel {
        administration_id: Set(admin),
        unit_id: Set(unit_id),
        code: Set(code.into()),
        audience: Set(audience.into()),
        response_days: Set(response_days),
        name_fr: Set(n[0].into()),
        name_ar: Set(n[1].into()),
        name_zgh: Set(n[2].into()),
        name_en: Set(n[3].into()),
        ..Default::default()
    }
    .insert(c)
    .await?;
    Ok(m.id)
}
