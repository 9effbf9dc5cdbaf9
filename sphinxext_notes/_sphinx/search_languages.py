"""A search language for every language tag: Sphinx's where it has one, else Unicode words.

Each class splits (and stems) the index's text in Python and gives the browser the
same splitter (``splitQuery``) and stemmer, through ``language_data.js``:

- Sphinx's languages (da de en es fi fr hu it nl no pt ro ru sv tr) keep their
  stemmers and stop words, with :func:`~sphinxext_notes._core.words.words` as the
  splitter, so that a Devanagari or Arabic word in a Spanish note stays whole;
- Japanese: Sphinx's TinySegmenter, and the same model run in the browser;
- Chinese: jieba (``sphinxext-notes[zh]``) with the browser segmenting a query
  by the index's own words, else character pairs on both sides;
- any other language: Unicode words, stemmed where Snowball has the language in
  Python (snowballstemmer) and in JavaScript (shipped with Sphinx).
"""

from __future__ import annotations

import importlib.util
import json
import logging
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

import snowballstemmer
import sphinx.search
from babel import Locale
from sphinx.search import SearchLanguage
from sphinx.search import languages as sphinx_languages
from sphinx.search.en import SearchEnglish
from sphinx.search.ja import DefaultSplitter, SearchJapanese
from sphinx.search.zh import SearchChinese

from .._core.words import JS_HAN, JS_WORD, bigram_words, words

if TYPE_CHECKING:
    from collections.abc import Callable

#: How to install the Chinese segmenter, for the warning given without it.
JIEBA_HINT = 'pip install "sphinxext-notes[zh]"'

#: ``splitQuery`` for the browser: :func:`~sphinxext_notes._core.words.words`.
JS_WORDS = f"var splitQuery = (query) => query.match(/{JS_WORD}/gu) || [];\n"


def has_jieba() -> bool:
    """Whether jieba, the Chinese segmenter, can be imported."""
    return importlib.util.find_spec("jieba") is not None


def _js_han_splitter(segment: str) -> str:
    """``splitQuery`` that gives each run of Han ideographs to *segment* (JS source)."""
    return f"""var splitQuery = (query) => {{
  const segment = {segment};
  const found = [];
  for (const word of query.match(/{JS_WORD}/gu) || []) {{
    let at = 0;
    for (const run of word.matchAll(/{JS_HAN}/gu)) {{
      if (run.index > at) found.push(word.slice(at, run.index));
      found.push(...segment(Array.from(run[0])));
      at = run.index + run[0].length;
    }}
    if (at < word.length) found.push(word.slice(at));
  }}
  return found;
}};
"""


#: Han runs as overlapping pairs, as :func:`~sphinxext_notes._core.words.bigram_words`.
JS_BIGRAMS = _js_han_splitter(
    "(han) => han.length < 2 ? han : han.slice(1).map((c, i) => han[i] + c)"
)

#: Han runs cut into the longest words the index holds (jieba's, at build time).
JS_INDEX_WORDS = _js_han_splitter("""(han) => {
    const index = Search._index || {terms: {}, titleterms: {}};
    const known = (w) => Object.hasOwn(index.terms, w) || Object.hasOwn(index.titleterms, w);
    const found = [];
    for (let i = 0; i < han.length; ) {
      let size = Math.min(han.length - i, 8);
      while (size > 1 && !known(han.slice(i, i + size).join(""))) size--;
      found.push(han.slice(i, i + Math.max(size, 2)).join(""));
      i += size;
    }
    return found;
  }""")


class UnicodeSplitting(SearchLanguage):
    """Splits text into Unicode words, here and in the browser."""

    js_splitter_code = JS_WORDS

    def split(self, input: str) -> list[str]:
        return words(input)


class ChineseBigrams(SearchLanguage):
    """Chinese without a segmenter: ideographs in pairs, other words as they are.

    Latin words are stemmed in English, as in Sphinx's Chinese.
    """

    lang = "zh"
    # Sphinx's English, whatever the release (Porter in 8.1, Snowball's English in 9).
    language_name = SearchEnglish.language_name  # the stemmer's, for ``window.Stemmer``
    js_stemmer_rawcode = SearchEnglish.js_stemmer_rawcode
    js_stemmer_code = SearchEnglish.js_stemmer_code
    js_splitter_code = JS_BIGRAMS
    stopwords = SearchEnglish.stopwords

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self.stemmer = SearchEnglish(options).stemmer

    def split(self, input: str) -> list[str]:
        return bigram_words(input)

    def stem(self, word: str) -> str:
        return self.stemmer.stemWord(word.lower())


class ChineseWords(SearchChinese):
    """Chinese with jieba (Sphinx's); the browser cuts a query by the index's words."""

    #: The stemmer's: Sphinx's "Chinese" names a ``ChineseStemmer`` that its script lacks.
    language_name = "English"
    js_splitter_code = JS_INDEX_WORDS

    def __init__(self, options: dict[str, str]) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)  # not "Building prefix dict" on every build
        # Sphinx loads jieba's own dictionary again as a user dictionary unless
        # ``dict`` is given: seconds per build for the same words.
        super().__init__({"dict": "", **options})

    def load_dictionary(self) -> None:
        """Load jieba's dictionary now rather than at the first word (once a process)."""
        import jieba

        jieba.initialize()


def _tiny_segmenter_js() -> str:
    """Sphinx's TinySegmenter (``DefaultSplitter``) as ``splitQuery``, same model."""
    model = {k: v for k, v in vars(DefaultSplitter).items() if k.endswith("__") and k[0] != "_"}
    types = [[pattern.pattern, kind] for pattern, kind in DefaultSplitter.patterns_.items()]
    return f"""var splitQuery = (() => {{
  const m = {json.dumps(model, ensure_ascii=False, separators=(",", ":"))};
  const types = {json.dumps(types, ensure_ascii=False)}.map(([p, t]) => [new RegExp("^" + p), t]);
  const ctype = (c) => (types.find(([p]) => p.test(c)) || [null, "O"])[1];
  const ts = (d, k) => (Object.hasOwn(d, k) ? d[k] : 0);
  return (input) => {{
    if (!input) return [];
    const chars = Array.from(input);
    const seg = ["B3", "B2", "B1", ...chars, "E1", "E2", "E3"];
    const ct = ["O", "O", "O", ...chars.map(ctype), "O", "O", "O"];
    const result = [];
    let word = seg[3], p1 = "U", p2 = "U", p3 = "U";
    for (let i = 4; i < seg.length - 3; i++) {{
      const [w1, w2, w3, w4, w5, w6] = seg.slice(i - 3, i + 3);
      const [c1, c2, c3, c4, c5, c6] = ct.slice(i - 3, i + 3);
      const score = m.BIAS__
        + ts(m.UP1__, p1) + ts(m.UP2__, p2) + ts(m.UP3__, p3)
        + ts(m.BP1__, p1 + p2) + ts(m.BP2__, p2 + p3)
        + ts(m.UW1__, w1) + ts(m.UW2__, w2) + ts(m.UW3__, w3)
        + ts(m.UW4__, w4) + ts(m.UW5__, w5) + ts(m.UW6__, w6)
        + ts(m.BW1__, w2 + w3) + ts(m.BW2__, w3 + w4) + ts(m.BW3__, w4 + w5)
        + ts(m.TW1__, w1 + w2 + w3) + ts(m.TW2__, w2 + w3 + w4)
        + ts(m.TW3__, w3 + w4 + w5) + ts(m.TW4__, w4 + w5 + w6)
        + ts(m.UC1__, c1) + ts(m.UC2__, c2) + ts(m.UC3__, c3)
        + ts(m.UC4__, c4) + ts(m.UC5__, c5) + ts(m.UC6__, c6)
        + ts(m.BC1__, c2 + c3) + ts(m.BC2__, c3 + c4) + ts(m.BC3__, c4 + c5)
        + ts(m.TC1__, c1 + c2 + c3) + ts(m.TC2__, c2 + c3 + c4)
        + ts(m.TC3__, c3 + c4 + c5) + ts(m.TC4__, c4 + c5 + c6)
        + ts(m.UQ1__, p1 + c1) + ts(m.UQ2__, p2 + c2) + ts(m.UQ1__, p3 + c3)
        + ts(m.BQ1__, p2 + c2 + c3) + ts(m.BQ2__, p2 + c3 + c4)
        + ts(m.BQ3__, p3 + c2 + c3) + ts(m.BQ4__, p3 + c3 + c4)
        + ts(m.TQ1__, p2 + c1 + c2 + c3) + ts(m.TQ2__, p2 + c2 + c3 + c4)
        + ts(m.TQ3__, p3 + c1 + c2 + c3) + ts(m.TQ4__, p3 + c2 + c3 + c4);
      let p = "O";
      if (score > 0) {{
        result.push(word.trim());
        word = "";
        p = "B";
      }}
      [p1, p2, p3] = [p2, p3, p];
      word += seg[i];
    }}
    result.push(word.trim());
    return result.filter((w) => /[\\p{{L}}\\p{{N}}]/u.test(w));
  }};
}})();
"""


class Japanese(SearchJapanese):
    """Sphinx's Japanese; with its default splitter, the browser segments the same way.

    Segments without a letter or digit (``"),``) are not words, on either side.
    """

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        if isinstance(self.splitter, DefaultSplitter):
            self.js_splitter_code = _tiny_segmenter_js()

    def word_filter(self, stemmed_word: str) -> bool:
        return super().word_filter(stemmed_word) and any(c.isalnum() for c in stemmed_word)


class UnicodeWords(UnicodeSplitting):
    """A language Sphinx has no search for: Unicode words, stemmed if Snowball has it."""

    #: snowballstemmer's algorithm for the language, if its JavaScript ships with Sphinx.
    algorithm: str | None = None

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self.stemmer = snowballstemmer.stemmer(self.algorithm) if self.algorithm else None

    def stem(self, word: str) -> str:
        return self.stemmer.stemWord(word.lower()) if self.stemmer else word


#: Sphinx's Snowball stemmers in JavaScript.
JS_STEMMERS = Path(sphinx.search.__file__).with_name("minified-js")


def _snowball(language: str) -> str | None:
    """The Snowball algorithm of a language (``hi`` -> ``hindi``) in Python and JavaScript."""
    name = (Locale(language).english_name or "").lower()
    if name in snowballstemmer.algorithms() and (JS_STEMMERS / f"{name}-stemmer.js").is_file():
        return name
    return None


@cache
def search_language_class(tag: str, lang: str = "") -> type[SearchLanguage]:
    """The search language for a BCP 47 *tag*, as a class whose ``lang`` is *lang* (or *tag*)."""
    language = Locale.parse(tag, sep="-").language
    attributes: dict[str, str | None] = {"lang": lang or tag}
    if language == "zh":
        base: type[SearchLanguage] = ChineseWords if has_jieba() else ChineseBigrams
    elif language == "ja":
        base = Japanese
    elif language in sphinx_languages:
        found = sphinx_languages[language]
        if isinstance(found, str):
            module, _, name = found.rpartition(".")
            found = getattr(import_module(module), name)
        sphinx_class: type[SearchLanguage] = found
        base = type(sphinx_class.__name__, (UnicodeSplitting, sphinx_class), {})
    else:
        base = UnicodeWords
        algorithm = _snowball(language)
        attributes |= {
            "algorithm": algorithm,
            "language_name": algorithm.title() if algorithm else Locale(language).english_name,
            "js_stemmer_rawcode": f"{algorithm}-stemmer.js" if algorithm else "",
        }
    return type(f"Notes{base.__name__}", (base,), attributes)


def splitter_name(tag: str) -> str:
    """What splits *tag*'s words (``ChineseWords``, ``ChineseBigrams``, ``SearchSpanish``)."""
    return search_language_class(tag).__mro__[1].__name__


def search_language(tag: str, options: dict[str, str]) -> SearchLanguage:
    """A search language instance for *tag*, with ``html_search_options``."""
    factory: Callable[[dict[str, str]], SearchLanguage] = search_language_class(tag)
    return factory(options)
