"""The Corpus: documents with a metadata DataFrame, their term counts and document scores.

Examples
--------
>>> corpus = Corpus(["Migrants crossed.", "Smugglers fled. Migrants waited."])
>>> len(corpus), corpus.metadata["doc_id"].tolist()
(2, ['doc-1', 'doc-2'])
>>> int(corpus.term_frequencies()["migrants"])
2
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp

from framing.corpus.cache import cache_dir, digest, read_terms, score_versions, write_cache_file, write_terms
from framing.corpus.counts import DocumentTermMatrix, count_terms
from framing.text.document import Document, find_boilerplate
from framing.text.words import TOKENIZER_VERSION


class CorpusError(ValueError):
    """A corpus source is malformed; the message names the file, column or row."""


class Corpus:
    """Documents with a metadata DataFrame, their term counts, and their document scores.

    Parameters
    ----------
    texts : sequence of str or Document
        The documents, in order. A Document keeps its own excluded ranges and metadata.
    metadata : DataFrame, optional
        One row a document. A ``doc_id`` column names the documents (unique);
        without one they are ``doc-1``, ``doc-2`` ...
    name : str
        Shown in tables, plots and provenance.
    source : str
        Where the corpus came from (a path or a packaged name).
    clean : bool
        Mark page boilerplate in each text as excluded (see :func:`framing.text.document.find_boilerplate`).
    sources : sequence of str, optional
        Per-document source (file path, or ``file:row N``).

    Examples
    --------
    >>> corpus = Corpus(["A text.", "B text."], pd.DataFrame({"outlet": ["A", "B"]}), name="tiny")
    >>> corpus
    <Corpus 'tiny': 2 documents>
    >>> corpus[1].text, corpus["doc-2"].metadata["outlet"]
    ('B text.', 'B')
    >>> corpus[corpus.metadata["outlet"] == "A"].metadata["doc_id"].tolist()
    ['doc-1']
    """

    has_documents = True

    def __init__(
        self,
        texts: Sequence[str | Document],
        metadata: pd.DataFrame | None = None,
        *,
        name: str = "corpus",
        source: str = "<memory>",
        clean: bool = True,
        sources: Sequence[str] | None = None,
    ) -> None:
        texts = list(texts)
        excluded = None
        if texts and all(isinstance(t, Document) for t in texts):
            documents = texts
            texts = [d.text for d in documents]
            excluded = [tuple(d.excluded) for d in documents]
            if metadata is None:
                metadata = pd.DataFrame([{k: v for k, v in d.metadata.items()} for d in documents])
            if sources is None:
                sources = [d.source for d in documents]
        elif not all(isinstance(t, str) for t in texts):
            bad = next(i for i, t in enumerate(texts) if not isinstance(t, str))
            raise TypeError(
                f"{name}: document {bad + 1} is a {type(texts[bad]).__name__}, not str or Document"
            )
        self.name = name
        self.source = source
        self.clean = clean
        self._texts = texts
        self._excluded = excluded
        self.metadata = _metadata_frame(metadata, len(texts), name)
        self._sources = list(sources) if sources is not None else [f"{name}:{i}" for i in self.doc_ids]
        self._documents: dict[int, Document] = {}
        self._sha256: str | None = None
        self._dtm: dict[int, DocumentTermMatrix] = {}
        self._totals: dict[int, pd.Series] = {}
        self._scores: dict[str, pd.DataFrame] = {}
        #: The ``corpora/<name>.yaml`` descriptor of a packaged corpus (empty for others).
        self.descriptor: dict = {}

    # ---- the documents

    def __len__(self) -> int:
        return len(self._texts)

    def __repr__(self) -> str:
        return f"<Corpus {self.name!r}: {len(self):,} documents>"

    def __iter__(self) -> Iterator[Document]:
        return (self[i] for i in range(len(self)))

    def __getitem__(self, key):
        if isinstance(key, str):
            matches = np.flatnonzero(self.metadata["doc_id"].to_numpy() == key)
            if not len(matches):
                raise KeyError(f"{self.name}: no document with doc_id {key!r}")
            key = int(matches[0])
        if isinstance(key, (int, np.integer)):
            index = int(key) + (len(self) if key < 0 else 0)
            if not 0 <= index < len(self):
                raise IndexError(f"{self.name}: no document {key} (it has {len(self)})")
            if index not in self._documents:
                self._documents[index] = self._make_document(index)
            return self._documents[index]
        return self.subset(key)

    @property
    def doc_ids(self) -> list[str]:
        """The document names, in order."""
        return self.metadata["doc_id"].tolist()

    @property
    def texts(self) -> list[str]:
        """The original text of every document."""
        return list(self._texts)

    def _excluded_ranges(self, index: int) -> tuple:
        if self._excluded is not None:
            return self._excluded[index]
        return tuple(find_boilerplate(self._texts[index])) if self.clean else ()

    def _make_document(self, index: int) -> Document:
        row = {
            k: v for k, v in self.metadata.iloc[[index]].to_dict("records")[0].items() if not _is_missing(v)
        }
        return Document(self._texts[index], self._sources[index], self._excluded_ranges(index), row)

    def _segments(self, index: int) -> list[tuple[int, int]] | None:
        """The article-text ranges of document ``index`` (None: all of it)."""
        excluded = self._excluded_ranges(index)
        return Document(self._texts[index], excluded=excluded).segments if excluded else None

    def bodies(self) -> list[str]:
        """Each document's article text with boilerplate left out.

        Segments are joined by a blank line, a paragraph break
        (:func:`framing.text.words.phrase_runs`), so no phrase read from a body
        runs across removed boilerplate.

        Examples
        --------
        >>> Corpus(["Body text\\nAdvertisement\\nmore text."]).bodies()
        ['Body text\\n\\n\\nmore text.']
        """
        out = []
        for index, text in enumerate(self._texts):
            segments = self._segments(index)
            out.append(text if segments is None else "\n\n".join(text[s:e] for s, e in segments))
        return out

    def subset(self, rows) -> Corpus:
        """The documents at ``rows``: positions, a slice, or a boolean mask of length ``len(self)``.

        Examples
        --------
        >>> Corpus(["a", "b", "c"]).subset([0, 2]).doc_ids
        ['doc-1', 'doc-3']
        """
        positions = np.arange(len(self))[_as_positions(rows, len(self))]
        metadata = self.metadata.iloc[positions].reset_index(drop=True)
        corpus = Corpus(
            [self._texts[i] for i in positions],
            metadata,
            name=f"{self.name}[{len(positions)}]",
            source=self.source,
            clean=self.clean,
            sources=[self._sources[i] for i in positions],
        )
        if self._excluded is not None:
            corpus._excluded = [self._excluded[i] for i in positions]
        return corpus

    # ---- hashing and counts

    @property
    def sha256(self) -> str:
        """Content hash of the texts, in order (and of explicit excluded ranges, when given).

        Examples
        --------
        >>> Corpus(["a"]).sha256 == Corpus(["a"], name="other").sha256 != Corpus(["b"]).sha256
        True
        """
        if self._sha256 is None:
            hasher = hashlib.sha256()
            for text in self._texts:
                data = text.encode("utf-8", "surrogatepass")
                hasher.update(len(data).to_bytes(8, "little"))
                hasher.update(data)
            if self._excluded is not None:
                hasher.update(repr(self._excluded).encode("utf-8"))
            self._sha256 = hasher.hexdigest()
        return self._sha256

    @property
    def cache_key(self) -> str:
        """Key of this corpus's cached counts: content hash, cleaning and tokenizer version."""
        cleaning = "explicit" if self._excluded is not None else f"clean={self.clean}"
        return digest("counts-v1", self.sha256, cleaning, TOKENIZER_VERSION)[:32]

    def _count_paths(self, n: int) -> tuple[Path, Path]:
        folder = cache_dir() / "counts"
        stem = f"{self.cache_key}-n{n}"
        return folder / f"{stem}.npz", folder / f"{stem}.terms.parquet"

    def document_term_matrix(self, n: int = 1) -> DocumentTermMatrix:
        """Counts of every ``n``-gram in every document, from the cache when it has them.

        Examples
        --------
        >>> dtm = Corpus(["Gangs, gangs.", "Police"]).document_term_matrix()
        >>> dtm.terms.tolist(), dtm.matrix.toarray().tolist()
        (['gangs', 'police'], [[2, 0], [0, 1]])
        """
        if n in self._dtm:
            return self._dtm[n]
        matrix_path, terms_path = self._count_paths(n)
        dtm = None
        if matrix_path.exists() and terms_path.exists():
            with contextlib.suppress(Exception):  # a damaged cache file is a miss
                terms, _ = read_terms(terms_path)
                matrix = sp.load_npz(matrix_path).tocsr()
                if matrix.shape == (len(self), len(terms)):
                    dtm = DocumentTermMatrix(matrix, terms, n)
        if dtm is None:
            matrix, terms = count_terms(self._texts, n, [self._segments(i) for i in range(len(self))])
            dtm = DocumentTermMatrix(matrix, terms, n)
            write_cache_file(matrix_path, lambda stream: sp.save_npz(stream, matrix, compressed=False))
            write_terms(terms_path, dtm.totals())
        self._dtm[n] = dtm
        return dtm

    def term_frequencies(self, n: int = 1) -> pd.Series:
        """Corpus-wide count of each ``n``-gram: a Series indexed by term, sorted by term.

        Reads only the small cached totals when they are there (not the whole matrix).

        Examples
        --------
        >>> Corpus(["Illegal migrants", "illegal routes"]).term_frequencies(2).to_dict()
        {'illegal migrants': 1, 'illegal routes': 1}
        """
        if n not in self._totals:
            _, terms_path = self._count_paths(n)
            totals = None
            if n not in self._dtm and terms_path.exists():
                with contextlib.suppress(Exception):
                    terms, counts = read_terms(terms_path)
                    totals = pd.Series(counts, index=pd.Index(terms, name="term"), name="count")
            if totals is None:
                totals = self.document_term_matrix(n).totals()
            self._totals[n] = totals
        return self._totals[n]

    def total_terms(self, n: int = 1) -> int:
        """How many ``n``-gram positions the corpus has (for ``n=1``: its token count)."""
        return int(self.term_frequencies(n).sum())

    def token_counts(self) -> pd.Series:
        """Tokens in each document (a Series indexed by ``doc_id``)."""
        counts = np.asarray(self.document_term_matrix(1).matrix.sum(axis=1)).ravel()
        return pd.Series(counts.astype(np.int64), index=pd.Index(self.doc_ids, name="doc_id"), name="tokens")

    # ---- document-level scores

    def scores(self, lexicon=None, *, targets=None, frames=None, progress: bool = False) -> pd.DataFrame:
        """Every document's scores (:meth:`framing.analysis.Analysis.document_scores`), one row a document.

        Computed once per corpus, lexicon, targets, frames, scoring rules
        (:data:`framing.analysis.SCORING_VERSION`) and package versions, then read from the cache.

        Parameters
        ----------
        lexicon : str, path, Lexicon or a sequence of them, optional
            Default the package's (``("migration", "loaded")``, as :func:`framing.analyze`).
        targets, frames : str, path or Lexicon, optional
            Target groups and frame cues (default: the package's, as :func:`framing.analyze`).
        progress : bool
            Show a progress bar while scoring (the first time only).

        Returns
        -------
        DataFrame
            Indexed by ``doc_id``; one column a score (``loaded_index``, ``vader_compound`` ...).
        """
        from framing.analysis import (
            DEFAULT_FRAMES,
            DEFAULT_LEXICONS,
            DEFAULT_TARGETS,
            SCORING_VERSION,
            analyze,
            load_lexicons,
        )
        from framing.measures.lexicon import load_lexicon

        lexicon = load_lexicons(DEFAULT_LEXICONS if lexicon is None else lexicon)
        targets = load_lexicon(DEFAULT_TARGETS if targets is None else targets)
        frames = load_lexicon(DEFAULT_FRAMES if frames is None else frames)
        hashes = (*(each.sha256 for each in lexicon), targets.sha256, frames.sha256, SCORING_VERSION)
        key = digest("scores-v3", self.cache_key, *hashes, *score_versions())[:32]
        if key in self._scores:
            return self._scores[key]
        path = cache_dir() / "scores" / f"{key}.parquet"
        frame = None
        if path.exists():
            with contextlib.suppress(Exception):
                frame = pd.read_parquet(path)
                if len(frame) == len(self):
                    frame.index = pd.Index(self.doc_ids, name="doc_id")  # rows follow the texts
                else:
                    frame = None
        if frame is None:
            indices = range(len(self))
            if progress:
                from tqdm.auto import tqdm

                indices = tqdm(indices, desc=f"scoring {self.name}", unit="doc")
            rows = [
                analyze(self[i], lexicon=lexicon, targets=targets, frames=frames).document_scores()
                for i in indices
            ]
            frame = pd.DataFrame(rows).astype(float)
            frame.index = pd.Index(self.doc_ids, name="doc_id")
            write_cache_file(path, lambda stream: frame.to_parquet(stream))
        self._scores[key] = frame
        return frame

    # ---- provenance

    def provenance(self) -> dict:
        """Name, source, size and content hash, for reports.

        Examples
        --------
        >>> Corpus(["a"], name="x").provenance()["documents"]
        1
        """
        return {
            "name": self.name,
            "source": self.source,
            "documents": len(self),
            "sha256": self.sha256,
            "tokenizer_version": TOKENIZER_VERSION,
        }


def _metadata_frame(metadata: pd.DataFrame | None, length: int, name: str) -> pd.DataFrame:
    frame = (
        pd.DataFrame(index=range(length))
        if metadata is None
        else pd.DataFrame(metadata).reset_index(drop=True)
    )
    if len(frame) != length:
        raise CorpusError(f"{name}: metadata has {len(frame)} rows for {length} documents")
    if "doc_id" not in frame.columns:
        frame.insert(0, "doc_id", [f"doc-{i}" for i in range(1, length + 1)])
    else:
        frame.insert(0, "doc_id", frame.pop("doc_id").astype(str))
    duplicated = frame["doc_id"].duplicated()
    if duplicated.any():
        row = int(np.flatnonzero(duplicated)[0])
        raise CorpusError(
            f"{name}: doc_id {frame['doc_id'].iloc[row]!r} appears twice (again at row {row + 1})"
        )
    return frame


def _as_positions(rows, length: int):
    if isinstance(rows, slice):
        return rows
    array = np.asarray(rows)
    if array.dtype == bool:
        if len(array) != length:
            raise IndexError(f"boolean mask of length {len(array)} for {length} documents")
        return array
    return array.astype(int)


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value))
