"""Corpora: the Corpus, its readers, the packaged references and the on-disk cache.

Imports :mod:`framing.text`, :mod:`framing.measures` and :mod:`framing.analysis`, nothing above.

Examples
--------
>>> from framing.corpus import Corpus
>>> Corpus(["Migrants crossed.", "Smugglers fled."]).doc_ids
['doc-1', 'doc-2']
"""

from framing.corpus.cache import cache_dir
from framing.corpus.core import Corpus, CorpusError
from framing.corpus.counts import DocumentTermMatrix, count_terms
from framing.corpus.readers import load_corpus
from framing.corpus.references import PACKAGED, FrequencyCorpus, lee_path, load_packaged, read_descriptor

__all__ = [
    "PACKAGED",
    "Corpus",
    "CorpusError",
    "DocumentTermMatrix",
    "FrequencyCorpus",
    "cache_dir",
    "count_terms",
    "lee_path",
    "load_corpus",
    "load_packaged",
    "read_descriptor",
]
