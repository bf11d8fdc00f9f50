"""The first screen on an empty database: create a workshop, open the demo, or (on a staff
laptop that runs no workshop itself) go to the programme of many workshops."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from facilitator_app.i18n import _


class WelcomePage(QWidget):
    create_requested = Signal()
    demo_requested = Signal()
    programme_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.heading.setObjectName("pageHeading")
        self.body = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.body.setMaximumWidth(560)
        buttons = QHBoxLayout()
        self.create_button = QPushButton()
        self.create_button.setDefault(True)
        self.demo_button = QPushButton()
        self.programme_button = QPushButton()
        self.create_button.clicked.connect(self.create_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        self.programme_button.clicked.connect(self.programme_requested)
        for button in (self.create_button, self.demo_button, self.programme_button):
            buttons.addWidget(button)
        layout.addWidget(self.heading)
        layout.addWidget(self.body, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_("Welcome to CREANDO Desk"))
        self.body.setText(_(
            "Check people in, run short practical sessions, record introductions and give "
            "partners their reports. Start with your own workshop, or explore the demo "
            "workshop with fictional participants."))
        self.create_button.setText(_("Create a workshop"))
        self.demo_button.setText(_("Open the demo"))
        self.programme_button.setText(_("Programme: many workshops"))
        self.programme_button.setToolTip(_(
            "Staff: bring many workshops' archives together and report on the programme"))
