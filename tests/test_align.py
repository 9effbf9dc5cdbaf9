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


def test_a_role_with_a_title_is_the_same_anchor_as_the_bare_role():
    source = (
        "- {note}`tcp-vs-udp` grew out of the networking books on my shelf.\n"
        "- {note}`unicode-normalisation` came from the Unicode material I read.\n"
        "- {note}`The rise and fall <rise-and-fall>` came from the news of the year.\n\n"
        "I add an entry when I finish something worth recommending.\n"
    )
    translation = (
        "- {note}`TCPとUDPの違い <tcp-vs-udp>` はネットワークの本から生まれました。\n"
        "- {note}`Unicode 正規化 <unicode-normalisation>` は Unicode の資料から生まれました。\n\n"
        "項目を追加するのは、人に勧められるものを読み終えたときです。\n"
    )
    assert pairs(source, translation) == {
        "{note}`tcp-vs-udp` grew out of the networking books on my shelf.": (
            "{note}`TCPとUDPの違い <tcp-vs-udp>` はネットワークの本から生まれました。"
        ),
        "{note}`unicode-normalisation` came from the Unicode material I read.": (
            "{note}`Unicode 正規化 <unicode-normalisation>` は Unicode の資料から生まれました。"
        ),
        "I add an entry when I finish something worth recommending.": (
            "項目を追加するのは、人に勧められるものを読み終えたときです。"
        ),
    }


def test_links_that_name_their_language_anchor_as_the_same_link():
    mdn = "https://developer.mozilla.org/{}/docs/Web/JavaScript/Reference/Global_Objects"
    source = (
        f"- Supports [Object.values()]({mdn.format('en-US')}/Object/values) for records.\n"
        f"- Supports [BigInt]({mdn.format('en-US')}/BigInt) for large integers.\n"
        f"- Supports [includes()]({mdn.format('en-US')}/Array/includes) for arrays.\n"
    )
    translation = (
        f"- 支持 [Object.values()]({mdn.format('zh-CN')}/Object/values)\n"
        f"- 支持 [Array.prototype.includes()]({mdn.format('zh-CN')}/Array/includes)\n"
    )
    found = pairs(source, translation)
    assert found == {
        f"Supports [Object.values()]({mdn.format('en-US')}/Object/values) for records.": (
            f"支持 [Object.values()]({mdn.format('zh-CN')}/Object/values)"
        ),
        f"Supports [includes()]({mdn.format('en-US')}/Array/includes) for arrays.": (
            f"支持 [Array.prototype.includes()]({mdn.format('zh-CN')}/Array/includes)"
        ),
    }


def test_a_block_left_as_it_was_is_paired_whatever_its_length():
    links = " ".join(
        f"[Source {n}: a long report title](https://example.org/{n})" for n in "abcdef"
    )
    source = (
        "## Background\n\n" + "The company was founded with great ambitions. " * 12 + "\n\n"
        "## Sources\n\n" + links + "\n"
    )
    translation = "## 背景\n\n该公司成立时雄心勃勃。\n\n## 来源\n\n" + links + "\n"
    assert pairs(source, translation)[links] == links


def test_an_item_with_inline_code_that_the_translation_dropped_is_not_paired():
    source = (
        "### Rules\n\n"
        "- Normalise at the boundary, when text enters your system.\n"
        "- Use NFKC for identifiers and search keys, never for display.\n"
        '- Compare normalised strings: `is_normalized("NFC", s)` tells you cheaply.\n'
        "- Watch file names, which old macOS file systems store decomposed.\n\n"
        "### Why\n\nThis site groups translations by file name.\n"
    )
    translation = (
        "### Règles\n\n"
        "- Normalisez à la frontière, quand du texte entre dans votre système.\n"
        "- Utilisez NFKC pour les identifiants et les clés de recherche, jamais pour l'affichage.\n"
        "- Méfiez-vous des noms de fichiers, que les anciens systèmes de macOS décomposent.\n\n"
        "### Pourquoi\n\nCe site regroupe les traductions d'après le nom de fichier.\n"
    )
    found = pairs(source, translation)
    assert 'Compare normalised strings: `is_normalized("NFC", s)` tells you cheaply.' not in found
    assert found["Use NFKC for identifiers and search keys, never for display."] == (
        "Utilisez NFKC pour les identifiants et les clés de recherche, jamais pour l'affichage."
    )
    assert found["Watch file names, which old macOS file systems store decomposed."] == (
        "Méfiez-vous des noms de fichiers, que les anciens systèmes de macOS décomposent."
    )


def test_a_split_paragraph_is_left_unpaired_and_its_neighbours_are_not_shifted():
    source = (
        "## Dough\n\nBread needs flour, water, salt and yeast.\n\n"
        "Mix the flour with the water and leave it to rest; the rest lets the flour "
        "absorb the water, which makes the dough easier to knead.\n\n"
        "Knead it for ten minutes until it is smooth.\n"
    )
    translation = (
        "## Pâte\n\nLe pain demande de la farine, de l'eau, du sel et de la levure.\n\n"
        "Mélangez la farine avec l'eau et laissez reposer.\n\n"
        "Ce repos permet à la farine d'absorber l'eau, la pâte est plus facile à pétrir.\n\n"
        "Pétrissez-la dix minutes, jusqu'à ce qu'elle soit lisse.\n"
    )
    found = pairs(source, translation)
    assert not [m for m in found if m.startswith("Mix the flour")]
    assert found.get("Knead it for ten minutes until it is smooth.") in (
        None,
        "Pétrissez-la dix minutes, jusqu'à ce qu'elle soit lisse.",
    )


def test_names_kept_in_latin_letters_tell_which_item_a_translation_dropped():
    source = (
        "- Use embedded [aria2c](https://github.com/aria2/aria2) as the downloader.\n"
        "- Embed subtitles into the downloaded videos.\n"
        "- Execute custom yt-dlp commands with templates.\n"
        "- Manage in-app downloads and command templates.\n"
    )
    translation = (
        "- [aria2c](https://github.com/aria2/aria2) をダウンローダーとして使います\n"
        "- テンプレートを使って yt-dlp コマンドを実行します\n"
        "- アプリ内でダウンロードとテンプレートを管理します\n"
    )
    found = pairs(source, translation)
    assert "Embed subtitles into the downloaded videos." not in found
    assert found["Execute custom yt-dlp commands with templates."] == (
        "テンプレートを使って yt-dlp コマンドを実行します"
    )


def test_a_title_that_loses_the_name_it_holds_is_not_paired():
    ours = note_blocks(
        "---\n---\n\n# Run your own GaiaNet node\n\nText.\n", "Run your own GaiaNet node", 3, MD
    )
    theirs = note_blocks("---\n---\n\n# Início rápido\n\nTexto.\n", "Início rápido", 3, MD)
    assert 0 not in align(ours, theirs).pairs


def test_code_blocks_spaced_out_differently_still_anchor():
    long = " It takes a while, and the script prints every step it takes on the way."
    source = (
        "Install the node.\n\nThe installer needs curl." + long + "\n\n"
        "```\ncurl -sSfL https://example.org/install.sh | bash\n```\n\n"
        "Start the node.\n\nIt listens on port 8080." + long + "\n\n"
        "```\ngaianet start\n```\n\nStop it when done.\n"
    )
    translation = (
        "نود را نصب کنید.\n\n```\n\ncurl -sSfL https://example.org/install.sh | bash\n\n```\n\n"
        "نود را شروع کنید.\n\n```\n\ngaianet start\n\n```\n\nپس از کار متوقفش کنید.\n"
    )
    assert pairs(source, translation) == {
        "Install the node.": "نود را نصب کنید.",
        "Start the node.": "نود را شروع کنید.",
        "Stop it when done.": "پس از کار متوقفش کنید.",
    }


def test_a_merged_paragraph_is_not_paired_for_the_link_it_keeps():
    source = (
        "## Contributing\n\nContributions are welcome, from anyone who wants to help!\n\n"
        "You can help translate Seal on [Hosted Weblate](https://hosted.weblate.org/projects/seal/).\n\n"
        "## Credits\n\nThanks to everyone.\n"
    )
    translation = (
        "## Contribuir\n\n¡Las contribuciones son bienvenidas, de cualquiera que quiera ayudar! "
        "Puedes ayudar a traducir Seal en "
        "[Hosted Weblate](https://hosted.weblate.org/projects/seal/).\n\n"
        "## Créditos\n\nGracias a todos.\n"
    )
    found = pairs(source, translation)
    assert not [m for m in found if m.startswith(("Contributions", "You can help"))]
    assert found["Thanks to everyone."] == "Gracias a todos."


def test_a_link_whose_query_names_its_language_anchors_as_the_same_link():
    source = (
        "注: 更多内容可参阅 [Android Docs](https://developer.android.com/studio/run?hl=zh-cn).\n"
    )
    translation = "Nota: para más detalles, consulta [Android Docs](https://developer.android.com/studio/run?hl=es).\n"
    assert pairs(source, translation) == {source.strip(): translation.strip()}


def test_a_chinese_paragraph_measures_like_its_english_translation():
    source = (
        "自动化工具可以帮助开发者完成许多重复的工作、例如点击屏幕、读取控件信息以及处理"
        "通知消息、从而节省大量时间并减少人为错误。\n"
    )
    translation = (
        "Automation tools can help developers with a lot of repetitive work, such as tapping "
        "the screen, reading information from controls and handling notifications, which "
        "saves a great deal of time and reduces human error.\n"
    )
    assert pairs(source, translation) == {source.strip(): translation.strip()}
