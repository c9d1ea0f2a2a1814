"""framing.learn: the team's labelled sentences, the classifier, its features, validation and agreement.

Cross-validation figures are computed on tests/data/labelled_sentences.tsv and never asserted as
constants: they are checked against a baseline computed here, against scikit-learn's own metrics
on the same out-of-fold predictions, and against their intervals.
"""

from __future__ import annotations

import csv
import json
import pickle
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support, roc_auc_score
from sklearn.pipeline import Pipeline
from sklearn.utils import estimator_checks
from sklearn.utils._tags import get_tags

from framing.learn import (
    ClassifierFileError,
    LexiconFeatures,
    SentimentFeatures,
    agreement,
    load_classifier,
    train_classifier,
    validate,
)
from framing.learn.features import SIGNAL_FEATURES
from framing.measures.lexicon import Lexicon
from framing.measures.valence import STRONG_SUBJECTIVITY, STRONG_VALENCE

LABELLED = Path(__file__).resolve().parent / "data" / "labelled_sentences.tsv"
TOPICS = {
    "politics",
    "crime",
    "economy",
    "health",
    "environment",
    "migration",
    "foreign affairs",
    "sport",
    "science",
}


def read_labelled(path: Path = LABELLED) -> pd.DataFrame:
    return pd.read_csv(path, sep="\t", comment="#", quoting=csv.QUOTE_NONE, keep_default_na=False)


@pytest.fixture(scope="module")
def labelled() -> pd.DataFrame:
    return read_labelled()


@pytest.fixture(scope="module")
def model(labelled):
    return train_classifier(labelled["text"], labelled["label"], cv=5, n_boot=500)


# -- the labelled set ---------------------------------------------------------------------------


def test_the_labelled_set_is_large_balanced_varied_and_has_near_misses(labelled):
    assert list(labelled.columns) == ["id", "text", "label", "topic", "note"]
    assert len(labelled) >= 300
    assert labelled["id"].is_unique and labelled["text"].is_unique
    assert set(labelled["label"]) == {"loaded", "neutral"}
    counts = labelled["label"].value_counts()
    assert counts["loaded"] == counts["neutral"]
    assert set(labelled["topic"]) >= TOPICS
    for topic in TOPICS:  # both codes in every topic, so the topic alone predicts nothing
        assert set(labelled.loc[labelled["topic"] == topic, "label"]) == {"loaded", "neutral"}
    neutral = labelled[labelled["label"] == "neutral"]
    assert (neutral["note"] == "literal use").sum() >= 20
    assert (neutral["note"] == "attributed quote").sum() >= 10
    assert labelled["text"].str.contains('"').sum() >= 25  # quoted speech and scare quotes
    header = LABELLED.read_text(encoding="utf-8").split("\nid\t")[0]
    assert "Coding rule" in header and "Quoted speech" in header and "Literal uses" in header


def test_quoted_speech_is_coded_by_the_writers_own_words(labelled):
    # an attributed quotation with "said"/"told" is neutral; a scare quote (no speaker) is loaded
    quotes = labelled[labelled["note"] == "attributed quote"]
    assert (quotes["label"] == "neutral").all()
    assert quotes["text"].str.contains(r"\b(?:said|told|described|shouted)\b").all()
    scare = labelled[labelled["note"].str.startswith("scare quotes")]
    assert len(scare) >= 8 and (scare["label"] == "loaded").all()


# -- the classifier: cross-validation -----------------------------------------------------------


def test_cross_validation_beats_the_majority_baseline(model, labelled):
    report = model.cv_report
    gold = labelled["label"].to_numpy()
    majority = pd.Series(gold).mode()[0]
    baseline = f1_score(gold, np.full(len(gold), majority), average="macro")
    macro = report.scores.set_index(["metric", "class"]).loc[("macro_f1", "all")]
    assert macro["low"] > baseline
    auc = report.scores.set_index(["metric", "class"]).loc[("roc_auc", "all")]
    assert auc["low"] > 0.5


def test_cross_validation_scores_agree_with_scikit_learn_on_the_same_predictions(model):
    report = model.cv_report
    predictions = report.predictions
    gold, predicted = predictions["label"].to_numpy(), predictions["predicted"].to_numpy()
    classes = model.classes
    precision, recall, f1, support = precision_recall_fscore_support(gold, predicted, labels=classes)
    scores = report.scores.set_index(["metric", "class"])
    for i, label in enumerate(classes):
        assert scores.loc[("precision", label), "value"] == pytest.approx(precision[i])
        assert scores.loc[("recall", label), "value"] == pytest.approx(recall[i])
        assert scores.loc[("f1", label), "value"] == pytest.approx(f1[i])
        assert scores.loc[("f1", label), "n"] == support[i]
    assert scores.loc[("macro_f1", "all"), "value"] == pytest.approx(f1.mean())
    auc = roc_auc_score(gold == classes[1], predictions[f"p_{classes[1]}"])
    assert scores.loc[("roc_auc", "all"), "value"] == pytest.approx(auc)
    assert (report.confusion.to_numpy() == confusion_matrix(gold, predicted, labels=classes)).all()
    # the probabilities are out of fold, one per text, and sum to one
    assert len(predictions) == len(set(predictions["text"])) == model.info["n_train"]
    assert np.allclose(predictions[[f"p_{c}" for c in classes]].sum(axis=1), 1.0)


def test_intervals_contain_the_point_estimates_and_folds_are_stratified(model, labelled):
    scores = model.cv_report.scores
    assert scores[["low", "high"]].notna().all().all()
    assert ((scores["low"] <= scores["value"]) & (scores["value"] <= scores["high"])).all()
    folds = model.cv_report.predictions.groupby("fold")["label"].value_counts().unstack()
    assert len(folds) == 5
    share = (labelled["label"] == "loaded").mean()
    sizes = folds.sum(axis=1)
    assert ((folds["loaded"] - sizes * share).abs() <= 1).all()
    assert model.cv_report.folds["n"].sum() == len(labelled)


def test_training_refuses_bad_labels():
    texts = ["A text.", "Another text.", "A third text."]
    with pytest.raises(ValueError, match="2 labels for 3 texts"):
        train_classifier(texts, ["a", "b"], features=("tfidf",), cv=None)
    with pytest.raises(ValueError, match="at least two classes"):
        train_classifier(texts, ["a", "a", "a"], features=("tfidf",), cv=None)
    with pytest.raises(ValueError, match="missing label at position 1"):
        train_classifier(texts, ["a", None, "b"], features=("tfidf",), cv=None)
    with pytest.raises(ValueError, match="class 'b' has 1 texts; 2-fold"):
        train_classifier(texts, ["a", "a", "b"], features=("tfidf",), cv=2)
    with pytest.raises(ValueError, match="numbers and text mixed"):
        train_classifier(texts, [1, "1", 1], features=("tfidf",), cv=None)
    with pytest.raises(ValueError, match="features: expected some of"):
        train_classifier(texts, ["a", "b", "a"], features=("words",), cv=None)


# -- the classifier: coding and explaining ------------------------------------------------------


def test_predictions_on_texts_a_series_a_corpus_and_an_analysis(model):
    from framing.analysis import analyze
    from framing.corpus import Corpus

    loaded = "The reckless, shameless minister slammed his critics in a furious rant."
    plain = "The committee will meet on Tuesday to discuss the timetable."
    probabilities = model.predict_proba([loaded, plain])
    assert list(probabilities.columns) == model.classes
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    assert probabilities.loc[0, "loaded"] > probabilities.loc[1, "loaded"]
    series = pd.Series([loaded, plain], index=["x", "y"])
    assert model.predict(series).index.tolist() == ["x", "y"]
    assert model.predict(series).tolist() == model.predict([loaded, plain]).tolist()
    corpus = Corpus([loaded, plain], pd.DataFrame({"doc_id": ["d1", "d2"]}))
    by_document = model.predict(corpus)
    assert by_document.index.tolist() == ["d1", "d2"]
    assert by_document.tolist() == model.predict([loaded, plain]).tolist()
    analysis = analyze(f"{loaded} {plain}")
    by_sentence = model.predict(analysis)
    assert by_sentence.tolist() == model.predict(analysis.sentences["text"]).tolist()
    assert len(by_sentence) == len(analysis.sentences) == 2


def test_training_on_a_corpus_with_a_metadata_column():
    from framing.corpus import Corpus

    texts = ["A shameful betrayal.", "The bill passed.", "They slammed it.", "Rain is due."] * 2
    corpus = Corpus(texts, pd.DataFrame({"code": ["loaded", "neutral"] * 4}))
    trained = train_classifier(corpus, "code", features=("tfidf",), cv=2, n_boot=0)
    assert trained.info["class_counts"] == {"loaded": 4, "neutral": 4}
    with pytest.raises(ValueError, match="'frame' names no metadata column"):
        train_classifier(corpus, "frame", features=("tfidf",), cv=None)


def test_frames_alike_three_classes():
    texts = [
        "Police arrested the smugglers at the border.",
        "Charities gave shelter and food to families.",
        "The scheme will cost taxpayers billions.",
    ] * 4
    frames = ["security", "humanitarian", "economic"] * 4
    trained = train_classifier(texts, frames, features=("tfidf",), cv=2, n_boot=50)
    assert trained.classes == ["economic", "humanitarian", "security"]
    assert trained.cv_report.confusion.shape == (3, 3)
    assert (
        "roc_auc" not in set(trained.cv_report.scores["metric"]) and "roc_auc" not in trained.cv_report.folds
    )
    assert trained.predict(["Border police arrested smugglers."]).tolist() == ["security"]
    # with three classes a feature's weight is the class's coefficient less the classes' mean
    text = "Shelter for families."
    why = trained.explain(text, n=None)
    step = trained.pipeline.named_steps["model"]
    x = trained.pipeline.named_steps["features"].transform([text]).toarray()[0]
    k = trained.classes.index(why.attrs["predicted"])
    assert why["contribution"].sum() == pytest.approx(x @ (step.coef_[k] - step.coef_.mean(axis=0)))


def test_explain_shows_what_pushed_the_decision_with_offsets(model):
    text = "The minister boasted that the reckless plan was a triumph."
    why = model.explain(text, n=None)
    assert why.attrs["predicted"] in model.classes
    assert (why["contribution"] == why["value"] * why["weight"]).all()
    # every feature's spans point at what it matched in the text
    for row in why.itertuples():
        for start, end in row.spans:
            assert text[start:end].lower() in row.matched.lower()
    words = why[why["kind"] == "tfidf"].set_index("feature")
    assert words.loc["boasted", "spans"] == ((text.index("boasted"), text.index("boasted") + 7),)
    lexicon_rows = why[why["kind"] == "lexicon"]
    assert {"boasted", "reckless"} & set(" | ".join(lexicon_rows["matched"]).split(" | "))
    # the contributions add up to the model's decision (toward the predicted class), less the intercept
    model_step = model.pipeline.named_steps["model"]
    decision = model.pipeline.decision_function([text])[0] - model_step.intercept_[0]
    sign = 1 if why.attrs["predicted"] == model.classes[1] else -1
    assert why["contribution"].sum() == pytest.approx(sign * decision)
    assert why.attrs["probability"] == pytest.approx(model.predict_proba([text]).max(axis=1)[0])


# -- saving and loading -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def saved(model, tmp_path_factory) -> Path:
    return model.save(tmp_path_factory.mktemp("model") / "loaded.skops")


def test_save_and_load_round_trip_gives_identical_predictions(model, saved, labelled):
    again = load_classifier(saved)
    texts = labelled["text"].tolist()
    assert np.array_equal(again.predict_proba(texts).to_numpy(), model.predict_proba(texts).to_numpy())
    assert again.predict(texts).tolist() == model.predict(texts).tolist()
    pd.testing.assert_frame_equal(again.cv_report.scores, model.cv_report.scores, check_dtype=False)
    kept = model.cv_report.predictions.drop(columns="text")  # the training texts are not saved
    pd.testing.assert_frame_equal(again.cv_report.predictions, kept, check_dtype=False)
    assert texts[0] not in saved.read_bytes().decode("utf-8", errors="replace")
    assert again.info["lexicons"] == model.info["lexicons"]
    assert again.classes == model.classes


def _rewrite_schema(source: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            data = old.read(name)
            new.writestr(name, change(data.decode("utf-8")) if name == "schema.json" else data)
    return target


def test_a_tampered_file_is_refused_naming_the_file(saved, tmp_path):
    def swap(schema: str) -> str:
        assert '"__class__": "SentimentFeatures"' in schema
        schema = schema.replace('"__class__": "SentimentFeatures"', '"__class__": "system"')
        return re.sub(r'("__class__": "system",\s*"__module__": )"framing.learn.features"', r'\1"os"', schema)

    tampered = _rewrite_schema(saved, tmp_path / "tampered.skops", swap)
    with pytest.raises(ClassifierFileError, match=r"tampered\.skops: refused: .*os\.system"):
        load_classifier(tampered)
    damaged = tmp_path / "damaged.skops"
    damaged.write_bytes(saved.read_bytes()[: saved.stat().st_size // 2])
    with pytest.raises(ClassifierFileError, match="damaged.skops: not a"):
        load_classifier(damaged)


def test_a_foreign_file_is_refused_naming_the_file(tmp_path):
    import skops.io as sio
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import FunctionTransformer

    plain = tmp_path / "plain.skops"
    sio.dump(LogisticRegression(), plain)
    with pytest.raises(ClassifierFileError, match="plain.skops: a skops file, but not a framing classifier"):
        load_classifier(plain)
    foreign = tmp_path / "foreign.skops"
    sio.dump({"format": "framing.classifier", "pipeline": FunctionTransformer(json.loads)}, foreign)
    with pytest.raises(ClassifierFileError, match=r"foreign.skops: refused: .*json\.loads"):
        load_classifier(foreign)
    pickled = tmp_path / "model.pkl"
    pickled.write_bytes(pickle.dumps({"format": "framing.classifier"}))
    with pytest.raises(ClassifierFileError, match="model.pkl: not a saved classifier"):
        load_classifier(pickled)
    with pytest.raises(FileNotFoundError, match="absent.skops"):
        load_classifier(tmp_path / "absent.skops")


def test_a_model_on_lexicon_objects_is_not_saved(tmp_path):
    lexicon = Lexicon.from_terms({"hyperbole": ["slash"]})
    trained = train_classifier(
        ["They slash it.", "It rained."] * 2, ["loaded", "neutral"] * 2, lexicons=(lexicon,), cv=None
    )
    with pytest.raises(ValueError, match="Lexicon objects"):
        trained.save(tmp_path / "model.skops")


# -- the feature transformers -------------------------------------------------------------------


ESTIMATORS = [LexiconFeatures(), SentimentFeatures()]
#: The checks of check_estimator that take no data: it skips every check for an estimator whose
#: input is text (tags: string, no 2-D array), so these are run one by one.
DATA_FREE_CHECKS = [
    "check_estimator_cloneable",
    "check_estimator_repr",
    "check_no_attributes_set_in_init",
    "check_do_not_raise_errors_in_init_or_set_params",
    "check_get_params_invariance",
    "check_set_params",
    "check_parameters_default_constructible",
    "check_mixin_order",
    "check_estimator_tags_renamed",
    "check_valid_tag_types",
]
TEXTS = ["Smuggling gangs exploit desperate migrants.", "A brutal, disastrous war.", "The report came out."]


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: type(e).__name__)
@pytest.mark.parametrize("check", DATA_FREE_CHECKS)
def test_sklearn_api_checks_that_take_no_data(estimator, check):
    getattr(estimator_checks, check)(type(estimator).__name__, estimator)


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: type(e).__name__)
def test_sklearn_api_on_text(estimator):
    tags = get_tags(estimator)
    assert tags.input_tags.string and not tags.input_tags.two_d_array
    with pytest.warns(estimator_checks.SkipTestWarning):  # why the checks above are run one by one
        estimator_checks.check_estimator(estimator)
    fresh = clone(estimator)
    params = fresh.get_params()
    assert fresh.fit(TEXTS) is fresh  # fit returns self
    assert fresh.get_params() == params  # and changes no parameter
    assert not [k for k in vars(fresh) if not k.endswith("_") and k not in params]
    out = fresh.transform(TEXTS)
    assert out.shape == (len(TEXTS), len(fresh.get_feature_names_out()))
    assert np.array_equal(clone(estimator).fit_transform(TEXTS), out)
    assert np.array_equal(pickle.loads(pickle.dumps(fresh)).transform(TEXTS), out)
    with pytest.raises(ValueError, match="got one str"):
        fresh.transform(TEXTS[0])
    with pytest.raises(ValueError, match="item 1 is int"):
        fresh.transform(["text", 3])


def test_lexicon_features_must_be_fitted_and_clone_unfitted():
    with pytest.raises(NotFittedError):
        LexiconFeatures().transform(TEXTS)
    fitted = LexiconFeatures().fit(TEXTS)
    assert fitted.lexicon_names_ == ("migration", "loaded")  # both packaged lexicons by default
    assert not hasattr(clone(fitted), "feature_names_")


def test_lexicon_features_count_weights_per_category_and_strong_words():
    from textblob.en.sentiments import pattern_sentiment
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    lexicon = Lexicon.from_terms({"hyperbole": ["slash", "whatever it takes"], "crime": ["gangs"]}, name="t")
    text = "Gangs said they would slash prices, whatever it takes: a brutal and shocking plan, so good."
    weighted = LexiconFeatures(lexicons=(lexicon,)).fit([text])
    names = weighted.get_feature_names_out().tolist()
    assert names == ["t:hyperbole", "t:crime", *SIGNAL_FEATURES]
    row = dict(zip(names, weighted.transform([text])[0], strict=True))
    assert row["t:hyperbole"] == 2 and row["t:crime"] == 1  # from_terms entries weigh 1
    # strong words, counted here straight from the packages' own lexicons
    valence = SentimentIntensityAnalyzer().lexicon
    words = re.findall(r"[a-z]+", text.lower())
    assert row["valence:strong_negative"] == sum(valence.get(w, 0) <= -STRONG_VALENCE for w in words)
    assert row["valence:strong_positive"] == sum(valence.get(w, 0) >= STRONG_VALENCE for w in words)
    pattern_sentiment.load()
    subjective = [
        w for w in words if max((s[1] for s in pattern_sentiment.get(w, {}).values()), default=0) >= 0.8
    ]
    assert STRONG_SUBJECTIVITY == 0.8 and row["subjectivity:strong"] == len(subjective) > 0
    spans = weighted.spans(text)
    assert set(spans["text"]) >= {"Gangs", "slash", "whatever it takes", "brutal"}
    assert all(text[s:e] == t for s, e, t in spans[["start", "end", "text"]].itertuples(index=False))


def test_lexicon_features_use_entry_weights_in_a_pipeline(labelled):
    from framing.measures.lexicon import read_yaml

    lexicon_text = """
name: w
categories: {hyperbole: {}}
entries:
  - {id: slash, variants: [slash], category: hyperbole, weight: 3}
"""
    path = Path(pytest.importorskip("tempfile").mkdtemp()) / "w.yaml"
    path.write_text(lexicon_text, encoding="utf-8")
    assert read_yaml(lexicon_text).entries[0].weight == 3
    pipeline = Pipeline([("lexicon", LexiconFeatures(lexicons=(str(path),)))])
    assert pipeline.fit_transform(["slash, slash"])[0, 0] == 6
    pipeline.set_params(lexicon__weighted=False)
    assert pipeline.fit_transform(["slash, slash"])[0, 0] == 2


def test_sentiment_features_are_vader_and_textblob():
    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    text = "The plan is a terrible, shameful disaster, but the staff were wonderful."
    row = SentimentFeatures().transform([text])[0]
    vader = SentimentIntensityAnalyzer().polarity_scores(text)
    blob = TextBlob(text).sentiment
    expected = [vader["neg"], vader["neu"], vader["pos"], vader["compound"], blob.polarity, blob.subjectivity]
    assert row.tolist() == pytest.approx(expected)


# -- validate -----------------------------------------------------------------------------------


def test_validate_labels_by_hand():
    gold = ["L", "L", "L", "N", "N", "N", "N", "N"]
    predicted = ["L", "L", "N", "L", "N", "N", "N", "N"]
    # L: 2 true positives, 1 false positive, 1 false negative -> precision 2/3, recall 2/3, F1 2/3
    # N: 4 true positives, 1 false positive, 1 false negative -> precision 4/5, recall 4/5, F1 4/5
    # accuracy 6/8; macro-F1 (2/3 + 4/5) / 2 = 11/15
    table = validate(predicted, gold, n_boot=200).set_index(["metric", "class"])
    assert table.loc[("precision", "L"), "value"] == pytest.approx(2 / 3)
    assert table.loc[("recall", "N"), "value"] == pytest.approx(4 / 5)
    assert table.loc[("f1", "L"), "n"] == 3
    assert table.loc[("accuracy", "all"), "value"] == pytest.approx(6 / 8)
    assert table.loc[("macro_f1", "all"), "value"] == pytest.approx(11 / 15)
    assert ((table["low"] <= table["value"]) & (table["value"] <= table["high"])).all()
    again = validate(predicted, gold, n_boot=200).set_index(["metric", "class"])
    pd.testing.assert_frame_equal(table, again)  # seeded


def test_validate_scores_matches_scikit_learn_with_ties():
    rng = np.random.default_rng(3)
    gold = rng.integers(0, 2, 400)
    scores = np.round(gold * 0.3 + rng.random(400), 1)  # coarse, so many ties
    table = validate(scores.tolist(), gold.tolist(), n_boot=300)
    assert table.loc[0, "metric"] == "roc_auc" and table.loc[0, "class"] == 1
    assert table.loc[0, "value"] == pytest.approx(roc_auc_score(gold, scores))
    assert table.loc[0, "low"] < table.loc[0, "value"] < table.loc[0, "high"]
    named = validate(list(scores), ["yes" if g else "no" for g in gold], positive="yes", n_boot=0)
    assert named.loc[0, "value"] == pytest.approx(table.loc[0, "value"])
    with pytest.raises(ValueError, match="positive: say which gold class"):
        validate(list(scores), ["yes" if g else "no" for g in gold])
    with pytest.raises(ValueError, match="predicted has 2 units, gold 3"):
        validate([0.1, 0.2], [0, 1, 0])


def test_validate_spans_by_hand():
    text = "The minister slammed the plan and boasted of success before a furious crowd."
    at = text.index
    gold = [
        (at("slammed"), at("slammed") + 7),
        (at("boasted"), at("success") + 7),
        (at("furious"), at("crowd")),
    ]
    predicted = [
        (at("slammed"), at("slammed") + 7),  # the same span as gold
        (at("boasted"), at("boasted") + 7),  # inside a gold span: overlaps, not strict
        (at("plan"), at("plan") + 4),  # no gold span
    ]
    # any overlap: 2 of 3 predicted match, 2 of 3 gold are found -> P 2/3, R 2/3, F1 2/3
    # strict: 1 of 3 predicted, 1 of 3 gold -> P 1/3, R 1/3, F1 1/3
    table = validate(predicted, gold, n_boot=0).set_index(["metric", "overlap"])
    assert table.loc[("precision", "any"), "value"] == pytest.approx(2 / 3)
    assert table.loc[("recall", "any"), "value"] == pytest.approx(2 / 3)
    assert table.loc[("f1", "strict"), "value"] == pytest.approx(1 / 3)
    assert table.loc[("precision", "strict"), "n"] == 3
    # by document: a span matches only within its own document
    predicted_docs = pd.DataFrame({"doc_id": ["a", "b"], "start": [0, 0], "end": [5, 5]})
    gold_docs = pd.DataFrame({"doc_id": ["a", "a"], "start": [2, 10], "end": [4, 12]})
    by_doc = validate(predicted_docs, gold_docs, overlap="any", n_boot=100).set_index("metric")
    assert by_doc.loc["precision", "value"] == pytest.approx(1 / 2)
    assert by_doc.loc["recall", "value"] == pytest.approx(1 / 2)
    with pytest.raises(ValueError, match="overlap: expected one of"):
        validate(predicted, gold, overlap="token")


def test_validate_spans_of_an_analysis_against_gold_offsets():
    from framing.analysis import analyze

    text = "Smuggling gangs exploit migrants, officials said."
    analysis = analyze(text, lexicon="migration")
    gold = pd.DataFrame({"start": [0], "end": [len("Smuggling gangs")]})
    table = validate(analysis.spans, gold, n_boot=0).set_index(["metric", "overlap"])
    found = analysis.spans[["start", "end"]].values.tolist()
    assert [0, 15] in found
    assert table.loc[("recall", "strict"), "value"] == 1.0
    assert table.loc[("precision", "strict"), "value"] == pytest.approx(1 / len(found))


# -- agreement ----------------------------------------------------------------------------------


def test_agreement_krippendorff_alpha_by_hand():
    codings = pd.DataFrame(
        {"c1": ["a", "a", "b", "a"], "c2": ["a", "b", "b", "b"], "c3": ["a", None, "b", "b"]}
    )
    # Coincidences (each ordered pair of values in a unit adds 1 / (values in the unit - 1)):
    #   unit 1 (a a a): o_aa += 6/2 = 3;  unit 2 (a b): o_ab += 1, o_ba += 1;  unit 3 (b b b): o_bb += 3;
    #   unit 4 (a b b): o_ab += 2/2, o_ba += 2/2, o_bb += 2/2.
    #   o_aa = 3, o_ab = o_ba = 2, o_bb = 4; n_a = 5, n_b = 6, n = 11.
    # Nominal alpha = 1 - (n - 1) * (o_ab + o_ba) / (2 * n_a * n_b) = 1 - 10 * 4 / 60 = 1/3.
    # Percent agreement: agreeing pairs 3 + 0 + 3 + 1 = 7 of 3 + 1 + 3 + 3 = 10 pairs -> 0.7.
    table = agreement(codings, n_boot=200).set_index(["scope", "metric"])
    assert table.loc[("coders", "krippendorff_alpha"), "value"] == pytest.approx(1 / 3)
    assert table.loc[("coders", "percent_agreement"), "value"] == pytest.approx(0.7)
    assert table.loc[("coders", "krippendorff_alpha"), "units"] == 4
    assert table.loc[("c1 vs c2", "percent_agreement"), "value"] == pytest.approx(2 / 4)
    low, value, high = table.loc[("coders", "percent_agreement"), ["low", "value", "high"]]
    assert low <= value <= high


def test_agreement_interval_level_by_hand():
    # units (1, 1), (2, 3), (3, 3); interval distance (c - k)^2.
    # Coincidences: o_11 = 2, o_23 = o_32 = 1, o_33 = 2; n_1 = 2, n_2 = 1, n_3 = 3, n = 6.
    # D_o = (1 + 1) / 6; D_e = 2 * (2*1*1 + 2*3*4 + 1*3*1) / (6 * 5) = 58/30; alpha = 1 - 10/58 = 48/58.
    table = agreement({"x": [1, 2, 3], "y": [1, 3, 3]}, level="interval", n_boot=0)
    assert table.loc[0, "value"] == pytest.approx(48 / 58)


def test_agreement_of_a_tool_against_coders():
    codings = {
        "ann": ["loaded", "neutral", "loaded", "neutral", "loaded", "neutral"],
        "ben": ["loaded", "neutral", "loaded", "loaded", "loaded", "neutral"],
        "tool": ["loaded", "loaded", "loaded", "neutral", "neutral", "neutral"],
    }
    table = agreement(codings, tool="tool", n_boot=0)
    scopes = list(dict.fromkeys(table["scope"]))
    assert scopes == ["coders", "ann vs ben", "ann vs tool", "ben vs tool", "coders + tool"]
    percent = table[table["metric"] == "percent_agreement"].set_index("scope")["value"]
    assert percent["ann vs ben"] == pytest.approx(5 / 6)
    assert percent["ann vs tool"] == pytest.approx(4 / 6)
    assert percent["ben vs tool"] == pytest.approx(3 / 6)
    with pytest.raises(ValueError, match="no column 'robot'"):
        agreement(codings, tool="robot")
    with pytest.raises(ValueError, match="at least two coders"):
        agreement({"ann": ["a", "b"]})
    with pytest.raises(ValueError, match="ordinal codes that are not numbers need their order"):
        agreement(codings, level="ordinal")
