"""The story: a sequence of real, filtered views with one sentence each, read from
data/story.csv so staff can write their own without code.

Columns: step, view (funding, map, objectives, country, or results_<group> for a group of
fitjp/results.py, such as results_trained), filters (as in a dashboard URL:
"from=2008&to=2018&fund=africa_ldcs"), then title_<lang> and text_<lang> for every language.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

from fitjp.filters import Filters, from_query_params
from fitjp.i18n import LANGUAGES
from fitjp.results import RESULT_GROUPS

STORY_FILE = Path(__file__).resolve().parent.parent / "data" / "story.csv"
VIEWS = ("funding", "map", "objectives", "country", *(f"results_{group}" for group in RESULT_GROUPS))


class StoryError(ValueError):
    pass


@dataclass(frozen=True)
class Step:
    view: str
    filters: Filters
    titles: dict[str, str]
    texts: dict[str, str]

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles["en"]

    def text(self, lang: str) -> str:
        return self.texts.get(lang) or self.texts["en"]


def load_story(path: Path = STORY_FILE) -> list[Step]:
    """Every step in order; a StoryError names the file, row and column of anything wrong."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    steps, problems = [], []
    for number, row in enumerate(rows, start=2):
        where = f"{path.name}, row {number}"
        if row.get("view") not in VIEWS:
            problems.append(f"{where}, column 'view': {row.get('view')!r} is not one of {', '.join(VIEWS)}")
        filters, ignored = from_query_params({k: v[-1] for k, v in parse_qs(row.get("filters", "")).items()})
        if ignored:
            problems.append(f"{where}, column 'filters': not understood: "
                            + ", ".join(f"{k}={v}" for k, v in ignored))
        missing = [f"{kind}_{lang}" for lang in LANGUAGES for kind in ("title", "text")
                   if not row.get(f"{kind}_{lang}", "").strip()]
        if missing:
            problems.append(f"{where}: empty {', '.join(missing)}")
        steps.append(Step(row.get("view", ""), filters,
                          {lang: row.get(f"title_{lang}", "") for lang in LANGUAGES},
                          {lang: row.get(f"text_{lang}", "") for lang in LANGUAGES}))
    if problems or not steps:
        raise StoryError("\n".join(problems) or f"{path.name}: no steps")
    return steps
