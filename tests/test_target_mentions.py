"""Sentiment toward targets in an Analysis: the model's label of each mention of a group, speaker or name."""

import pytest

import framing
from framing.analysis import TARGET_COLUMNS, TARGET_MENTION_COLUMNS


def test_seed_speakers_are_targets_by_the_names_the_copy_uses(seed_analysis, seed_text):
    mentions = seed_analysis.target_mentions
    speakers = mentions[mentions["kind"] == "speaker"]
    # by hand, in the article's body: "Home Secretary Shabana Mahmood", "Ms Mahmood" twice, "The Home
    # Secretary" twice; "Martin Hewitt" and the "Hewitt" of "Mr Hewitt" (pronouns are not names)
    by_speaker = speakers.groupby("target")["mention"].apply(sorted).to_dict()
    assert by_speaker == {
        "shabana-mahmood": [
            "Home Secretary Shabana Mahmood",
            "Ms Mahmood",
            "Ms Mahmood",
            "The Home Secretary",
            "The Home Secretary",
        ],
        "martin-hewitt": ["Hewitt", "Martin Hewitt"],
    }
    for row in speakers.itertuples():
        assert seed_text[row.start : row.end] == row.mention
    assert set(speakers["label"]) == {"Shabana Mahmood", "Martin Hewitt"}


def test_group_mentions_are_the_target_lexicons_matches(seed_analysis):
    groups = seed_analysis.target_mentions.query("kind == 'group'")
    expected = seed_analysis.targets_lexicon.match(
        seed_analysis.document.text, seed_analysis.document.segments
    )
    assert [(r.target, r.start, r.end) for r in groups.itertuples()] == [
        (m.entry.category, m.start, m.end) for m in expected
    ]


def test_the_targets_table_counts_the_mentions_and_keeps_the_sentence_baseline(seed_analysis):
    targets = seed_analysis.targets
    assert list(targets.columns) == TARGET_COLUMNS
    assert list(seed_analysis.target_mentions.columns) == TARGET_MENTION_COLUMNS
    mentions = seed_analysis.target_mentions
    sentences = seed_analysis.sentences.set_index("start")
    for row in targets.itertuples():
        mine = mentions[(mentions["target"] == row.target) & (mentions["kind"] == row.kind)]
        assert row.mentions == len(mine)
        assert (row.negative, row.neutral, row.positive) == tuple(
            int((mine["sentiment"] == label).sum()) for label in ("negative", "neutral", "positive")
        )
        assert row.negative + row.neutral + row.positive == row.mentions
        assert row.net == pytest.approx((mine["p_positive"] - mine["p_negative"]).mean())
        naming = sentences.loc[sorted(set(mine["sentence_start"]))]
        assert row.sentences == len(naming)
        assert row.mean_compound == pytest.approx(naming["vader_compound"].mean())
    assert targets["kind"].tolist() == ["group"] * 4 + ["speaker"] * 2


def test_document_scores_carry_each_groups_net_and_mentions(seed_analysis):
    values = seed_analysis.score_values()
    for row in seed_analysis.targets.query("kind == 'group'").itertuples():
        assert values[f"target.{row.target}.mentions"] == row.mentions
        assert values[f"target.{row.target}.net"] == pytest.approx(row.net)
    # speakers differ from article to article: no document score
    assert not [name for name in values if name.startswith("target.shabana-mahmood")]


def test_user_targets_replace_the_groups_and_get_opposite_labels():
    # hand-labelled: the charity thanks the nurses (positive), residents attack the landlord (negative)
    text = "The charity thanked the nurses, while residents attacked the landlord."
    a = framing.analyze(text, targets=["nurses", "landlord"])
    rows = a.target_mentions
    assert rows[["target", "kind", "start", "end", "sentiment"]].values.tolist() == [
        ["nurses", "user", 24, 30, "positive"],
        ["landlord", "user", 61, 69, "negative"],
    ]
    assert a.targets["target"].tolist() == ["nurses", "landlord"]
    # the sentence baseline gives both the same tone, whatever it is
    assert a.targets["mean_compound"].nunique() == 1


def test_a_dict_names_each_target_by_several_forms():
    text = "Frontex said the agency had acted. Critics condemned Frontex."
    a = framing.analyze(text, targets={"frontex": ["Frontex", "the agency"]})
    user = a.target_mentions.query("kind == 'user'")
    assert user["mention"].tolist() == ["Frontex", "the agency", "Frontex"]
    # "Frontex said": the agency is also a quoted speaker, a target of its own
    assert a.target_mentions.query("kind == 'speaker'")["start"].tolist() == [0, 53]
    assert a.targets[["target", "kind", "mentions"]].values.tolist() == [
        ["frontex", "user", 3],
        ["frontex", "speaker", 2],
    ]


def test_a_target_never_mentioned_has_no_net():
    a = framing.analyze("The committee met on Tuesday.")
    targets = a.targets.set_index("target")
    assert targets.loc["migrants", "mentions"] == 0
    assert targets["net"].isna().all()
    assert a.target_mentions.empty and list(a.target_mentions.columns) == TARGET_MENTION_COLUMNS
