"""One search per language: ``<lang>/search.html`` over ``<lang>/searchindex.js``.

Sphinx builds one index, with one language's splitter, for every page. Here each
page of a language (its notes and its index) is fed to that language's index
instead, split by :mod:`.search_languages`; ordinary pages stay in Sphinx's.
The themes' own search box on a page of language X leads to X's search page,
whose scripts load X's index and X's ``language_data.js`` (splitter, stemmer,
stop words, and Sphinx's JavaScript messages in X).

What each page adds to its index is kept, per language, in the doctree folder;
a language's index is written again only when one of its pages adds something
else or its pages change, so a rebuild that changes nothing in a language
neither loads nor writes its index.

Under ``-j N`` Sphinx resolves every page in the main process and hands it to one
of N - 1 writing processes; splitting and stemming a page's words is as costly as
resolving it. So the main process splits one page in N and leaves the others to
the process that writes them, which sends what it found back through a file in the
doctree folder (:meth:`LanguageIndexes.feed`); the indexes are the same either way.
"""

from __future__ import annotations

import itertools
import json
import os
import pickle
import shutil
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from weakref import WeakKeyDictionary

import sphinx
from sphinx.errors import ExtensionError
from sphinx.search import IndexBuilder, js_index
from sphinx.util import logging

from .._core.problems import WARNING_TYPE, Kind
from .i18n import js_messages, set_page_language
from .search_languages import (
    JIEBA_HINT,
    ChineseWords,
    has_jieba,
    search_language,
    search_language_class,
    splitter_name,
)
from .state import notes_state

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.environment import BuildEnvironment
    from sphinx.search import SearchLanguage

    from .._core.catalog import Catalog

logger = logging.getLogger(__name__)

#: The folder, in the doctree folder, of what each page adds to its language's index.
RECORDS_DIR = "notes-search"
#: The folder, in :data:`RECORDS_DIR`, where writing processes leave what pages add.
FROM_WRITERS = "from-writers"
#: Which splitter each language's index was written with (``{"zh": "ChineseWords"}``).
SPLITTERS = "splitters.json"
#: Names of Sphinx's template of ``language_data.js`` (``.js_t`` before Sphinx 8.2).
LANGUAGE_DATA_TEMPLATES = ("language_data.js.jinja", "language_data.js_t")
#: What one page adds to an index: title, file name, section titles, index entries,
#: words of its text and words of its titles (stemmed).
Record = tuple[
    str, str, tuple[tuple[str, Any], ...], tuple[Any, ...], frozenset[str], frozenset[str]
]


@lru_cache(maxsize=1)
def _language_data_template() -> Path:
    """Sphinx's template of ``language_data.js``, in its basic theme."""
    static = Path(sphinx.__file__).parent / "themes" / "basic" / "static"
    found = next((static / n for n in LANGUAGE_DATA_TEMPLATES if (static / n).is_file()), None)
    if found is None:
        msg = (
            f"sphinxext-notes found no {' or '.join(LANGUAGE_DATA_TEMPLATES)} in {static}: "
            "set notes_search = False to use Sphinx's one search index"
        )
        raise ExtensionError(msg)
    return found


class _LanguageIndexBuilder(IndexBuilder):
    """Sphinx's index builder for one language, with stores of its own.

    Sphinx's keeps its stores in the environment, shared by every instance.
    """

    def __init__(self, env: BuildEnvironment, language: SearchLanguage, scoring: str) -> None:
        super().__init__(env, "", {}, scoring)
        self.lang = language
        self.clear()

    def clear(self) -> None:
        """Start with no page."""
        self._titles, self._filenames, self._all_titles, self._index_entries = {}, {}, {}, {}
        self._mapping, self._title_mapping = {}, {}
        self._objtypes, self._objnames = {}, {}

    def get_objects(self, fn2index: dict[str, int]) -> dict[str, list[Any]]:
        """No objects: domain objects are searched in Sphinx's index, not a language's."""
        return {}

    def record(self, docname: str, filename: str, title: str, doctree: nodes.document) -> Record:
        """What *doctree* adds to an index, found by Sphinx's own ``feed``."""
        self.clear()
        self.feed(docname, filename, title, doctree)
        return (
            self._titles[docname] or "",
            self._filenames[docname],
            tuple(self._all_titles[docname]),
            tuple(self._index_entries[docname]),
            frozenset(self._mapping),
            frozenset(self._title_mapping),
        )

    def fill(self, records: dict[str, Record], name: Callable[[str], str]) -> None:
        """Hold *records*, each page under ``name(docname)``."""
        self.clear()
        for docname, (title, filename, titles, entries, terms, title_terms) in records.items():
            page = name(docname)
            self._titles[page], self._filenames[page] = title, filename
            self._all_titles[page], self._index_entries[page] = list(titles), list(entries)
            for term in terms:
                self._mapping.setdefault(term, set()).add(page)
            for term in title_terms:
                self._title_mapping.setdefault(term, set()).add(page)


@dataclass
class LanguageIndexes:
    """The search indexes of one build's languages: fed page by page, written at the end."""

    app: Sphinx
    folder: Path
    builders: dict[str, _LanguageIndexBuilder] = field(default_factory=dict)
    #: Per language, what each page adds; loaded when the language is first touched.
    records: dict[str, dict[str, Record]] = field(default_factory=dict)
    #: Languages whose index changed in this build.
    changed: set[str] = field(default_factory=set)

    @property
    def from_writers(self) -> Path:
        """Where writing processes leave what their pages add."""
        return self.folder / FROM_WRITERS

    def builder(self, lang: str) -> _LanguageIndexBuilder:
        """The index builder of *lang*, with its search language."""
        if lang not in self.builders:
            config = self.app.config
            language = search_language(lang, config.html_search_options)
            # Sphinx remembers stems for one page; a language's pages share most words.
            # An instance's method, wrapped on purpose.
            language.stem = lru_cache(maxsize=1 << 16)(language.stem)  # type: ignore[method-assign]
            self.builders[lang] = _LanguageIndexBuilder(
                self.app.env, language, config.html_search_scorer
            )
        return self.builders[lang]

    def language_records(self, lang: str) -> dict[str, Record]:
        """What each page of *lang* adds to its index, as the last build left it."""
        if lang not in self.records:
            try:
                with open(self.folder / f"{lang}.pickle", "rb") as file:
                    self.records[lang] = pickle.load(file)
            except (OSError, pickle.UnpicklingError, EOFError):
                self.records[lang] = {}
                self.changed.add(lang)
        return self.records[lang]

    def prepare(self, lang: str) -> None:
        """Make *lang*'s splitter ready, jieba's dictionary loaded, before writers fork."""
        builder = self.builder(lang)
        if isinstance(builder.lang, ChineseWords):
            builder.lang.load_dictionary()

    def feed(self, lang: str, docname: str, title: str, doctree: nodes.document) -> None:
        """Add a page of *lang* (what it had before is replaced).

        In a writing process, what the page adds goes to a file of that process.
        """
        filename = str(self.app.env.doc2path(docname, False))
        record = self.builder(lang).record(docname, filename, title, doctree)
        if os.getpid() == notes_state(self.app.env).main:  # not a writing process
            self.store(lang, docname, record)
            return
        self.from_writers.mkdir(parents=True, exist_ok=True)
        with open(self.from_writers / f"{os.getpid()}.pickle", "ab") as file:
            pickle.dump((lang, docname, record), file, pickle.HIGHEST_PROTOCOL)

    def store(self, lang: str, docname: str, record: Record) -> None:
        """Hold what a page of *lang* adds to its index."""
        records = self.language_records(lang)
        if records.get(docname) != record:
            records[docname] = record
            self.changed.add(lang)

    def collect(self) -> None:
        """Take what the writing processes found, and remove their files."""
        for path in sorted(self.from_writers.glob("*.pickle")):
            with open(path, "rb") as file:
                while file.peek(1):
                    self.store(*pickle.load(file))
        self.forget_writers()

    def forget_writers(self) -> None:
        """Remove what writing processes left (a build stopped midway leaves some)."""
        shutil.rmtree(self.from_writers, ignore_errors=True)

    def to_index_again(self, catalog: Catalog) -> list[str]:
        """The pages of the languages split otherwise than when their index was written
        (jieba installed or removed, say), or whose pages' words were lost: they are
        written, and so indexed, again. None on a first build, which writes every page.
        """
        try:
            before = json.loads((self.folder / SPLITTERS).read_text("utf-8"))
        except (OSError, ValueError):
            return []
        return [
            page
            for lang in catalog.built
            if before.get(lang, splitter_name(lang)) != splitter_name(lang)
            or not (self.folder / f"{lang}.pickle").is_file()
            for page in _pages(catalog, lang)
        ]

    def write(self, catalog: Catalog) -> None:
        """Write the indexes that changed, and each language's ``language_data.js``."""
        self.collect()
        outdir = Path(self.app.outdir)
        splitters = {lang: splitter_name(lang) for lang in catalog.built}
        self._write_if_changed(self.folder / SPLITTERS, json.dumps(splitters, sort_keys=True))
        for lang in catalog.built:
            pages = _pages(catalog, lang)
            index = outdir / lang / "searchindex.js"
            if lang in self.records or not index.is_file():
                records = self.language_records(lang)
                for gone in records.keys() - pages:
                    del records[gone]
                    self.changed.add(lang)
            if lang in self.changed or not index.is_file():
                self._write_index(lang, index)
            self._write_if_changed(outdir / lang / "language_data.js", self.language_data(lang))

    def _write_index(self, lang: str, path: Path) -> None:
        records = self.language_records(lang)
        builder = self.builder(lang)
        prefix = f"{lang}/"
        builder.fill(records, lambda docname: docname.removeprefix(prefix))
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        try:
            with open(temporary, "w", encoding="utf-8") as file:
                builder.dump(file, js_index)
            temporary.replace(path)
        finally:
            temporary.unlink(missing_ok=True)
        builder.clear()
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / f"{lang}.pickle", "wb") as file:
            pickle.dump(records, file, pickle.HIGHEST_PROTOCOL)

    def language_data(self, lang: str) -> str:
        """``language_data.js`` for *lang*: Sphinx's template, this language's code."""
        builder = self.builder(lang)
        source = _language_data_template().read_text("utf-8")
        text = self.app.builder.templates.render_string(source, builder.context_for_searchtool())
        return text + js_messages(lang) + EXCERPTS

    @staticmethod
    def _write_if_changed(path: Path, text: str) -> None:
        if not path.is_file() or path.read_text("utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")


#: For a language's search page: a result's excerpt leaves out the switcher and
#: what Sphinx's indexer leaves out (``no-search``: the notices), as the index does.
EXCERPTS = """((htmlToText) => {
  Search.htmlToText = (html, anchor) => {
    const page = new DOMParser().parseFromString(html, "text/html");
    page.querySelectorAll(".notes-switcher, .no-search").forEach((node) => node.remove());
    return htmlToText(page.documentElement.outerHTML, anchor);
  };
})(Search.htmlToText);
"""


def _pages(catalog: Catalog, lang: str) -> set[str]:
    """The pages of a language's index: its notes (fallback pages not) and its index page."""
    notes = {
        catalog.docname(g, lang)
        for g in catalog.listing(lang)
        if catalog.via(g, lang) != "fallback"
    }
    return notes | {catalog.index(lang)}


#: The search indexes of each builder that writes them.
_INDEXES: WeakKeyDictionary[Builder, LanguageIndexes] = WeakKeyDictionary()


def _builds_search(app: Sphinx) -> bool:
    """Whether this build writes a search per language (HTML, every language)."""
    return app.builder.name in ("html", "dirhtml") and bool(getattr(app.builder, "search", False))


def page_language(catalog: Catalog, pagename: str) -> str | None:
    """The language whose search a page uses: a note's, an index's, a search page's."""
    if lang := catalog.page_language(pagename):
        return lang
    lang, _, name = pagename.partition("/")
    return lang if name == "search" and lang in catalog.built else None


def install_search(app: Sphinx) -> None:
    """Feed each language's pages to its own index; in a one-language build, split as it.

    Under ``-j N`` one page in N is split in the main process, the others in the
    process that writes them.
    """
    config = notes_state(app.env).config
    if not config.search:
        return
    if config.build == "current" and app.builder.format == "html":
        _use_current_language(app)
        return
    if not _builds_search(app):
        return
    builder = cast("StandaloneHTMLBuilder", app.builder)  # html or dirhtml: _builds_search
    indexes = _INDEXES[builder] = LanguageIndexes(app, Path(app.doctreedir, RECORDS_DIR))
    index_page, write_doc = builder.index_page, builder.write_doc
    indexes.forget_writers()
    #: The pages that the process writing them feeds, with their language and title.
    deferred: dict[str, tuple[str, str]] = {}
    pages = itertools.count()

    def feed(lang: str, pagename: str, title: str, doctree: nodes.document) -> None:
        metadata = app.env.metadata.get(pagename, {})
        if "no-search" in metadata or "nosearch" in metadata:
            title, doctree = "", doctree.copy()  # indexed, but without its text
        indexes.feed(lang, pagename, title, doctree)

    def index_page_in_its_language(pagename: str, doctree: nodes.document, title: str) -> None:
        catalog = notes_state(app.env).catalog
        lang = page_language(catalog, pagename)
        if lang is None:
            return index_page(pagename, doctree, title)
        if catalog.is_fallback(pagename):
            return None  # another language's text: its own page is in its own index
        if not title:
            return None
        indexes.prepare(lang)
        # In a parallel write, one page in N here and the others in their writer.
        if builder.parallel_ok and next(pages) % app.parallel:
            deferred[pagename] = lang, title
        else:
            feed(lang, pagename, title, doctree)
        return None

    def write_doc_and_feed(docname: str, doctree: nodes.document) -> None:
        if found := deferred.pop(docname, None):
            lang, title = found
            feed(lang, docname, title, doctree)
        write_doc(docname, doctree)

    # This builder's methods, wrapped on purpose.
    builder.index_page = index_page_in_its_language  # type: ignore[method-assign]
    builder.write_doc = write_doc_and_feed  # type: ignore[method-assign]


def _use_current_language(app: Sphinx) -> None:
    """Give Sphinx's one index the splitter of the build's language, for this build."""
    from sphinx.search import languages

    key = app.config.html_search_language or app.config.language
    tag = notes_state(app.env).config.current_language(app.config) or key
    previous = languages.get(key)
    app.add_search_language(search_language_class(tag, key))

    def restore(app: Sphinx, exception: Exception | None) -> None:
        if previous is None:
            languages.pop(key, None)
        else:
            languages[key] = previous

    app.connect("build-finished", restore)


def search_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``<lang>/search`` for every language."""
    if app.builder in _INDEXES:
        for lang in notes_state(app.env).catalog.built:
            yield f"{lang}/search", {}, "search.html"


def route_search(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Point a page's search box and search scripts at its language's search."""
    if app.builder not in _INDEXES:
        return
    lang = page_language(notes_state(app.env).catalog, pagename)
    if lang is None:
        return
    pages = {"search": f"{lang}/search"}
    resources = {
        "searchindex.js": f"{lang}/searchindex.js",
        "_static/language_data.js": f"{lang}/language_data.js",
    }
    pathto = context["pathto"]

    def pathto_in_language(otheruri: str, resource: bool = False, *args: Any) -> str:
        return pathto((resources if resource else pages).get(otheruri, otheruri), resource, *args)

    context["pathto"] = pathto_in_language
    if pagename == pages["search"]:
        set_page_language(context, lang)
        # Result links are relative to the language's folder (as its index's page names).
        depth = app.builder.get_target_uri(pagename).count("/") - 1
        context["content_root"] = "../" * depth or "./"


def index_again(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Write again the pages of languages whose splitter changed or whose words were lost."""
    indexes = _INDEXES.get(app.builder)
    return indexes.to_index_again(notes_state(env).catalog) if indexes is not None else []


def write_indexes(app: Sphinx, exception: Exception | None) -> None:
    """Write the indexes and language data of the languages that changed."""
    if exception is None and (indexes := _INDEXES.get(app.builder)) is not None:
        indexes.write(notes_state(app.env).catalog)


def warn_without_jieba(app: Sphinx, env: BuildEnvironment) -> None:
    """Say once how to get Chinese words, when Chinese notes are indexed in pairs."""
    if app.builder.format != "html" or not notes_state(env).config.search or has_jieba():
        return
    catalog = notes_state(env).catalog
    chinese = next(
        (
            note
            for group in catalog.groups
            for lang, note in group.members.items()
            if lang.partition("-")[0] == "zh" and catalog.is_built(lang)
        ),
        None,
    )
    if chinese is not None:
        logger.warning(
            "Chinese notes are searched by pairs of characters, since jieba is not "
            "installed: install it for Chinese words (%s)",
            JIEBA_HINT,
            location=str(Path(app.srcdir, chinese.source)),
            type=WARNING_TYPE,
            subtype=Kind.SEARCH,
        )


def setup_search(app: Sphinx) -> None:
    """Connect the per-language search."""
    app.connect("builder-inited", install_search)
    app.connect("env-updated", warn_without_jieba)
    app.connect("env-get-updated", index_again)
    app.connect("html-collect-pages", search_pages)
    app.connect("html-page-context", route_search)
    app.connect("build-finished", write_indexes)
