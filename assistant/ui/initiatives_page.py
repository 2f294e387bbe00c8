"""The Satsningar page: the roadmap's initiatives, filtered by status and insatsområde, on a timeline."""

from __future__ import annotations

import streamlit as st

from . import resources

NOT_AVAILABLE = "Satsningarna som tabell finns inte i den här versionen av assistenten ännu."


def render() -> None:
    st.title("Satsningar")
    assistant = resources.open_assistant(resources.current_settings())
    if getattr(assistant, "tables", None) is None:
        st.info(NOT_AVAILABLE)
        return
