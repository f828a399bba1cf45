"""The public site: the dashboard (dashboard.py) and its data URLs, one server.

    streamlit run app.py

/data/<table>.csv, .json and .parquet, and /data/datapackage.json, are the live release's
open data files (fitjp/opendata.py), at addresses that stay the same from release to release.
deploy/ serves the same files through nginx.
"""

import streamlit as st
from starlette.routing import Route

from fitjp.web import data_file

app = st.App("dashboard.py", routes=[Route("/data/{name}", data_file, methods=["GET", "HEAD"])])
