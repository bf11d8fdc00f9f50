"""The one place an export's sensitivity label (facilitator_app.sensitivity) goes into the
file: PDF document properties (subject and keywords) and XLSX core properties (category and
keywords). The code ("confidential") is for machines, the words for people."""

from __future__ import annotations

from typing import Any

from facilitator_app.sensitivity import label_of, label_words
from facilitator_app.wording import Gettext

KEYWORD = "sensitivity:{label}"


def pdf_properties(kind: str, gettext: Gettext | None = None, *,
                   names_people: bool = False) -> dict[str, Any]:
    """`subject` and `keywords` for a reportlab doc template (or `mark_canvas`)."""
    label = label_of(kind, names_people=names_people)
    return {"subject": label_words(label, gettext),
            "keywords": ["CREANDO Desk", KEYWORD.format(label=label)]}


def mark_canvas(canvas: Any, kind: str, gettext: Gettext | None = None, *,
                names_people: bool = False) -> None:
    """The label on a reportlab canvas's properties."""
    found = pdf_properties(kind, gettext, names_people=names_people)
    canvas.setSubject(found["subject"])
    canvas.setKeywords(found["keywords"])


def mark_workbook(book: Any, kind: str, gettext: Gettext | None = None, *,
                  names_people: bool = False) -> str:
    """The label in an openpyxl workbook's core properties; returns its words (for a
    visible footer line)."""
    label = label_of(kind, names_people=names_people)
    words = label_words(label, gettext)
    book.properties.category = label
    book.properties.keywords = f"{KEYWORD.format(label=label)}; {words}"
    book.properties.subject = words
    return words
