"""Frames: cue words per frame on the seed article."""

from __future__ import annotations


def test_frames_count_cues_per_frame_and_share_them(seed_analysis, seed_text):
    frames = seed_analysis.frames.set_index("frame")
    assert abs(frames["share"].sum() - 1.0) < 1e-12
    body = seed_text[: seed_text.index("You may also like")].lower()
    # "intelligence" is a security cue: the article uses it 3 times (counted with str.count)
    assert body.count("intelligence") == 3
    cues = seed_analysis.frames_lexicon.match(seed_text, seed_analysis.document.segments)
    assert sum(1 for m in cues if seed_text[m.start : m.end].lower() == "intelligence") == 3
    assert frames["cues"].idxmax() == "security"
