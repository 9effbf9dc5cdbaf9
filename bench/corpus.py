"""Deterministic note corpus generator for benchmarking sphinxext-notes.

Usage: ``python bench/corpus.py OUT --groups N --languages L [--layout LAYOUT]``.

Each group is one note translated into up to ``L`` languages (``en`` is the
original).  Translations of a group share their link URLs, numbers, code block
and cross-references, so they can be grouped by content fingerprint as well as
by file name or ``translation_key``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

LANGUAGES = ("en", "es", "fr", "de", "ja", "zh", "hi", "ar", "hant")
LAYOUTS = ("folder", "suffix", "hashed", "mixed")
NOTES_DIRS = ("notes", "_notes")
SEED = 20251107
SECTIONS = 7
PARAGRAPH_BYTES = 330
ITEM_BYTES = 50
HEADING_BYTES = 40

EXT_CONF = """\
extensions = ["sphinxext_notes"]
notes_dirs = ["notes", "_notes"]
notes_default_language = "en"
"""

EXT_INDEX = """\
# Notes benchmark

```{notes-translation-table}
```

```{toctree}
:glob:
:maxdepth: 1

*/index
```
"""

_SLUG_TEXT = """
tcp udp dns http quic tls cache latency routing packet socket queue thread memory
index vector shard replica stream buffer kernel proxy cookie session token hash tree
graph lock mutex retry backoff gossip raft paxos bloom filter cursor schema migration
sqlite postgres redis kafka nginx docker cgroup epoll uring mmap pager journal
snapshot checksum crc varint unicode regex
"""
_SLUG_WORDS = tuple(_SLUG_TEXT.split())
_SLUG_PATTERNS = (
    "{a}-vs-{b}",
    "{a}-{b}-{c}",
    "how-{a}-works",
    "{a}-and-{b}",
    "why-{a}-{b}",
)
_DOMAINS = (
    "docs.example.org",
    "blog.example.net",
    "wiki.example.com",
    "rfc.example.org",
)
_MODELS = ("mt-small-2025", "mt-large-2025", "nmt-base-v3")
_WORD_SYLLABLES = {"zh": (1, 2), "hant": (1, 2), "ja": (2, 4), "ar": (3, 5)}

_SYLLABLES = {
    "en": "the ar en ing ter con pro ver sta tion ment work net pack ro ly ble "
    "ous ex in com port rat or al is it on ate",
    "es": "que ción la mos ar es ra do ta ñe ía ro en co mi pa lo tra de sis ma nú ble go",
    "fr": "le eau ment é tion ois que ver rè ça lon dre ou un son pré tê ai mi re té gné",
    "de": "ung sch ver ein ge keit ä ö ü ß lich ten ber der zu stra nach heit bar wer den",
    "ja": "あ い う え お か き く け こ さ し す せ そ た ち つ て と な に ぬ ね の "
    "は ひ ふ へ ほ ま み む め も ら り る れ ろ わ を ん ア イ ウ カ キ ク サ シ "
    "ス タ テ ト ネ ッ パ ケ ー",
    "zh": "的 一 是 不 了 人 我 在 有 他 这 中 大 来 上 国 个 到 说 们 为 子 和 你 "
    "地 出 道 也 时 年 网 络 数 据 协 议 传 输 连 接 服 务 器 发 送 包 错 误 处 理 "
    "速 度 应 用 程 序 系 统",
    "hant": "的 一 是 不 了 人 我 在 有 他 這 中 大 來 上 國 個 到 說 們 為 子 和 "
    "你 地 出 道 也 時 年 網 絡 數 據 協 議 傳 輸 連 接 服 務 器 發 送 錯 誤 處 "
    "理 速 度 應 用 程 式 系 統",
    "hi": "क का कि की कु के को ग गा त ता ति ते न ना नि ने म मा मि र रा रि ल ला "
    "व वा स सा सि ह है प पा ब बा द दा य या श ज जा",
    "ar": "ا ب ت ث ج ح خ د ذ ر ز س ش ص ض ط ظ ع غ ف ق ك ل م ن ه و ي ة",  # noqa: RUF001
}


@dataclass(frozen=True)
class Script:
    """How word salad is written in one language."""

    vocab: tuple[str, ...]
    sep: str
    stop: str
    comma: str
    capitalize: bool


def _script(lang: str) -> Script:
    """Build the deterministic vocabulary and punctuation for ``lang``."""
    rng = random.Random(f"vocab:{lang}")
    syllables = _SYLLABLES[lang].split()
    lo, hi = _WORD_SYLLABLES.get(lang, (2, 3))
    vocab = tuple("".join(rng.choices(syllables, k=rng.randint(lo, hi))) for _ in range(300))
    if lang in ("zh", "hant", "ja"):
        comma = "、" if lang == "ja" else "，"  # noqa: RUF001
        return Script(vocab, "", "。", comma, False)
    if lang == "hi":
        return Script(vocab, " ", "।", ",", False)
    if lang == "ar":
        return Script(vocab, " ", ".", "،", False)
    return Script(vocab, " ", ".", ",", True)


SCRIPTS = {lang: _script(lang) for lang in LANGUAGES}


@dataclass(frozen=True)
class Group:
    """Language-independent skeleton of one note and its translations."""

    index: int
    layout: str
    date: date
    slug: str
    key: str | None  # reference key, None when only a fingerprint groups it
    explicit_key: bool  # whether translation_key is written in front matter
    languages: tuple[str, ...]
    missing: str | None  # language whose translation is left out of the corpus
    urls: tuple[str, ...]
    numbers: tuple[str, ...]
    code: str
    refs: tuple[str, ...]
    hashed_names: dict[str, str]


@dataclass(frozen=True)
class Note:
    """One note file: path relative to the source dir, and its text."""

    path: str
    group: int
    lang: str
    original: bool
    missing: bool
    text: str


def _missing_groups(groups: int, languages: int) -> set[int]:
    """Return the groups that lack one translation (~10%, at least one)."""
    if languages < 2 or groups < 1:
        return set()
    missing = {g for g in range(groups) if g % 10 == 3}
    return missing or {groups - 1}


def note_count(groups: int, languages: int) -> int:
    """Return the number of note files :func:`generate` writes."""
    return groups * languages - len(_missing_groups(groups, languages))


def _number(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return str(rng.randint(100, 65535))
    if kind == 1:
        return f"{rng.randint(1, 999)}.{rng.randint(1, 9)}"
    if kind == 2:
        return f"{rng.randint(2, 99)}%"
    return f"{rng.randint(1, 9)},{rng.randint(100, 999)}"


def _code(rng: random.Random, g: int, numbers: list[str]) -> str:
    n = [rng.randint(3, 4093) for _ in range(4)]
    name = f"{rng.choice(_SLUG_WORDS)}_{g:04d}"
    if rng.random() < 0.5:
        return (
            "```python\n"
            f"def {name}(payload: bytes, limit: int = {n[0]}) -> int:\n"
            '    """Fold one chunk into a checksum."""\n'
            f"    total = {n[1]}\n"
            "    for index, byte in enumerate(payload[:limit]):\n"
            f"        total = (total * {n[2]} + byte + index) % {n[3]}\n"
            "    return total\n"
            "```\n"
        )
    return (
        "```bash\n"
        f"# {name}\n"
        f"export LIMIT={n[0]}\n"
        f"for port in $(seq {n[1]} {n[1] + n[2]}); do\n"
        f"  curl -s --max-time {n[3] % 30 + 1} http://localhost:$port/{name}\n"
        "done\n"
        f"echo {numbers[0]}\n"
        "```\n"
    )


def plan(groups: int, languages: int, layout: str) -> list[Group]:
    """Return the deterministic skeletons of all groups."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}")
    if not 1 <= languages <= len(LANGUAGES):
        raise ValueError(f"languages must be between 1 and {len(LANGUAGES)}")
    langs = LANGUAGES[:languages]
    missing = _missing_groups(groups, languages)
    rng = random.Random(f"{SEED}:plan:{groups}:{languages}:{layout}")
    hashed_files = 0
    hashed_groups = 0
    seen: set[str] = set()
    skeletons: list[Group] = []
    for g in range(groups):
        kind = ("folder", "suffix", "hashed")[g % 3] if layout == "mixed" else layout
        words = rng.sample(_SLUG_WORDS, 3)
        slug = rng.choice(_SLUG_PATTERNS).format(a=words[0], b=words[1], c=words[2])
        if slug in seen:
            slug = f"{slug}-{g}"
        seen.add(slug)
        day = date(2023, 1, 1) + timedelta(days=rng.randrange(1000))
        hashed_names: dict[str, str] = {}
        explicit = False
        if kind == "folder":
            key: str | None = f"{day.isoformat()}-{slug}"
        elif kind == "suffix":
            key = slug
        else:
            explicit = hashed_groups % 2 == 0
            hashed_groups += 1
            key = f"g{g:04d}" if explicit else None
            for lang in langs:
                hashed_names[lang] = f"{hashed_files:03d}_{rng.getrandbits(64):016x}.md"
                hashed_files += 1
        token = f"{g:04d}-{rng.getrandbits(24):06x}"
        urls = tuple(
            f"https://{rng.choice(_DOMAINS)}/{token}/{rng.choice(_SLUG_WORDS)}-{i}"
            for i in range(SECTIONS + 1)
        )
        numbers = [_number(rng) for _ in range(2 * SECTIONS)]
        skeletons.append(
            Group(
                index=g,
                layout=kind,
                date=day,
                slug=slug,
                key=key,
                explicit_key=explicit,
                languages=langs,
                missing=rng.choice(langs[1:]) if g in missing else None,
                urls=urls,
                numbers=tuple(numbers),
                code=_code(rng, g, numbers),
                refs=(),
                hashed_names=hashed_names,
            )
        )
    keyed = [(group.index, group.key) for group in skeletons if group.key is not None]
    result = []
    for group in skeletons:
        targets = [key for i, key in keyed if i != group.index]
        refs = rng.sample(targets, min(len(targets), rng.randint(1, 2)))
        result.append(replace(group, refs=tuple(refs)))
    return result


def note_path(group: Group, lang: str) -> str:
    """Path of ``group``'s note in ``lang``, relative to the source dir."""
    original = lang == group.languages[0]
    if group.layout == "folder":
        stem = f"{group.date.isoformat()}-{group.slug}-{lang}.md"
        return f"notes/{stem}" if original else f"_notes/{lang}/{stem}"
    if group.layout == "suffix":
        return f"notes/{group.slug}.{lang}.md"
    return f"notes/{group.hashed_names[lang]}"


def _sentence(rng: random.Random, script: Script, inserts: list[str]) -> str:
    words = rng.choices(script.vocab, k=rng.randint(6, 14))
    if len(words) > 9:
        words[len(words) // 2] += script.comma
    for item in inserts:
        words.insert(rng.randint(1, len(words)), item if script.sep else f" {item} ")
    text = script.sep.join(words).replace("  ", " ").strip()
    if script.capitalize:
        text = text[0].upper() + text[1:]
    return text + script.stop


def _text(rng: random.Random, script: Script, size: int, inserts: Sequence[str] = ()) -> str:
    """Word salad of about ``size`` UTF-8 bytes containing ``inserts``."""
    sentences = []
    used = 0
    pending = list(inserts)
    while used < size or pending:
        chunk = [pending.pop(0)] if pending else []
        sentence = _sentence(rng, script, chunk)
        sentences.append(sentence)
        used += len(sentence.encode())
    return script.sep.join(sentences)


def _phrase(rng: random.Random, script: Script, size: int) -> str:
    text = script.sep.join(rng.choices(script.vocab, k=max(2, size // 8)))
    return text[0].upper() + text[1:] if script.capitalize else text


def paragraph(lang: str, seed: str, size: int = PARAGRAPH_BYTES) -> str:
    """Return a deterministic paragraph of word salad in ``lang``."""
    return _text(random.Random(seed), SCRIPTS[lang], size)


def render(group: Group, lang: str) -> str:
    """Front matter and MyST body of ``group``'s note in ``lang``."""
    rng = random.Random(f"{SEED}:note:{group.index}:{lang}")
    script = SCRIPTS[lang]
    original = lang == group.languages[0]
    generated = not original and rng.random() < 0.85
    front = [
        "---",
        f"title: {json.dumps(_phrase(rng, script, 36), ensure_ascii=False)}",
        f"lang: {lang}",
        f"translated: {str(not original).lower()}",
        f"generated: {str(generated).lower()}",
        "layout: post",
        "type: note",
        f"date: {group.date.isoformat()}",
    ]
    if generated:
        front.append(f"model: {rng.choice(_MODELS)}")
    if group.explicit_key:
        front.append(f"translation_key: {group.key}")
    front.append("---")
    parts = ["\n".join(front), ""]
    refs = [f"{{note}}`{key}`" for key in group.refs]
    for i in range(SECTIONS):
        parts.append(f"### {_phrase(rng, script, HEADING_BYTES)}\n")
        link = f"[{_phrase(rng, script, 16)}]({group.urls[i]})"
        inserts = [link, group.numbers[2 * i]]
        if i in (1, 4) and refs:
            inserts.append(refs.pop(0))
        parts.append(_text(rng, script, PARAGRAPH_BYTES, inserts) + "\n")
        number = [group.numbers[2 * i + 1]]
        parts.append(_text(rng, script, PARAGRAPH_BYTES, number) + "\n")
        if i == 3:
            parts.append(group.code)
        items = []
        for j in range(5):
            extra = []
            if i == 2 and j == 1:
                extra.append(f"[{_phrase(rng, script, 16)}]({group.urls[SECTIONS]})")
            marker = "-" if i % 2 == 0 else f"{j + 1}."
            items.append(f"{marker} {_text(rng, script, ITEM_BYTES, extra)}")
        parts.append("\n".join(items) + "\n")
    return "\n".join(parts)


def notes(groups: int, languages: int, layout: str) -> Iterator[Note]:
    """Yield every note of the corpus, including the left-out translations."""
    for group in plan(groups, languages, layout):
        for lang in group.languages:
            yield Note(
                path=note_path(group, lang),
                group=group.index,
                lang=lang,
                original=lang == group.languages[0],
                missing=lang == group.missing,
                text=render(group, lang),
            )


def generate(out: Path, groups: int, languages: int, layout: str) -> int:
    """Write notes, ``conf.py`` and ``index.md`` to ``out``; return the note count."""
    for notes_dir in NOTES_DIRS:  # both exist, so ``notes_dirs`` is valid
        (out / notes_dir).mkdir(parents=True, exist_ok=True)
    (out / "conf.py").write_text(EXT_CONF, encoding="utf-8")
    (out / "index.md").write_text(EXT_INDEX, encoding="utf-8")
    count = 0
    for note in notes(groups, languages, layout):
        if note.missing:
            continue
        path = out / note.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(note.text, encoding="utf-8")
        count += 1
    return count


#: Every this many originals is edited after its translations were committed.
EDITED_EVERY = 10


def _commit(out: Path, message: str, day: int) -> None:
    when = f"2025-01-{day:02d}T12:00:00+00:00"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    for args in (["add", "-A"], ["commit", "-q", "-m", message]):
        subprocess.run(["git", *args], cwd=out, env=env, check=True)


def generate_with_history(out: Path, groups: int, languages: int, layout: str) -> tuple[int, int]:
    """:func:`generate`, as a git repository: originals committed, then translations,
    then every :data:`EDITED_EVERY`-th original edited. Returns notes and edited originals."""
    subprocess.run(["git", "init", "-q", str(out)], check=True)
    count = generate(out, groups, languages, layout)
    kept = [n for n in notes(groups, languages, layout) if not n.missing]
    for note in kept:
        if not note.original:
            (out / note.path).unlink()
    _commit(out, "originals", 1)
    for note in kept:
        if not note.original:
            (out / note.path).write_text(note.text, encoding="utf-8")
    _commit(out, "translations", 2)
    edited = 0
    for note in kept:
        if note.original and note.group % EDITED_EVERY == 0:
            with open(out / note.path, "a", encoding="utf-8") as file:
                file.write("\n" + paragraph(note.lang, f"edit:{note.path}") + "\n")
            edited += 1
    _commit(out, "originals edited", 3)
    return count, edited


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="output source directory")
    parser.add_argument("--groups", type=int, default=100, help="note groups")
    parser.add_argument("--languages", type=int, default=8, help="languages (1-9)")
    parser.add_argument("--layout", choices=LAYOUTS, default="mixed")
    parser.add_argument(
        "--history", action="store_true", help="a git repository: originals, translations, edits"
    )
    args = parser.parse_args(argv)
    if args.history:
        count, edited = generate_with_history(args.out, args.groups, args.languages, args.layout)
        print(f"wrote {count} notes to {args.out}, a git repository; {edited} originals edited")
        return 0
    count = generate(args.out, args.groups, args.languages, args.layout)
    print(f"wrote {count} notes to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
