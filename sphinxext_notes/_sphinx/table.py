"""The translation table: which note exists in which language, as data and as a table."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from docutils import nodes

from .._core import languages
from .._core.catalog import Catalog, newest_first
from .._core.coverage import Coverage, coverage
from .._core.grouping import Group
from .bidi import isolated
from .chart import chart_html

#: Wraps a node in a link to a note (or an index, for None) in a language.
LinkMaker = Callable[[Group | None, str, nodes.Node], nodes.Node]
#: Translates a message into the page's language.
Gettext = Callable[[str], str]


def translations_json(catalog: Catalog, page_uri: Callable[[str], str]) -> dict[str, Any]:
    """The table as data, for ``translations.json``."""
    return {
        "default_language": catalog.default_language,
        "languages": catalog.languages,
        "notes": [
            {
                "key": group.key,
                "slug": group.slug,
                "grouped_by": group.grouped_by,
                "original": group.original,
                "translations": {
                    lang: _translation(catalog, group, lang, page_uri)
                    for lang in catalog.translations(group)
                },
                "fallbacks": {
                    lang: {
                        "page": page_uri(catalog.docname(group, lang)),
                        "shows": catalog.content_language(group, lang),
                    }
                    for lang in catalog.page_languages(group)
                    if catalog.via(group, lang) == "fallback" and catalog.is_built(lang)
                },
            }
            for group in newest_first(catalog.groups)
        ],
    }


def _translation(
    catalog: Catalog, group: Group, lang: str, page_uri: Callable[[str], str]
) -> dict[str, Any]:
    """One translation in ``translations.json``: a file's, or a catalog's (``via``)."""
    freshness = catalog.freshness_of(group, lang)
    found = catalog.message_catalog(group, lang)
    entry: dict[str, Any] = {
        "source": found.mo if found else group.members[lang].source,
        "via": "gettext" if found else "file",
        "page": page_uri(catalog.docname(group, lang)) if catalog.is_built(lang) else None,
        "title": catalog.title(group, lang),
        "status": catalog.status(group, lang),
        "outdated": freshness.outdated,
        "original_changed": freshness.changed.isoformat() if freshness.changed else None,
    }
    if found:
        entry["translated_share"] = None if found.share is None else round(found.share, 4)
    return entry


#: Each state's mark in a cell, explained by the legend.
MARKS = {
    "original": "●",
    "translated": "✓",
    "reviewed": "≈✓",
    "machine-translated": "≈",
    "outdated": "!",
    "missing": "\u2013",
}


def state_labels(_: Gettext) -> dict[str, str]:
    """The words a reader sees for each state, and for the chart's up-to-date share."""
    return {
        "original": _("original"),
        "translated": _("translated"),
        "reviewed": _("reviewed"),
        "machine-translated": _("machine-translated"),
        "outdated": _("outdated"),
        "missing": _("missing"),
        "up-to-date": _("up to date"),
    }


def render(catalog: Catalog, link: LinkMaker, _: Gettext) -> list[nodes.Node]:
    """The dashboard: a bar per language, a legend, and the table (a row per note)."""
    labels = state_labels(_)
    rows = coverage(catalog)
    chart = chart_html(rows, labels, _("Translation coverage"))
    legend = nodes.paragraph(classes=["notes-legend"])
    for state, mark in MARKS.items():
        legend += nodes.inline("", mark, classes=["notes-mark", f"notes-{state}"])
        legend += nodes.Text(f" {labels[state]}  ")
    return [
        nodes.raw("", chart, format="html"),
        legend,
        nodes.container("", _table(catalog, rows, link, labels, _), classes=["notes-table"]),
    ]


def _table(
    catalog: Catalog,
    rows: dict[str, Coverage],
    link: LinkMaker,
    labels: dict[str, str],
    _: Gettext,
) -> nodes.table:
    langs = catalog.languages
    table = nodes.table(classes=["notes-translation-table"])
    tgroup = nodes.tgroup(cols=len(langs) + 1)
    table += tgroup
    # Widths in characters, as the text writer reads them (HTML takes them as ratios).
    tgroup += [nodes.colspec(colwidth=30)] + [nodes.colspec(colwidth=8) for _l in langs]
    head = nodes.row()
    head += _cell(nodes.Text(_("Note")))
    for lang in langs:
        name = nodes.abbreviation(lang, lang, explanation=languages.native_name(lang))
        head += _cell(name)
    tgroup += nodes.thead("", head)
    body = nodes.tbody()
    tgroup += body
    for group in newest_first(catalog.groups):
        shown = catalog.fallback(group, catalog.default_language)
        row = nodes.row()
        row += _cell(link(group, shown, isolated(group.members[shown].title, shown)))
        for lang in langs:
            state = catalog.state(group, lang)
            mark = nodes.inline("", "", nodes.inline("", MARKS[state], classes=["notes-mark"]))
            mark += nodes.inline("", labels[state], classes=["notes-label"])
            via = catalog.via(group, lang)
            found = catalog.message_catalog(group, lang)
            if found and found.share is not None and found.share < 1:
                # a partial translation: the share of its messages translated
                mark += nodes.inline(
                    "", f" {math.floor(100 * found.share)}%", classes=["notes-share"]
                )
            classes = [f"notes-{state}"]
            if via in ("fallback", "gettext"):
                classes.append(f"notes-{via}")
            if found and found.share is not None and found.share < 1:
                classes.append("notes-partial")
            row += _cell(link(group, lang, mark) if via else mark, classes)
        body += row
    footer = nodes.row(classes=["notes-coverage"])
    footer += _cell(nodes.Text(_("Up to date")))
    for lang in langs:
        footer += _cell(nodes.Text(f"{round(rows[lang].percent)}%"))
    body += footer
    return table


def _cell(content: nodes.Node, classes: list[str] | None = None) -> nodes.entry:
    paragraph = nodes.paragraph("", "", content)
    return nodes.entry("", paragraph, classes=classes or [])
