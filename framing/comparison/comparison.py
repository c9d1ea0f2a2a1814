"""An article (or a group of documents) against a reference corpus: the Comparison.

:func:`compare` sets a target (an :class:`~framing.analysis.Analysis`, an
article, or a :class:`~framing.corpus.Corpus`) against a reference corpus and
returns a :class:`Comparison` with two tidy tables: ``keyness`` (one row a
term, see :mod:`framing.comparison.keyness`) and ``positioning`` (one row a
document score, see :mod:`framing.comparison.positioning`).

Examples
--------
>>> c = compare("Smugglers smuggle migrants. Migrants pay smugglers.",
...             ["Police met ministers.", "Ministers met police and migrants."], min_freq=2)
>>> c.keyness[["term", "n_target", "n_reference", "leaning"]].head(2).values.tolist()
[['smugglers', 2, 0, 'target'], ['migrants', 2, 1, 'target']]
"""

from __future__ import annotations

import functools

import pandas as pd

from framing.comparison.concordance import dispersion_table
from framing.comparison.keyness import PRIOR_SIZE, SIGNED_MEASURES, TermCounts, keyness_table
from framing.comparison.positioning import positioning_table
from framing.corpus import Corpus, load_corpus
from framing.text.document import Document, read_document

#: Fewer reference documents than this behind a positioning row and the row is flagged thin: a
#: percentile among n documents moves in steps of 100/n points (more than 3 below 30), and a bootstrap
#: interval from so few resamples says little (30 is the usual rule of thumb for a sample's mean).
THIN_REFERENCE = 30


class Comparison:
    """A target set against a reference: keyness, positioning, plots. Made by :func:`compare`.

    Attributes
    ----------
    target : Analysis, Document or Corpus
    reference : Corpus
    parameters : dict
        ``ngram_range``, ``min_freq``, ``prior_size``, ``n_boot``, ``seed``, ``lexicon``.
    """

    def __init__(self, target, reference: Corpus, **parameters) -> None:
        self.target = target
        self.reference = reference
        self.parameters = parameters

    def __repr__(self) -> str:
        return f"<Comparison of {self.target_name!r} against {self.reference!r}>"

    @property
    def target_name(self) -> str:
        """The article's title, or the target corpus's name."""
        if isinstance(self.target, Corpus):
            return self.target.name
        return self.document.title or self.document.source

    @property
    def document(self) -> Document:
        """The target article (not available when the target is a corpus)."""
        if isinstance(self.target, Corpus):
            raise TypeError(f"the target {self.target.name!r} is a corpus, not one article")
        return getattr(self.target, "document", self.target)

    @functools.cached_property
    def analysis(self):
        """The target article's Analysis (computed on first use when a plain document was given)."""
        from framing.analysis import Analysis, analyze

        if isinstance(self.target, Analysis):
            return self.target
        lexicon = self.parameters["lexicon"]
        return analyze(self.document) if lexicon is None else analyze(self.document, lexicon=lexicon)

    @functools.cached_property
    def keyness(self) -> pd.DataFrame:
        """One row a term: counts, rates, G2, chi2, p, log ratio, %DIFF, Fightin' Words (see module doc)."""
        target = self.target if isinstance(self.target, Corpus) else TermCounts.of(self.document)
        p = self.parameters
        return keyness_table(
            target,
            self.reference,
            ngram_range=p["ngram_range"],
            min_freq=p["min_freq"],
            prior_size=p["prior_size"],
        )

    @functools.cached_property
    def reference_scores(self) -> pd.DataFrame:
        """Every reference document's scores (one row a document), from the cache when possible."""
        if isinstance(self.target, Corpus):
            raise TypeError(
                "positioning places one article; the target here is a corpus (see compare_groups)"
            )
        if not self.reference.has_documents:
            self.reference.scores()  # the frequency list's own error: no documents to place the article among
        analysis = self.analysis
        return self.reference.scores(
            analysis.lexicons, targets=analysis.targets_lexicon, frames=analysis.frames_lexicon
        )

    @functools.cached_property
    def positioning(self) -> pd.DataFrame:
        """One row a document-level score: article value, reference distribution, percentile, z, 95% CIs."""
        reference = self.reference_scores
        return positioning_table(
            self.analysis.document_scores(),
            reference,
            n_boot=self.parameters["n_boot"],
            seed=self.parameters["seed"],
        )

    def top_terms(self, n: int = 10, leaning: str = "target", measure: str = "g2") -> pd.DataFrame:
        """The ``n`` most ``leaning``-leaning terms by ``measure`` (signed measures sort by size).

        Examples
        --------
        >>> compare("Gangs gangs gangs.", ["Police."], min_freq=1).top_terms(1)["term"].tolist()
        ['gangs']
        """
        table = self.keyness[self.keyness["leaning"] == leaning]
        order = table[measure].abs() if measure in SIGNED_MEASURES else table[measure]
        return table.loc[order.sort_values(ascending=False, kind="mergesort").index[:n]].reset_index(
            drop=True
        )

    def provenance(self) -> dict:
        """Reference corpus, parameters and hashes, for reports."""
        info = {"reference": self.reference.provenance(), "parameters": dict(self.parameters)}
        info["parameters"]["ngram_range"] = list(self.parameters["ngram_range"])
        return info

    def plot_keyness(self, n: int = 20, measure: str = "g2", ax=None):
        """Bars of the ``n`` most target- and reference-leaning terms (quanteda's ``textplot_keyness``)."""
        from framing.views.comparison_plots import keyness_bars

        target = self.target.name if isinstance(self.target, Corpus) else "article"
        return keyness_bars(self.keyness, n=n, measure=measure, labels=(target, self.reference.name), ax=ax)

    def plot_positioning(self, scores=None, ax=None):
        """The reference distribution of each score (as z) with the article marked, by the scores' chart
        names, rows on fewer than :data:`THIN_REFERENCE` reference documents flagged."""
        from framing.views.comparison_plots import positioning_strip

        labels = self.analysis.score_labels(short=True)
        return positioning_strip(
            self.positioning, self.reference_scores, scores=scores, ax=ax, labels=labels, thin=THIN_REFERENCE
        )

    def plot_dispersion(self, terms=None, n: int = 8, ax=None):
        """Where each term occurs along the article (default: the ``n`` most article-leaning terms)."""
        from framing.views.comparison_plots import dispersion

        terms = self.top_terms(n)["term"].tolist() if terms is None else list(terms)
        return dispersion(dispersion_table(self.document, terms), terms, ax=ax)


def compare(
    target,
    reference="lee",
    *,
    lexicon=None,
    ngram_range: tuple[int, int] = (1, 1),
    min_freq: int = 2,
    prior_size: float = PRIOR_SIZE,
    n_boot: int = 2000,
    seed: int = 0,
) -> Comparison:
    """Set an article (or a corpus) against a reference corpus.

    Parameters
    ----------
    target : Analysis, Document, path, str, Corpus or list of str
        The article (an Analysis, or anything :func:`framing.read_document`
        reads), or a corpus for keyness between two corpora.
    reference : Corpus, str or list of str
        ``"lee"`` (default), ``"wordfreq-en"``, a path, or a Corpus (see :func:`framing.load_corpus`).
    lexicon : str, path, Lexicon or a sequence of them, optional
        For positioning when ``target`` is not an Analysis (default: :func:`framing.analyze`'s).
    ngram_range : (int, int)
        N-gram orders of the keyness table: ``(1, 1)`` words, ``(1, 3)`` words to trigrams.
    min_freq : int
        Keep terms seen at least this often in target and reference together.
    prior_size : float
        ``alpha_0`` of the Fightin' Words prior.
    n_boot, seed : int
        Bootstrap resamples and seed for the positioning intervals.

    Returns
    -------
    Comparison
        ``.keyness`` and ``.positioning`` are computed on first use.

    Examples
    --------
    >>> c = compare("Gangs exploit migrants; migrants flee gangs.", "lee", min_freq=1)
    >>> c.keyness[["term", "n_target", "leaning"]].head(1).values.tolist()
    [['gangs', 2, 'target']]
    """
    if isinstance(target, list):
        target = Corpus(target, name="target")
    elif not isinstance(target, Corpus) and not hasattr(target, "document"):
        target = read_document(target)
    reference = (
        load_corpus(reference) if not isinstance(reference, list) else Corpus(reference, name="reference")
    )
    return Comparison(
        target,
        reference,
        lexicon=lexicon,
        ngram_range=tuple(ngram_range),
        min_freq=min_freq,
        prior_size=prior_size,
        n_boot=n_boot,
        seed=seed,
    )
