"""The page's one stylesheet, inlined: screen first (a single readable column that
reflows down to 320 CSS px), then print (A4, a page per section, like the handout).

Fonts are the systems' own Japanese faces (no web fonts, nothing fetched): gothic on
screen, mincho body text on paper, as in the PDF.
"""

from __future__ import annotations

from reportkit.writers.html import tilemap

ACCENT = "#1f3a68"
LINK = "#1a4e96"
FOCUS = "#c2410c"

SANS = (
    '"BIZ UDPGothic", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic UI", '
    '"Yu Gothic", YuGothic, Meiryo, "Noto Sans JP", "Noto Sans CJK JP", IPAexGothic, sans-serif'
)
SERIF = (
    '"BIZ UDPMincho", "Hiragino Mincho ProN", "Yu Mincho", YuMincho, "Noto Serif JP", '
    '"Noto Serif CJK JP", IPAexMincho, serif'
)

SCREEN = f"""
:root {{ color-scheme: light; --ink: {tilemap.INK}; --muted: {tilemap.MUTED};
  --accent: {ACCENT}; --link: {LINK}; --rule: #c5ccd6; --tint: #e8edf5; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }}
body {{ margin: 0 auto; max-width: 54rem; padding: 0 1rem 4rem; background: {tilemap.PAGE};
  color: var(--ink); font-family: {SANS}; font-size: 1rem; line-height: 1.8;
  line-break: strict; overflow-wrap: break-word; }}
a {{ color: var(--link); text-underline-offset: 0.2em; }}
a:focus-visible, main:focus-visible {{ outline: 3px solid {FOCUS}; outline-offset: 2px; }}
.vh {{ position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }}
.skip-link {{ position: absolute; left: 1rem; top: -4rem; z-index: 1; padding: 0.5rem 1rem;
  background: var(--accent); color: #fff; font-weight: 700; }}
.skip-link:focus {{ top: 0.5rem; }}
.masthead {{ padding: 1.5rem 0 1rem; border-bottom: 3px solid var(--accent); }}
.masthead-top {{ display: flex; flex-wrap: wrap-reverse; justify-content: space-between;
  align-items: flex-start; gap: 0.5rem 1rem; }}
.meeting {{ margin: 0; font-weight: 700; }}
.number {{ margin: 0 0 0 auto; padding: 0.1rem 0.9rem; border: 2px solid var(--ink);
  font-weight: 700; font-size: 1.15rem; }}
h1 {{ margin: 0.75rem 0 0.25rem; color: var(--accent); font-size: 1.9rem; line-height: 1.35; }}
.subtitle {{ margin: 0; font-size: 1.2rem; color: var(--muted); font-weight: 700; }}
.dateline {{ margin: 0.75rem 0 0; display: flex; flex-wrap: wrap; gap: 0 1.5rem; }}
.source-note {{ margin: 1rem 0 0; padding: 0.6rem 0.9rem; border: 1px solid var(--rule);
  font-size: 0.9rem; }}
.contents {{ margin: 1.5rem 0; padding: 0.5rem 1.25rem 1rem; background: var(--tint); }}
.contents h2 {{ margin: 0.5rem 0; padding: 0; background: none; font-size: 1.1rem;
  color: var(--accent); }}
.contents ol {{ margin: 0; padding: 0; list-style: none; }}
.contents ol ol {{ padding-left: 1.5em; font-size: 0.95rem; }}
.contents li {{ margin: 0.15rem 0; }}
.contents > ol {{ columns: 2 20rem; column-gap: 2rem; }}
.contents > ol > li {{ break-inside: avoid; }}
h2 {{ margin: 3rem 0 1rem; padding: 0.35rem 0.75rem; background: var(--accent); color: #fff;
  font-size: 1.3rem; line-height: 1.5; }}
h3 {{ margin: 2rem 0 0.75rem; padding-bottom: 0.2rem; border-bottom: 2px solid var(--accent);
  color: var(--accent); font-size: 1.1rem; line-height: 1.5; }}
ol.cases {{ margin: 0; padding: 0; list-style: none; }}
.case {{ display: grid; grid-template-columns: 4.5rem minmax(0, 1fr); column-gap: 0.75rem;
  padding: 0.75rem 0; border-bottom: 1px solid var(--rule); }}
.case-number {{ grid-row: span 2; color: var(--muted); font-size: 0.85rem; padding-top: 0.2rem;
  font-variant-numeric: tabular-nums; white-space: nowrap; }}
.case-text {{ margin: 0; }}
strong {{ font-weight: 700; }}
.source {{ margin: 0.2rem 0 0; text-align: right; color: var(--accent); font-weight: 700; }}
table {{ width: 100%; margin: 1rem 0; border-collapse: collapse;
  font-variant-numeric: tabular-nums; }}
caption {{ text-align: left; font-weight: 700; padding-bottom: 0.35rem; }}
th, td {{ padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--rule); text-align: left;
  vertical-align: top; }}
td {{ text-align: right; white-space: nowrap; }}
thead th {{ border-bottom: 2px solid var(--accent); word-break: keep-all; }}
thead th + th {{ text-align: right; }}
tfoot th, tfoot td {{ border-top: 2px solid var(--accent); border-bottom: 2px solid var(--accent);
  font-weight: 700; }}
.section-row {{ background: var(--tint); font-weight: 700; }}
.topic-row th {{ padding-left: 1.75rem; font-weight: 400; }}
tr.selected {{ font-weight: 700; }}
.here {{ display: inline-block; font-size: 0.9em; }}
.note {{ color: var(--muted); font-size: 0.9rem; }}
.map-layout {{ display: grid; gap: 0 2rem; grid-template-columns: minmax(0, 1fr); }}
.tilemap {{ display: block; width: 100%; height: auto; }}
.tilemap text {{ text-anchor: middle; font-family: {SANS}; }}
.tilemap .name {{ font-size: 27px; }}
.tilemap .count {{ font-size: 34px; font-weight: 700; }}
.legend-title {{ margin: 0.5rem 0 0; font-weight: 700; font-size: 0.9rem; }}
.legend {{ display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; margin: 0.25rem 0;
  padding: 0; list-style: none; font-size: 0.9rem; }}
.swatch {{ display: inline-block; width: 1.6em; height: 1em; margin-right: 0.35em;
  vertical-align: -0.1em; border: 1.5px solid; }}
table.prefectures {{ font-size: 0.9rem; line-height: 1.5; }}
table.prefectures th, table.prefectures td {{ padding: 0.15rem 0.5rem; }}
table.prefectures .rest th {{ font-weight: 400; font-size: 0.85rem; }}
.index-columns {{ columns: 2 17rem; column-gap: 2.5rem; }}
.prefecture {{ break-inside: avoid; }}
.prefecture h3 {{ margin: 1.25rem 0 0.4rem; font-size: 1rem; break-after: avoid; }}
.prefecture:first-child h3 {{ margin-top: 0; }}
ul.entries {{ margin: 0; padding: 0; list-style: none; }}
ul.entries li {{ padding-left: 1em; text-indent: -1em; break-inside: avoid; }}
.actor {{ font-weight: 700; margin-right: 0.5em; }}
@media (min-width: 48rem) {{
  .map-layout {{ grid-template-columns: minmax(0, 1fr) 15rem; align-items: start; }}
  table.prefectures {{ margin-top: 0; }}
}}
@media (max-width: 36rem) {{
  body {{ padding: 0 0.75rem 3rem; }}
  h1 {{ font-size: 1.5rem; }}
  h2 {{ font-size: 1.15rem; }}
  .case {{ grid-template-columns: minmax(0, 1fr); }}
  .case-number {{ grid-row: auto; padding: 0; }}
  .tilemap .name {{ display: none; }}
  .tilemap .count {{ font-size: 48px; transform: translateY(-20px); }}
}}
"""

PRINT = f"""
@media print {{
  @page {{ size: A4; margin: 20mm 18mm 22mm;
    @bottom-center {{ content: "- " counter(page) " -"; font-size: 9pt; color: {tilemap.MUTED}; }} }}
  * {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
  body {{ max-width: none; padding: 0; font-family: {SERIF}; font-size: 10.5pt; line-height: 1.7; }}
  h1, h2, h3, caption, th, .meeting, .number, .subtitle, .case-number, .source, .actor,
  .legend, .note {{ font-family: {SANS}; }}
  .skip-link, .contents {{ display: none; }}
  .part {{ break-before: page; }}
  h2 {{ margin-top: 0; font-size: 13.5pt; }}
  h2, h3, caption {{ break-after: avoid; }}
  .case, tr, .map-figure {{ break-inside: avoid; }}
  a {{ color: inherit; text-decoration: none; }}
  .case-text strong, .source strong {{ text-decoration: underline; text-underline-offset: 0.2em; }}
  .masthead {{ padding-top: 0; }}
  .map-layout {{ grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); }}
  table.prefectures {{ font-size: 8pt; line-height: 1.3; }}
}}
"""


def stylesheet() -> str:
    """The whole stylesheet, screen and print."""
    return (SCREEN + tilemap.stylesheet() + "\n" + PRINT).strip()
