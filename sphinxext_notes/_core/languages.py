"""Language tags: BCP 47 normalisation, native names and text direction (Babel)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global, parse_locale

#: Short forms used by real collections for script subtags on their own.
ALIASES = {"hant": "zh-Hant", "hans": "zh-Hans"}


@cache
def normalise(tag: str) -> str | None:
    """Return the canonical BCP 47 form of *tag* (``pt_br`` -> ``pt-BR``), or None.

    A tag is accepted only if Babel knows its locale, so ``xx``, ``und`` and
    ``root`` are refused rather than guessed at.
    """
    tag = ALIASES.get(tag.strip().lower(), tag.strip())
    if not tag or len(tag) > 35 or not tag.replace("-", "").replace("_", "").isalnum():
        return None
    # Every language Babel knows has a 2- or 3-letter code: words in file names
    # (``buffer-ar``) are refused here, before Babel searches its locale list.
    if not 2 <= len(tag.replace("_", "-").partition("-")[0]) <= 3:
        return None
    try:
        language, territory, script, variant, *_ = parse_locale(tag.replace("-", "_"))
        Locale.parse(tag.replace("-", "_"))  # knows zh-CN through its likely script
    except (ValueError, UnknownLocaleError):
        return None
    if language in ("und", "root"):
        return None
    parts = [language.lower()]
    if script:
        parts.append(script.title())
    if territory:
        parts.append(territory.upper())
    if variant:
        parts.append(variant.lower())
    return "-".join(parts)


@cache
def _locale(tag: str) -> Locale:
    return Locale.parse(tag, sep="-")


def native_name(tag: str) -> str:
    """The language's name in itself, capitalised: ``es`` -> ``Español``."""
    name = _locale(tag).get_display_name(_locale(tag)) or tag
    return name[:1].upper() + name[1:]


def english_name(tag: str) -> str:
    """The language's name in English: ``hi`` -> ``Hindi``."""
    return _locale(tag).get_display_name("en") or tag


def is_rtl(tag: str) -> bool:
    """Whether the language is written right to left."""
    return _locale(tag).text_direction == "rtl"


def read_the_docs_code(tag: str) -> str:
    """Read the Docs' code for a language: lower case with a dash (``zh-hant``)."""
    return tag.lower()


@cache
def script(tag: str) -> str:
    """The ISO 15924 script a language is usually written in: ``ar`` -> ``Arab``.

    An explicit script subtag wins (``zh-Hant``); Babel's likely subtags give the rest.
    """
    locale = _locale(tag)
    if locale.script:
        return locale.script
    likely = get_global("likely_subtags").get(locale.language, "")
    _, _, found, *_ = parse_locale(likely) if likely else (None, None, None)
    return found or "Latn"


def open_graph_locale(tag: str) -> str:
    """Open Graph's ``language_TERRITORY`` form, the territory CLDR finds likely.

    ``es`` -> ``es_ES``, ``zh-Hant`` -> ``zh_TW``, ``pt-BR`` -> ``pt_BR``.
    """
    locale = _locale(tag)
    if locale.territory is None:
        likely_subtags = get_global("likely_subtags")
        likely = likely_subtags.get(str(locale)) or likely_subtags.get(locale.language)
        if likely:
            locale = Locale.parse(likely)
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


def catalog_languages(tag: str) -> list[str]:
    """Gettext names to try for a BCP 47 tag, most specific first.

    Chinese catalogs are kept by region (``zh_CN``, ``zh_TW``), so a script
    subtag is mapped to its usual region: ``zh-Hant`` -> ``zh_TW``.
    """
    locale = Locale.parse(tag, sep="-")
    names = [tag.replace("-", "_")]
    if locale.language == "zh":
        names.append("zh_TW" if locale.script == "Hant" else "zh_CN")
    if locale.territory:
        names.append(f"{locale.language}_{locale.territory}")
    names.append(locale.language)
    return list(dict.fromkeys(names))


def from_gettext(name: str, known: Iterable[str]) -> str | None:
    """The site's language that a gettext folder *name* (``ja``, ``zh_TW``) is.

    One of *known* when it fits (``zh_TW`` is ``zh-Hant``), else *name* as a tag;
    None when it is no language.
    """
    tag = normalise(name)
    for lang in known:
        if lang == tag or name in catalog_languages(lang)[:2]:
            return lang
    return tag
