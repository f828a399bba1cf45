"""The staff app: the fund's staff upload their records, read every problem, preview what
would change, publish a release and roll back. Separate from the public dashboard and never
linked from it; behind a password in Streamlit's secrets (docs/staff.md).

    streamlit run admin.py --server.port 8502
"""

from fitjp.staff.app import main

main()
