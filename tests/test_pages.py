"""Checks of the pages themselves: code only from snippets/, both languages, numbers backed by output."""

import hashlib
import re

import pytest

from pagemodel import (
    DOCS,
    FIGURES,
    INCLUDE,
    SNIPPETS,
    Page,
    glossary,
    blank_markup,
    mkdocs_config,
    nav_entries,
    nav_translations,
    output_candidates,
    pages,
    rel,
    shown_in_part,
    snippet_files,
    twin,
)
from prose import check_text, moved_outside_tolerance, number_positions


def includes(page):
    return Page.read(page).include_paths()

PAGES = pages()
ENGLISH, CHINESE = pages("en"), pages("zh")


def ids(paths):
    return [rel(p) for p in paths]


@pytest.mark.parametrize("page", PAGES, ids=ids(PAGES))
def test_code_blocks_only_include_snippets(page):
    """No program or output is typed into a page: a block holds `--8<--` include lines only."""
    typed = [
        f"{rel(page)}:{fence.line}: ```{fence.info} block has typed content: {fence.body[0].strip()[:60]!r}"
        for fence in Page.read(page).fences
        if any(l.strip() and not INCLUDE.match(l) for l in fence.body)
    ]
    assert not typed, "Put the code in snippets/ and include it:\n" + "\n".join(typed)


@pytest.mark.parametrize("page", PAGES, ids=ids(PAGES))
def test_included_files_exist(page):
    # pymdownx.snippets' check_paths fails the build too; this names the page and file directly.
    missing = [p for p in includes(page) if not (SNIPPETS / p).exists()]
    assert not missing, f"{rel(page)} includes files that are not in snippets/: {missing}"


def test_every_snippet_is_shown_with_its_output():
    problems = []
    for snippet in snippet_files():
        name = snippet.relative_to(SNIPPETS).as_posix()
        outputs = {
            p.relative_to(SNIPPETS).as_posix() for p in output_candidates(snippet).values() if p.exists()
        }
        showing = [p for p in PAGES if name in includes(p)]
        for lang in ("en", "zh"):
            if not any(p.relative_to(DOCS).parts[0] == lang for p in showing):
                problems.append(f"{rel(snippet)} is included by no {lang} page")
        for page in showing:
            missing = outputs - set(includes(page))
            if missing:
                problems.append(f"{rel(page)} shows {name} but not its output {sorted(missing)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", PAGES, ids=ids(PAGES))
def test_an_output_shown_in_part_shows_whole_items_from_its_start(page):
    """A line range of a recorded output starts at its first line and stops where an item ends:
    before a line that starts the next (`## ...`), so that a record that grows or shrinks above
    the cut is noticed rather than shown cut through a model."""
    problems = []
    for include, start, end in shown_in_part(Page.read(page)):
        lines = (SNIPPETS / include.path).read_text(encoding="utf-8").splitlines()
        if start != 1:
            problems.append(f"{rel(page)}:{include.line}: {include.path} is shown from line {start}, not from its start")
        if end >= len(lines) or not lines[end].startswith("## "):
            following = repr(lines[end]) if end < len(lines) else "the end of the file"
            problems.append(
                f"{rel(page)}:{include.line}: lines {start}-{end} of {include.path} stop before {following}, "
                "not before the next item's `## ` line: move the range's end to where an item ends"
            )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", PAGES, ids=ids(PAGES))
def test_every_page_has_a_twin_in_the_other_language(page):
    other = twin(page)
    assert other.exists(), f"{rel(page)} has no translation: create {rel(other)}"


@pytest.mark.parametrize("page", ENGLISH, ids=ids(ENGLISH))
def test_both_languages_include_the_same_snippets(page):
    other = twin(page)
    if not other.exists():
        pytest.fail(f"{rel(page)} has no translation: create {rel(other)}", pytrace=False)
    assert includes(page) == includes(other), (
        f"{rel(page)} and {rel(other)} include different snippets or outputs, or in another order:\n"
        f"  en: {includes(page)}\n  zh: {includes(other)}"
    )


def fingerprint(page):
    return hashlib.sha256(page.read_bytes()).hexdigest()[:12]


@pytest.mark.parametrize("page", CHINESE, ids=ids(CHINESE))
def test_translation_is_of_the_current_english_page(page):
    """A Chinese page records which version of its English page it translates."""
    english = twin(page)
    if not english.exists():
        pytest.fail(f"{rel(page)} has no English original: create {rel(english)}", pytrace=False)
    recorded = Page.read(page).front_matter.get("translation_of")
    current = fingerprint(english)
    assert recorded == current, (
        f"{rel(english)} changed since {rel(page)} was translated "
        f"(translation_of: {recorded}, English page now: {current}). "
        f"Bring the translation up to date, then set `translation_of: {current}` in its front matter. "
        f"`git log -p {rel(english)}` shows what changed."
    )


@pytest.mark.parametrize("page", PAGES, ids=ids(PAGES))
def test_prose_numbers_match_snippet_output(page):
    complaints = check_text(page.read_text(encoding="utf-8"), page)
    assert not complaints, f"{rel(page)}:\n  " + "\n  ".join(complaints)


EXPERIMENT_SECTION = """# An experiment

```python
--8<-- "in_practice/lr_sweep.py"
```

```text
--8<-- "in_practice/lr_sweep.out"
```

With BN it still reaches {} at a learning rate of 3.0.
"""


def test_prose_quotes_an_experiment_exactly_or_rounded_within_its_tolerance():
    """lr_sweep records 0.76 with BN at 3.0, tolerance 0.08: "0.76" (what the output shows)
    and "0.8" (rounded, within 0.08) pass; "0.77" (as precise as the output, but not it) and
    "0.4" (0.13 from the nearest result) do not."""
    assert "0.76 ± " in (SNIPPETS / "in_practice/lr_sweep.out").read_text(encoding="utf-8")
    complaints = {quote: check_text(EXPERIMENT_SECTION.format(quote)) for quote in ("0.76", "0.8", "0.77", "0.4")}
    assert complaints["0.76"] == complaints["0.8"] == []
    assert complaints["0.77"] and complaints["0.4"], complaints


@pytest.mark.parametrize("page", PAGES, ids=ids(PAGES))
def test_prose_check_notices_each_number_changed(page):
    """Change each checked number of the page by one: the check above must complain every time.
    A number that an experiment's tolerance covers is moved just outside that tolerance instead.

    When this fails, the changed number was also printed somewhere else in its section, so a
    typo there would go unnoticed: make the sentence more specific, or the snippet print it.
    """
    text = page.read_text(encoding="utf-8")
    unnoticed = []
    for start, end in number_positions(text):
        token = text[start:end]
        bumped = bump(token)
        if bumped is None or float(bumped) in (0.0, 1.0):  # 0 and 1 are in nearly every output
            continue
        changed = text[:start] + bumped + text[end:]
        if check_text(changed, page):
            continue
        # Within an experiment's tolerance, a number may move; moved just outside it, it may not.
        outside = moved_outside_tolerance(text, page, start, end)
        if not any(check_text(text[:start] + moved + text[end:], page) for moved in outside):
            line = text.count("\n", 0, start) + 1
            unnoticed.append(f"line {line}: {token} -> {' or '.join(outside) or bumped}")
    assert not unnoticed, f"{rel(page)}: these changes pass the prose check unnoticed:\n  " + "\n  ".join(
        unnoticed
    )


def bump(token):
    """The number one unit of its last digit higher: 20 -> 21, 0.46 -> 0.47, 1,612 -> 1,613."""
    plain = token.replace(",", "")
    if re.fullmatch(r"\d+", plain):
        return str(int(plain) + 1)
    m = re.fullmatch(r"(\d+)\.(\d+)", plain)
    if m:
        decimals = len(m.group(2))
        return f"{float(plain) + 10 ** -decimals:.{decimals}f}"
    return None


def nav_titles(nav):
    for item in nav:
        if isinstance(item, dict):
            for title, value in item.items():
                yield title
                if isinstance(value, list):
                    yield from nav_titles(value)


def test_navigation_is_translated_and_complete():
    config = mkdocs_config()
    translations = nav_translations(config, "zh")
    untranslated = [t for t in nav_titles(config["nav"]) if t not in translations]
    assert not untranslated, f"mkdocs.yml: nav titles with no Chinese in nav_translations: {untranslated}"
    listed = {path for _, path in nav_entries(config["nav"])}
    unlisted = [rel(p) for p in ENGLISH if p.relative_to(DOCS / "en").as_posix() not in listed]
    assert not unlisted, f"pages missing from mkdocs.yml's nav: {unlisted}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_home_page_lists_every_page_of_the_nav(lang):
    """The home page is the table of contents: it links every page and notebook of the nav."""
    home = DOCS / lang / "index.md"
    linked = {target.partition("#")[0] for target in Page.read(home).links}
    listed = [path for _, path in nav_entries(mkdocs_config()["nav"]) if path != "index.md"]
    missing = [path for path in listed if path not in linked]
    assert not missing, f"{rel(home)} does not link these pages of mkdocs.yml's nav: {missing}"


def heading_ids(page):
    return [("#" * h.level, h.id, h.text) for h in Page.read(page).headings if h.level >= 2]


@pytest.mark.parametrize("page", ENGLISH, ids=ids(ENGLISH))
def test_twins_have_the_same_heading_ids(page):
    """Explicit `{ #id }` on every heading, the same in both languages, so links and the
    language switcher land on the same section (Chinese headings would otherwise get `_1`)."""
    other = twin(page)
    if not other.exists():
        pytest.fail(f"{rel(page)} has no translation: create {rel(other)}", pytrace=False)
    missing = [f"{rel(p)}: '{title}'" for p in (page, other) for _, hid, title in heading_ids(p) if not hid]
    assert not missing, "headings without an explicit { #id }:\n" + "\n".join(missing)
    en = [(level, hid) for level, hid, _ in heading_ids(page)]
    zh = [(level, hid) for level, hid, _ in heading_ids(other)]
    assert en == zh, f"{rel(page)} and {rel(other)} have different headings:\n  en: {en}\n  zh: {zh}"


def test_glossary_lists_terms():
    assert len(glossary()) >= 10, "docs/zh/glossary.md: the term table was not found"


GLOSSARY_PAGES = {DOCS / "zh" / "glossary.md"}
TERM_PAGES = [p for p in CHINESE if p not in GLOSSARY_PAGES]


@pytest.mark.parametrize("page", TERM_PAGES, ids=ids(TERM_PAGES))
def test_chinese_pages_use_the_glossary_terms(page):
    text = strip_code(page.read_text(encoding="utf-8"))
    chosen_terms = sorted({t for chosen, _ in glossary() for t in chosen}, key=len, reverse=True)
    for term in chosen_terms:  # an alternative may occur inside a chosen term (批量 in 批量归一化)
        text = text.replace(term, "")
    found = [
        f"'{alt}' (this site says '{' / '.join(chosen)}')"
        for chosen, alternatives in glossary()
        for alt in alternatives
        if alt in text
    ]
    assert not found, f"{rel(page)} uses terms the glossary (docs/zh/glossary.md) replaces: " + ", ".join(found)


def test_every_glossary_term_is_used():
    text = "".join(strip_code(p.read_text(encoding="utf-8")) for p in TERM_PAGES)
    unused = [" / ".join(chosen) for chosen, _ in glossary() if not any(t in text for t in chosen)]
    assert not unused, f"glossary terms no Chinese page uses (drop them or use them): {unused}"


# A number of four or more digits without separators that is no quantity: a year, an issue or
# pull request number.
NOT_A_QUANTITY = re.compile(r"(?:19[5-9]\d|20[0-3]\d)(?!\d)|(?<=issue )\d+|(?<=request )\d+|(?<=#)\d+")
LONG_NUMBER = re.compile(r"(?<![\w.,])\d{4,}(?![\w,])")


def unseparated_numbers(text):
    return [m.group() for m in LONG_NUMBER.finditer(text) if not NOT_A_QUANTITY.fullmatch(m.group()) and not NOT_A_QUANTITY.match(text, m.start())]


@pytest.mark.parametrize("page", CHINESE, ids=ids(CHINESE))
def test_chinese_prose_writes_thousands_separators(page):
    """docs/zh/glossary.md: four digits or more take separators (1,797), in the prose as in
    the comments (code and math keep what the programs print)."""
    text = re.sub(r"\$[^$\n]+\$", "", strip_code(page.read_text(encoding="utf-8")))
    found = unseparated_numbers(text)
    assert not found, f"{rel(page)}: numbers without thousands separators: {found}"


def test_chinese_comments_write_thousands_separators():
    from zh_comments import translations

    found = [f"{snippet}: {chinese!r}" for snippet, entries in translations().items() for chinese in entries.values() if unseparated_numbers(chinese)]
    assert not found, "snippets/comments.zh.yml: numbers without thousands separators:\n" + "\n".join(found)


def test_unseparated_numbers_are_found():
    assert unseparated_numbers("从 1795 降到 1,539，2015 年，issue 20285，#30770，共 10000 个") == ["1795", "10000"]


def strip_code(text):
    """Prose only: code blocks and code spans hold Keras' English names, not Chinese terms."""
    return re.sub(r"`[^`\n]+`", "", blank_markup(text))


HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("page", PAGES, ids=ids(PAGES))
def test_every_figure_has_alt_text_in_its_pages_language(page):
    chinese = page.relative_to(DOCS).parts[0] == "zh"
    wrong = [
        f"line {image.line}: {image.src} (alt {image.alt!r})"
        for image in Page.read(page).images
        if not image.alt.strip() or bool(HAN.search(image.alt)) != chinese
    ]
    assert not wrong, f"{rel(page)}: figures without alt text in the page's language:\n" + "\n".join(wrong)


# Figures whose programs have no Chinese for their text yet (tests/figure_text.py says how to
# add it): their Chinese pages show the English figure until then. Each entry is checked to
# be still needed.
FIGURES_AWAITING_CHINESE = set()


def figure_name(page, image):
    """The figure's path under docs/assets/figures/, or None for another image."""
    target = (page.parent / image.src).resolve()
    return target.relative_to(FIGURES).as_posix() if target.is_relative_to(FIGURES) else None


def chinese_figure(name):
    """bn_placement.png -> bn_placement.zh.png; bn-modes.en.svg -> bn-modes.zh.svg."""
    stem, _, suffix = name.rpartition(".")
    return (stem[: -len(".en")] if stem.endswith(".en") else stem) + ".zh." + suffix


@pytest.mark.parametrize("page", ENGLISH, ids=ids(ENGLISH))
def test_chinese_pages_show_the_figures_in_chinese(page):
    """The Chinese twin shows the same figures, each the Chinese one (text in Chinese,
    tests/figure_text.py), and the English page never a Chinese one."""
    english = [figure_name(page, i) for i in Page.read(page).images]
    chinese = [figure_name(twin(page), i) for i in Page.read(twin(page)).images]
    assert not [n for n in english if n and ".zh." in n], f"{rel(page)} shows a Chinese figure"
    expected = [n if n is None or n in FIGURES_AWAITING_CHINESE else chinese_figure(n) for n in english]
    assert chinese == expected, (
        f"{rel(twin(page))} should show the Chinese figures of {rel(page)}'s:\n  en: {english}\n  zh: {chinese}\n"
        f"  expected: {expected}"
    )


def test_figures_awaiting_chinese_are_still_awaiting():
    done = [n for n in FIGURES_AWAITING_CHINESE if (FIGURES / chinese_figure(n)).exists()]
    assert not done, f"these figures now exist in Chinese: show them on the Chinese pages and drop them from FIGURES_AWAITING_CHINESE: {done}"
