"""Lexicon loading, validation and matching."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from framing.measures.lexicon import (
    DIRECTIONS,
    Lexicon,
    LexiconError,
    load_lexicon,
    read_csv,
    read_dic,
    read_yaml,
)

VALID_ENTRY = "  - {id: gang, variants: [gang, gangs], category: criminalisation, weight: 2}\n"
HEADER = "name: test\ncategories: {criminalisation: {}, hyperbole: {}}\nentries:\n"


def write_yaml(tmp_path, body: str):
    path = tmp_path / "bad.yaml"
    path.write_text(HEADER + VALID_ENTRY + body, encoding="utf-8")
    return path


def assert_refused(path: Path, content: str | bytes, message: str) -> None:
    """Write ``content`` to ``path`` and check that loading it is refused with ``message`` (a regex)."""
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        load_lexicon(path)


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("  - {id: gang, variants: [mob], category: criminalisation}\n", "duplicate id 'gang'"),
        ("  - {id: mob, variants: [], category: criminalisation}\n", "'variants' is empty"),
        ("  - {id: mob, variants: [''], category: criminalisation}\n", "empty variant ''"),
        ("  - {id: mob, variants: ['  '], category: criminalisation}\n", "variant '  ' is only whitespace"),
        ('  - {id: mob, variants: ["\\t\\u00a0"], category: criminalisation}\n', "is only whitespace"),
        ("  - {id: mob, variants: ['*'], category: criminalisation}\n", "empty variant '*'"),
        ("  - {id: mob, variants: [mob, null], category: criminalisation}\n", "empty variant None"),
        ("  - {id: mob, variants: [1984], category: criminalisation}\n", "variant 1984 is not text"),
        (
            '  - {id: mob, variants: ["\\u00ad\\u200b"], category: criminalisation}\n',
            "variant '\\xad\\u200b' is only invisible characters",
        ),
        (
            '  - {id: mob, variants: ["mob\\nrule"], category: criminalisation}\n',
            "variant 'mob\\nrule' holds a line break",
        ),
        ("  - {id: mob, variants: [mob], category: flood}\n", "unknown category 'flood'"),
        (
            "  - {id: mob, variants: [gangs], category: hyperbole}\n",
            "variant 'gangs' already in entry 'gang'",
        ),
        ("  - {id: mob, variants: [mob], category: hyperbole, weight: 5}\n", "weight must be a whole number"),
        ("  - {id: mob, variants: [mob], category: hyperbole, direction: up}\n", "direction must be one of"),
        ("  - {id: mob, variants: ['m*b'], category: hyperbole}\n", "allowed only once, at the end"),
        ("  - {id: mob, variants: [mob], category: hyperbole, colour: red}\n", "unknown field"),
        (
            "  - {id: mob, variants: [mob], category: hyperbole, exceptions: [flash flood]}\n",
            "exception 'flash flood' contains none of the entry's variants (mob)",
        ),
        (
            "  - {id: mob, variants: [mob, mobs], category: hyperbole, exceptions: [mobs]}\n",
            "exception 'mobs' is one of the entry's own variants",
        ),
        (
            "  - {id: mob, variants: [mob], category: hyperbole, exceptions: [mob rule, Mob rule]}\n",
            "exception 'mob rule' is listed twice",
        ),
        ("  - {id: mob, variants: [mob], category: hyperbole, exceptions: ['']}\n", "empty exception"),
        (
            "  - {id: mob, variants: [mob], category: hyperbole, exceptions: ['mob* rule']}\n",
            "exception 'mob* rule': '*' is allowed only once",
        ),
        (
            "  - {id: mob, variants: [mob], category: hyperbole, exceptions: {mob: rule}}\n",
            "'exceptions' must be a phrase or a list of phrases",
        ),
        (
            "  - {id: mob, variants: [mob-rule], category: hyperbole, hyphenation: yes please}\n",
            "hyphenation must be true or false, got 'yes please'",
        ),
        (
            "  - {id: mob, variants: [mob rule], category: hyperbole, hyphenation: true}\n",
            "hyphenation is true but no variant has a hyphen",
        ),
        (  # "gang-s" spelled without its hyphen is entry 1's "gangs"
            "  - {id: mob, variants: [gang-s], category: hyperbole, hyphenation: true}\n",
            "variant 'gang-s' (spelled 'gangs') already in entry 'gang'",
        ),
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
    assert_refused(tmp_path / "broken.yaml", "entries: [\n", r"broken\.yaml: not valid YAML")
    assert_refused(tmp_path / "terms.txt", "gang\n", r"terms\.txt: unknown lexicon format")
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
    text = "SMUGGLING GANGS and a gangster slashed; criminal\tgangs.\nSmuggling\nGangs"
    found = [(text[m.start : m.end], m.entry.id) for m in lexicon.match(text)]
    assert found == [
        ("SMUGGLING GANGS", "smuggling-gangs"),
        ("criminal\tgangs", "criminal-gangs"),
        ("Gangs", "gangs"),  # a line ending "Smuggling" then one opening "Gangs": two paragraphs
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
    written = {(v, e.category) for e in again.entries for v in e.variants}
    assert pairs <= written
    # what is added are the spaced and closed spellings of hyphenated variants, and nothing else
    hyphenated = {(v, e.category) for e in original.entries if e.hyphenation for v in e.variants if "-" in v}
    bare = {(re.sub(r"[- ]", "", v), c) for v, c in hyphenated}
    assert all((re.sub(r"[- ]", "", v), c) in bare for v, c in written - pairs)
    assert {("death trap", "victimisation"), ("deathtrap", "victimisation")} <= written
    text = (
        "Smuggling gangs kidnap and hold migrants to ransom, the paper can reveal. "
        "A deathtrap, a death trap and a death-trap; a crackdown and a crack-down."
    )
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
    assert_refused(
        tmp_path / "bad.dic",
        "%\n1\tcrime\n%\nkingpin\t7\n",
        r"bad\.dic: line 4: word 'kingpin': unknown category number 7",
    )


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
    assert_refused(
        tmp_path / "bad.csv",
        "term,category,weight\nslash,hyperbole,heavy\n",
        r"bad\.csv: line 2: weight 'heavy'",
    )
    assert_refused(tmp_path / "nocat.csv", "term\nslash\n", r"nocat\.csv: missing column 'category'")


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


def test_emphatic_is_a_direction_of_its_own(tmp_path):
    path = tmp_path / "boosters.yaml"
    path.write_text(
        "name: b\ncategories: {certainty: {}}\nentries:\n"
        "  - {id: clearly, variants: [clearly, obviously], category: certainty, direction: emphatic}\n",
        encoding="utf-8",
    )
    entry = load_lexicon(path).entries[0]
    assert entry.direction == "emphatic"
    assert set(DIRECTIONS) == {"negative", "positive", "emphatic", "neutral"}


def test_exceptions_and_hyphenation_load_from_yaml_and_show_in_the_frame(tmp_path):
    path = tmp_path / "water.yaml"
    path.write_text(
        "name: w\ncategories: {water: {}}\nentries:\n"
        "  - id: flood\n    variants: [flood, floods]\n    category: water\n"
        "    exceptions: [Flood Defences, flash flood]\n"
        "  - {id: time-bomb, variants: [time-bomb], category: water, hyphenation: true}\n",
        encoding="utf-8",
    )
    lexicon = load_lexicon(path)
    flood, bomb = lexicon.entries
    assert flood.exceptions == ("flood defences", "flash flood") and not flood.hyphenation
    assert bomb.exceptions == () and bomb.hyphenation
    frame = lexicon.to_frame()
    assert frame["exceptions"].tolist() == ["flood defences|flash flood", ""]
    assert frame["hyphenation"].tolist() == [False, True]


def test_an_exception_naming_no_variant_names_file_and_entry(tmp_path):
    path = tmp_path / "water.yaml"
    path.write_text(
        "name: w\ncategories: {water: {}}\nentries:\n"
        "  - {id: wave, variants: [wave, waves], category: water, exceptions: [heatwave]}\n",
        encoding="utf-8",
    )
    # "heatwave" is one word: the variant "wave" never matches inside it, so the exception is idle
    with pytest.raises(LexiconError) as error:
        load_lexicon(path)
    assert str(error.value) == (
        f"{path}: entry 1 ('wave'): exception 'heatwave' contains none of the entry's variants (wave, waves)"
    )


def test_csv_reads_exceptions_and_hyphenation_columns(tmp_path):
    good = tmp_path / "terms.csv"
    good.write_text(
        "term,category,exceptions,hyphenation\n"
        "flood|floods,water,flood defences|flash flood,\n"
        "time-bomb,hyperbole,,yes\n",
        encoding="utf-8",
    )
    flood, bomb = load_lexicon(good).entries
    assert flood.exceptions == ("flood defences", "flash flood") and not flood.hyphenation
    assert bomb.hyphenation and bomb.exceptions == ()
    text = "Flood defences held; a timebomb."
    assert [text[m.start : m.end] for m in load_lexicon(good).match(text)] == ["timebomb"]
    assert_refused(
        tmp_path / "bad.csv",
        "term,category,hyphenation\ntime-bomb,hyperbole,sometimes\n",
        r"bad\.csv: line 2: hyphenation 'sometimes' is not true or false",
    )
    assert_refused(
        tmp_path / "idle.csv",
        "term,category,exceptions\nflood,water,heat wave\n",
        r"idle\.csv: line 2: exception 'heat wave' contains none",
    )


def test_every_packaged_exception_silences_its_entry_and_only_there():
    lexicon = load_lexicon("migration")
    excepted = [(entry, x) for entry in lexicon.entries for x in entry.exceptions]
    assert len(excepted) >= 60
    for entry, exception in excepted:
        phrase = exception.rstrip("*") + ("s" if exception.endswith("*") else "")
        found = [m.entry.id for m in lexicon.match(f"x {phrase} x")]
        assert entry.id not in found, exception
    # the same words in another order, or apart, still count
    text = "Defences against a flood. A flood of arrivals. The heat. A wave of arrivals."
    assert [text[m.start : m.end] for m in lexicon.match(text)] == ["flood", "flood", "wave"]


def test_migration_exceptions_keep_literal_uses_and_names_out():
    lexicon = load_lexicon("migration")
    text = (
        "The Illegal Migration Act passed. Flood defences and flood warnings went up after flash "
        "flooding; a heat wave and a swarm of bees followed. Herd immunity, bubonic plague.\n"
        "Illegal migration rose; a flood of arrivals, a swarm of people, a plague of crime."
    )
    found = [(text[m.start : m.end], m.entry.id) for m in lexicon.match(text)]
    assert found == [
        ("Illegal migration", "illegal-migration"),
        ("flood", "flood"),
        ("swarm", "swarm"),
        ("plague", "plague"),
    ]


def test_a_yaml_key_given_twice_is_refused_with_both_lines(tmp_path):
    path = tmp_path / "twice.yaml"
    path.write_text(
        "name: t\n"  # line 1
        "categories: {crime: {}}\n"  # line 2
        "entries:\n"  # line 3
        "  - id: gang\n"  # line 4
        "    variants: [gang]\n"  # line 5
        "    category: crime\n"  # line 6
        "    variants: [mob]\n",  # line 7: PyYAML alone would keep [mob] and drop [gang]
        encoding="utf-8",
    )
    with pytest.raises(
        LexiconError, match=r"twice\.yaml: line 7: key 'variants' is given twice .*first on line 5"
    ):
        load_lexicon(path)
    with pytest.raises(LexiconError, match=r"<string>: line 3: key 'categories' is given twice"):
        read_yaml("categories: {crime: {}}\nentries: []\ncategories: {drama: {}}\n")
    with pytest.raises(LexiconError, match=r"line 1: key 'crime' is given twice"):
        read_yaml("categories: {crime: {}, crime: {label: Crime}}\nentries: []\n")


def test_an_empty_lexicon_is_refused(tmp_path):
    for body in ("entries: []\n", "entries:\n"):
        with pytest.raises(LexiconError, match=r"none\.yaml: no entries"):
            read_yaml("name: n\ncategories: {crime: {}}\n" + body, path="none.yaml")
    assert_refused(tmp_path / "empty.yaml", "\n  \n", r"empty\.yaml: empty lexicon file")
    assert_refused(tmp_path / "words.dic", "%\n1\tcrime\n%\n", r"words\.dic: no entries")


def test_csv_header_problems_each_have_their_message():
    with pytest.raises(
        LexiconError, match=r"t\.csv: line 1: column 'term' appears twice \(columns 1 and 3\)"
    ):
        read_csv("term,category,Term\nslash,hyperbole,slashed\n", path="t.csv")
    with pytest.raises(LexiconError, match=r"t\.csv: no entries: the CSV has a header row but no rows"):
        read_csv("term,category\n", path="t.csv")
    with pytest.raises(LexiconError, match=r"t\.csv: no entries"):
        read_csv("term,category\n\n,\n", path="t.csv")
    with pytest.raises(LexiconError, match=r"t\.csv: no header row"):
        read_csv("", path="t.csv")
    with pytest.raises(LexiconError, match=r"t\.csv: line 3: 4 cells but 3 columns"):
        read_csv(
            "term,category,rationale\nslash,hyperbole,cuts\nvow,hyperbole,a promise, loud\n", path="t.csv"
        )
    # column names are read without case or surrounding spaces; empty trailing cells are no extra cells
    lexicon = read_csv(" Term , Category\nslash,hyperbole,,\nsurge,drama\n", path="t.csv")
    assert [(e.variants, e.category) for e in lexicon.entries] == [
        (("slash",), "hyperbole"),
        (("surge",), "drama"),
    ]


def test_short_csv_rows_have_empty_cells_and_an_empty_category_is_named():
    lexicon = read_csv("term,category,weight\nslash,hyperbole\n", path="t.csv")
    assert (lexicon.entries[0].category, lexicon.entries[0].weight) == ("hyperbole", 1)
    with pytest.raises(LexiconError, match=r"t\.csv: line 3: the 'category' cell is empty"):
        read_csv("term,category,weight\nslash,hyperbole\nvow\n", path="t.csv")


def test_csv_rows_are_named_by_the_line_they_start_on():
    with pytest.raises(LexiconError, match=r"t\.csv: line 4: direction must be one of"):
        read_csv(
            'term,category,rationale,direction\nslash,h,"two\nlines",negative\nvow,h,,up\n', path="t.csv"
        )


def test_colliding_generated_ids_name_both_rows():
    with pytest.raises(
        LexiconError,
        match=r"t\.csv: line 3: generated id 'people-smuggling' is also the id of line 2 "
        r"\(made from the term 'people smuggling'; give the rows an 'id' column\)",
    ):
        read_csv("term,category\npeople-smuggling,crime\npeople smuggling,crime\n", path="t.csv")
    with pytest.raises(LexiconError, match=r"t\.csv: line 3: id 'gang' is also the id of line 2$"):
        read_csv("id,term,category\ngang,gang,crime\ngang,mob,crime\n", path="t.csv")
    with pytest.raises(
        LexiconError, match=r"terms 'people-smuggling' and 'people smuggling' both make the id"
    ):
        Lexicon.from_terms({"crime": ["people-smuggling"], "drama": ["people smuggling"]})
    # ids keep letters of any script, so terms in other languages do not all become 'term'
    lexicon = read_csv("term,category\nAusl\u00e4nder,othering\n\u03bb\u03b1\u03b8\u03c1\u03bf,crime\n")
    assert [e.id for e in lexicon.entries] == ["ausl\u00e4nder", "\u03bb\u03b1\u03b8\u03c1\u03bf"]


def test_a_windows_1252_lexicon_loads_and_an_undecodable_one_is_named(tmp_path):
    western = tmp_path / "western.csv"
    western.write_bytes("term,category\ncaf\u00e9 owners|\u201cswarm\u201d,drama\n".encode("cp1252"))
    lexicon = load_lexicon(western)
    assert lexicon.entries[0].variants == ("caf\u00e9 owners", "\u201cswarm\u201d")
    assert [(m.start, m.end) for m in lexicon.match("Caf\u00e9 owners left.")] == [(0, 11)]
    assert_refused(tmp_path / "binary.yaml", bytes(range(1, 9)) * 40, r"binary\.yaml: not text: binary data")
    assert_refused(
        tmp_path / "truncated.yaml",
        "entries: []".encode("utf-16")[:-1],
        r"truncated\.yaml: truncated or damaged UTF-16",
    )


def test_unreadable_files_directories_and_no_name_are_lexicon_errors(tmp_path, monkeypatch):
    folder = tmp_path / "lexicon.yaml"
    folder.mkdir()
    with pytest.raises(LexiconError, match=r"lexicon\.yaml: is a directory, not a lexicon file"):
        load_lexicon(folder)
    locked = tmp_path / "locked.yaml"
    locked.write_text(HEADER + VALID_ENTRY, encoding="utf-8")

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)  # chmod 000 does not stop root, who runs CI
    with pytest.raises(LexiconError, match=r"locked\.yaml: cannot read the lexicon: Permission denied"):
        load_lexicon(locked)
    monkeypatch.undo()
    with pytest.raises(
        LexiconError, match=r"load_lexicon: no lexicon named \(an empty string\): .*migration"
    ):
        load_lexicon("")
    with pytest.raises(LexiconError, match=r"no lexicon named"):
        load_lexicon("  ")
