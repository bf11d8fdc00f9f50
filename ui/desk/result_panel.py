"""The big coloured answer the facilitator (and the person at the door) sees after a scan."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from facilitator_app.i18n import _
from facilitator_app.services.checkin import CheckinResult, Outcome

# background, symbol, sound — each outcome looks and sounds different
STYLES: dict[Outcome, tuple[str, str, str]] = {
    Outcome.ADMITTED: ("#15803d", "✔", "ok"),
    Outcome.ALREADY_IN: ("#1d4ed8", "↺", "info"),
    Outcome.CHECKED_OUT: ("#475569", "⇥", "info"),
    Outcome.NOT_REGISTERED: ("#b45309", "✋", "error"),
    Outcome.REVOKED: ("#7e22ce", "⊘", "error"),
    Outcome.UNKNOWN: ("#374151", "?", "error"),
    Outcome.FORGED: ("#b91c1c", "✖", "error"),
}


class ResultPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultPanel")
        self.setMinimumHeight(200)
        layout = QVBoxLayout(self)
        self.symbol = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.name = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.words = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.symbol.setObjectName("resultSymbol")
        self.name.setObjectName("resultName")
        self.words.setObjectName("resultWords")
        for label in (self.symbol, self.name, self.words):
            layout.addWidget(label)
        self.outcome: Outcome | None = None
        self.show_waiting()

    def show_waiting(self) -> None:
        self.outcome = None
        self._paint("#e5e7eb", "#1f2937")
        self.symbol.setText("▣")
        self.name.setText(_("Ready"))
        self.words.setText(_("Scan a badge, or search a name below."))

    def show_result(self, result: CheckinResult) -> str:
        """Show the outcome; returns the sound to play."""
        self.outcome = result.outcome
        colour, symbol, sound = STYLES[result.outcome]
        self._paint(colour, "#ffffff")
        self.symbol.setText(symbol)
        self.name.setText(result.attendee.name if result.attendee else "")
        self.words.setText(result.words())
        return sound

    def show_note(self, title: str, text: str) -> None:
        self.outcome = None
        self._paint("#475569", "#ffffff")
        self.symbol.setText("↶")
        self.name.setText(title)
        self.words.setText(text)

    def _paint(self, background: str, foreground: str) -> None:
        self.setStyleSheet(
            f"QFrame#resultPanel {{ background: {background}; border-radius: 10px; }}"
            f"QLabel {{ color: {foreground}; }}"
            "QLabel#resultSymbol { font-size: 40pt; }"
            "QLabel#resultName { font-size: 28pt; font-weight: 700; }"
            "QLabel#resultWords { font-size: 16pt; }")
