"""Reading and cleaning articles into :class:`Document` objects.

A Document keeps the text exactly as decoded; cleaning never rewrites it but
marks the page boilerplate it finds (a "You may also like" trailer with its
unrelated headlines, "Read more" lines, newsletter sign-up prompts) as
excluded ranges, so every offset still points into the original text.

Examples
--------
>>> doc = read_document("Migrants crossed the border at dawn.\\nYou may also like\\nCelebrity news")
>>> doc.body
'Migrants crossed the border at dawn.\\n'
>>> doc.boilerplate
['You may also like\\nCelebrity news']
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

#: A line that starts the page trailer: it and everything after it are cut. Each is a short
#: heading (no full stop), so a sentence of the article that opens the same way is never cut.
TRAILER_MARKERS = (
    r"you may also like",
    r"related (?:articles?|stories)",
    r"more (?:stories|on this story|from [^.]{1,30})",
    r"most read(?: in [^.]{1,30})?",
    r"trending(?: now)?",
    r"recommended(?: for you)?",
    r"follow us on [^.]{1,30}",
    r"comments?",
)

#: A single line of boilerplate inside the article: cut on its own.
LINE_MARKERS = (
    r"read more\b.*",
    r"sign up (?:to|for) .*newsletter.*",
    r"subscribe to (?:our|the) .*",
    r"(?:click|tap) here to .*",
    r"advertisement",
)


@dataclass(frozen=True)
class Document:
    """An article: its original text, where it came from, and what was cut.

    Parameters
    ----------
    text : str
        The article as decoded; offsets everywhere point into it.
    source : str
        A file path, or ``"<string>"``.
    excluded : tuple of (start, end, reason)
        Character ranges of ``text`` that are page boilerplate, not article.
    metadata : dict
        Anything known about the article (outlet, date, title ...).

    Examples
    --------
    >>> doc = Document("Text.")
    >>> doc.body, doc.segments
    ('Text.', [(0, 5)])
    """

    text: str
    source: str = "<string>"
    excluded: tuple[tuple[int, int, str], ...] = ()
    metadata: dict = field(default_factory=dict, compare=False)

    @property
    def segments(self) -> list[tuple[int, int]]:
        """The ``(start, end)`` ranges of article text, boilerplate left out."""
        segments, position = [], 0
        for start, end, _ in sorted(self.excluded):
            if start > position:
                segments.append((position, start))
            position = max(position, end)
        if position < len(self.text):
            segments.append((position, len(self.text)))
        return segments

    @property
    def body(self) -> str:
        """The article text without boilerplate (offsets do not carry over)."""
        return "".join(self.text[s:e] for s, e in self.segments)

    @property
    def boilerplate(self) -> list[str]:
        """The text of every excluded range, in order."""
        return [self.text[s:e] for s, e, _ in sorted(self.excluded)]

    @property
    def title(self) -> str:
        """The metadata title, else the article's first line (spaces folded), else the file's stem."""
        if self.metadata.get("title"):
            return str(self.metadata["title"])
        for start, end in self.segments:
            for line in self.text[start:end].splitlines():
                if line.strip():
                    return " ".join(line.split())
        return Path(self.source).stem if self.source != "<string>" else ""

    @property
    def sha256(self) -> str:
        """Content hash of the original text."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def find_boilerplate(
    text: str,
    trailer_markers: tuple[str, ...] = TRAILER_MARKERS,
    line_markers: tuple[str, ...] = LINE_MARKERS,
) -> list[tuple[int, int, str]]:
    """Boilerplate ranges of ``text`` as ``(start, end, reason)``.

    A line that is wholly a trailer marker cuts it and the rest of the text
    (only in the second half of the text, so a short article that opens with
    "Comments" is not emptied); a line that is wholly a line marker is cut on
    its own. Matching is case-insensitive; markers are regular expressions.

    Examples
    --------
    >>> find_boilerplate("Body.\\nRead more: other story\\nMore body.")
    [(6, 29, 'line: read more\\\\b.*')]
    """
    found = []
    trailer = [(m, re.compile(rf"\s*{m}\s*", re.IGNORECASE)) for m in trailer_markers]
    single = [(m, re.compile(rf"\s*{m}\s*", re.IGNORECASE)) for m in line_markers]
    for line in re.finditer(r"[^\n]*(?:\n|$)", text):
        content = line.group().rstrip("\n")
        if not content.strip():
            continue
        start = line.start()
        marker = next((m for m, regex in trailer if regex.fullmatch(content)), None)
        if marker is not None and start >= len(text) // 2:
            found.append((start, len(text), "trailer: " + marker))
            break
        marker = next((m for m, regex in single if regex.fullmatch(content)), None)
        if marker is not None:
            found.append((start, line.end(), "line: " + marker))
    return found


def decode(data: bytes, source: str = "<bytes>") -> str:
    """Decode article bytes: UTF-8 with or without a BOM, or UTF-16 with a BOM.

    Raises
    ------
    ValueError
        Naming ``source`` and the byte offset when the bytes are not text.

    Examples
    --------
    >>> decode("\\ufeffCaf\\u00e9".encode("utf-8")) == "Caf\\u00e9"
    True
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(
            f"{source}: not UTF-8 text (byte {error.start}: {data[error.start : error.start + 1]!r}); "
            "re-save the file as UTF-8"
        ) from None


def read_document(
    source: str | os.PathLike | Document,
    *,
    clean: bool = True,
    trailer_markers: tuple[str, ...] = TRAILER_MARKERS,
    line_markers: tuple[str, ...] = LINE_MARKERS,
    metadata: dict | None = None,
) -> Document:
    """Read a path, a string of article text, or a Document.

    A ``str`` that names an existing file, or any ``os.PathLike``, is read as a
    file; a ``str`` that looks like a file name (``article.txt``) but names no
    file is an error; any other ``str`` is the article text itself.

    Parameters
    ----------
    source : str, path or Document
    clean : bool
        Mark page boilerplate as excluded (see :func:`find_boilerplate`).
    trailer_markers, line_markers : tuple of str
        Regular expressions for boilerplate lines.
    metadata : dict, optional
        Stored on the Document.

    Examples
    --------
    >>> read_document("An article.").source
    '<string>'
    """
    if isinstance(source, Document):
        return source
    is_path = isinstance(source, os.PathLike) or (
        isinstance(source, str) and "\n" not in source and len(source) < 4096 and os.path.isfile(source)
    )
    if not is_path and isinstance(source, str) and re.fullmatch(r"\S+\.(?:txt|text|md|html?)", source):
        raise FileNotFoundError(f"{source}: no such article file")
    if is_path:
        path = Path(source)
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no such article file")
        text, name = decode(path.read_bytes(), str(path)), str(path)
    elif isinstance(source, str):
        text, name = source.removeprefix("\ufeff"), "<string>"
    else:
        raise TypeError(f"expected a path, a str or a Document, not {type(source).__name__}")
    excluded = find_boilerplate(text, trailer_markers, line_markers) if clean else []
    return Document(text, name, tuple(excluded), dict(metadata or {}))
