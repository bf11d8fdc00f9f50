"""What a person reads on a window, widget by widget, and the catalogue's strings of each
language: for tests that switch the language and look for words of the other one."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from facilitator_app.catalogue import extract, read_catalog

PLACEHOLDER = re.compile(r"\{[a-z_]*\}")
MAX_ROWS = 200  # of a table or list: enough to see every kind of line


def _plain(text: str) -> str:
    if GuiQt.mightBeRichText(text):
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def _item_view(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    root = QModelIndex()
    try:
        columns = model.columnCount(root)
    except TypeError:  # a list model keeps it private: one column
        columns = 1
    found = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
    for row in range(min(model.rowCount(root), MAX_ROWS)):
        for column in range(columns):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(model.index(row, column), role)
                if isinstance(value, str):
                    found.append(value)
    return found


def widget_texts(widget: QWidget) -> list[str]:
    """The texts one widget shows (and its tooltip)."""
    found = [widget.toolTip()]
    if isinstance(widget, QLabel):
        found.append(_plain(widget.text()))
    elif isinstance(widget, QAbstractButton):
        found.append(widget.text())
        menu = getattr(widget, "menu", lambda: None)()
        if menu is not None:
            found += [action.text() for action in menu.actions()]
    elif isinstance(widget, QGroupBox):
        found.append(widget.title())
    elif isinstance(widget, QLineEdit):
        found += [widget.text(), widget.placeholderText()]
    elif isinstance(widget, QAbstractSpinBox):
        found += [getattr(widget, "prefix", str)(), getattr(widget, "suffix", str)(),
                  widget.specialValueText()]
    elif isinstance(widget, QComboBox):
        found += [widget.itemText(i) for i in range(widget.count())]
    elif isinstance(widget, QTextEdit | QPlainTextEdit):
        found += [widget.toPlainText(), widget.placeholderText()]
    elif isinstance(widget, QTabBar):
        found += [widget.tabText(i) for i in range(widget.count())]
    elif isinstance(widget, QAbstractItemView):
        found += _item_view(widget)
    if widget.isWindow():
        found.append(widget.windowTitle())
    if isinstance(widget, QMainWindow):
        found += [action.text() for action in widget.menuBar().actions()]
        for action in widget.menuBar().actions():
            if action.menu():
                found += [a.text() for a in action.menu().actions()]
        found.append(widget.statusBar().currentMessage())
    return found


def visible_texts(root: QWidget) -> set[str]:
    """Every line of text on `root` and its visible descendants, trimmed. A widget that
    shows a message in its readers' language (property `contentLanguage`, e.g. a WhatsApp
    text in the workshop's language) says so, and its text is content, not the app's."""
    widgets = [root, *(w for w in root.findChildren(QWidget) if w.isVisible())]
    widgets = [w for w in widgets if not w.property("contentLanguage")]
    lines = set()
    for widget in widgets:
        for text in widget_texts(widget):
            for line in text.replace("\u2029", "\n").splitlines():
                line = line.strip().lstrip("•").strip()
                if line:
                    lines.add(line)
                    lines.add(line.replace("&", ""))  # menu mnemonics
    return lines


@dataclass
class Language:
    """The catalogue's strings of one language that the other language says otherwise."""

    exact: set[str]
    patterns: list[re.Pattern]

    def found_in(self, texts: set[str]) -> list[str]:
        return sorted(t for t in texts if t in self.exact or any(
            p.fullmatch(t) for p in self.patterns))


def _pattern(text: str) -> re.Pattern | None:
    """A template with placeholders as a pattern, when its words are enough to tell."""
    words = PLACEHOLDER.sub(" ", text)
    if len(re.sub(r"[^A-Za-zÀ-ÿ]", "", words)) < 8:
        return None
    parts = PLACEHOLDER.split(text)
    return re.compile("(?s)" + ".+?".join(re.escape(part) for part in parts))


def languages() -> tuple[Language, Language]:
    """(English source strings whose Spanish differs, Spanish ones whose English differs)."""
    used = {m.id if isinstance(m.id, str) else m.id[0] for m in extract() if m.id}
    english, spanish = set(), set()
    for message in read_catalog("es"):
        if not message.id or not message.string:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        if ids[0] not in used:
            continue
        for source, translated in zip(ids, strings, strict=False):
            if source.strip() != translated.strip():
                english.add(source)
                spanish.add(translated)
    return _language(english), _language(spanish)


def _language(strings: set[str]) -> Language:
    lines = {line.strip().lstrip("•").strip() for text in strings for line in text.splitlines()}
    exact = {line.replace("&", "") for line in lines if line and not PLACEHOLDER.search(line)}
    exact |= {line for line in lines if line and not PLACEHOLDER.search(line)}
    patterns = [p for p in (_pattern(line) for line in lines if PLACEHOLDER.search(line)) if p]
    return Language({t for t in exact if len(t) > 1}, patterns)
