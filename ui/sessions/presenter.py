"""The presenter screen for the projector or a screen-share: large type, the module's key
points, the timer, "paused" and what comes next, and resource links as QR codes people
scan with their phones.

It takes the runner's keys while it has the focus, as presentation clickers send them:
PageDown, Right, Ctrl+Right (next), PageUp, Left, Ctrl+Left (previous), Space (pause or
go on), B or "." (a black screen, and again to come back), F11 (full screen), Esc (close).

"Phone share" is a layout for a screen share people watch on a phone (Zoom sends
640x360): very large type, high contrast, no QR codes, at most two key points a page; the
clicker turns the pages before it moves to the next module.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPixmap, QScreen
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from facilitator_app import APP_NAME
from facilitator_app.decks.model import Module
from facilitator_app.i18n import _
from ui.sessions.qr_image import qr_image

MAX_QR = 3
PHONE_POINTS = 2  # key points per page in phone share
NEXT_KEYS = (Qt.Key.Key_PageDown, Qt.Key.Key_Right)  # alone or with Ctrl
PREVIOUS_KEYS = (Qt.Key.Key_PageUp, Qt.Key.Key_Left)
BLACK_KEYS = (Qt.Key.Key_B, Qt.Key.Key_Period)
# font sizes as shares of the window's height: (title, points, timer, small line)
NORMAL_SCALE = (0.075, 0.055, 0.11, 0.035)
PHONE_SCALE = (0.115, 0.095, 0.13, 0.065)
AMBER = "#fbbf24"


class PresenterWindow(QWidget):
    next_requested = Signal()
    previous_requested = Signal()
    toggle_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presenter")
        self.setStyleSheet("QWidget#presenter { background: #0b1020; } "
                           "QLabel { color: white; } QLabel#presenterNext { color: #cbd5e1; }")
        self.module: Module | None = None
        self.is_break = False
        self.title_text = ""
        self.page = 0
        self.phone_mode = False
        self._build()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.resize(1280, 720)
        self.retranslate()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = QLabel(wordWrap=True)
        self.title.setObjectName("presenterTitle")
        self.timer = QLabel(alignment=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.timer.setObjectName("presenterTimer")
        top.addWidget(self.title, stretch=1)
        top.addWidget(self.timer)
        self.points = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignTop)
        self.points.setObjectName("presenterPoints")
        self.codes = QGridLayout()
        bottom = QHBoxLayout()
        self.state = QLabel()
        self.state.setObjectName("presenterState")
        self._colour(self.state, AMBER)
        self.upcoming = QLabel(alignment=Qt.AlignmentFlag.AlignRight)
        self.upcoming.setObjectName("presenterNext")
        bottom.addWidget(self.state)
        bottom.addStretch(1)
        bottom.addWidget(self.upcoming, stretch=4)
        layout.addLayout(top)
        layout.addWidget(self.points, stretch=1)
        layout.addLayout(self.codes)
        layout.addLayout(bottom)
        self.black = QWidget(self)  # covers everything: the room looks at the speaker
        self.black.setObjectName("presenterBlack")
        self.black.setStyleSheet("background: black;")
        self.black.hide()

    def keyPressEvent(self, event) -> None:
        """The clicker's keys (a plain key, or with Ctrl; keypad keys too)."""
        key = event.key()
        actions = {**dict.fromkeys(NEXT_KEYS, self.next_requested.emit),
                   **dict.fromkeys(PREVIOUS_KEYS, self.previous_requested.emit),
                   Qt.Key.Key_Space: self.toggle_requested.emit,
                   **dict.fromkeys(BLACK_KEYS, self.toggle_black),
                   Qt.Key.Key_Escape: self.close, Qt.Key.Key_F11: self.toggle_full_screen}
        ignored = Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ControlModifier
        plain = not event.modifiers() & ~ignored
        if key in actions and plain and not event.isAutoRepeat():
            actions[key]()
            event.accept()
            return
        super().keyPressEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(_("{app} — presenter screen").format(app=APP_NAME))
        self._show_page()

    def show_module(self, module: Module | None, title: str, is_break: bool = False) -> None:
        self.module, self.title_text, self.page = module, title, 0
        self.is_break = is_break
        while self.codes.count():
            old = self.codes.takeAt(0).widget()
            old.hide()  # at once: deleteLater waits for the event loop
            old.deleteLater()
        if not self.phone_mode:
            for column, resource in enumerate((module.resources if module else ())[:MAX_QR]):
                code = QLabel()
                code.setPixmap(QPixmap.fromImage(qr_image(resource.url, 200)))
                caption = QLabel(resource.title, wordWrap=True,
                                 alignment=Qt.AlignmentFlag.AlignCenter)
                caption.setObjectName("presenterQrTitle")
                self.codes.addWidget(code, 0, column, alignment=Qt.AlignmentFlag.AlignCenter)
                self.codes.addWidget(caption, 1, column)
        self._show_page()

    def key_points(self) -> tuple[str, ...]:
        module = self.module
        return (module.key_points or module.objectives) if module else ()

    def pages(self) -> int:
        points = self.key_points()
        return max(1, -(-len(points) // PHONE_POINTS)) if self.phone_mode else 1

    def _show_page(self) -> None:
        points = self.key_points()
        if self.phone_mode:
            points = points[self.page * PHONE_POINTS:(self.page + 1) * PHONE_POINTS]
        self.title.setText(self.title_text)
        self.points.setText("\n".join(f"•  {p}" for p in points) if points else
                            _("Break: back soon") if self.is_break else "")
        if self.phone_mode and self.pages() > 1:
            self.title.setText(f"{self.title_text}  ({self.page + 1}/{self.pages()})")
        self._fit()

    def next_page(self) -> bool:
        """Turn to the next page of key points; False at the last (the module moves on)."""
        if self.page + 1 < self.pages():
            self.page += 1
            self._show_page()
            return True
        return False

    def previous_page(self) -> bool:
        if self.page > 0:
            self.page -= 1
            self._show_page()
            return True
        return False

    def set_phone_mode(self, on: bool) -> None:
        self.phone_mode = on
        self.show_module(self.module, self.title_text, self.is_break)

    def show_time(self, text: str, overtime: bool) -> None:
        self.timer.setText(text)
        self._colour(self.timer, AMBER if overtime else "white")

    def show_state(self, paused: bool, upcoming: str | None) -> None:
        """"Paused" when the clock stands still, and the next item's title."""
        self.state.setText(_("Paused") if paused else "")
        self.upcoming.setText(_("Next: {title}").format(title=upcoming) if upcoming else "")

    def toggle_black(self) -> None:
        self.black.setGeometry(self.rect())
        self.black.setVisible(not self.black.isVisible())
        self.black.raise_()

    def show_on(self, screen: QScreen | None, full_screen: bool) -> None:
        if screen is not None:
            self.setScreen(screen)
            self.move(screen.geometry().topLeft())
        if full_screen:
            self.showFullScreen()
        else:
            self.show()
        self.activateWindow()  # the clicker's keys come here

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.black.setGeometry(self.rect())
        self._fit()

    def closeEvent(self, event) -> None:
        super().closeEvent(event)
        self.closed.emit()

    def _fit(self) -> None:
        """Type as large as the window allows; the key points shrink only as far as they
        must to fit the space left under the title."""
        height = max(self.height(), 200)
        title, points, timer, small = PHONE_SCALE if self.phone_mode else NORMAL_SCALE
        self._size(self.title, height * title, bold=True)
        self._size(self.timer, height * timer, bold=True)
        for label in (self.state, self.upcoming):
            self._size(label, height * small, bold=label is self.state)
        for caption in self.findChildren(QLabel, "presenterQrTitle"):
            self._size(caption, height * small)
        width = max(self.width() - 40, 100)
        room = height - self._text_height(self.title, width) - height * (small + 0.12)
        if not self.phone_mode and self.codes.count():
            room -= 240
        size = height * points
        while size > 12 and self._text_height(self.points, width, size) > room:
            size *= 0.92
        self._size(self.points, size)

    @staticmethod
    def _size(label: QLabel, pixels: float, bold: bool = False) -> None:
        font = QFont(label.font())
        font.setPixelSize(max(10, round(pixels)))
        font.setBold(bold)
        label.setFont(font)

    @staticmethod
    def _colour(label: QLabel, colour: str) -> None:
        label.setStyleSheet(f"color: {colour};")

    @staticmethod
    def _text_height(label: QLabel, width: int, pixels: float | None = None) -> int:
        font = QFont(label.font())
        if pixels is not None:
            font.setPixelSize(max(10, round(pixels)))
        flags = Qt.TextFlag.TextWordWrap
        return QFontMetrics(font).boundingRect(QRect(0, 0, width, 100_000), flags,
                                               label.text()).height()
