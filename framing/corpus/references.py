"""Packaged reference corpora, loaded from the packages that ship them (never copied).

``lee``
    The Lee background corpus: 300 Australian Broadcasting Corporation news
    stories, one a line, as gensim ships it (``corpora/lee.yaml``).
``wordfreq-en``
    General-English word frequencies from wordfreq's large English list as
    pseudo-counts (``corpora/wordfreq-en.yaml``): a reference for keyness, not
    a set of documents.

Examples
--------
>>> sorted(PACKAGED)
['lee', 'wordfreq-en']
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import numpy as np
import pandas as pd

from framing.analysis import package_versions
from framing.corpus.cache import cache_dir, digest, read_terms, write_terms
from framing.corpus.core import Corpus, CorpusError
from framing.corpus.counts import DocumentTermMatrix
from framing.text.document import decode
from framing.text.words import TOKENIZER_VERSION, WORD_PATTERN, fold

#: Packaged references: name -> one-line description (the ``corpora/<name>.yaml`` files say more).
PACKAGED = {
    "lee": "300 ABC news stories (about 2001), shipped by gensim as lee_background.cor",
    "wordfreq-en": "general-English word frequencies, wordfreq's large English list (keyness only)",
}


#: Notional size, in tokens, of the wordfreq reference: frequencies become counts against it.
WORDFREQ_TOTAL = 1_000_000_000


_PACKAGED_LOADED: dict[tuple[str, bool], Corpus] = {}


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
        self._sha256 = digest(
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

    def scores(self, lexicon=None, *, targets=None, frames=None, progress: bool = False) -> pd.DataFrame:
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


def read_descriptor(name: str) -> dict:
    """The descriptor ``corpora/<name>.yaml`` of a packaged corpus, as a dict ({} when not found).

    Looked for in ``./corpora`` and beside the package's source tree.

    Examples
    --------
    >>> read_descriptor("no-such-corpus")
    {}
    """
    import yaml

    for folder in (Path.cwd() / "corpora", Path(__file__).resolve().parents[2] / "corpora"):
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
        cache_dir() / "frequencies" / f"{digest('wordfreq-en-v1', version, TOKENIZER_VERSION)[:32]}.parquet"
    )
    if path.exists():
        with contextlib.suppress(Exception):  # a damaged cache file is a miss
            terms, counts = read_terms(path)
            table = pd.Series(counts, index=pd.Index(terms, name="term"), name="count")
            return FrequencyCorpus(
                table, total=WORDFREQ_TOTAL, name="wordfreq-en", source=source, counts=True
            )
    import wordfreq

    frequencies = wordfreq.get_frequency_dict("en", wordlist="large")
    kept = [(fold(w), f) for w, f in frequencies.items() if re.fullmatch(WORD_PATTERN, w)]
    series = pd.Series([f for _, f in kept], index=[w for w, _ in kept], dtype=float)
    corpus = FrequencyCorpus(series, total=WORDFREQ_TOTAL, name="wordfreq-en", source=source)
    write_terms(path, corpus._counts)
    return corpus


def load_packaged(name: str, clean: bool = True) -> Corpus:
    """A packaged reference by name (loaded once per process), with its descriptor.

    Examples
    --------
    >>> load_packaged("lee").descriptor["name"]
    'lee'
    """
    key = (name, clean)
    if key not in _PACKAGED_LOADED:
        corpus = _load_lee(clean) if name == "lee" else _load_wordfreq()
        corpus.descriptor = read_descriptor(name)
        _PACKAGED_LOADED[key] = corpus
    return _PACKAGED_LOADED[key]
