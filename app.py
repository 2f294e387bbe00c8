"""Nära vård-assistenten in the browser: `streamlit run app.py`. Pages live in app_pages/."""

import logging

import streamlit as st

from assistant.ui import focus, login, resources, swedish

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
logging.getLogger("bm25s").setLevel(logging.WARNING)

st.set_page_config(page_title="Nära vård-assistenten", page_icon="🩺", layout="wide")
# The page is Swedish (WCAG 3.1.1), Streamlit's own labels included: screen readers read it in Swedish.
swedish.swedish_page()
focus.visible_focus()  # keyboard focus visible on links, the chat input and select boxes too (WCAG 2.4.7)
# With [auth] in .streamlit/secrets.toml only a logged-in user gets past this line (the login page stops here).
login.require_login()

pages = [
    st.Page("app_pages/chat.py", title="Fråga", icon=":material/chat:", url_path="fraga", default=True),
    st.Page("app_pages/indicators.py", title="Indikatorer", icon=":material/monitoring:", url_path="indikatorer"),
    st.Page("app_pages/initiatives.py", title="Satsningar", icon=":material/timeline:", url_path="satsningar"),
    st.Page("app_pages/documents.py", title="Dokument", icon=":material/description:", url_path="dokument"),
    st.Page("app_pages/document.py", title="Läs dokument", icon=":material/menu_book:", url_path="las"),
]
# Drawn after the page (which may first wait for the keyword-only build) but shown above it.
build_notice = st.container()
st.navigation(pages).run()
with build_notice:
    resources.show_build_notice(resources.current_settings())
