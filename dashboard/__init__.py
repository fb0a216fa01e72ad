"""themewatch dashboard: the Streamlit app over the metrics tables."""
