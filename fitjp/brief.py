"""A one-page country brief as a self-contained HTML file: key figures, a map inset, the
activities with their sources, the data date. Pure: no Streamlit. Every text that comes
from data is escaped, so a title cannot inject markup."""

from __future__ import annotations

import base64
import json
import math
from functools import cache, lru_cache
from html import escape
from pathlib import Path

from fitjp.text import safe_url

STATIC = Path(__file__).resolve().parent.parent / "static"
WIDTH, HEIGHT = 360, 240


@cache
def _topology(name: str = "world_50m.json") -> dict:
    return json.loads((STATIC / name).read_text(encoding="utf-8"))


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute longitude/latitude points of every arc (topojson stores scaled deltas)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _rings(geometry: dict, arcs: list) -> list[list[tuple[float, float]]]:
    polygons = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}
    rings = []
    for polygon in polygons.get(geometry.get("type"), []):
        for ring in polygon:
            points = []
            for index in ring:
                points += arcs[index] if index >= 0 else arcs[~index][::-1]
            rings.append(points)
    return rings


HIGHLIGHT = 'fill="#0072B2" stroke="#003f63" stroke-width="0.8"'
# Where the country is, without the colour that says "activities here": its neighbours' grey
# with a dark outline.
OUTLINE = 'fill="#e6e6e6" stroke="#1f1f1f" stroke-width="1.2"'


@lru_cache(maxsize=512)  # pure of its arguments and the static map: built once a country, not a rerun (60 ms)
def map_inset_svg(iso3: str, highlighted: bool = True) -> str:
    """An SVG map of the country (highlighted, or only outlined) among its neighbours, from
    the same Natural Earth topojson the dashboard's maps use. Empty when the map has no such
    country."""
    topology = _topology()
    arcs = _arcs(topology)
    shapes = {g.get("id"): _rings(g, arcs) for g in topology["objects"]["countries"]["geometries"]}
    target = shapes.get(iso3)
    if not target:
        return ""
    lons = [p[0] for ring in target for p in ring]
    lats = [p[1] for ring in target for p in ring]
    if max(lons) - min(lons) > 180:  # crosses the antimeridian (e.g. Fiji): keep the larger side
        lons = [lon for lon in lons if lon > 0] or lons
    margin = max(max(lons) - min(lons), max(lats) - min(lats), 4) * 0.6
    west, east = min(lons) - margin, max(lons) + margin
    south, north = max(min(lats) - margin, -85), min(max(lats) + margin, 85)
    squeeze = math.cos(math.radians((north + south) / 2))
    scale = min(WIDTH / ((east - west) * squeeze), HEIGHT / (north - south))

    def path(rings) -> str:
        parts = []
        for ring in rings:
            points = [((lon - west) * squeeze * scale, (north - lat) * scale) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
        return "".join(parts)

    def in_view(rings) -> bool:
        return any(west <= lon <= east and south <= lat <= north for ring in rings for lon, lat in ring[::4])

    neighbours = "".join(f'<path d="{path(rings)}"/>' for code, rings in shapes.items()
                         if code != iso3 and in_view(rings))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
            f'height="{HEIGHT}" role="img" aria-label="{escape(iso3)}">'
            f'<rect width="100%" height="100%" fill="#eaf2f8"/>'
            f'<g fill="#e6e6e6" stroke="#ffffff" stroke-width="0.5">{neighbours}</g>'
            f'<path d="{path(target)}" {HIGHLIGHT if highlighted else OUTLINE}/></svg>')


# The brief is a sheet of paper on every theme: light on purpose, with its own dark text, so
# it reads the same on screen, in dark mode (its text once read 1.09:1 there) and in print.
STYLE = """
.brief { font-family: "Source Sans Pro", Arial, "Noto Sans CJK JP", sans-serif; color: #1f1f1f; font-size: 10pt;
         background: #ffffff; padding: 12pt; border-radius: 4pt; }
.brief h1 { color: #1f1f1f; } .brief th, .brief td { color: #1f1f1f; }
@media print { .brief { padding: 0; } }
.brief h1 { font-size: 18pt; margin: 0 0 2pt; padding: 0; } .brief .sub { color: #555; margin-bottom: 8pt; }
.brief .top { display: flex; gap: 12pt; align-items: flex-start; }
.brief .side { flex: 1; } .brief .figs { display: grid; grid-template-columns: 1fr 1fr; gap: 6pt; }
.brief .results { color: #555; font-size: 8pt; margin-top: 6pt; }
.brief .fig { border: 1px solid #ccc; border-radius: 4pt; padding: 6pt; }
.brief .v { font-size: 16pt; font-weight: 600; } .brief .v.words { font-size: 12pt; } .brief .k { color: #555; }
.brief table { border-collapse: collapse; width: 100%; margin-top: 8pt; font-size: 8.5pt; }
.brief th, .brief td { text-align: left; border-bottom: 1px solid #ddd; padding: 2pt 4pt; vertical-align: top; }
.brief a { color: #0057a3; } .brief .foot { color: #555; font-size: 8pt; margin-top: 6pt; }
.brief .none { font-size: 11pt; margin-top: 10pt; padding: 8pt; border: 1px solid #ccc; border-radius: 4pt; }
"""


def map_inset_img(iso3: str, alt: str, highlighted: bool = True) -> str:
    """The map inset as an <img> with the SVG inline as a data URI: it survives HTML
    sanitizers that drop <svg> (Streamlit's st.html does) and needs no file beside it."""
    svg = map_inset_svg(iso3, highlighted)
    if not svg:
        return ""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img class="inset" src="data:image/svg+xml;base64,{data}" alt="{escape(alt)}" width="{WIDTH}">'


def brief_fragment(iso3: str, title: str, subtitle: str, figures: list[tuple[str, str]],
                   activities: list[dict], labels: dict[str, str]) -> str:
    """The brief's markup with its own scoped style. `activities` rows carry year, title,
    kind, source_title and source_url; `labels` holds the interface words, `none` the
    sentence a brief without activities says instead of an empty table (its country is then
    outlined on the map, not coloured as a country with activities is), and `results` what it
    says of the country's results."""
    # a figure in words (the LDC status) at a smaller size than a number: "No es un país menos
    # adelantado (PMA)" at 16pt took four lines and pushed a Spanish brief onto a second sheet
    figure_cells = "".join(f"<div class='fig'><div class='v{'' if _is_number(value) else ' words'}'>{escape(value)}</div>"
                           f"<div class='k'>{escape(name)}</div></div>" for name, value in figures)
    rows = "".join(
        f"<tr><td>{escape(str(a['year'] or ''))}</td><td>{escape(a['title'])}</td><td>{escape(a['kind'])}</td>"
        f"<td><a href=\"{escape(safe_url(a['source_url']) or '')}\">{escape(a['source_title'])}</a></td></tr>"
        for a in activities)
    if activities:
        listing = (f"<table><thead><tr><th>{escape(labels['year'])}</th><th>{escape(labels['title'])}</th>"
                   f"<th>{escape(labels['type'])}</th><th>{escape(labels['source'])}</th></tr></thead>"
                   f"<tbody>{rows}</tbody></table><div class='foot'>{escape(labels['footer'])}</div>")
    else:
        listing = f"<p class='none'>{escape(labels['none'])}</p>"
    # where the country's results are, or why the brief has none: under the figures, beside
    # the taller map, where a full A4 sheet still has room
    results = f"<div class='results'>{escape(labels['results'])}</div>" if labels.get("results") else ""
    return (f"<style>{STYLE}</style><div class='brief'><h1>{escape(title)}</h1>"
            f"<div class='sub'>{escape(subtitle)}</div>"
            f"<div class='top'><div class='side'><div class='figs'>{figure_cells}</div>{results}</div>"
            f"{map_inset_img(iso3, title, highlighted=bool(activities))}</div>{listing}</div>")


def _is_number(value: str) -> bool:
    return not any(character.isalpha() for character in value)


def brief_document(fragment: str, title: str, lang: str) -> str:
    """The brief as a file of its own that prints on one A4 sheet."""
    return (f"<!doctype html><html lang=\"{escape(lang)}\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(title)}</title><style>@page {{ size: A4; margin: 12mm; }} body {{ margin: 0; }}"
            f"</style></head><body>{fragment}</body></html>")
