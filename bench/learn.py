"""A classifier at scale: training + 5-fold cross-validation on 5,000 sentences, and coding speed.

The 5,000 training examples are made from the team's labelled sentences
(``tests/data/labelled_sentences.tsv``, 344 sentences) and the Lee corpus (gensim's 300 ABC
stories, split into sentences): each example is one labelled sentence, drawn with replacement
(stratified, seeded), followed by one Lee sentence drawn at random; it keeps the labelled
sentence's code. The set has realistic length and vocabulary, but its labelled halves repeat, so
the cross-validated scores it prints are optimistic (copies fall in several folds) and measure
nothing about validity: this benchmark is about time. Validity is measured on the labelled set
itself (``tests/test_learn.py``) and on independent corpora.

- train: ``framing.learn.train_classifier(texts, labels, cv=5)`` (default features: TF-IDF,
  lexicon, sentiment), i.e. five fitted folds, the bootstrap intervals, then the final fit;
- features: the time each transformer takes on the 5,000 texts;
- predict: ``Classifier.predict`` on every Lee sentence, repeated to ``--predict`` sentences,
  in sentences per second, cold (no feature row cached: every sentence computed as if new).

Times are wall clock, with the process's CPU seconds beside them (the machine may be shared).

Run: ``python -m bench learn [--examples N] [--predict N] [--features tfidf,lexicon,sentiment]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "data" / "labelled_sentences.tsv"
RESULTS = Path(__file__).resolve().parent / "results"


def lee_sentences() -> list[str]:
    """Every sentence of the Lee corpus's 300 stories, boilerplate left out."""
    from framing.corpus import load_corpus
    from framing.text.sentences import sentence_spans

    return [body[s:e] for body in load_corpus("lee").bodies() for s, e in sentence_spans(body, 0, len(body))]


def training_set(examples: int, lee: list[str], seed: int = 0) -> tuple[list[str], list[str]]:
    """``examples`` texts: a labelled sentence (stratified, with replacement) then a random Lee sentence."""
    import numpy as np
    import pandas as pd

    labelled = pd.read_csv(LABELLED, sep="\t", comment="#", quoting=csv.QUOTE_NONE, keep_default_na=False)
    rng = np.random.default_rng(seed)
    classes = sorted(set(labelled["label"]))
    texts, labels = [], []
    for number, label in enumerate(classes):
        pool = labelled.loc[labelled["label"] == label, "text"].to_numpy()
        size = examples // len(classes) + (number < examples % len(classes))
        for text in pool[rng.integers(0, len(pool), size)]:
            texts.append(f"{text} {lee[rng.integers(0, len(lee))]}")
            labels.append(label)
    order = rng.permutation(len(texts))
    return [texts[i] for i in order], [labels[i] for i in order]


def timed(function):
    """``function()``, its wall-clock seconds and (in ``timed.cpu``) the CPU seconds of this process."""
    started, cpu = time.perf_counter(), time.process_time()
    value = function()
    timed.cpu = time.process_time() - cpu
    return value, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench learn", description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000, help="training examples (default 5,000)")
    parser.add_argument("--predict", type=int, default=10000, help="sentences coded for throughput")
    parser.add_argument("--features", default="tfidf,lexicon,sentiment")
    args = parser.parse_args(argv)
    features = tuple(args.features.split(","))

    from framing.learn import features as features_module
    from framing.learn import train_classifier

    lee, t_lee = timed(lee_sentences)
    (texts, labels), t_make = timed(lambda: training_set(args.examples, lee))
    figures = {
        "examples": len(texts),
        "features": list(features),
        "mean_characters": sum(map(len, texts)) / len(texts),
        "lee_sentences": len(lee),
        "make_s": t_lee + t_make,
    }
    model, figures["train_cv5_s"] = timed(lambda: train_classifier(texts, labels, features=features, cv=5))
    figures["train_cv5_cpu_s"] = timed.cpu
    report = model.cv_report
    figures["cv_macro_f1"] = report.score("macro_f1")
    figures["cv_roc_auc"] = report.score("roc_auc")
    # cold from here on: no feature row kept between calls, as for texts never seen before
    features_module._CACHE = features_module.RowCache(characters=0)
    for name, step in model.pipeline.named_steps["features"].transformer_list:
        _, figures[f"transform_{name}_s"] = timed(lambda step=step: step.transform(texts))
    sentences = [lee[i % len(lee)] for i in range(args.predict)]
    model.predict(sentences[:10])  # warm: lexicon automata, VADER, TextBlob loaded
    _, figures["predict_s"] = timed(lambda: model.predict(sentences))
    figures["predict_cpu_s"] = timed.cpu
    figures["predict_sentences_per_s"] = len(sentences) / figures["predict_s"]
    figures["predict_sentences_per_cpu_s"] = len(sentences) / figures["predict_cpu_s"]

    print(
        f"training set: {figures['examples']:,} examples (labelled sentence + Lee sentence, "
        f"{figures['mean_characters']:.0f} characters on average), features {'+'.join(features)}"
    )
    print(
        f"  train + 5-fold CV (1,000 bootstrap resamples): {figures['train_cv5_s']:7.1f} s "
        f"(CPU {figures['train_cv5_cpu_s']:.1f} s)"
    )
    print(
        f"  CV macro-F1 {figures['cv_macro_f1']:.3f}, ROC-AUC {figures['cv_roc_auc']:.3f} "
        "(optimistic: the labelled halves repeat across folds)"
    )
    for name, _ in model.pipeline.named_steps["features"].transformer_list:
        print(f"  transform {name:<9} on {len(texts):,} texts: {figures[f'transform_{name}_s']:7.2f} s")
    print(
        f"  predict {len(sentences):,} Lee sentences: {figures['predict_s']:.1f} s = "
        f"{figures['predict_sentences_per_s']:,.0f} sentences/s "
        f"({figures['predict_sentences_per_cpu_s']:,.0f} per CPU second)"
    )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "learn.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
