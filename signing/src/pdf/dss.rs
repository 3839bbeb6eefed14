//! The Document Security Store (ISO 32000-2 §12.8.4.3, PAdES B-LT): certificates, OCSP
//! responses and CRLs that let a signature be validated later, plus one VRI entry per
//! signature. Written as an incremental update merged with any existing DSS.

use super::object::{Dict, Obj};
use super::reader::Document;
use super::writer::Incremental;
use crate::cades::oids;
use crate::cades::parse::{CertInfo, SignedData};
use crate::revocation::RevocationSource;
use crate::Error;

/// (SHA-1 key, certificate, OCSP and CRL indexes) of one VRI entry.
pub type VriEntry = (Vec<u8>, Vec<usize>, Vec<usize>, Vec<usize>);

/// Validation material to embed.
#[derive(Default)]
pub struct DssData {
    pub certs: Vec<Vec<u8>>,
    pub ocsps: Vec<Vec<u8>>,
    pub crls: Vec<Vec<u8>>,
    /// VRI: SHA-1 of a signature's /Contents → indexes into the lists above.
    pub vri: Vec<VriEntry>,
}

fn push_unique(list: &mut Vec<Vec<u8>>, item: &[u8]) -> usize {
    match list.iter().position(|x| x == item) {
        Some(i) => i,
        None => {
            list.push(item.to_vec());
            list.len() - 1
        }
    }
}

/// Orders `pool` into a chain starting at `leaf` (issuer by issuer, until self-signed).
pub fn build_chain(leaf: &[u8], pool: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let mut chain = vec![leaf.to_vec()];
    for _ in 0..10 {
        let Some(last) = chain.last() else { break };
        let Ok(info) = CertInfo::parse(last) else {
            break;
        };
        if info.issuer_raw == info.subject_raw {
            break;
        }
        let issuer_raw = info.issuer_raw.to_vec();
        let next = pool.iter().find(|c| {
            CertInfo::parse(c)
                .map(|i| i.subject_raw == issuer_raw.as_slice())
                .unwrap_or(false)
                && !chain.contains(c)
        });
        match next {
            Some(n) => chain.push(n.clone()),
            None => break,
        }
    }
    chain
}

/// Gathers the chain and revocation data of each signature (and of its timestamp's TSA)
/// and appends them as a DSS. `contents` are the signatures' /Contents values.
pub fn add_validation_data(
    input: &[u8],
    contents: &[Vec<u8>],
    extra_certs: &[Vec<u8>],
    rev: &dyn RevocationSource,
) -> Result<Vec<u8>, Error> {
    let mut data = DssData::default();
    for c in contents {
        let sd = SignedData::parse(c)?;
        let si = sd
            .signers
            .first()
            .ok_or_else(|| Error::asn1("CMS without a signer"))?;
        let leaf = sd
            .signer_cert(si)
            .ok_or_else(|| Error::asn1("the signer certificate is not in the CMS"))?;
        let mut pool: Vec<Vec<u8>> = sd.certs.iter().map(|c| c.to_vec()).collect();
        pool.extend(extra_certs.iter().cloned());
        let (mut ci, mut oi, mut ri) = (vec![], vec![], vec![]);
        let chain = build_chain(leaf, &pool);
        collect(&chain, rev, &mut data, &mut ci, &mut oi, &mut ri, true)?;
        // The signature timestamp's TSA, best effort: its absence lowers B-LTA evidence only.
        if let Some(tok) = si
            .unsigned_attr(oids::TIMESTAMP_TOKEN)
            .and_then(|a| a.values.first())
        {
            if let Ok(tsd) = SignedData::parse(tok.raw) {
                if let Some(tleaf) = tsd.signers.first().and_then(|s| tsd.signer_cert(s)) {
                    let mut tpool: Vec<Vec<u8>> = tsd.certs.iter().map(|c| c.to_vec()).collect();
                    tpool.extend(pool.iter().cloned());
                    let tchain = build_chain(tleaf, &tpool);
                    if let Err(e) =
                        collect(&tchain, rev, &mut data, &mut ci, &mut oi, &mut ri, false)
                    {
                        tracing::warn!("no revocation data for the TSA: {e}");
                    }
                }
            }
        }
        let key = crate::cades::digest_sha1(c);
        data.vri.push((key, ci, oi, ri));
    }
    append_dss(input, &data)
}

fn collect(
    chain: &[Vec<u8>],
    rev: &dyn RevocationSource,
    data: &mut DssData,
    ci: &mut Vec<usize>,
    oi: &mut Vec<usize>,
    ri: &mut Vec<usize>,
    strict: bool,
) -> Result<(), Error> {
    for (i, cert) in chain.iter().enumerate() {
        ci.push(push_unique(&mut data.certs, cert));
        let Some(issuer) = chain.get(i + 1) else {
            continue;
        };
        match rev.fetch(cert, issuer) {
            Ok(r) => {
                for o in &r.ocsp_responses {
                    oi.push(push_unique(&mut data.ocsps, o));
                }
                for c in &r.crls {
                    ri.push(push_unique(&mut data.crls, c));
                }
            }
            Err(e) if strict => return Err(e),
            Err(e) => tracing::warn!("revocation fetch failed: {e}"),
        }
    }
    Ok(())
}

fn stream_refs(inc: &mut Incremental, items: &[Vec<u8>]) -> Vec<Obj> {
    items
        .iter()
        .map(|b| {
            let id = inc.alloc();
            inc.add(id, 0, &Obj::Stream(Dict::new(), b.clone()));
            Obj::Ref(id, 0)
        })
        .collect()
}

/// Writes `data` into the DSS (creating or extending it) as an incremental update.
pub fn append_dss(input: &[u8], data: &DssData) -> Result<Vec<u8>, Error> {
    let doc = Document::open(input)?;
    let mut catalog = doc.catalog()?;
    let mut dss = match catalog.get(b"DSS") {
        Some(d) => doc.resolve_dict(d)?,
        None => Dict::new(),
    };
    let mut inc = Incremental::new(input, &doc);
    let certs = stream_refs(&mut inc, &data.certs);
    let ocsps = stream_refs(&mut inc, &data.ocsps);
    let crls = stream_refs(&mut inc, &data.crls);
    for (key, new) in [
        (&b"Certs"[..], &certs),
        (b"OCSPs", &ocsps),
        (b"CRLs", &crls),
    ] {
        if new.is_empty() {
            continue;
        }
        let mut arr = match dss.get(key) {
            Some(a) => doc.resolve(a)?.as_array().cloned().unwrap_or_default(),
            None => vec![],
        };
        arr.extend(new.iter().cloned());
        dss.set(key, Obj::Array(arr));
    }
    let mut vri = match dss.get(b"VRI") {
        Some(v) => doc.resolve_dict(v)?,
        None => Dict::new(),
    };
    for (key, c, o, r) in &data.vri {
        let mut e = Dict::new();
        let pick = |refs: &[Obj], idx: &[usize]| {
            Obj::Array(idx.iter().filter_map(|i| refs.get(*i).cloned()).collect())
        };
        if !c.is_empty() {
            e.set(b"Cert", pick(&certs, c));
        }
        if !o.is_empty() {
            e.set(b"OCSP", pick(&ocsps, o));
        }
        if !r.is_empty() {
            e.set(b"CRL", pick(&crls, r));
        }
        let hex: String = key.iter().map(|b| format!("{b:02X}")).collect();
        vri.set(hex.as_bytes(), Obj::Dict(e));
    }
    if !vri.0.is_empty() {
        dss.set(b"VRI", Obj::Dict(vri));
    }
    dss.set(b"Type", Obj::Name(b"DSS".to_vec()));
    let dss_id = match catalog.get(b"DSS") {
        Some(Obj::Ref(id, _)) => *id,
        _ => inc.alloc(),
    };
    inc.add(dss_id, Incremental::gen_of(&doc, dss_id), &Obj::Dict(dss));
    catalog.set(b"DSS", Obj::Ref(dss_id, 0));
    let root = doc.root_id();
    inc.add(root, Incremental::gen_of(&doc, root), &Obj::Dict(catalog));
    Ok(inc.finish())
}
