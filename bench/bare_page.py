"""The bare page the browser timings compare with: a title and one Plotly bar chart of 39
years, no data, no sidebar. `python -m bench` starts it with streamlit itself."""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="bare", layout="wide")
st.title("One chart")
years = list(range(1987, 2026))
st.plotly_chart(go.Figure(go.Bar(x=years, y=[year % 7 + 1 for year in years])), config={"displaylogo": False})
