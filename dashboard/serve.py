"""themewatch's server: ``streamlit run dashboard/serve.py`` (what ``make run`` starts).

The dashboard is ``app.py``; this file serves it through ``st.App`` with the password gate
(``dashboard/gate.py``) in front of every endpoint, so uploads, downloads, the websocket and
component files answer only signed-in visitors when a password is set, and Streamlit's
``/_stcore/metrics`` is never exposed. Without a password the gate only closes the metrics.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware
from streamlit import config

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard.gate import Gate  # noqa: E402

if not (Path.cwd() / ".streamlit" / "config.toml").is_file():
    # Streamlit reads its settings from the folder it starts in: elsewhere the upload
    # limit, XSRF protection and the map's static files silently fall back to defaults
    print(f"themewatch: started outside {ROOT}, so {ROOT / '.streamlit' / 'config.toml'} "
          "is not read (20 MB upload limit, XSRF protection, offline map). Start the "
          "server from the repository folder, as 'make run' does.", file=sys.stderr)

app = st.App(Path(__file__).with_name("app.py"),
             middleware=[Middleware(Gate, base=config.get_option("server.baseUrlPath") or "")])

if __name__ == "__main__":
    app.run()
