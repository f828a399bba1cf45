"""A load test of the served dashboard in Streamlit's own websocket protocol, run by Locust.

    python -m loadtest --users 40 --seconds 60 --think 2-10 --pids-file RUN_DIR/streamlit.pids

protocol.py speaks the protocol (one viewer's session), viewer.py is the Locust user (open a
page, then change filters with a think time), __main__.py runs Locust as a library for a
fixed time and reports errors, latency percentiles, throughput and each process's memory.
Loopback only: it refuses any other host.
"""
