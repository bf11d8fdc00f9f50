"""Decide who the doubtful or unknown online rows are: a registrant, a new person, or nobody.

Every decision is remembered for the workshop, so the next report matches by itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.i18n import _
from facilitator_app.models import Attendee, AttendeeId, Session, Workshop
from facilitator_app.services.online_attendance import resolve_review
from facilitator_app.store import Store


class ReviewDialog(QDialog):
    def __init__(self, store: Store, workshop: Workshop, session: Session,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.workshop, self.session = store, workshop, session
        self.decided = 0
        self.setWindowTitle(_("Online rows to review"))
        self.resize(760, 460)
        layout = QVBoxLayout(self)
        self.intro = QLabel(wordWrap=True)
        layout.addWidget(self.intro)
        body = QHBoxLayout()
        self.rows = QListWidget()
        self.rows.currentRowChanged.connect(self._show_row)
        body.addWidget(self.rows, stretch=2)
        body.addLayout(self._decision_panel(), stretch=3)
        layout.addLayout(body, stretch=1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reload()

    def _decision_panel(self) -> QVBoxLayout:
        panel = QVBoxLayout()
        self.detail = QLabel(wordWrap=True)
        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.person.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.person.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.accept_button = QPushButton(_("This is the person"))
        self.accept_button.setDefault(True)
        self.accept_button.clicked.connect(self.pick_person)
        self.new_button = QPushButton(_("Register as a new attendee…"))
        self.new_button.clicked.connect(self.register_new)
        self.ignore_button = QPushButton(_("Ignore this name (e.g. the facilitator)"))
        self.ignore_button.clicked.connect(self.ignore)
        for widget in (self.detail, QLabel(_("Who is it?")), self.person, self.accept_button,
                       self.new_button, self.ignore_button):
            panel.addWidget(widget)
        panel.addStretch(1)
        return panel

    def reload(self) -> None:
        self.pending = self.store.online.pending(self.session.id)
        self.people = {p.id: p for p in self.store.attendees.for_workshop(self.workshop.id)}
        self.rows.clear()
        for row in self.pending:
            self.rows.addItem(QListWidgetItem(f"{row['name']}  ·  {row['minutes']:.0f} min"))
        self.intro.setText(_("{n} online rows are not sure. A wrong choice credits the wrong "
                             "person, so check each one.").format(n=len(self.pending))
                           if self.pending else _("Nothing left to review."))
        for button in (self.accept_button, self.new_button, self.ignore_button, self.person):
            button.setEnabled(bool(self.pending))
        if self.pending:
            self.rows.setCurrentRow(0)

    def _show_row(self, index: int) -> None:
        if index < 0 or index >= len(self.pending):
            return
        row = self.pending[index]
        self.detail.setText(_("Shown online as \u201c{name}\u201d{email}, {minutes:.0f} minutes.")
                            .format(name=row["name"], minutes=row["minutes"],
                                    email=f" <{row['email']}>" if row["email"] else ""))
        suggested = [pid for pid in row["suggestions"] if pid in self.people]
        others = sorted((p for pid, p in self.people.items() if pid not in suggested),
                        key=lambda p: p.name)
        self.person.clear()
        for pid in suggested:
            self.person.addItem(_("{name} (suggested)").format(name=self.people[pid].name), pid)
        for person in others:
            self.person.addItem(person.name, person.id)
        self.person.setCurrentIndex(0 if suggested else -1)

    def current(self) -> dict | None:
        index = self.rows.currentRow()
        return self.pending[index] if 0 <= index < len(self.pending) else None

    def _decide(self, attendee_id: str | None) -> None:
        row = self.current()
        if row is None:
            return
        resolve_review(self.store, row["id"], attendee_id)
        self.decided += 1
        self.reload()

    def pick_person(self) -> None:
        if self.person.currentIndex() >= 0 and self.person.currentData():
            self._decide(self.person.currentData())

    def ignore(self) -> None:
        self._decide(None)

    def register_new(self) -> None:
        from ui.dialogs.attendee_dialog import AttendeeDialog

        row = self.current()
        if row is None:
            return
        words = row["name"].split()
        draft = Attendee(id=AttendeeId(""), given_names=words[0] if words else "",
                         family_names=" ".join(words[1:]), email=row["email"])
        dialog = AttendeeDialog(self.store, self.workshop, None, self)
        for name in ("given_names", "family_names", "email"):
            dialog.edits[name].setText(getattr(draft, name))
        if dialog.exec() and dialog.saved is not None:
            self._decide(dialog.saved.id)
