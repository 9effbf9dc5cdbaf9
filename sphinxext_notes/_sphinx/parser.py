"""The Markdown parser: MyST's own, plus a title and shifted headings for notes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import myst_parser.parsers.sphinx_ as myst_sphinx
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from myst_parser.parsers.sphinx_ import MystParser

from .._core import frontmatter
from .state import notes_state

if TYPE_CHECKING:
    from docutils import nodes
    from markdown_it import MarkdownIt
    from sphinx.application import Sphinx

    from .._core.notes import Note


TITLE_RULE = "notes_title"


class NotesParser(MystParser):
    """Parses notes with their front-matter title as the page title.

    A note goes through MyST's own parse (file-level ``myst:`` settings, front
    matter as docinfo); the only step added is a markdown-it rule that puts the
    title first and shifts the headings under it. Directives may not insert
    files unless ``notes_file_insertion`` allows it (docutils' own switch for
    untrusted input). Anything else, including Sphinx's parse of a translated
    message inside a note, is MyST's alone.
    """

    def parse(self, inputstring: str, document: nodes.document) -> None:
        """Parse a note, or hand any other document to MyST."""
        note = _note_of(document)
        if note is None:
            super().parse(inputstring, document)
            return
        settings = document.settings
        allowed = settings.file_insertion_enabled
        config = notes_state(settings.env).config
        settings.file_insertion_enabled = allowed and config.file_insertion
        try:
            with _rule_added(partial(_title_rule, note.title)):
                super().parse(_body_for_myst(inputstring, note), document)
        finally:
            settings.file_insertion_enabled = allowed


def _note_of(document: nodes.document) -> Note | None:
    """The note *document* is the file of; None for any other text."""
    env = document.settings.env
    catalog = notes_state(env).catalog
    found = catalog.by_docname.get(env.docname)
    if found is None or Path(document["source"]) != env.doc2path(env.docname):
        return None
    return catalog.shown(*found)


def _body_for_myst(text: str, note: Note) -> str:
    """*text* without the heading used as title and any unreadable front matter.

    Those lines are blanked, so that line numbers stay those of the file.
    """
    hidden = set(range(note.unreadable_head))
    if note.title_line is not None:
        hidden.add(note.title_line)
    if not hidden:
        return text
    lines = frontmatter.LINE_END.split(text.lstrip("\ufeff"))
    return "\n".join("" if i in hidden else line for i, line in enumerate(lines))


@contextmanager
def _rule_added(rule: Callable[[StateCore], None]) -> Iterator[None]:
    """Add *rule* to the markdown-it parser that MyST makes for the next parse.

    ``MystParser.parse`` makes its parser with ``create_md_parser``; wrapping
    that function for the length of one parse adds the rule without repeating
    what MyST does around it.
    """
    create = myst_sphinx.create_md_parser

    def create_with_rule(*args: Any, **kwargs: Any) -> MarkdownIt:
        parser = create(*args, **kwargs)
        parser.core.ruler.push(TITLE_RULE, rule)
        return parser

    myst_sphinx.create_md_parser = create_with_rule
    try:
        yield
    finally:
        myst_sphinx.create_md_parser = create


def _title_rule(title: str, state: StateCore) -> None:
    """Shift headings so the highest is H2, and put *title* before them as H1.

    Runs once, on the whole note: directive bodies are parsed again by the same
    parser, and must not get a title of their own. The title follows the front
    matter, which MyST turns into the document's docinfo.
    """
    state.md.core.ruler.disable(TITLE_RULE)
    levels = [int(t.tag[1]) for t in state.tokens if t.type == "heading_open"]
    shift = min(levels, default=2) - 2
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{max(2, min(6, int(token.tag[1]) - shift))}"
    text = Token("text", "", 0, content=title)
    at = 1 if state.tokens and state.tokens[0].type == "front_matter" else 0
    state.tokens[at:at] = [
        Token("heading_open", "h1", 1, markup="#", map=[0, 1], block=True),
        Token("inline", "", 0, content=title, map=[0, 1], children=[text]),
        Token("heading_close", "h1", -1, markup="#", block=True),
    ]


def setup_parser(app: Sphinx) -> None:
    """Load MyST, then take over its ``.md`` parser."""
    app.setup_extension("myst_parser")
    app.add_source_parser(NotesParser, override=True)
