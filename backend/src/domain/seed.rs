//! The demo administration `DEMO` and its users, created at start in development mode.
//! Production refuses it (see `config::validate`).

use sea_orm::TransactionTrait;

use super::auth::hash_password;
use super::Services;
use crate::db::{queries, seed as ins};
use crate::error::Result;

/// Every demo user shares this password (printed at start, listed in the README).
pub const DEMO_PASSWORD: &str = "demo-password";

/// (e-mail, role) of the demo users.
pub const DEMO_USERS: [(&str, &str); 6] = [
    ("citizen@demo.test", "filer"),
    ("citizen2@demo.test", "filer"),
    ("clerk@demo.test", "clerk"),
    ("agent@demo.test", "agent"),
    ("official@demo.test", "official"),
    ("admin@demo.test", "admin"),
];

impl Services {
    /// Creates `DEMO` (names in four languages, a units tree, catalogue services with their
    /// response deadlines) and the demo users, unless it exists already. Idempotent.
    pub async fn seed_demo(&self) -> Result<()> {
        let c = &self.db.conn;
        if queries::administration_by_code(c, "DEMO").await?.is_some() {
            return Ok(());
        }
        let hash = hash_password(DEMO_PASSWORD).await?;
        let _w = self.db.writer().await;
        let tx = c.begin().await?;
        let a = ins::insert_administration(&tx, "DEMO", "DEMO", [
            "Administration de démonstration",
            "الإدارة التجريبية",
            "ⵜⴰⵏⴱⴰⴹⵜ ⵏ ⵓⵙⵎⵓⵜⵜⴳ",
            "Demonstration administration",
        ]).await?;
        let dg = ins::insert_unit(&tx, a, None, "DG", ["Direction générale", "المديرية العامة", "ⵜⴰⵎⵀⵍⵜ ⵜⴰⵎⴰⵜⴰⵢⵜ", "General directorate"]).await?;
        let bo = ins::insert_unit(&tx, a, Some(dg), "BO", ["Bureau d'ordre central", "مكتب الضبط المركزي", "ⴰⵎⴽⵜⴰⴱ ⵏ ⵓⵙⵡⵉⵜⵜⵉ ⴰⵏⴰⵎⵎⴰⵙ", "Central registry"]).await?;
        let daa = ins::insert_unit(&tx, a, Some(dg), "DAA", ["Division des affaires administratives", "قسم الشؤون الإدارية", "ⴰⴱⵟⵟⵓ ⵏ ⵜⵖⴰⵡⵙⵉⵡⵉⵏ ⵜⵉⵏⴱⴰⴹⵉⵏ", "Administrative affairs division"]).await?;
        let sp = ins::insert_unit(&tx, a, Some(daa), "SP", ["Service du personnel", "مصلحة الموظفين", "ⵜⴰⵏⴰⴼⵓⵜ ⵏ ⵉⵎⵙⵡⵓⵔⵉⵢⵏ", "Personnel service"]).await?;
        let dr = ins::insert_unit(&tx, a, Some(dg), "DR-CS", ["Direction régionale Casablanca-Settat", "المديرية الجهوية الدار البيضاء-سطات", "ⵜⴰⵎⵀⵍⵜ ⵜⴰⵏⴳⵎⴰⵎⵜ ⵜⴰⴷⴷⴰⵔⵜ ⵜⵓⵎⵍⵉⵍⵜ-ⵙⵟⵟⴰⵜ", "Casablanca-Settat regional directorate"]).await?;
        ins::insert_service(&tx, a, Some(bo), "COURRIER", "citizen", 60, ["Courrier général", "مراسلة عامة", "ⵜⴰⵣⵔⴰⵎⵜ ⵜⴰⵎⴰⵜⴰⵢⵜ", "General correspondence"]).await?;
        ins::insert_service(&tx, a, Some(sp), "ATTESTATION", "citizen", 30, ["Demande d'attestation administrative", "طلب شهادة إدارية", "ⴰⵙⵓⵜⵔ ⵏ ⵜⴳⴰⵡⵉⵜ ⵜⴰⵏⴱⴰⴹⵜ", "Request for an administrative certificate"]).await?;
        ins::insert_service(&tx, a, Some(bo), "RECLAMATION", "citizen", 60, ["Réclamation", "شكاية", "ⴰⵙⵙⵓⵎⵔ", "Complaint"]).await?;
        ins::insert_service(&tx, a, Some(daa), "ACCES-INFO", "citizen", 20, ["Demande d'accès à l'information", "طلب الحصول على المعلومات", "ⴰⵙⵓⵜⵔ ⵏ ⵓⴽⵛⵛⵓⵎ ⵖⵔ ⵉⵏⵖⵎⵉⵙⵏ", "Access to information request"]).await?;
        ins::insert_service(&tx, a, Some(dr), "INVESTISSEMENT", "business", 30, ["Dossier d'investissement", "ملف الاستثمار", "ⴰⵙⴷⴰⵡ ⵏ ⵓⵙⵎⵔⵙ", "Investment file"]).await?;
        for (email, role) in DEMO_USERS {
            let name = email.split('@').next().unwrap_or(email);
            let uid = queries::insert_user(&tx, queries::NewUser { email, password_hash: &hash, display_name: name, lang: "fr", verified: true }).await?;
            let (admin, unit) = match role {
                "filer" => (None, None),
                "clerk" => (Some(a), Some(bo)),
                "agent" => (Some(a), Some(sp)),
                "official" => (Some(a), Some(daa)),
                _ => (Some(a), None),
            };
            queries::insert_role(&tx, uid, role, admin, unit).await?;
        }
        tx.commit().await?;
        tracing::info!("seeded the demo administration DEMO");
        Ok(())
    }
}
