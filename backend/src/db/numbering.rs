//! Register numbers (numérotation): gap-free and unique per administration × direction ×
//! year, across every server process sharing the database.
//!
//! The number comes from a counter row bumped inside the registration transaction: a
//! rolled-back registration rolls the bump back too, so no number is lost, and the row
//! lock (PostgreSQL) or the database write lock (SQLite) keeps two registrations from
//! taking the same one. Whoever bumps the row holds that lock until commit, so the number
//! is taken LAST: entries are first written with a provisional number ([`provisional`])
//! together with their documents, then [`take_numbers`] bumps the counter and
//! [`write_numbers`] writes the real numbers, right before commit. On PostgreSQL the row
//! lock is then held for a few statements and the commit, not for the whole transaction.
//! (`registrar` also groups the registrations waiting in one process into one
//! transaction, so the lock is taken once for all of them.)
//!
//! A transaction numbering entries of several registers must take them in a fixed order
//! (administration, direction, year) to avoid deadlocks between processes.

use sea_orm::sea_query::{CaseStatement, Expr, OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::entities::{filing, register_counter as rc};
use crate::error::{Error, Result};

/// Which register: an administration's incoming (`A`), outgoing (`D`) or internal (`I`)
/// register of one year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RegisterKey<'a> {
    pub administration_id: i32,
    pub direction: &'a str,
    pub year: i32,
}

/// The (seq, number) an entry carries between its insert and [`write_numbers`], inside its
/// transaction only (nobody else ever sees it): a negative seq, random so concurrent
/// registrations do not collide on the register's unique (…, seq) index, and a number
/// built from the entry's unique id that no number format can produce.
pub fn provisional(id: &str) -> (i64, String) {
    let seq = -1 - (rand::random::<u64>() >> 2) as i64;
    (seq, format!("~{id}"))
}

/// Takes `count` (≥ 1) numbers of the register at once: bumps its counter by `count` and
/// returns the first of the numbers taken (1 for a register's first entry). The counter row
/// stays locked until the transaction ends: call it last (see the module doc).
pub async fn take_numbers(c: &impl ConnectionTrait, key: RegisterKey<'_>, count: i64) -> Result<i64> {
    let q = Query::insert()
        .into_table(rc::Entity)
        .columns([rc::Column::AdministrationId, rc::Column::Direction, rc::Column::Year, rc::Column::LastNumber])
        .values_panic([key.administration_id.into(), key.direction.into(), key.year.into(), count.into()])
        .on_conflict(
            OnConflict::columns([rc::Column::AdministrationId, rc::Column::Direction, rc::Column::Year])
                .value(rc::Column::LastNumber, Expr::col((rc::Entity, rc::Column::LastNumber)).add(count))
                .to_owned(),
        )
        .returning_col(rc::Column::LastNumber)
        .to_owned();
    let row = c
        .query_one(c.get_database_backend().build(&q))
        .await?
        .ok_or_else(|| Error::internal("counter upsert returned no row"))?;
    Ok(row.try_get::<i64>("", "last_number")? - count + 1)
}

/// Writes the real (seq, number) of entries inserted with [`provisional`] numbers in this
/// transaction, in one statement.
pub async fn write_numbers(c: &impl ConnectionTrait, numbered: &[(&str, i64, &str)]) -> Result<()> {
    let Some(((id0, seq0, number0), rest)) = numbered.split_first() else { return Ok(()) };
    let (mut seq, mut number) = (
        CaseStatement::new().case(filing::Column::Id.eq(*id0), *seq0),
        CaseStatement::new().case(filing::Column::Id.eq(*id0), *number0),
    );
    for (id, s, n) in rest {
        seq = seq.case(filing::Column::Id.eq(*id), *s);
        number = number.case(filing::Column::Id.eq(*id), *n);
    }
    let res = filing::Entity::update_many()
        .col_expr(filing::Column::Seq, seq.into())
        .col_expr(filing::Column::Number, number.into())
        .filter(filing::Column::Id.is_in(numbered.iter().map(|(id, _, _)| *id)))
        .exec(c)
        .await?;
    if res.rows_affected != numbered.len() as u64 {
        return Err(Error::internal("register entries to number not found"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn provisional_numbers_are_negative_and_distinct() {
        let (a, na) = super::provisional("x");
        let (b, _) = super::provisional("y");
        assert!(a < 0 && b < 0 && a != b);
        assert_eq!(na, "~x");
    }
}
