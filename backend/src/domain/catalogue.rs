//! The public catalogue: administrations and the services they offer, searchable in the
//! four languages. This is where a filer picks the addressee.

use serde::Serialize;

use super::Services;
use crate::db::entities::{administration, service};
use crate::db::queries;
use crate::error::Result;
use crate::i18n::Lang;

/// A name in the four languages.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Names {
    pub fr: String,
    pub ar: String,
    pub zgh: String,
    pub en: String,
}

impl Names {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.fr,
            Lang::Ar => &self.ar,
            Lang::Zgh => &self.zgh,
            Lang::En => &self.en,
        }
    }
    fn matches(&self, needle: &str) -> bool {
        [&self.fr, &self.ar, &self.zgh, &self.en].iter().any(|n| fold(n).contains(needle))
    }
}

macro_rules! names_of {
    ($m:expr) => {
        Names { fr: $m.name_fr.clone(), ar: $m.name_ar.clone(), zgh: $m.name_zgh.clone(), en: $m.name_en.clone() }
    };
}

/// A service of the catalogue (e.g. "Demande d'attestation administrative").
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ServiceEntry {
    pub code: String,
    pub names: Names,
    /// `citizen`, `business` or `administration`.
    pub audience: String,
    /// Legal response deadline, in days.
    pub response_days: i32,
}

/// An administration with its services.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AdministrationEntry {
    pub code: String,
    pub names: Names,
    pub services: Vec<ServiceEntry>,
}

impl From<&administration::Model> for Names {
    fn from(m: &administration::Model) -> Self {
        names_of!(m)
    }
}

fn service_entry(s: &service::Model) -> ServiceEntry {
    ServiceEntry { code: s.code.clone(), names: names_of!(s), audience: s.audience.clone(), response_days: s.response_days }
}

/// Lower-cases and drops Latin accents so "reclamation" finds "Réclamation".
fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c => c,
        })
        .collect()
}

impl Services {
    /// The catalogue, filtered by `query` (any word of a name in any language, or a code).
    /// An administration whose name matches comes with all its services; otherwise only
    /// the matching services are listed, and administrations with none are left out.
    pub async fn catalogue(&self, query: Option<&str>) -> Result<Vec<AdministrationEntry>> {
        let needle = query.map(|q| fold(q.trim())).filter(|q| !q.is_empty());
        let all = queries::catalogue(&self.db.conn).await?;
        let mut out = Vec::new();
        for (a, services) in &all {
            let names = Names::from(a);
            let admin_hit = needle.as_deref().is_none_or(|n| names.matches(n) || fold(&a.code).contains(n));
            let services: Vec<ServiceEntry> = services
                .iter()
                .map(service_entry)
                .filter(|s| admin_hit || needle.as_deref().is_some_and(|n| s.names.matches(n) || fold(&s.code).contains(n)))
                .collect();
            if admin_hit || !services.is_empty() {
                out.push(AdministrationEntry { code: a.code.clone(), names, services });
            }
        }
        Ok(out)
    }
}
