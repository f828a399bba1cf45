"""The benchmark of issue 8: synthetic records of 10k, 1M and 10M activities built with the
project's own build, the app measured on each. Run `python -m bench` (see bench/__main__.py)."""
