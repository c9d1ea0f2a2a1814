"""Term counts: documents to a sparse document-term matrix of n-grams.

Words are :data:`framing.text.words.WORD_PATTERN` matches, lower-cased, so a
word is the same word here and in :mod:`framing.analysis`.

Examples
--------
>>> matrix, terms = count_terms(["Gangs exploit migrants."])
>>> terms.tolist()
['exploit', 'gangs', 'migrants']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from framing.text.words import WORD_PATTERN, fold


def count_terms(texts: Sequence[str], n: int = 1) -> tuple[sp.csr_matrix, np.ndarray]:
    """Count the ``n``-grams of each text: a ``(documents x terms)`` CSR matrix and the sorted terms.

    Words are :data:`framing.text.words.WORD_PATTERN` matches, lower-cased; an
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
