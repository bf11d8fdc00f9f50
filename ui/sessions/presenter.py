"""The presenter screen for the projector or a screen-share: large type, the module's key
points, the timer, and resource links as QR codes people scan with their phones."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPixmap, QScreen, QShortcut
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from facilitator_app import APP_NAME
from facilitator_app.decks.model import Module
from facilitator_app.i18n import _
from ui.sessions.qr_image import qr_image

MAX_QR = 3


class PresenterWindow(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presenter")
        self.setWindowTitle(_("{app} — presenter screen").format(app=APP_NAME))
        self.setStyleSheet("QWidget#presenter { background: #0f172a; } QLabel { color: white; }"
                           "QLabel#presenterTitle { font-size: 40pt; font-weight: 700; }"
                           "QLabel#presenterTimer { font-size: 64pt; font-weight: 700; }"
                           "QLabel#presenterPoints { font-size: 26pt; }"
                           "QLabel#presenterQrTitle { font-size: 14pt; }")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = QLabel(wordWrap=True)
        self.title.setObjectName("presenterTitle")
        self.timer = QLabel(alignment=Qt.AlignmentFlag.AlignRight)
        self.timer.setObjectName("presenterTimer")
        top.addWidget(self.title, stretch=1)
        top.addWidget(self.timer)
        self.points = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignTop)
        self.points.setObjectName("presenterPoints")
        self.codes = QGridLayout()
        layout.addLayout(top)
        layout.addWidget(self.points, stretch=1)
        layout.addLayout(self.codes)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.showNormal)
        QShortcut(QKeySequence(Qt.Key.Key_F11), self, self.toggle_full_screen)
        self.resize(1280, 720)

    def show_module(self, module: Module | None, title: str) -> None:
        self.title.setText(title)
        points = (module.key_points or module.objectives) if module else ()
        self.points.setText("\n".join(f"•  {p}" for p in points) if points else
                            _("Break: back soon"))
        while self.codes.count():
            self.codes.takeAt(0).widget().deleteLater()
        for column, resource in enumerate((module.resources if module else ())[:MAX_QR]):
            code = QLabel()
            code.setPixmap(QPixmap.fromImage(qr_image(resource.url, 200)))
            caption = QLabel(resource.title, wordWrap=True,
                             alignment=Qt.AlignmentFlag.AlignCenter)
            caption.setObjectName("presenterQrTitle")
            self.codes.addWidget(code, 0, column, alignment=Qt.AlignmentFlag.AlignCenter)
            self.codes.addWidget(caption, 1, column)

    def show_time(self, text: str, overtime: bool) -> None:
        self.timer.setText(text)
        self.timer.setStyleSheet("color: #fbbf24;" if overtime else "color: white;")

    def show_on(self, screen: QScreen | None, full_screen: bool) -> None:
        if screen is not None:
            self.setScreen(screen)
            self.move(screen.geometry().topLeft())
        if full_screen:
            self.showFullScreen()
        else:
            self.show()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
