"""Plotly figures gathered as plain data, and checked by the tests rather than on every build.

Plotly's object model validates each property as it is set and parses each magic-underscore
path (`tickfont_size`) through its property tree: that was most of the server's time a click
(issue 15; 80 ms for the funding chart against 3 ms as data). A Plot takes the calls the
charts make (add_bar, update_layout, update_xaxes(row=2), add_annotation, update_geos) and
writes them straight into dicts; `figure()` wraps them once, unvalidated, in the go.Figure
Streamlit sends. `validated(fig)` runs plotly's own checks: the tests run it on every figure
the charts build (tests/test_plot.py), so a misspelt property still fails, in CI, not in a
reader's click.
"""

from __future__ import annotations

import copy
import threading
from functools import cache, partialmethod

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots


# The only plotly property names with an underscore of their own (plotly 7's graph_objs).
UNDERSCORED = frozenset({"paper_bgcolor", "plot_bgcolor", "error_x", "error_y", "error_z", "copy_ystyle",
                         "copy_zstyle"})


def expanded(props: dict) -> dict:
    """Magic-underscore keys as nested dicts, as plotly reads them ({'tickfont_size': 13} ->
    {'tickfont': {'size': 13}}), at every level; a title given as text is its text; a None
    value is left out (plotly's "unset")."""
    out: dict = {}
    for key, value in props.items():
        if value is None:
            continue
        *path, last = _path(key)
        target = out
        for part in path:
            target = target.setdefault(part, {})
        if isinstance(value, dict):
            value = expanded(value)
        elif last == "title" and isinstance(value, str):
            value = {"text": value}
        merge(target, {last: value})
    return out


def plain(value):
    """`value` with every pandas column, numpy array and tuple in it as a list: plotly's JSON
    writer hands such a figure straight to orjson, and walks any other in Python first, on
    every run that sends it (a millisecond or more a chart)."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, (pd.Series, pd.Index, np.ndarray)):
        return [plain(item) for item in value.tolist()]
    if isinstance(value, np.generic):
        return value.item()
    return value


def _path(key: str) -> list[str]:
    parts: list[str] = []
    for part in key.split("_"):
        if parts and f"{parts[-1]}_{part}" in UNDERSCORED:
            parts[-1] = f"{parts[-1]}_{part}"
        else:
            parts.append(part)
    return parts


def merge(target: dict, update: dict) -> dict:
    """`update` into `target`: dicts merged key by key, anything else replaced (plotly's update)."""
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            merge(target[key], value)
        else:
            target[key] = value
    return target


@cache
def _grid_layout(rows: int, cols: int, options: tuple) -> dict:
    layout = make_subplots(rows=rows, cols=cols, **dict(options)).to_dict()["layout"]
    layout.pop("template", None)
    return layout


class Plot:
    """A figure's traces and layout as dicts. `Plot.grid(rows, cols, ...)` lays out subplots
    as plotly's make_subplots does; `row`/`col` then place a trace or select an axis."""

    def __init__(self) -> None:
        self.data: list[dict] = []
        self.layout: dict = {}
        self.cols = 0  # 0: no grid

    @classmethod
    def grid(cls, rows: int, cols: int, **options) -> "Plot":
        plot = cls()
        plot.layout = copy.deepcopy(_grid_layout(rows, cols, tuple(sorted(
            (k, tuple(v) if isinstance(v, list) else v) for k, v in options.items()))))
        plot.cols = cols
        return plot

    def _suffix(self, row: int, col: int) -> str:
        index = (row - 1) * self.cols + col
        return "" if index == 1 else str(index)

    def add(self, kind: str, row: int | None = None, col: int | None = None, **props) -> "Plot":
        trace = {"type": kind} | expanded(props)
        if self.cols and row is not None:
            suffix = self._suffix(row, col or 1)
            trace |= {"xaxis": f"x{suffix}", "yaxis": f"y{suffix}"}
        self.data.append(trace)
        return self

    add_bar = partialmethod(add, "bar")
    add_scatter = partialmethod(add, "scatter")
    add_choropleth = partialmethod(add, "choropleth")
    add_scattergeo = partialmethod(add, "scattergeo")

    def update_layout(self, **props) -> "Plot":
        merge(self.layout, expanded(props))
        return self

    def add_annotation(self, **props) -> "Plot":
        self.layout.setdefault("annotations", []).append(expanded(props))
        return self

    def _update_axes(self, axis: str, row: int | None, col: int | None, props: dict) -> "Plot":
        if row is not None and self.cols:
            names = [f"{axis}{self._suffix(row, col or 1)}"]
        else:
            names = sorted(k for k in self.layout if k.rstrip("0123456789") == axis) or [axis]
        for name in names:
            merge(self.layout.setdefault(name, {}), expanded(props))
        return self

    def update_xaxes(self, row: int | None = None, col: int | None = None, **props) -> "Plot":
        return self._update_axes("xaxis", row, col, props)

    def update_yaxes(self, row: int | None = None, col: int | None = None, **props) -> "Plot":
        return self._update_axes("yaxis", row, col, props)

    def update_geos(self, **props) -> "Plot":
        merge(self.layout.setdefault("geo", {}), expanded(props))
        return self

    def figure(self) -> "Built":
        """The go.Figure Streamlit sends, made without plotly's checks (see the module's note)."""
        return Built(plain({"data": self.data, "layout": self.layout}))


@cache
def _default_template() -> dict:
    """The template go.Figure gives a figure that names none (plotly's default), as data."""
    return go.Figure().to_dict()["layout"]["template"]


class Built(go.Figure):
    """A finished figure, kept as the plain dicts its Plot gathered.

    Streamlit asks a figure only for to_dict(), on every run. Making plotly's object model and
    deep-copying it back into dicts was a third of a chart's cost a click (bench/clicks.py),
    for the same dicts: so a Built is those dicts, plus the template go.Figure would add, and
    its go.Figure side (fig.layout.title.text, as the tests read it) is set up only when some
    code first reads it. A built figure is never changed: views share it between sessions.
    """

    _setting_up = threading.RLock()

    def __init__(self, spec: dict) -> None:  # not go.Figure's __init__: see __getattr__
        self._spec = {"data": spec["data"], "layout": {**spec["layout"], "template": _default_template()}}

    def to_dict(self) -> dict:
        return self._spec

    def __getattr__(self, name: str):
        """The first read of anything plotly's own __init__ sets up (every property goes
        through such attributes) sets the figure up from the dicts, once."""
        if name.startswith("__") or name in ("_spec", "_set_up"):
            raise AttributeError(name)
        with Built._setting_up:
            if not self.__dict__.get("_set_up"):
                self._set_up = True  # before: plotly's __init__ may look for what it has not set yet
                go.Figure.__init__(self, self._spec, _validate=False)
        return object.__getattribute__(self, name)


def validated(fig: go.Figure) -> go.Figure:
    """The same figure through plotly's validators: raises on any property plotly does not know."""
    return go.Figure(fig.to_dict())
