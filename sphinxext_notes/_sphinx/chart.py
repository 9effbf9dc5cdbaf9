"""The coverage chart: an inline SVG stacked bar per language, no script, no extra file."""

from __future__ import annotations

from html import escape

from .._core import languages
from .._core.coverage import Coverage

#: The bar's segments: the states each counts, and its CSS class (colours in notes.css).
SEGMENTS = (
    (("original", "translated", "reviewed"), "notes-up-to-date"),
    (("machine-translated",), "notes-machine"),
    (("outdated",), "notes-stale"),
)


def summary(row: Coverage, words: dict[str, str]) -> str:
    """``up to date: 12, machine-translated: 3, outdated: 1, missing: 4``, in words of the page.

    A word, then its number, reads right in every language without plural forms.
    """
    counts = (
        (row.up_to_date, words["up-to-date"]),
        (row.counts["machine-translated"], words["machine-translated"]),
        (row.counts["outdated"], words["outdated"]),
        (row.counts["missing"], words["missing"]),
    )
    return ", ".join(f"{word}: {n}" for n, word in counts)


def chart_html(rows: dict[str, Coverage], words: dict[str, str], heading: str) -> str:
    """One labelled bar per language; each SVG says in words what it shows."""
    parts = [f'<div class="notes-chart" role="group" aria-label="{escape(heading)}">']
    for lang, row in rows.items():
        name = f"{languages.native_name(lang)} ({lang})"
        text = summary(row, words)
        percent = round(row.percent)
        x = 0.0
        rects = []
        for states, css in SEGMENTS:
            share = 100 * sum(row.counts[s] for s in states) / row.total if row.total else 0
            if share:
                rects.append(
                    f'<rect class="{css}" x="{x:.2f}" y="0" width="{share:.2f}" height="10"/>'
                )
            x += share
        parts.append(
            f'<div class="notes-chart-row"><span class="notes-chart-name" lang="{escape(lang)}">'
            f"{escape(name)}</span>"
            f'<svg class="notes-bar" viewBox="0 0 100 10" preserveAspectRatio="none" '
            f'role="img" aria-label="{escape(name)}: {escape(text)}">'
            f"<title>{escape(name)}: {escape(text)}</title>"
            f'<rect class="notes-bar-frame" x="0" y="0" width="100" height="10"/>'
            f"{''.join(rects)}</svg>"
            f'<span class="notes-chart-text">{percent}% · {escape(text)}</span></div>'
        )
    parts.append("</div>")
    return "".join(parts)
