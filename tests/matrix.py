"""The generated matrices' size: every case under FULL_MATRIX=1 (`FULL_MATRIX=1 ./test.sh`,
see README), else a sample drawn with a fixed seed, the same on every run, so that the default
suite stays inside CI's time and a failure is reproduced by running the test again."""

from __future__ import annotations

import os
import random

FULL = os.environ.get("FULL_MATRIX") == "1"


def sample(cases, size: int, seed: int = 14) -> list:
    """All `cases` under FULL_MATRIX=1, else `size` of them drawn with a fixed seed."""
    cases = list(cases)
    return cases if FULL else random.Random(seed).sample(cases, min(size, len(cases)))
