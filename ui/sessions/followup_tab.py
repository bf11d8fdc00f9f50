"""Low-data follow-up from the facilitator's own phone: the session's WhatsApp digest (copy
it, or scan its wa.me QR code), and for each person who agreed to share contacts, a message
with the people and partners they met. The app sends nothing: the phone does."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from qrcode.exceptions import DataOverflowError

from facilitator_app.i18n import _
from facilitator_app.models import Session
from facilitator_app.services.followup import (
    DIGEST_LIMIT,
    Digest,
    PersonMessage,
    contact_messages,
    session_digest,
)
from facilitator_app.store import Store
from ui.sessions.qr_dialog import QrDialog


class FollowupTab(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.session: Session | None = None
        self.digest: Digest | None = None
        self.messages: list[PersonMessage] = []
        self.qr: QrDialog | None = None
        layout = QHBoxLayout(self)
        layout.addLayout(self._digest_side(), stretch=1)
        layout.addLayout(self._people_side(), stretch=1)
        self.retranslate()

    def _digest_side(self) -> QVBoxLayout:
        side = QVBoxLayout()
        self.digest_label = QLabel(wordWrap=True)
        self.digest_label.setStyleSheet("font-weight: 600;")
        self.digest_text = QPlainTextEdit(readOnly=True)
        self.digest_text.setObjectName("digestText")
        self.count = QLabel()
        self.count.setObjectName("digestCount")
        row = QHBoxLayout()
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy_digest)
        self.qr_button = QPushButton()
        self.qr_button.clicked.connect(self.show_digest_qr)
        for widget in (self.copy_button, self.qr_button):
            row.addWidget(widget)
        row.addStretch(1)
        self.digest_hint = QLabel(wordWrap=True)
        for widget in (self.digest_label, self.digest_text, self.count):
            side.addWidget(widget, stretch=1 if widget is self.digest_text else 0)
        side.addLayout(row)
        side.addWidget(self.digest_hint)
        return side

    def _people_side(self) -> QVBoxLayout:
        side = QVBoxLayout()
        self.people_label = QLabel(wordWrap=True)
        self.people_label.setStyleSheet("font-weight: 600;")
        self.people = QListWidget()
        self.people.setObjectName("followupPeople")
        self.people.currentRowChanged.connect(self._show_message)
        self.message = QPlainTextEdit(readOnly=True)
        self.message.setObjectName("personMessage")
        row = QHBoxLayout()
        self.copy_message_button = QPushButton()
        self.copy_message_button.clicked.connect(self.copy_message)
        self.message_qr_button = QPushButton()
        self.message_qr_button.clicked.connect(self.show_message_qr)
        for widget in (self.copy_message_button, self.message_qr_button):
            row.addWidget(widget)
        row.addStretch(1)
        side.addWidget(self.people_label)
        side.addWidget(self.people, stretch=1)
        side.addWidget(self.message, stretch=1)
        side.addLayout(row)
        return side

    def retranslate(self) -> None:
        self.digest_label.setText(_("WhatsApp digest of this session"))
        self.copy_button.setText(_("Copy"))
        self.qr_button.setText(_("Show the QR code"))
        self.digest_hint.setText(_("Scan the QR code with your phone: WhatsApp opens with "
                                   "the text written; choose the group and send. This app "
                                   "makes no network call."))
        self.people_label.setText(_("People who agreed to share contacts: the people and "
                                    "partners they met"))
        self.copy_message_button.setText(_("Copy the message"))
        self.message_qr_button.setText(_("Show its QR code"))
        self.set_session(self.session)
        if self.qr is not None:
            self.qr.retranslate()

    def set_session(self, session: Session | None) -> None:
        self.session = session
        self.digest = session_digest(self.store, session.id) if session else None
        language = self.store.workshops.get(session.workshop_id).language if session else ""
        for text in (self.digest_text, self.message):  # messages in the workshop's language
            text.setProperty("contentLanguage", language)
        self.digest_text.setPlainText(self.digest.text if self.digest else "")
        self._show_count()
        for button in (self.copy_button, self.qr_button):
            button.setEnabled(self.digest is not None)
        self.messages = contact_messages(self.store, session.workshop_id) if session else []
        self.people.clear()
        for message in self.messages:
            item = QListWidgetItem(message.name + " · " + (message.phone or _("no phone")))
            item.setData(Qt.ItemDataRole.UserRole, message)
            self.people.addItem(item)
        if self.messages:
            self.people.setCurrentRow(0)
        else:
            self._show_message(-1)

    def _show_count(self) -> None:
        if self.digest is None:
            self.count.setText("")
            return
        text = _("{n} of {limit} characters").format(n=len(self.digest.text),
                                                     limit=DIGEST_LIMIT)
        if not self.digest.delivered:
            text += " · " + _("nothing delivered yet: this is the plan")
        self.count.setText(text)

    def current_message(self) -> PersonMessage | None:
        row = self.people.currentRow()
        return self.messages[row] if 0 <= row < len(self.messages) else None

    def _show_message(self, _row: int) -> None:
        message = self.current_message()
        self.message.setPlainText(message.text if message else "")
        self.copy_message_button.setEnabled(message is not None)
        self.message_qr_button.setEnabled(bool(message and message.url))
        self.message_qr_button.setToolTip("" if message is None or message.url else
                                          _("No phone number: copy the message instead"))

    def copy_digest(self) -> None:
        if self.digest is not None:
            QGuiApplication.clipboard().setText(self.digest.text)

    def copy_message(self) -> None:
        message = self.current_message()
        if message is not None:
            QGuiApplication.clipboard().setText(message.text)

    def show_digest_qr(self) -> QrDialog | None:
        if self.digest is None:
            return None
        return self._show_qr(self.digest.url, lambda: _(
            "Scan with your phone: WhatsApp opens with the digest; choose the group and send."))

    def show_message_qr(self) -> QrDialog | None:
        message = self.current_message()
        if message is None or not message.url:
            return None
        return self._show_qr(message.url, lambda: _(
            "Scan with your phone: WhatsApp opens a chat with {name}, the message written.")
            .format(name=message.name))

    def _show_qr(self, link: str, caption: Callable[[], str]) -> QrDialog | None:
        try:
            self.qr = QrDialog(link, caption, self)
        except DataOverflowError:
            self.count.setText(_("This message is too long for a QR code: copy it instead."))
            return None
        self.qr.show()
        return self.qr
