"""Context of a matched term: is it negated, is it part of a name?

Two rules a careful reader applies before calling a word loaded:

- **Negation.** A term is negated when a negator ("not", "no", "never", "nor",
  "n't", "cannot", "none") stands before it in the same clause, at most
  :data:`NEGATION_WINDOW` words back. A clause ends at punctuation (, ; : dash,
  brackets, quotation marks) or at a word that opens a new one ("but",
  "although", "while", "that", "which", "who" ...). "Not only" is not a
  negation. This is the look-back scope of Chapman et al.'s NegEx (2001),
  narrowed to the clause.
- **Names.** A term is part of a proper name when every word of it is
  capitalised and the name runs on into a neighbouring capitalised word that
  is not the first word of its sentence ("the Illegal Migration Act",
  "Border Force", "Operation Kingpin"). A headline in title case or capitals
  (every word capitalised but the small ones: "of", "the", "to" ...) is not
  read as a name.

Examples
--------
>>> text = "There are not illegal migrants here."
>>> negated(text, 15, 32, sentence_start=0)
True
>>> text = "It passed the Illegal Migration Act in 2023."
>>> proper_name(text, 14, 31, sentence_start=0, sentence_end=len(text))
True
"""

from __future__ import annotations

import re

from framing.text.words import fold, word_spans

#: Words that negate what follows them in their clause.
NEGATORS = frozenset({"not", "no", "never", "nor", "cannot", "none", "neither"})
#: How many words back a negator may stand.
NEGATION_WINDOW = 5
#: Words that open a new clause, past which a negation does not reach.
CLAUSE_OPENERS = frozenset(
    {"but", "although", "though", "while", "whereas", "because", "since", "that", "which", "who", "whom"}
    | {"whose", "when", "where", "yet", "however", "and", "or", "so", "if", "unless", "until"}
)
#: Words a title-case headline leaves in lower case.
_TITLE_CASE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "at", "by", "as", "with", "from", "but"}
)
_CLAUSE_PUNCTUATION = re.compile(r"[,;:()\[\]\"\u201c\u201d\u2014\u2013?!]|(?<!\w)-(?!\w)")


def negated(text: str, start: int, end: int, *, sentence_start: int = 0) -> bool:
    """Whether ``text[start:end]`` stands in the scope of a negator in its clause.

    Examples
    --------
    >>> text = "They didn't slash budgets, but they will slash jobs."
    >>> negated(text, 12, 17), negated(text, 41, 46)
    (True, False)
    >>> negated("Not only illegal migrants.", 9, 25)
    False
    """
    before = text[sentence_start:start]
    cut = max((m.end() for m in _CLAUSE_PUNCTUATION.finditer(before)), default=0)
    words = [fold(before[s:e]) for s, e in word_spans(before, cut)]
    for position in range(len(words) - 1, max(len(words) - 1 - NEGATION_WINDOW, -1), -1):
        word = words[position]
        if word in CLAUSE_OPENERS:
            return False
        if word in NEGATORS or word.endswith("n't"):
            following = words[position + 1] if position + 1 < len(words) else fold(text[start:end]).split()[0]
            return not (word == "not" and following == "only")
    return False


def proper_name(text: str, start: int, end: int, *, sentence_start: int, sentence_end: int) -> bool:
    """Whether ``text[start:end]`` is part of a capitalised multi-word name.

    Examples
    --------
    >>> text = "Illegal migrants met Border Force officers."
    >>> proper_name(text, 0, 16, sentence_start=0, sentence_end=len(text))
    False
    >>> proper_name(text, 21, 27, sentence_start=0, sentence_end=len(text))
    True
    """
    words = word_spans(text, sentence_start, sentence_end)
    if not words:
        return False
    capitalised = [text[s].isupper() for s, _ in words]
    small = [fold(text[s:e]) in _TITLE_CASE_SMALL_WORDS for s, e in words]
    if all(c or lower for c, lower in zip(capitalised, small, strict=True)):
        return False  # a headline in title case or capitals, not a name
    inside = [i for i, (s, e) in enumerate(words) if s >= start and e <= end]
    if not inside or not all(capitalised[i] for i in inside):
        return False
    first, last = inside[0], inside[-1]
    before = first > 0 and capitalised[first - 1] and first - 1 > 0
    after = last + 1 < len(words) and capitalised[last + 1]
    adjacent_after = after and not re.search(r"[^\s]", text[words[last][1] : words[last + 1][0]])
    adjacent_before = before and not re.search(r"[^\s]", text[words[first - 1][1] : words[first][0]])
    return bool(adjacent_after or adjacent_before)
