"""Wrong-PIN throttling per kiosk, in memory only: nothing about the client is kept."""
from __future__ import annotations

import time

MAX_TRIES = 5
LOCK_SECONDS = 300


class PinGuard:
    def __init__(self) -> None:
        self._failures: dict[str, list[float]] = {}

    def locked(self, token: str, now: float | None = None) -> bool:
        now = now or time.monotonic()
        recent = [t for t in self._failures.get(token, []) if now - t < LOCK_SECONDS]
        self._failures[token] = recent
        return len(recent) >= MAX_TRIES

    def failed(self, token: str, now: float | None = None) -> None:
        self._failures.setdefault(token, []).append(now or time.monotonic())

    def succeeded(self, token: str) -> None:
        self._failures.pop(token, None)
