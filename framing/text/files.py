"""Writing files so that a reader never sees half of one.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> target = Path(tempfile.mkdtemp()) / "scores.json"
>>> atomic_write(target, "{}").read_text()
'{}'
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write(path: str | os.PathLike, data) -> Path:
    """Write ``data`` to a temporary file beside ``path``, then rename it onto ``path``.

    ``data`` is text (written as UTF-8), bytes, or a function that writes to
    the binary stream it is given. A reader sees the old file or the new one,
    never a partial one; on any error the temporary file is removed.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "counts.bin"
    >>> atomic_write(target, lambda stream: stream.write(b"\\x00\\x01")).read_bytes()
    b'\\x00\\x01'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            if callable(data):
                data(stream)
            else:
                stream.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
