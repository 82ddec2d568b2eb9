"""Article Lens: the pipeline and everything that is not drawing. Imports no Streamlit."""

__version__ = "0.1.0"
