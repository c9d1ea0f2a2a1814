"""Lexicon loading, validation and matching."""

from __future__ import annotations

import re

import pytest

from framing.measures.lexicon import Lexicon, LexiconError, load_lexicon, read_dic, read_yaml

VALID_ENTRY = "  - {id: gang, variants: [gang, gangs], category: criminalisation, weight: 2}\n"
HEADER = "name: test\ncategories: {criminalisation: {}, hyperbole: {}}\nentries:\n"


def write_yaml(tmp_path, body: str):
    path = tmp_path / "bad.yaml"
    path.write_text(HEADER + VALID_ENTRY + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("  - {id: gang, variants: [mob], category: criminalisation}\n", "duplicate id 'gang'"),
        ("  - {id: mob, variants: [], category: criminalisation}\n", "'variants' is empty"),
        ("  - {id: mob, variants: ['  '], category: criminalisation}\n", "empty variant"),
        ("  - {id: mob, variants: [mob], category: flood}\n", "unknown category 'flood'"),
        (
            "  - {id: mob, variants: [gangs], category: hyperbole}\n",
            "variant 'gangs' already in entry 'gang'",
        ),
        ("  - {id: mob, variants: [mob], category: hyperbole, weight: 5}\n", "weight must be a whole number"),
        ("  - {id: mob, variants: [mob], category: hyperbole, direction: up}\n", "direction must be one of"),
        ("  - {id: mob, variants: ['m*b'], category: hyperbole}\n", "allowed only once, at the end"),
        ("  - {id: mob, variants: [mob], category: hyperbole, colour: red}\n", "unknown field"),
    ],
)
def test_validation_errors_name_file_entry_and_problem(tmp_path, entry, problem):
    path = write_yaml(tmp_path, entry)
    with pytest.raises(LexiconError) as error:
        load_lexicon(path)
    message = str(error.value)
    assert message.startswith(f"{path}: entry 2 ('")
    assert problem in message


def test_undeclared_source_is_named(tmp_path):
    path = tmp_path / "sourced.yaml"
    path.write_text(
        "name: s\ncategories: {illegality: {}}\nsources: {ap: {title: AP}}\nentries:\n"
        "  - {id: illegals, variants: [illegals], category: illegality, alternatives: {picum: [x]}}\n",
        encoding="utf-8",
    )
    with pytest.raises(LexiconError, match=r"entry 1 \('illegals'\): source 'picum' is not declared"):
        load_lexicon(path)


def test_broken_yaml_and_unknown_format_name_the_file(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("entries: [\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"broken\.yaml: not valid YAML"):
        load_lexicon(broken)
    other = tmp_path / "terms.txt"
    other.write_text("gang\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"terms\.txt: unknown lexicon format"):
        load_lexicon(other)
    with pytest.raises(LexiconError, match="no such lexicon"):
        load_lexicon("no-such-lexicon")


def test_packaged_lexicon_is_complete_and_cited():
    lexicon = load_lexicon("migration")
    assert len(lexicon.entries) >= 150
    required = {
        "illegality",
        "criminalisation",
        "disaster_metaphor",
        "invasion_metaphor",
        "securitisation",
        "hyperbole",
        "unattributed",
        "victimisation",
    }
    assert required <= set(lexicon.categories)
    for entry in lexicon.entries:
        assert entry.rationale, entry.id
        assert entry.source, entry.id
        assert entry.alternatives, entry.id
        assert all(key in lexicon.sources for key in entry.source), entry.id
    variants = {v for e in lexicon.entries for v in e.variants}
    for term in (
        "illegal migrants",
        "illegals",
        "illegal alien",
        "kingpins",
        "smuggling gangs",
        "criminal gangs",
    ):
        assert term in variants
    for term in ("flood", "flow", "wave", "influx", "surge", "swarm", "tide", "deploy", "drones"):
        assert term in variants
    for term in ("night vision goggles", "secure our borders", "crackdown", "slash", "slashed", "slashing"):
        assert term in variants
    for term in ("smash", "vowed", "whatever it takes", "bombshell", "can reveal", "understands"):
        assert term in variants
    for term in ("it is understood", "a whitehall source", "sources said", "vulnerable", "exploit", "kidnap"):
        assert term in variants
    assert "ransom" in variants


def test_ap_and_picum_disagree_on_undocumented():
    lexicon = load_lexicon("migration")
    entry = next(e for e in lexicon.entries if "illegal immigrant" in e.variants)
    assert any("undocumented" in term for term in entry.alternatives["picum"])
    assert not any("undocumented" in term for term in entry.alternatives["ap"])


def test_matching_is_case_insensitive_on_word_boundaries_longest_first():
    lexicon = Lexicon.from_terms(
        {"criminalisation": ["gang", "gangs", "smuggling gangs", "criminal gangs"], "hyperbole": ["slash"]}
    )
    text = "SMUGGLING GANGS and a gangster slashed; criminal\tgangs.\nSmuggling\ngangs"
    found = [(text[m.start : m.end], m.entry.id) for m in lexicon.match(text)]
    assert found == [
        ("SMUGGLING GANGS", "smuggling-gangs"),
        ("criminal\tgangs", "criminal-gangs"),
        ("gangs", "gangs"),  # "Smuggling" ends one paragraph: no phrase runs on into the next
    ]


def test_possessives_match_the_word_they_are_built_on():
    lexicon = Lexicon.from_terms({"criminalisation": ["kingpin", "gang"]})
    text = "The kingpin's men and the gang\u2019s boat; the gangster's car."
    assert [text[m.start : m.end] for m in lexicon.match(text)] == ["kingpin", "gang"]


def test_alternatives_must_be_terms(tmp_path):
    path = write_yaml(
        tmp_path, "  - {id: mob, variants: [mob], category: hyperbole, alternatives: {ap: 5}}\n"
    )
    with pytest.raises(LexiconError, match=r"entry 2 \('mob'\): alternatives for 'ap' must be a term"):
        load_lexicon(path)


def test_overlapping_phrases_keep_the_longest_then_the_earliest():
    lexicon = Lexicon.from_terms(
        {"a": ["secure our", "our borders", "secure our borders now"], "b": ["borders"]}
    )
    text = "We will secure our borders. Secure our borders now."
    found = [text[m.start : m.end] for m in lexicon.match(text)]
    # "secure our" (10 chars) and "our borders" (11) overlap: the longer wins; then nothing else fits
    assert found == ["our borders", "Secure our borders now"]


def test_wildcards_extend_to_the_end_of_the_word():
    lexicon = read_dic("%\n1\tillegality\n2\tmigration\n%\nillegal immigra*\t1\nmigra*\t2\n")
    text = "Illegal immigrants, migration and migrants; immigration."
    found = [(text[m.start : m.end], m.entry.category) for m in lexicon.match(text)]
    assert found == [
        ("Illegal immigrants", "illegality"),
        ("migration", "migration"),
        ("migrants", "migration"),
    ]


def test_match_only_within_segments():
    lexicon = Lexicon.from_terms({"hyperbole": ["bombshell"]})
    text = "A bombshell. Trailer: bombshell"
    assert [m.start for m in lexicon.match(text, [(0, 12)])] == [2]


def test_liwc_dic_round_trips_variants_and_categories():
    original = load_lexicon("migration")
    again = read_dic(original.to_dic(), "migration.dic")
    pairs = {(v, e.category) for e in original.entries for v in e.variants}
    assert {(v, e.category) for e in again.entries for v in e.variants} == pairs
    text = "Smuggling gangs kidnap and hold migrants to ransom, the paper can reveal."
    assert [(m.start, m.end, m.entry.category) for m in again.match(text)] == [
        (m.start, m.end, m.entry.category) for m in original.match(text)
    ]


def test_liwc_word_in_two_categories_counts_in_both(tmp_path):
    path = tmp_path / "user.dic"
    path.write_text("%\n1\tcrime\n2\tthreat\n%\nsmuggling gang*\t1\t2\nkingpin 1\n", encoding="utf-8")
    lexicon = load_lexicon(path)
    text = "The smuggling gangs and a kingpin"
    assert [(text[m.start : m.end], m.entry.category) for m in lexicon.match(text)] == [
        ("smuggling gangs", "crime"),
        ("smuggling gangs", "threat"),
        ("kingpin", "crime"),
    ]


def test_liwc_errors_name_the_line(tmp_path):
    path = tmp_path / "bad.dic"
    path.write_text("%\n1\tcrime\n%\nkingpin\t7\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad\.dic: line 4: word 'kingpin': unknown category number 7"):
        load_lexicon(path)


def test_csv_lexicon_loads_and_reports_bad_rows(tmp_path):
    good = tmp_path / "terms.csv"
    good.write_text(
        "term,category,weight,alternatives\nslash|slashed,hyperbole,2,cut|reduce\n", encoding="utf-8"
    )
    entry = load_lexicon(good).entries[0]
    assert (entry.variants, entry.weight, entry.alternatives) == (
        ("slash", "slashed"),
        2,
        {"user": ("cut", "reduce")},
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("term,category,weight\nslash,hyperbole,heavy\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad\.csv: line 2: weight 'heavy'"):
        load_lexicon(bad)
    missing = tmp_path / "nocat.csv"
    missing.write_text("term\nslash\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"nocat\.csv: missing column 'category'"):
        load_lexicon(missing)


def test_yaml_text_hash_identifies_the_lexicon():
    text = HEADER + VALID_ENTRY
    assert read_yaml(text).sha256 == read_yaml(text).sha256
    assert (
        read_yaml(text).sha256 != read_yaml(text + "  - {id: x, variants: [x], category: hyperbole}\n").sha256
    )


def test_every_packaged_variant_matches_itself():
    lexicon = load_lexicon("migration")
    for entry in lexicon.entries:
        for variant in entry.variants:
            phrase = variant.rstrip("*") + ("s" if variant.endswith("*") else "")
            found = lexicon.match(f"x {phrase} x")
            assert [(m.start, m.end) for m in found][:1] == [(2, 2 + len(phrase))], variant
            assert re.fullmatch(r"[a-z0-9' .\-*]+", variant), variant


def test_liwc_spellings_that_share_a_slug_stay_apart():
    lexicon = read_dic("%\n1\tcrime\n%\npeople smuggling\t1\npeople-smuggling\t1\n")
    assert [e.variants for e in lexicon.entries] == [("people smuggling",), ("people-smuggling",)]
    assert len({e.id for e in lexicon.entries}) == 2
