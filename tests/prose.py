"""Checks that the numbers written in a page's prose are numbers its snippets print.

A page states counts and shapes in its sentences ("784 × 512 + 512 = 401,920 parameters",
"a `(784, 512)` kernel"). Those must agree with the snippets the same section of the page
shows, so that a number changed in a page, or an output that changes under it, fails a test:

* every number in the prose must be a number that a snippet of that section prints or
  contains (the snippets of the whole page when the section shows none);
* every inline code span that contains a digit, such as `(784, 512)` or `Dense(512)`, must
  occur in one of those snippets or their outputs (spaces ignored, `[` read as `(`);
* every written sum or product ("8 + 6 + 6 = 20", "$784 \\times 512 + 512$") must be right.

Numbers are checked against Keras 3's outputs (the default; Keras 2's differences are shown in
tabs), code spans against both versions'. Only version names ("Keras 3", "TF 2.0") are left
out; see IGNORED.
"""

import re
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, InvalidOperation
from functools import cache

import pagemodel
from pagemodel import SNIPPETS, output_candidates

# Names with digits that are not claims about a snippet.
IGNORED = re.compile(
    r"Keras\s*\d(?:\.\d+)*|tf-keras|tf_keras|TensorFlow\s*\d(?:\.\d+)*|TF\s*\d(?:\.\d+)*"
    r"|Python\s*\d(?:\.\d+)*|KaTeX|\bH\d00\b|float\d+|int\d+|utf-8|TF_USE_LEGACY_KERAS=1"
    r"|\(\w+ and \w+, \d{4}\)|（\w+ 和 \w+，\d{4}）"  # citations: (Ioffe and Szegedy, 2015)
)
NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?![\w,]\d)|(?<![\w.])\d+(?:\.\d+)?(?:e-?\d+)?(?![\w])")
ARITHMETIC = re.compile(
    r"(?<![\w.])(?P<expr>\d[\d,.]*(?:\s*[×x*+\-]\s*\d[\d,.]*)+)\s*=\s*(?P<result>\d[\d,.]*)"
)
CODE_SPAN = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")


def value(token):
    try:
        return Decimal(token.replace(",", ""))
    except InvalidOperation:
        return None


def numbers(text):
    return {v for t in NUMBER.findall(text) if (v := value(t)) is not None}


def squash(text):
    return re.sub(r"\s+", "", text).replace("[", "(").replace("]", ")")


MATH = re.compile(r"\$\$.*?\$\$|(?<![\\$])\$[^$\n]+\$", re.S)


def is_notation(math):
    """Math with no worked sum (`784 \\times 512 + 512 = 401{,}920`) is notation: the 1 of
    `\\sum_{i=1}` or the 2 of `\\sigma^2` is no claim about a snippet."""
    flat = re.sub(r"\\(?:times|cdot)", "×", math.replace("{,}", ","))
    return not ARITHMETIC.search(flat)


TEX_COMMAND = re.compile(r"\\[a-zA-Z]+")


def _blank(text, patterns):
    """text with every match of the patterns replaced by spaces (newlines kept): offsets stay."""
    out = list(text)
    for pattern in patterns:
        for m in pattern.finditer("".join(out)):
            out[m.start() : m.end()] = [c if c == "\n" else " " for c in out[m.start() : m.end()]]
    return "".join(out)


def blank_markup(text):
    """The page's prose (pagemodel: markup blanked, offsets unchanged), math without a worked
    sum (notation) blanked too."""
    text = pagemodel.blank_markup(text)
    out = list(text)
    for m in MATH.finditer(text):
        if is_notation(m.group(0)):
            out[m.start() : m.end()] = [c if c == "\n" else " " for c in out[m.start() : m.end()]]
    return "".join(out)


def strip_markup(prose):
    """Blanked prose with TeX turned into plain numbers and signs, version names left out."""
    text = prose.replace("{,}", ",")
    text = re.sub(r"\\(?:times|cdot)", "×", text)
    return IGNORED.sub(" ", TEX_COMMAND.sub(" ", text))


def shown_snippets(section, page_paths, links_from=None):
    """Paths (relative to snippets/) of what a section shows.

    A section that shows none is backed by the whole page's snippets (`page_paths`); on a page
    that shows none (the FAQ), by the snippets of the pages the section links to.
    """
    paths = [i.path for i in section.includes] or list(page_paths)
    if not paths and links_from is not None:
        for link in re.findall(r"\]\(([^)#\s]+\.md)(?:#[^)]*)?\)", section.text):
            target = (links_from.parent / link).resolve()
            if target.exists():
                paths += pagemodel.Page.read(target).include_paths()
    return paths


def facts(paths, versions=(2, 3)):
    """Source and output text of the snippets at `paths`. `versions` chooses the Keras versions
    whose outputs count, where a snippet records one per version."""
    texts = []
    for rel_path in paths:
        path = SNIPPETS / rel_path
        if path.suffix == ".py":
            texts.append(_read(path))
            files = output_candidates(path)
            texts += [_read(files[k]) for k in ("shared", *versions) if files[k].exists()]
        elif path.exists() and (".keras2." not in path.name or 2 in versions):
            texts.append(_read(path))
    return "\n".join(texts)


def experiment_results(paths):
    """(value, tolerance) for each number of each "mean ± std" result that the experiments at
    `paths` recorded under Keras 3 (pagemodel.experiment_tolerance)."""
    results = []
    for rel_path in paths:
        path = SNIPPETS / rel_path
        tolerance = pagemodel.experiment_tolerance(path) if path.suffix == ".py" else None
        if tolerance is not None:
            recorded = pagemodel.recorded_output_path(path, 3)
            results += [(v, tolerance) for cell in pagemodel.result_cells(_read(recorded)) for v in cell]
    return results


def within(number, results):
    """The results that `number` is a rounded quote of: written with fewer decimals than the
    result ("about 0.3" for 0.27), and within the experiment's tolerance of it. A number
    written as precisely as the result must be the recorded value itself, the one the reader
    sees in the output beside it: it does not change on another machine, since a new output
    within the tolerance is not recorded (tests/harness.py, record)."""
    places = -number.as_tuple().exponent
    return [
        (r, tolerance)
        for r, tolerance in results
        if places < -r.as_tuple().exponent and abs(number - r) <= tolerance
    ]


@cache
def _read(path):
    # The mutation test checks each page once per number: read each snippet file once.
    return path.read_text(encoding="utf-8")


def _sections(page_text, page_path):
    """(section, its snippets, its prose with markup blanked) of each section of a page."""
    sections = pagemodel.text_sections(page_text)
    page_paths = [i.path for section in sections for i in section.includes]
    prose_lines = blank_markup(page_text).split("\n")
    for section in sections:
        paths = shown_snippets(section, page_paths, page_path)
        yield section, paths, strip_markup("\n".join(prose_lines[section.start : section.end]))


def check_text(page_text, page_path=None):
    """Return a list of complaints, one per number or code span that no snippet backs.

    A number in a section that shows an experiment may also be a rounded quote of one of its
    results, within the experiment's tolerance: "about 0.3" for a recorded 0.27 ± 0.05.
    """
    complaints = []
    for section, paths, prose in _sections(page_text, page_path):
        # Numbers in the prose describe the default version's (Keras 3's) outputs; a code span
        # may quote either version's (`dense/kernel:0` is Keras 2's name for a variable).
        known_numbers = numbers(facts(paths, versions=(3,)))
        known_squashed = squash(facts(paths))
        results = experiment_results(paths)
        heading = section.heading.text if section.heading else ""
        for span in CODE_SPAN.findall(prose):
            if re.search(r"\d", IGNORED.sub("", span)) and squash(span) not in known_squashed:
                complaints.append(f"in '{heading}': `{span}` occurs in none of the section's snippets or outputs")
        plain = CODE_SPAN.sub(" ", prose)
        operands = set()  # numbers vouched for by a right sum whose result a snippet prints
        for m in ARITHMETIC.finditer(plain):
            expr = m.group("expr").replace("×", "*").replace("x", "*").replace(",", "")
            try:
                left = eval(expr, {"__builtins__": {}})  # digits and + - * only, matched above
            except SyntaxError:
                continue
            if value(str(left)) != value(m.group("result")):
                complaints.append(f"in '{heading}': '{m.group(0)}' is wrong ({expr} = {left})")
            elif value(m.group("result")) in known_numbers:
                operands |= numbers(m.group("expr"))
        for token in NUMBER.findall(plain):
            number = value(token)
            if number not in known_numbers | operands and not within(number, results):
                what = "nor within an experiment's tolerance of its results" if results else ""
                complaints.append(f"in '{heading}': {token} is printed by none of the section's snippets {what}".rstrip())
    return complaints


def moved_outside_tolerance(page_text, page_path, start, end):
    """For a number at page_text[start:end] that is a rounded quote of an experiment's result:
    the numbers just outside that tolerance, on either side of each such result (written with
    as many decimals as the number). Used to check that the check notices a number moved out
    of its experiment's tolerance, where moving it by one unit stays within it."""
    token = page_text[start:end]
    decimals = len(token.partition(".")[2])
    unit = Decimal(1).scaleb(-decimals)
    sections = list(_sections(page_text, page_path))
    line = page_text.count("\n", 0, start)
    for section, paths, _ in sections:
        if section.start <= line < section.end:
            moves = []
            for r, tolerance in within(value(token), experiment_results(paths)):
                above = (r + tolerance).quantize(unit, rounding=ROUND_FLOOR) + unit
                below = (r - tolerance).quantize(unit, rounding=ROUND_CEILING) - unit
                moves += [str(n) for n in (above, below) if n >= 0]
            return moves
    return []


def number_positions(page_text):
    """Where the checked numbers of a page are, as (start, end) offsets into page_text.

    Used to change each of them in turn and see that check_text notices. 0 and 1 are left
    out: nearly every output prints both, so a 0 changed to 1 cannot be told from a 1.
    """
    prose = _blank(blank_markup(page_text), [TEX_COMMAND, IGNORED])
    return [m.span() for m in NUMBER.finditer(prose) if m.group(0) not in ("0", "1", "0.0", "1.0")]
