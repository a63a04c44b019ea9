"""Figures in the reader's language: a figure on a Chinese page has its title, axis labels,
legend and other text in Chinese, drawn into the image.

A program is one program in both languages: it draws its figure with English text and saves
it (`plt.savefig("bn_placement.png")`), and the Chinese page shows the same program, its
comments in Chinese. The Chinese figure is the English one with its text replaced, drawn from
the same run, so both show the same data and nothing is computed twice:

- `snippets/figures.zh.yml` gives, under each program, every text its figures show (as the
  figure shows it, numbers formatted in) and its Chinese. A text with no Latin letter (tick
  labels, numbers) needs none.
- tests/harness.py runs `RECORD` in the kernel before such a program, which notes each
  `Figure.savefig` call the program makes (what was saved, where, with which arguments), and
  `SAVE_CHINESE` after it, which replaces each text of each saved figure by its Chinese and
  saves the figure again beside the first, as `<name>.zh.<suffix>`, in the CJK font below; then
  it closes the program's figures. It reports the texts that have no Chinese.
- tests/update_outputs.py (through tests/test_snippets.py) copies both files into
  docs/assets/figures/<chapter>/; the English page shows `bn_placement.png`, the Chinese page
  `bn_placement.zh.png`. tests/test_snippets.py fails on a text with no Chinese, listing the
  lines to add here; tests/test_pages.py fails when a Chinese page shows a figure that is not
  the Chinese one, or a figure lacks alt text in its page's language.

The font is Noto Sans CJK SC, from Debian's package `fonts-noto-cjk` (`.ci/run` and README
install it): its glyphs are drawn into the PNG, so the page loads no font for the figure.
Recording (`--update-outputs`) fails without it; the tests, which compare no pixels, draw the
Chinese figure all the same.

To give a program's figure its Chinese: add the program's entry to snippets/figures.zh.yml
(the test lists the texts to translate), record (`tests/update_outputs.py -k <name>`), and
point the Chinese page's image at `<name>.zh.png`.
"""

import json
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "snippets" / "figures.zh.yml"
FONT = "Noto Sans CJK SC"
FONT_PACKAGE = "fonts-noto-cjk"
SUFFIX = ".zh"  # bn_placement.png -> bn_placement.zh.png


def chinese_name(name):
    path = Path(name)
    return path.stem + SUFFIX + path.suffix


@cache
def _load(mtime):
    table = yaml.safe_load(TRANSLATIONS.read_text(encoding="utf-8")) or {}
    return {snippet: {str(k): str(v) for k, v in (entries or {}).items()} for snippet, entries in table.items()}


def translations():
    """{snippet path: {English text: Chinese}} from snippets/figures.zh.yml."""
    return _load(TRANSLATIONS.stat().st_mtime_ns)


# Run in the kernel before a program whose figures have translations: note its savefig calls.
RECORD = """\
import matplotlib.figure as _site_figure

if not hasattr(_site_figure.Figure.savefig, "_site_saves"):
    def _site_savefig(self, fname, *args, _original=_site_figure.Figure.savefig, **kwargs):
        _site_savefig._site_saves.append((self, fname, args, kwargs))
        return _original(self, fname, *args, **kwargs)

    _site_savefig._site_saves = []
    _site_figure.Figure.savefig = _site_savefig
_site_figure.Figure.savefig._site_saves.clear()"""


def save_chinese_code(snippet):
    """The cell run after the program: prints one JSON line, {"missing": [texts with no Chinese],
    "unused": [translations of no text], "font": whether the CJK font was found}."""
    table = translations().get(snippet, {})
    return _SAVE_CHINESE.format(table=json.dumps(table, ensure_ascii=True), font=json.dumps(FONT), suffix=json.dumps(SUFFIX))


_SAVE_CHINESE = """\
import json as _json, re as _re, warnings as _warnings
import matplotlib as _mpl
import matplotlib.pyplot as _plt
from matplotlib import font_manager as _fm
from matplotlib.text import Text as _Text

_table, _missing, _used, _font = {table}, [], set(), {font}
_has_font = False
for _attempt in range(2):  # a font installed after Matplotlib cached its font list: read it again
    try:
        _fm.findfont(_fm.FontProperties(family=_font), fallback_to_default=False)
        _has_font = True
        break
    except ValueError:
        if _attempt == 0 and hasattr(_fm, "_load_fontmanager"):
            _fm.fontManager = _fm._load_fontmanager(try_read_cache=False)
for _figure, _fname, _args, _kwargs in list(_site_figure.Figure.savefig._site_saves):
    for _text in _figure.findobj(_Text):
        _english = _text.get_text()
        if not _re.search("[A-Za-z]", _english) or _re.fullmatch(r"\\$.*\\$", _english):
            continue  # numbers, tick labels in math text
        if _english in _table:
            _text.set_text(_table[_english])
            _used.add(_english)
        elif _english not in _missing:
            _missing.append(_english)
    _stem, _dot, _ext = str(_fname).rpartition(".")
    with _mpl.rc_context({{"font.family": "sans-serif", "font.sans-serif": [_font, "DejaVu Sans"]}}):
        with _warnings.catch_warnings():
            _warnings.simplefilter("ignore")  # no CJK font (tests only): missing glyphs
            _figure.savefig(_stem + {suffix} + _dot + _ext, *_args, **_kwargs)
_site_figure.Figure.savefig._site_saves.clear()
_plt.close("all")
_unused = [_t for _t in _table if _t not in _used]
print(_json.dumps({{"missing": _missing, "unused": _unused, "font": _has_font}}))"""
