"""The Streamlit app's views: thin layers over the library that only lay out what it returns."""
