"""The statistics' arithmetic and rules, one module per concept: pure functions, no Streamlit."""
