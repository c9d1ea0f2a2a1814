"""Term counts: documents to a sparse document-term matrix of n-grams.

Words are :data:`framing.text.words.WORD_PATTERN` matches, folded
(:func:`framing.text.words.fold`), so a word is the same word here and in
:mod:`framing.analysis`; n-grams stay inside one run of text
(:func:`framing.text.words.phrase_runs`): never across a paragraph break or
removed boilerplate, as with lexicon matches and KWIC.

Examples
--------
>>> matrix, terms = count_terms(["Gangs exploit migrants."])
>>> terms.tolist()
['exploit', 'gangs', 'migrants']
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from framing.text.words import ngrams


def _document_ngrams(document: tuple, n: int) -> list[str]:
    text, segments = document
    return ngrams(text, n, segments)


def count_terms(
    texts: Sequence[str], n: int = 1, segments: Sequence | None = None
) -> tuple[sp.csr_matrix, np.ndarray]:
    """Count the ``n``-grams of each text: a ``(documents x terms)`` CSR matrix and the sorted terms.

    An ``n``-gram is ``n`` consecutive words of one run of text joined by a
    space (:func:`framing.text.words.ngrams`).

    Parameters
    ----------
    texts : sequence of str
    n : int
    segments : sequence, optional
        One entry per text: its ``(start, end)`` ranges of article text
        (``Document.segments``), or None for all of it. Default: all of every text.

    Examples
    --------
    >>> matrix, terms = count_terms(["Gangs exploit migrants.", "Migrants wait"], n=2)
    >>> terms.tolist(), matrix.toarray().tolist()
    (['exploit migrants', 'gangs exploit', 'migrants wait'], [[1, 1, 0], [0, 0, 1]])
    >>> text = "Gangs exploit.\\nMigrants wait. [advert] Police act"
    >>> count_terms([text], 2, segments=[[(0, 29), (38, 49)]])[1].tolist()  # no "exploit migrants"
    ['gangs exploit', 'migrants wait', 'police act']
    """
    from sklearn.feature_extraction.text import CountVectorizer

    if n < 1:
        raise ValueError(f"n-gram size must be at least 1, not {n}")
    if segments is not None and len(segments) != len(texts):
        raise ValueError(f"{len(segments)} segment lists for {len(texts)} texts")
    documents = list(zip(texts, segments if segments is not None else [None] * len(texts), strict=True))
    vectorizer = CountVectorizer(analyzer=functools.partial(_document_ngrams, n=n), dtype=np.int32)
    try:
        matrix = vectorizer.fit_transform(documents)
    except ValueError:  # no document has an n-gram: an empty vocabulary
        return sp.csr_matrix((len(texts), 0), dtype=np.int32), np.array([], dtype=object)
    terms = vectorizer.get_feature_names_out().astype(object)
    return matrix.tocsr(), terms


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
