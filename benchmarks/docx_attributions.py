"""Attributions of the Word briefing as LibreOffice sets them (``docx_attributions.py [N]``).

For the real source and a synthetic source of N cases (default 5,000): the briefing is
rendered, converted to PDF by LibreOffice headless (a private profile), and each line of
``pdftotext -bbox-layout`` that ends with an attribution is matched to the cases in
order. Printed: cases, attributions set whole, those ending at the right margin (185 mm,
within 1.5 pt), soft breaks the writer put before an attribution, and pages.
``--without-breaks`` removes those soft breaks first: what the layout does unaided.
"""

from __future__ import annotations

import argparse
import difflib
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "source" / "torikumi-jirei.md"
RIGHT_EDGE_PT = 524.4  # 210 mm - 25 mm
BREAK_RUN = b"<w:r><w:br/></w:r>"


def without_breaks(data: bytes) -> bytes:
    """The .docx ``data`` with the writer's soft-break runs taken out of the body."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            member = source.read(item)
            if item.filename == "word/document.xml":
                member = member.replace(BREAK_RUN, b"")
            target.writestr(item, member)
    return out.getvalue()


def to_pdf(docx: Path) -> Path:
    profile = (docx.parent / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(docx.parent), str(docx)],
        capture_output=True, check=True, timeout=1200,
    )  # fmt: skip
    return docx.with_suffix(".pdf")


def line_ends(pdf: Path) -> list[tuple[str, float]]:
    """Each text line of ``pdf``: its words joined and where it ends (pt)."""
    boxes = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True
    ).stdout
    found = []
    for line in etree.fromstring(boxes).iter("{*}line"):
        words = list(line.iter("{*}word"))
        if words:
            found.append(("".join(w.text or "" for w in words), float(words[-1].get("xMax", 0))))
    return found


def measure(source: Path, directory: Path, *, strip: bool) -> str:
    from reportkit.building.plan import make_view
    from reportkit.source import load
    from reportkit.writers.docx import render

    document = load(source)
    data = render(make_view(document, source))
    breaks = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").count(BREAK_RUN)
    if strip:
        data, breaks = without_breaks(data), 0
    docx = directory / f"{source.stem}.docx"
    docx.write_bytes(data)
    pdf = to_pdf(docx)
    wanted = [case.attribution.text for case in document.cases()]
    longest_first = sorted(set(wanted), key=len, reverse=True)
    placed = [
        (next(a for a in longest_first if text.endswith(a)), end)
        for text, end in line_ends(pdf)
        if any(text.endswith(a) for a in longest_first)
    ]
    matcher = difflib.SequenceMatcher(a=wanted, b=[a for a, _ in placed], autojunk=False)
    whole = sum(block.size for block in matcher.get_matching_blocks())
    flush = sum(1 for _, end in placed if abs(end - RIGHT_EDGE_PT) < 1.5)
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    count = next(line.split()[-1] for line in pages.stdout.splitlines() if line.startswith("Pages"))
    return (
        f"{source.name}: {len(wanted):,} cases, {whole:,} attributions whole, "
        f"{flush:,} flush right, {breaks:,} soft breaks, {count} pages"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("cases", nargs="?", type=int, default=5000)
    parser.add_argument("--without-breaks", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from benchmarks.synth import generate

    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        synthetic = directory / f"synth-{args.cases}.md"
        synthetic.write_text(generate(args.cases, seed=1), encoding="utf-8")
        for source in (REAL, synthetic):
            print(measure(source, directory, strip=args.without_breaks), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
