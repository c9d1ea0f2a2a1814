"""Reference corpora: loaders, packaged references and cached term counts.

A :class:`Corpus` is a list of documents with a metadata DataFrame (one row a
document: ``doc_id`` and whatever is known, such as outlet, date, title). It
loads from a folder of ``.txt`` files (with an optional ``metadata.csv``
keyed by file name), a CSV, JSONL or Parquet file with a text column, an NLTK
``CorpusReader``, or a packaged name:

``lee``
    The Lee background corpus: 300 Australian Broadcasting Corporation news
    stories, one a line, as gensim ships it (``corpora/lee.yaml``).
``wordfreq-en``
    General-English word frequencies from wordfreq's large English list as
    pseudo-counts (``corpora/wordfreq-en.yaml``): a reference for keyness, not
    a set of documents.

Term counts go through scikit-learn's ``CountVectorizer`` with the engine's
word pattern (:data:`framing.nlp.WORD_PATTERN`), so a word is the same word
here and in :mod:`framing.analysis`. Counts and per-document reference scores
are cached on disk under ``$FRAMING_CACHE`` (default ``~/.cache/framing``),
keyed by the corpus content hash and the tokenizer version (and, for scores,
the lexicon hash and package versions); files are written to a temporary
name and renamed, so a reader never sees half a file.

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
import json
import os
import re
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp

from framing.analysis import package_versions
from framing.document import Document, decode, find_boilerplate
from framing.files import atomic_write
from framing.nlp import TOKENIZER_VERSION, WORD_PATTERN, fold

#: Environment variable naming the cache folder.
CACHE_ENV = "FRAMING_CACHE"

#: Packaged references: name -> one-line description (the ``corpora/<name>.yaml`` files say more).
PACKAGED = {
    "lee": "300 ABC news stories (about 2001), shipped by gensim as lee_background.cor",
    "wordfreq-en": "general-English word frequencies, wordfreq's large English list (keyness only)",
}

#: Notional size, in tokens, of the wordfreq reference: frequencies become counts against it.
WORDFREQ_TOTAL = 1_000_000_000

_TABLE_SUFFIXES = {".csv": "csv", ".tsv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}
_PACKAGED_LOADED: dict[tuple[str, bool], Corpus] = {}


class CorpusError(ValueError):
    """A corpus source is malformed; the message names the file, column or row."""


# --------------------------------------------------------------------------- cache


def cache_dir() -> Path:
    """The cache folder: ``$FRAMING_CACHE`` or ``~/.cache/framing``.

    Examples
    --------
    >>> isinstance(cache_dir(), Path)
    True
    """
    configured = os.environ.get(CACHE_ENV)
    return Path(configured) if configured else Path.home() / ".cache" / "framing"


def _write_atomic(path: Path, write) -> None:
    """Write a cache file atomically (see :func:`framing.files.atomic_write`).

    A cache that cannot be written (read-only folder, full disk) is a warning, not an error.
    """
    try:
        atomic_write(path, write)
    except OSError as error:
        warnings.warn(f"framing: could not write cache file {path}: {error}", stacklevel=3)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def count_terms(texts: Sequence[str], n: int = 1) -> tuple[sp.csr_matrix, np.ndarray]:
    """Count the ``n``-grams of each text: a ``(documents x terms)`` CSR matrix and the sorted terms.

    Words are :data:`framing.nlp.WORD_PATTERN` matches, lower-cased; an
    ``n``-gram is ``n`` consecutive words joined by a space.

    Examples
    --------
    >>> matrix, terms = count_terms(["Gangs exploit migrants.", "Migrants wait"], n=2)
    >>> terms.tolist(), matrix.toarray().tolist()
    (['exploit migrants', 'gangs exploit', 'migrants wait'], [[1, 1, 0], [0, 0, 1]])
    """
    from sklearn.feature_extraction.text import CountVectorizer

    if n < 1:
        raise ValueError(f"n-gram size must be at least 1, not {n}")
    vectorizer = CountVectorizer(
        token_pattern=WORD_PATTERN, preprocessor=fold, ngram_range=(n, n), dtype=np.int32
    )
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # no document has an n-gram: an empty vocabulary
        return sp.csr_matrix((len(texts), 0), dtype=np.int32), np.array([], dtype=object)
    terms = vectorizer.get_feature_names_out().astype(object)
    return matrix.tocsr(), terms


# --------------------------------------------------------------------------- corpora


@dataclass(frozen=True)
class DocumentTermMatrix:
    """Counts of one n-gram order: ``matrix[i, j]`` is how often ``terms[j]`` occurs in document ``i``."""

    matrix: sp.csr_matrix
    terms: np.ndarray
    n: int = 1

    def totals(self) -> pd.Series:
        """Corpus-wide count of each term (a Series indexed by term)."""
        total = np.asarray(self.matrix.sum(axis=0), dtype=np.int64).ravel()
        return pd.Series(total, index=pd.Index(self.terms, name="term"), name="count")


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
        Mark page boilerplate in each text as excluded (see :func:`framing.document.find_boilerplate`).
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

    def bodies(self) -> list[str]:
        """Each document's article text with boilerplate left out (segments joined by a newline).

        Examples
        --------
        >>> Corpus(["Body.\\nAdvertisement\\nMore."]).bodies()
        ['Body.\\n\\nMore.']
        """
        out = []
        for index, text in enumerate(self._texts):
            excluded = self._excluded_ranges(index)
            if not excluded:
                out.append(text)
            else:
                document = Document(text, excluded=excluded)
                out.append("\n".join(text[s:e] for s, e in document.segments))
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
        return _digest("counts-v1", self.sha256, cleaning, TOKENIZER_VERSION)[:32]

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
                terms, _ = _read_terms(terms_path)
                matrix = sp.load_npz(matrix_path).tocsr()
                if matrix.shape == (len(self), len(terms)):
                    dtm = DocumentTermMatrix(matrix, terms, n)
        if dtm is None:
            matrix, terms = count_terms(self.bodies(), n)
            dtm = DocumentTermMatrix(matrix, terms, n)
            _write_atomic(matrix_path, lambda stream: sp.save_npz(stream, matrix, compressed=False))
            _write_terms(terms_path, dtm.totals())
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
                    terms, counts = _read_terms(terms_path)
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

    def scores(
        self, lexicon="migration", *, targets=None, frames=None, progress: bool = False
    ) -> pd.DataFrame:
        """Every document's scores (:meth:`framing.analysis.Analysis.document_scores`), one row a document.

        Computed once per corpus, lexicon, targets, frames, scoring rules
        (:data:`framing.analysis.SCORING_VERSION`) and package versions, then read from the cache.

        Parameters
        ----------
        lexicon : str, path or Lexicon
        targets, frames : str, path or Lexicon, optional
            Target groups and frame cues (default: the package's, as :func:`framing.analyze`).
        progress : bool
            Show a progress bar while scoring (the first time only).

        Returns
        -------
        DataFrame
            Indexed by ``doc_id``; one column a score (``loaded_index``, ``vader_compound`` ...).
        """
        from framing.analysis import DEFAULT_FRAMES, DEFAULT_TARGETS, SCORING_VERSION, analyze
        from framing.lexicon import load_lexicon

        lexicon = load_lexicon(lexicon)
        targets = load_lexicon(DEFAULT_TARGETS if targets is None else targets)
        frames = load_lexicon(DEFAULT_FRAMES if frames is None else frames)
        hashes = (lexicon.sha256, targets.sha256, frames.sha256, SCORING_VERSION)
        key = _digest("scores-v2", self.cache_key, *hashes, *_score_versions())[:32]
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
            _write_atomic(path, lambda stream: frame.to_parquet(stream))
        self._scores[key] = frame
        return frame

    # ---- provenance

    @property
    def descriptor(self) -> dict:
        """The ``corpora/<name>.yaml`` descriptor of a packaged corpus (empty for others)."""
        return read_descriptor(self.name) if self.name in PACKAGED else {}

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


class FrequencyCorpus(Corpus):
    """A reference that is a word-frequency list, not documents: good for keyness only.

    Frequencies become pseudo-counts against a stated notional total:
    ``count = round(frequency * total)`` (words listed twice are summed). With
    ``counts=True`` the values are taken as counts already.

    Examples
    --------
    >>> ref = FrequencyCorpus({"the": 0.05, "migrants": 1e-5}, total=1_000_000, name="toy")
    >>> ref.term_frequencies().to_dict(), ref.total_terms()
    ({'migrants': 10, 'the': 50000}, 1000000)
    """

    has_documents = False

    def __init__(
        self,
        frequencies,
        *,
        total: int,
        name: str = "frequencies",
        source: str = "<memory>",
        counts: bool = False,
    ) -> None:
        series = pd.Series(frequencies, dtype=float)
        values = series.to_numpy() if counts else series.to_numpy() * total
        table = pd.Series(
            np.rint(values).astype(np.int64),
            index=pd.Index(series.index.astype(str), name="term"),
            name="count",
        )
        table = table[table > 0]
        if not (table.index.is_unique and table.index.is_monotonic_increasing):
            table = table.groupby(level=0).sum().sort_index()
        super().__init__([], name=name, source=source, clean=False)
        self.total = int(total)
        self._counts = table
        self._sha256 = _digest(
            "frequencies-v1", str(total), "\x1e".join(table.index), table.to_numpy().tobytes().hex()
        )

    def __repr__(self) -> str:
        return f"<FrequencyCorpus {self.name!r}: {len(self._counts):,} words, {self.total:,} notional tokens>"

    def _refuse(self, what: str):
        raise CorpusError(
            f"{self.name} is a word-frequency list, not a set of documents: it can serve as a keyness "
            f"reference but not for {what}; use a document corpus such as 'lee'"
        )

    def __getitem__(self, key):
        self._refuse("single documents")

    def bodies(self) -> list[str]:
        self._refuse("document texts")

    def document_term_matrix(self, n: int = 1) -> DocumentTermMatrix:
        self._refuse("per-document counts")

    def scores(self, lexicon="migration", *, targets=None, progress: bool = False) -> pd.DataFrame:
        self._refuse("document-level positioning")

    def term_frequencies(self, n: int = 1) -> pd.Series:
        """Pseudo-counts of words; there are no n-grams in a word list."""
        if n != 1:
            raise CorpusError(
                f"{self.name} has single-word frequencies only: use ngram_range=(1, 1), not n={n}"
            )
        return self._counts

    def total_terms(self, n: int = 1) -> int:
        """The stated notional total (not the sum of the listed counts: the list omits rare words)."""
        self.term_frequencies(n)
        return self.total

    def provenance(self) -> dict:
        info = super().provenance()
        info.update(documents=0, words=len(self._counts), notional_tokens=self.total)
        return info


# --------------------------------------------------------------------------- loading


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
        Naming the file, column or row that is wrong.

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
        return Corpus(source, name=name or "corpus", clean=clean)
    if isinstance(source, str) and source in PACKAGED and not os.path.exists(source):
        key = (source, clean)
        if key not in _PACKAGED_LOADED:
            _PACKAGED_LOADED[key] = _load_lee(clean) if source == "lee" else _load_wordfreq()
        return _PACKAGED_LOADED[key]
    path = Path(source)
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


def read_descriptor(name: str) -> dict:
    """The descriptor ``corpora/<name>.yaml`` of a packaged corpus, as a dict ({} when not found).

    Looked for in ``./corpora`` and beside the package's source tree.

    Examples
    --------
    >>> read_descriptor("no-such-corpus")
    {}
    """
    import yaml

    for folder in (Path.cwd() / "corpora", Path(__file__).resolve().parent.parent / "corpora"):
        path = folder / f"{name}.yaml"
        if path.is_file():
            return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {}


def lee_path() -> str:
    """Where gensim keeps ``lee_background.cor`` (found without importing gensim, which is slow).

    Examples
    --------
    >>> lee_path().endswith("lee_background.cor")
    True
    """
    import importlib.util

    spec = importlib.util.find_spec("gensim")
    if spec is None or not spec.submodule_search_locations:
        raise CorpusError("the 'lee' corpus comes with gensim, which is not installed: pip install gensim")
    path = Path(list(spec.submodule_search_locations)[0]) / "test" / "test_data" / "lee_background.cor"
    if not path.is_file():
        raise CorpusError(f"{path}: gensim is installed but this copy has no lee_background.cor")
    return str(path)


def _load_lee(clean: bool) -> Corpus:
    path = lee_path()
    content = decode(Path(path).read_bytes(), path)
    lines = content.removesuffix("\n").split("\n")
    texts = [line.rstrip("\r") for line in lines]
    metadata = pd.DataFrame(
        {
            "doc_id": [f"lee-{i:03d}" for i in range(1, len(texts) + 1)],
            "line": range(1, len(texts) + 1),
            "outlet": "ABC",
        }
    )
    # named inside the gensim package, not by this machine's path, so reports are the same everywhere
    shipped = "gensim/test/test_data/lee_background.cor"
    sources = [f"{shipped}:{i}" for i in range(1, len(texts) + 1)]
    return Corpus(
        texts,
        metadata,
        name="lee",
        source=f"gensim {package_versions(('gensim',))['gensim']}: {shipped}",
        clean=clean,
        sources=sources,
    )


def _load_wordfreq() -> FrequencyCorpus:
    version = package_versions(("wordfreq",))["wordfreq"]
    source = f"wordfreq {version}: get_frequency_dict('en', wordlist='large')"
    path = (
        cache_dir() / "frequencies" / f"{_digest('wordfreq-en-v1', version, TOKENIZER_VERSION)[:32]}.parquet"
    )
    if path.exists():
        with contextlib.suppress(Exception):  # a damaged cache file is a miss
            terms, counts = _read_terms(path)
            table = pd.Series(counts, index=pd.Index(terms, name="term"), name="count")
            return FrequencyCorpus(
                table, total=WORDFREQ_TOTAL, name="wordfreq-en", source=source, counts=True
            )
    import wordfreq

    frequencies = wordfreq.get_frequency_dict("en", wordlist="large")
    kept = [(fold(w), f) for w, f in frequencies.items() if re.fullmatch(WORD_PATTERN, w)]
    series = pd.Series([f for _, f in kept], index=[w for w, _ in kept], dtype=float)
    corpus = FrequencyCorpus(series, total=WORDFREQ_TOTAL, name="wordfreq-en", source=source)
    _write_terms(path, corpus._counts)
    return corpus


def _from_folder(path: Path, *, clean: bool, name: str) -> Corpus:
    files = sorted(p for p in path.rglob("*.txt") if p.is_file())
    if not files:
        raise CorpusError(f"{path}: no .txt files in this folder")
    ids = [p.relative_to(path).as_posix() for p in files]
    metadata = pd.DataFrame({"doc_id": ids})
    metadata_path = path / "metadata.csv"
    if metadata_path.exists():
        table = _read_csv(metadata_path)
        if "file" not in table.columns:
            raise CorpusError(
                f"{metadata_path}: no 'file' column (columns: {', '.join(map(str, table.columns))})"
            )
        table["file"] = table["file"].astype(str)
        duplicated = table["file"].duplicated()
        if duplicated.any():
            row = int(np.flatnonzero(duplicated)[0])
            raise CorpusError(f"{metadata_path}: row {row + 1} names {table['file'].iloc[row]!r} again")
        known = set(ids)
        for row, file in enumerate(table["file"]):
            if file not in known:
                raise CorpusError(
                    f"{metadata_path}: row {row + 1} names {file!r}, which is not a .txt in {path}"
                )
        missing = [i for i in ids if i not in set(table["file"])]
        if missing:
            raise CorpusError(f"{metadata_path}: no row for {missing[0]!r}" + _more(missing))
        table = table.set_index("file").loc[ids].reset_index(drop=True)
        metadata = pd.concat([metadata, table.drop(columns=["doc_id"], errors="ignore")], axis=1)
    texts = [decode(p.read_bytes(), str(p)) for p in files]
    return Corpus(texts, metadata, name=name, source=str(path), clean=clean, sources=[str(p) for p in files])


def _from_table(frame, path: Path, *, text: str, id: str | None, clean: bool, name: str, csv: bool) -> Corpus:
    columns = ", ".join(map(str, frame.columns))
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
    metadata = pd.DataFrame({"doc_id": fileids})
    if callable(getattr(reader, "categories", None)):
        with contextlib.suppress(Exception):
            metadata["category"] = ["; ".join(reader.categories(f)) for f in fileids]
    root = str(getattr(reader, "root", type(reader).__name__))
    name = name or Path(root).name or type(reader).__name__
    return Corpus(
        texts, metadata, name=name, source=root, clean=clean, sources=[f"{root}/{f}" for f in fileids]
    )


def _read_csv(path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path, sep="\t" if path.suffix.lower() == ".tsv" else ",", encoding="utf-8-sig")
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as error:
        raise CorpusError(f"{path}: not a readable CSV file: {error}") from None


def _read_jsonl(path: Path) -> pd.DataFrame:
    records = []
    for number, line in enumerate(decode(path.read_bytes(), str(path)).splitlines(), start=1):
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


# --------------------------------------------------------------------------- helpers


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


def _more(items: list) -> str:
    return f" (and {len(items) - 1} more)" if len(items) > 1 else ""


def _write_terms(path: Path, totals: pd.Series) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"term": pa.array(totals.index.tolist(), pa.string()), "count": totals.to_numpy()})
    _write_atomic(path, lambda stream: pq.write_table(table, stream))


def _read_terms(path: Path) -> tuple[np.ndarray, np.ndarray]:
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    terms = np.asarray(table.column("term").to_pylist(), dtype=object)
    return terms, table.column("count").to_numpy()


def _score_versions() -> tuple[str, ...]:
    import framing

    versions = package_versions(("nltk", "textblob", "vadersentiment"))
    return (framing.__version__, TOKENIZER_VERSION) + tuple(f"{p}={v}" for p, v in versions.items())
