"""Markdown tables from measurements: every number in them was measured in this run."""

from __future__ import annotations

from .load import Run, percentile


def table(header: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def s(seconds: float) -> str:
    return f"{seconds:.3f} s"


def per_second(run: Run) -> str:
    return f"{run.rate:.0f}/s"


def latency(values: list[float]) -> tuple[str, str]:
    return ms(percentile(values, 50)), ms(percentile(values, 99))


def verdict(met: bool) -> str:
    return "met" if met else "**not met**"


def growth(times: list[float], sizes: list[int]) -> str:
    """How the time grew at each step, beside how the size grew (linear growth: the same factor)."""
    return ", ".join(
        f"×{later / earlier:.1f} for ×{b / a:g} the responses"
        for earlier, later, a, b in zip(times, times[1:], sizes, sizes[1:])
    )


def linear_or_better(times: list[float], sizes: list[int], slack: float = 1.1) -> bool:
    return all(
        later / earlier <= slack * b / a
        for earlier, later, a, b in zip(times, times[1:], sizes, sizes[1:])
    )
