"""LaTeX/PDF: one book per language, each set up for its language and script.

With ``notes_build = "all"`` and no ``latex_documents`` of the user's, each
language gets a book whose root is its index, with its notes as chapters
(:mod:`.books` lists them in a toctree for the builder). Sphinx's LaTeX builder
sets up one language, the build's, once; each book is written right after its
tree is resolved, so the builder's template variables are set to the book's
language then: babel or polyglossia, and fonts for its script. Arabic, Hebrew,
Devanagari and CJK need xelatex (CJK through xeCJK, as Sphinx does for Chinese).
Fonts: Amiri (Arabic), FreeFont (Hebrew, Devanagari), Noto CJK.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from unicodedata import bidirectional
from weakref import WeakKeyDictionary

from sphinx.builders.latex import LaTeXBuilder, default_latex_documents
from sphinx.builders.latex.constants import ADDITIONAL_SETTINGS
from sphinx.builders.latex.util import ExtBabel
from sphinx.config import Config
from sphinx.util import logging, texescape
from sphinx.util.osutil import make_filename_from_project

from .._core import languages
from .._core.problems import WARNING_TYPE, Kind
from .state import notes_state

if TYPE_CHECKING:
    from collections.abc import Iterator

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: Scripts that pdflatex typesets with babel and the default fonts.
PDFLATEX_SCRIPTS = frozenset({"Latn", "Cyrl", "Grek"})
#: The engines that typeset any script with fontspec.
UNICODE_ENGINES = frozenset({"xelatex", "lualatex"})
#: CJK scripts, set with xeCJK, and the region of their Noto CJK fonts.
CJK_FONTS = {"Hans": "SC", "Hant": "TC", "Jpan": "JP", "Kore": "KR"}
#: Polyglossia fonts for scripts that Sphinx's FreeSerif lacks or sets poorly:
#: (fontspec script, serif, sans serif[, monospace]), each with Latin letters too, since
#: polyglossia sets the whole text of the book's language in them. Arabic keeps Sphinx's
#: FreeMono, which has Arabic letters, so that code is not set as Arabic.
SCRIPT_FONTS = {
    "Arab": ("Arabic", "Amiri", "DejaVu Sans"),
    "Hebr": ("Hebrew", "FreeSerif", "FreeSans", "FreeMono"),
    "Deva": ("Devanagari", "FreeSerif", "FreeSans", "FreeSans"),
}
#: Latin fonts replaced in a book of the script: headers and footers are set in the
#: Latin sans serif, and FreeSans has no Arabic-Indic digits for the page numbers.
LATIN_FONTS = {"Arab": "\\setsansfont{DejaVu Sans}\n"}
#: Scripts whose fonts have no italic: their upright face stands in.
NO_ITALIC = frozenset({"Deva"})

#: In a right-to-left book, code blocks and links to another language's note (in the
#: default language) are set left to right.
RTL_PREAMBLE = (
    "\\setotherlanguage{english}\n"
    "\\AtBeginEnvironment{sphinxVerbatim}{\\selectlanguage{english}}\n"
    "\\expandafter\\def\\csname DUrolenotes-other-language\\endcsname#1{\\LR{#1}}"
)
#: Sphinx's chapter style for books not in English: "Chapter 1" in the book's language
#: rather than an English number word.
FNCYCHAP_SONNY = (
    "\\usepackage[Sonny]{fncychap}\n"
    "\\ChNameVar{\\Large\\normalfont\\sffamily}\n"
    "\\ChTitleVar{\\Large\\normalfont\\sffamily}"
)
#: The ``latex_documents`` made here, per configuration, to make them again.
_GENERATED: WeakKeyDictionary[Config, list[tuple[str, ...]]] = WeakKeyDictionary()
#: The builder's own settings, for the documents that are no language's book.
_BUILD_SETTINGS: WeakKeyDictionary[LaTeXBuilder, tuple[dict[str, Any], ExtBabel]] = (
    WeakKeyDictionary()
)


def needs_unicode_engine(lang: str) -> bool:
    """Whether pdflatex cannot typeset *lang*'s script."""
    return languages.script(lang) not in PDFLATEX_SCRIPTS


def one_book_per_language(app: Sphinx, env: BuildEnvironment) -> None:
    """Make ``latex_documents`` one book per language, unless the user set it."""
    config = app.config
    if not isinstance(app.builder, LaTeXBuilder):
        return
    catalog = notes_state(env).catalog
    for lang in catalog.built:
        if config.latex_engine not in UNICODE_ENGINES and needs_unicode_engine(lang):
            logger.warning(
                "the book of %s (%s) cannot be typeset by %s: set latex_engine = 'xelatex' "
                "in conf.py",
                lang,
                catalog.index(lang),
                config.latex_engine,
                location=f"{Path(app.confdir, 'conf.py')}:",
                type=WARNING_TYPE,
                subtype=Kind.LATEX,
            )
    documents = config.latex_documents
    if catalog.current or (
        documents != default_latex_documents(config) and documents is not _GENERATED.get(config)
    ):
        return  # one language: Sphinx's book holds it, through the user's toctree
    base = make_filename_from_project(config.project)
    config.latex_documents = _GENERATED[config] = [
        (
            catalog.index(lang),
            f"{base}-{lang}.tex",
            f"{_in_line(config.project, lang, config)} — "
            f"{texescape.escape(languages.native_name(lang), config.latex_engine)}",
            _in_line(config.author, lang, config),
            config.latex_theme,
        )
        for lang in catalog.built
    ]


def _in_line(text: str, lang: str, config: Config) -> str:
    """*text* escaped for LaTeX; kept left to right in a right-to-left book."""
    escaped = texescape.escape_abbr(texescape.escape(text, config.latex_engine))
    if not languages.is_rtl(lang) or any(bidirectional(c) in ("R", "AL") for c in text):
        return escaped
    return f"\\texorpdfstring{{\\LR{{{escaped}}}}}{{{escaped}}}"


@contextmanager
def _language(config: Config, code: str) -> Iterator[None]:
    """Sphinx's ``language`` set to *code* for as long as the builder reads it."""
    build_language = config.language
    config.language = code
    try:
        yield
    finally:
        config.language = build_language


def _babel(lang: str, engine: str, polyglossia: bool) -> ExtBabel:
    """The babel or polyglossia language of *lang*; CJK is set by xeCJK, in English."""
    code = lang.replace("-", "_")
    babel = ExtBabel(code, polyglossia)
    if languages.script(lang) in CJK_FONTS and engine == "xelatex":
        babel.language = "english"
    elif not babel.is_supported_language():  # docutils knows no Hindi: polyglossia does
        babel.language = languages.english_name(lang).lower()
        babel.supported = True
    return babel


def _fonts(lang: str, engine: str) -> str:
    """Font set-up for the book's script, with Noto fonts."""
    script = languages.script(lang)
    if script in CJK_FONTS and engine == "xelatex":
        region = CJK_FONTS[script]
        return (
            f"\\setCJKmainfont{{Noto Serif CJK {region}}}\n"
            f"\\setCJKsansfont{{Noto Sans CJK {region}}}\n"
            f"\\setCJKmonofont{{Noto Sans Mono CJK {region}}}\n"
        )
    if script in SCRIPT_FONTS and engine in UNICODE_ENGINES:
        name, *fonts = SCRIPT_FONTS[script]
        family = f"\\{name.lower()}font"  # polyglossia's font for the script
        options = f"Script={name},ItalicFont=*" if script in NO_ITALIC else f"Script={name}"
        return LATIN_FONTS.get(script, "") + "".join(
            f"\\newfontfamily{family}{kind}[{options}]{{{font}}}\n"
            for kind, font in zip(("", "sf", "tt"), fonts, strict=False)
        )
    return ""


def book_language(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Set the LaTeX builder up for the language of the book about to be written."""
    builder = app.builder
    if not isinstance(builder, LaTeXBuilder):
        return
    if builder not in _BUILD_SETTINGS:
        _BUILD_SETTINGS[builder] = dict(builder.context), builder.babel
    catalog = notes_state(app.env).catalog
    lang = catalog.index_language(docname)
    if lang is None and catalog.current and docname == app.config.root_doc:
        lang = catalog.current  # the one language's book: Sphinx's own, set up here too
    if lang is None:
        context, builder.babel = _BUILD_SETTINGS[builder]
        builder.context = dict(context)
        return
    config = builder.config
    engine = config.latex_engine
    with _language(config, lang.replace("-", "_")):
        builder.init_context()
    context = builder.context
    if languages.script(lang) in CJK_FONTS and engine == "xelatex":
        context.update(ADDITIONAL_SETTINGS["xelatex", "zh"])
        context.update(config.latex_elements)
    builder.babel = _babel(lang, engine, bool(context["polyglossia"]))
    builder.init_multilingual()
    if "fontpkg" not in config.latex_elements:
        context["fontpkg"] += _fonts(lang, engine)
    if "fncychap" not in config.latex_elements and not lang.startswith("en"):
        context["fncychap"] = FNCYCHAP_SONNY
    if (
        languages.is_rtl(lang)
        and context["polyglossia"]
        and "multilingual" not in config.latex_elements
    ):
        # polyglossia loads bidi for a right-to-left language, and bidi wants to come
        # after every package (xcolor, float, framed, hyperref): set it last. Code
        # blocks are English, left to right, so that their brackets are not mirrored.
        language = context["multilingual"].removeprefix(context["polyglossia"])
        context["multilingual"] = context["polyglossia"]
        context["preamble"] = f"{language.strip()}\n{RTL_PREAMBLE}\n{context['preamble']}"


def setup_latex(app: Sphinx) -> None:
    """Connect the LaTeX books."""
    app.connect("env-updated", one_book_per_language)
    app.connect("doctree-resolved", book_language)
