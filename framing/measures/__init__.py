"""Measures of one text: lexicons and the matcher, sentiment, discourse (quotes, sources, voice).

Imports only :mod:`framing.text`; :mod:`framing.analysis` puts the measures together.
"""
