"""Access to the packaged data (``models/`` and ``templates/``).

Both directories are shipped in the wheel as ``extractor.models`` and
``extractor.templates``; ``importlib.resources`` finds them whether the package
is installed or editable.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable


def model_file(name: str) -> Traversable:
    return files("extractor.models").joinpath(name)


def template_dir() -> Traversable:
    return files("extractor.templates")


def read_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a text asset in ``models/``."""
    text = model_file(name).read_text(encoding="utf-8")
    return [
        ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")
    ]


def iter_jsonl(name: str) -> Iterator[dict]:
    """Rows of a ``.jsonl`` or ``.jsonl.gz`` asset in ``models/``."""
    raw = model_file(name).read_bytes()
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    for line in raw.decode("utf-8").splitlines():
        if line.strip():
            yield json.loads(line)


def model_assets() -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of every data file in ``models/``, subfolders included (the
    organizations model ``org_ner/``), for versioning."""
    yield from _assets(files("extractor.models"), "")


def _assets(folder: Traversable, prefix: str) -> Iterator[tuple[str, bytes]]:
    for entry in folder.iterdir():
        if entry.is_dir() and entry.name != "__pycache__":
            yield from _assets(entry, f"{prefix}{entry.name}/")
        elif entry.is_file() and not entry.name.endswith((".py", ".pyc")):
            yield prefix + entry.name, entry.read_bytes()


@cache
def read_json(name: str) -> dict:
    return json.loads(model_file(name).read_text(encoding="utf-8"))
