"""Sentiment toward a target: the shipped model on sentences the team wrote, the API, the model file.

The sentences below were written for these tests (none comes from the training data) and their
labels were set by hand from the sentence's meaning, before running the model: a sentence that
treats two targets oppositely, a negated evaluation, a quoted evaluation, neutral reports of an
action. The reproducibility tests rebuild the model from NewsMTSC's training split, read from
``../shared/data/newsmtsc/`` beside the repository (never copied into it).
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import numpy as np
import pytest

from framing.learn import build_target_model as build
from framing.measures.target_sentiment import (
    LABELS,
    MODEL_PATH,
    RESULT_COLUMNS,
    ModelFileError,
    find_mentions,
    load_model,
    predict_proba,
    sentence_features,
    target_sentiment,
)

TRAIN = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "newsmtsc" / "train.jsonl"
needs_train = pytest.mark.skipif(not TRAIN.is_file(), reason=f"NewsMTSC training split not at {TRAIN}")

#: (sentence, target, label set by hand)
HAND_LABELLED = [
    # one sentence, two targets treated oppositely
    ("Police praised the volunteers but condemned the smugglers.", "volunteers", "positive"),
    ("Police praised the volunteers but condemned the smugglers.", "smugglers", "negative"),
    ("The charity thanked the nurses, while residents attacked the landlord.", "nurses", "positive"),
    ("The charity thanked the nurses, while residents attacked the landlord.", "landlord", "negative"),
    # the same with "and": no contrast marker, two verb phrases, each about its own object
    ("Police praised the volunteers and condemned the smugglers.", "volunteers", "positive"),
    ("Police praised the volunteers and condemned the smugglers.", "smugglers", "negative"),
    # a place in a sentence that condemns a person: the place is not evaluated
    ("In Chicago, protesters furiously condemned the mayor.", "Chicago", "neutral"),
    ("In Chicago, protesters furiously condemned the mayor.", "mayor", "negative"),
    # a negated evaluation: "not honest" is a negative judgement of the mayor
    ("Critics say the mayor is not honest and has never been competent.", "mayor", "negative"),
    # a quoted evaluation: the speaker condemns the smugglers
    ('The minister said: "The smugglers are ruthless, cruel criminals."', "smugglers", "negative"),
    # two named persons, one cheered and one jeered, on either side of "while"
    ("Voters cheered Ms Jones, while critics attacked Mr Smith.", "Ms Jones", "positive"),
    ("Voters cheered Ms Jones, while critics attacked Mr Smith.", "Mr Smith", "negative"),
    # migration copy: gangs that kidnap are treated negatively; so are gangs someone vows to dismantle
    ("Smuggling gangs kidnap migrants and demand ransoms from their families.", "gangs", "negative"),
    ("The minister vowed to dismantle the criminal gangs behind the crossings.", "gangs", "negative"),
    # neutral reports of an action
    ("The committee met on Tuesday to discuss the budget.", "committee", "neutral"),
    ("The minister arrived in Belgrade on Monday for two days of talks.", "minister", "neutral"),
    # several targets in one sentence: a date is not evaluated, the senator is attacked
    ("On Friday, critics slammed the senator over the scandal.", "Friday", "neutral"),
    ("On Friday, critics slammed the senator over the scandal.", "senator", "negative"),
    # two targets treated alike, coordinated by "and"
    ("The union thanked the nurses and the doctors.", "nurses", "positive"),
    ("The union thanked the nurses and the doctors.", "doctors", "positive"),
    # an apposition describes the mention before it
    ("The mayor, a dishonest official, resigned.", "mayor", "negative"),
]


#: Hand labels the shipped model gets wrong, with what it gives: reported, not hidden (strict: once
#: the model gets one right the test fails, and its entry goes).
KNOWN_MISSES = {
    ("Voters cheered Ms Jones, while critics attacked Mr Smith.", "Ms Jones"): (
        "the attack past 'while' weighs against her (negative 0.50, positive 0.31): in the training "
        "data negativity across a contrast marker mostly goes with a negative target, and 'attacked' "
        "counts as clear of other names for her, as only 'critics', no name, lies between them"
    ),
    ("The minister vowed to dismantle the criminal gangs behind the crossings.", "gangs"): (
        "'dismantle' has no valence in VADER's lexicon, and 'criminal', the only evaluative word, is in "
        "the gangs' own phrase, which in the training data leans neutral (neutral 0.60, negative 0.36)"
    ),
}


def _hand_cases():
    for sentence, target, label in HAND_LABELLED:
        reason = KNOWN_MISSES.get((sentence, target))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        yield pytest.param(sentence, target, label, marks=marks, id=f"{target}-{label}")


@pytest.mark.parametrize(("sentence", "target", "label"), list(_hand_cases()))
def test_hand_labelled_sentences(sentence, target, label):
    rows = target_sentiment(sentence, [target])
    assert len(rows) == 1
    assert rows.loc[0, "label"] == label, rows[["mention", "label", "p_negative", "p_neutral", "p_positive"]]


def test_two_targets_in_one_sentence_get_opposite_labels_where_the_sentence_label_cannot():
    sentence = "Police praised the volunteers but condemned the smugglers."
    rows = target_sentiment(sentence, ["volunteers", "smugglers"]).set_index("mention")
    # the volunteers lean positive and the smugglers negative, each more than the other does
    assert rows.loc["volunteers", "p_positive"] > rows.loc["smugglers", "p_positive"]
    assert rows.loc["smugglers", "p_negative"] > rows.loc["volunteers", "p_negative"]


def test_a_mention_s_label_does_not_depend_on_the_other_targets_asked_for():
    sentence = "Police praised the volunteers and condemned the smugglers."
    alone = target_sentiment(sentence, ["volunteers"])
    together = target_sentiment(sentence, ["smugglers", "volunteers"]).set_index("target")
    columns = ["start", "label", "p_negative", "p_neutral", "p_positive"]
    assert together.loc["volunteers", columns].tolist() == alone.loc[0, columns].tolist()


def test_negation_turns_praise_around():
    praised = target_sentiment("The report praised the council.", "council").loc[0]
    negated = target_sentiment("The report did not praise the council.", "council").loc[0]
    assert praised["label"] == "positive"
    assert negated["p_positive"] < praised["p_positive"]


def test_rows_offsets_and_columns():
    text = "Smugglers exploit migrants. Volunteers help migrants, and the migrants' boats sink."
    rows = target_sentiment(text, ["migrants", "volunteers"])
    assert list(rows.columns) == RESULT_COLUMNS
    # every occurrence, whole-word and case-insensitive, ordered by offset; the possessive counts
    assert rows["mention"].tolist() == ["migrants", "Volunteers", "migrants", "migrants"]
    assert rows["target"].tolist() == ["migrants", "volunteers", "migrants", "migrants"]
    for row in rows.itertuples():
        assert text[row.start : row.end] == row.mention
        assert row.sentence_start <= row.start < row.end <= row.sentence_end
    assert rows["sentence_start"].tolist() == [0, 28, 28, 28]
    assert rows["sentence_end"].tolist() == [27, len(text), len(text), len(text)]
    probabilities = rows[["p_negative", "p_neutral", "p_positive"]].to_numpy()
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    assert rows["label"].tolist() == [LABELS[i] for i in probabilities.argmax(axis=1)]
    assert set(rows["voice"]) == {"author"}


def test_offsets_give_the_same_rows_as_strings():
    text = "Ministers blamed the gangs. The gangs deny it."
    by_string = target_sentiment(text, "gangs")
    by_offset = target_sentiment(text, [(21, 26), (32, 37)])
    columns = ["start", "end", "mention", "label", "p_negative", "p_neutral", "p_positive"]
    assert by_offset[columns].equals(by_string[columns])
    assert by_offset["target"].tolist() == ["gangs", "gangs"]


def test_whole_words_only():
    text = "Immigrants and migrants; migrant-led groups and emigrants."
    assert [(s, e) for _, s, e in find_mentions(text, "migrants")] == [(15, 23)]
    assert find_mentions(text, ["MIGRANTS", "migrants"]) == [("MIGRANTS", 15, 23)]
    assert [(s, e) for _, s, e in find_mentions(text, "migrant")] == [(25, 32)]
    # a phrase matches across any spaces, not across a line break
    assert find_mentions("Border  Force.\nBorder\nForce.", "border force") == [("border force", 0, 13)]


def test_voice_of_each_mention():
    text = 'Ms Bloggs said: "The smugglers are cruel." The "smugglers" were never caught. Smugglers fled.'
    rows = target_sentiment(text, "smugglers")
    assert rows["voice"].tolist() == ["quoted", "scare", "author"]
    assert rows.loc[0, "speaker_id"] == "ms-bloggs"


def test_segments_leave_boilerplate_out():
    text = "Police arrested the smugglers.\nRead more: smugglers caught"
    rows = target_sentiment(text, "smugglers", segments=[(0, 30)])
    assert rows["start"].tolist() == [20]


def test_no_mentions_gives_an_empty_table_of_the_same_types():
    rows = target_sentiment("Nothing to see here.", "smugglers")
    assert rows.empty and list(rows.columns) == RESULT_COLUMNS
    assert rows.dtypes.equals(target_sentiment("The smugglers fled.", "smugglers").dtypes)


def test_an_analysis_tables_give_the_same_rows(seed_analysis):
    document = seed_analysis.document
    targets = ["police", "smugglers", "migrants"]
    alone = target_sentiment(document.text, targets, segments=document.segments)
    given = target_sentiment(
        document.text,
        targets,
        segments=document.segments,
        sentences=seed_analysis.sentences,
        quotes=seed_analysis.quotes,
    )
    assert len(alone) >= 10
    assert given.equals(alone)


@pytest.mark.parametrize(
    ("targets", "message"),
    [
        ([""], "non-empty string"),
        ([(5, 2)], "not a span of the text"),
        ([(0, 999)], "not a span of the text"),
        ([3.5], "not 3.5"),
    ],
)
def test_bad_targets_are_refused(targets, message):
    with pytest.raises(ValueError, match=message):
        target_sentiment("The gangs fled.", targets)


def test_features_describe_the_mention_not_the_sentence():
    sentence = "Police praised the volunteers but condemned the smugglers."
    volunteers, smugglers = sentence_features(sentence, [(19, 29), (48, 57)])
    # the mention is masked: its own word is no feature, the other target's word is
    assert "w:volunteers" not in volunteers and "w:smugglers" in volunteers
    # "praised" governs the volunteers, "condemned" the smugglers (Pattern chunks)
    assert volunteers["role:obj"] == 1.0 and volunteers["verb:obj:praised"] == 1.0
    assert smugglers["role:obj"] == 1.0 and smugglers["verb:obj:condemned"] == 1.0
    # VADER's lexicon: praised +2.2, condemned -1.9 (vaderSentiment's vader_lexicon.txt)
    assert volunteers["verbval:obj"] == pytest.approx(2.2)
    assert smugglers["verbval:obj"] == pytest.approx(-1.9)
    # "but" sits after the volunteers and before the smugglers
    assert volunteers["contrast:before"] == 1.0 and smugglers["contrast:after"] == 1.0
    assert volunteers["contrast:own_val"] == pytest.approx(2.2)
    assert smugglers["contrast:own_val"] == pytest.approx(-1.9)


def test_a_verb_phrase_of_its_own_is_outside_the_mention_s_phrase():
    sentence = "Police praised the volunteers and condemned the smugglers."
    volunteers, smugglers = sentence_features(sentence, [(19, 29), (48, 57)])
    # "and condemned" opens a verb phrase: praise (+2.2, two words left) is near the volunteers,
    # "condemned" (-1.9) and "smugglers" (-1.4) are in their clause but outside their phrase (VADER's
    # lexicon values), and the reverse for the smugglers
    assert volunteers["val:l_pos"] == pytest.approx(2.2 / 2) and "val:r_neg" not in volunteers
    assert volunteers["val:outphrase_neg"] == pytest.approx(1.9 + 1.4)
    assert smugglers["val:l_neg"] == pytest.approx(1.9 / 2) and "val:l_pos" not in smugglers
    assert smugglers["val:outphrase_pos"] == pytest.approx(2.2)
    # "and" between two nouns breaks nothing: the verb after them is in the first one's phrase
    (first,) = sentence_features("Volunteers and smugglers condemned it.", [(0, 10)])
    assert first["val:r_neg"] == pytest.approx(1.4 / 2 + 1.9 / 3) and "val:outphrase_neg" not in first


def test_the_kind_of_mention_and_the_other_persons():
    sentence = "Senator Sanders met the committee in Chicago on 12 May, and he thanked them."
    sanders, committee, may = sentence_features(sentence, [(0, 15), (20, 33), (48, 54)])
    assert sanders["mention:title"] == sanders["mention:capitalised"] == 1.0
    assert sanders["mention:words=2"] == 1.0
    assert committee["mention:capitalised"] == 0.0 and committee["mention:title"] == 0.0
    assert may["mention:digit"] == 1.0
    # the other names and pronouns: Chicago, 12 May, "he", "them" (counted up to 3)
    assert sanders["others:3"] == 1.0 and sanders["others:first"] == 1.0
    assert committee["others:first"] == 0.0


def test_a_modifier_of_another_noun_and_the_preposition_before_a_mention():
    sentence = "Donations from the Clinton Foundation rose sharply in Chicago."
    clinton, foundation, chicago = sentence_features(sentence, [(19, 26), (19, 36), (54, 61)])
    # "Clinton" modifies "Foundation", the head of its noun phrase; the whole name modifies nothing
    assert clinton["mention:modifier"] == 1.0 and "mention:modifier" not in foundation
    # the preposition before the mention, over a determiner: "from (the)", "in"
    assert clinton["prep:from"] == foundation["prep:from"] == chicago["prep:in"] == 1.0
    assert "mention:modifier" not in chicago and "prep:in" not in clinton


def test_an_evaluation_past_another_person_is_counted_apart():
    sentence = "Voters cheered Ms Jones, while critics attacked Mr Smith."
    jones, smith = sentence_features(sentence, [(15, 23), (48, 56)])
    # VADER's lexicon: cheered +2.3, critics -1.2, attacked -2.0. For Mr Smith "cheered" lies past
    # Ms Jones (blocked); "attacked", right before him, is his nearest evaluative word.
    assert smith["val:blocked_pos"] == pytest.approx(2.3) and "val:clear_pos" not in smith
    assert smith["val:clear_neg"] == pytest.approx(1.2 + 2.0)
    assert smith["nearest:neg"] == pytest.approx(2.0)
    # for Ms Jones no name lies between her and any of them ("critics" is no name): all clear
    assert jones["nearest:pos"] == pytest.approx(2.3)
    assert not any(key.startswith("val:blocked") for key in jones)


def test_a_noun_phrase_joined_by_and_or_or_shares_the_role_of_the_other():
    sentence = "The union thanked the nurses and the doctors."
    nurses, doctors = sentence_features(sentence, [(22, 28), (37, 44)])
    # "thanked" (+1.9 in VADER's lexicon) has the nurses as its object, and the doctors through "and"
    assert nurses["role:obj"] == doctors["role:obj"] == 1.0
    assert doctors["verb:obj:thanked"] == 1.0 and doctors["verbval:obj"] == pytest.approx(1.9)
    # a subject before "and" shares the verb of the subject after it ("attacked": -2.0)
    smith, jones = sentence_features("Smith or Jones attacked the plan.", [(0, 5), (9, 14)])
    assert smith["role:subj"] == jones["role:subj"] == 1.0
    assert smith["verbval:subj"] == pytest.approx(-2.0)
    # joined to a phrase with no role of its own, a phrase gets none
    (nurses,) = sentence_features("The nurses and the doctors.", [(4, 10)])
    assert nurses["role:none"] == 1.0


def test_negation_scope_scales_the_valence():
    (feature,) = sentence_features("They did not praise the council.", [(24, 31)])
    # "praise" (+2.6 in VADER's lexicon) after "not": 2.6 * -0.74, two words from the mention
    assert feature["val:l_neg"] == pytest.approx(2.6 * 0.74 / 2)
    assert "val:l_pos" not in feature


def test_quote_features():
    sentence = 'The minister said: "The smugglers are ruthless."'
    minister, smugglers = sentence_features(sentence, [(4, 12), (24, 33)])
    assert smugglers["quote:in_speech"] == 1.0 and "quote:in_speech" not in minister
    assert minister["quote:speaker"] == 1.0


# The model file -------------------------------------------------------------------------------


def test_the_shipped_model_is_small_and_loads_with_trusted_types_only():
    path = Path(str(MODEL_PATH))
    assert path.stat().st_size < 2_000_000
    model = load_model()
    assert model["labels"] == list(LABELS)
    assert list(model["classifier"].classes_) == sorted(LABELS)
    assert (
        len(model["vocabulary"]) == model["classifier"].coef_.shape[1] == len(model["features"].split("\n"))
    )


def _rewritten(tmp_path: Path, change) -> Path:
    """A copy of the shipped model whose skops schema is passed through ``change``."""
    source = zipfile.ZipFile(str(MODEL_PATH))
    out = tmp_path / "model.skops"
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "schema.json":
                data = json.dumps(change(json.loads(data))).encode("utf-8")
            target.writestr(item, data)
    return out


def test_a_tampered_model_is_refused_before_it_is_built(tmp_path):
    def plant(schema):
        # the classifier's node now names os.system: loading would build that
        text = json.dumps(schema).replace('"LogisticRegression"', '"system"', 1)
        return json.loads(text.replace('"sklearn.linear_model._logistic"', '"os"', 1))

    path = _rewritten(tmp_path, plant)
    with pytest.raises(ModelFileError, match=r"not trusted: \['os.system'\]"):
        load_model(path)


def test_a_file_that_is_not_a_model_is_refused(tmp_path):
    path = tmp_path / "model.skops"
    path.write_bytes(b"not a zip archive")
    with pytest.raises(ModelFileError, match="not a readable skops model file"):
        load_model(path)
    with pytest.raises(ModelFileError, match="no model file"):
        load_model(tmp_path / "missing.skops")


def test_a_model_for_other_features_is_refused(tmp_path):
    import skops.io

    model = {key: value for key, value in load_model().items() if key != "vocabulary"}
    path = tmp_path / "old.skops"
    skops.io.dump(dict(model, features_version="0"), path)
    with pytest.raises(ModelFileError, match="features version '0'"):
        load_model(path)
    skops.io.dump({"classifier": model["classifier"]}, path)
    with pytest.raises(ModelFileError, match="not a target-sentiment model"):
        load_model(path)
    skops.io.dump(dict(model, features="w:one\nw:two"), path)
    with pytest.raises(ModelFileError, match="2 feature names for a model of a different size"):
        load_model(path)


# Building --------------------------------------------------------------------------------------


def test_read_rows_names_the_line_of_a_bad_row(tmp_path):
    path = tmp_path / "train.jsonl"
    good = {"primary_gid": "a_1_0", "sentence_normalized": "Gangs fled.", "targets": []}
    bad = {"primary_gid": "a_1_1", "sentence_normalized": "Gangs fled.", "targets": [{"from": 0, "to": 5}]}
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"train.jsonl:2: missing or unknown field value 'polarity'"):
        build.read_rows(path)


def test_the_bootstrap_is_paired_and_centred_on_the_point():
    gold = ["negative", "neutral", "positive"] * 20
    same = build.bootstrap_macro_f1(gold, {"a": gold, "b": gold}, list(range(60)), n_boot=200)
    assert same["a"] == (1.0, 1.0, 1.0)
    assert same["a - b"] == (0.0, 0.0, 0.0)


def test_a_mention_weighed_twice_counts_as_two_copies():
    X = [{"w:good": 1.0, "w:the": 0.5}, {"w:bad": 1.0, "w:the": 0.5}, {"w:good": 1.0}, {"w:bad": 1.0}]
    X += [{"w:good": 1.0, "w:bad": 1.0}] * 2
    y = ["positive", "negative", "positive", "negative", "neutral", "negative"]
    weighed = build.fit_model(X, y, np.array([2.0, 1, 1, 1, 1, 1])).named_steps["classifier"]
    copied = build.fit_model([*X, X[0]], [*y, y[0]]).named_steps["classifier"]
    # the logistic loss sums the mentions' weighted losses: a weight of 2 is the same mention twice
    assert np.allclose(weighed.coef_, copied.coef_, atol=1e-5)
    assert np.allclose(weighed.intercept_, copied.intercept_, atol=1e-5)


def test_mixed_label_sentences_weigh_more_in_training():
    y = ["negative", "positive", "neutral", "neutral", "positive"]
    groups = [7, 7, 8, 8, 9]
    # sentence 7 treats its two mentions differently; 8 alike; 9 has one mention
    assert build.sample_weights(y, groups).tolist() == [build.MIXED_WEIGHT] * 2 + [1.0] * 3
    assert build.MIXED_WEIGHT > 1


def test_the_feature_matrix_is_what_a_dict_vectorizer_gives():
    from sklearn.feature_extraction import DictVectorizer

    model = load_model()
    names = model["features"].split("\n")
    vectorizer = DictVectorizer().fit([dict.fromkeys(names, 1.0)])  # the same sorted columns
    assert vectorizer.feature_names_ == names
    sentences = [sentence for sentence, _, _ in HAND_LABELLED]
    X = [f for sentence in sentences for f in sentence_features(sentence, [(0, 6), (10, 20)])]
    expected = model["classifier"].predict_proba(vectorizer.transform(X))
    order = [list(model["classifier"].classes_).index(label) for label in LABELS]
    assert np.array_equal(predict_proba(X), expected[:, order])


@needs_train
def test_building_twice_gives_the_same_model():
    rows = build.read_rows(TRAIN)[:400]
    first, second = build.build(rows), build.build(rows)
    X, _, _ = build.featurize(rows[:100])
    a, b = predict_proba(X, first), predict_proba(X, second)
    assert np.array_equal(a, b)
    assert first["features"] == second["features"]
    assert np.array_equal(first["classifier"].coef_, second["classifier"].coef_)


@needs_train
def test_the_build_script_reproduces_the_shipped_model():
    rows = build.read_rows(TRAIN)
    rebuilt = build.build(rows)
    shipped = load_model()
    assert rebuilt["training_mentions"] == shipped["training_mentions"]
    assert rebuilt["features"] == shipped["features"]
    # every tenth training sentence's mentions, and the hand-labelled sentences
    X, _, _ = build.featurize(rows[::10])
    for sentence, target, _ in HAND_LABELLED:
        start = sentence.index(target)
        X += sentence_features(sentence, [(start, start + len(target))])
    rebuilt_p, shipped_p = predict_proba(X, rebuilt), predict_proba(X, shipped)
    assert np.array_equal(rebuilt_p.argmax(axis=1), shipped_p.argmax(axis=1))
    # the same labels; probabilities equal up to floating-point noise of another BLAS
    assert np.allclose(rebuilt_p, shipped_p, rtol=0, atol=1e-6)


def test_the_model_card_states_data_citation_and_baseline():
    card = Path(str(MODEL_PATH)).with_suffix(".md").read_text(encoding="utf-8")
    for needed in ("NewsMTSC", "Hamborg", "MIT", "grouped by sentence", "baseline", "Limits"):
        assert needed in card
    assert os.path.basename(str(MODEL_PATH)) in card
