"""One article's analysis: loaded-term spans, sentence sentiment, scores, targets.

:func:`analyze` is the engine's single entry point; :class:`Analysis` holds
its tidy tables (one row per span, sentence, score or target) and renders
itself in JupyterLab.

Examples
--------
>>> a = analyze("Smuggling gangs exploit migrants. Ministers vowed to act.")
>>> a.spans[["text", "category"]].values.tolist()
[['Smuggling gangs', 'criminalisation'], ['exploit', 'victimisation'], ['vowed', 'hyperbole']]
>>> a.targets.set_index("target")["sentences"].to_dict()
{'migrants': 1, 'smugglers': 1, 'government': 1, 'police': 0}
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field
from importlib import metadata as importlib_metadata
from importlib import resources

import numpy as np
import pandas as pd

from framing.measures.lexicon import Lexicon, load_lexicon
from framing.measures.sentiment import SENTIMENT_COLUMNS, VADER_IMPLEMENTATION, sentence_sentiment
from framing.text.document import Document, read_document
from framing.text.sentences import sentence_spans
from framing.text.words import TOKENIZER_VERSION, word_spans

DEFAULT_TARGETS = str(resources.files("framing") / "data" / "targets.yaml")
DEFAULT_FRAMES = str(resources.files("framing") / "data" / "frames.yaml")
#: Version of the analysis rules (matching, boilerplate, quotes, scores); cached reference scores
#: are keyed by it, so bump it whenever a change alters any document score.
SCORING_VERSION = "2"

SPAN_COLUMNS = [
    "start",
    "end",
    "text",
    "sentence",
    "entry",
    "category",
    "weight",
    "direction",
    "alternatives",
]
SENTENCE_COLUMNS = ["sentence", "start", "end", "text", *SENTIMENT_COLUMNS, "loaded_terms", "targets"]
TARGET_COLUMNS = ["target", "label", "sentences", "mean_compound", "mean_polarity"]
FRAME_COLUMNS = ["frame", "label", "cues", "sentences", "share"]
QUOTE_COLUMNS = ["start", "end", "text", "kind", "speaker", "speaker_start", "speaker_end", "source_type"]
PROVENANCE_PACKAGES = ("framing", "nltk", "textblob", "vadersentiment", "numpy", "pandas", "pyahocorasick")


def package_versions(names=PROVENANCE_PACKAGES) -> dict[str, str]:
    """Installed versions of ``names`` (``"not installed"`` where missing).

    Examples
    --------
    >>> "nltk" in package_versions()
    True
    """
    versions = {}
    for name in names:
        try:
            versions[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


@dataclass(frozen=True)
class Analysis:
    """The analysis of one Document against one lexicon and one set of targets.

    Attributes
    ----------
    document : Document
    lexicon, targets_lexicon, frames_lexicon : Lexicon
    spans : DataFrame
        One row per loaded-term match: start, end, text, sentence, entry,
        category, weight, direction, alternatives.
    sentences : DataFrame
        One row per sentence: start, end, text, VADER neg/neu/pos/compound,
        TextBlob polarity/subjectivity, loaded_terms (count), targets (ids).
    quotes, sources : DataFrame
        Reported speech and who is quoted (computed on first use).
    tokens : int
        Words in the article (boilerplate excluded).
    """

    document: Document
    lexicon: Lexicon
    targets_lexicon: Lexicon
    frames_lexicon: Lexicon
    spans: pd.DataFrame = field(repr=False)
    sentences: pd.DataFrame = field(repr=False)
    tokens: int = 0

    def __repr__(self) -> str:
        return (
            f"<Analysis of {self.document.source!r}: {len(self.sentences)} sentences, "
            f"{self.tokens} tokens, {len(self.spans)} loaded terms>"
        )

    @functools.cached_property
    def scores(self) -> pd.DataFrame:
        """Tidy document scores: one row per (metric, category).

        For each lexicon category and ``all``: ``count``, ``rate_per_1k``
        (matches per 1,000 tokens) and ``weighted_index`` (summed weights per
        1,000 tokens); for ``document``: tokens, sentences and the mean
        sentence sentiment (``vader_compound``, ``textblob_polarity``,
        ``textblob_subjectivity``).
        """
        per_1k = 1000.0 / self.tokens if self.tokens else float("nan")
        rows = []
        categories = [*self.lexicon.categories, "all"]
        for category in categories:
            chosen = self.spans if category == "all" else self.spans[self.spans["category"] == category]
            rows += [
                ("count", category, float(len(chosen))),
                ("rate_per_1k", category, len(chosen) * per_1k),
                ("weighted_index", category, float(chosen["weight"].sum()) * per_1k),
            ]
        rows += [
            ("tokens", "document", float(self.tokens)),
            ("sentences", "document", float(len(self.sentences))),
        ]
        for column in ("vader_compound", "textblob_polarity", "textblob_subjectivity"):
            rows.append((column, "document", _mean(self.sentences[column])))
        return pd.DataFrame(rows, columns=["metric", "category", "value"])

    @functools.cached_property
    def targets(self) -> pd.DataFrame:
        """Sentiment toward each target group: sentences naming it, their mean VADER compound and polarity."""
        rows = []
        for target, spec in self.targets_lexicon.categories.items():
            naming = [target in ids for ids in self.sentences["targets"]]
            mentioning = self.sentences[np.array(naming, dtype=bool)]
            rows.append(
                (
                    target,
                    (spec or {}).get("label", target),
                    len(mentioning),
                    _mean(mentioning["vader_compound"]),
                    _mean(mentioning["textblob_polarity"]),
                )
            )
        return pd.DataFrame(rows, columns=TARGET_COLUMNS)

    @functools.cached_property
    def frames(self) -> pd.DataFrame:
        """Which frames the article leans on: cue words found, sentences with a cue, share of all cues.

        Rows are in the frames file's order; the dominant frame has the largest share.
        """
        matches = self.frames_lexicon.match(self.document.text, self.document.segments)
        starts = self.sentences["start"].tolist()
        total = len(matches)
        rows = []
        for frame, spec in self.frames_lexicon.categories.items():
            cues = [m for m in matches if m.entry.category == frame]
            sentences = {_sentence_of(starts, m.start) for m in cues}
            share = len(cues) / total if total else float("nan")
            rows.append((frame, (spec or {}).get("label", frame), len(cues), len(sentences), share))
        return pd.DataFrame(rows, columns=FRAME_COLUMNS)

    @functools.cached_property
    def quotes(self) -> pd.DataFrame:
        """Direct, scare and indirect quotes with their speakers; see :mod:`framing.measures.discourse`."""
        from framing.measures.discourse import find_quotes

        quotes = find_quotes(self.document.text, self.document.segments)
        return pd.DataFrame([q.__dict__ for q in quotes], columns=QUOTE_COLUMNS).astype(
            {"start": "int64", "end": "int64", "speaker_start": "int64", "speaker_end": "int64"}
        )

    @functools.cached_property
    def sources(self) -> pd.DataFrame:
        """Who is quoted: one row per speaker with the kind of source, quotes and words quoted.

        Scare quotes are left out; direct and indirect speech with no speaker
        found is counted under an empty speaker, as ``unattributed``.
        """
        speech = self.quotes[self.quotes["kind"] != "scare"]
        grouped = speech.assign(words=speech["text"].str.split().str.len()).groupby(
            ["speaker", "source_type"], sort=False
        )
        frame = grouped.agg(
            quotes=("text", "size"), words=("words", "sum"), first=("start", "min")
        ).reset_index()
        return frame.sort_values("first").drop(columns="first").reset_index(drop=True)

    def document_scores(self) -> pd.Series:
        """The document-level scores as one flat Series (what positioning and batch summaries use).

        Examples
        --------
        >>> s = analyze("Gangs smuggle migrants.").document_scores()
        >>> s[["tokens", "loaded_terms", "loaded_rate"]].tolist()
        [3.0, 1.0, 333.3333333333333]
        """
        scores = self.scores.set_index(["metric", "category"])["value"]
        values = {
            "tokens": scores[("tokens", "document")],
            "sentences": scores[("sentences", "document")],
            "loaded_terms": scores[("count", "all")],
            "loaded_rate": scores[("rate_per_1k", "all")],
            "loaded_index": scores[("weighted_index", "all")],
        }
        for category in self.lexicon.categories:
            values[f"rate.{category}"] = scores[("rate_per_1k", category)]
        for column in ("vader_compound", "textblob_polarity", "textblob_subjectivity"):
            values[column] = scores[(column, "document")]
        for row in self.frames.itertuples():
            values[f"frame.{row.frame}"] = row.share
        speech = self.quotes[self.quotes["kind"] != "scare"]
        values["quotes"] = float(len(speech))
        values["anonymous_share"] = _mean(
            speech["source_type"].isin(["anonymous", "unattributed"]).astype(float)
        )
        for row in self.targets.itertuples():
            values[f"target.{row.target}.compound"] = row.mean_compound
            values[f"target.{row.target}.polarity"] = row.mean_polarity
        return pd.Series(values, dtype=float, name=self.document.source)

    @property
    def provenance(self) -> dict:
        """What produced these numbers: versions, lexicon and target hashes, sentiment implementation."""
        return {
            "document": {"source": self.document.source, "sha256": self.document.sha256},
            "boilerplate_excluded": [
                {"start": s, "end": e, "reason": r, "text": self.document.text[s:e]}
                for s, e, r in self.document.excluded
            ],
            "lexicon": {
                "name": self.lexicon.name,
                "version": self.lexicon.version,
                "sha256": self.lexicon.sha256,
            },
            "targets": {"name": self.targets_lexicon.name, "sha256": self.targets_lexicon.sha256},
            "frames": {"name": self.frames_lexicon.name, "sha256": self.frames_lexicon.sha256},
            "sentiment": {
                "vader": f"{VADER_IMPLEMENTATION} {package_versions(('vadersentiment',))['vadersentiment']}",
                "textblob": "textblob.TextBlob(sentence).sentiment",
            },
            "tokenizer_version": TOKENIZER_VERSION,
            "packages": package_versions(),
        }

    def to_dict(self) -> dict:
        """Everything as JSON-ready builtins: scores, spans, sentences, targets and provenance.

        Examples
        --------
        >>> sorted(analyze("Gangs.").to_dict())  # doctest: +NORMALIZE_WHITESPACE
        ['document_scores', 'frames', 'provenance', 'quotes', 'scores',
         'sentences', 'sources', 'spans', 'targets']
        """
        return {
            "document_scores": {k: _plain(v) for k, v in self.document_scores().items()},
            "scores": records(self.scores),
            "spans": records(self.spans),
            "sentences": records(self.sentences.assign(targets=self.sentences["targets"].map(list))),
            "targets": records(self.targets),
            "frames": records(self.frames),
            "quotes": records(self.quotes),
            "sources": records(self.sources),
            "provenance": self.provenance,
        }

    def summary(self) -> pd.DataFrame:
        """A short table of headline figures: size, loaded language, sentiment, most-used category.

        Examples
        --------
        >>> summary = analyze("Gangs smuggle migrants.").summary().set_index("measure")["value"]
        >>> float(summary["loaded terms"])
        1.0
        """
        s = self.document_scores()
        counts = self.spans["category"].value_counts()
        top = f"{counts.index[0]} ({counts.iloc[0]})" if len(counts) else "none"
        frames = self.frames.sort_values("cues", ascending=False, kind="stable")
        dominant = (
            f"{frames.iloc[0]['label']} ({frames.iloc[0]['share']:.0%})" if frames["cues"].sum() else "none"
        )
        sources = self.sources
        rows = [
            ("tokens", s["tokens"]),
            ("sentences", s["sentences"]),
            ("loaded terms", s["loaded_terms"]),
            ("loaded terms per 1,000 tokens", round(s["loaded_rate"], 2)),
            ("weighted loaded-language index", round(s["loaded_index"], 2)),
            ("most frequent category", top),
            ("mean VADER compound", round(s["vader_compound"], 4)),
            ("mean TextBlob polarity", round(s["textblob_polarity"], 4)),
            ("dominant frame", dominant),
            ("speakers quoted", float(len(sources))),
            ("anonymous speakers", float((sources["source_type"] == "anonymous").sum())),
            ("boilerplate cut (characters)", float(sum(e - b for b, e, _ in self.document.excluded))),
        ]
        return pd.DataFrame(rows, columns=["measure", "value"])

    def _repr_html_(self) -> str:
        from framing.views.html import analysis_html

        return analysis_html(self)

    def plot_sentiment_arc(self, ax=None):
        """VADER compound and TextBlob polarity by sentence; see :mod:`framing.views.analysis_plots`."""
        from framing.views.analysis_plots import sentiment_arc

        return sentiment_arc(self, ax=ax)

    def plot_categories(self, ax=None):
        """Loaded terms per 1,000 tokens by category; see :func:`framing.views.analysis_plots.categories`."""
        from framing.views.analysis_plots import categories

        return categories(self, ax=ax)


def _mean(values: pd.Series) -> float:
    return float(values.mean()) if len(values) else float("nan")


def _plain(value):
    """A JSON-ready builtin for a pandas/numpy scalar (NaN becomes None)."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and np.isnan(value):
        return None
    return value


def records(frame: pd.DataFrame) -> list[dict]:
    """The rows of ``frame`` as dicts of JSON-ready builtins (numpy scalars unwrapped, NaN as None).

    Examples
    --------
    >>> records(pd.DataFrame({"term": ["gangs"], "g2": [np.float64("nan")], "n": [np.int64(2)]}))
    [{'term': 'gangs', 'g2': None, 'n': 2}]
    """
    return [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def _sentence_of(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1


def analyze(
    source: str | Document,
    lexicon: str | Lexicon = "migration",
    targets: str | Lexicon = DEFAULT_TARGETS,
    frames: str | Lexicon = DEFAULT_FRAMES,
    clean: bool = True,
) -> Analysis:
    """Analyse one article: find loaded terms, score sentences, measure sentiment toward targets.

    Parameters
    ----------
    source : str, path or Document
        A file path, the article text itself, or a Document.
    lexicon : str, path or Lexicon
        ``"migration"`` (packaged) or a user lexicon file (.yaml, .csv, .dic).
    targets : str, path or Lexicon
        Target groups in the lexicon schema (category = group).
    frames : str, path or Lexicon
        Frame cue words in the lexicon schema (category = frame).
    clean : bool
        Leave page boilerplate out of the analysis (it stays in the text).

    Returns
    -------
    Analysis

    Examples
    --------
    >>> a = analyze("Ms Mahmood vowed to slash illegal migration.")
    >>> a.spans[["start", "end", "text"]].values.tolist()
    [[11, 16, 'vowed'], [20, 25, 'slash'], [26, 43, 'illegal migration']]
    """
    document = read_document(source, clean=clean)
    lexicon = load_lexicon(lexicon)
    targets_lexicon = load_lexicon(targets)
    text, segments = document.text, document.segments

    spans = [span for start, end in segments for span in sentence_spans(text, start, end)]
    starts = [s for s, _ in spans]
    tokens = sum(len(word_spans(text, s, e)) for s, e in segments)

    matches = lexicon.match(text, segments)
    span_rows = [
        (
            m.start,
            m.end,
            text[m.start : m.end],
            _sentence_of(starts, m.start),
            m.entry.id,
            m.entry.category,
            m.entry.weight,
            m.entry.direction,
            m.entry.alternatives_text(),
        )
        for m in matches
    ]
    span_frame = pd.DataFrame(span_rows, columns=SPAN_COLUMNS).astype(
        {"start": "int64", "end": "int64", "sentence": "int64", "weight": "int64"}
    )

    mentioned: list[set[str]] = [set() for _ in spans]
    for match in targets_lexicon.match(text, segments):
        mentioned[_sentence_of(starts, match.start)].add(match.entry.category)
    loaded = np.bincount(span_frame["sentence"].to_numpy(), minlength=len(spans)) if spans else []

    sentence_texts = [text[s:e] for s, e in spans]
    sentence_frame = pd.concat(
        [
            pd.DataFrame(
                {
                    "sentence": np.arange(len(spans), dtype="int64"),
                    "start": np.array(starts, dtype="int64"),
                    "end": np.array([e for _, e in spans], dtype="int64"),
                    "text": sentence_texts,
                }
            ),
            sentence_sentiment(sentence_texts),
        ],
        axis=1,
    )
    sentence_frame["loaded_terms"] = np.asarray(loaded, dtype="int64")
    sentence_frame["targets"] = [tuple(sorted(ids)) for ids in mentioned]
    return Analysis(
        document,
        lexicon,
        targets_lexicon,
        load_lexicon(frames),
        span_frame,
        sentence_frame[SENTENCE_COLUMNS],
        tokens,
    )
