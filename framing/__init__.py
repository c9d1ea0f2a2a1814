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
    "Document": "framing.document",
    "read_document": "framing.document",
    "Lexicon": "framing.lexicon",
    "LexiconError": "framing.lexicon",
    "load_lexicon": "framing.lexicon",
    "Analysis": "framing.analysis",
    "analyze": "framing.analysis",
    "Corpus": "framing.corpus",
    "load_corpus": "framing.corpus",
    "Comparison": "framing.comparison",
    "compare": "framing.comparison",
    "compare_groups": "framing.comparison",
    "kwic": "framing.comparison",
    "collocations": "framing.comparison",
    "render_report": "framing.report",
    "render_batch": "framing.report",
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
