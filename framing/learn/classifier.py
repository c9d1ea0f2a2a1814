"""Train your own classifier: hand-coded sentences in, a cross-validated scikit-learn pipeline out.

:func:`train_classifier` fits a ``Pipeline``: a ``FeatureUnion`` of TF-IDF
word uni- and bigrams, :class:`~framing.learn.features.LexiconFeatures` and
:class:`~framing.learn.features.SentimentFeatures`, then a logistic regression
with balanced class weights and a fixed ``random_state``. Before the final fit
it runs stratified k-fold cross-validation and keeps the out-of-fold
predictions and their scores (:class:`CVReport`). The :class:`Classifier` codes
a list of texts, a Series (keeping its index), a Corpus (one code per document,
indexed by ``doc_id``) or an Analysis (one code per sentence), explains a
decision word by word, and is saved with ``skops`` (never unpickled):
:func:`load_classifier` refuses a file holding any type outside
:data:`TRUSTED_TYPES`, or one that is not a framing classifier.

Examples
--------
>>> texts = ["They slammed the disastrous plan.", "The council met on Monday.",
...          "A shameful, reckless betrayal.", "The report was published today."] * 3
>>> labels = ["loaded", "neutral", "loaded", "neutral"] * 3
>>> model = train_classifier(texts, labels, features=("tfidf",), cv=3, n_boot=0)
>>> model.predict(["A reckless, shameful plan."]).tolist()
['loaded']
"""

from __future__ import annotations

import copy
import json
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import FeatureUnion, Pipeline

from framing.analysis import Analysis, package_versions
from framing.corpus.core import Corpus
from framing.learn.features import LexiconFeatures, SentimentFeatures, check_texts, resolve_lexicons
from framing.learn.validation import METRIC_COLUMNS, validate
from framing.measures.lexicon import Lexicon
from framing.text.files import atomic_write
from framing.text.words import WORD_PATTERN, matching_text

FEATURES = ("tfidf", "lexicon", "sentiment")
#: Written into every saved model; :func:`load_classifier` refuses any other.
FILE_FORMAT = "framing.classifier"
FILE_VERSION = 1
#: The only types a saved model may hold beyond skops's defaults (builtins, numpy arrays and scalars).
TRUSTED_TYPES = [
    "framing.learn.features.LexiconFeatures",
    "framing.learn.features.SentimentFeatures",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.pipeline.FeatureUnion",
    "sklearn.pipeline.Pipeline",
]
_WORD_RE = re.compile(WORD_PATTERN)
#: Columns of :meth:`Classifier.explain`.
EXPLAIN_COLUMNS = ["kind", "feature", "value", "weight", "contribution", "matched", "entries", "spans"]


class ClassifierFileError(ValueError):
    """A saved classifier was refused: not a framing classifier, damaged, or holding untrusted types."""


@dataclass
class CVReport:
    """Stratified k-fold cross-validation of a classifier, from its out-of-fold predictions.

    Attributes
    ----------
    scores : DataFrame
        :data:`framing.learn.validation.METRIC_COLUMNS`: precision, recall and F1
        per class, accuracy and macro-F1, and ROC-AUC for two classes, with
        bootstrap 95% intervals over the texts.
    confusion : DataFrame
        Gold classes on the rows, predicted on the columns.
    predictions : DataFrame
        One row per training text: ``text``, gold ``label``, ``predicted``,
        ``fold``, and ``p_<class>`` for each class (out of fold). A loaded
        model's report has no ``text`` column.
    folds : DataFrame
        Per fold: ``n``, ``accuracy``, ``macro_f1`` (and ``roc_auc`` for two classes).
    """

    scores: pd.DataFrame
    confusion: pd.DataFrame
    predictions: pd.DataFrame
    folds: pd.DataFrame

    def score(self, metric: str, label="all") -> float:
        """One figure of :attr:`scores` (``label`` a class, or ``"all"``)."""
        rows = self.scores[(self.scores["metric"] == metric) & (self.scores["class"] == label)]
        if rows.empty:
            raise KeyError(
                f"no {metric!r} for class {label!r} (metrics: {sorted(set(self.scores['metric']))})"
            )
        return float(rows["value"].iloc[0])

    def __repr__(self) -> str:
        parts = []
        for metric in ("macro_f1", "roc_auc", "accuracy"):
            row = self.scores[(self.scores["metric"] == metric) & (self.scores["class"] == "all")]
            if not row.empty:
                value, low, high = row[["value", "low", "high"]].iloc[0]
                parts.append(f"{metric} {value:.3f} [{low:.3f}, {high:.3f}]")
        return f"<CVReport: {len(self.folds)}-fold, {len(self.predictions)} texts; {', '.join(parts)}>"


def build_pipeline(
    features: Sequence[str] = FEATURES, *, lexicons=None, C: float = 1.0, random_state: int = 0
) -> Pipeline:
    """The unfitted pipeline :func:`train_classifier` fits.

    Examples
    --------
    >>> list(build_pipeline(("tfidf", "sentiment")).named_steps)
    ['features', 'model']
    """
    features = tuple(features)
    unknown = [f for f in features if f not in FEATURES]
    if unknown or not features:
        raise ValueError(f"features: expected some of {FEATURES}, got {list(features)}")
    makers = {
        "tfidf": lambda: TfidfVectorizer(token_pattern=WORD_PATTERN, ngram_range=(1, 2), sublinear_tf=True),
        "lexicon": lambda: LexiconFeatures(lexicons=lexicons),
        "sentiment": SentimentFeatures,
    }
    union = FeatureUnion([(name, makers[name]()) for name in FEATURES if name in features])
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=2000, random_state=random_state)
    return Pipeline([("features", union), ("model", model)])


def _source_texts(source, what: str = "texts") -> tuple[list[str], pd.Index]:
    """Texts to code and the index of their codes: a Corpus's documents, an Analysis's sentences."""
    if isinstance(source, Corpus):
        return source.bodies(), pd.Index(source.doc_ids, name="doc_id")
    if isinstance(source, Analysis):
        sentences = source.sentences
        return sentences["text"].tolist(), pd.Index(sentences["sentence"], name="sentence")
    if isinstance(source, str):
        return [source], pd.RangeIndex(1)
    if isinstance(source, pd.Series):
        return check_texts(source.tolist(), what), source.index
    texts = check_texts(source, what)
    return texts, pd.RangeIndex(len(texts))


def _labels(labels, source, n: int) -> np.ndarray:
    if isinstance(labels, str):
        if not isinstance(source, Corpus) or labels not in source.metadata:
            raise ValueError(f"labels: {labels!r} names no metadata column of the corpus given as texts")
        labels = source.metadata[labels]
    values = np.asarray(list(labels), dtype=object)
    if len(values) != n:
        raise ValueError(f"labels: {len(values)} labels for {n} texts")
    missing = [i for i, v in enumerate(values) if v is None or (isinstance(v, float) and np.isnan(v))]
    if missing:
        raise ValueError(f"labels: missing label at position {missing[0]} (and {len(missing) - 1} more)")
    return values


def train_classifier(
    texts,
    labels,
    features: Sequence[str] = FEATURES,
    cv: int | None = 5,
    *,
    lexicons=None,
    C: float = 1.0,
    n_boot: int = 1000,
    random_state: int = 0,
    n_jobs: int | None = None,
) -> Classifier:
    """Cross-validate, then fit, a classifier of texts (sentences, headlines, articles) on your codes.

    Parameters
    ----------
    texts : sequence of str, Series, Corpus or Analysis
        The coded texts (a Corpus's documents, an Analysis's sentences).
    labels : sequence, or str
        One code per text (two or more classes: "loaded"/"neutral", frames ...);
        with a Corpus, the name of a metadata column.
    features : sequence of {"tfidf", "lexicon", "sentiment"}
        TF-IDF word 1-2-grams; lexicon-category weights with strong-valence and
        strong-subjectivity word counts; VADER and TextBlob sentence sentiment.
    cv : int or None
        Folds of stratified cross-validation (shuffled, seeded); None skips it.
    lexicons : sequence of str, optional
        For the lexicon features (default ``("migration", "loaded")``).
    C : float
        Inverse strength of the logistic regression's L2 penalty.
    n_boot : int
        Bootstrap resamples for the intervals of the cross-validation scores.
    random_state : int
        Seed of the folds, the model and the bootstrap.
    n_jobs : int, optional
        Folds fitted in parallel (scikit-learn's ``n_jobs``).

    Returns
    -------
    Classifier
        Fitted on every text; its ``cv_report`` holds the cross-validation.

    Examples
    --------
    >>> texts = ["A shameful betrayal.", "The bill passed.", "They slammed it.", "Rain is due."] * 3
    >>> model = train_classifier(texts, ["loaded", "neutral"] * 6, features=("tfidf",), cv=3, n_boot=0)
    >>> model.classes, model.cv_report.confusion.to_numpy().sum()
    (['loaded', 'neutral'], np.int64(12))
    """
    text_list, _ = _source_texts(texts)
    gold = _labels(labels, texts, len(text_list))
    try:
        sorted(set(gold.tolist()))
    except TypeError:
        raise ValueError("labels: numbers and text mixed (such as 1 and '1'); use one kind") from None
    classes, counts = np.unique(gold.astype(str), return_counts=True)
    if len(classes) < 2:
        raise ValueError(f"labels: need at least two classes, got {list(classes)}")
    pipeline = build_pipeline(features, lexicons=lexicons, C=C, random_state=random_state)
    report = None
    if cv:
        if cv < 2:
            raise ValueError(f"cv: need at least 2 folds, got {cv}")
        if counts.min() < cv:
            smallest = str(classes[np.argmin(counts)])
            raise ValueError(
                f"labels: class {smallest!r} has {counts.min()} texts; {cv}-fold cross-validation "
                f"needs at least {cv} per class (code more, or lower cv)"
            )
        report = _cross_validate(pipeline, text_list, gold, cv, n_boot, random_state, n_jobs)
    pipeline.fit(text_list, gold)
    info = {
        "features": list(features),
        "lexicons": _lexicon_info(pipeline),
        "n_train": len(text_list),
        "class_counts": {str(c): int(n) for c, n in zip(classes, counts, strict=True)},
        "cv": cv,
        "C": C,
        "random_state": random_state,
        "versions": package_versions(),
    }
    return Classifier(pipeline, cv_report=report, info=info)


def _cross_validate(pipeline, texts, gold, cv, n_boot, random_state, n_jobs) -> CVReport:
    folds = StratifiedKFold(n_splits=cv, shuffle=True, random_state=random_state)
    fold_of = np.empty(len(texts), dtype=int)
    for number, (_, test) in enumerate(folds.split(texts, gold)):
        fold_of[test] = number
    proba = cross_val_predict(pipeline, texts, gold, cv=folds, method="predict_proba", n_jobs=n_jobs)
    classes = list(np.unique(gold))  # the order scikit-learn gives predict_proba's columns
    predicted = np.asarray(classes, dtype=object)[proba.argmax(axis=1)]
    scores = validate(predicted, gold, kind="labels", n_boot=n_boot, seed=random_state)
    if len(classes) == 2:
        auc = validate(
            proba[:, 1], gold, kind="scores", positive=classes[1], n_boot=n_boot, seed=random_state
        )
        scores = pd.concat([scores, auc.assign(**{"class": "all"})], ignore_index=True)
    predictions = pd.DataFrame({"text": texts, "label": gold, "predicted": predicted, "fold": fold_of})
    for i, label in enumerate(classes):
        predictions[f"p_{label}"] = proba[:, i]
    per_fold = []
    for number in range(cv):
        rows = fold_of == number
        table = validate(predicted[rows], gold[rows], kind="labels", n_boot=0).set_index(["metric", "class"])
        record = {
            "fold": number,
            "n": int(rows.sum()),
            "accuracy": table.loc[("accuracy", "all"), "value"],
            "macro_f1": table.loc[("macro_f1", "all"), "value"],
        }
        if len(classes) == 2:
            record["roc_auc"] = validate(
                proba[rows, 1], gold[rows], kind="scores", positive=classes[1], n_boot=0
            )["value"].iloc[0]
        per_fold.append(record)
    confusion = pd.crosstab(
        pd.Categorical(gold, categories=classes), pd.Categorical(predicted, categories=classes), dropna=False
    )
    confusion.index.name, confusion.columns.name = "gold", "predicted"
    return CVReport(scores[METRIC_COLUMNS], confusion, predictions, pd.DataFrame(per_fold))


def _lexicon_info(pipeline: Pipeline) -> list[dict]:
    union = pipeline.named_steps["features"]
    step = dict(union.transformer_list).get("lexicon")
    if step is None:
        return []
    sources = resolve_lexicons(step.lexicons)
    return [
        {"name": name, "source": source.path if isinstance(source, Lexicon) else str(source), "sha256": sha}
        for name, source, sha in zip(step.lexicon_names_, sources, step.lexicon_sha256_, strict=True)
    ]


class Classifier:
    """A fitted text classifier: a scikit-learn Pipeline, its cross-validation and provenance.

    Parameters
    ----------
    pipeline : Pipeline
        Fitted: a ``FeatureUnion`` named ``features``, then a ``LogisticRegression`` named ``model``.
    cv_report : CVReport, optional
        The cross-validation run before the final fit.
    info : dict, optional
        Provenance: features, lexicons and their hashes, class counts, versions.
    """

    def __init__(self, pipeline: Pipeline, *, cv_report: CVReport | None = None, info: dict | None = None):
        self.pipeline = pipeline
        self.cv_report = cv_report
        self.info = dict(info or {})

    @property
    def classes(self) -> list:
        """The classes, in the order of :meth:`predict_proba`'s columns."""
        return self.pipeline.classes_.tolist()

    def __repr__(self) -> str:
        steps = "+".join(name for name, _ in self.pipeline.named_steps["features"].transformer_list)
        cv = f"; {self.cv_report!r}" if self.cv_report is not None else ""
        return (
            f"<Classifier of {self.classes} on {steps}, trained on {self.info.get('n_train', '?')} texts{cv}>"
        )

    def predict(self, source) -> pd.Series:
        """The predicted class of each text (a Corpus: of each document; an Analysis: of each sentence).

        Examples
        --------
        >>> model = train_classifier(["Vile lies.", "It rained."] * 3, ["loaded", "neutral"] * 3,
        ...                          features=("tfidf",), cv=None)
        >>> model.predict(["Such vile lies.", "It rained today."]).tolist()
        ['loaded', 'neutral']
        """
        texts, index = _source_texts(source)
        return pd.Series(self.pipeline.predict(texts), index=index, name="label")

    def predict_proba(self, source) -> pd.DataFrame:
        """The probability of each class (columns) for each text (rows, indexed as :meth:`predict`)."""
        texts, index = _source_texts(source)
        return pd.DataFrame(self.pipeline.predict_proba(texts), index=index, columns=self.classes)

    def explain(self, text: str, n: int | None = 15) -> pd.DataFrame:
        """The features that pushed ``text`` toward its predicted class, strongest first.

        A feature's ``contribution`` is its ``value`` in the text times its
        ``weight`` toward the predicted class: the logistic regression's
        coefficient (its negation when two classes and the first is predicted;
        with more classes, the class's coefficient less their mean). The
        predicted class and its probability are in ``.attrs``.

        Returns
        -------
        DataFrame
            :data:`EXPLAIN_COLUMNS`: ``kind`` (tfidf, lexicon, sentiment),
            ``feature``, ``value``, ``weight``, ``contribution``; what matched
            in the text (``matched``), the lexicon entries (``entries``) and the
            character offsets (``spans``, a tuple of ``(start, end)``).

        Examples
        --------
        >>> model = train_classifier(["Vile lies.", "It rained."] * 3, ["loaded", "neutral"] * 3,
        ...                          features=("tfidf",), cv=None)
        >>> why = model.explain("Vile lies again.")
        >>> why.attrs["predicted"], sorted(why["feature"])
        ('loaded', ['lies', 'vile', 'vile lies'])
        >>> why.set_index("feature").loc["vile lies", "spans"]
        ((0, 9),)
        """
        if not isinstance(text, str):
            raise ValueError(f"text: explain takes one text, got {type(text).__name__}")
        union = self.pipeline.named_steps["features"]
        model = self.pipeline.named_steps["model"]
        row = union.transform([text])
        row = row.toarray()[0] if hasattr(row, "toarray") else np.asarray(row)[0]
        proba = model.predict_proba(row[None, :])[0]
        winner = int(proba.argmax())
        coef = model.coef_
        if coef.shape[0] == 1:
            weight = coef[0] if winner == 1 else -coef[0]
        else:
            weight = coef[winner] - coef.mean(axis=0)
        names = union.get_feature_names_out()
        found = self._found(text, union)
        rows = []
        for column in np.flatnonzero(row):
            kind, feature = names[column].split("__", 1)
            matched, entries, spans = found.get((kind, feature), ("", "", ()))
            value = float(row[column])
            rows.append(
                (kind, feature, value, float(weight[column]), value * weight[column], matched, entries, spans)
            )
        table = pd.DataFrame(rows, columns=EXPLAIN_COLUMNS)
        table = table.reindex(table["contribution"].abs().sort_values(ascending=False, kind="stable").index)
        table = table.reset_index(drop=True)
        table = table.head(n) if n is not None else table
        table.attrs.update(predicted=self.classes[winner], probability=float(proba[winner]))
        return table

    def _found(self, text: str, union: FeatureUnion) -> dict:
        """``(kind, feature) -> (matched text, entries, spans)`` for the text's words and lexicon hits."""
        found: dict = {}
        steps = dict(union.transformer_list)
        if "tfidf" in steps:
            folded = steps["tfidf"].build_preprocessor()(text)  # as the vectorizer reads it
            if len(folded) != len(text):  # a character whose lower case is longer: keep the offsets
                folded = matching_text(text)
            tokens = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(folded)]
            grams = [((s, e), w) for s, e, w in tokens]
            grams += [((a[0], b[1]), f"{a[2]} {b[2]}") for a, b in zip(tokens, tokens[1:], strict=False)]
            vocabulary = steps["tfidf"].vocabulary_
            for span, gram in grams:
                if gram in vocabulary:
                    _add(found, ("tfidf", gram), text[span[0] : span[1]], "", span)
        if "lexicon" in steps:
            for hit in steps["lexicon"].spans(text).itertuples(index=False):
                _add(found, ("lexicon", hit.feature), hit.text, hit.entry, (hit.start, hit.end))
        return found

    def save(self, path) -> Path:
        """Write the model with ``skops`` (no pickle); :func:`load_classifier` reads it back.

        The file keeps the pipeline, the provenance and the cross-validation
        report; the report's out-of-fold predictions are kept without the
        training texts (the TF-IDF vocabulary still lists their words).

        Examples
        --------
        >>> import tempfile
        >>> model = train_classifier(["Vile lies.", "It rained."] * 3, ["loaded", "neutral"] * 3,
        ...                          features=("tfidf",), cv=None)
        >>> path = model.save(Path(tempfile.mkdtemp()) / "model.skops")
        >>> load_classifier(path).predict(["Vile."]).tolist() == model.predict(["Vile."]).tolist()
        True
        """
        import skops.io as sio

        step = dict(self.pipeline.named_steps["features"].transformer_list).get("lexicon")
        if step is not None and any(isinstance(x, Lexicon) for x in resolve_lexicons(step.lexicons)):
            raise ValueError(
                "save: the lexicon features were given Lexicon objects; train with packaged lexicon "
                "names or lexicon file paths to save the model"
            )
        meta = {"info": self.info, "cv_report": _report_json(self.cv_report)}
        pipeline, terms = _without_vocabulary(self.pipeline)
        payload = {
            "format": FILE_FORMAT,
            "version": FILE_VERSION,
            "pipeline": pipeline,
            "terms": terms,
            "meta": json.dumps(meta, default=_json_default),
        }
        return atomic_write(path, sio.dumps(payload))


def _without_vocabulary(pipeline: Pipeline) -> tuple[Pipeline, str]:
    """A shallow copy of ``pipeline`` whose TF-IDF vocabulary is left out, and its terms, one a line.

    skops writes a dict entry by entry (hundreds of bytes and a JSON node per
    term); the terms in index order, as one string, take a few bytes each.
    """
    union = pipeline.named_steps["features"]
    steps = dict(union.transformer_list)
    if "tfidf" not in steps:
        return pipeline, ""
    vectorizer = copy.copy(steps["tfidf"])
    vocabulary = vectorizer.vocabulary_
    terms = [""] * len(vocabulary)
    for term, index in vocabulary.items():
        terms[index] = term
    vectorizer.vocabulary_ = {}
    union = copy.copy(union)
    union.transformer_list = [(n, vectorizer if n == "tfidf" else t) for n, t in union.transformer_list]
    bare = copy.copy(pipeline)
    bare.steps = [("features", union), *pipeline.steps[1:]]
    return bare, "\n".join(terms)


def _restore_vocabulary(pipeline: Pipeline, terms: str) -> None:
    steps = dict(pipeline.named_steps["features"].transformer_list)
    if "tfidf" in steps:
        vectorizer = steps["tfidf"]
        words = terms.split("\n") if terms else []
        if len(words) != len(vectorizer.idf_):
            raise ValueError(f"{len(words)} terms for {len(vectorizer.idf_)} TF-IDF weights")
        vectorizer.vocabulary_ = {term: index for index, term in enumerate(words)}


def _add(found: dict, key, matched: str, entry: str, span: tuple[int, int]) -> None:
    texts, entries, spans = found.get(key, ("", "", ()))
    texts = f"{texts} | {matched}" if texts else matched
    if entry and entry not in entries.split(", "):
        entries = f"{entries}, {entry}" if entries else entry
    found[key] = (texts, entries, (*spans, (int(span[0]), int(span[1]))))


def _json_default(value):
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _report_json(report: CVReport | None) -> dict | None:
    if report is None:
        return None
    confusion = report.confusion
    return {
        "scores": report.scores.to_dict(orient="list"),
        "confusion": {
            "classes": [str(c) for c in confusion.index],
            "counts": confusion.to_numpy().tolist(),
        },
        "predictions": report.predictions.drop(columns="text").to_dict(orient="list"),
        "folds": report.folds.to_dict(orient="list"),
    }


def _report_from_json(data: dict | None, classes: list) -> CVReport | None:
    if data is None:
        return None
    by_name = {str(c): c for c in classes}
    confusion = pd.DataFrame(
        data["confusion"]["counts"],
        index=pd.CategoricalIndex([by_name[c] for c in data["confusion"]["classes"]], name="gold"),
        columns=pd.CategoricalIndex([by_name[c] for c in data["confusion"]["classes"]], name="predicted"),
    )
    return CVReport(
        pd.DataFrame(data["scores"]),
        confusion,
        pd.DataFrame(data["predictions"]),
        pd.DataFrame(data["folds"]),
    )


def load_classifier(path) -> Classifier:
    """A classifier written by :meth:`Classifier.save`; any other file is refused.

    The file is read with ``skops.io.loads`` trusting only skops's default
    types and :data:`TRUSTED_TYPES`: nothing is unpickled, and a file that
    holds another type (a tampered or foreign model) is refused before any of
    it is built.

    Raises
    ------
    ClassifierFileError
        Naming the file and what is wrong with it.

    Examples
    --------
    >>> load_classifier(__file__)
    Traceback (most recent call last):
    ...
    framing.learn.classifier.ClassifierFileError: ...classifier.py: not a saved classifier (not a skops file)
    """
    import skops.io as sio
    from skops.io.exceptions import UntrustedTypesFoundException

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such classifier file")
    data = path.read_bytes()
    if not zipfile.is_zipfile(path):
        raise ClassifierFileError(f"{path}: not a saved classifier (not a skops file)")
    try:
        payload = sio.loads(data, trusted=TRUSTED_TYPES)
    except UntrustedTypesFoundException as error:
        untrusted = sorted(set(sio.get_untrusted_types(data=data)) - set(TRUSTED_TYPES))
        raise ClassifierFileError(
            f"{path}: refused: it holds types a framing classifier never does ({', '.join(untrusted)}); "
            "it was altered or written by something else"
        ) from error
    except Exception as error:  # a damaged archive fails in many ways inside skops
        raise ClassifierFileError(
            f"{path}: not a readable classifier ({type(error).__name__}: {error})"
        ) from None
    if not (isinstance(payload, dict) and payload.get("format") == FILE_FORMAT):
        raise ClassifierFileError(f"{path}: a skops file, but not a framing classifier")
    if payload.get("version") != FILE_VERSION:
        raise ClassifierFileError(
            f"{path}: classifier file version {payload.get('version')!r}; this framing reads {FILE_VERSION}"
        )
    pipeline = payload.get("pipeline")
    if not isinstance(pipeline, Pipeline) or list(pipeline.named_steps) != ["features", "model"]:
        raise ClassifierFileError(f"{path}: the model inside is not a framing classifier pipeline")
    try:
        _restore_vocabulary(pipeline, payload["terms"])
        meta = json.loads(payload["meta"])
        report = _report_from_json(meta.get("cv_report"), pipeline.classes_.tolist())
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ClassifierFileError(f"{path}: damaged classifier metadata ({error})") from None
    return Classifier(pipeline, cv_report=report, info=meta.get("info"))
