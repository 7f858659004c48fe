"""The Streamlit side of the library: the frame (`ramme`), URL-bound widgets (`url`) and reusable page
parts (`deler`), plus page sections per concept. The only modules outside the pages that call `st.`."""
