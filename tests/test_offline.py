"""Nothing downloads: the whole analysis runs with empty NLTK_DATA and HOME and no network."""

from __future__ import annotations

import json
import os
import subprocess
import sys

SCRIPT = """
import json, socket, sys
import nltk

def refuse(*args, **kwargs):
    raise RuntimeError("network use: " + repr(args))

socket.socket.connect = refuse
socket.create_connection = refuse
nltk.download = refuse

import framing
from textblob import TextBlob
a = framing.analyze(sys.argv[1])
blob_sentences = [str(s) for s in TextBlob("Ms Mahmood spoke. Then Mr Hewitt did.").sentences]
print(json.dumps({"spans": len(a.spans), "sentences": len(a.sentences), "blob": blob_sentences,
                  "compound": float(a.sentences["vader_compound"].iloc[0])}))
"""


def test_analysis_runs_with_empty_nltk_data_and_home(seed_path, tmp_path):
    (tmp_path / "nltk_data").mkdir()
    (tmp_path / "home").mkdir()
    env = {**os.environ, "NLTK_DATA": str(tmp_path / "nltk_data"), "HOME": str(tmp_path / "home")}
    env.pop("XDG_CACHE_HOME", None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(seed_path)], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["spans"] > 0 and out["sentences"] == 27
    assert out["blob"] == ["Ms Mahmood spoke.", "Then Mr Hewitt did."]
    assert list((tmp_path / "nltk_data").iterdir()) == []
    assert not (tmp_path / "home" / "nltk_data").exists()
