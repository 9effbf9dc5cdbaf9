"""Aligning a note with a translation: pairs only where they are certain."""

from __future__ import annotations

from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from sphinxext_notes._core.align import align, note_blocks

MD = create_md_parser(MdParserConfig(), RendererHTML)


def pairs(source: str, translation: str) -> dict[str, str]:
    ours = note_blocks(f"---\ntitle: T\n---\n\n{source}", "T", None, MD)
    theirs = note_blocks(f"---\ntitle: T\n---\n\n{translation}", "T", None, MD)
    found = align(ours, theirs).pairs
    return {ours[i].text: theirs[j].text for i, j in found.items() if i}


def test_a_dropped_paragraph_leaves_its_neighbours_paired_or_unpaired_never_shifted():
    source = (
        "## Start\n\nThe first paragraph says one thing about bread and water.\n\n"
        "The second paragraph says another thing about flour and salt.\n\n"
        "The third paragraph closes the section about the oven.\n\n```\ncode\n```\n"
    )
    translation = (
        "## Début\n\nLe premier paragraphe dit une chose du pain et de l'eau.\n\n"
        "Le troisième paragraphe clôt la section sur le four.\n\n```\ncode\n```\n"
    )
    found = pairs(source, translation)
    assert "The second paragraph says another thing about flour and salt." not in found
    assert found.get("The third paragraph closes the section about the oven.") in (
        None,
        "Le troisième paragraphe clôt la section sur le four.",
    )
    assert found.get("The first paragraph says one thing about bread and water.") in (
        None,
        "Le premier paragraphe dit une chose du pain et de l'eau.",
    )


def test_a_block_without_links_is_not_paired_with_one_with_several():
    source = "Languages: English, Español.\n\nEnd.\n"
    translation = "[![a](https://a.example/a.svg)](https://a.example) [![b](https://b.example/b.svg)](https://b.example)\n\nFin.\n"
    assert "Languages: English, Español." not in pairs(source, translation)


def test_a_translation_that_drops_a_link_is_still_paired():
    source = "- Download with [yt-dlp](https://github.com/yt-dlp/yt-dlp).\n- Embed subtitles.\n"
    translation = "- Descarga con yt-dlp.\n- Incrusta subtítulos.\n"
    assert pairs(source, translation) == {
        "Download with [yt-dlp](https://github.com/yt-dlp/yt-dlp).": "Descarga con yt-dlp.",
        "Embed subtitles.": "Incrusta subtítulos.",
    }
