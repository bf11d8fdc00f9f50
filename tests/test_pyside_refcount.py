"""Regression guard for PySide6 6.12.0 on Python 3.11 (DESIGN.md section 6).

That build decremented None's reference count on every void method call, so a real app
aborted with "none_dealloc" after a few thousand calls. pyproject pins around it.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_do_not_drain_nones_refcount(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for number in range(20_000):
        label.setText(str(number))
        label.setEnabled(number % 2 == 0)
    after = sys.getrefcount(None)
    assert after >= before - 100, f"None refcount fell from {before} to {after}"
