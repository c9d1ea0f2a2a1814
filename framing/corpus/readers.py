"""Corpus readers: a folder of .txt (with metadata.csv), CSV/TSV, JSONL, Parquet, an NLTK CorpusReader.

:func:`load_corpus` is the one entry point; it also takes a packaged name
(see :mod:`framing.corpus.references`).

Examples
--------
>>> load_corpus(["One text.", "Another."]).doc_ids
['doc-1', 'doc-2']
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from pathlib import Path

import numpy as np
import pandas as pd

from framing.corpus.core import Corpus, CorpusError
from framing.corpus.references import PACKAGED, load_packaged
from framing.text.document import decode

_TABLE_SUFFIXES = {".csv": "csv", ".tsv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}


def load_corpus(
    source,
    *,
    text: str = "text",
    id: str | None = None,
    clean: bool = True,
    name: str | None = None,
) -> Corpus:
    """Load a corpus: a packaged name, a folder of .txt, a CSV/JSONL/Parquet file, or an NLTK reader.

    Parameters
    ----------
    source : str, path, Corpus, NLTK CorpusReader, or sequence of str
        ``"lee"`` or ``"wordfreq-en"`` (packaged); a folder of ``.txt`` files
        (searched recursively; an optional ``metadata.csv`` with a ``file``
        column names each file's row); a ``.csv``/``.tsv``, ``.jsonl`` or
        ``.parquet`` file with one document a row; an object with ``fileids()``
        and ``raw(fileid)`` (an NLTK ``CorpusReader``).
    text : str
        The text column of a CSV, JSONL or Parquet file.
    id : str, optional
        The column that names documents; default ``doc_id`` when there is one,
        else row numbers.
    clean : bool
        Mark page boilerplate in each document as excluded.
    name : str, optional
        The corpus name; default the packaged name or the file/folder stem.

    Raises
    ------
    CorpusError
        Naming the file, column or row that is wrong: an unreadable or
        undecodable file, a missing column, a row without text, or a corpus
        without documents (an empty name, no rows, or only empty documents).

    Examples
    --------
    >>> lee = load_corpus("lee")
    >>> len(lee), lee.metadata.columns.tolist()
    (300, ['doc_id', 'line', 'outlet'])
    >>> lee[0].text[:40]
    'Hundreds of people have been forced to v'
    """
    if isinstance(source, Corpus):
        return source
    if hasattr(source, "fileids") and hasattr(source, "raw"):
        return _from_reader(source, clean=clean, name=name)
    if isinstance(source, (list, tuple)):
        _refuse_empty(list(source), "the list of texts")
        return Corpus(source, name=name or "corpus", clean=clean)
    if isinstance(source, (str, os.PathLike)) and not os.fspath(source).strip():
        raise CorpusError(
            f"no corpus named: {os.fspath(source)!r} is empty; give a packaged corpus "
            f"({', '.join(sorted(PACKAGED))}) or a folder or file path"
        )
    if isinstance(source, str) and source in PACKAGED and not os.path.exists(source):
        return load_packaged(source, clean=clean)
    path = Path(os.path.expanduser(source))
    if not path.exists():
        raise FileNotFoundError(
            f"{path}: no such corpus file or folder (packaged corpora: {', '.join(sorted(PACKAGED))})"
        )
    name = name or path.stem
    if path.is_dir():
        return _from_folder(path, clean=clean, name=name)
    kind = _TABLE_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise CorpusError(
            f"{path}: unknown corpus format {path.suffix!r}; expected a folder of .txt, "
            ".csv, .tsv, .jsonl or .parquet"
        )
    frame = {"csv": _read_csv, "jsonl": _read_jsonl, "parquet": _read_parquet}[kind](path)
    return _from_table(frame, path, text=text, id=id, clean=clean, name=name, csv=kind == "csv")


def _from_folder(path: Path, *, clean: bool, name: str) -> Corpus:
    files, metadata = folder_files(path)
    texts = [_read_text(p) for p in files]
    _refuse_empty(texts, str(path))
    return Corpus(texts, metadata, name=name, source=str(path), clean=clean, sources=[str(p) for p in files])


def folder_files(path: Path) -> tuple[list[Path], pd.DataFrame]:
    """A folder corpus's ``.txt`` files (searched recursively, sorted) and their metadata, one row a file.

    The metadata has ``doc_id`` (the file's path below ``path``, with ``/``) and,
    when the folder has a ``metadata.csv``, its columns: one row a file, named in
    its ``file`` column (its own ``doc_id`` column, if any, is ignored).

    Raises
    ------
    CorpusError
        No ``.txt`` file; a ``metadata.csv`` that cannot be read, has no ``file``
        column, names a file twice or one that is not there, or leaves one out.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "b.txt").write_text("B."), (folder / "a.txt").write_text("A.")
    >>> _ = (folder / "metadata.csv").write_text("file,outlet\\nb.txt,Y\\na.txt,X\\n", encoding="utf-8")
    >>> files, metadata = folder_files(folder)
    >>> [f.name for f in files], metadata.values.tolist()
    (['a.txt', 'b.txt'], [['a.txt', 'X'], ['b.txt', 'Y']])
    """
    files = sorted(p for p in path.rglob("*.txt") if p.is_file())
    if not files:
        raise CorpusError(f"{path}: no .txt files in this folder")
    ids = [p.relative_to(path).as_posix() for p in files]
    metadata = pd.DataFrame({"doc_id": ids})
    metadata_path = path / "metadata.csv"
    if not metadata_path.exists():
        return files, metadata
    table = _read_csv(metadata_path)
    if "file" not in table.columns:
        columns = ", ".join(map(str, table.columns))
        raise CorpusError(f"{metadata_path}: no 'file' column (columns: {columns})")
    table["file"] = table["file"].astype(str)
    duplicated = table["file"].duplicated()
    if duplicated.any():
        row = int(np.flatnonzero(duplicated)[0])
        raise CorpusError(f"{metadata_path}: row {row + 1} names {table['file'].iloc[row]!r} again")
    known = set(ids)
    for row, file in enumerate(table["file"]):
        if file not in known:
            raise CorpusError(f"{metadata_path}: row {row + 1} names {file!r}, which is not a .txt in {path}")
    named = set(table["file"])
    missing = [i for i in ids if i not in named]
    if missing:
        raise CorpusError(f"{metadata_path}: no row for {missing[0]!r}" + _more(missing))
    table = table.set_index("file").loc[ids].reset_index(drop=True)
    return files, pd.concat([metadata, table.drop(columns=["doc_id"], errors="ignore")], axis=1)


def _from_table(frame, path: Path, *, text: str, id: str | None, clean: bool, name: str, csv: bool) -> Corpus:
    columns = ", ".join(map(str, frame.columns))
    if frame.empty:
        raise CorpusError(
            f"{path}: no documents: the file has no rows" + (f" (columns: {columns})" if columns else "")
        )
    if text not in frame.columns:
        raise CorpusError(
            f"{path}: no text column {text!r} (columns: {columns}); name the text column (text=... or --text)"
        )
    line = " (line {})" if csv else ""
    texts = []
    for row, value in enumerate(frame[text].tolist()):
        if not isinstance(value, str) or not value.strip():
            where = f"row {row + 1}" + line.format(row + 2)
            raise CorpusError(f"{path}: {where} has no text in column {text!r}")
        texts.append(value)
    metadata = frame.drop(columns=[text]).reset_index(drop=True)
    id_column = id or ("doc_id" if "doc_id" in metadata.columns else None)
    if id is not None and id not in metadata.columns:
        raise CorpusError(f"{path}: no id column {id!r} (columns: {columns})")
    if id_column is None:
        ids = [f"{path.stem}-{i}" for i in range(1, len(texts) + 1)]
    else:
        ids = metadata.pop(id_column).astype(str).tolist()
    seen: dict[str, int] = {}
    for row, doc_id in enumerate(ids):
        if doc_id in seen:
            where = f"row {row + 1}" + line.format(row + 2)
            raise CorpusError(
                f"{path}: {where} repeats id {doc_id!r} of row {seen[doc_id] + 1} (column {id_column!r})"
            )
        seen[doc_id] = row
    metadata.insert(0, "doc_id", ids)
    kind, offset = ("line", 2) if csv else ("row", 1)
    sources = [f"{path}:{kind} {i + offset}" for i in range(len(texts))]
    return Corpus(texts, metadata, name=name, source=str(path), clean=clean, sources=sources)


def _from_reader(reader, *, clean: bool, name: str | None) -> Corpus:
    fileids = list(reader.fileids())
    if not fileids:
        raise CorpusError(f"{type(reader).__name__}: the reader has no files")
    texts = [reader.raw(fileid) for fileid in fileids]
    _refuse_empty(texts, type(reader).__name__)
    metadata = pd.DataFrame({"doc_id": fileids})
    if callable(getattr(reader, "categories", None)):
        with contextlib.suppress(Exception):
            metadata["category"] = ["; ".join(reader.categories(f)) for f in fileids]
    root = str(getattr(reader, "root", type(reader).__name__))
    name = name or Path(root).name or type(reader).__name__
    return Corpus(
        texts, metadata, name=name, source=root, clean=clean, sources=[f"{root}/{f}" for f in fileids]
    )


def _refuse_empty(texts: list, where: str) -> None:
    """Refuse a corpus with no documents, or with only empty ones: there is nothing to compare with."""
    if not texts:
        raise CorpusError(f"{where}: no documents")
    if not any(isinstance(t, str) and t.strip() for t in texts):
        raise CorpusError(f"{where}: no documents with text (all {len(texts)} are empty)")


def _read_text(path: Path) -> str:
    """The decoded text of a corpus file; an unreadable or binary file is an error naming it."""
    try:
        return decode(path.read_bytes(), str(path))
    except OSError as error:
        raise CorpusError(f"{path}: cannot read the corpus file: {error.strerror or error}") from None
    except ValueError as error:  # DocumentError: binary data, damaged UTF-16
        raise CorpusError(str(error)) from None


def _read_csv(path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(io.StringIO(_read_text(path)), sep="\t" if path.suffix.lower() == ".tsv" else ",")
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise CorpusError(f"{path}: not a readable CSV file: {error}") from None


def _read_jsonl(path: Path) -> pd.DataFrame:
    records = []
    for number, line in enumerate(_read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise CorpusError(f"{path}: line {number} is not JSON: {error.msg}") from None
        if not isinstance(record, dict):
            raise CorpusError(f"{path}: line {number} is not a JSON object")
        records.append(record)
    return pd.DataFrame.from_records(records)


def _read_parquet(path: Path) -> pd.DataFrame:
    import pyarrow.parquet as pq

    try:
        return pq.read_table(path).to_pandas()
    except Exception as error:  # pyarrow raises several kinds for a damaged file
        raise CorpusError(f"{path}: not a readable Parquet file: {error}") from None


def _more(items: list) -> str:
    return f" (and {len(items) - 1} more)" if len(items) > 1 else ""
