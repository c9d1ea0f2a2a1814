"""The on-disk cache of term counts and reference scores.

Files live under ``$FRAMING_CACHE`` (default ``~/.cache/framing``), keyed by
content hashes and versions, and are written to a temporary name and renamed
(:func:`framing.text.files.atomic_write`), so a reader never sees half a file.
Deleting the folder is always safe.

Examples
--------
>>> len(digest("a", "b")) == 64
True
"""

from __future__ import annotations

import hashlib
import os
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from framing.analysis import package_versions
from framing.text.files import atomic_write
from framing.text.words import TOKENIZER_VERSION

#: Environment variable naming the cache folder.
CACHE_ENV = "FRAMING_CACHE"


def cache_dir() -> Path:
    """The cache folder: ``$FRAMING_CACHE`` or ``~/.cache/framing``.

    Examples
    --------
    >>> isinstance(cache_dir(), Path)
    True
    """
    configured = os.environ.get(CACHE_ENV)
    return Path(configured) if configured else Path.home() / ".cache" / "framing"


def write_cache_file(path: Path, write) -> None:
    """Write a cache file atomically (see :func:`framing.text.files.atomic_write`).

    A cache that cannot be written (read-only folder, full disk) is a warning, not an error.
    """
    try:
        atomic_write(path, write)
    except OSError as error:
        warnings.warn(f"framing: could not write cache file {path}: {error}", stacklevel=3)


def digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def write_terms(path: Path, totals: pd.Series) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"term": pa.array(totals.index.tolist(), pa.string()), "count": totals.to_numpy()})
    write_cache_file(path, lambda stream: pq.write_table(table, stream))


def read_terms(path: Path) -> tuple[np.ndarray, np.ndarray]:
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    terms = np.asarray(table.column("term").to_pylist(), dtype=object)
    return terms, table.column("count").to_numpy()


def score_versions() -> tuple[str, ...]:
    """The versions a cached reference score depends on: framing, the tokenizer and the scorers.

    Examples
    --------
    >>> score_versions()[1].startswith("framing=")
    True
    """
    versions = package_versions(("framing", "nltk", "textblob", "vadersentiment"))
    return (TOKENIZER_VERSION,) + tuple(f"{p}={v}" for p, v in versions.items())
