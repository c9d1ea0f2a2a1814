"""Reading and cleaning text, and offline NLP: documents, encodings, boilerplate, sentences, words, offsets.

The bottom wing: it imports no other part of ``framing``. Everything above it
takes its offsets from here.
"""
