"""People to review: pairs that may be one person (same name, other contacts), for a person
to decide; the newest merge can be undone."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.i18n import _
from facilitator_app.programme.people import PersonSummary, Proposal

KEY_SHOWN = 8  # characters of a pseudonymous key, enough to tell two apart


def reason_words(reason: str) -> str:
    return {"same_name": _("same name, different phone and e-mail"),
            "contact_conflict": _("the phone is one person's, the e-mail another's")}.get(
                reason, reason)


def person_words(person: PersonSummary, keys: dict[str, str]) -> str:
    """The person's name (or, with no names kept, their key's first characters) and
    workshops."""
    key = keys.get(person.id, person.id.replace("-", "")[-KEY_SHOWN:])
    who = person.name or _("key {key}…").format(key=key[:KEY_SHOWN])
    workshops = ", ".join(person.workshops) or _("no workshop yet")
    return _("{person} · in {workshops}").format(person=who, workshops=workshops)


def proposal_text(proposal: Proposal, keys: dict[str, str]) -> str:
    why = _("Why: {reason}").format(reason=reason_words(proposal.reason))
    return "\n".join((person_words(proposal.first, keys), person_words(proposal.second, keys),
                      why))


class ReviewBox(QGroupBox):
    """Emits decide(proposal id, merge?) and undo(merge id); the page does the work."""

    decided = Signal(str, bool)
    undo_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pending: list[Proposal] = []
        self.last_merge: str | None = None
        self.keys: dict[str, str] = {}
        box = QVBoxLayout(self)
        self.note = QLabel(wordWrap=True)
        self.list = QListWidget()
        self.list.setObjectName("programmeProposals")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(3)
        self.list.currentRowChanged.connect(self._enable)
        self.merge_button, self.separate_button = QPushButton(), QPushButton()
        self.merge_button.clicked.connect(lambda: self._decide(True))
        self.separate_button.clicked.connect(lambda: self._decide(False))
        self.undo_button = QPushButton()
        self.undo_button.clicked.connect(self._undo)
        buttons = QHBoxLayout()
        for button in (self.merge_button, self.separate_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        box.addWidget(self.note)
        box.addWidget(self.list, stretch=1)
        box.addLayout(buttons)
        self._enable()

    def retranslate(self) -> None:
        self.setTitle(_("People to review"))
        self.merge_button.setText(_("Same person: &merge"))
        self.separate_button.setText(_("&Different people"))
        self.undo_button.setText(_("&Undo the last merge"))
        self.list.setAccessibleName(_("Pairs that may be one person"))
        self.show_pending(self.pending, self.last_merge, self.keys)

    def show_pending(self, pending: list[Proposal], last_merge: str | None,
                     keys: dict[str, str]) -> None:
        """`keys`: the people's pseudonymous keys, shown where no names are kept."""
        self.pending, self.last_merge, self.keys = list(pending), last_merge, dict(keys)
        row = self.list.currentRow()
        self.list.clear()
        for proposal in self.pending:
            self.list.addItem(QListWidgetItem(proposal_text(proposal, self.keys)))
        self.note.setText(_("Nobody is merged without a person deciding. Check the workshops "
                            "and ask the facilitators if in doubt.") if self.pending
                          else _("Nothing to review."))
        if self.pending:
            self.list.setCurrentRow(min(max(row, 0), len(self.pending) - 1))
        self._enable()

    def _enable(self, _row: int = 0) -> None:
        chosen = 0 <= self.list.currentRow() < len(self.pending)
        self.merge_button.setEnabled(chosen)
        self.separate_button.setEnabled(chosen)
        self.undo_button.setEnabled(self.last_merge is not None)

    def _decide(self, merge: bool) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.pending):
            self.decided.emit(self.pending[row].id, merge)

    def _undo(self) -> None:
        if self.last_merge:
            self.undo_requested.emit(self.last_merge)
