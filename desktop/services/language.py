"""The handler's language for what the services write (generated titles, PDF, e-mail drafts): "en" or "nl"."""

from __future__ import annotations

import os

from desktop.services.library import Library

LANGUAGES = ("en", "nl")


def preferred_language(lib: Library) -> str:
    """The window's language: the preference when set, else the system's (LC_ALL, LC_MESSAGES, LANG) when we
    have it, else English."""
    if lib.prefs.language in LANGUAGES:
        return lib.prefs.language
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"
