"""The Indikatorer page: the indicator library's measures, searchable, one measure's full definition."""

from __future__ import annotations

import streamlit as st

from . import resources

NOT_AVAILABLE = "Indikatorbiblioteket som tabell finns inte i den här versionen av assistenten ännu."


def render() -> None:
    st.title("Indikatorer")
    assistant = resources.open_assistant(resources.current_settings())
    if getattr(assistant, "tables", None) is None:
        st.info(NOT_AVAILABLE)
        return
