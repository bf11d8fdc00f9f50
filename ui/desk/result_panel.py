"""The big coloured answer the facilitator (and the person at the door) sees after a scan.

The top line holds a drawn icon and the outcome's headline words, refusals included; the
name comes under it, as large as fits; a small line says more. The same outcome twice in
a row shows a count and flashes, so a second scan visibly happened.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from facilitator_app.i18n import _
from facilitator_app.services.checkin import CheckinResult, Outcome
from ui.desk.icons import Icon, IconView

# background, icon, sound: each outcome looks and sounds different
STYLES: dict[Outcome, tuple[str, Icon, str]] = {
    Outcome.ADMITTED: ("#15803d", Icon.CHECK, "ok"),
    Outcome.ALREADY_IN: ("#1d4ed8", Icon.CLOCK, "info"),
    Outcome.CHECKED_OUT: ("#475569", Icon.EXIT, "info"),
    Outcome.NOT_IN: ("#0e7490", Icon.NOT_IN, "info"),
    Outcome.NOT_REGISTERED: ("#b45309", Icon.HAND, "error"),
    Outcome.REVOKED: ("#7e22ce", Icon.BADGE_OFF, "error"),
    Outcome.UNKNOWN: ("#374151", Icon.QUESTION, "error"),
    Outcome.FORGED: ("#b91c1c", Icon.CROSS, "error"),
}
NOTE_COLOUR = "#475569"
WAITING = ("#e5e7eb", "#1f2937")
FLASH_MS = 260

# pixel sizes: (headline, name, detail, icon side); the door's name is >= 48 px at 1366x768
SIZES = {False: (34, 40, 18, 56), True: (60, 84, 28, 92)}
MIN_NAME_PX = {False: 24, True: 48}


class ResultPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultPanel")
        self.setMinimumHeight(200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.icon = IconView()
        self.headline = self._label("resultHeadline", Qt.AlignmentFlag.AlignLeft)
        self.repeat = self._label("resultRepeat", Qt.AlignmentFlag.AlignRight)
        self.name = self._label("resultName", Qt.AlignmentFlag.AlignCenter)
        self.words = self._label("resultWords", Qt.AlignmentFlag.AlignCenter)
        top = QHBoxLayout()
        top.addWidget(self.icon)
        top.addWidget(self.headline, stretch=1)
        top.addWidget(self.repeat)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addStretch(1)
        layout.addWidget(self.name)
        layout.addWidget(self.words)
        layout.addStretch(1)
        self.door = False
        self.outcome: Outcome | None = None
        self.last_key: tuple | None = None
        self.repeats = 1
        self.colours = WAITING
        self.flash_timer = QTimer(self, singleShot=True, interval=FLASH_MS)
        self.flash_timer.timeout.connect(lambda: self._paint(*self.colours))
        self.set_door_mode(False)
        self.show_waiting()

    def _label(self, name: str, alignment: Qt.AlignmentFlag) -> QLabel:
        label = QLabel(alignment=alignment | Qt.AlignmentFlag.AlignVCenter, wordWrap=True)
        label.setObjectName(name)
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        return label

    def set_door_mode(self, door: bool) -> None:
        """Door mode: everything large enough to read from three metres."""
        self.door = door
        headline, _name, detail, icon = SIZES[door]
        for label, size in ((self.headline, headline), (self.repeat, headline),
                            (self.words, detail)):
            label.setFont(_font(size, label is not self.words))
        self.repeat.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.icon.set_side(icon)
        self._fit_name()

    def show_waiting(self) -> None:
        self.outcome, self.last_key, self.repeats = None, None, 1
        self._show(WAITING, Icon.READY, _("Ready"), "",
                   _("Scan a badge, or search a name below."))

    def show_result(self, result: CheckinResult) -> str:
        """Show the outcome; returns the sound to play."""
        colour, icon, sound = STYLES[result.outcome]
        key = (result.outcome, result.attendee.id if result.attendee else None)
        self.repeats = self.repeats + 1 if key == self.last_key else 1
        self.outcome, self.last_key = result.outcome, key
        self._show((colour, "#ffffff"), icon, result.headline(),
                   result.attendee.name if result.attendee else "", result.detail())
        return sound

    def show_note(self, title: str, text: str, name: str = "", icon: Icon = Icon.UNDO) -> None:
        """Something that is not a scan's outcome (undo, nobody found, a refusal to act)."""
        self.outcome, self.last_key, self.repeats = None, None, 1
        self._show((NOTE_COLOUR, "#ffffff"), icon, title, name, text)

    def _show(self, colours: tuple[str, str], icon: Icon, headline: str, name: str,
              detail: str) -> None:
        self.colours = colours
        self.icon.show_icon(icon, colours[1])
        self.headline.setText(headline)
        self.name.setText(name)
        self.name.setVisible(bool(name))
        self.words.setText(detail)
        self.repeat.setText(_("×{n}").format(n=self.repeats) if self.repeats > 1 else "")
        self._fit_name()
        if colours == WAITING:
            self._paint(*colours)
            return
        self._paint(QColor(colours[0]).lighter(150).name(), colours[1])
        self.flash_timer.start()  # every answer flashes: a new one never looks unchanged

    @property
    def flashing(self) -> bool:
        return self.flash_timer.isActive()

    def _fit_name(self) -> None:
        """The name as large as fits on two lines, never below the mode's minimum."""
        largest, smallest = SIZES[self.door][1], MIN_NAME_PX[self.door]
        width = max(self.width() - 40, 200)
        size = largest
        while size > smallest and QFontMetrics(_font(size, True)).horizontalAdvance(
                self.name.text()) > 2 * width * 0.9:
            size -= 4
        self.name.setFont(_font(max(size, smallest), True))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_name()

    def _paint(self, background: str, foreground: str) -> None:
        self.icon.show_icon(self.icon.icon, foreground)
        self.setStyleSheet(
            f"QFrame#resultPanel {{ background: {background}; border-radius: 10px; }}"
            f"QLabel {{ color: {foreground}; background: transparent; }}")


def _font(pixels: int, bold: bool) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font
