"""The public site: the dashboard (dashboard.py) and its data URLs, one server.

    streamlit run app.py

/data/<table>.csv, .json and .parquet, and /data/datapackage.json, are the live release's
open data files (fitjp/opendata.py), at addresses that stay the same from release to release.
deploy/ serves the same files through nginx.

Every response carries the security headers (Content-Security-Policy, its frame-ancestors from
FITJP_EMBED_ORIGINS; nosniff; Referrer-Policy), and Streamlit's file uploads and metrics are
refused (fitjp/web.py's Hardening): the same as deploy/'s nginx answers in front of it.
"""

import streamlit as st
from starlette.middleware import Middleware
from starlette.routing import Route

from fitjp.web import Hardening, data_file

app = st.App("dashboard.py", routes=[Route("/data/{name}", data_file, methods=["GET", "HEAD"])],
             middleware=[Middleware(Hardening)])
