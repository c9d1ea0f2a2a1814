"""Features of raw text for scikit-learn: lexicon categories, word valence, sentence sentiment.

Two transformers following the estimator API (``fit`` / ``transform`` /
``get_feature_names_out``, parameters set in ``__init__`` and nothing else), so
they sit in a ``Pipeline`` or ``FeatureUnion`` beside a ``TfidfVectorizer``:

- :class:`LexiconFeatures`: per lexicon category, the summed weights (or the
  count) of its matches; per text, the number of words of strong negative and
  strong positive VADER valence and of strong Pattern subjectivity
  (:mod:`framing.measures.valence`, read from the packages that ship them).
  For now every match counts, in the author's voice or inside a quote.
- :class:`SentimentFeatures`: VADER neg/neu/pos/compound and TextBlob
  polarity/subjectivity of each text (:mod:`framing.measures.sentiment`).

Both take a sequence of texts (one string per sample), as scikit-learn's text
vectorizers do, and say so in their tags (``input_tags.string``, no 2-D array).
``sklearn.utils.estimator_checks.check_estimator`` skips every check for such an
estimator (its checks feed numeric 2-D arrays); the test suite runs the checks
that take no data (cloning, ``get_params``/``set_params``, repr, nothing set in
``__init__``, tags) and text versions of the ones that do (``fit`` returns self,
parameters untouched by ``fit``, unfitted use refused, ``fit_transform`` equals
``fit`` then ``transform``, feature names match the columns, pickling).

Examples
--------
>>> from framing.measures.lexicon import Lexicon
>>> lexicon = Lexicon.from_terms({"hyperbole": ["slash"], "crime": ["gangs"]}, name="demo")
>>> features = LexiconFeatures(lexicons=(lexicon,)).fit(["Gangs slash prices."])
>>> features.get_feature_names_out()[:2].tolist()
['demo:hyperbole', 'demo:crime']
>>> features.transform(["They slash and slash."])[0, :2].tolist()
[2.0, 0.0]
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from framing.analysis import DEFAULT_LEXICONS
from framing.measures.lexicon import Lexicon, load_lexicon, packaged_lexicons
from framing.measures.sentiment import SENTIMENT_COLUMNS, sentence_sentiment
from framing.measures.valence import STRONG_SUBJECTIVITY, STRONG_VALENCE, pattern_subjectivity, vader_valence
from framing.text.words import fold, word_spans

#: The word-signal features of :class:`LexiconFeatures`, after the lexicon categories.
SIGNAL_FEATURES = ("valence:strong_negative", "valence:strong_positive", "subjectivity:strong")
#: The columns of :meth:`LexiconFeatures.spans`.
SPAN_COLUMNS = ["feature", "start", "end", "text", "entry", "value"]
#: Characters of text whose feature rows are kept between calls (see :class:`RowCache`).
CACHE_CHARACTERS = 20_000_000


class RowCache:
    """Feature rows of texts already seen, per configuration, up to ``characters`` of text.

    Both transformers learn nothing from data, so a text's row depends only on
    the text and the configuration; cross-validation transforms every text once
    per fold and again for the final fit, and the cache computes it once. When
    full it is emptied (no eviction bookkeeping in the hot path).

    Examples
    --------
    >>> cache = RowCache(characters=100)
    >>> calls = []
    >>> compute = lambda texts: calls.append(len(texts)) or np.ones((len(texts), 2))
    >>> cache.rows(("demo",), ["a", "b"], compute).shape, cache.rows(("demo",), ["b", "c"], compute).shape
    ((2, 2), (2, 2))
    >>> calls  # "b" was computed once
    [2, 1]
    """

    def __init__(self, characters: int = CACHE_CHARACTERS):
        self.characters = characters
        self._rows: dict = {}
        self._size = 0

    def rows(self, key, texts: list[str], compute) -> np.ndarray:
        """The rows of ``texts`` under configuration ``key``; ``compute(texts)`` makes the missing ones."""
        if not texts:
            return compute(texts)
        table = self._rows.setdefault(key, {})
        missing = list(dict.fromkeys(t for t in texts if t not in table))
        if missing:
            size = sum(map(len, missing))
            if size > self.characters:
                return compute(texts)
            if self._size + size > self.characters:
                self._rows.clear()
                self._size = 0
                table = self._rows.setdefault(key, {})
            table.update(zip(missing, compute(missing), strict=True))
            self._size += size
        return np.array([table[t] for t in texts], dtype=float).reshape(len(texts), -1)


_CACHE = RowCache()


def check_texts(X, what: str = "X") -> list[str]:
    """``X`` as a list of texts; a single string, a missing value or a non-text is refused by position.

    Examples
    --------
    >>> check_texts(np.array(["a", "b"], dtype=object))
    ['a', 'b']
    >>> check_texts("one text")
    Traceback (most recent call last):
    ...
    ValueError: X: expected a sequence of texts, got one str (wrap it in a list)
    """
    if isinstance(X, str | bytes):
        raise ValueError(
            f"{what}: expected a sequence of texts, got one {type(X).__name__} (wrap it in a list)"
        )
    if isinstance(X, pd.DataFrame | np.ndarray) and np.ndim(X) != 1:
        raise ValueError(f"{what}: expected a one-dimensional sequence of texts, got shape {np.shape(X)}")
    if not isinstance(X, Iterable):
        raise ValueError(f"{what}: expected a sequence of texts, got {type(X).__name__}")
    texts = list(X)
    for position, text in enumerate(texts):
        if not isinstance(text, str):
            raise ValueError(f"{what}: item {position} is {type(text).__name__} {text!r}, not a text")
    return texts


def resolve_lexicons(lexicons) -> tuple:
    """The lexicons to use: as given (names, paths or Lexicon objects), or ``analyze``'s packaged defaults.

    Examples
    --------
    >>> "migration" in resolve_lexicons(None)
    True
    """
    if lexicons is None:
        return tuple(name for name in DEFAULT_LEXICONS if name in packaged_lexicons())
    if isinstance(lexicons, str | Lexicon) or not isinstance(lexicons, Iterable):
        lexicons = (lexicons,)
    return tuple(x if isinstance(x, Lexicon) else str(x) for x in lexicons)


class LexiconFeatures(TransformerMixin, BaseEstimator):
    """Lexicon-category weights and strong-valence / strong-subjectivity word counts of each text.

    Parameters
    ----------
    lexicons : sequence of str, path or Lexicon, optional
        Packaged lexicon names or lexicon files (a model is saved only with
        these), or Lexicon objects. Default: ``("migration", "loaded")``, or
        the packaged ones of those.
    weighted : bool
        Sum each match's entry weight (1-3); ``False`` counts matches.
    strong_valence : float
        A word counts as strongly valenced when its VADER valence is at least
        this in size (default :data:`framing.measures.valence.STRONG_VALENCE`).
    strong_subjectivity : float
        A word counts as strongly subjective when its Pattern subjectivity is
        at least this (default :data:`framing.measures.valence.STRONG_SUBJECTIVITY`).

    Attributes
    ----------
    lexicon_names_ : tuple of str
        The lexicons' names, as they prefix the feature names.
    lexicon_sha256_ : tuple of str
        The lexicons' content hashes at ``fit``; ``transform`` warns when one changed.
    feature_names_ : ndarray of str
        ``"<lexicon>:<category>"`` for every declared category, then :data:`SIGNAL_FEATURES`.

    Examples
    --------
    >>> features = LexiconFeatures(lexicons=("migration",)).fit(["Migrants arrived."])
    >>> X = features.transform(["A brutal, disastrous war.", "The report."])
    >>> names = features.get_feature_names_out().tolist()
    >>> X[0, names.index("valence:strong_negative")], X[1].sum()
    (np.float64(3.0), np.float64(0.0))
    """

    def __init__(
        self,
        lexicons=None,
        weighted: bool = True,
        strong_valence: float = STRONG_VALENCE,
        strong_subjectivity: float = STRONG_SUBJECTIVITY,
    ):
        self.lexicons = lexicons
        self.weighted = weighted
        self.strong_valence = strong_valence
        self.strong_subjectivity = strong_subjectivity

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags

    def _loaded(self) -> list[Lexicon]:
        return [load_lexicon(source) for source in resolve_lexicons(self.lexicons)]

    def fit(self, X, y=None):
        """Resolve the lexicons and fix the feature names; ``X`` is only checked.

        Examples
        --------
        >>> LexiconFeatures(lexicons=("migration",)).fit(["Text."]).lexicon_names_
        ('migration',)
        """
        check_texts(X)
        lexicons = self._loaded()
        names = [lexicon.name for lexicon in lexicons]
        if len(set(names)) != len(names):
            raise ValueError(f"lexicons: two lexicons share a name ({names}); feature names would clash")
        self.lexicon_names_ = tuple(names)
        self.lexicon_sha256_ = tuple(lexicon.sha256 for lexicon in lexicons)
        self.feature_names_ = np.asarray(_feature_names(lexicons), dtype=object)
        return self

    def _checked_lexicons(self) -> list[Lexicon]:
        check_is_fitted(self, "feature_names_")
        lexicons = self._loaded()
        if _feature_names(lexicons) != self.feature_names_.tolist():
            raise ValueError(
                f"lexicons {[x.path for x in lexicons]}: their categories changed since fit; refit the model"
            )
        for lexicon, sha in zip(lexicons, self.lexicon_sha256_, strict=True):
            if lexicon.sha256 != sha:
                warnings.warn(
                    f"{lexicon.path}: the lexicon changed since the model was fitted (sha256 {sha[:12]}...)",
                    stacklevel=3,
                )
        return lexicons

    def _hits(self, text: str, lexicons: list[Lexicon], columns: dict):
        """``(column, start, end, entry id, value)`` of every lexicon match and strong word in ``text``."""
        for lexicon in lexicons:
            for match in lexicon.match(text):
                column = columns[f"{lexicon.name}:{match.entry.category}"]
                value = float(match.entry.weight) if self.weighted else 1.0
                yield column, match.start, match.end, f"{lexicon.name}:{match.entry.id}", value
        valence, subjectivity = vader_valence(), pattern_subjectivity()
        negative, positive, subjective = (columns[name] for name in SIGNAL_FEATURES)
        for start, end in word_spans(text):
            word = fold(text[start:end])
            score = valence.get(word, 0.0)
            if score <= -self.strong_valence:
                yield negative, start, end, "", 1.0
            elif score >= self.strong_valence:
                yield positive, start, end, "", 1.0
            if subjectivity.get(word, 0.0) >= self.strong_subjectivity:
                yield subjective, start, end, "", 1.0

    def transform(self, X) -> np.ndarray:
        """One row per text, one column per feature name.

        Examples
        --------
        >>> features = LexiconFeatures(lexicons=("migration",)).fit(["Text."])
        >>> features.transform(["Smuggling gangs.", "Rain."]).shape == (2, len(features.feature_names_))
        True
        """
        lexicons = self._checked_lexicons()
        texts = check_texts(X)
        columns = {name: i for i, name in enumerate(self.feature_names_)}

        def compute(batch: list[str]) -> np.ndarray:
            out = np.zeros((len(batch), len(columns)))
            for row, text in enumerate(batch):
                for column, _, _, _, value in self._hits(text, lexicons, columns):
                    out[row, column] += value
            return out

        key = (
            "lexicon",
            tuple((x.path, x.sha256) for x in lexicons),
            bool(self.weighted),
            float(self.strong_valence),
            float(self.strong_subjectivity),
        )
        return _CACHE.rows(key, texts, compute)

    def spans(self, text: str) -> pd.DataFrame:
        """What each feature counted in ``text``: one row per match or strong word, with offsets.

        Examples
        --------
        >>> features = LexiconFeatures(lexicons=("migration",)).fit(["Text."])
        >>> features.spans("A brutal war.")[["feature", "start", "end", "text"]].values.tolist()
        [['valence:strong_negative', 2, 8, 'brutal'], ['subjectivity:strong', 2, 8, 'brutal'], \
['valence:strong_negative', 9, 12, 'war']]
        """
        lexicons = self._checked_lexicons()
        columns = {name: i for i, name in enumerate(self.feature_names_)}
        rows = [
            (self.feature_names_[column], start, end, text[start:end], entry, value)
            for column, start, end, entry, value in self._hits(text, lexicons, columns)
        ]
        return pd.DataFrame(rows, columns=SPAN_COLUMNS).astype({"start": "int64", "end": "int64"})

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """The feature names: ``"<lexicon>:<category>"``, then :data:`SIGNAL_FEATURES`."""
        check_is_fitted(self, "feature_names_")
        return self.feature_names_.copy()


class SentimentFeatures(TransformerMixin, BaseEstimator):
    """VADER neg/neu/pos/compound and TextBlob polarity/subjectivity of each text.

    Stateless: ``fit`` only checks its input, and ``transform`` needs no fit
    (the ``requires_fit`` tag is off, as for ``HashingVectorizer``).

    Examples
    --------
    >>> features = SentimentFeatures()
    >>> features.get_feature_names_out()[3]
    'vader_compound'
    >>> float(features.transform(["A terrible disaster."])[0, 3]) < 0
    True
    """

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.requires_fit = False
        return tags

    def fit(self, X, y=None):
        """Check ``X``; nothing is learnt."""
        check_texts(X)
        return self

    def transform(self, X) -> np.ndarray:
        """One row per text, the columns of :data:`framing.measures.sentiment.SENTIMENT_COLUMNS`."""
        texts = check_texts(X)
        rows = _CACHE.rows(
            ("sentiment",), texts, lambda batch: sentence_sentiment(batch).to_numpy(dtype=float)
        )
        return rows.reshape(len(texts), len(SENTIMENT_COLUMNS))

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """The sentiment column names."""
        return np.asarray(SENTIMENT_COLUMNS, dtype=object)


def _feature_names(lexicons: list[Lexicon]) -> list[str]:
    names = [f"{lexicon.name}:{category}" for lexicon in lexicons for category in lexicon.categories]
    return names + list(SIGNAL_FEATURES)
