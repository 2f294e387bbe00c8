"""A page's drawing behind one guard: any failure is a short Swedish message on the page, never a traceback."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable

import streamlit as st

from assistant.errors import AssistantError

log = logging.getLogger(__name__)

TABLES_DAMAGED = (
    "Tabellerna ur dokumenten kunde inte läsas; filen med tabellerna i indexet verkar skadad. "
    "Be förvaltaren bygga om indexet med `assistant ingest --force`."
)
PAGE_FAILED = "Sidan kunde inte visas just nu. Försök igen om en stund eller kontakta förvaltaren."


def render_safely(draw: Callable[[], None], page: str) -> None:
    """Run a page's drawing; any failure is a short Swedish message on the page, the details go to the log.

    Streamlit's own st.stop() and reruns are BaseExceptions and pass through.
    """
    try:
        draw()
    except AssistantError as exc:
        log.error("%s page failed: %s", page, exc.cause)
        st.error(exc.user_message)
    except sqlite3.Error:
        log.exception("%s page: the tables could not be read", page)
        st.error(TABLES_DAMAGED)
    except Exception:  # noqa: BLE001 - the user gets a short message, the log the traceback
        log.exception("%s page failed", page)
        st.error(PAGE_FAILED)
