"""The translation table: which note exists in which language, as data and as a table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes

from .._core import languages
from .._core.catalog import Catalog, newest_first
from .._core.grouping import Group
from .bidi import isolated

#: Wraps a node in a link to a note (or an index, for None) in a language.
LinkMaker = Callable[[Group | None, str, nodes.Node], nodes.Node]
#: Translates a message into the page's language.
Gettext = Callable[[str], str]


def coverage(catalog: Catalog) -> dict[str, int]:
    """How many notes exist in each language."""
    return {lang: sum(1 for g in catalog.groups if lang in g.members) for lang in catalog.languages}


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
                    lang: {
                        "source": note.source,
                        "page": page_uri(catalog.docname(group, lang))
                        if catalog.is_built(lang)
                        else None,
                        "title": note.title,
                        "status": note.status,
                    }
                    for lang, note in group.members.items()
                },
            }
            for group in newest_first(catalog.groups)
        ],
    }


def status_label(status: str, _: Gettext) -> str:
    """The words a reader sees for a status."""
    labels = {
        "original": _("original"),
        "translated": _("translated"),
        "machine-translated": _("machine-translated"),
    }
    return labels[status]


def render(catalog: Catalog, link: LinkMaker, _: Gettext) -> nodes.table:
    """The table as docutils nodes: a row per note, a column per language."""
    langs = catalog.languages
    total = len(catalog.groups)
    table = nodes.table(classes=["notes-translation-table"])
    tgroup = nodes.tgroup(cols=len(langs) + 1)
    table += tgroup
    # Widths in characters, as the text writer reads them (HTML takes them as ratios).
    tgroup += [nodes.colspec(colwidth=30)] + [nodes.colspec(colwidth=14) for _l in langs]
    head = nodes.row()
    head += _cell(nodes.Text(_("Note")))
    for lang in langs:
        name = isolated(languages.native_name(lang), lang)
        head += _cell(nodes.inline("", "", name, nodes.Text(f" ({lang})")))
    tgroup += nodes.thead("", head)
    body = nodes.tbody()
    tgroup += body
    for group in newest_first(catalog.groups):
        lang = catalog.fallback(group, catalog.default_language)
        row = nodes.row()
        row += _cell(link(group, lang, isolated(group.members[lang].title, lang)))
        for lang in langs:
            note = group.members.get(lang)
            if note is None:
                row += _cell(nodes.Text(_("missing")), ["notes-missing"])
                continue
            label = nodes.inline("", status_label(note.status, _))
            row += _cell(link(group, lang, label), [f"notes-{note.status}"])
        body += row
    counts = coverage(catalog)
    footer = nodes.row(classes=["notes-coverage"])
    footer += _cell(nodes.Text(_("Coverage")))
    for lang in langs:
        share = round(100 * counts[lang] / total) if total else 0
        footer += _cell(
            nodes.Text(
                _("%(n)d of %(total)d (%(share)d%%)")
                % {"n": counts[lang], "total": total, "share": share}
            )
        )
    body += footer
    return table


def _cell(content: nodes.Node, classes: list[str] | None = None) -> nodes.entry:
    paragraph = nodes.paragraph("", "", content)
    return nodes.entry("", paragraph, classes=classes or [])
