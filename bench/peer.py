"""The pandas peer: the aggregations the aggregate pages show, done the usual way in pandas
(tables loaded once into DataFrames, then filter, merge, groupby on every rerun), beside
DuckDB's answer to the same question: the query scanning the Parquet files, and the query
the app runs (from the rollups). Loading the DataFrames is not counted against pandas, so
the ratio is the one a pandas app with its tables already in memory would see. Each pair is
checked to give the same numbers before it is timed."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pandas as pd

from fitjp import db
from fitjp.filters import Filters
from fitjp.record.schema import reached

DEFAULT = Filters().activity_params()


def load(folder: Path) -> dict[str, pd.DataFrame]:
    read = lambda name, columns: pd.read_parquet(folder / f"{name}.parquet", columns=columns)
    return {"activities": read("activities", ["activity_id", "year", "programme_area", "activity_type", "fund",
                                              "scope", "participants"]),
            "links": read("activity_countries", ["activity_id", "iso3", "role"]),
            "areas": read("programme_areas", ["programme_area", "objective", "sort_order"])}


def shown(frames) -> pd.DataFrame:
    """The default filters: every year, every fund named (not 'unclear')."""
    activities = frames["activities"]
    return activities[activities.fund != "unclear"]


def by_year(frames) -> pd.DataFrame:
    dated = shown(frames).dropna(subset=["year"])
    return dated.groupby("year").agg(activity_count=("activity_id", "size"), participants=("participants", "sum"))


def by_country(frames) -> pd.DataFrame:
    links = reached(frames["links"])[["activity_id", "iso3"]].drop_duplicates()
    joined = shown(frames).merge(links, on="activity_id")
    joined["national"] = joined.scope == "national"
    joined["national_participants"] = joined.participants.where(joined.national)
    return joined.groupby("iso3").agg(activity_count=("activity_id", "size"), national_count=("national", "sum"),
                                      national_participants=("national_participants", "sum"))


def by_objective(frames) -> pd.DataFrame:
    joined = shown(frames).merge(frames["areas"], on="programme_area")
    return joined.groupby(["objective", "programme_area"]).agg(activity_count=("activity_id", "size"))


def totals(frames) -> pd.DataFrame:
    activities = shown(frames)
    return pd.DataFrame([{"activity_count": len(activities), "national_count": int((activities.scope == "national").sum()),
                          "first_year": activities.year.min(),
                          "participants": activities.participants.sum()}])


PEERS = {"activities_by_year": by_year, "activities_by_country": by_country,
         "activities_by_objective": by_objective, "activity_totals": totals}


def _median_ms(work, repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def _total(frame: pd.DataFrame) -> int:
    return int(frame.activity_count.sum())


def compare(folder: Path) -> dict[str, dict]:
    connection = db.connect(folder)
    frames = load(folder)
    results = {}
    for name, aggregate in PEERS.items():
        raw = lambda: db.run(connection, name, **DEFAULT)
        app = lambda: db.run_best(connection, name, **DEFAULT)
        same = _total(aggregate(frames)) == _total(raw()) == _total(app())
        pandas_ms, raw_ms, app_ms = _median_ms(lambda: aggregate(frames)), _median_ms(raw), _median_ms(app)
        results[name] = {"pandas_ms": pandas_ms, "duckdb_scan_ms": raw_ms, "duckdb_app_ms": app_ms, "same": same}
    connection.close()
    return results
