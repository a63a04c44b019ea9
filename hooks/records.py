"""The whole recorded output of each program that a page shows only in part.

A page may show the first items of a long record (`--8<-- "tools/random_stacks.keras3.out:1:72"`,
a line range of pymdownx.snippets) and link the rest: the calculator's and the explainer's
reference records run to hundreds of kilobytes, which a phone would download and lay out on
every visit. This hook adds each such output to the build as a plain-text file at
records/<path>.txt (pagemodel.record_url), byte for byte after a UTF-8 byte-order mark; the
page links it. Without the mark, a host that sends text/plain without a charset (`mkdocs
serve`, Python's http.server) let Chromium read Keras 3's box-drawing table as windows-1252;
the mark decides the encoding whatever the host sends (WHATWG Encoding, "BOM sniff"). Like the
notebooks (hooks/notebooks.py), it is a generated file outside docs/, which
mkdocs-static-i18n passes through to both languages' builds at the same address.
"""

import sys
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import pagemodel  # noqa: E402


@event_priority(-50)  # before mkdocs-static-i18n's on_files (-100), as hooks/notebooks.py
def on_files(files, config):
    for path in pagemodel.records_shown_in_part():
        src_uri = pagemodel.record_url(path)
        if files.get_file_from_path(src_uri) is None:
            # Written under .cache/ (not docs/, which `mkdocs serve` watches), as the notebooks
            # are: mkdocs-static-i18n reads a generated file from its path, not from its content.
            published = pagemodel.ROOT / ".cache" / src_uri
            content = pagemodel.UTF8_BOM + (pagemodel.SNIPPETS / path).read_bytes()
            if not published.exists() or published.read_bytes() != content:
                published.parent.mkdir(parents=True, exist_ok=True)
                published.write_bytes(content)
            files.append(File.generated(config, src_uri, abs_src_path=str(published)))
    return files
