"""Kept as an alias: the benchmark is `python -m bench` (bench/__main__.py, issue 8).

    python scripts/benchmark.py [--sizes 10k,1m] [--quick]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.__main__ import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
