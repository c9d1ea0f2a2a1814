"""Reading and cleaning articles into :class:`Document` objects.

:func:`read_document` takes a path, a string of article text or a Document.
A file is decoded whatever its encoding (:func:`decode`: UTF-8, UTF-16 or
UTF-32 with or without a byte-order mark, or a legacy encoding such as
Windows-1252 found by ``charset-normalizer``); a saved web page is reduced to
its article by ``trafilatura`` (:func:`extract_html`): the extracted text is
the Document's text, so every offset points into it, and the page's title and
date are its metadata. What is not an article (an empty, whitespace-only,
NUL-filled or binary file, a directory, a text too long for one article) is
refused with one :class:`DocumentError` naming the file.

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

import codecs
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

#: The longest article :func:`read_document` takes, in characters (about 1,000 printed pages; one
#: article of a million characters takes some seconds). Longer text is a corpus: split it.
MAX_ARTICLE_CHARS = 2_000_000

#: Suffixes of files read as web pages (other files are too when they open with ``<!DOCTYPE html``
#: or ``<html``).
HTML_SUFFIXES = (".html", ".htm", ".xhtml")

#: Suffixes that make a short one-line string a file name rather than article text.
FILE_SUFFIXES = (
    "txt", "text", "md", "markdown", "rst", "html", "htm", "xhtml", "xml", "csv", "tsv", "json", "jsonl",
    "ndjson", "parquet", "yaml", "yml", "dic", "rtf", "doc", "docx", "odt", "pdf",
)  # fmt: skip

#: Byte-order marks, longest first (the UTF-32-LE mark begins with the UTF-16-LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_UTF16_32 = ["utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be"]
#: C0 control characters that do not occur in text (tab, line breaks and form feed do).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
_PATH_LIKE = re.compile(rf"[^\n\r]*\.(?:{'|'.join(FILE_SUFFIXES)})", re.I)


class DocumentError(ValueError):
    """Something that is not an article: the message names the file (or ``<string>``) and the problem."""


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
    """Decode the bytes of a text file, whatever its encoding (see :func:`decode_text`).

    Examples
    --------
    >>> decode("\\ufeffCaf\\u00e9".encode("utf-8")) == "Caf\\u00e9"
    True
    """
    return decode_text(data, source)[0]


def decode_text(data: bytes, source: str = "<bytes>") -> tuple[str, str]:
    """Decode the bytes of a text file and name the encoding it was in.

    In order: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-8; UTF-16 without
    a mark (told by its zero bytes); else the encoding ``charset-normalizer``
    finds the least garbled reading in, Windows-1252 preferred among equals
    (the superset of Latin-1 that Western news copy is saved in).

    Returns
    -------
    (str, str)
        The text and Python's name of the encoding (``"utf-8"``, ``"cp1252"`` ...).

    Raises
    ------
    DocumentError
        Naming ``source``: binary data (zero bytes or control characters, or no
        encoding reads it), or UTF-16/32 that is truncated or damaged.

    Examples
    --------
    >>> decode_text("\\u201cCaf\\u00e9\\u201d owners said migrants work hard.".encode("cp1252"))
    ('“Café” owners said migrants work hard.', 'cp1252')
    >>> decode_text(b"\\x00\\x00\\x00", "blank.txt")
    Traceback (most recent call last):
    ...
    framing.text.document.DocumentError: blank.txt: not text: only NUL bytes
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _text_only(data.decode(codec), source), codec
            except UnicodeDecodeError as error:
                unit = "UTF-8" if codec == "utf-8-sig" else codec.upper()
                raise DocumentError(
                    f"{source}: truncated or damaged {unit} text (byte {error.start} of {len(data)}: "
                    f"{error.reason}); re-save the file as UTF-8"
                ) from None
    if b"\x00" in data:  # never in UTF-8 or a single-byte encoding's text
        if not data.strip(b"\x00"):
            raise DocumentError(f"{source}: not text: only NUL bytes")
        return _utf16_without_bom(data, source)
    try:
        return _text_only(data.decode("utf-8"), source), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    # Windows-1252 first: the detector cannot tell it from its neighbours in a short text
    western = from_bytes(data, cp_isolation=["cp1252"]).best()
    best = western if western is not None and western.chaos == 0 else None
    if best is None:
        best = from_bytes(data, cp_exclusion=_UTF16_32).best()
        if western is not None and (best is None or western.chaos <= best.chaos):
            best = western
    if best is None:
        raise DocumentError(f"{source}: not text: binary data, or an encoding no detector knows")
    encoding = best.encoding
    text = data.decode(encoding)
    return _text_only(text, source), codecs.lookup(encoding).name


def _utf16_without_bom(data: bytes, source: str) -> tuple[str, str]:
    """UTF-16 without a byte-order mark: the zero bytes of its spaces and ASCII letters give the order."""
    zeros = {"utf-16-le": data[1::2].count(0), "utf-16-be": data[0::2].count(0)}
    codec, other = sorted(zeros, key=zeros.get, reverse=True)
    if zeros[other] == 0:
        if len(data) % 2:
            raise DocumentError(
                f"{source}: truncated {codec.upper()} text (an odd number of bytes, {len(data)}, and no "
                "byte-order mark); re-save the file as UTF-8"
            )
        try:
            return _text_only(data.decode(codec), source), codec
        except UnicodeDecodeError:
            pass
    raise DocumentError(f"{source}: not text: binary data (NUL bytes)")


def _text_only(text: str, source: str) -> str:
    """``text``, unless its control characters say it is binary data read as text."""
    controls = _CONTROL.findall(text, 0, 1 << 16)
    if controls and ("\x00" in controls or len(controls) > min(len(text), 1 << 16) / 100):
        what = "NUL bytes" if "\x00" in controls else "control characters"
        raise DocumentError(f"{source}: not text: binary data ({what})")
    return text


def extract_html(page: str, source: str = "<html>") -> tuple[str, dict]:
    """The article of a saved web page and its metadata, through ``trafilatura``.

    Scripts, styles, navigation, comments and "related stories" are left out;
    paragraphs are one a line. The metadata has the page's ``title`` and
    ``date`` (ISO), and its ``author``, ``sitename`` and ``url`` where given.

    Raises
    ------
    DocumentError
        The page holds no article text.

    Examples
    --------
    >>> page = ("<html><head><title>Drones | Paper</title><script>var swarm;</script></head><body>"
    ...         "<nav>Home Invasion</nav><article><h1>Drones</h1><p>" + "Police got drones. " * 20
    ...         + "</p></article></body></html>")
    >>> text, metadata = extract_html(page)
    >>> text.splitlines()[0], "swarm" in text, metadata["title"]
    ('Drones', False, 'Drones')
    """
    import trafilatura

    extracted = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False)
    fields = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted or {})
    text = fields.get("text") or ""
    if not text.strip():
        raise DocumentError(f"{source}: not an article: no article text found in this web page")
    keys = ("title", "date", "author", "sitename", "url")
    return text, {key: str(fields[key]) for key in keys if fields.get(key)}


def looks_like_path(text: str) -> bool:
    """Whether a string is a file name rather than article text.

    It is when it is one short line (at most 260 characters) that ends in a
    file suffix (``.txt``, ``.html``, ... :data:`FILE_SUFFIXES`), or holds a
    path separator and no space, or starts with ``~/``.

    Examples
    --------
    >>> [looks_like_path(s) for s in ("reports/ARTICLE.TXT", "my article.txt", "~/a", "Gangs fled.")]
    [True, True, True, False]
    """
    if len(text) > 260 or "\n" in text or "\r" in text:
        return False
    stripped = text.strip()
    separator = ("/" in stripped or "\\" in stripped) and not any(c.isspace() for c in stripped)
    return bool(_PATH_LIKE.fullmatch(stripped)) or separator or stripped.startswith("~/")


def read_document(
    source: str | os.PathLike | Document,
    *,
    clean: bool = True,
    trailer_markers: tuple[str, ...] = TRAILER_MARKERS,
    line_markers: tuple[str, ...] = LINE_MARKERS,
    metadata: dict | None = None,
    max_chars: int | None = MAX_ARTICLE_CHARS,
) -> Document:
    """Read a path, a string of article text, or a Document.

    Any ``os.PathLike`` is a file path (``~`` expanded). A ``str`` is a path
    when it names an existing file, or when it looks like one
    (:func:`looks_like_path`), in which case a missing file is an error rather
    than a one-sentence article; any other ``str`` is the article text itself,
    kept as it is (a leading byte-order mark is marked excluded, so offsets
    into the string stay offsets into the text).

    A file is decoded by :func:`decode_text` (its encoding goes into the
    metadata as ``encoding``); a web page (``.html``, or text that opens with
    ``<!DOCTYPE html``) is reduced to its article by :func:`extract_html`.

    Parameters
    ----------
    source : str, path or Document
    clean : bool
        Mark page boilerplate as excluded (see :func:`find_boilerplate`).
    trailer_markers, line_markers : tuple of str
        Regular expressions for boilerplate lines.
    metadata : dict, optional
        Stored on the Document (after what the file gave: encoding, title, date).
    max_chars : int or None
        The longest text taken (default :data:`MAX_ARTICLE_CHARS`); ``None``: no limit.

    Raises
    ------
    FileNotFoundError
        A path, or a string that looks like one, names no file.
    DocumentError (a ValueError)
        Naming the file: a directory, unreadable, too long, empty or only
        whitespace, binary, a web page without an article; or, for a string,
        the position of a lone surrogate (not text).

    Examples
    --------
    >>> read_document("An article.").source
    '<string>'
    >>> read_document("\\ufeffGangs fled.").excluded
    ((0, 1, 'byte-order mark'),)
    """
    if isinstance(source, Document):
        return source
    if isinstance(source, os.PathLike):
        text, name, found = _read_file(Path(os.path.expanduser(source)), max_chars)
    elif isinstance(source, str):
        named = len(source) < 4096 and "\n" not in source and "\x00" not in source  # no file name holds NUL
        try:
            path = os.path.expanduser(source) if named else None
        except UnicodeEncodeError:  # "~" and a user name with a lone surrogate: no file name either
            path = None
        if path is not None and (os.path.isfile(path) or looks_like_path(source)):
            text, name, found = _read_file(Path(path), max_chars)
        else:
            text, name, found = _string_text(source, max_chars), "<string>", {}
    else:
        raise TypeError(f"expected a path, a str or a Document, not {type(source).__name__}")
    bom = text.startswith("\ufeff")
    excluded = [(0, 1, "byte-order mark")] if bom else []
    if clean:  # the mark reads as a space, so a first line of boilerplate is still found
        excluded += find_boilerplate(" " + text[1:] if bom else text, trailer_markers, line_markers)
    return Document(text, name, tuple(excluded), {**found, **(metadata or {})})


def _string_text(text: str, max_chars: int | None) -> str:
    surrogate = _SURROGATE.search(text)
    if surrogate:
        raise DocumentError(
            f"<string>: character {surrogate.start()} is a lone surrogate "
            f"(U+{ord(surrogate.group()):04X}), not text; decode the source with errors='replace'"
        )
    if max_chars is not None and len(text) > max_chars:
        raise DocumentError(f"<string>: {_too_long(len(text), max_chars)}")
    return text


def _read_file(path: Path, max_chars: int | None) -> tuple[str, str, dict]:
    """The text of the article file at ``path``, its name, and what the file says about it."""
    name = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise DocumentError(
                f"{name}: is a directory, not an article file (for a folder of articles use "
                f"framing batch '{name}/*.txt' or framing.load_corpus)"
            )
        html = path.suffix.lower() in HTML_SUFFIXES
        if max_chars is not None and size > max_chars * (16 if html else 4):
            raise DocumentError(f"{name}: {_too_long(size, max_chars, 'bytes')}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise FileNotFoundError(f"{name}: no such article file") from None
    except OSError as error:
        raise DocumentError(f"{name}: cannot read the article: {error.strerror or error}") from None
    except UnicodeEncodeError as error:  # the file system's encoding has no bytes for a lone surrogate
        char = error.object[error.start]
        raise DocumentError(
            f"{name!r}: not a file name: character {error.start} is a lone surrogate (U+{ord(char):04X})"
        ) from None
    if not data:
        raise DocumentError(f"{name}: empty article: the file is empty")
    text, encoding = decode_text(data, name)
    found = {"encoding": encoding}
    if html or _HTML_START.match(text, 0, 4096):
        text, page = extract_html(text, name)
        found.update(page, format="html")
    if not text.strip():
        raise DocumentError(f"{name}: empty article: the file holds only whitespace")
    if max_chars is not None and len(text) > max_chars:
        raise DocumentError(f"{name}: {_too_long(len(text), max_chars)}")
    return text, name, found


def _too_long(size: int, max_chars: int, unit: str = "characters") -> str:
    return (
        f"too long for one article ({size:,} {unit}; the limit is {max_chars:,} characters): split it into "
        "articles (framing batch, framing.load_corpus), or read it with read_document(..., max_chars=None)"
    )
