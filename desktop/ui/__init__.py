"""The window: the only package that imports Qt (PySide6)."""

from desktop.ui._pyside_fix import apply as _apply_pyside_fix

_apply_pyside_fix()
