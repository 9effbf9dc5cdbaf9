"""The Markdown parser: MyST's, plus a title and shifted headings for notes."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser

from .._core import frontmatter
from .._core.catalog import catalog_of

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


TITLE_RULE = "notes_title"


class NotesParser(MystParser):
    """Parses notes with their front-matter title as the page title.

    Other Markdown documents are parsed exactly as MyST parses them.
    """

    def parse(self, inputstring: str, document: nodes.document) -> None:
        """Parse a note, or hand any other document to MyST."""
        env = document.settings.env
        found = catalog_of(env).by_docname.get(env.docname)
        if found is None:
            super().parse(inputstring, document)
            return
        group, lang = found
        note = group.members[lang]
        lines = frontmatter.LINE_END.split(inputstring.lstrip("\ufeff"))
        skip = set(range(frontmatter.body_start(inputstring)))
        if note.title_line is not None:
            skip.add(note.title_line)
        # Blank what is not body, so that line numbers stay those of the file.
        body = "\n".join("" if i in skip else line for i, line in enumerate(lines))
        parser = create_md_parser(env.myst_config, SphinxRenderer)
        parser.core.ruler.push(TITLE_RULE, partial(_title_rule, note.title))
        parser.options["document"] = document
        parser.render(body)


def _title_rule(title: str, state: StateCore) -> None:
    """Shift headings so the highest is H2, and put *title* before them as H1.

    Runs once, on the whole note: directive bodies are parsed again by the same
    parser, and must not get a title of their own.
    """
    state.md.core.ruler.disable(TITLE_RULE)
    levels = [int(t.tag[1]) for t in state.tokens if t.type == "heading_open"]
    shift = min(levels, default=2) - 2
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{max(2, min(6, int(token.tag[1]) - shift))}"
    text = Token("text", "", 0, content=title)
    state.tokens[:0] = [
        Token("heading_open", "h1", 1, markup="#", map=[0, 1], block=True),
        Token("inline", "", 0, content=title, map=[0, 1], children=[text]),
        Token("heading_close", "h1", -1, markup="#", block=True),
    ]


def setup_parser(app: Sphinx) -> None:
    """Load MyST, then take over its ``.md`` parser."""
    app.setup_extension("myst_parser")
    app.add_source_parser(NotesParser, override=True)
