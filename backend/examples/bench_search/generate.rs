//! Generated register entries for the search bench: French and Arabic subjects with a
//! skewed word frequency (a few words are in many entries, most in few), correspondents'
//! names in both languages, some attached-PDF text, spread over units, five years,
//! three directions, statuses and confidentiality levels. Written straight through the
//! persistence layer in multi-row INSERTs, many per transaction.

use chrono::{DateTime, Duration, TimeZone, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, TransactionTrait};
use sijill_backend::db::entities::{correspondent, filing};
use sijill_backend::db::search_index;
use sijill_backend::domain::search_text::normalize;

const FR: &[&str] = &[
    "demande", "attestation", "permis", "construire", "certificat", "réclamation", "dossier", "autorisation",
    "recours", "administratif", "commune", "terrain", "lotissement", "eau", "électricité", "route", "école",
    "santé", "marché", "public", "appel", "offres", "subvention", "association", "budget", "personnel",
    "recrutement", "mutation", "retraite", "congé", "formation", "transport", "licence", "commerce", "patente",
    "foncier", "titre", "propriété", "cadastre", "urbanisme", "enquête", "plainte", "voirie", "assainissement",
    "éclairage", "stationnement", "occupation", "domaine", "location", "bail", "contrat", "convention",
    "partenariat", "investissement", "projet", "étude", "rapport", "inspection", "contrôle", "amende",
    "paiement", "facture", "remboursement", "indemnité", "bourse", "étudiant", "hôpital", "médecin",
    "pharmacie", "agriculture", "irrigation", "forêt", "environnement", "déchets", "pollution", "bruit",
    "chantier", "travaux", "réception", "livraison", "fourniture", "matériel", "informatique", "logiciel",
    "réseau", "archives", "copie", "extrait", "naissance", "mariage", "décès", "résidence", "nationalité",
    "passeport", "carte", "identité", "légalisation", "signature", "certification", "traduction", "sport",
    "culture", "festival", "jeunesse", "emploi", "chômage", "coopérative", "artisanat", "tourisme", "hôtel",
    "restaurant", "taxi", "autocar", "gare", "aéroport", "port", "pêche", "mine", "carrière", "énergie",
    "solaire", "éolien", "barrage", "puits", "forage", "sécheresse", "inondation", "séisme", "secours",
    "protection", "civile", "police", "sûreté", "douane", "impôt", "taxe", "fiscalité", "exonération",
];
const AR: &[&str] = &[
    "طلب", "شهادة", "رخصة", "البناء", "شكاية", "ملف", "ترخيص", "تظلم", "إداري", "جماعة", "أرض", "تجزئة", "الماء",
    "الكهرباء", "طريق", "مدرسة", "الصحة", "صفقة", "عمومية", "طلب عروض", "منحة", "جمعية", "ميزانية", "الموظفين",
    "توظيف", "انتقال", "تقاعد", "رخصة إدارية", "تكوين", "النقل", "تجارة", "عقار", "رسم", "ملكية", "تعمير", "بحث",
    "شكوى", "تطهير", "إنارة", "احتلال", "الملك", "كراء", "عقد", "اتفاقية", "شراكة", "استثمار", "مشروع", "دراسة",
    "تقرير", "تفتيش", "مراقبة", "غرامة", "أداء", "فاتورة", "تعويض", "طالب", "مستشفى", "طبيب", "صيدلية", "فلاحة",
    "سقي", "غابة", "بيئة", "نفايات", "تلوث", "أشغال", "تسليم", "توريد", "معدات", "أرشيف", "نسخة", "موجز", "ازدياد",
    "زواج", "وفاة", "سكنى", "جنسية", "جواز", "بطاقة", "تعريف", "مصادقة", "توقيع", "ترجمة", "رياضة", "ثقافة",
];
const FIRST: &[&str] = &[
    "Mohammed", "Fatima", "Youssef", "Khadija", "Ahmed", "Amina", "Omar", "Salma", "Hassan", "Nadia", "Karim",
    "Leila", "Rachid", "Samira", "Mehdi", "Imane", "Hamza", "Sara", "Anas", "Zineb", "Pierre", "Marie", "Jean",
    "Sophie", "محمد", "فاطمة", "يوسف", "خديجة", "أحمد", "أمينة", "عمر", "سلمى", "حسن", "نادية", "كريم", "ليلى",
];
const LAST: &[&str] = &[
    "Alaoui", "Bennani", "Tazi", "El Idrissi", "Berrada", "Chraibi", "Fassi", "Benjelloun", "Amrani", "Ouazzani",
    "Kettani", "Lahlou", "Sefrioui", "Bouzidi", "Naciri", "Ziani", "Haddad", "Mansouri", "Martin", "Bernard",
    "العلوي", "بناني", "التازي", "الإدريسي", "برادة", "الشرايبي", "الفاسي", "بنجلون", "العمراني", "الوزاني",
];
const ORG: &[&str] = &["Société", "Association", "Coopérative", "Entreprise", "Groupe", "شركة", "جمعية", "تعاونية"];
const STATUSES: &[&str] = &["registered", "assigned", "assigned", "in_progress", "answered", "answered", "closed", "closed", "closed"];

/// xorshift64*: fast, reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Index in 0..n, small ones far more often (about Zipf-like).
    pub fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u * u) * n as f64) as usize
    }
    pub fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.skewed(v.len())]
    }
}

/// A sample of what was generated, to build queries that find something.
#[derive(Clone)]
pub struct Sample {
    pub number: String,
    pub words: Vec<String>,
    pub at: DateTime<Utc>,
}

pub struct Plan {
    pub administration_id: i32,
    pub units: Vec<i32>,
    pub entries: usize,
}

fn subject(r: &mut Rng) -> String {
    let arabic = r.below(3) == 0;
    let words = if arabic { AR } else { FR };
    let n = 3 + r.below(5);
    (0..n).map(|_| r.pick(words)).collect::<Vec<_>>().join(" ")
}

fn person(r: &mut Rng) -> String {
    if r.below(5) == 0 {
        format!("{} {} {}", ORG[r.below(ORG.len())], r.pick(FR), LAST[r.below(LAST.len())])
    } else {
        format!("{} {}", FIRST[r.below(FIRST.len())], LAST[r.below(LAST.len())])
    }
}

/// `write` false: only draw the same names again (a kept database, see `--database`).
pub async fn correspondents(c: &impl ConnectionTrait, administration_id: i32, n: usize, r: &mut Rng, write: bool) -> Vec<(i32, String)> {
    let mut rows = Vec::with_capacity(n);
    for chunk in 0..n.div_ceil(1000) {
        let names: Vec<String> = (0..1000.min(n - chunk * 1000)).map(|_| person(r)).collect();
        let models = names.iter().map(|name| correspondent::ActiveModel {
            administration_id: Set(administration_id),
            kind: Set("person".into()),
            name: Set(name.clone()),
            email: Set(None),
            phone: Set(None),
            address: Set(None),
            created_at: Set(Utc::now()),
            ..Default::default()
        });
        if write {
            correspondent::Entity::insert_many(models).exec_without_returning(c).await.unwrap();
        }
        rows.extend(names);
    }
    // Ids are 1..=n in insertion order in a fresh database.
    rows.into_iter().enumerate().map(|(i, n)| (i as i32 + 1, n)).collect()
}

/// Writes `plan.entries` entries in time order over five years; returns samples. `write`
/// false: only draw the same entries again, for their samples.
pub async fn entries(db: &sea_orm::DatabaseConnection, plan: &Plan, people: &[(i32, String)], r: &mut Rng, write: bool) -> Vec<Sample> {
    const BATCH: usize = 1000;
    const PER_TX: usize = 20;
    let start = Utc.with_ymd_and_hms(2022, 1, 3, 8, 0, 0).unwrap();
    let step = Duration::milliseconds((5 * 365 * 24 * 3600 * 1000i64) / plan.entries as i64);
    let mut seqs: std::collections::HashMap<(char, i32), i64> = Default::default();
    let mut samples = Vec::new();
    let mut done = 0;
    let t0 = std::time::Instant::now();
    while done < plan.entries {
        let tx = db.begin().await.unwrap();
        for _ in 0..PER_TX {
            let n = BATCH.min(plan.entries - done);
            if n == 0 {
                break;
            }
            let mut models = Vec::with_capacity(n);
            let mut ids = Vec::with_capacity(n);
            let mut bodies = Vec::with_capacity(n);
            let mut times = Vec::with_capacity(n);
            for i in 0..n {
                let k = done + i;
                let at = start + step * k as i32;
                let dir = match r.below(10) { 0..=6 => 'A', 7 | 8 => 'D', _ => 'I' };
                let year = chrono::Datelike::year(&at);
                let seq = seqs.entry((dir, year)).and_modify(|s| *s += 1).or_insert(1);
                let number = format!("BENCH-{year}-{dir}-{seq:06}");
                let subj = subject(r);
                let who = &people[r.below(people.len())];
                let message = if r.below(3) == 0 { (0..20).map(|_| r.pick(FR)).collect::<Vec<_>>().join(" ") } else { String::new() };
                // One entry in ten carries a PDF whose text is indexed with it.
                let pdf = if r.below(10) == 0 { (0..150).map(|_| { let v = if r.below(2) == 0 { FR } else { AR }; r.pick(v) }).collect::<Vec<_>>().join(" ") } else { String::new() };
                let confidentiality = match r.below(200) { 0..=5 => "confidential", 6 => "secret", _ => "normal" };
                let id = uuid::Uuid::new_v4().to_string();
                if k % 997 == 0 {
                    samples.push(Sample { number: number.clone(), words: normalize(&subj).split_whitespace().map(str::to_owned).collect(), at });
                }
                bodies.push(search_index::body(&subj, &who.1, &message, &pdf, at));
                ids.push(id.clone());
                times.push(at);
                models.push(filing::ActiveModel {
                    id: Set(id),
                    administration_id: Set(plan.administration_id),
                    service_id: Set(None),
                    filer_id: Set(None),
                    direction: Set(dir.to_string()),
                    year: Set(year),
                    seq: Set(*seq),
                    number: Set(number),
                    subject: Set(subj),
                    message: Set(message),
                    status: Set(STATUSES[r.below(STATUSES.len())].into()),
                    idempotency_key: Set(None),
                    receipt_sha256: Set(None),
                    received_at: Set(at),
                    origin: Set(if r.below(2) == 0 { "paper" } else { "portal" }.into()),
                    correspondent_id: Set(Some(who.0)),
                    letter_date: Set(None),
                    category: Set(None),
                    confidentiality: Set(confidentiality.into()),
                    priority: Set("normal".into()),
                    deadline: Set(None),
                    unit_id: Set(Some(plan.units[r.below(plan.units.len())])),
                    from_unit_id: Set(None),
                    in_reply_to: Set(None),
                    dispatch_mode: Set(None),
                    dispatched_at: Set(None),
                    registered_by: Set(None),
                });
            }
            done += n;
            if !write {
                continue;
            }
            filing::Entity::insert_many(models).exec_without_returning(&tx).await.unwrap();
            let rows: Vec<(&str, DateTime<Utc>)> = ids.iter().zip(&times).map(|(i, t)| (i.as_str(), *t)).collect();
            search_index::insert(&tx, &rows, &bodies).await.unwrap();
        }
        tx.commit().await.unwrap();
        if write && (done % 100_000 == 0 || done == plan.entries) {
            eprintln!("  {done} entries ({:.0} s)", t0.elapsed().as_secs_f64());
        }
    }
    samples
}
