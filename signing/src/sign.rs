//! The signing pipeline: PAdES baseline levels B-B, B-T, B-LT and B-LTA, each an
//! incremental update of the input. The placeholder is sized once from the signer's real
//! certificate and key sizes (plus a margin for a timestamp token): one signing pass.

use crate::cades::build::{with_timestamp, SignerTemplate};
use crate::pdf::appearance::Appearance;
use crate::pdf::sigfield::{prepare, SigSpec};
use crate::pdf::{dss, now_unix, pdf_date, Document};
use crate::revocation::RevocationSource;
use crate::tsa::TimestampSource;
use crate::{DigestAlgorithm, Error, Signer};
use std::sync::Arc;

/// Room reserved for an RFC 3161 token (the TSA's certificate chain dominates).
const TOKEN_MARGIN: usize = 12_000;

/// PAdES baseline level.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum Level {
    #[default]
    #[serde(rename = "B-B")]
    BB,
    #[serde(rename = "B-T")]
    BT,
    #[serde(rename = "B-LT")]
    BLT,
    #[serde(rename = "B-LTA")]
    BLTA,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::BB => "B-B",
            Level::BT => "B-T",
            Level::BLT => "B-LT",
            Level::BLTA => "B-LTA",
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Level {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.to_ascii_uppercase().replace('_', "-").as_str() {
            "B-B" | "BB" => Ok(Level::BB),
            "B-T" | "BT" => Ok(Level::BT),
            "B-LT" | "BLT" => Ok(Level::BLT),
            "B-LTA" | "BLTA" => Ok(Level::BLTA),
            _ => Err(Error::InvalidOption(format!(
                "unknown level {s:?} (B-B, B-T, B-LT or B-LTA)"
            ))),
        }
    }
}

/// A visible signature: a box on a page with text lines.
#[derive(Clone, Debug, Default)]
pub struct Visible {
    /// One-based page number.
    pub page: usize,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// Lines of text (signer, role, date...).
    pub lines: Vec<String>,
    /// Optional PNG or JPEG (a seal, a handwritten signature) at the left of the box.
    pub image: Option<Vec<u8>>,
}

/// Options for [`sign_pdf`].
#[derive(Clone, Default)]
pub struct SignOptions {
    pub level: Level,
    pub digest: DigestAlgorithm,
    /// Signature field to fill or create; default `SignatureN`.
    pub field_name: Option<String>,
    pub reason: Option<String>,
    pub location: Option<String>,
    pub contact_info: Option<String>,
    pub visible: Option<Visible>,
    /// Make this a certification signature (DocMDP, changes allowed: form filling, signing).
    pub certify: bool,
    /// Needed from B-T up.
    pub tsa: Option<Arc<dyn TimestampSource>>,
    /// Needed from B-LT up (OCSP responses / CRLs for the chain).
    pub revocation: Option<Arc<dyn RevocationSource>>,
    /// Claimed signing time for /M (UNIX seconds); default now.
    pub signing_time: Option<i64>,
}

impl std::fmt::Debug for SignOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignOptions")
            .field("level", &self.level)
            .field("digest", &self.digest)
            .field("field_name", &self.field_name)
            .field("certify", &self.certify)
            .field("visible", &self.visible)
            .field("tsa", &self.tsa.is_some())
            .field("revocation", &self.revocation.is_some())
            .finish()
    }
}

/// Signs `input` and returns the signed file (the input followed by incremental updates).
pub fn sign_pdf(input: &[u8], signer: &dyn Signer, opts: &SignOptions) -> Result<Vec<u8>, Error> {
    let tpl = SignerTemplate::new(signer, opts.digest)?;
    sign_with_template(input, signer, &tpl, opts)
}

/// Like [`sign_pdf`] with a template prepared once per signer (batch signing).
pub fn sign_with_template(
    input: &[u8],
    signer: &dyn Signer,
    tpl: &SignerTemplate,
    opts: &SignOptions,
) -> Result<Vec<u8>, Error> {
    if tpl.digest != opts.digest {
        return Err(Error::InvalidOption(
            "the signer template was built for another digest".into(),
        ));
    }
    let tsa = match (opts.level >= Level::BT, &opts.tsa) {
        (true, None) => {
            return Err(Error::InvalidOption(format!(
                "level {} needs a timestamp authority",
                opts.level
            )))
        }
        (_, t) => t.clone(),
    };
    if opts.level >= Level::BLT && opts.revocation.is_none() {
        return Err(Error::InvalidOption(format!(
            "level {} needs a revocation source",
            opts.level
        )));
    }
    let doc = Document::open(input)?;
    let lines;
    let appearance = match &opts.visible {
        Some(v) => {
            if v.page == 0 {
                return Err(Error::InvalidOption("pages are numbered from 1".into()));
            }
            lines = v.lines.clone();
            Some(Appearance {
                page: v.page - 1,
                rect: [v.x, v.y, v.x + v.width, v.y + v.height],
                lines: &lines,
                image: v.image.as_deref(),
            })
        }
        None => None,
    };
    let margin = if tsa.is_some() { TOKEN_MARGIN } else { 0 };
    let mut contents_len = tpl.size_estimate(tpl.max_sig_len) + margin;
    // One signing pass; a second only if a timestamp token outgrew its margin.
    let (prepared, cms) = loop {
        let spec = SigSpec {
            doc_timestamp: false,
            field_name: opts.field_name.as_deref(),
            m: Some(pdf_date(opts.signing_time.unwrap_or_else(now_unix))),
            name: None,
            reason: opts.reason.as_deref(),
            location: opts.location.as_deref(),
            contact_info: opts.contact_info.as_deref(),
            contents_len,
            certify: opts.certify,
            appearance: appearance.as_ref().map(|a| Appearance {
                page: a.page,
                rect: a.rect,
                lines: a.lines,
                image: a.image,
            }),
        };
        let prepared = prepare(input, &doc, &spec)?;
        let digest = prepared.digest(opts.digest)?;
        let attrs = tpl.signed_attrs(&digest);
        let sig = signer.sign(opts.digest, &attrs)?;
        let cms = match &tsa {
            Some(tsa) => {
                let imprint = crate::cades::digest(opts.digest, &sig);
                let token = tsa.timestamp(opts.digest, &imprint)?;
                with_timestamp(tpl, &attrs, &sig, &token)
            }
            None => tpl.assemble(&attrs, &sig, None),
        };
        if cms.len() > contents_len && contents_len < 1 << 20 {
            tracing::info!(
                "signature of {} bytes outgrew its {} byte placeholder; signing again",
                cms.len(),
                contents_len
            );
            contents_len = cms.len() + 4096;
            continue;
        }
        break (prepared, cms);
    };
    drop(doc);
    let mut out = prepared.fill(&cms)?;
    if opts.level >= Level::BLT {
        let rev = opts
            .revocation
            .as_deref()
            .ok_or_else(|| Error::InvalidOption("no revocation source".into()))?;
        let mut contents = cms;
        contents.resize(contents_len, 0);
        out = dss::add_validation_data(&out, &[contents], signer.chain(), rev)?;
    }
    if opts.level >= Level::BLTA {
        let tsa = tsa
            .as_deref()
            .ok_or_else(|| Error::InvalidOption("no timestamp authority".into()))?;
        out = add_document_timestamp(&out, tsa, opts.digest)?;
    }
    Ok(out)
}

/// Appends a document timestamp (`ETSI.RFC3161`) covering the whole file: the B-LTA step,
/// also usable alone to renew long-term validity.
pub fn add_document_timestamp(
    input: &[u8],
    tsa: &dyn TimestampSource,
    digest: DigestAlgorithm,
) -> Result<Vec<u8>, Error> {
    let doc = Document::open(input)?;
    let spec = SigSpec {
        doc_timestamp: true,
        field_name: None,
        m: None,
        name: None,
        reason: None,
        location: None,
        contact_info: None,
        contents_len: TOKEN_MARGIN,
        certify: false,
        appearance: None,
    };
    let prepared = prepare(input, &doc, &spec)?;
    let d = prepared.digest(digest)?;
    let token = tsa.timestamp(digest, &d)?;
    if token.len() <= TOKEN_MARGIN {
        return prepared.fill(&token);
    }
    // A very large token: reserve what it needs and ask again (the imprint changes).
    let spec = SigSpec {
        contents_len: token.len() + 4096,
        ..spec
    };
    let prepared = prepare(input, &doc, &spec)?;
    let d = prepared.digest(digest)?;
    prepared.fill(&tsa.timestamp(digest, &d)?)
}
