"""Streaming corpora: read documents in chunks, write results chunk by chunk, resume after a stop.

:func:`open_source` turns what :func:`framing.score_corpus` is given into a
:class:`Source` that yields :class:`Chunk` objects of ``size`` documents, reading
only what each chunk needs: Parquet row groups (pyarrow), JSONL lines, CSV
rows (pandas, in chunks), a folder of ``.txt`` files or a list of paths in
batches, or a :class:`~framing.corpus.core.Corpus` already in memory.

:class:`PartWriter` writes one Parquet file per chunk into a folder (a Parquet
dataset: ``pd.read_parquet(folder)`` reads it whole, :func:`read_parts` in
order) and appends a line per finished chunk to the folder's
``_manifest.jsonl``, so that an interrupted run resumes from the last complete
chunk and never holds more than a few chunks in memory.

Examples
--------
>>> source = open_source(["Gangs fled.", "Migrants waited.", "Police came."])
>>> [chunk.doc_ids for chunk in source.chunks(2)]
[['doc-1', 'doc-2'], ['doc-3']]
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from framing.corpus.core import Corpus, CorpusError
from framing.corpus.readers import folder_files, load_corpus
from framing.corpus.references import PACKAGED, load_packaged
from framing.text.document import Document, decode, find_boilerplate, looks_like_path, read_document
from framing.text.files import atomic_write

#: The manifest of a folder of parts: a header line, then one line per finished chunk.
MANIFEST = "_manifest.jsonl"
#: Version of the folder layout, in every manifest's header.
PARTS_FORMAT = "framing-parts/1"
_TABLE_SUFFIXES = {".csv": "csv", ".tsv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}


@dataclass
class Chunk:
    """Documents ``first`` to ``first + len(doc_ids) - 1`` of a source, numbered ``number`` from 0.

    Each item is the text itself (a ``str``), a file to read as :func:`framing.analyze` reads it
    (a ``Path``), a :class:`~framing.text.document.Document`, or ``None`` when ``errors`` says
    why there is no text. ``excluded`` gives explicit boilerplate ranges per text (else they are
    found when ``clean``), ``sources`` where each text came from.

    Examples
    --------
    >>> chunk = Chunk(0, 0, ["a"], ["Gangs fled.\\nAdvertisement"], pd.DataFrame(index=range(1)))
    >>> chunk.document(0).segments
    [(0, 12)]
    """

    number: int
    first: int
    doc_ids: list[str]
    items: list
    metadata: pd.DataFrame
    errors: list[str] | None = None
    excluded: list | None = None
    sources: list[str] | None = None
    clean: bool = True

    def __len__(self) -> int:
        return len(self.doc_ids)

    def document(self, index: int) -> Document:
        """The Document at ``index``, built as :class:`~framing.corpus.core.Corpus` builds it.

        Boilerplate is found here (in the worker). Raises :class:`CorpusError` naming
        the row when it has no text, and whatever reading a file raises.
        """
        if self.errors is not None and self.errors[index]:
            raise CorpusError(self.errors[index])
        item = self.items[index]
        if isinstance(item, Document):
            return item
        if isinstance(item, os.PathLike):
            return read_document(Path(item), clean=self.clean)
        if self.excluded is not None:
            excluded = tuple(self.excluded[index])
        else:
            excluded = tuple(find_boilerplate(item)) if self.clean else ()
        source = self.sources[index] if self.sources is not None else self.doc_ids[index]
        return Document(item, source, excluded)


@dataclass
class Source:
    """A corpus read chunk by chunk: its name, its size when known, and an identity checked on resume."""

    name: str
    count: int | None
    identity: str
    read: Callable[[int, frozenset], Iterator[Chunk]] = field(repr=False)

    def chunks(self, size: int, skip=frozenset()) -> Iterator[Chunk]:
        """The chunks of ``size`` documents in order, but those numbered in ``skip`` (unread if possible)."""
        if size < 1:
            raise ValueError(f"chunk_size must be at least 1, not {size}")
        return self.read(size, frozenset(skip))


def open_source(source, *, text: str = "text", id: str | None = None, clean: bool = True) -> Source:
    """A :class:`Source` for a packaged name, a file, a folder, a list of paths or texts, or a Corpus.

    Parameters
    ----------
    source : str, path, Corpus, or sequence
        ``"lee"`` (packaged); a ``.parquet``, ``.jsonl``/``.ndjson`` or
        ``.csv``/``.tsv`` file with one document a row (read in chunks: Parquet
        by row groups, JSONL by lines, CSV with pandas' ``chunksize``; text
        files in UTF-8); a folder of ``.txt`` files (searched recursively; an
        optional ``metadata.csv``, one row a file, read by :func:`~framing.corpus.readers.folder_files`);
        a Corpus; or a list whose items are paths (a ``Path``, or a one-line
        string naming a file: read as :func:`framing.analyze` reads it, the
        ``doc_id`` is the path), article texts (``doc-1`` ...) or Documents.
        Anything else goes through :func:`framing.load_corpus` (in memory).
    text, id : str
        The text column and id column of a table, as :func:`framing.load_corpus`
        takes them: ids default to a ``doc_id`` column, else ``<file stem>-<row>``.
    clean : bool
        Leave page boilerplate out of the analysis.

    Raises
    ------
    CorpusError
        A table without its text or id column, an unknown format, nothing to score.
    FileNotFoundError
        A path that names nothing.

    Notes
    -----
    Ids are not checked for uniqueness across chunks (that would hold every id
    in memory). A row without text, or a file that cannot be read, is not
    fatal: the document gets its ``error``.

    Examples
    --------
    >>> open_source("lee").count
    300
    """
    if isinstance(source, Corpus):
        return _corpus_source(source)
    if isinstance(source, (list, tuple)):
        return _list_source(list(source), clean)
    if isinstance(source, str) and source in PACKAGED and not os.path.exists(source):
        return _corpus_source(load_packaged(source, clean=clean))
    if not isinstance(source, (str, os.PathLike)):
        return _corpus_source(load_corpus(source, text=text, id=id, clean=clean))
    path = Path(os.path.expanduser(source))
    if not path.exists():
        raise FileNotFoundError(
            f"{path}: no such corpus file or folder (packaged corpora: {', '.join(sorted(PACKAGED))})"
        )
    if path.is_dir():
        return _folder_source(path, clean)
    kind = _TABLE_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise CorpusError(
            f"{path}: unknown corpus format {path.suffix!r}; expected a folder of .txt, "
            ".csv, .tsv, .jsonl or .parquet"
        )
    stat = path.stat()
    identity = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|text={text}|id={id}|clean={clean}"
    table = _Table(path, text, id, clean, csv=kind == "csv")
    return {"parquet": _parquet_source, "jsonl": _jsonl_source, "csv": _csv_source}[kind](table, identity)


def _corpus_source(corpus: Corpus) -> Source:
    if not getattr(corpus, "has_documents", True):
        raise CorpusError(f"{corpus.name}: a word-frequency list, not documents: there is nothing to score")
    texts, excluded, sources, metadata = corpus.texts, corpus._excluded, corpus._sources, corpus.metadata

    def read(size: int, skip: frozenset) -> Iterator[Chunk]:
        for number, first in enumerate(range(0, len(texts), size)):
            if number in skip:
                continue
            last = min(first + size, len(texts))
            part = metadata.iloc[first:last].reset_index(drop=True)
            yield Chunk(
                number,
                first,
                part.pop("doc_id").tolist(),
                texts[first:last],
                part,
                excluded=None if excluded is None else excluded[first:last],
                sources=sources[first:last],
                clean=corpus.clean,
            )

    identity = f"corpus|{corpus.sha256}|clean={corpus.clean}|ids={_digest(corpus.doc_ids)}"
    return Source(corpus.name, len(texts), identity, read)


def _list_source(items: list, clean: bool) -> Source:
    if not items:
        raise CorpusError("the list of documents is empty: nothing to score")
    doc_ids, kinds = [], []
    for number, item in enumerate(items, start=1):
        if isinstance(item, Document):
            doc_ids.append(item.source if item.source != "<string>" else f"doc-{number}")
        elif isinstance(item, os.PathLike) or (isinstance(item, str) and _names_a_file(item)):
            item = Path(os.path.expanduser(item))
            doc_ids.append(os.fspath(items[number - 1]))
        elif isinstance(item, str):
            doc_ids.append(f"doc-{number}")
        else:
            raise TypeError(f"document {number} is a {type(item).__name__}, not a path, a str or a Document")
        kinds.append(item)

    def read(size: int, skip: frozenset) -> Iterator[Chunk]:
        for number, first in enumerate(range(0, len(kinds), size)):
            if number not in skip:
                part = slice(first, first + size)
                metadata = pd.DataFrame(index=range(len(kinds[part])))
                yield Chunk(number, first, doc_ids[part], kinds[part], metadata, clean=clean)

    identity = "list|" + _digest(
        f"{type(k).__name__}:{k.text if isinstance(k, Document) else os.fspath(k)}" for k in kinds
    )
    return Source("documents", len(kinds), f"{identity}|clean={clean}", read)


def _names_a_file(text: str) -> bool:
    if "\n" in text or len(text) > 4096:
        return False
    return os.path.isfile(os.path.expanduser(text)) or looks_like_path(text)


def _folder_source(path: Path, clean: bool) -> Source:
    files, metadata = folder_files(path)
    ids = metadata["doc_id"].tolist()

    def read(size: int, skip: frozenset) -> Iterator[Chunk]:
        for number, first in enumerate(range(0, len(files), size)):
            if number in skip:
                continue
            part = metadata.iloc[first : first + size].reset_index(drop=True)
            texts, errors = [], []
            for file in files[first : first + size]:
                try:
                    texts.append(decode(file.read_bytes(), str(file)))
                    errors.append("")
                except (OSError, ValueError) as error:
                    texts.append(None)
                    errors.append(f"{file}: cannot read the corpus file: {error}")
            sources = [str(f) for f in files[first : first + size]]
            yield Chunk(number, first, part.pop("doc_id").tolist(), texts, part, errors, None, sources, clean)

    sizes = _digest(f"{i}:{f.stat().st_size}:{f.stat().st_mtime_ns}" for i, f in zip(ids, files, strict=True))
    identity = f"folder|{path.resolve()}|{sizes}|clean={clean}"
    return Source(path.name, len(files), identity, read)


@dataclass
class _Table:
    """How one table file's rows become documents (text and id columns, row numbering)."""

    path: Path
    text: str
    id: str | None
    clean: bool
    csv: bool

    def check_columns(self, columns) -> None:
        names = ", ".join(map(str, columns))
        if self.text not in columns:
            raise CorpusError(
                f"{self.path}: no text column {self.text!r} (columns: {names}); "
                "name the text column (text=... or --text)"
            )
        if self.id is not None and self.id not in columns:
            raise CorpusError(f"{self.path}: no id column {self.id!r} (columns: {names})")

    def chunk(self, number: int, first: int, frame: pd.DataFrame) -> Chunk:
        """Chunk ``number`` from the rows of ``frame``, the first of which is row ``first`` (from 0)."""
        frame = frame.reset_index(drop=True)
        where = "row {} (line {})" if self.csv else "row {}"
        texts, errors = [], []
        for row, value in enumerate(frame[self.text].tolist() if self.text in frame else [None] * len(frame)):
            ok = isinstance(value, str) and value.strip()
            texts.append(value if ok else None)
            place = where.format(first + row + 1, first + row + 2)
            errors.append("" if ok else f"{self.path}: {place} has no text in column {self.text!r}")
        metadata = frame.drop(columns=[self.text], errors="ignore")
        id_column = self.id or ("doc_id" if "doc_id" in metadata.columns else None)
        if id_column is None:
            ids = [f"{self.path.stem}-{first + row}" for row in range(1, len(frame) + 1)]
        else:
            ids = metadata.pop(id_column).astype(str).tolist()
        kind, offset = ("line", 2) if self.csv else ("row", 1)
        sources = [f"{self.path}:{kind} {first + row + offset}" for row in range(len(frame))]
        return Chunk(number, first, ids, texts, metadata, errors, None, sources, self.clean)


def _parquet_source(table: _Table, identity: str) -> Source:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(table.path)
    except Exception as error:  # pyarrow raises several kinds for a damaged file
        raise CorpusError(f"{table.path}: not a readable Parquet file: {error}") from None
    table.check_columns(parquet.schema_arrow.names)
    count = parquet.metadata.num_rows
    starts = [0]
    for group in range(parquet.num_row_groups):
        starts.append(starts[-1] + parquet.metadata.row_group(group).num_rows)

    def read(size: int, skip: frozenset) -> Iterator[Chunk]:
        loaded: dict[int, pa.Table] = {}  # the row groups the current chunk needs, no more
        for number, first in enumerate(range(0, count, size)):
            if number in skip:
                continue
            last = min(first + size, count)
            groups = range(bisect.bisect_right(starts, first) - 1, bisect.bisect_left(starts, last))
            loaded = {g: loaded[g] if g in loaded else parquet.read_row_group(g) for g in groups}
            rows = pa.concat_tables([loaded[g] for g in groups]).slice(
                first - starts[groups[0]], last - first
            )
            yield table.chunk(number, first, rows.to_pandas())

    return Source(table.path.stem, count, identity, read)


def _jsonl_source(table: _Table, identity: str) -> Source:
    with _open_text(table.path) as stream:
        first_record = next((line for line in stream if line.strip()), None)
    if first_record is None:
        raise CorpusError(f"{table.path}: no documents: the file has no lines")
    table.check_columns(list(_json_record(table.path, 1, first_record)))

    def read(size: int, skip: frozenset) -> Iterator[Chunk]:
        records, number, first, row = [], 0, 0, 0
        with _open_text(table.path) as stream:
            for line_number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                row += 1
                if number not in skip:
                    records.append(_json_record(table.path, line_number, line))
                if row - first == size:
                    if number not in skip:
                        yield table.chunk(number, first, pd.DataFrame.from_records(records))
                    records, number, first = [], number + 1, row
        if row > first and number not in skip:
            yield table.chunk(number, first, pd.DataFrame.from_records(records))

    return Source(table.path.stem, None, identity, read)


def _json_record(path: Path, number: int, line: str) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise CorpusError(f"{path}: line {number} is not JSON: {error.msg}") from None
    if not isinstance(record, dict):
        raise CorpusError(f"{path}: line {number} is not a JSON object")
    return record


def _csv_source(table: _Table, identity: str) -> Source:
    separator = "\t" if table.path.suffix.lower() == ".tsv" else ","
    try:
        with _open_text(table.path) as stream:
            columns = pd.read_csv(stream, sep=separator, nrows=0).columns
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise CorpusError(f"{table.path}: not a readable CSV file: {error}") from None
    table.check_columns(list(columns))

    def read(size: int, skip: frozenset) -> Iterator[Chunk]:
        with _open_text(table.path) as stream:
            try:
                for number, frame in enumerate(pd.read_csv(stream, sep=separator, chunksize=size)):
                    if number not in skip:
                        yield table.chunk(number, number * size, frame)
            except (pd.errors.ParserError, UnicodeDecodeError) as error:
                raise CorpusError(f"{table.path}: not a readable CSV file: {error}") from None

    return Source(table.path.stem, None, identity, read)


def _open_text(path: Path):
    return open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 - the caller closes it


def _digest(parts) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        data = str(part).encode("utf-8", "surrogatepass")
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()[:32]


class PartWriter:
    """One Parquet file per chunk in ``folder``, with ``_manifest.jsonl`` recording the finished ones.

    Parameters
    ----------
    folder : path
        Created when missing. A folder that holds other files than parts is refused.
    settings : dict
        What the results depend on (source identity, lexicon hashes, versions):
        a run resumes only into a folder written with the same settings.
    resume : bool
        Keep the chunks already written (default); ``False`` removes them and starts over.

    Raises
    ------
    ValueError
        ``folder`` is a file, a folder of something else, or parts written with other settings.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()) / "scores.parquet"
    >>> writer = PartWriter(folder, {"corpus": "x"})
    >>> writer.write(1, pd.DataFrame({"doc_id": ["b"]}))
    >>> writer.write(0, pd.DataFrame({"doc_id": ["a"]}))
    >>> PartWriter(folder, {"corpus": "x"}).done, read_parts(folder)["doc_id"].tolist()
    ({0, 1}, ['a', 'b'])
    """

    def __init__(self, folder, settings: dict, *, resume: bool = True) -> None:
        self.folder = Path(folder)
        self.manifest = self.folder / MANIFEST
        self.settings = json.loads(json.dumps(settings))
        self.done: set[int] = set()
        self._schema = None
        if self.folder.exists() and not self.folder.is_dir():
            raise ValueError(f"{self.folder}: a file is there; the output is a folder of Parquet parts")
        header, finished = read_manifest(self.folder)
        if header is None and self.folder.exists() and any(self.folder.iterdir()):
            raise ValueError(f"{self.folder}: this folder holds other files (no {MANIFEST}); choose another")
        if header is not None and resume:
            if header.get("settings") != self.settings:
                different = sorted(
                    key
                    for key in set(header.get("settings", {})) | set(self.settings)
                    if header.get("settings", {}).get(key) != self.settings.get(key)
                )
                raise ValueError(
                    f"{self.folder}: holds results made with other settings ({', '.join(different)}); "
                    "start over (resume=False, --restart) or choose another output"
                )
            self.done = {
                number for number, entry in finished.items() if (self.folder / entry["file"]).exists()
            }
        elif header is not None:
            for part in self.folder.glob("part-*.parquet"):
                part.unlink()
            self.manifest.unlink()
        if not self.manifest.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            self._append({"format": PARTS_FORMAT, "settings": self.settings})

    @staticmethod
    def part_name(number: int) -> str:
        """The file name of chunk ``number`` (zero-padded, so that names sort as numbers)."""
        return f"part-{number:06d}.parquet"

    def write(self, number: int, frame: pd.DataFrame) -> None:
        """Write chunk ``number`` (atomically), then record it in the manifest.

        The frame's ``attrs`` (``score_corpus`` names its score columns there) are kept
        in the part's metadata as pandas keeps them, so ``pd.read_parquet`` restores them.
        """
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(frame, preserve_index=False)
        if frame.attrs:
            metadata = {**(table.schema.metadata or {}), b"PANDAS_ATTRS": json.dumps(frame.attrs).encode()}
            table = table.replace_schema_metadata(metadata)
        if self._schema is None and self.done:
            self._schema = pq.read_schema(self.folder / self.part_name(min(self.done)))
        if self._schema is not None and self._schema.names == table.schema.names:
            # one schema across parts where it can be had (an all-empty column in one chunk ...)
            with contextlib.suppress(pa.ArrowInvalid, pa.ArrowNotImplementedError, ValueError, TypeError):
                table = table.cast(self._schema)
        atomic_write(self.folder / self.part_name(number), lambda stream: pq.write_table(table, stream))
        self._schema = self._schema or table.schema
        self._append({"chunk": number, "file": self.part_name(number), "rows": len(frame)})
        self.done.add(number)

    def finish(self, chunks: int) -> None:
        """Record that all ``chunks`` chunks are written."""
        self._append({"complete": True, "chunks": chunks})

    def _append(self, entry: dict) -> None:
        with open(self.manifest, "a", encoding="utf-8") as stream:
            stream.write(json.dumps(entry, sort_keys=True) + "\n")
            stream.flush()
            os.fsync(stream.fileno())


def read_manifest(folder) -> tuple[dict | None, dict[int, dict]]:
    """The header of ``folder``'s manifest (None when it has none) and its finished chunks by number.

    A last line cut short by a stop is ignored.
    """
    path = Path(folder) / MANIFEST
    if not path.is_file():
        return None, {}
    header, finished = None, {}
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if header is None:
            header = entry if entry.get("format") == PARTS_FORMAT else None
            if header is None:
                return None, {}
        elif "chunk" in entry:
            finished[int(entry["chunk"])] = entry
    return header, finished


def read_parts(folder, columns: list[str] | None = None) -> pd.DataFrame:
    """The finished chunks of ``folder`` as one DataFrame, in chunk order (only ``columns`` if given).

    ``pd.read_parquet(folder)`` reads the same rows; this keeps the order and
    tolerates parts whose column types differ (pandas unifies them).

    Raises
    ------
    ValueError
        ``folder`` is not a folder of parts.
    """
    header, finished = read_manifest(folder)
    if header is None:
        raise ValueError(f"{folder}: not a folder of framing parts (no {MANIFEST})")
    frames = [pd.read_parquet(Path(folder) / finished[n]["file"], columns=columns) for n in sorted(finished)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
