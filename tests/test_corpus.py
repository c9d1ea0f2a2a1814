"""Corpora: the packaged references, the four file formats, validation, and the on-disk count cache."""

from __future__ import annotations

import collections
import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

import framing.corpus.core as corpus_core
import framing.corpus.references as corpus_references
from framing.corpus import PACKAGED, Corpus, CorpusError, FrequencyCorpus, count_terms, lee_path, load_corpus
from framing.text.document import Document
from framing.text.words import words

ROOT = Path(__file__).resolve().parent.parent

DOCS = [
    {
        "doc_id": "a.txt",
        "outlet": "Daily Bugle",
        "date": "2024-01-02",
        "text": "Smuggling gangs exploit migrants.\nPolice vowed to act.",
    },
    {
        "doc_id": "b.txt",
        "outlet": "Planet",
        "date": "2024-02-03",
        "text": "Ministers met police. Migrants wait.",
    },
    {
        "doc_id": "c.txt",
        "outlet": "Planet",
        "date": "2024-03-04",
        "text": "Caf\u00e9 owners\u2019 union: \u201cno\u201d",
    },
]


@pytest.fixture(autouse=True)
def cache(tmp_path_factory, monkeypatch):
    folder = tmp_path_factory.getbasetemp() / "framing-cache"
    monkeypatch.setenv("FRAMING_CACHE", str(folder))
    return folder


def raw_lee_lines() -> list[str]:
    """The Lee stories read straight from gensim's file, independently of the loader."""
    with open(lee_path(), encoding="utf-8") as stream:
        return [line.rstrip("\n") for line in stream]


# --------------------------------------------------------------------------- packaged corpora


def test_lee_is_the_300_stories_of_gensims_file_in_order():
    lee = load_corpus("lee")
    lines = raw_lee_lines()
    assert len(lines) == 300 and len(lee) == 300
    assert lee.texts == lines
    assert lee.doc_ids[0] == "lee-001" and lee.doc_ids[-1] == "lee-300"
    assert set(lee.metadata["outlet"]) == {"ABC"}
    assert lee[41].text == lines[41] and lee[41].source.endswith("lee_background.cor:42")


def test_loading_lee_twice_gives_the_same_object():
    assert load_corpus("lee") is load_corpus("lee")


def test_lee_word_counts_agree_with_the_engines_words():
    lee = load_corpus("lee")
    expected = collections.Counter(w for line in raw_lee_lines() for w in words(line))
    counts = lee.term_frequencies()
    assert counts.to_dict() == dict(expected)
    assert lee.total_terms() == sum(expected.values())
    assert lee.token_counts().iloc[0] == len(words(raw_lee_lines()[0]))


def test_lee_bigram_counts_are_adjacent_word_pairs():
    lee = load_corpus("lee")
    expected = collections.Counter()
    for line in raw_lee_lines():
        w = words(line)
        expected.update(f"{x} {y}" for x, y in zip(w, w[1:], strict=False))
    assert lee.term_frequencies(2).to_dict() == dict(expected)


def test_wordfreq_reference_is_pseudo_counts_against_a_stated_total():
    import wordfreq

    reference = load_corpus("wordfreq-en")
    assert isinstance(reference, FrequencyCorpus) and not reference.has_documents
    table = wordfreq.get_frequency_dict("en", wordlist="large")
    counts = reference.term_frequencies()
    for word in ("the", "migrants", "smuggling"):
        assert counts[word] == round(table[word] * 1_000_000_000)
    assert "u.s" not in counts.index  # not one word by our pattern
    assert reference.total_terms() == 1_000_000_000


def test_wordfreq_pseudo_counts_are_cached(cache, monkeypatch):
    import wordfreq

    # empty the in-process store first: a doctest or test run earlier in this worker may have loaded
    # the list under another cache folder, and then nothing would be read from or written to this one
    monkeypatch.setattr(corpus_references, "_PACKAGED_LOADED", {})
    first = load_corpus("wordfreq-en")
    assert [p.suffix for p in (cache / "frequencies").iterdir()] == [".parquet"]
    monkeypatch.setattr(corpus_references, "_PACKAGED_LOADED", {})

    def no_wordfreq(*args, **kwargs):
        raise AssertionError("read wordfreq again despite the cache")

    monkeypatch.setattr(wordfreq, "get_frequency_dict", no_wordfreq)
    again = load_corpus("wordfreq-en")
    assert again is not first and again.sha256 == first.sha256
    pd.testing.assert_series_equal(again.term_frequencies(), first.term_frequencies())


def test_wordfreq_refuses_documents_and_ngrams_with_a_clear_error():
    reference = load_corpus("wordfreq-en")
    with pytest.raises(CorpusError, match="word-frequency list.*positioning"):
        reference.scores()
    with pytest.raises(CorpusError, match=r"single-word frequencies only.*ngram_range=\(1, 1\)"):
        reference.term_frequencies(2)
    with pytest.raises(CorpusError, match="not a set of documents"):
        reference[0]


@pytest.mark.parametrize("name", sorted(PACKAGED))
def test_every_packaged_corpus_has_a_descriptor(name):
    descriptor = yaml.safe_load((ROOT / "corpora" / f"{name}.yaml").read_text(encoding="utf-8"))
    assert descriptor["name"] == name
    assert {"what", "source", "licence", "loading", "uses"} <= set(descriptor)
    assert load_corpus(name).descriptor["name"] == name


# --------------------------------------------------------------------------- the four formats


def write_sources(folder: Path) -> dict[str, Path]:
    """The same three documents as a folder with metadata.csv, a CSV, a JSONL and a Parquet file."""
    texts = folder / "texts"
    texts.mkdir()
    for doc in DOCS:
        (texts / doc["doc_id"]).write_text(doc["text"], encoding="utf-8")
    frame = pd.DataFrame(DOCS)
    frame.drop(columns="text").rename(columns={"doc_id": "file"}).to_csv(texts / "metadata.csv", index=False)
    frame.to_csv(folder / "coverage.csv", index=False)
    with open(folder / "coverage.jsonl", "w", encoding="utf-8") as stream:
        for doc in DOCS:
            stream.write(json.dumps(doc) + "\n")
    frame.to_parquet(folder / "coverage.parquet")
    return {
        "folder": texts,
        "csv": folder / "coverage.csv",
        "jsonl": folder / "coverage.jsonl",
        "parquet": folder / "coverage.parquet",
    }


def test_folder_csv_jsonl_and_parquet_load_to_the_same_documents(tmp_path):
    sources = write_sources(tmp_path)
    loaded = {kind: load_corpus(path) for kind, path in sources.items()}
    expected = pd.DataFrame(DOCS).drop(columns="text")
    for kind, corpus in loaded.items():
        assert corpus.texts == [d["text"] for d in DOCS], kind
        pd.testing.assert_frame_equal(corpus.metadata, expected, check_dtype=False, obj=kind)
        assert [d.metadata["outlet"] for d in corpus] == ["Daily Bugle", "Planet", "Planet"]
    hashes = {corpus.sha256 for corpus in loaded.values()}
    assert len(hashes) == 1


def test_an_nltk_corpus_reader_loads_the_same_texts(tmp_path, monkeypatch):
    import nltk
    from nltk.corpus.reader import PlaintextCorpusReader

    sources = write_sources(tmp_path)
    # NLTK reads only below the folders on nltk.data.path: a user authorises theirs the same way
    monkeypatch.setattr(nltk.data, "path", [*nltk.data.path, str(sources["folder"])])
    reader = PlaintextCorpusReader(str(sources["folder"]), r".*\.txt")
    corpus = load_corpus(reader)
    assert corpus.doc_ids == ["a.txt", "b.txt", "c.txt"]
    assert corpus.texts == [d["text"] for d in DOCS]
    assert corpus.name == "texts" and corpus[0].source == str(sources["folder"] / "a.txt")


def test_text_column_can_be_named(tmp_path):
    pd.DataFrame({"id": ["x", "y"], "body": ["One text.", "Two texts."]}).to_csv(
        tmp_path / "c.csv", index=False
    )
    corpus = load_corpus(tmp_path / "c.csv", text="body", id="id")
    assert corpus.doc_ids == ["x", "y"] and corpus.texts == ["One text.", "Two texts."]


def test_missing_text_column_names_file_and_column(tmp_path):
    sources = write_sources(tmp_path)
    for kind in ("csv", "jsonl", "parquet"):
        with pytest.raises(CorpusError) as error:
            load_corpus(sources[kind], text="body")
        message = str(error.value)
        assert str(sources[kind]) in message and "'body'" in message and "columns: doc_id, outlet" in message


def test_missing_text_in_a_row_names_the_row(tmp_path):
    path = tmp_path / "holes.csv"
    pd.DataFrame({"text": ["Fine.", None, "Fine too."]}).to_csv(path, index=False)
    with pytest.raises(CorpusError, match=r"holes\.csv: row 2 \(line 3\) has no text in column 'text'"):
        load_corpus(path)
    jsonl = tmp_path / "holes.jsonl"
    jsonl.write_text('{"text": "Fine."}\n{"text": null}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"holes\.jsonl: row 2 has no text"):
        load_corpus(jsonl)


def test_missing_metadata_row_names_the_file(tmp_path):
    folder = write_sources(tmp_path)["folder"]
    (folder / "d.txt").write_text("An extra story.", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"metadata\.csv: no row for 'd\.txt'"):
        load_corpus(folder)


def test_metadata_row_for_an_absent_file_names_the_row(tmp_path):
    folder = write_sources(tmp_path)["folder"]
    (folder / "b.txt").unlink()
    with pytest.raises(CorpusError, match=r"metadata\.csv: row 2 names 'b\.txt', which is not a \.txt"):
        load_corpus(folder)


def test_metadata_without_file_column_and_duplicate_ids_are_errors(tmp_path):
    folder = write_sources(tmp_path)["folder"]
    pd.DataFrame({"name": ["a.txt"]}).to_csv(folder / "metadata.csv", index=False)
    with pytest.raises(CorpusError, match="no 'file' column"):
        load_corpus(folder)
    pd.DataFrame({"doc_id": ["x", "x"], "text": ["a", "b"]}).to_csv(tmp_path / "dup.csv", index=False)
    with pytest.raises(CorpusError, match=r"row 2 \(line 3\) repeats id 'x' of row 1"):
        load_corpus(tmp_path / "dup.csv")


def test_unknown_source_and_format_are_clear(tmp_path):
    with pytest.raises(FileNotFoundError, match="packaged corpora: lee, wordfreq-en"):
        load_corpus(tmp_path / "nowhere")
    (tmp_path / "x.xml").write_text("<a/>", encoding="utf-8")
    with pytest.raises(CorpusError, match="unknown corpus format '.xml'"):
        load_corpus(tmp_path / "x.xml")


# --------------------------------------------------------------------------- documents and subsets


def test_boilerplate_is_left_out_of_counts_but_kept_in_the_text():
    text = "Gangs exploit migrants.\nMore body text here, gangs.\nYou may also like\nCelebrity gangs quiz"
    corpus = Corpus([text])
    assert corpus[0].text == text
    assert corpus.term_frequencies()["gangs"] == 2
    assert Corpus([text], clean=False).term_frequencies()["gangs"] == 3


def test_bigrams_stop_at_paragraph_breaks_and_removed_boilerplate():
    corpus = Corpus(
        [
            "Gangs exploit migrants\nAdvertisement\nmigrants wait",  # a boilerplate line is cut
            "Police chased smugglers\nMigrants waited",  # a new paragraph
            "Police chased\nsmugglers",  # a line wrapped inside a paragraph
        ]
    )
    assert corpus.term_frequencies(2).to_dict() == {
        "chased smugglers": 2,
        "exploit migrants": 1,
        "gangs exploit": 1,
        "migrants wait": 1,
        "migrants waited": 1,
        "police chased": 2,
    }
    assert corpus.term_frequencies(1)["migrants"] == 3  # words are counted as before
    # counting the bodies gives the same n-grams: segments are joined by a paragraph break
    _, terms = count_terms(corpus.bodies(), 2)
    assert terms.tolist() == corpus.term_frequencies(2).index.tolist()


def test_bigrams_do_not_bridge_a_cut_inside_a_line():
    text = "people smuggling [AD] gangs operate"
    corpus = Corpus([Document(text, excluded=((17, 21, "ad"),))])  # "[AD]" is text[17:21]
    assert corpus.term_frequencies(2).to_dict() == {"gangs operate": 1, "people smuggling": 1}
    assert corpus.document_term_matrix(3).terms.tolist() == []


def test_count_terms_wants_one_segment_list_per_text():
    with pytest.raises(ValueError, match="1 segment lists for 2 texts"):
        count_terms(["a b", "c d"], 2, [None])


def test_subsets_by_mask_and_positions_keep_metadata():
    corpus = Corpus([d["text"] for d in DOCS], pd.DataFrame(DOCS).drop(columns="text"))
    planet = corpus[corpus.metadata["outlet"] == "Planet"]
    assert planet.doc_ids == ["b.txt", "c.txt"] and planet[1].metadata["date"] == "2024-03-04"
    assert corpus.subset([2, 0]).doc_ids == ["c.txt", "a.txt"]


# --------------------------------------------------------------------------- the cache


def test_counts_are_cached_on_disk_and_reused(cache, monkeypatch):
    texts = [d["text"] for d in DOCS]
    first = Corpus(texts).term_frequencies(2)
    files = sorted(p.name for p in (cache / "counts").iterdir())
    key = Corpus(texts).cache_key
    assert f"{key}-n2.npz" in files and f"{key}-n2.terms.parquet" in files
    assert not [name for name in files if name.endswith(".tmp")]

    def no_counting(*args, **kwargs):
        raise AssertionError("counted again despite the cache")

    monkeypatch.setattr(corpus_core, "count_terms", no_counting)
    again = Corpus(texts)
    pd.testing.assert_series_equal(again.term_frequencies(2), first)
    assert again.document_term_matrix(2).matrix.shape == (3, len(first))


def test_cache_key_follows_content_and_tokenizer_version(monkeypatch):
    key = Corpus(["Some text."]).cache_key
    assert Corpus(["Some text."], name="renamed").cache_key == key
    assert Corpus(["Other text."]).cache_key != key
    assert Corpus(["Some text."], clean=False).cache_key != key
    monkeypatch.setattr(corpus_core, "TOKENIZER_VERSION", "changed")
    assert Corpus(["Some text."]).cache_key != key


def test_a_damaged_cache_file_is_recounted(cache):
    texts = ["Damaged cache test. Gangs."]
    corpus = Corpus(texts)
    corpus.document_term_matrix(1)
    matrix_path, _ = corpus._count_paths(1)
    matrix_path.write_bytes(b"not a matrix")
    assert Corpus(texts).document_term_matrix(1).matrix.toarray().tolist() == [[1, 1, 1, 1]]


def test_reference_scores_are_cached(monkeypatch):
    import framing.analysis
    from framing.measures.lexicon import Lexicon

    lexicon = Lexicon.from_terms({"criminalisation": ["gangs"]})
    texts = ["Gangs exploit migrants. Police act.", "Ministers met. Nothing happened."]
    first = Corpus(texts).scores(lexicon)
    assert first.index.tolist() == ["doc-1", "doc-2"]
    assert first.loc["doc-1", "loaded_terms"] == 1 and first.loc["doc-2", "loaded_terms"] == 0

    def no_analysis(*args, **kwargs):
        raise AssertionError("analysed again despite the cache")

    monkeypatch.setattr(framing.analysis, "analyze", no_analysis)
    pd.testing.assert_frame_equal(Corpus(texts).scores(lexicon), first)
