"""The README stays true: its table of columns is the code's, every command-line flag and
make target it should mention is there."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import metrics
from metrics import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
MAKEFILE = (Path(__file__).resolve().parents[1] / "Makefile").read_text(encoding="utf-8")


def _top_level_names(cell: str) -> list[str]:
    """The `backticked` names of a table cell outside parentheses (the column names; the
    parentheses explain them)."""
    names, depth, i = [], 0, 0
    while i < len(cell):
        ch = cell[i]
        if ch == "`":
            end = cell.index("`", i + 1)
            if depth == 0:
                names.append(cell[i + 1:end])
            i = end + 1
            continue
        depth += {"(": 1, ")": -1}.get(ch, 0)
        i += 1
    return names


def readme_tables() -> dict[str, list[str]]:
    """table name -> columns, from the README's "| table | columns |" table."""
    section = README.split("## The tables", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        m = re.match(r"\| `(\w+)` \| (.*) \|$", line)
        if m:
            rows[m.group(1)] = _top_level_names(m.group(2))
    return rows


def test_the_readme_table_of_columns_is_the_code() -> None:
    assert readme_tables() == {name: list(cols) for name, cols in metrics.COLUMNS.items()}


def _flags(parser: argparse.ArgumentParser) -> dict[str, set[str]]:
    subs = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {name: {s for a in sub._actions for s in a.option_strings
                   if s.startswith("--") and s != "--help"}
            for name, sub in subs.choices.items()}


def test_every_command_and_flag_is_documented() -> None:
    for command, flags in _flags(cli.build_parser()).items():
        assert f"themewatch {command}" in README, command
        missing = sorted(f for f in flags if f"`{f}" not in README and f"{f} " not in README)
        assert not missing, f"themewatch {command}: undocumented {missing}"


def test_make_targets_in_the_readme_exist() -> None:
    targets = set(re.findall(r"^([a-z]+):", MAKEFILE, re.MULTILINE))
    mentioned = set(re.findall(r"`make (\w+)", README)) | set(
        re.findall(r"^make (\w+)", README, re.MULTILINE))
    assert {"run", "test"} <= mentioned
    assert mentioned <= targets, mentioned - targets


def test_the_readme_lists_every_dashboard_page() -> None:
    app = (Path(__file__).resolve().parents[1] / "dashboard" / "app.py").read_text("utf-8")
    titles = re.findall(r'st\.Page\("views/\w+\.py", title="([^"]+)"', app)
    section = README.split("## The dashboard", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^- \*\*(\w+)\*\*:", section, re.MULTILINE)
    assert listed == titles
    numbers = {6: "Six", 7: "Seven", 8: "Eight", 9: "Nine", 10: "Ten", 11: "Eleven",
               12: "Twelve"}
    assert f"{numbers[len(titles)]} pages" in section
