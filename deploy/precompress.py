"""Write a .gz (and, with Python's brotli, a .br) beside every text file of the folders named,
for nginx's gzip_static and brotli_static. serve.sh runs it in the background once nginx
serves: until a file's .gz is there nginx compresses it on the fly. Each file is written under
a temporary name and renamed into place, so nginx never sends half of one.

    python deploy/precompress.py FOLDER...
"""

from __future__ import annotations

import gzip
import os
import sys
from pathlib import Path

TEXT = {".js", ".css", ".json", ".svg", ".html", ".txt", ".map"}
SMALLEST = 1024  # nginx's gzip_min_length: smaller files go as they are

try:
    import brotli
except ImportError:  # gzip alone: serve.sh then leaves nginx's brotli lines off
    brotli = None


def write_atomically(path: Path, data: bytes) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    os.chmod(partial, 0o644)
    os.replace(partial, path)


def precompress(folder: Path) -> int:
    count = 0
    for path in sorted(folder.rglob("*")):
        if path.suffix not in TEXT or not path.is_file() or path.stat().st_size < SMALLEST:
            continue
        data = path.read_bytes()
        write_atomically(path.with_name(path.name + ".gz"), gzip.compress(data, 9, mtime=0))
        if brotli:
            # Quality 9: within a few per cent of 11 at a tenth of its time.
            write_atomically(path.with_name(path.name + ".br"), brotli.compress(data, quality=9))
        count += 1
    return count


if __name__ == "__main__":
    print(f"precompressed {sum(precompress(Path(folder)) for folder in sys.argv[1:])} files", file=sys.stderr)
