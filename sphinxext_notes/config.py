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
    from sphinx.environment import BuildEnvironment


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

    @classmethod
    def from_sphinx(cls, config: Config) -> NotesConfig:
        """Read and check the values of a Sphinx config."""
        values = {f.name: getattr(config, f"notes_{f.name}") for f in fields(cls)}
        if not all(isinstance(d, str) for d in values["dirs"]):
            raise ConfigError("notes_dirs must be a list of folder names")
        default = languages.normalise(values["default_language"])
        if default is None:
            raise ConfigError(
                f"notes_default_language {values['default_language']!r} is not a "
                "language tag: use a BCP 47 code such as 'en'"
            )
        if values["build"] not in ("all", "current"):
            raise ConfigError(f"notes_build must be 'all' or 'current', not {values['build']!r}")
        values["dirs"] = list(values["dirs"])
        values["default_language"] = default
        values["language_url"] = values["language_url"] or _read_the_docs_language_url()
        return cls(**values)

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


def notes_config(env: BuildEnvironment) -> NotesConfig:
    """The checked configuration of the current build (kept by the notes project)."""
    return env.project.config  # type: ignore[attr-defined, no-any-return]


def setup_config(app: Sphinx) -> None:
    """Register every field of :class:`NotesConfig` as a ``notes_*`` value."""
    declare(app.add_config_value)


def declare(add: Callable[..., None]) -> None:
    """Declare every ``notes_*`` value with *add* (``Sphinx.add_config_value``, ``Config.add``)."""
    for spec in fields(NotesConfig):
        default = spec.default if spec.default is not MISSING else spec.default_factory()
        add(
            f"notes_{spec.name}",
            default,
            "env",
            types=spec.metadata["types"],
            description=spec.metadata["doc"],
        )
