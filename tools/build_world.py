"""Build ``dashboard/data/world.geojson``, the country shapes the Map page draws.

Run once (the result is committed; nothing is fetched when the dashboard runs):

    pip download --no-deps geopandas==0.14.4 -d /tmp/wheels   # a registry package
    pip install pyshp==3.1.6                                   # reads the shapefile
    python tools/build_world.py /tmp/wheels/geopandas-0.14.4-py3-none-any.whl

The source is Natural Earth's 1:110m Admin 0 countries (public domain), as shipped inside
the geopandas 0.14.4 wheel (``geopandas/datasets/naturalearth_lowres``, 177 countries;
geopandas dropped the file in 1.0). Each feature's ``id`` is its ISO 3166-1 alpha-3 code
(Kosovo, ``-99`` there, becomes ``XKX``, the code the EU and IMF use; Northern Cyprus and
Somaliland keep Natural Earth's ``CYN`` and ``SOL``), with the country's ``name`` (Natural
Earth's short name, abbreviations spelled out). Coordinates are rounded to 0.01 degree
(about 1 km, finer than the 1:110m drawing) and repeated points dropped; rings keep the
shapefile's orientation (outer rings clockwise), which is what d3-geo, and so plotly.js,
expects.
"""

from __future__ import annotations

import argparse
import io
import json
import zipfile
from pathlib import Path

import shapefile  # pyshp

OUT = Path(__file__).resolve().parent.parent / "dashboard" / "data" / "world.geojson"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
CODES = {"Kosovo": "XKX"}
NAMES = {
    "W. Sahara": "Western Sahara", "Dem. Rep. Congo": "Democratic Republic of the Congo",
    "Dominican Rep.": "Dominican Republic", "Falkland Is.": "Falkland Islands",
    "Fr. S. Antarctic Lands": "French Southern and Antarctic Lands",
    "Central African Rep.": "Central African Republic", "Eq. Guinea": "Equatorial Guinea",
    "Solomon Is.": "Solomon Islands", "N. Cyprus": "Northern Cyprus",
    "Bosnia and Herz.": "Bosnia and Herzegovina", "S. Sudan": "South Sudan",
    "eSwatini": "Eswatini",
}
DIGITS = 2


def _ring(points: list[list[float]]) -> list[list[float]] | None:
    """The ring rounded, without repeated points; None when it collapses."""
    out: list[list[float]] = []
    for x, y in points:
        p = [round(x, DIGITS), round(y, DIGITS)]
        if not out or p != out[-1]:
            out.append(p)
    if len(out) < 4:
        return None
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def _geometry(shape: shapefile.Shape) -> dict | None:
    geo = shape.__geo_interface__
    polygons = [geo["coordinates"]] if geo["type"] == "Polygon" else geo["coordinates"]
    kept = []
    for polygon in polygons:
        rings = [_ring([list(p) for p in ring]) for ring in polygon]
        if rings[0] is None:
            continue
        kept.append([r for r in rings if r is not None])
    if not kept:
        return None
    if len(kept) == 1:
        return {"type": "Polygon", "coordinates": kept[0]}
    return {"type": "MultiPolygon", "coordinates": kept}


def build(wheel: Path) -> dict:
    """The FeatureCollection from the shapefile inside the geopandas wheel."""
    with zipfile.ZipFile(wheel) as z:
        parts = {ext: io.BytesIO(z.read(f"{MEMBER}.{ext}")) for ext in ("shp", "shx", "dbf")}
        encoding = z.read(f"{MEMBER}.cpg").decode("ascii").strip()  # the .dbf's code page
    reader = shapefile.Reader(**parts, encoding=encoding)
    features = []
    for record, shape in zip(reader.records(), reader.shapes(), strict=True):
        name = record["name"]
        code = CODES.get(name, record["iso_a3"])
        geometry = _geometry(shape)
        if geometry is None:
            continue
        features.append({"type": "Feature", "id": code,
                         "properties": {"name": NAMES.get(name, name)},
                         "geometry": geometry})
    features.sort(key=lambda f: f["id"])
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", type=Path, help="geopandas-0.14.4-py3-none-any.whl")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    collection = build(args.wheel)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(collection['features'])} countries, "
          f"{args.out.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
