"""Train the package's Punkt sentence-splitter parameters from a corpus (offline, deterministic).

Abbreviations are curated, never learned: Punkt's abbreviation finder, run on
the 300 stories of the ``lee`` corpus, proposes ordinary words ("bay", "god",
"mix"), so :data:`ABBREVIATIONS` is the whole list and training keeps it fixed.
What the corpus teaches is the orthographic context of each word (seen
capitalised or in lower case, at a sentence start or inside a sentence) and the
frequent sentence starters; both decide whether a capitalised word after an
abbreviation opens a sentence ("... in the U.S. The ..." splits, "Sen. Warren"
does not). Learned starters are kept only if the corpus also shows them in
lower case (ordinary words, not names or titles: "Senator" and "Mr" are left
out), and :data:`SENT_STARTERS` adds a few that are too rare in 300 stories for
the trainer's likelihood test. :data:`COLLOCATIONS` keeps "No. 10" together
while "She said no." ends a sentence.

``python -m framing.corpus.punkt`` rebuilds the shipped files from ``lee``;
the output is sorted, so rebuilding gives byte-identical files.

Examples
--------
>>> from framing.corpus import load_corpus
>>> params = train_punkt(load_corpus(["Police came. Police left. The police said no. The end."]))
>>> "no" in params.abbrev_types, "u.s" in params.abbrev_types
(False, True)
>>> ("no", "##number##") in params.collocations
True
"""

from __future__ import annotations

import argparse
from pathlib import Path

from nltk.tokenize.punkt import _ORTHO_LC, PunktParameters, PunktTrainer

from framing.corpus.core import Corpus
from framing.corpus.readers import load_corpus
from framing.text.sentences import PUNKT_DIR

ABBREVIATIONS = frozenset(
    {
        # titles and ranks (AP and UK styles)
        *("mr", "mrs", "ms", "messrs", "dr", "prof", "rev", "hon", "st", "jr", "sr"),
        *("gen", "col", "lt", "capt", "sgt", "cpl", "maj", "pvt", "adm", "cmdr", "det", "insp", "supt"),
        *("gov", "sen", "sens", "rep", "reps"),
        # months and weekdays that are not words (no "mar", "may", "sun", "wed", "sat")
        *("jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
        *("tue", "tues", "thu", "thurs", "fri"),
        # references, companies, places
        *("nos", "vol", "vols", "pp", "cf", "etc", "vs", "approx", "dept", "govt"),
        *("inc", "ltd", "co", "corp", "plc", "bros", "mt", "ave", "rd"),
        # with inner periods (framing.text.sentences also reads any run of initials as one)
        *("e.g", "i.e", "a.m", "p.m", "u.s", "u.s.a", "u.k", "u.n", "e.u", "d.c", "h.r"),
    }
)
"""Every abbreviation the splitter knows; no ordinary word ("no", "us", "am", "is", "sir", "fig")."""

COLLOCATIONS = frozenset({("no", "##number##")})
"""Pairs that never split: "No. 10" (Punkt types every number as ``##number##``)."""

SENT_STARTERS = frozenset(
    {
        *("the", "he", "she", "it", "they", "we", "this", "there", "his", "their"),
        *("but", "however", "meanwhile", "in", "on", "after", "police", "officials"),
    }
)
"""Sentence starters added to the learned ones: pronouns, determiners, linking words, news subjects."""


class _CuratedTrainer(PunktTrainer):
    """A PunktTrainer that keeps the curated abbreviations fixed instead of learning its own."""

    ABBREV_BACKOFF = 0  # no "rare abbreviation" is learned either

    def _reclassify_abbrev_types(self, types):
        return iter(())


def training_text(corpus: Corpus) -> str:
    """The corpus text Punkt learns from: every document's article text, one paragraph each.

    Boilerplate is left out; a blank line separates documents and segments.

    Examples
    --------
    >>> training_text(load_corpus(["One. Two.", "Three."]))
    'One. Two.\\n\\nThree.'
    """
    return "\n\n".join(doc.text[s:e] for doc in corpus for s, e in doc.segments)


def train_punkt(corpus: Corpus) -> PunktParameters:
    """Punkt parameters: orthographic context and sentence starters learned from ``corpus``.

    Merged with the curated :data:`ABBREVIATIONS`, :data:`COLLOCATIONS` and
    :data:`SENT_STARTERS`; learned starters are kept only if seen in lower case.

    Examples
    --------
    >>> params = train_punkt(load_corpus(["It rained. It rained again. It stopped."]))
    >>> params.ortho_context["it"] & 2  # seen capitalised at a sentence start
    2
    """
    trainer = _CuratedTrainer()
    trainer._params.abbrev_types = set(ABBREVIATIONS)
    trainer.train(training_text(corpus), finalize=True)
    params = trainer.get_params()
    learned = {s for s in params.sent_starters if params.ortho_context.get(s, 0) & _ORTHO_LC}
    params.sent_starters = learned | SENT_STARTERS
    params.collocations = set(params.collocations) | COLLOCATIONS
    return params


def write_punkt(params: PunktParameters, folder: str | Path) -> list[Path]:
    """Write ``params`` as NLTK's ``punkt_tab`` files, sorted so that output is byte-stable.

    Returns the four paths written.

    Examples
    --------
    >>> import tempfile
    >>> params = PunktParameters()
    >>> params.abbrev_types = {"mr", "dr"}
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     paths = write_punkt(params, folder)
    ...     paths[0].name, paths[0].read_text()
    ('abbrev_types.txt', 'dr\\nmr\\n')
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    contents = {
        "abbrev_types.txt": sorted(params.abbrev_types),
        "collocations.tab": sorted("\t".join(pair) for pair in params.collocations),
        "ortho_context.tab": [f"{typ}\t{flags}" for typ, flags in sorted(params.ortho_context.items())],
        "sent_starters.txt": sorted(params.sent_starters),
    }
    paths = []
    for name, lines in contents.items():
        path = folder / name
        path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8", newline="\n")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    """Rebuild the shipped Punkt parameters from the ``lee`` corpus (or write them elsewhere)."""
    parser = argparse.ArgumentParser(prog="python -m framing.corpus.punkt", description=main.__doc__)
    parser.add_argument("--out", default=PUNKT_DIR, help="folder to write (default: the package's own)")
    args = parser.parse_args(argv)
    for path in write_punkt(train_punkt(load_corpus("lee")), args.out):
        print(path)


if __name__ == "__main__":
    main()
