"""Sentiment toward a target: one label per mention, not one per sentence.

In "Police praised the volunteers but condemned the smugglers" the sentence
is mixed, the volunteers are treated positively and the smugglers negatively.
:func:`target_sentiment` finds each mention of the targets asked for and labels
it ``negative``, ``neutral`` or ``positive`` with a linear model (scikit-learn,
shipped as ``framing/data/models/target_sentiment.skops``, built by
``python -m framing.learn.build_target_model`` from NewsMTSC, Hamborg & Donnay
2021; see the model card ``target_sentiment.md`` beside it for the data, the
cross-validated accuracy against the sentence-level baseline and the limits).

The features (:func:`sentence_features`) describe the mention in its
sentence: VADER valences of the words around it, weighted by distance and
side within its own phrase ("praised A and condemned B": each verb in its
object's phrase), summed in its clause or past a contrast marker ("but",
"while", "although"), a negated word's valence scaled as VADER does (negation
scope: :func:`framing.measures.context.negated`); the verb it is the subject,
object or agent of, and whether an evaluation is about its own noun phrase or
another one (TextBlob's bundled Pattern tagger and chunker); whether another
name lies between an evaluative word and the mention, and the nearest
evaluative word; whether it sits in a quote or is the speaker; the words of
the sentence, of its clause and of a window with the mention masked; what
kind of mention it is (a title, a name, a date, a modifier of another noun,
after which preposition) and how many other names and pronouns the sentence
has; the sentence's own VADER and TextBlob scores. Nothing is downloaded; the
model file is read with :func:`skops.io.load` trusting only
:data:`TRUSTED_TYPES`.

Examples
--------
>>> rows = target_sentiment("The charity thanked the nurses, while residents attacked the landlord.",
...                         ["nurses", "landlord"])
>>> rows[["mention", "label", "voice"]].values.tolist()
[['nurses', 'positive', 'author'], ['landlord', 'negative', 'author']]
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import namedtuple
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse

from framing.measures.context import negated
from framing.measures.discourse import find_quotes, voice_of
from framing.measures.sentiment import SENTIMENT_COLUMNS, sentence_scores
from framing.measures.valence import vader_valence
from framing.text.sentences import sentence_spans
from framing.text.words import fold, matching_text

#: The fields of an Analysis's quotes table that mentions need (features and voice).
_QuoteRow = namedtuple("_QuoteRow", ["start", "end", "kind", "speaker_start", "speaker_end", "speaker_id"])
#: Version of the feature rules; the model file records the version it was built with.
FEATURES_VERSION = "4"
LABELS = ("negative", "neutral", "positive")
MODEL_PATH = resources.files("framing") / "data" / "models" / "target_sentiment.skops"
RESULT_COLUMNS = [
    "target",
    "start",
    "end",
    "mention",
    "sentence_start",
    "sentence_end",
    "label",
    "p_negative",
    "p_neutral",
    "p_positive",
    "voice",
    "speaker_id",
]
_INTEGERS = ("start", "end", "sentence_start", "sentence_end")
_FLOATS = ("p_negative", "p_neutral", "p_positive")
#: The result with no mentions: no rows, the columns' types.
_EMPTY = pd.DataFrame(
    {
        c: pd.Series(dtype="int64" if c in _INTEGERS else float if c in _FLOATS else "str")
        for c in RESULT_COLUMNS
    }
)
#: The model file's own type, given to ``skops.io.load``. skops trusts builtins, numpy and
#: scikit-learn estimators by default; a file naming any other type is refused before it is built.
TRUSTED_TYPES = ["sklearn.linear_model._logistic.LogisticRegression"]

#: A token: a negation "n't" split off ("did", "n't"), a possessive "'s", a word, or one symbol.
_TOKEN_RE = re.compile(
    r"[^\W_]+(?=n['\u2019]t\b)|n['\u2019]t\b|['\u2019]s\b|[^\W_]+(?:['\u2019](?!s\b)[^\W_]+|-[^\W_]+)*|[^\w\s]"
)
#: Words that mark a contrast: the mention's side of one is its own clause.
CONTRAST = frozenset(
    {"but", "while", "although", "though", "however", "yet", "whereas", "despite", "instead", "nevertheless"}
)
#: A mention that is one of these is a pronoun (NewsMTSC codes "he", "her" ... as mentions).
PRONOUNS = frozenset(
    {"he", "she", "they", "him", "her", "them", "his", "hers", "their", "theirs", "it", "its", "we", "us"}
    | {"our", "i", "me", "my", "you"}
)
#: Auxiliaries of a passive ("was arrested", "got fired").
BE = frozenset(
    {
        "be",
        "is",
        "are",
        "was",
        "were",
        "been",
        "being",
        "'s",
        "'re",
        "get",
        "gets",
        "got",
        "gotten",
        "getting",
    }
)
#: Verbs that link a subject to what it is said to be.
COPULAS = frozenset(
    {"is", "are", "was", "were", "be", "been", "being", "'s", "'re", "become", "became", "remain", "remains"}
    | {"remained", "seem", "seems", "seemed"}
)
#: Tokens that end a clause for the purpose of "the mention's side" of a sentence.
CLAUSE_BREAKS = frozenset([";", ":", "\u2014", "\u2013", "(", ")"]) | CONTRAST
#: Opening quotation marks: a mention right after one still opens its sentence.
QUOTE_MARKS = frozenset('"\u201c\u201d\u2018')
#: Words that join two verb phrases or clauses ("praised A and condemned B"): a phrase break before a verb.
COORDINATORS = frozenset({",", "and", "or"})
#: Words of a mention that mark a person: a title or office.
TITLES = frozenset(
    {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sen", "sen.", "rep", "rep.", "gov", "gov."}
    | {"president", "senator", "governor", "secretary", "speaker", "judge", "minister", "leader"}
    | {"chairman", "former"}
)
#: Words either side of the mention taken as its window.
WINDOW = 4
#: Value of a sentence-word feature (window words count 1): halves their pull under the same
#: regularisation, so the sentence's topic words weigh less than the words around the mention.
SENTENCE_WORD_WEIGHT = 0.5
#: VADER's scalar for a negated word (Hutto & Gilbert 2014).
NEGATION_SCALAR = -0.74


class _Sentence:
    """One sentence analysed once for all its mentions: tokens, tags, chunks, valences, scores.

    ``scores`` is the sentence's row of :func:`framing.measures.sentiment.sentence_scores`.
    """

    def __init__(self, text: str, quotes: list[tuple[int, int, str, int, int]], scores: tuple):
        from textblob.en import parser

        self.text = text
        self.tokens = [(m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]
        self.words = [fold(text[s:e]) for s, e in self.tokens]
        tagged = parser.find_tags([w.replace("\u2019", "'") for w in (text[s:e] for s, e in self.tokens)])
        chunked = parser.find_chunks(tagged) if tagged else []
        self.tags = [c[1] for c in chunked]
        self.chunks = _chunks([c[2] for c in chunked])
        lexicon = vader_valence()
        self.valence = [
            lexicon.get(w, 0.0) * (NEGATION_SCALAR if negated(text, s, e) else 1.0) if w in lexicon else 0.0
            for w, (s, e) in zip(self.words, self.tokens, strict=True)
        ]
        self.stems = [_stem(w) for w in self.words]
        self.owner = _owners(self.chunks, self.words)
        self.phrase_breaks = _phrase_breaks(self.words, self.chunks)
        #: Noun phrases headed by a proper noun or a pronoun: the sentence's candidate persons and groups.
        self.entities = [
            (s, e)
            for kind, s, e in self.chunks
            if kind == "NP" and self.tags[e - 1] in ("NNP", "NNPS", "PRP")
        ]
        self.quotes = quotes
        scores = dict(zip(SENTIMENT_COLUMNS, scores, strict=True))
        self.sentence = {
            "sent:vader_compound": scores["vader_compound"],
            "sent:vader_pos": scores["vader_pos"],
            "sent:vader_neg": scores["vader_neg"],
            "sent:textblob_polarity": scores["textblob_polarity"],
            "sent:textblob_subjectivity": scores["textblob_subjectivity"],
            f"sent:vader_label={baseline_label(scores['vader_compound'])}": 1.0,
        }

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Indices ``[first, last)`` of the tokens overlapping ``text[start:end]``."""
        inside = [i for i, (s, e) in enumerate(self.tokens) if s < end and e > start]
        if inside:
            return inside[0], inside[-1] + 1
        at = bisect.bisect_left([s for s, _ in self.tokens], start)
        return at, at


@functools.lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _stemmer().stem(word)


def baseline_label(compound: float, threshold: float = 0.05) -> str:
    """The sentence-level label: VADER's convention, compound >= +0.05 positive, <= -0.05 negative.

    Examples
    --------
    >>> [baseline_label(c) for c in (0.5, 0.0, -0.05)]
    ['positive', 'neutral', 'negative']
    """
    if compound >= threshold:
        return "positive"
    if compound <= -threshold:
        return "negative"
    return "neutral"


def _chunks(tags: list[str]) -> list[tuple[str, int, int]]:
    """Chunk tags (``B-NP``, ``I-NP``, ``O``) as ``(type, first, last + 1)`` runs."""
    runs: list[tuple[str, int, int]] = []
    for i, tag in enumerate(tags):
        if tag == "O":
            continue
        kind = tag[2:]
        if tag.startswith("I-") and runs and runs[-1][0] == kind and runs[-1][2] == i:
            runs[-1] = (kind, runs[-1][1], i + 1)
        else:
            runs.append((kind, i, i + 1))
    return runs


def _owners(chunks: list[tuple[str, int, int]], words: list[str]) -> list[int]:
    """For each token, the noun phrase (index into ``chunks``) its evaluation is about, or -1.

    A word in a noun phrase is about that phrase ("the *corrupt* mayor"); a verb
    about its object, the noun phrase right after it, or after one preposition
    ("*condemned* the smugglers", "*voted against* the bill"); an adjective
    phrase after a verb about the subject before that verb ("the smugglers are
    *ruthless*").
    """
    owner = [-1] * len(words)
    for k, (kind, start, end) in enumerate(chunks):
        target = -1
        if kind == "NP":
            target = k
        elif kind == "VP":
            following = chunks[k + 1 : k + 3]
            kinds = [c[0] for c in following]
            if kinds[:1] == ["NP"] and following[0][1] == end:
                target = k + 1
            elif kinds == ["PP", "NP"] and following[0][1] == end and following[1][1] == following[0][2]:
                target = k + 2
        elif kind == "ADJP" and k >= 2 and [c[0] for c in chunks[k - 2 : k]] == ["NP", "VP"]:
            verb_phrase = chunks[k - 1]
            target = k - 2 if verb_phrase[2] == start and chunks[k - 2][2] == verb_phrase[1] else -1
        for i in range(start, end):
            owner[i] = target
    # A copula hands what follows it to its subject ("the smugglers are *cruel criminals*").
    for k, (kind, start, end) in enumerate(chunks[1:-1], 1):
        subject, predicate = chunks[k - 1], chunks[k + 1]
        linked = kind == "VP" and words[end - 1] in COPULAS and predicate[0] in ("NP", "ADJP")
        if linked and subject[0] == "NP" and subject[2] == start and predicate[1] == end:
            for i in range(start, predicate[2]):
                owner[i] = k - 1
    return owner


def _phrase_breaks(words: list[str], chunks: list[tuple[str, int, int]]) -> list[int]:
    """Token indices that end a phrase: clause breaks, and a comma, "and" or "or" before a new verb phrase.

    "Police praised the volunteers and condemned the smugglers": "and" opens a
    verb phrase, so "condemned" is outside the volunteers' phrase; in
    "volunteers and smugglers fled" it joins two nouns and breaks nothing.
    """
    starts = {s: k for k, (_, s, _) in enumerate(chunks)}
    breaks = []
    for i, word in enumerate(words):
        if word in CLAUSE_BREAKS:
            breaks.append(i)
            continue
        if word not in COORDINATORS:
            continue
        k = starts.get(i + 1)
        if k is None and i + 2 < len(words) and words[i + 1] in COORDINATORS | {"then"}:
            k = starts.get(i + 2)  # ", and condemned", "and then condemned"
        if k is None:
            continue
        following = chunks[k + 1] if k + 1 < len(chunks) else None
        new_clause = (
            chunks[k][0] == "NP" and following and following[0] == "VP" and following[1] == chunks[k][2]
        )
        if chunks[k][0] == "VP" or new_clause:
            breaks.append(i)
    return breaks


def _role(sent: _Sentence, first: int, last: int) -> tuple[str, int]:
    """The mention's role by its chunks and the verb index it attaches to (-1 if none).

    ``subj`` (its phrase is followed by a verb phrase), ``subj_passive`` (... by a
    passive one), ``obj`` (it follows a verb phrase), ``agent`` ("by" after a
    passive verb), ``pobj`` (after another preposition), else ``none``. A noun
    phrase coordinated by "and" or "or" shares the role of the phrases it is
    coordinated with: in "thanked the nurses and the doctors" the doctors are an
    object of "thanked" too, in "Smith and Jones attacked" Smith is a subject.
    """
    chunks = sent.chunks
    overlapping = [c for c in chunks if c[1] < last and c[2] > first]
    lo = min([first, *(c[1] for c in overlapping)])
    hi = max([last, *(c[2] for c in overlapping)])
    role, verb = _direct_role(sent, lo, hi)
    left, right = lo, hi
    while role == "none" and left >= 2 and sent.words[left - 1] in ("and", "or"):
        conjunct = next((c for c in chunks if c[0] == "NP" and c[2] == left - 1), None)
        if conjunct is None:
            break
        left = conjunct[1]
        role, verb = _direct_role(sent, conjunct[1], conjunct[2])
    while role == "none" and right + 1 < len(sent.words) and sent.words[right] in ("and", "or"):
        conjunct = next((c for c in chunks if c[0] == "NP" and c[1] == right + 1), None)
        if conjunct is None:
            break
        right = conjunct[2]
        role, verb = _direct_role(sent, conjunct[1], conjunct[2])
    return role, verb


def _direct_role(sent: _Sentence, lo: int, hi: int) -> tuple[str, int]:
    """The role of the phrase of tokens ``lo:hi`` by the chunks right around it (see :func:`_role`)."""
    chunks = sent.chunks
    if hi < len(sent.words) and sent.words[hi] == "'s":
        hi += 1
    after = next((c for c in chunks if c[1] >= hi), None)
    if after and after[0] == "VP" and after[1] == hi:
        verb = _head_verb(sent, after)
        passive = sent.tags[verb] == "VBN" and any(sent.words[i] in BE for i in range(after[1], verb))
        return ("subj_passive" if passive else "subj"), verb
    before = [c for c in chunks if c[2] <= lo]
    if before and before[-1][2] == lo:
        kind, s, e = before[-1]
        if kind == "VP":
            return "obj", _head_verb(sent, before[-1])
        if kind == "PP" and len(before) > 1 and before[-2][0] == "VP" and before[-2][2] == s:
            verb = _head_verb(sent, before[-2])
            return ("agent" if sent.words[s] == "by" else "pobj"), verb
        if kind == "PP":
            return "pobj", -1
    return "none", -1


def _head_verb(sent: _Sentence, chunk: tuple[str, int, int]) -> int:
    verbs = [i for i in range(chunk[1], chunk[2]) if sent.tags[i].startswith("VB")]
    return verbs[-1] if verbs else chunk[2] - 1


def _features(sent: _Sentence, start: int, end: int) -> dict[str, float]:
    """Features of the mention at ``[start, end)`` of the sentence ``sent``."""
    words, valence = sent.words, sent.valence
    first, last = sent.token_range(start, end)
    n = len(words)
    f: dict[str, float] = dict(sent.sentence)
    masked = [*words[:first], "<t>", *words[last:]]
    at = first  # the mention's index in ``masked``
    for w in set(masked):
        if w != "<t>":
            f[f"w:{w}"] = SENTENCE_WORD_WEIGHT
    for i in range(max(0, at - WINDOW), at):
        f[f"l:{masked[i]}"] = 1.0
    for i in range(at + 1, min(len(masked), at + 1 + WINDOW)):
        f[f"r:{masked[i]}"] = 1.0
    left2 = " ".join(masked[max(0, at - 2) : at + 1])
    right2 = " ".join(masked[at : at + 3])
    f[f"t-2:{left2}"] = f[f"t+2:{right2}"] = 1.0
    # Valence around the mention, by distance, side and clause. What another clause says bears
    # on a subject, who may do what it says ("X praised A but condemned B"), less on an object.
    role, verb = _role(sent, first, last)
    doer = "subj" if role.startswith("subj") else "other"
    breaks = [i for i, w in enumerate(words) if w in CLAUSE_BREAKS and not (first <= i < last)]
    clause_lo = max([i + 1 for i in breaks if i < first], default=0)
    clause_hi = min([i for i in breaks if i >= last], default=n)
    phrase_breaks = [i for i in sent.phrase_breaks if not first <= i < last]
    phrase_lo = max([i + 1 for i in phrase_breaks if i < first], default=0)
    phrase_hi = min([i for i in phrase_breaks if i >= last], default=n)
    f["phrase:share"] = (phrase_hi - phrase_lo) / max(1, n)
    for i in range(clause_lo, clause_hi):  # the words of its own clause
        if not first <= i < last:
            f[f"cw:{words[i]}"] = SENTENCE_WORD_WEIGHT
    for i, v in enumerate(valence):
        if not v or first <= i < last:
            continue
        sign = "pos" if v > 0 else "neg"
        if not clause_lo <= i < clause_hi:  # another clause; "across" a contrast marker or not
            between = range(i + 1, first) if i < first else range(last, i)
            where = "across" if any(words[j] in CONTRAST for j in between) else "other"
            key = f"val:{where}_{sign}_{doer}"
            f[key] = f.get(key, 0.0) + abs(v)
            continue
        keys = [f"val:clause_{sign}"]
        weighted = [abs(v)]
        if not phrase_lo <= i < phrase_hi:  # in the clause, past a verb phrase of its own
            keys.append(f"val:outphrase_{sign}")
            weighted.append(abs(v))
            for key, value in zip(keys, weighted, strict=True):
                f[key] = f.get(key, 0.0) + value
            continue
        distance = first - i if i < first else i - last + 1
        keys += [f"val:{'l' if i < first else 'r'}_{sign}", f"val:near_{sign}", f"val:phrase_{sign}"]
        weighted += [abs(v) / distance, abs(v) / distance, abs(v)]
        if distance <= 2:
            keys.append(f"val:adjacent_{sign}")
            weighted.append(abs(v))
        for key, value in zip(keys, weighted, strict=True):
            f[key] = f.get(key, 0.0) + value
    _nearest_evaluation(sent, first, last, f)
    # Whose evaluation: words about the mention's own noun phrase, about another one, or free.
    own = {k for k, (kind, s, e) in enumerate(sent.chunks) if kind == "NP" and s < last and e > first}
    for i, v in enumerate(valence):
        if v and not first <= i < last:
            about = sent.owner[i]
            whose = "own" if about in own else ("free" if about < 0 else "other")
            key = f"about:{whose}_{'pos' if v > 0 else 'neg'}"
            f[key] = f.get(key, 0.0) + abs(v)
    lexicon = vader_valence()
    f["val:mention"] = sum(lexicon.get(w, 0.0) for w in words[first:last])
    stems = [*sent.stems[:first], "<t>", *sent.stems[last:]]
    for i in range(max(0, at - WINDOW), at):
        f[f"ls:{stems[i]}"] = 1.0
    for i in range(at + 1, min(len(stems), at + 1 + WINDOW)):
        f[f"rs:{stems[i]}"] = 1.0
    # Syntax: the verb the mention attaches to.
    f[f"role:{role}"] = 1.0
    if verb >= 0:
        f[f"verb:{role}:{words[verb]}"] = 1.0
        f[f"verbstem:{role}:{sent.stems[verb]}"] = 1.0
        f[f"verbval:{role}"] = valence[verb]
        if role.startswith("subj"):
            f[f"predval:{role}"] = sum(valence[verb:clause_hi])
    # Contrast: which side of "but"/"while"/"although" the mention is on.
    markers = [i for i, w in enumerate(words) if w in CONTRAST]
    if markers:
        f["contrast:any"] = 1.0
        f["contrast:after" if markers[0] < first else "contrast:before"] = 1.0
        f["contrast:own_val"] = sum(valence[clause_lo:first]) + sum(valence[last:clause_hi])
        f["contrast:other_val"] = sum(valence[:clause_lo]) + sum(valence[clause_hi:])
    # Quotes: in speech, in scare quotes, the speaker.
    for q_start, q_end, kind, s_start, s_end in sent.quotes:
        if q_start <= start and end <= q_end:
            f[f"quote:in_{kind}"] = 1.0
        elif kind != "scare":
            f["quote:outside_speech"] = 1.0
        if s_start <= start < s_end or (start <= s_start < end):
            f["quote:speaker"] = 1.0
    # The mention's form and place.
    mention = words[first:last]
    f["mention:pronoun"] = float(len(mention) == 1 and mention[0] in PRONOUNS)
    f["mention:possessive"] = float(last < n and words[last] == "'s")
    f["mention:initial"] = float(first == 0 or (first == 1 and words[0] in QUOTE_MARKS))
    f["mention:position"] = first / max(1, n)
    # A modifier of another noun ("the Clinton Foundation", "U.S. immigration"), and the preposition
    # before it ("in Michigan", "from Oxford"): the evaluation is often of the thing, not the mention.
    phrase = next((c for c in sent.chunks if c[0] == "NP" and c[1] < last and c[2] > first), None)
    if phrase and phrase[2] > last and sent.tags[phrase[2] - 1].startswith("NN"):
        f["mention:modifier"] = 1.0
    before = first - 2 if first > 1 and sent.tags[first - 1] == "DT" else first - 1
    if before >= 0 and sent.tags[before] == "IN":
        f[f"prep:{words[before]}"] = 1.0
    # What kind of mention: a person by title, a name, a date or number, how long.
    if mention:
        raw = [sent.text[s:e] for s, e in sent.tokens[first:last]]
        f["mention:title"] = float(any(w in TITLES for w in mention))
        f["mention:capitalised"] = float(all(w[0].isupper() for w in raw if w[0].isalpha()))
        f["mention:digit"] = float(any(c.isdigit() for w in raw for c in w))
        f[f"mention:words={min(len(mention), 4)}"] = 1.0
    # Other persons and groups in the sentence (by the chunker, whatever targets were asked for).
    others = [(s, e) for s, e in sent.entities if not (s < last and e > first)]
    f[f"others:{min(len(others), 3)}"] = 1.0
    f["others:first"] = float(all(s >= first for s, _ in others))
    return f


def _nearest_evaluation(sent: _Sentence, first: int, last: int, f: dict[str, float]) -> None:
    """Evaluative words with another person or group between them and the mention, or none between.

    An evaluation mostly belongs to the target next to it: for Mr Smith in "Critics condemned
    Mr Smith while Ms Jones praised him", "condemned" is clear and "praised" lies
    past Ms Jones (the others are the sentence's :attr:`_Sentence.entities`).
    The nearest evaluative word's valence goes apart too (``nearest:neg``, or
    ``nearest:neg_blocked`` past another person).

    Examples
    --------
    >>> (f,) = sentence_features("Critics condemned Mr Smith while Ms Jones praised him.", [(18, 26)])
    >>> # VADER's lexicon: critics -1.2, condemned -1.9 (the nearest), praised +2.2
    >>> round(f["val:clear_neg"], 6), f["val:blocked_pos"], f["nearest:neg"]
    (3.1, 2.2, 1.9)
    """
    others = [(s, e) for s, e in sent.entities if not (s < last and e > first)]
    nearest = None
    for i, v in enumerate(sent.valence):
        if not v or first <= i < last:
            continue
        lo, hi = (i, first) if i < first else (last, i)
        blocked = any(lo <= s and e <= hi for s, e in others)
        key = f"val:{'blocked' if blocked else 'clear'}_{'pos' if v > 0 else 'neg'}"
        f[key] = f.get(key, 0.0) + abs(v)
        distance = first - i if i < first else i - last + 1
        if nearest is None or distance < nearest[0]:
            nearest = (distance, v, blocked)
    if nearest:
        _, v, blocked = nearest
        f[f"nearest:{'pos' if v > 0 else 'neg'}{'_blocked' if blocked else ''}"] = abs(v)


def _relative_quotes(quotes, start: int, end: int) -> list[tuple[int, int, str, int, int]]:
    """Quotes overlapping ``[start, end)`` as sentence-relative ``(start, end, kind, speaker_start, ...)``."""
    return [
        (
            q.start - start,
            q.end - start,
            q.kind,
            *((q.speaker_start - start, q.speaker_end - start) if _has_speaker(q) else (-1, -1)),
        )
        for q in quotes
        if q.start < end and q.end > start
    ]


def sentence_features(sentence: str, mentions: list[tuple[int, int]], quotes=None) -> list[dict[str, float]]:
    """Features of each mention ``(start, end)`` (offsets into ``sentence``), one dict per mention.

    ``quotes`` are :class:`framing.measures.discourse.Quote` objects with
    offsets into ``sentence`` (default: found in the sentence itself).

    Examples
    --------
    >>> f = sentence_features("Police praised the volunteers.", [(19, 29)])[0]
    >>> f["role:obj"], f["verb:obj:praised"], f["l:praised"], "w:volunteers" in f
    (1.0, 1.0, 1.0, False)
    """
    quotes = find_quotes(sentence) if quotes is None else quotes
    sent = _Sentence(sentence, _relative_quotes(quotes, 0, len(sentence)), sentence_scores([sentence])[0])
    return [_features(sent, start, end) for start, end in mentions]


class ModelFileError(ValueError):
    """The model file is missing, was built with other feature rules, or holds untrusted types."""


def load_model(path: str | Path | None = None) -> dict:
    """The target-sentiment model: a logistic regression and the names of its features.

    A dict: ``classifier`` (scikit-learn ``LogisticRegression``), ``features``
    (the feature names in column order, one a line), ``vocabulary`` (name to
    column, rebuilt here), ``features_version``, ``labels`` and
    ``training_mentions``. Read with :func:`skops.io.load`, trusting only
    :data:`TRUSTED_TYPES`: a file holding any other type (a tampered file) is
    refused before anything in it is built. The packaged model is cached.

    Examples
    --------
    >>> model = load_model()
    >>> model["labels"], len(model["vocabulary"]) == model["classifier"].coef_.shape[1]
    (['negative', 'neutral', 'positive'], True)
    """
    if path is None:
        return _packaged_model()
    return _read_model(Path(path))


@functools.lru_cache(maxsize=1)
def _packaged_model() -> dict:
    return _read_model(Path(str(MODEL_PATH)))


def _read_model(path: Path) -> dict:
    import skops.io

    if not path.is_file():
        raise ModelFileError(f"{path}: no model file (build it: python -m framing.learn.build_target_model)")
    try:
        untrusted = [t for t in skops.io.get_untrusted_types(file=path) if t not in TRUSTED_TYPES]
    except Exception as error:  # a damaged archive: skops raises zipfile/json/key errors
        raise ModelFileError(f"{path}: not a readable skops model file ({error})") from error
    if untrusted:
        raise ModelFileError(f"{path}: refused, the file holds types that are not trusted: {untrusted}")
    model = skops.io.load(path, trusted=TRUSTED_TYPES)
    if not isinstance(model, dict) or not {"classifier", "features", "features_version"} <= set(model):
        raise ModelFileError(f"{path}: not a target-sentiment model (no classifier, features and version)")
    if model["features_version"] != FEATURES_VERSION:
        raise ModelFileError(
            f"{path}: built for features version {model['features_version']!r}, this code computes "
            f"{FEATURES_VERSION!r}; rebuild it"
        )
    model["vocabulary"] = vocabulary(model)
    if len(model["vocabulary"]) != model["classifier"].coef_.shape[1]:
        raise ModelFileError(
            f"{path}: {len(model['vocabulary'])} feature names for a model of a different size"
        )
    return model


def vocabulary(model: dict) -> dict[str, int]:
    """Feature name to column of ``model`` (its ``features``, one name a line).

    Examples
    --------
    >>> vocabulary({"features": "w:bad\\nw:good"})
    {'w:bad': 0, 'w:good': 1}
    """
    return {name: column for column, name in enumerate(model["features"].split("\n"))}


def predict_proba(features: list[dict[str, float]], model: dict | None = None) -> np.ndarray:
    """Class probabilities (columns in :data:`LABELS` order) for feature dicts.

    Examples
    --------
    >>> p = predict_proba(sentence_features("They hailed the nurses.", [(16, 22)]))
    >>> p.shape, round(float(p.sum()), 6)
    ((1, 3), 1.0)
    """
    model = load_model() if model is None else model
    if not features:
        return np.zeros((0, len(LABELS)))
    classifier = model["classifier"]
    columns = model["vocabulary"] if "vocabulary" in model else vocabulary(model)
    from sklearn.utils.extmath import safe_sparse_dot, softmax

    # LogisticRegression.predict_proba (multinomial) without its per-call input checks: the same sums
    scores = safe_sparse_dot(feature_matrix(features, columns), classifier.coef_.T, dense_output=True)
    proba = softmax(scores + classifier.intercept_, copy=False)
    order = [list(classifier.classes_).index(label) for label in LABELS]
    return proba[:, order]


def feature_matrix(features: list[dict[str, float]], columns: dict[str, int]) -> sparse.csr_matrix:
    """Feature dicts as a sparse matrix, one row each, with ``columns`` (name to column); others left out.

    What a ``DictVectorizer`` with this vocabulary gives for numeric values,
    without its check of every value's type.

    Examples
    --------
    >>> from sklearn.feature_extraction import DictVectorizer
    >>> rows = [{"w:a": 1.0, "w:b": 0.5}, {"w:b": 2.0, "w:c": 1.0}]
    >>> vectorizer = DictVectorizer().fit(rows[:1])
    >>> (feature_matrix(rows, vectorizer.vocabulary_) != vectorizer.transform(rows)).nnz
    0
    """
    indices: list[int] = []
    values: list[float] = []
    indptr = [0]
    for row in features:
        for name, value in row.items():
            column = columns.get(name)
            if column is not None:
                indices.append(column)
                values.append(value)
        indptr.append(len(indices))
    matrix = sparse.csr_matrix((values, indices, indptr), shape=(len(features), len(columns)), dtype=float)
    matrix.sort_indices()
    return matrix


def find_mentions(text: str, targets, segments=None) -> list[tuple[str, int, int]]:
    """``(target, start, end)`` of each mention: every whole-word, case-insensitive match of a string.

    A match may not run on into a letter or digit ("migrants" is not found in
    "immigrants"), but a hyphen or an apostrophe after it ends it ("migrants'
    boats", "migrant-led"); words of a phrase match across any spaces, never
    across a line break. Offsets ``(start, end)`` are taken as given (their
    target is the text they cover).

    Examples
    --------
    >>> find_mentions("Migrants and migrants' boats; immigrants.", ["migrants"])
    [('migrants', 0, 8), ('migrants', 13, 21)]
    """
    if isinstance(targets, str) or (isinstance(targets, tuple) and len(targets) == 2 and _is_offset(targets)):
        targets = [targets]
    folded = None
    found = []
    seen = set()
    for target in targets:
        if _is_offset(target):
            start, end = int(target[0]), int(target[1])
            if not 0 <= start < end <= len(text):
                raise ValueError(
                    f"target offsets {target!r} are not a span of the text (0 <= start < end <= {len(text)})"
                )
            found.append((text[start:end], start, end))
            continue
        if not isinstance(target, str) or not target.strip():
            raise ValueError(f"a target must be a non-empty string or (start, end) offsets, not {target!r}")
        key = fold(target.strip())
        if key in seen:
            continue
        seen.add(key)
        folded = matching_text(text) if folded is None else folded
        pattern = re.compile(r"(?<![\w'])" + " +".join(map(re.escape, key.split())) + r"(?!\w)")
        for start, end in segments or [(0, len(text))]:
            found += [(target, m.start(), m.end()) for m in pattern.finditer(folded, start, end)]
    return sorted(found, key=lambda m: (m[1], m[2]))


def _is_offset(target) -> bool:
    return (
        isinstance(target, (tuple, list))
        and len(target) == 2
        and all(isinstance(x, (int, np.integer)) and not isinstance(x, bool) for x in target)
    )


def target_sentiment(
    text: str, targets, segments=None, *, sentences=None, quotes=None, model: dict | None = None
) -> pd.DataFrame:
    """Sentiment toward each mention of ``targets`` in ``text``: one row per mention.

    Parameters
    ----------
    text : str
        The article (or any text).
    targets : str, (start, end), or a list of them
        Strings are matched at every whole-word, case-insensitive occurrence
        (:func:`find_mentions`); offsets are taken as they are.
    segments : list of (start, end), optional
        The parts of ``text`` to analyse (a Document's ``segments``, which
        leave boilerplate out); default all of it.
    sentences : DataFrame, optional
        The sentences of ``text`` already scored: ``start``, ``end`` and the
        columns of :data:`framing.measures.sentiment.SENTIMENT_COLUMNS`, one
        row per sentence in order (an Analysis's ``sentences``); default: split
        and scored here.
    quotes : list of Quote or DataFrame, optional
        The quotes of ``text`` (an Analysis's ``quotes``); default: found here.
    model : dict, optional
        A model from :func:`load_model`; default the packaged one.

    Returns
    -------
    DataFrame
        ``target`` (the string asked for, or the text at the offsets), start,
        end, mention, sentence_start, sentence_end, label (negative, neutral,
        positive), p_negative, p_neutral, p_positive, voice (``author``,
        ``quoted`` inside direct speech, ``scare`` inside scare quotes; see
        :func:`framing.measures.discourse.voice_of`) and speaker_id (whose
        speech, for ``quoted``), ordered by start.

    Examples
    --------
    >>> text = 'The minister said: "The smugglers are ruthless." Officers arrested the smugglers.'
    >>> target_sentiment(text, "smugglers")[["start", "label", "voice"]].values.tolist()
    [[24, 'negative', 'quoted'], [71, 'negative', 'author']]
    """
    mentions = find_mentions(text, targets, segments)
    if not mentions:
        return _EMPTY.copy()
    if sentences is None:
        spans = [span for s, e in segments or [(0, len(text))] for span in sentence_spans(text, s, e)]
        scored = {}
    else:
        spans = list(zip(sentences["start"].tolist(), sentences["end"].tolist(), strict=True))
        columns = zip(*(sentences[c].tolist() for c in SENTIMENT_COLUMNS), strict=True)
        scored = dict(zip(spans, columns, strict=True))
    quotes = find_quotes(text, segments) if quotes is None else quotes
    if isinstance(quotes, pd.DataFrame):
        fields = (quotes[c].tolist() for c in _QuoteRow._fields)
        quotes = [_QuoteRow(*row) for row in zip(*fields, strict=True)]
    return pd.DataFrame(label_mentions(text, mentions, spans, scored, quotes, model), columns=RESULT_COLUMNS)


def label_mentions(text: str, mentions, spans, scored: dict, quotes, model: dict | None = None) -> dict:
    """The columns of :func:`target_sentiment`'s table as plain lists: its engine, without pandas.

    ``mentions`` are ``(target, start, end)`` in text order; ``spans`` the
    sentences' ``(start, end)`` in order; ``scored`` maps a sentence's span to
    its :data:`framing.measures.sentiment.SENTIMENT_COLUMNS` values (sentences
    left out are scored here); ``quotes`` a list of Quote.

    Examples
    --------
    >>> text = "Officers arrested the smugglers."
    >>> label_mentions(text, [("smugglers", 22, 31)], [(0, 32)], {}, [])["label"]
    ['negative']
    """
    scored = dict(scored)
    starts = [s for s, _ in spans]
    by_sentence: dict[tuple[int, int], list[int]] = {}
    for index, (_, start, end) in enumerate(mentions):
        at = bisect.bisect_right(starts, start) - 1
        s_start, s_end = spans[at] if at >= 0 else (0, end)
        by_sentence.setdefault((s_start, max(s_end, end)), []).append(index)
    unscored = [span for span in by_sentence if span not in scored]
    scored.update(zip(unscored, sentence_scores([text[s:e] for s, e in unscored]), strict=True))
    features: list[dict[str, float]] = [{} for _ in mentions]
    bounds = [(0, 0)] * len(mentions)
    for (s_start, s_end), indices in by_sentence.items():
        sent = _Sentence(
            text[s_start:s_end], _relative_quotes(quotes, s_start, s_end), scored[(s_start, s_end)]
        )
        for i in indices:
            features[i] = _features(sent, mentions[i][1] - s_start, mentions[i][2] - s_start)
            bounds[i] = (s_start, s_end)
    proba = predict_proba(features, model)
    voices = voice_of([(start, end) for _, start, end in mentions], quotes)
    return {
        "target": [target for target, _, _ in mentions],
        "start": [start for _, start, _ in mentions],
        "end": [end for _, _, end in mentions],
        "mention": [text[start:end] for _, start, end in mentions],
        "sentence_start": [s for s, _ in bounds],
        "sentence_end": [e for _, e in bounds],
        "label": [LABELS[i] for i in proba.argmax(axis=1)],
        "p_negative": proba[:, 0].tolist(),
        "p_neutral": proba[:, 1].tolist(),
        "p_positive": proba[:, 2].tolist(),
        "voice": [voice for voice, _ in voices],
        "speaker_id": [speaker for _, speaker in voices],
    }


def _has_speaker(quote) -> bool:
    """Whether a quote's speaker offsets are known (-1 in a Quote, missing in an Analysis's quotes table)."""
    return quote.speaker_start is not None and not pd.isna(quote.speaker_start) and quote.speaker_start >= 0
