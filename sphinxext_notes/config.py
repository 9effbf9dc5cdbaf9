"""The extension's configuration: one typed dataclass, ``notes_*`` in ``conf.py``."""

from __future__ import annotations

import os
from dataclasses import MISSING, dataclass, field, fields
from typing import TYPE_CHECKING

from sphinx.errors import ConfigError

from ._core import languages

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.config import Config


@dataclass(frozen=True)
class NotesConfig:
    """Values read from ``conf.py`` as ``notes_<name>``."""

    dirs: list[str] = field(
        default_factory=lambda: ["notes"],
        metadata={
            "types": (list, tuple),
            "doc": "Folders under the source directory whose .md files are notes.",
        },
    )
    default_language: str = field(
        default="en",
        metadata={
            "types": (str,),
            "doc": "The x-default language and the fallback of cross-references.",
        },
    )

    build: str = field(
        default="all",
        metadata={
            "types": (str,),
            "doc": "'all': every language in one build, under <lang>/; 'current': only "
            "the build's language, at language-neutral paths (Read the Docs' one project "
            "per language).",
        },
    )
    language_url: str = field(
        default="",
        metadata={
            "types": (str,),
            "doc": "With build = 'current': the URL of another language's build, with "
            "{lang} for its Read the Docs code (zh-hant). Default: READTHEDOCS_CANONICAL_URL "
            "with its language segment replaced.",
        },
    )

    switcher_in_body: bool = field(
        default=True,
        metadata={
            "types": (bool,),
            "doc": "Show the language switcher under each note's title. Turn it off when "
            "a theme shows notes-switcher.html (html_sidebars, navbar components).",
        },
    )

    search: bool = field(
        default=True,
        metadata={
            "types": (bool,),
            "doc": "One search per language: <lang>/search.html over its own index, with "
            "the language's word splitter. False: Sphinx's one index for every page.",
        },
    )

    fallback: str = field(
        default="none",
        metadata={
            "types": (str,),
            "doc": "'original': a note with no translation in a language still gets a page "
            "there, its source text in that language's chrome, marked as not translated and "
            "kept out of search engines; 'none': no page.",
        },
    )

    follow_symlinks: bool = field(
        default=False,
        metadata={
            "types": (bool,),
            "doc": "Follow links under notes_dirs that lead outside the source directory. "
            "Off by default: a link in an untrusted change could publish any file the "
            "build can read.",
        },
    )
    file_insertion: bool = field(
        default=False,
        metadata={
            "types": (bool,),
            "doc": "Let directives in notes insert files (include, literalinclude, "
            "csv-table and raw with :file:). Off by default: a note in an untrusted "
            "change could insert any file the build can read.",
        },
    )

    @classmethod
    def from_sphinx(cls, config: Config) -> NotesConfig:
        """The values of a Sphinx config, as :func:`check_config` left them."""
        values = {f.name: getattr(config, f"notes_{f.name}") for f in fields(cls)}
        return cls(**{**values, "dirs": list(values["dirs"])})

    def current_language(self, config: Config) -> str | None:
        """The one language built with ``build = "current"``: Sphinx's ``language``."""
        if self.build != "current":
            return None
        return languages.normalise(config.language or "") or self.default_language


def _read_the_docs_language_url() -> str:
    """``https://x.readthedocs.io/{lang}/latest/`` from Read the Docs' build variables."""
    canonical = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
    lang = os.environ.get("READTHEDOCS_LANGUAGE", "")
    if not canonical or not lang or f"/{lang}/" not in canonical:
        return ""
    return canonical.replace(f"/{lang}/", "/{lang}/", 1)


def check_config(app: Sphinx, config: Config) -> None:
    """Check the ``notes_*`` values before anything uses them (``config-inited``)."""
    check_values(config)


def check_values(config: Config) -> None:
    """Check the ``notes_*`` values of *config*, and normalise them.

    Wrong values stop the build with a message that says what to write instead.
    """
    dirs = config.notes_dirs
    if not isinstance(dirs, list | tuple) or not all(isinstance(d, str) for d in dirs):
        raise ConfigError(
            f"notes_dirs must be a list of folder names, such as ['notes'], not {dirs!r}"
            " [notes.config]"
        )
    default = languages.normalise(config.notes_default_language)
    if default is None:
        raise ConfigError(
            f"notes_default_language {config.notes_default_language!r} is not a "
            "language tag: use a BCP 47 code such as 'en' [notes.config]"
        )
    if config.notes_build not in ("all", "current"):
        raise ConfigError(
            f"notes_build must be 'all' or 'current', not {config.notes_build!r} [notes.config]"
        )
    if config.notes_fallback not in ("none", "original"):
        raise ConfigError(
            f"notes_fallback must be 'none' or 'original', not {config.notes_fallback!r}"
            " [notes.config]"
        )
    config.notes_dirs = list(dirs)
    config.notes_default_language = default
    config.notes_language_url = config.notes_language_url or _read_the_docs_language_url()


def setup_config(app: Sphinx) -> None:
    """Register every field of :class:`NotesConfig` as a ``notes_*`` value, checked first."""
    declare(app.add_config_value)
    app.connect("config-inited", check_config, priority=100)


def declare(add: Callable[..., None]) -> None:
    """Declare every ``notes_*`` value with *add* (``Sphinx.add_config_value``, ``Config.add``)."""
    for spec in fields(NotesConfig):
        default = spec.default_factory() if spec.default_factory is not MISSING else spec.default
        add(
            f"notes_{spec.name}",
            default,
            "env",
            types=spec.metadata["types"],
            description=spec.metadata["doc"],
        )
