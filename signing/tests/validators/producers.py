"""PDFs from several producers, made fresh for each run.

Each function writes one file and returns its path. Together they cover what offices
receive: classic xref tables, xref + object streams, linearised files, Ghostscript
output, PDF 2.0, a long document, a file already signed and a file with an incremental
update.
"""

import subprocess
from pathlib import Path


def _write_classic(path: Path, pages: int, version: str = "1.7", text: str = "Sijill test page"):
    """A PDF with a classic xref table, written byte by byte."""
    n_pages = pages
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
    kids = []
    num = 4
    for i in range(n_pages):
        page, content = num, num + 1
        num += 2
        stream = f"BT /F1 18 Tf 72 760 Td ({text} {i + 1} of {n_pages}) Tj ET".encode()
        objs[content] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
        objs[page] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                      b"/Resources << /Font << /F1 3 0 R >> >> >>" % content)
        kids.append(b"%d 0 R" % page)
    objs[2] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % n_pages
    out = bytearray(b"%PDF-" + version.encode() + b"\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for k in sorted(objs):
        offsets[k] = len(out)
        out += b"%d 0 obj\n" % k + objs[k] + b"\nendobj\n"
    size = max(objs) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for k in range(1, size):
        out += b"%010d 00000 n \n" % offsets[k]
    out += b"trailer\n<< /Size %d /Root 1 0 R /ID [<0123456789abcdef0123456789abcdef> " \
           b"<0123456789abcdef0123456789abcdef>] >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    path.write_bytes(bytes(out))
    return path


def _run(*cmd):
    p = subprocess.run([str(c) for c in cmd], capture_output=True, text=True)
    # qpdf exits 3 for warnings; the file is still written.
    if p.returncode not in (0, 3):
        raise AssertionError(f"{cmd} -> {p.returncode}: {p.stderr}")


def classic(d: Path):
    return _write_classic(d / "classic.pdf", 1)


def xref_streams(d: Path):
    src = _write_classic(d / "xs-src.pdf", 3)
    out = d / "xref-streams.pdf"
    _run("qpdf", "--object-streams=generate", src, out)
    assert b"/ObjStm" in out.read_bytes()
    return out


def linearized(d: Path):
    src = _write_classic(d / "lin-src.pdf", 5)
    out = d / "linearized.pdf"
    _run("qpdf", "--linearize", src, out)
    assert b"/Linearized" in out.read_bytes()[:2048]
    return out


def ghostscript(d: Path):
    src = _write_classic(d / "gs-src.pdf", 2)
    out = d / "ghostscript.pdf"
    _run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", f"-sOutputFile={out}", src)
    return out


def pdf20(d: Path):
    return _write_classic(d / "pdf20.pdf", 1, version="2.0")


def long_document(d: Path):
    return _write_classic(d / "200-pages.pdf", 200)


def incremental(d: Path):
    """A file with one incremental update (new document title) after the original."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    src = _write_classic(d / "inc-src.pdf", 2)
    out = d / "incremental.pdf"
    with open(src, "rb") as f:
        w = IncrementalPdfFileWriter(f)
        info = generic.DictionaryObject({generic.NameObject("/Title"): generic.TextStringObject("Updated")})
        w.trailer["/Info"] = w.add_object(info)
        with open(out, "wb") as o:
            w.write(o)
    assert out.read_bytes().count(b"%%EOF") == 2
    return out


def already_signed(d: Path, pki):
    """Signed once by pyHanko (PAdES B-B, ECDSA signer of the test PKI) before we sign it."""
    src = _write_classic(d / "pre-src.pdf", 1)
    out = d / "already-signed.pdf"
    _run("pyhanko", "sign", "addsig", "--use-pades", "--field", "1/50,50,250,100/PyHankoSig", "pkcs12", "--passfile",
         pki.password_file, src, out, pki.p12("ec"))
    return out


def add_page(src: Path, out: Path):
    """Appends a page in an incremental update (what a forger would do after signing)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    with open(src, "rb") as f:
        w = IncrementalPdfFileWriter(f)
        page = generic.DictionaryObject({
            generic.NameObject("/Type"): generic.NameObject("/Page"),
            generic.NameObject("/MediaBox"): generic.ArrayObject([generic.NumberObject(x) for x in (0, 0, 595, 842)]),
            generic.NameObject("/Resources"): generic.DictionaryObject(),
        })
        w.insert_page(page)
        with open(out, "wb") as o:
            w.write(o)
    return out


PRODUCERS = {
    "classic": classic,
    "xref-streams": xref_streams,
    "linearized": linearized,
    "ghostscript": ghostscript,
    "pdf-2.0": pdf20,
    "200-pages": long_document,
    "incremental": incremental,
}
