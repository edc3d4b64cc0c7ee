"""Render a report Document as one self-contained HTML page with SVG charts.

No scripts, no external files: the page prints as it shows, with a print stylesheet that
keeps tables and charts from splitting across pages.
"""

from __future__ import annotations

from html import escape

from sim.debrief.render.doc import Block, Bullets, Chart, Document, Heading, Para, Quote, Table
from sim.debrief.render.svg import chart_svg

STYLE = """
body { font: 15px/1.45 Georgia, 'Times New Roman', serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; color: #111; }
h1, h2, h3, h4 { font-family: 'Helvetica Neue', Arial, sans-serif; line-height: 1.2; }
h2 { border-bottom: 1px solid #bbb; padding-bottom: .2rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: .25rem .4rem; vertical-align: top; text-align: left; }
th { background: #f0f0f0; }
td.num { text-align: right; white-space: nowrap; }
tr.note td { background: #fff8dc; font-style: italic; }
blockquote { margin: .6rem 0; padding: .4rem .8rem; border-left: 3px solid #888;
             background: #f7f7f7; }
blockquote cite { display: block; font-size: 12px; color: #555; margin-top: .2rem; }
figure { margin: .8rem 0; }
figcaption { font-size: 13px; color: #333; }
svg.chart { width: 100%; height: auto; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  table, figure, blockquote { page-break-inside: avoid; }
  h2, h3, h4 { page-break-after: avoid; }
}
"""


def render_html(doc: Document) -> str:
    body = "\n".join(block_html(block) for block in doc.blocks)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(doc.title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def block_html(block: Block) -> str:
    match block:
        case Heading(level=level, text=text):
            return f"<h{level}>{escape(text)}</h{level}>"
        case Para(text=text, lead=lead):
            strong = f"<strong>{escape(lead)}</strong> " if lead else ""
            return f"<p>{strong}{escape(text)}</p>"
        case Bullets(items=items, numbered=numbered):
            tag = "ol" if numbered else "ul"
            inner = "".join(f"<li>{escape(i)}</li>" for i in items)
            return f"<{tag}>{inner}</{tag}>"
        case Table():
            return table_html(block)
        case Quote(text=text, source=source):
            return f"<blockquote>“{escape(text)}”<cite>— {escape(source)}</cite></blockquote>"
        case Chart():
            return (
                f"<figure>{chart_svg(block)}<figcaption><strong>{escape(block.title)}.</strong> "
                f"{escape(block.caption)}</figcaption></figure>"
            )
    return ""


def table_html(table: Table) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in table.header)
    rows = []
    for n, row in enumerate(table.rows):
        cells = "".join(
            f'<td class="num">{escape(c)}</td>' if k in table.numeric else f"<td>{escape(c)}</td>"
            for k, c in enumerate(row)
        )
        css = ' class="note"' if n in table.note_rows else ""
        rows.append(f"<tr{css}>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
