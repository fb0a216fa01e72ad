"""Export: tables to CSV, Parquet, JSON or one ZIP, safe to open in a spreadsheet.

Document text is data. A text cell that starts with ``=``, ``+``, ``-``, ``@``, tab or
carriage return would be run as a formula by Excel, LibreOffice or Google Sheets (OWASP
"CSV injection"), so CSV output prefixes such cells with ``'``. Numeric columns stay numeric.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

FORMATS = ("csv", "parquet", "json")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """``value`` with a leading ``'`` when it is text a spreadsheet would execute."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text columns are neutralised; numbers are untouched."""
    out = frame.copy()
    for col in out.columns:
        column = out[col]
        if (pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column)
                or pd.api.types.is_datetime64_any_dtype(column)):
            continue
        if isinstance(column.dtype, pd.StringDtype):  # vectorised: few cells need a prefix
            risky = column.str.startswith(_FORMULA_START).fillna(False).to_numpy(bool)
            if risky.any():
                out.loc[risky, col] = "'" + column[risky]
        else:
            out[col] = column.map(safe_cell)
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """Injection-safe UTF-8 CSV of ``frame`` (no index); a column of dates is written as
    dates (2024-03-14), one with times of day as date and time (``ingested_at``: a feed
    polled every 15 minutes is read for its time)."""
    out = safe_frame(frame)
    for col in out.columns:
        column = out[col]
        if pd.api.types.is_datetime64_any_dtype(column):
            stamps = column.dropna()
            timed = bool((stamps != stamps.dt.normalize()).any())
            out[col] = column.dt.strftime("%Y-%m-%d %H:%M:%S" if timed else "%Y-%m-%d")
    return out.to_csv(index=False).encode("utf-8")


def write_tables(
    tables: Mapping[str, pd.DataFrame], out_dir: str | Path, fmt: str = "csv"
) -> list[Path]:
    """Write one file per table (``documents.csv``, ``figures.csv``...) into ``out_dir``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, frame in tables.items():
        path = out / f"{name}.{fmt}"
        if fmt == "csv":
            path.write_bytes(to_csv_bytes(frame))
        elif fmt == "parquet":
            frame.to_parquet(path, index=False)
        else:
            frame.to_json(path, orient="records", lines=False, date_format="iso", indent=1)
        paths.append(path)
    return paths


def zip_tables(tables: Mapping[str, pd.DataFrame], prefix: str = "") -> bytes:
    """All tables as injection-safe CSV files in one ZIP archive (bytes)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, frame in tables.items():
            zf.writestr(f"{prefix}{name}.csv", to_csv_bytes(frame))
    return buf.getvalue()
