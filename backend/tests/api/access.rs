//! Visibility of register entries: the SQL condition used by lists and searches
//! (`db::visibility::visible`) and the one-entry rule (`authz::can_see`) agree on every
//! combination of scope and entry, on SQLite and PostgreSQL.

use crate::common;

use chrono::Utc;
use sea_orm::{ActiveModelTrait, Set};
use sijill_backend::db::entities::{assignment, filing};
use sijill_backend::db::queries;
use sijill_backend::db::seed as ins;
use sijill_backend::db::visibility::{self, Clearance, Scope};
use sijill_backend::domain::authz;

const NAMES: [&str; 4] = ["Unité", "وحدة", "ⵜⴰⵙⴳⵉⵡⵉⵏⵜ", "Unit"];

#[tokio::test]
async fn list_condition_and_single_entry_rule_agree() {
    let app = common::TestApp::new().await;
    let c = &app.state.svc.db.conn;
    let a = ins::insert_administration(c, "ACC", "ACC", NAMES).await.unwrap();
    let other = ins::insert_administration(c, "OTH", "OTH", NAMES).await.unwrap();
    let root = ins::insert_unit(c, a, None, "R", NAMES).await.unwrap();
    let child = ins::insert_unit(c, a, Some(root), "C", NAMES).await.unwrap();
    let side = ins::insert_unit(c, a, None, "S", NAMES).await.unwrap();
    let stranger = ins::insert_unit(c, other, None, "X", NAMES).await.unwrap();
    let me = queries::user_by_email(c, "agent@demo.test").await.unwrap().unwrap().id;
    let colleague = queries::user_by_email(c, "official@demo.test").await.unwrap().unwrap().id;

    // Entries: every mix of administration, confidentiality, addressed/sending unit and assignment.
    let mut entries = Vec::new();
    let mut seq = 0;
    for admin in [a, other] {
        for level in ["normal", "confidential", "secret"] {
            for (unit, from) in [(None, None), (Some(child), None), (None, Some(side)), (Some(stranger), None)] {
                for assigned in [None, Some((Some(root), None)), Some((None, Some(me)))] {
                    seq += 1;
                    let id = format!("e{seq}");
                    filing::ActiveModel {
                        id: Set(id.clone()),
                        administration_id: Set(admin),
                        service_id: Set(None),
                        filer_id: Set(None),
                        direction: Set("A".into()),
                        year: Set(2026),
                        seq: Set(seq),
                        number: Set(format!("N-{seq}")),
                        subject: Set("s".into()),
                        message: Set(String::new()),
                        status: Set("registered".into()),
                        idempotency_key: Set(None),
                        receipt_sha256: Set(None),
                        received_at: Set(Utc::now()),
                        origin: Set("paper".into()),
                        correspondent_id: Set(None),
                        letter_date: Set(None),
                        category: Set(None),
                        confidentiality: Set(level.into()),
                        priority: Set("normal".into()),
                        deadline: Set(None),
                        unit_id: Set(unit),
                        from_unit_id: Set(from),
                        in_reply_to: Set(None),
                        dispatch_mode: Set(None),
                        dispatched_at: Set(None),
                        registered_by: Set(None),
                    }
                    .insert(c)
                    .await
                    .unwrap();
                    if let Some((unit, user)) = assigned {
                        assignment::ActiveModel {
                            filing_id: Set(id.clone()),
                            unit_id: Set(unit),
                            user_id: Set(user),
                            purpose: Set("action".into()),
                            instructions: Set(String::new()),
                            deadline: Set(None),
                            status: Set("reassigned".into()),
                            assigned_by: Set(1),
                            assigned_at: Set(Utc::now()),
                            responded_by: Set(None),
                            responded_at: Set(None),
                            replaced_by: Set(None),
                            ..Default::default()
                        }
                        .insert(c)
                        .await
                        .unwrap();
                    }
                    entries.push(id);
                }
            }
        }
    }

    let head_units = visibility::with_sub_units(c, a, &[root]).await.unwrap();
    assert_eq!(head_units.len(), 2, "the head of R also handles its sub-unit C");
    let mut scopes = Vec::new();
    for clearance in [Clearance::Normal, Clearance::Confidential, Clearance::Secret] {
        for registry in [true, false] {
            for units in [vec![], vec![child], vec![side], head_units.clone()] {
                for user_id in [me, colleague] {
                    scopes.push(Scope { administration_id: a, user_id, registry, units: units.clone(), clearance });
                }
            }
        }
    }

    let mut seen_total = 0;
    for scope in &scopes {
        let by_sql = visibility::visible_among(c, scope, &entries).await.unwrap();
        for id in &entries {
            let entry = sijill_backend::db::register::by_id(c, id).await.unwrap().unwrap();
            let (units, users) = visibility::assignees(c, id).await.unwrap();
            let by_rule = authz::can_see(scope, &entry, &units, &users);
            assert_eq!(by_sql.contains(id), by_rule, "{} disagree on {id} ({entry:?}) for {scope:?}", app.backend);
            if by_rule {
                seen_total += 1;
                assert_eq!(entry.administration_id, a, "never another administration's entry");
                assert!(scope.clearance.opens(&entry.confidentiality), "never above clearance");
            }
        }
    }
    assert!(seen_total > 0, "some entries are visible");
}
