//! `sijill-sign`: sign PDFs (PAdES B-B to B-LTA) and verify them, for scripts and operators.
//!
//! Batch mode (`--out-dir DIR IN...`) loads the key once and signs every input in one
//! process. `verify` exits 0 only when every signature is valid, 1 when one is not, 2 on
//! other errors and 3 when the file passes a limit for untrusted PDFs (see `pdf::budget`);
//! `sign` exits 1 when an input could not be signed, 3 when one passed such a limit.

use clap::{Args, Parser, Subcommand};
use sijill_signing::cades::build::SignerTemplate;
use sijill_signing::revocation::OnlineRevocation;
use sijill_signing::sign::sign_with_template;
use sijill_signing::signer::{Pkcs11Signer, Pkcs12Signer};
use sijill_signing::tsa::HttpTsaClient;
use sijill_signing::{verify_pdf, Error, Level, SignOptions, Signer, VerifyOptions, Visible};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "sijill-sign",
    version,
    about = "PAdES signing and verification of PDF files"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Sign one PDF (--input/--output) or many (--out-dir DIR IN...).
    Sign(Box<SignArgs>),
    /// Verify every signature of a PDF; exit 0 only when all are valid.
    Verify(VerifyArgs),
}

#[derive(Args)]
struct SignArgs {
    /// PKCS#12 file holding the key and certificate chain.
    #[arg(long, value_name = "FILE")]
    p12: Option<PathBuf>,
    /// File whose first line is the PKCS#12 password.
    #[arg(long, value_name = "FILE")]
    password_file: Option<PathBuf>,
    /// PKCS#11 module (.so) instead of --p12.
    #[arg(long, value_name = "SO")]
    pkcs11_module: Option<PathBuf>,
    #[arg(long, value_name = "LABEL")]
    pkcs11_token: Option<String>,
    #[arg(long, value_name = "LABEL")]
    pkcs11_key: Option<String>,
    /// File whose first line is the token PIN.
    #[arg(long, value_name = "FILE")]
    pin_file: Option<PathBuf>,
    /// PAdES level: B-B, B-T, B-LT or B-LTA.
    #[arg(long, default_value = "B-B")]
    level: String,
    /// RFC 3161 timestamp authority URL (needed from B-T up).
    #[arg(long, value_name = "URL")]
    tsa: Option<String>,
    /// Signature field name (created if absent).
    #[arg(long, value_name = "NAME")]
    field: Option<String>,
    #[arg(long, value_name = "TEXT")]
    reason: Option<String>,
    /// Visible signature box: PAGE,X,Y,W,H (page from 1, points).
    #[arg(long, value_name = "PAGE,X,Y,W,H")]
    visible: Option<String>,
    /// Text of the visible signature; `\n` separates lines.
    #[arg(long, value_name = "TEXT")]
    text: Option<String>,
    /// PNG or JPEG drawn in the visible signature (a seal, a handwritten signature).
    #[arg(long, value_name = "FILE")]
    image: Option<PathBuf>,
    /// Certify (DocMDP) instead of a plain approval signature.
    #[arg(long)]
    certify: bool,
    #[arg(long, value_name = "IN")]
    input: Option<PathBuf>,
    #[arg(long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Batch mode: write each signed input into DIR under its own file name.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// Inputs for --out-dir.
    inputs: Vec<PathBuf>,
}

#[derive(Args)]
struct VerifyArgs {
    /// Trust anchor certificate(s), PEM (repeatable; a file may hold several).
    #[arg(long, value_name = "PEM")]
    trust: Vec<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// Fetch revocation data online when the file has none.
    #[arg(long)]
    online: bool,
    file: PathBuf,
}

fn read(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })
}

fn first_line(path: &Path) -> Result<String, Error> {
    let s = String::from_utf8_lossy(&read(path)?).into_owned();
    Ok(s.lines().next().unwrap_or("").to_string())
}

fn write(path: &Path, data: &[u8]) -> Result<(), Error> {
    std::fs::write(path, data).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })
}

fn parse_visible(spec: &str, text: Option<&str>) -> Result<Visible, Error> {
    let parts: Vec<&str> = spec.split(',').map(str::trim).collect();
    let bad = || Error::InvalidOption(format!("--visible wants PAGE,X,Y,W,H, got {spec:?}"));
    if parts.len() != 5 {
        return Err(bad());
    }
    let page = parts[0].parse().map_err(|_| bad())?;
    let n: Vec<f64> = parts[1..]
        .iter()
        .map(|p| p.parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| bad())?;
    let lines = text
        .unwrap_or("")
        .replace("\\n", "\n")
        .lines()
        .map(String::from)
        .collect();
    Ok(Visible {
        page,
        x: n[0],
        y: n[1],
        width: n[2],
        height: n[3],
        lines,
        image: None,
    })
}

fn load_signer(a: &SignArgs) -> Result<Box<dyn Signer>, Error> {
    match (&a.p12, &a.pkcs11_module) {
        (Some(p12), None) => {
            let pw = match &a.password_file {
                Some(f) => first_line(f)?,
                None => String::new(),
            };
            Ok(Box::new(Pkcs12Signer::from_file(p12, &pw)?))
        }
        (None, Some(module)) => {
            let (Some(token), Some(key), Some(pin)) = (&a.pkcs11_token, &a.pkcs11_key, &a.pin_file)
            else {
                return Err(Error::InvalidOption(
                    "--pkcs11-module needs --pkcs11-token, --pkcs11-key and --pin-file".into(),
                ));
            };
            Ok(Box::new(Pkcs11Signer::open(
                module,
                token,
                key,
                &first_line(pin)?,
            )?))
        }
        (Some(_), Some(_)) => Err(Error::InvalidOption(
            "give either --p12 or --pkcs11-module, not both".into(),
        )),
        (None, None) => Err(Error::InvalidOption(
            "give --p12 FILE --password-file FILE or a PKCS#11 token".into(),
        )),
    }
}

fn sign(a: SignArgs) -> Result<ExitCode, Error> {
    let level: Level = a.level.parse()?;
    let signer = load_signer(&a)?;
    let mut opts = SignOptions {
        level,
        field_name: a.field.clone(),
        reason: a.reason.clone(),
        certify: a.certify,
        ..Default::default()
    };
    if let Some(url) = &a.tsa {
        opts.tsa = Some(Arc::new(HttpTsaClient::new(url.clone())));
    }
    if level >= Level::BLT {
        opts.revocation = Some(Arc::new(OnlineRevocation::new()));
    }
    if let Some(v) = &a.visible {
        let mut vis = parse_visible(v, a.text.as_deref())?;
        vis.image = a.image.as_deref().map(read).transpose()?;
        opts.visible = Some(vis);
    } else if a.text.is_some() || a.image.is_some() {
        return Err(Error::InvalidOption(
            "--text and --image need --visible".into(),
        ));
    }
    let tpl = SignerTemplate::new(signer.as_ref(), opts.digest)?;
    let jobs: Vec<(PathBuf, PathBuf)> = match (&a.input, &a.output, &a.out_dir) {
        (Some(i), Some(o), None) if a.inputs.is_empty() => vec![(i.clone(), o.clone())],
        (None, None, Some(dir)) if !a.inputs.is_empty() => {
            std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                path: dir.display().to_string(),
                source,
            })?;
            a.inputs
                .iter()
                .map(|i| (i.clone(), dir.join(i.file_name().unwrap_or(i.as_os_str()))))
                .collect()
        }
        _ => {
            return Err(Error::InvalidOption(
                "use --input IN --output OUT, or --out-dir DIR IN...".into(),
            ))
        }
    };
    let (mut failed, mut limited) = (0, 0);
    for (input, output) in &jobs {
        let result = read(input)
            .and_then(|data| sign_with_template(&data, signer.as_ref(), &tpl, &opts))
            .and_then(|s| write(output, &s));
        match result {
            Ok(()) => eprintln!("signed {} -> {}", input.display(), output.display()),
            Err(e) => {
                failed += 1;
                if matches!(e, Error::Limit { .. }) {
                    limited += 1;
                    eprintln!("error: {}: {e}; the file was not signed", input.display());
                } else {
                    eprintln!("error: {}: {e}", input.display());
                }
            }
        }
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else if limited > 0 {
        ExitCode::from(3)
    } else {
        ExitCode::from(1)
    })
}

fn verify(a: VerifyArgs) -> Result<ExitCode, Error> {
    let mut anchors = Vec::new();
    for t in &a.trust {
        let pem = read(t)?;
        let certs = openssl::x509::X509::stack_from_pem(&pem).map_err(|_| {
            Error::InvalidOption(format!("{} is not a PEM certificate file", t.display()))
        })?;
        for c in certs {
            anchors.push(c.to_der()?);
        }
    }
    let opts = VerifyOptions {
        trust_anchors: anchors,
        online: a.online,
        revocation: a.online.then(|| {
            Arc::new(OnlineRevocation::new())
                as Arc<dyn sijill_signing::revocation::RevocationSource>
        }),
        // The file may come from anyone: the library's default limits apply.
        ..Default::default()
    };
    let report = verify_pdf(&read(&a.file)?, &opts)?;
    if a.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        print!("{}", report.to_text());
    }
    Ok(if report.valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let res = match cli.cmd {
        Cmd::Sign(a) => sign(*a),
        Cmd::Verify(a) => verify(a),
    };
    match res {
        Ok(code) => code,
        Err(e @ Error::Limit { .. }) => {
            // A hostile or absurd file, not a usage error: its own exit code for scripts.
            eprintln!("error: {e}; the file was not processed");
            ExitCode::from(3)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
