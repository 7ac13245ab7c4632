"""Small text charts shared by `stats`, `review` and the card: shading levels and sparklines.

Every chart reads without colour: a level is a shading character (· ░ ▒ ▓ █) and a sparkline a
block height (▁ … █); colour, when the terminal has it, only repeats what the character says.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

SHADES = "·░▒▓█"  # level 0 (nothing that day) to 4 (the busiest days)
SHADE_STYLES = ("grey42", "green4", "green3", "green1", "bold bright_green")
BARS = "▁▂▃▄▅▆▇█"
MONTH_INITIALS = "JFMAMJJASOND"


def level(count: int, busiest: int) -> int:
    """0 for no touch, else 1..4 by quarter of the busiest day (1 touch is never level 0)."""
    if count <= 0 or busiest <= 0:
        return 0
    return min(4, max(1, math.ceil(4 * count / busiest)))


def sparkline(counts: Sequence[int]) -> str:
    """One block per count, scaled to the largest; a zero is a space so "none" reads as none."""
    top = max(counts, default=0)
    if top <= 0:
        return " " * len(counts)
    return "".join(
        " " if n <= 0 else BARS[min(len(BARS) - 1, (n * len(BARS) - 1) // top)] for n in counts
    )


def month_axis(months: Sequence[str]) -> str:
    """ "2025-12", "2026-01"… -> "DJ…": the initial of each month under a sparkline."""
    return "".join(MONTH_INITIALS[int(m[5:7]) - 1] for m in months)


def split_bar(counts: Sequence[int], width: int) -> list[int]:
    """Widths of the segments of a bar `width` characters long, in proportion to `counts`; a
    non-zero count always gets at least one character (largest remainders take what is left)."""
    total = sum(counts)
    if total <= 0 or width <= 0:
        return [0 for _ in counts]
    nonzero = sum(1 for n in counts if n > 0)
    width = max(width, nonzero)
    exact = [n * width / total for n in counts]
    widths = [max(1, math.floor(x)) if n > 0 else 0 for n, x in zip(counts, exact, strict=True)]
    order = sorted(range(len(counts)), key=lambda i: exact[i] - math.floor(exact[i]), reverse=True)
    for i in order:
        if sum(widths) >= width:
            break
        if counts[i] > 0:
            widths[i] += 1
    while sum(widths) > width:  # the minimum of one may overshoot: take from the widest
        widest = max(range(len(widths)), key=lambda i: widths[i])
        widths[widest] -= 1
    return widths
