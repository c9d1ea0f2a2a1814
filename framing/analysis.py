"""One article's analysis: loaded-term spans in context, sentence sentiment, scores, targets.

:func:`analyze` is the engine's single entry point; :class:`Analysis` holds
its tidy tables (one row per span, sentence, score or target) and renders
itself in JupyterLab.

Every lexicon match becomes a span with its context: the lexicon it came
from, its ``voice`` (``author``: the journalist's own words; ``quoted``:
inside speech attributed to a speaker, with the speaker's id; ``scare``: the
term itself in scare quotes), and three flags that keep it out of the index
by default: ``negated`` (a negator before it in its clause), ``proper_name``
(part of a capitalised name such as the "Illegal Migration Act") and
``excepted`` (inside one of its entry's ``exceptions``, such as "flood
defences"). See :mod:`framing.measures.context`.

The loaded-language index
-------------------------
A span *counts* when its entry's direction is ``negative``, ``positive`` or
``emphatic`` (``neutral`` entries, attribution and hedging markers, are
reported in :attr:`Analysis.markers` instead) and it is not negated, not a
proper name and not excepted (``count_flagged=True`` counts those too).
Over the article's ``tokens`` words (boilerplate left out):

- ``loaded_rate`` = counted spans x 1000 / tokens;
- ``loaded_index`` = sum of the counted spans' weights (1-3) x 1000 / tokens;
- ``author_loaded_index`` = the same over spans in the author's voice only.

Each is given per lexicon and category in :attr:`Analysis.scores`, and for
all lexicons together.

The loaded-language score
-------------------------
A sentence's ``loaded_score`` adds, over its words in the author's voice
(not inside attributed speech):

- the weight of each counted lexicon span (once per span);
- for each other word, :data:`SIGNAL_POINTS` when its VADER valence or its
  Pattern subjectivity is strong (:mod:`framing.measures.valence`), ignoring
  negated words;
- :data:`SCARE_POINTS` for each scare quote.

The document's ``loaded_score`` is the sum over sentences x 1000 / tokens.
The points are set by judgement, not fitted to any annotated data set.

Examples
--------
>>> a = analyze("Smuggling gangs exploit migrants. Ministers vowed to act.")
>>> a.spans[["text", "lexicon", "category"]].values.tolist()
[['Smuggling gangs', 'migration', 'criminalisation'], ['exploit', 'migration', 'victimisation'], \
['vowed', 'migration', 'hyperbole']]
>>> a.targets.set_index("target")["sentences"].to_dict()
{'migrants': 1, 'smugglers': 1, 'government': 1, 'police': 0}
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
from dataclasses import dataclass, field, replace
from importlib import metadata as importlib_metadata
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from framing.measures.context import negated, proper_name
from framing.measures.discourse import QuoteIndex, find_quotes, sources_table
from framing.measures.lexicon import Explanation, Lexicon, LexiconError, load_lexicon, match_lexicons
from framing.measures.sentiment import SENTIMENT_COLUMNS, VADER_IMPLEMENTATION, sentence_scores
from framing.measures.target_sentiment import LABELS, MODEL_PATH, find_mentions, label_mentions
from framing.measures.valence import strong, word_signals
from framing.text.document import Document, read_document
from framing.text.sentences import sentence_spans
from framing.text.words import TOKENIZER_VERSION, fold, word_spans, words

DEFAULT_LEXICONS = ("migration", "loaded")
DEFAULT_TARGETS = str(resources.files("framing") / "data" / "targets.yaml")
DEFAULT_FRAMES = str(resources.files("framing") / "data" / "frames.yaml")
#: Version of the analysis rules (matching, boilerplate, quotes, scores); cached reference scores
#: are keyed by it, so bump it whenever a change alters any document score.
#: The target-sentiment model's file hash is part of it: the model's labels are document scores too.
TARGET_MODEL_SHA256 = hashlib.sha256(MODEL_PATH.read_bytes()).hexdigest()
SCORING_VERSION = f"6.{TARGET_MODEL_SHA256[:12]}"
#: Directions whose spans count into the loaded-language index (``neutral`` ones are markers).
COUNTED_DIRECTIONS = ("negative", "positive", "emphatic")
#: Points of the loaded-language score for a word with strong valence or subjectivity.
SIGNAL_POINTS = 0.5
#: Points of the loaded-language score for a scare quote.
SCARE_POINTS = 1.0

SPAN_COLUMNS = [
    "start",
    "end",
    "text",
    "sentence",
    "lexicon",
    "entry",
    "category",
    "weight",
    "direction",
    "alternatives",
    "rationale",
    "source",
    "voice",
    "speaker_id",
    "negated",
    "proper_name",
    "excepted",
    "counted",
]
SENTENCE_COLUMNS = [
    "sentence",
    "start",
    "end",
    "text",
    *SENTIMENT_COLUMNS,
    "loaded_terms",
    "loaded_score",
    "targets",
]
SCORE_COLUMNS = ["metric", "lexicon", "category", "value"]
TARGET_COLUMNS = [
    "target",
    "label",
    "kind",
    "mentions",
    "negative",
    "neutral",
    "positive",
    "net",
    "sentences",
    "mean_compound",
    "mean_polarity",
]
TARGET_MENTION_COLUMNS = [
    "target",
    "label",
    "kind",
    "start",
    "end",
    "mention",
    "sentence_start",
    "sentence_end",
    "sentiment",
    "p_negative",
    "p_neutral",
    "p_positive",
    "voice",
    "speaker_id",
]
_PRONOUN = re.compile(r"(?i)(?:he|she|they|it|we|i|you|him|her|them)")
FRAME_COLUMNS = ["frame", "label", "cues", "sentences", "share"]
QUOTE_COLUMNS = [
    "start",
    "end",
    "text",
    "kind",
    "speaker",
    "speaker_start",
    "speaker_end",
    "source_type",
    "speaker_id",
    "speaker_name",
    "speaker_type",
]
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
    """The analysis of one Document against one or more lexicons and one set of targets.

    Attributes
    ----------
    document : Document
    lexicons : tuple of Lexicon
        The lexicons matched, in order (their category names are distinct).
    targets_lexicon, frames_lexicon : Lexicon
    spans : DataFrame
        One row per lexicon match: start, end, text, sentence, lexicon, entry,
        category, weight, direction, alternatives, rationale, source (the full
        citations, "Title (publisher, year)" joined by "; "), voice,
        speaker_id, negated, proper_name, excepted, counted (see the module
        docstring).
    sentences : DataFrame
        One row per sentence: start, end, text, VADER neg/neu/pos/compound,
        TextBlob polarity/subjectivity, loaded_terms (counted spans),
        loaded_score, targets (ids).
    quotes : DataFrame
        Direct, scare and indirect quotes with their speakers.
    tokens : int
        Words in the article (boilerplate excluded).
    """

    document: Document
    lexicons: tuple
    targets_lexicon: Lexicon
    frames_lexicon: Lexicon
    span_rows: tuple = field(repr=False)
    sentence_rows: tuple = field(repr=False)
    quote_list: tuple = field(repr=False)
    tokens: int = 0
    target_matches: tuple = field(default=(), repr=False)
    target_kind: str = "group"

    def __repr__(self) -> str:
        counted = sum(row[-1] for row in self.span_rows)
        return (
            f"<Analysis of {self.document.source!r}: {len(self.sentence_rows)} sentences, "
            f"{self.tokens} tokens, {counted} loaded terms>"
        )

    @functools.cached_property
    def spans(self) -> pd.DataFrame:
        """One row per lexicon match, in :data:`SPAN_COLUMNS` (built on first use)."""
        return pd.DataFrame(list(self.span_rows), columns=SPAN_COLUMNS).astype(
            {"start": "int64", "end": "int64", "sentence": "int64", "weight": "int64"}
            | {"negated": bool, "proper_name": bool, "excepted": bool, "counted": bool}
        )

    @functools.cached_property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence, in :data:`SENTENCE_COLUMNS` (built on first use)."""
        frame = pd.DataFrame(list(self.sentence_rows), columns=SENTENCE_COLUMNS)
        return frame.astype(
            {"sentence": "int64", "start": "int64", "end": "int64", "loaded_terms": "int64"}
            | dict.fromkeys([*SENTIMENT_COLUMNS, "loaded_score"], "float64")
        )

    @functools.cached_property
    def quotes(self) -> pd.DataFrame:
        """Direct, scare and indirect quotes with their speakers, in :data:`QUOTE_COLUMNS`.

        ``speaker_start`` and ``speaker_end`` are missing (``<NA>``) where no speaker was found.

        Examples
        --------
        >>> analyze('He called it a "disaster".').quotes[["kind", "speaker_start"]].values.tolist()
        [['scare', <NA>]]
        """
        frame = pd.DataFrame([q.__dict__ for q in self.quote_list], columns=QUOTE_COLUMNS)
        for column in ("speaker_start", "speaker_end"):
            frame[column] = frame[column].where(frame[column] >= 0)
        return frame.astype(
            {"start": "int64", "end": "int64", "speaker_start": "Int64", "speaker_end": "Int64"}
        )

    @property
    def categories(self) -> dict:
        """Every category of every lexicon in use, in order: ``{category: spec}``."""
        return {c: spec for lexicon in self.lexicons for c, spec in lexicon.categories.items()}

    @property
    def markers(self) -> pd.DataFrame:
        """Spans of ``neutral`` entries: attribution and hedging markers, outside the index.

        Examples
        --------
        >>> analyze("Gangs reportedly fled.").markers["text"].tolist()
        ['reportedly']
        """
        return self.spans[self.spans["direction"] == "neutral"].reset_index(drop=True)

    @functools.cached_property
    def _tallies(self) -> dict:
        """``{(metric, lexicon, category): value}``: what :attr:`scores` tabulates, in plain Python."""
        per_1k = 1000.0 / self.tokens if self.tokens else float("nan")
        column = {name: i for i, name in enumerate(SPAN_COLUMNS)}
        fields = ("lexicon", "category", "weight", "voice", "counted", "direction")
        rows = [tuple(row[column[name]] for name in fields) for row in self.span_rows]
        keys = [(lexicon.name, c) for lexicon in self.lexicons for c in lexicon.categories]
        keys += [(lexicon.name, "all") for lexicon in self.lexicons] + [("all", "all")]
        count, weight, author, markers = (dict.fromkeys(keys, 0.0) for _ in range(4))
        for lexicon, category, w, voice, counted, direction in rows:
            for key in ((lexicon, category), (lexicon, "all"), ("all", "all")):
                if counted:
                    count[key] += 1
                    weight[key] += w
                    author[key] += w if voice == "author" else 0
                markers[key] += direction == "neutral"
        tallies = {}
        for key in keys:
            tallies[("count", *key)] = count[key]
            tallies[("rate_per_1k", *key)] = count[key] * per_1k
            tallies[("weighted_index", *key)] = weight[key] * per_1k
            tallies[("author_weighted_index", *key)] = author[key] * per_1k
            tallies[("markers", *key)] = markers[key]
        column = {name: i for i, name in enumerate(SENTENCE_COLUMNS)}
        loaded_score = sum(row[column["loaded_score"]] for row in self.sentence_rows)
        tallies[("tokens", "document", "document")] = float(self.tokens)
        tallies[("sentences", "document", "document")] = float(len(self.sentence_rows))
        tallies[("loaded_score", "document", "document")] = float(loaded_score) * per_1k
        for name in ("vader_compound", "textblob_polarity", "textblob_subjectivity"):
            tallies[(name, "document", "document")] = _mean([row[column[name]] for row in self.sentence_rows])
        return tallies

    @property
    def scores(self) -> pd.DataFrame:
        """Tidy document scores: one row per (metric, lexicon, category).

        For each category of each lexicon, ``all`` of a lexicon, and ``all``
        lexicons together: ``count`` and ``rate_per_1k`` of counted spans,
        ``weighted_index`` and ``author_weighted_index`` (summed weights per
        1,000 tokens, all voices / the author's), and ``markers`` (neutral
        spans); for ``document``: tokens, sentences, ``loaded_score`` and the
        mean sentence sentiment. The formulas are in the module docstring.

        Examples
        --------
        >>> s = analyze("Gangs smuggle migrants.").scores.set_index(["metric", "lexicon", "category"])
        >>> float(s.loc[("weighted_index", "all", "all"), "value"])  # "Gangs", weight 1, in 3 words
        333.3333333333333
        """
        return pd.DataFrame([(*key, value) for key, value in self._tallies.items()], columns=SCORE_COLUMNS)

    def _speaker_mentions(self) -> list[tuple[str, str, int, int]]:
        """``(speaker_id, name, start, end)`` of every mention of a named speaker, by name.

        A speaker's names are the attributions the copy used for them, their
        canonical name and, for a named person, the surname; pronouns are left
        out. Where names overlap ("Home Secretary Shabana Mahmood", "Mahmood")
        the longest is kept.
        """
        names: dict[str, tuple[str, str]] = {}
        for quote in self.quote_list:
            # a role resolved to its holder is ``named``; a bare role ("ministers") or an anonymous
            # source names no one in particular
            if quote.kind == "scare" or quote.speaker_type != "named":
                continue
            forms = [quote.speaker, quote.speaker_name]
            if len(quote.speaker_name.split()) > 1:
                forms.append(quote.speaker_name.split()[-1])
            for form in forms:
                form = form.strip()
                if form and not _PRONOUN.fullmatch(form):
                    names.setdefault(fold(form), (quote.speaker_id, quote.speaker_name))
        if not names:
            return []
        found = find_mentions(self.document.text, list(names), self.document.segments)
        found.sort(key=lambda m: (m[1], m[1] - m[2]))
        kept, reach = [], -1
        for form, start, end in found:
            if start >= reach:
                kept.append((*names[fold(form)], start, end))
                reach = end
        return kept

    @functools.cached_property
    def _target_mention_rows(self) -> list[tuple]:
        """One row a mention, in :data:`TARGET_MENTION_COLUMNS`: groups first, then speakers."""
        labels = {c: (spec or {}).get("label", c) for c, spec in self.targets_lexicon.categories.items()}
        wanted = [(t, labels.get(t, t), self.target_kind, s, e) for t, s, e in self.target_matches]
        wanted += [(i, name, "speaker", s, e) for i, name, s, e in self._speaker_mentions()]
        if not wanted:
            return []
        offsets = sorted({(s, e) for *_, s, e in wanted})
        spans = [(row[1], row[2]) for row in self.sentence_rows]
        scored = {(row[1], row[2]): row[4 : 4 + len(SENTIMENT_COLUMNS)] for row in self.sentence_rows}
        mentions = [(self.document.text[s:e], s, e) for s, e in offsets]
        table = label_mentions(self.document.text, mentions, spans, scored, list(self.quote_list))
        columns = ["mention", "sentence_start", "sentence_end", "label"]
        columns += ["p_negative", "p_neutral", "p_positive", "voice", "speaker_id"]
        by_offset = dict(zip(offsets, zip(*(table[c] for c in columns), strict=True), strict=True))
        return [(t, label, kind, s, e, *by_offset[(s, e)]) for t, label, kind, s, e in wanted]

    @functools.cached_property
    def target_mentions(self) -> pd.DataFrame:
        """Sentiment toward each mention of a target: one row a mention, in :data:`TARGET_MENTION_COLUMNS`.

        Targets are the target groups (``kind`` ``group``: the categories of
        ``targets``, by default ``data/targets.yaml``; ``user`` when
        :func:`analyze` was given a list or dict of names) and the speakers the
        article quotes (``speaker``: people with a name, by the names the copy
        uses for them). ``sentiment`` is the label of the
        target-dependent model of :mod:`framing.measures.target_sentiment`
        (toward the mention, not the sentence's tone), with its class
        probabilities; ``voice`` says whether the mention sits in the
        author's words or in a quote.

        Examples
        --------
        >>> a = analyze("The charity thanked the nurses, while residents attacked the landlord.",
        ...             targets={"nurses": ["nurses"], "landlords": ["landlord"]})
        >>> a.target_mentions[["target", "kind", "mention", "sentiment"]].values.tolist()
        [['nurses', 'user', 'nurses', 'positive'], ['landlords', 'user', 'landlord', 'negative']]
        """
        frame = pd.DataFrame(self._target_mention_rows, columns=TARGET_MENTION_COLUMNS)
        integers = ["start", "end", "sentence_start", "sentence_end"]
        return frame.astype(
            dict.fromkeys(integers, "int64") | dict.fromkeys(["p_negative", "p_neutral", "p_positive"], float)
        )

    @functools.cached_property
    def _target_rows(self) -> list[tuple]:
        rows = self._target_mention_rows
        sentence_of = {row[1]: row for row in self.sentence_rows}  # by start offset
        compound, polarity = (4 + SENTIMENT_COLUMNS.index(c) for c in ("vader_compound", "textblob_polarity"))
        listed = [
            (target, (spec or {}).get("label", target), self.target_kind)
            for target, spec in self.targets_lexicon.categories.items()
        ]
        listed += list(dict.fromkeys((row[0], row[1], "speaker") for row in rows if row[2] == "speaker"))
        table = []
        for target, label, kind in listed:
            mine = [row for row in rows if row[0] == target and row[2] == kind]
            counts = [sum(row[8] == name for row in mine) for name in LABELS]
            naming = [
                sentence_of[start] for start in dict.fromkeys(row[6] for row in mine) if start in sentence_of
            ]
            table.append(
                (
                    target,
                    label,
                    kind,
                    len(mine),
                    *counts,
                    _mean([row[11] - row[9] for row in mine]),
                    len(naming),
                    _mean([row[compound] for row in naming]),
                    _mean([row[polarity] for row in naming]),
                )
            )
        return table

    @property
    def targets(self) -> pd.DataFrame:
        """Sentiment toward each target: the model's labels of its mentions, and the sentence baseline.

        One row a target (see :attr:`target_mentions`), in
        :data:`TARGET_COLUMNS`: ``mentions`` and how many the model labels
        ``negative``, ``neutral`` and ``positive``; ``net``, the mean of
        ``p_positive - p_negative`` over the mentions (from -1, all surely
        negative, to +1; NaN when never mentioned); and the sentence-level
        baseline: ``sentences`` naming it, their mean VADER compound and
        TextBlob polarity (the tone of the sentence, whoever it is about).
        """
        return pd.DataFrame(self._target_rows, columns=TARGET_COLUMNS).astype(
            dict.fromkeys(["mentions", "negative", "neutral", "positive", "sentences"], "int64")
        )

    @functools.cached_property
    def _frame_rows(self) -> list[tuple]:
        matches = self.frames_lexicon.match(self.document.text, self.document.segments)
        starts = [row[1] for row in self.sentence_rows]
        total = len(matches)
        rows = []
        for frame, spec in self.frames_lexicon.categories.items():
            cues = [m for m in matches if m.entry.category == frame]
            sentences = {_sentence_of(starts, m.start) for m in cues}
            share = len(cues) / total if total else float("nan")
            rows.append((frame, (spec or {}).get("label", frame), len(cues), len(sentences), share))
        return rows

    @property
    def frames(self) -> pd.DataFrame:
        """Which frames the article leans on: cue words found, sentences with a cue, share of all cues.

        Rows are in the frames file's order; the dominant frame has the largest share.
        """
        return pd.DataFrame(self._frame_rows, columns=FRAME_COLUMNS)

    @functools.cached_property
    def sources(self) -> pd.DataFrame:
        """Who is quoted: one row per speaker (one person, however the copy names them).

        Columns: speaker_id, speaker, source_type (named / role / anonymous /
        unattributed), quotes and words quoted (direct and indirect speech;
        scare quotes left out), and the forms the copy used for the speaker;
        see :func:`framing.measures.discourse.sources_table`.
        """
        return sources_table(self.quotes)

    def score_values(self) -> dict[str, float]:
        """The document-level scores as a plain dict (what :meth:`document_scores` wraps).

        ``loaded_*`` cover all lexicons together; ``<lexicon>.loaded_index`` and
        ``<lexicon>.author_loaded_index`` each lexicon; ``rate.<category>`` each
        category; ``frame.<frame>`` the frames' shares; for each target group
        ``target.<group>.mentions`` and ``.net`` (the target-dependent model's,
        see :attr:`targets`) and ``.compound`` and ``.polarity`` (the
        sentence-level baseline).

        Examples
        --------
        >>> values = analyze("Gangs smuggle migrants.").score_values()
        >>> values["tokens"], values["loaded_terms"], values["loaded_rate"]
        (3.0, 1.0, 333.3333333333333)
        """
        scores = self._tallies
        values = {
            "tokens": scores[("tokens", "document", "document")],
            "sentences": scores[("sentences", "document", "document")],
            "loaded_terms": scores[("count", "all", "all")],
            "loaded_rate": scores[("rate_per_1k", "all", "all")],
            "loaded_index": scores[("weighted_index", "all", "all")],
            "author_loaded_index": scores[("author_weighted_index", "all", "all")],
            "loaded_score": scores[("loaded_score", "document", "document")],
            "markers_rate": scores[("markers", "all", "all")] * 1000.0 / self.tokens
            if self.tokens
            else float("nan"),
        }
        for lexicon in self.lexicons:
            name = lexicon.name
            values[f"{name}.loaded_index"] = scores[("weighted_index", name, "all")]
            values[f"{name}.author_loaded_index"] = scores[("author_weighted_index", name, "all")]
        for lexicon in self.lexicons:
            for category in lexicon.categories:
                values[f"rate.{category}"] = scores[("rate_per_1k", lexicon.name, category)]
        for column in ("vader_compound", "textblob_polarity", "textblob_subjectivity"):
            values[column] = scores[(column, "document", "document")]
        for frame, _, _, _, share in self._frame_rows:
            values[f"frame.{frame}"] = share
        speech = [q for q in self.quote_list if q.kind != "scare"]
        values["quotes"] = float(len(speech))
        values["anonymous_share"] = _mean(
            [float(q.source_type in ("anonymous", "unattributed")) for q in speech]
        )
        for target, _, kind, mentions, *_, net, _, compound, polarity in self._target_rows:
            if kind != "speaker":
                values[f"target.{target}.mentions"] = mentions
                values[f"target.{target}.net"] = net
                values[f"target.{target}.compound"] = compound
                values[f"target.{target}.polarity"] = polarity
        return {name: float(value) for name, value in values.items()}

    def document_scores(self) -> pd.Series:
        """The document-level scores as one flat Series (what positioning and batch summaries use).

        See :meth:`score_values` for the names.

        Examples
        --------
        >>> s = analyze("Gangs smuggle migrants.").document_scores()
        >>> s[["tokens", "loaded_terms", "loaded_rate"]].tolist()
        [3.0, 1.0, 333.3333333333333]
        """
        return pd.Series(self.score_values(), dtype=float, name=self.document.source)

    def score_labels(self, short: bool = False) -> dict[str, str]:
        """A reader's name for each document score, with the lexicons' own category, target and frame labels.

        ``short``: the names charts use (see :func:`score_label`).

        Examples
        --------
        >>> labels = analyze("Gangs.").score_labels()
        >>> labels["rate.criminalisation"]
        'Criminalisation: terms per 1,000 words'
        >>> labels["target.migrants.net"]
        'Migrants and asylum seekers: net sentiment toward them (model, -1 to +1)'
        """
        labels = {
            key: str((spec or {}).get("label") or key)
            for categories in (
                self.frames_lexicon.categories,
                self.targets_lexicon.categories,
                self.categories,
            )
            for key, spec in categories.items()
        }
        return {name: score_label(name, labels, short) for name in self.score_values()}

    @property
    def provenance(self) -> dict:
        """What produced these numbers: versions, lexicon and target hashes, sentiment implementation."""
        return {
            "document": {"source": self.document.source, "sha256": self.document.sha256},
            "boilerplate_excluded": [
                {"start": s, "end": e, "reason": r, "text": self.document.text[s:e]}
                for s, e, r in self.document.excluded
            ],
            "lexicons": [
                {"name": lexicon.name, "version": lexicon.version, "sha256": lexicon.sha256}
                for lexicon in self.lexicons
            ],
            "targets": {"name": self.targets_lexicon.name, "sha256": self.targets_lexicon.sha256},
            "frames": {"name": self.frames_lexicon.name, "sha256": self.frames_lexicon.sha256},
            "sentiment": {
                "vader": f"{VADER_IMPLEMENTATION} {package_versions(('vadersentiment',))['vadersentiment']}",
                "textblob": "textblob.TextBlob(sentence).sentiment",
                "target_model": {"file": MODEL_PATH.name, "sha256": TARGET_MODEL_SHA256},
            },
            "scoring_version": SCORING_VERSION,
            "tokenizer_version": TOKENIZER_VERSION,
            "packages": package_versions(),
        }

    def to_dict(self) -> dict:
        """Everything as JSON-ready builtins: scores, spans, sentences, targets, their mentions, provenance.

        Examples
        --------
        >>> sorted(analyze("Gangs.").to_dict())  # doctest: +NORMALIZE_WHITESPACE
        ['document_scores', 'frames', 'provenance', 'quotes', 'scores',
         'sentences', 'sources', 'spans', 'target_mentions', 'targets']
        """
        return {
            "document_scores": {k: _plain(v) for k, v in self.document_scores().items()},
            "scores": records(self.scores),
            "spans": records(self.spans),
            "sentences": records(self.sentences.assign(targets=self.sentences["targets"].map(list))),
            "targets": records(self.targets),
            "target_mentions": records(self.target_mentions),
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
        >>> summary["loaded terms"]  # counts are integers
        1
        """
        s = self.document_scores()
        counts = self.spans.loc[self.spans["counted"], "category"].value_counts()
        from framing.views.html import category_labels

        labels = category_labels(self.categories)
        top = f"{labels.get(counts.index[0], counts.index[0])} ({counts.iloc[0]})" if len(counts) else "none"
        frames = self.frames.sort_values("cues", ascending=False, kind="stable")
        dominant = (
            f"{frames.iloc[0]['label']} ({frames.iloc[0]['share']:.0%})" if frames["cues"].sum() else "none"
        )
        sources = self.sources
        rows = [
            ("tokens", int(s["tokens"])),
            ("sentences", int(s["sentences"])),
            ("loaded terms", int(s["loaded_terms"])),
            ("loaded terms per 1,000 tokens", round(s["loaded_rate"], 2)),
            ("weighted loaded-language index", round(s["loaded_index"], 2)),
            ("in the author's own voice", round(s["author_loaded_index"], 2)),
            ("loaded-language score per 1,000 tokens", round(s["loaded_score"], 2)),
            ("most frequent category", top),
            ("mean VADER compound", round(s["vader_compound"], 4)),
            ("mean TextBlob polarity", round(s["textblob_polarity"], 4)),
            ("dominant frame", dominant),
            ("speakers quoted", len(sources)),
            ("anonymous speakers", int((sources["source_type"] == "anonymous").sum())),
            ("boilerplate cut (characters)", sum(e - b for b, e, _ in self.document.excluded)),
        ]
        return pd.DataFrame(rows, columns=["measure", "value"])

    def explain(self, term: str) -> Explanation:
        """Why ``term`` is flagged: its entry, and every place it matched in this article.

        ``term`` is an entry id or a phrase one of its variants matches in full
        (``"illegal migrants"``); where several lexicons in use have it, the one
        that matched in this article is explained. The result prints as a card
        (category, weight, direction, variants, exceptions, alternatives by
        guide, rationale, full citations); its ``matches`` has one row a match:
        offsets, text, sentence number and text, voice, speaker, the flags and
        whether it counts.

        Examples
        --------
        >>> a = analyze('Gangs fled. "Not gangs," he said.', lexicon="migration")
        >>> found = a.explain("gangs")
        >>> found.entry.id, found.matches[["start", "voice", "negated", "counted"]].values.tolist()
        ('gang', [[0, 'author', False, True], [17, 'quoted', True, False]])
        """
        found, problems = [], []
        for lexicon in self.lexicons:
            try:
                found.append((lexicon, lexicon.find(term)))
            except LexiconError as problem:
                problems.append(str(problem))
        if not found:
            raise LexiconError("; ".join(problems))
        spans = self.spans

        def matched(pair) -> pd.DataFrame:
            return spans[(spans["lexicon"] == pair[0].name) & (spans["entry"] == pair[1].id)]

        lexicon, entry = next((pair for pair in found if len(matched(pair))), found[0])
        rows = matched((lexicon, entry))
        texts = self.sentences["text"].tolist()
        columns = ["start", "end", "text", "sentence", "voice", "speaker_id"]
        matches = rows[[*columns, "negated", "proper_name", "excepted", "counted"]].reset_index(drop=True)
        matches.insert(
            4, "sentence_text", [texts[i] if 0 <= i < len(texts) else "" for i in rows["sentence"]]
        )
        return replace(lexicon.explain(entry.id), matches=matches)

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


#: Plain names of the document scores, for readers of a report.
SCORE_LABELS = {
    "tokens": "words",
    "sentences": "sentences",
    "loaded_terms": "loaded terms",
    "loaded_rate": "loaded terms per 1,000 words",
    "loaded_index": "loaded-language index (weighted, per 1,000 words)",
    "author_loaded_index": "loaded-language index, the author's own words",
    "loaded_score": "loaded-language score (per 1,000 words)",
    "markers_rate": "attribution and hedging markers per 1,000 words",
    "vader_compound": "mean VADER compound",
    "textblob_polarity": "mean TextBlob polarity",
    "textblob_subjectivity": "mean TextBlob subjectivity",
    "quotes": "quotes",
    "anonymous_share": "share of quotes from anonymous or unattributed sources",
}


def score_label(name: str, labels: dict | None = None, short: bool = False) -> str:
    """A reader's name for a document score; ``labels`` maps category, target and frame keys to labels.

    ``short``: a chart's name, without the unit (a category's label alone for its rate).

    Examples
    --------
    >>> score_label("rate.hyperbole", {"hyperbole": "Dramatic verbs and hyperbole"})
    'Dramatic verbs and hyperbole: terms per 1,000 words'
    >>> score_label("target.migrants.compound", {"migrants": "Migrants"}), score_label("target.x.net")
    ('Migrants: mean VADER of the sentences naming them', 'x: net sentiment toward them (model, -1 to +1)')
    >>> score_label("rate.hyperbole", short=True), score_label("target.x.net", short=True)
    ('hyperbole', 'x: net (model)')
    """
    labels = labels or {}
    if name in SCORE_LABELS:
        return SHORT_LABELS.get(name, SCORE_LABELS[name]) if short else SCORE_LABELS[name]
    parts = name.split(".")
    if len(parts) == 2 and parts[1] in ("loaded_index", "author_loaded_index"):
        return f"{score_label(parts[1], short=short)} ({parts[0]} lexicon)"
    if parts[0] == "rate" and len(parts) == 2:
        label = labels.get(parts[1], parts[1])
        return label if short else f"{label}: terms per 1,000 words"
    if parts[0] == "frame" and len(parts) == 2:
        label = labels.get(parts[1], parts[1])
        return f"{label} frame" if short else f"{label}: share of frame cues"
    if parts[0] == "target" and len(parts) == 3 and parts[2] in TARGET_MEASURES:
        measure = TARGET_MEASURES[parts[2]]
        return f"{labels.get(parts[1], parts[1])}: {measure[1] if short else measure[0]}"
    return name


#: Chart names of the document scores whose :data:`SCORE_LABELS` name is long.
SHORT_LABELS = {
    "loaded_index": "loaded-language index",
    "author_loaded_index": "loaded-language index, author",
    "loaded_score": "loaded-language score",
    "markers_rate": "markers per 1,000 words",
    "anonymous_share": "share of anonymous quotes",
}
#: The per-target document scores (``target.<target>.<measure>``): a reader's name, a chart's name.
TARGET_MEASURES = {
    "mentions": ("mentions", "mentions"),
    "net": ("net sentiment toward them (model, -1 to +1)", "net (model)"),
    "compound": ("mean VADER of the sentences naming them", "VADER (sentences)"),
    "polarity": ("mean TextBlob polarity of the sentences naming them", "TextBlob (sentences)"),
}


def _mean(values) -> float:
    return float(sum(values) / len(values)) if len(values) else float("nan")


def _plain(value):
    """A JSON-ready builtin for a pandas/numpy scalar (NaN and NA become None)."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is pd.NA or (isinstance(value, float) and np.isnan(value)):
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


def load_lexicons(lexicon) -> tuple:
    """One lexicon or several, with distinct categories.

    ``lexicon`` is a name, path or Lexicon, a sequence of them, or one string
    of names and paths separated by commas (as the command line and the
    report template take them).

    Examples
    --------
    >>> [lexicon.name for lexicon in load_lexicons("migration, loaded")]
    ['migration', 'loaded']
    """
    if isinstance(lexicon, str) and "," in lexicon and not Path(lexicon).is_file():
        lexicon = [part.strip() for part in lexicon.split(",") if part.strip()]
    sources = (
        [lexicon] if isinstance(lexicon, (str, Lexicon)) or not hasattr(lexicon, "__iter__") else lexicon
    )
    lexicons = tuple(load_lexicon(source) for source in sources)
    if not lexicons:
        raise ValueError("analyze needs at least one lexicon")
    owner: dict[str, str] = {}
    for lexicon in lexicons:
        for category in lexicon.categories:
            if category in owner:
                raise ValueError(
                    f"{lexicon.path}: category {category!r} is also in lexicon {owner[category]!r}; "
                    "rename it in one of them to use both together"
                )
            owner[category] = lexicon.name
    return lexicons


def analyze(
    source: str | Document,
    lexicon=DEFAULT_LEXICONS,
    targets=DEFAULT_TARGETS,
    frames: str | Lexicon = DEFAULT_FRAMES,
    clean: bool = True,
    count_flagged: bool = False,
) -> Analysis:
    """Analyse one article: find loaded terms in context, score sentences, measure sentiment toward targets.

    Parameters
    ----------
    source : str, path or Document
        A file path, the article text itself, or a Document.
    lexicon : str, path, Lexicon, or a sequence of them
        Default ``("migration", "loaded")``, the two packaged lexicons; or a
        user lexicon file (.yaml, .csv, .dic), alone or beside them.
    targets : str, path, Lexicon, list or dict
        Target groups in the lexicon schema (category = group), by default the
        packaged ``data/targets.yaml``; or your own targets in place of them:
        a list of names (``["Frontex", "the Home Office"]``, each its own
        target) or a dict of target to names (``{"frontex": ["Frontex",
        "the agency"]}``). Speakers the article quotes are always targets too
        (see :attr:`Analysis.target_mentions`).
    frames : str, path or Lexicon
        Frame cue words in the lexicon schema (category = frame).
    clean : bool
        Leave page boilerplate out of the analysis (it stays in the text).
    count_flagged : bool
        Count negated, proper-name and excepted spans into the index too
        (they are always listed in ``spans``).

    Returns
    -------
    Analysis

    Examples
    --------
    >>> a = analyze("Ms Mahmood vowed to slash illegal migration.", lexicon="migration")
    >>> a.spans[["start", "end", "text", "voice"]].values.tolist()
    [[11, 16, 'vowed', 'author'], [20, 25, 'slash', 'author'], [26, 43, 'illegal migration', 'author']]
    >>> law = Lexicon.from_terms({"illegality": ["illegal migration"]})
    >>> spans = analyze("Labour passed the Illegal Migration Act.", law).spans
    >>> spans[["proper_name", "counted"]].values.tolist()
    [[True, False]]
    """
    document = read_document(source, clean=clean)
    lexicons = load_lexicons(lexicon)
    targets_lexicon, target_kind = _targets(targets)
    text, segments = document.text, document.segments

    spans = [span for start, end in segments for span in sentence_spans(text, start, end)]
    starts = [s for s, _ in spans]
    # counted as the corpus counts them: "ille\u00adgal" is one word, not two
    tokens = sum(len(words(text[s:e])) for s, e in segments)
    quotes = find_quotes(text, segments)
    index = QuoteIndex(quotes)

    rows = []
    for match, lexicon_name in match_lexicons(lexicons, text, segments, keep_excepted=True):
        sentence = _sentence_of(starts, match.start)
        sentence_start, sentence_end = spans[sentence] if spans else (0, len(text))
        voice, speaker_id = index.voice(match.start, match.end)
        is_negated = negated(text, match.start, match.end, sentence_start=sentence_start)
        is_name = proper_name(
            text, match.start, match.end, sentence_start=sentence_start, sentence_end=sentence_end
        )
        excepted = bool(match.excepted)
        counted = match.entry.direction in COUNTED_DIRECTIONS and (
            count_flagged or not (is_negated or is_name or excepted)
        )
        rows.append(
            (
                match.start,
                match.end,
                text[match.start : match.end],
                sentence,
                lexicon_name,
                match.entry.id,
                match.entry.category,
                match.entry.weight,
                match.entry.direction,
                match.entry.alternatives_text(),
                match.entry.rationale,
                match.entry.citation,
                voice,
                speaker_id,
                is_negated,
                is_name,
                excepted,
                counted,
            )
        )
    mentioned: list[set[str]] = [set() for _ in spans]
    target_matches = tuple((m.entry.category, m.start, m.end) for m in targets_lexicon.match(text, segments))
    for category, start, _ in target_matches:
        mentioned[_sentence_of(starts, start)].add(category)
    counted = [row for row in rows if row[-1]]
    loaded = [0] * len(spans)
    for row in counted:
        loaded[row[3]] += 1

    sentence_texts = [text[s:e] for s, e in spans]
    sentiment = sentence_scores(sentence_texts)
    loaded_scores = _loaded_scores(text, spans, counted, index)
    sentence_rows = tuple(
        (
            number,
            start,
            end,
            sentence_text,
            *scores,
            loaded[number],
            loaded_scores[number],
            tuple(sorted(ids)),
        )
        for number, ((start, end), sentence_text, scores, ids) in enumerate(
            zip(spans, sentence_texts, sentiment, mentioned, strict=True)
        )
    )
    return Analysis(
        document,
        lexicons,
        targets_lexicon,
        load_lexicon(frames),
        tuple(rows),
        sentence_rows,
        tuple(quotes),
        tokens,
        target_matches,
        target_kind,
    )


def _targets(targets) -> tuple[Lexicon, str]:
    """The targets lexicon and its kind: ``group`` for a lexicon, ``user`` for a list or dict of names.

    Examples
    --------
    >>> lexicon, kind = _targets(["Frontex"])
    >>> list(lexicon.categories), kind
    (['Frontex'], 'user')
    """
    if isinstance(targets, dict):
        return Lexicon.from_terms({str(k): list(v) for k, v in targets.items()}, name="targets"), "user"
    if isinstance(targets, (list, tuple)):
        return Lexicon.from_terms({str(name): [name] for name in targets}, name="targets"), "user"
    return load_lexicon(targets), "group"


def _loaded_scores(text: str, spans, counted: list[tuple], index: QuoteIndex) -> list[float]:
    """Each sentence's loaded-language score (the formula is in the module docstring)."""
    scores = [0.0] * len(spans)
    voice, weight = SPAN_COLUMNS.index("voice"), SPAN_COLUMNS.index("weight")
    for row in counted:
        if row[voice] == "author":
            scores[row[3]] += row[weight]
    covered = sorted((row[0], row[1]) for row in counted)
    covered_starts = [start for start, _ in covered]
    scare_starts = [q.start for q in index.quotes if q.kind == "scare"]
    for number, (sentence_start, sentence_end) in enumerate(spans):
        words = word_spans(text, sentence_start, sentence_end)
        signals = word_signals([fold(text[s:e]) for s, e in words])
        for (start, end), (valence, subjectivity) in zip(words, signals, strict=True):
            if not strong(valence, subjectivity) or index.voice(start, end)[0] == "quoted":
                continue
            inside = bisect.bisect_right(covered_starts, start) - 1
            if inside >= 0 and end <= covered[inside][1]:
                continue  # the word's lexicon span already counts
            if negated(text, start, end, sentence_start=sentence_start):
                continue
            scores[number] += SIGNAL_POINTS
        first, last = (bisect.bisect_left(scare_starts, edge) for edge in (sentence_start, sentence_end))
        scores[number] += SCARE_POINTS * (last - first)
    return scores
