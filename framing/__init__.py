"""framing: media-bias and framing analysis of news text.

The public names load lazily, so ``import framing`` stays cheap and a notebook
pays only for the parts it uses.

Examples
--------
>>> import framing
>>> framing.analyze("Smuggling gangs exploit migrants.").spans["text"].tolist()
['Smuggling gangs', 'exploit']
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "Document": "framing.text.document",
    "read_document": "framing.text.document",
    "Lexicon": "framing.measures.lexicon",
    "LexiconError": "framing.measures.lexicon",
    "load_lexicon": "framing.measures.lexicon",
    "Analysis": "framing.analysis",
    "analyze": "framing.analysis",
    "target_sentiment": "framing.measures.target_sentiment",
    "Corpus": "framing.corpus",
    "load_corpus": "framing.corpus",
    "Comparison": "framing.comparison",
    "compare": "framing.comparison",
    "compare_groups": "framing.comparison",
    "trend": "framing.comparison",
    "kwic": "framing.comparison",
    "collocations": "framing.comparison",
    "train_classifier": "framing.learn",
    "load_classifier": "framing.learn",
    "validate": "framing.learn",
    "agreement": "framing.learn",
    "render_report": "framing.report.render",
    "render_batch": "framing.report.render",
    "score_corpus": "framing.corpus.engines",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'framing' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
