"""Return addresses (login's ``next``, the statements' ``back``): a path on this site, or nothing.

Checked after parsing, the way a browser reads it: browsers drop tabs and line breaks from a URL
and read a backslash as a slash, so ``/\\t/evil.example`` and ``/\\\\evil.example`` lead off-site.
Anything with a control or format character, any space, a backslash, a scheme or a host is refused.
"""

from __future__ import annotations

from urllib.parse import urlsplit

MAX_LENGTH = 2000


def local_path(target: object) -> str | None:
    """``target`` rebuilt as a same-origin path (with its query), or None when it could lead elsewhere."""
    if not isinstance(target, str) or not target or len(target) > MAX_LENGTH:
        return None
    # Control, format and separator characters, any space, lone surrogates and backslashes.
    if (
        any(ch == "\\" or ch.isspace() or not ch.isprintable() for ch in target)
        or not target.startswith("/")
        or target.startswith("//")
    ):
        return None
    try:
        parts = urlsplit(target)
    except ValueError:
        return None
    if (
        parts.scheme
        or parts.netloc
        or not parts.path.startswith("/")
        or parts.path.startswith("//")
    ):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")
