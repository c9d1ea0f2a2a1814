"""Trainable classifiers and validation against human coding.

A researcher hand-codes a few hundred sentences (loaded or neutral, or frames);
:func:`train_classifier` fits a scikit-learn pipeline on them, reports stratified
cross-validation and codes the rest; :func:`validate` and :func:`agreement` set the
tool's codes, or one coder's, against human coding as content analysts do
(precision/recall/F1, ROC-AUC, span overlap, Krippendorff's alpha).

Same rank as :mod:`framing.comparison`: imports :mod:`framing.text`,
:mod:`framing.measures`, :mod:`framing.analysis` and :mod:`framing.corpus`, nothing
above them (and not :mod:`framing.comparison`).

Examples
--------
>>> from framing.learn import agreement
>>> table = agreement({"a": ["x", "x", "y"], "b": ["x", "x", "y"]}, n_boot=0)
>>> table[["scope", "metric"]].values.tolist()
[['coders', 'krippendorff_alpha'], ['coders', 'percent_agreement']]
>>> table["value"].tolist()
[1.0, 1.0]
"""

from framing.learn.classifier import (
    Classifier,
    ClassifierFileError,
    CVReport,
    load_classifier,
    train_classifier,
)
from framing.learn.features import LexiconFeatures, SentimentFeatures
from framing.learn.validation import agreement, validate

__all__ = [
    "CVReport",
    "Classifier",
    "ClassifierFileError",
    "LexiconFeatures",
    "SentimentFeatures",
    "agreement",
    "load_classifier",
    "train_classifier",
    "validate",
]
