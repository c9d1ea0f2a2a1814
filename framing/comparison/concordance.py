"""Close reading of a corpus: keyword in context (KWIC), collocations, word positions.

Examples
--------
>>> kwic("Gangs exploit migrants. Police chase gangs.", "gangs", window=2)["right"].tolist()
['exploit migrants', '']
"""

from __future__ import annotations

import bisect
import re

import numpy as np
import pandas as pd

from framing.corpus import Corpus
from framing.text.document import Document, read_document
from framing.text.words import fold, phrase_runs, run_words, word_spans

KWIC_COLUMNS = ["doc_id", "start", "end", "left", "keyword", "right", "pattern"]
#: Characters of context each side in a concordance's HTML display.
HTML_CONTEXT = 60


class Concordance(pd.DataFrame):
    """What :func:`kwic` returns: a DataFrame that displays as an aligned concordance.

    It is the table it always was (columns, indexing, ``len``, every pandas
    method; slices and copies stay Concordances). Printed, and in a notebook,
    each line shows its left context right-aligned and cut on the left, the
    keyword centred in a column of its own, and its right context cut on the
    right; a table without ``left``, ``keyword`` and ``right`` displays as any
    DataFrame. Long concordances show their first and last lines, as pandas
    does (``display.max_rows``).

    Examples
    --------
    >>> lines = kwic("Smuggling gangs kidnap migrants. The gangs exploit them.", "gangs", window=2)
    >>> print(lines)  # doctest: +NORMALIZE_WHITESPACE
    2 concordance lines (columns: doc_id, start, end, left, keyword, right, pattern)
    0  <string>                      Smuggling  gangs  kidnap migrants
    1  <string>                  migrants. The  gangs  exploit them
    """

    @property
    def _constructor(self):
        return Concordance

    def _is_concordance(self) -> bool:
        return {"left", "keyword", "right"} <= set(self.columns)

    def _shown(self, width: int) -> tuple[pd.DataFrame, str]:
        """The lines to show (contexts cut to ``width`` characters) and the caption."""
        limit = pd.get_option("display.max_rows") or len(self)
        shown = self if len(self) <= limit else pd.concat([self.head(limit // 2), self.tail(limit // 2)])
        frame = pd.DataFrame(
            {
                "doc_id": shown["doc_id"].astype(str) if "doc_id" in shown else "",
                "left": [_cut(_squash(str(t)), width, left=True) for t in shown["left"]],
                "keyword": [_squash(str(t)) for t in shown["keyword"]],
                "right": [_cut(_squash(str(t)), width) for t in shown["right"]],
            },
            index=shown.index,
        )
        count = f"{len(self):,} concordance line{'' if len(self) == 1 else 's'}"
        if len(shown) < len(self):
            count += f", the first and last {limit // 2} shown"
        return frame, f"{count} (columns: {', '.join(map(str, self.columns))})"

    def __repr__(self) -> str:
        if not self._is_concordance():
            return super().__repr__()
        if self.empty:
            return "No concordance lines: the pattern was not found."
        keyword = max(map(len, (_squash(str(t)) for t in self["keyword"])))
        doc = max(len(str(d)) for d in self["doc_id"]) if "doc_id" in self else 0
        number = max(len(str(i)) for i in self.index)
        width = max(20, ((pd.get_option("display.width") or 80) - keyword - doc - number - 8) // 2)
        frame, caption = self._shown(width)
        lines = [caption]
        for position, (index, row) in enumerate(zip(frame.index, frame.to_dict("records"), strict=True)):
            if len(frame) < len(self) and position == len(frame) // 2:
                lines.append("...")
            lines.append(
                f"{str(index):<{number}}  {row['doc_id']:<{doc}}  {row['left']:>{width}}  "
                f"{row['keyword']:^{keyword}}  {row['right']}".rstrip()
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        if not self._is_concordance():
            return super()._repr_html_()
        from framing.views.html import concordance_html

        frame, caption = self._shown(HTML_CONTEXT)
        return concordance_html(frame, caption)


def _cut(text: str, width: int, left: bool = False) -> str:
    """``text`` in at most ``width`` characters, an ellipsis where it was cut (on the left with ``left``).

    Examples
    --------
    >>> _cut("the number of", 8, left=True), _cut("reaching northern France", 12)
    ('…mber of', 'reaching no…')
    """
    if len(text) <= width:
        return text
    return "\u2026" + text[len(text) - width + 1 :] if left else text[: width - 1] + "\u2026"


def _documents(source) -> list[tuple[str, object]]:
    """``(doc_id, document-or-loader)`` pairs of a corpus, analysis, document, text or list."""
    if isinstance(source, Corpus):
        if not source.has_documents:
            source[0]  # raises the frequency list's own error
        return list(zip(source.doc_ids, range(len(source)), strict=True))
    if hasattr(source, "document") and isinstance(source.document, Document):
        return [(source.document.source, source.document)]
    if isinstance(source, (list, tuple)):
        return [(f"doc-{i}", read_document(item)) for i, item in enumerate(source, start=1)]
    document = read_document(source)
    return [(document.source, document)]


def _pattern_words(pattern: str) -> list[str]:
    parts = [fold(p) for p in pattern.split()]
    if not parts:
        raise ValueError("empty KWIC pattern")
    return parts


def _word_matches(pattern: str):
    return [re.compile(re.escape(p[:-1]) + r".*" if p.endswith("*") else re.escape(p)) for p in pattern]


def kwic(source, pattern: str | list[str], window: int = 8) -> Concordance:
    """Concordance lines: every occurrence of ``pattern`` with ``window`` words of context each side.

    Matching is on words (:func:`framing.text.words.word_spans`), case-insensitive; a
    pattern of several words matches them consecutively, whatever whitespace lies
    between them; a trailing ``*`` on a word matches any ending (``"migra*"``).
    Boilerplate is not searched, and neither a match nor its context crosses a
    paragraph break or removed boilerplate (:func:`framing.text.words.phrase_runs`,
    the rule the lexicon matcher and n-gram counts follow).

    Parameters
    ----------
    source : Corpus, Analysis, Document, path, str or list
    pattern : str or list of str
    window : int
        Words of context on each side (within the same paragraph).

    Returns
    -------
    Concordance
        A DataFrame of ``doc_id, start, end, left, keyword, right, pattern``;
        ``start``/``end`` are character offsets into the document's text, so
        ``text[start:end] == keyword``. It displays as an aligned concordance.

    Examples
    --------
    >>> kwic("Smuggling gangs kidnap migrants. The gangs exploit them.", "gangs", window=2)[
    ...     ["start", "end", "left", "keyword", "right"]].values.tolist()
    [[10, 15, 'Smuggling', 'gangs', 'kidnap migrants'], [37, 42, 'migrants. The', 'gangs', 'exploit them']]
    """
    patterns = [pattern] if isinstance(pattern, str) else list(pattern)
    compiled = [(p, _pattern_words(p)) for p in patterns]
    matchers = [(p, words_, _word_matches(words_)) for p, words_ in compiled]
    firsts = {w[0].rstrip("*") for _, w in compiled}
    corpus = source if isinstance(source, Corpus) else None
    rows = []
    for doc_id, item in _documents(source):
        if corpus is not None:
            raw = corpus._texts[item]
            if not any(first in fold(raw) for first in firsts):
                continue  # cheap test before tokenising
            document = corpus[item]
        else:
            document = item
        text = document.text
        for run_start, run_end in phrase_runs(text, document.segments):
            spans = word_spans(text, run_start, run_end)
            tokens = [fold(text[s:e]) for s, e in spans]
            for i in range(len(tokens)):
                for name, words_, regexes in matchers:
                    k = len(words_)
                    if i + k <= len(tokens) and all(
                        r.fullmatch(tokens[i + j]) for j, r in enumerate(regexes)
                    ):
                        start, end = spans[i][0], spans[i + k - 1][1]
                        left_start = spans[max(0, i - window)][0]
                        right_end = spans[min(len(spans), i + k + window) - 1][1]
                        rows.append(
                            (
                                doc_id,
                                start,
                                end,
                                _squash(text[left_start:start]) if i > 0 and window else "",
                                text[start:end],
                                _squash(text[end:right_end]) if i + k < len(spans) and window else "",
                                name,
                            )
                        )
    return Concordance(rows, columns=KWIC_COLUMNS).astype({"start": np.int64, "end": np.int64})


def _squash(text: str) -> str:
    return " ".join(text.split())


def collocations(
    source,
    measure: str = "likelihood_ratio",
    *,
    n: int = 2,
    min_freq: int = 3,
    stop_words=None,
    top: int | None = None,
) -> pd.DataFrame:
    """Bigram or trigram collocations through NLTK's collocation finders.

    N-grams do not cross documents, paragraph breaks or boilerplate
    (:func:`framing.text.words.phrase_runs`). Scores come from NLTK's
    ``BigramAssocMeasures`` / ``TrigramAssocMeasures``.

    Parameters
    ----------
    source : Corpus, Analysis, Document, path, str or list
    measure : str
        ``"likelihood_ratio"`` or ``"pmi"`` (or any other NLTK association measure, such as
        ``"student_t"``); the table is sorted by it.
    n : int
        2 (bigrams) or 3 (trigrams).
    min_freq : int
        Keep n-grams seen at least this often.
    stop_words : None, "english" or iterable
        Drop n-grams that start or end with one (``"english"``: scikit-learn's list).
    top : int, optional
        Keep only the best ``top`` rows.

    Returns
    -------
    DataFrame
        ``ngram, n, freq, likelihood_ratio, pmi`` (and ``measure`` when it is another), best first.

    Examples
    --------
    >>> text = "Smuggling gangs kidnap migrants. Smuggling gangs exploit migrants. Gangs flee."
    >>> collocations(text, min_freq=2)[["ngram", "freq"]].values.tolist()
    [['smuggling gangs', 2]]
    """
    from nltk.collocations import (
        BigramAssocMeasures,
        BigramCollocationFinder,
        TrigramAssocMeasures,
        TrigramCollocationFinder,
    )

    if n not in (2, 3):
        raise ValueError(f"collocations are bigrams (n=2) or trigrams (n=3), not n={n}")
    measures = BigramAssocMeasures if n == 2 else TrigramAssocMeasures
    if not callable(getattr(measures, measure, None)) or measure.startswith("_"):
        raise ValueError(f"unknown association measure {measure!r}; try 'likelihood_ratio' or 'pmi'")
    word_lists = []
    for _, item in _documents(source):
        document = source[item] if isinstance(source, Corpus) else item
        word_lists += run_words(document.text, document.segments)
    finder_class = BigramCollocationFinder if n == 2 else TrigramCollocationFinder
    finder = finder_class.from_documents(word_lists)
    finder.apply_freq_filter(min_freq)
    if stop_words is not None:
        if stop_words == "english":
            from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as stop_words
        stops = frozenset(stop_words)
        finder.apply_ngram_filter(lambda *gram: gram[0] in stops or gram[-1] in stops)
    names = ["likelihood_ratio", "pmi"] + ([measure] if measure not in ("likelihood_ratio", "pmi") else [])
    scored = {name: dict(finder.score_ngrams(getattr(measures, name))) for name in names}
    grams = list(scored["likelihood_ratio"])
    frame = pd.DataFrame(
        {
            "ngram": [" ".join(g) for g in grams],
            "n": n,
            "freq": [finder.ngram_fd[g] for g in grams],
            **{name: [scored[name][g] for g in grams] for name in names},
        }
    )
    frame = frame.astype({"freq": np.int64}).sort_values(
        [measure, "ngram"], ascending=[False, True], kind="mergesort"
    )
    frame = frame.reset_index(drop=True)
    return frame.head(top) if top is not None else frame


def dispersion_table(document: Document, terms) -> pd.DataFrame:
    """Where each term occurs along the article: one row a hit, with its word number.

    Words are counted over the article text with boilerplate left out; the
    table's ``attrs["words"]`` holds the article's length in words.

    Examples
    --------
    >>> table = dispersion_table(read_document("Gangs exploit migrants. Gangs flee."), ["gangs"])
    >>> table[["term", "word", "start"]].values.tolist(), table.attrs["words"]
    ([['gangs', 0, 0], ['gangs', 3, 24]], 5)
    """
    offsets = [s for a, b in document.segments for s, _ in word_spans(document.text, a, b)]
    rows = []
    for term in terms:
        hits = kwic(document, term, window=0)
        for start, end in zip(hits["start"], hits["end"], strict=True):
            rows.append((term, bisect.bisect_right(offsets, start) - 1, int(start), int(end)))
    table = pd.DataFrame(rows, columns=["term", "word", "start", "end"])
    table.attrs["words"] = len(offsets)
    return table
