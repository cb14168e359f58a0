"""Counting failed attempts (wrong PINs, guessed access codes), in memory only, for a short window.

Nothing is written anywhere; a client is counted under a keyed hash of its address that changes
with every process, so not even memory holds the address itself.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time


class Throttle:
    """At most ``max_failures`` failures per key within ``window`` seconds."""

    def __init__(self, max_failures: int, window: float) -> None:
        self.max_failures = max_failures
        self.window = window
        self._failures: dict[str, list[float]] = {}

    def locked(self, key: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        recent = [t for t in self._failures.get(key, []) if now - t < self.window]
        if recent:
            self._failures[key] = recent
        else:
            self._failures.pop(key, None)
        return len(recent) >= self.max_failures

    def failed(self, key: str, now: float | None = None) -> None:
        self._failures.setdefault(key, []).append(time.monotonic() if now is None else now)
        if len(self._failures) > 10_000:  # forget the stale keys now and then
            for stale in [k for k, times in self._failures.items() if not self.locked(k, now)]:
                self._failures.pop(stale, None)

    def succeeded(self, key: str) -> None:
        self._failures.pop(key, None)


_SALT = secrets.token_bytes(16)


def client_key(address: str | None) -> str:
    """A stand-in for a client address, good for this process's counting and nothing else."""
    return hmac.new(_SALT, (address or "").encode(), hashlib.sha256).hexdigest()[:32]
