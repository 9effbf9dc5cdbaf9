"""Incremental builds: which pages show something of a note that changed."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, Any

from .._core.catalog import Catalog
from .state import notes_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def _group_view(catalog: Catalog, key: str) -> Hashable:
    """All a page can show of one note: its pages, titles, statuses and freshness."""
    group = catalog.by_key.get(key)
    if group is None:
        return None
    members = tuple(
        (lang, n.title, n.status, n.source, n.reviewed, catalog.freshness_of(group, lang))
        for lang, n in group.members.items()
    )
    catalogs = tuple(catalog.gettext.get(key, {}).items())
    return group.slug, group.original, group.date, members, catalogs


def _link_view(catalog: Catalog, name: str, lang: str) -> Hashable:
    """What a link to note *name* shows on a page in *lang*: the page it leads to, its title."""
    found = catalog.lookup(name)
    group = found.group
    if group is None:
        return found.candidates
    page = catalog.reference(group, lang)
    shown = catalog.content_language(group, page)
    return group.slug, page, shown, catalog.title(group, page)


def _listing_view(catalog: Catalog, lang: str) -> list[tuple[Any, ...]]:
    """What a language's index shows: each note's slug, title, its language and date, in order."""
    return [
        (g.slug, catalog.title(g, lang), catalog.content_language(g, lang), g.date)
        for g in catalog.listing(lang)
    ]


def pages_to_rewrite(
    old: Catalog,
    new: Catalog,
    refs: Mapping[str, set[str]],
    tables: set[str],
    indexes: Mapping[str, str],
) -> set[str]:
    """Pages whose output changes with the catalog, though their sources did not.

    Members of a changed note (their switcher), the neighbours of a moved note
    (their previous/next links), the language indexes that list it, pages whose
    links to it now lead elsewhere or read otherwise, and every page with the
    translation table.
    """
    keys = {
        k
        for k in old.by_key.keys() | new.by_key.keys()
        if _group_view(old, k) != _group_view(new, k)
    }
    pages = {
        new.docname(new.by_key[k], lang)
        for k in keys
        if k in new.by_key
        for lang in new.page_languages(new.by_key[k])
    }
    for lang in set(old.built) | set(new.built):
        before, after = _listing_view(old, lang), _listing_view(new, lang)
        if before == after:
            continue
        pages.add(new.index(lang))
        pages.update(doc for doc, shown in indexes.items() if shown == lang)
        old_nav = _navigation(before)
        for slug, nav in _navigation(after).items():
            if old_nav.get(slug) != nav:
                pages.add(new.page(lang, slug))
    if keys:
        pages |= tables
    if old.languages != new.languages:  # every sidebar lists the languages
        pages |= set(new.by_docname) | {new.index(lang) for lang in new.built}
    for doc, linked in refs.items() if keys else ():  # no note changed: names lead as before
        lang = new.language_of(doc)
        if any(_link_view(old, n, lang) != _link_view(new, n, lang) for n in linked):
            pages.add(doc)
    return pages


def _navigation(listing: list[tuple[Any, ...]]) -> dict[str, tuple[Any, Any]]:
    """Each page's previous and next entries."""
    padded = [None, *listing, None]
    return {entry[0]: (padded[i], padded[i + 2]) for i, entry in enumerate(listing)}


def on_env_get_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Return the pages to write again because the catalog changed."""
    state = notes_state(env)
    if state.previous is None:
        return []
    data = env.domaindata["notes"]
    pages = pages_to_rewrite(
        state.previous, state.catalog, data["refs"], data["tables"], data["indexes"]
    )
    return sorted(pages & env.found_docs)


def pages_to_reread(old: Catalog, new: Catalog, names: Mapping[str, set[str]]) -> set[str]:
    """Pages to read again though their files did not change.

    Pages now read otherwise (from another file: a translation replaced a fallback
    page, a note file was renamed; or with or without a catalog), and pages read
    with a bare link target that has come to name a note, or stopped to: such a
    link is a note reference or MyST's own from the time the page is read.
    """
    pages = {
        docname
        for docname, (group, lang) in new.by_docname.items()
        if docname in old.by_docname
        and old.reading(*old.by_docname[docname]) != new.reading(group, lang)
    }
    pages.update(
        doc
        for doc, targets in names.items()
        if any(old.names_a_note(name) != new.names_a_note(name) for name in targets)
    )
    return pages


def on_env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Return the pages to read again: read from another file or catalog now, though
    their file's time did not change, or with a bare link whose name changed meaning."""
    state = notes_state(env)
    if state.previous is None:
        return []
    pages = pages_to_reread(state.previous, state.catalog, env.domaindata["notes"]["names"])
    return sorted(pages & env.found_docs - added - changed)


def setup_incremental(app: Sphinx) -> None:
    """Read again, or rewrite, the pages that show a note that changed."""
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("env-get-updated", on_env_get_updated)
