"""``streamlit run benchmarks/floor/serve.py``: the floor app (``app.py``) served through
``st.App`` as ``dashboard/serve.py`` serves the dashboard (no password gate)."""

from pathlib import Path

import streamlit as st

app = st.App(Path(__file__).with_name("app.py"))

if __name__ == "__main__":
    app.run()
