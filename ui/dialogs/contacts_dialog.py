"""This laptop's contact details: the organisation that answers for the participants' data
(the subject-access document) and the facilitator people can write to (the handout); blank
certificate issuer and facilitator names come from here too."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.contact import display_phone
from facilitator_app.document_settings import (
    FACILITATOR,
    KEYS,
    ORGANISATION,
    checked,
    facilitator,
    organisation,
    update_contact,
)
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _


class ContactsDialog(QDialog):
    """Edits both contacts; a bad e-mail or phone is refused, saying which, and nothing is
    saved until every field is right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Contact details"))
        layout = QVBoxLayout(self)
        intro = QLabel(_("The same for every workshop on this laptop. Each workshop's "
                         "certificates can name others in their own settings."), wordWrap=True)
        layout.addWidget(intro)
        self.fields: dict[str, dict[str, QLineEdit]] = {}
        titles = {ORGANISATION: _("Organisation (responsible for the participants' data)"),
                  FACILITATOR: _("Facilitator (on the handout)")}
        for key, saved in ((ORGANISATION, organisation()), (FACILITATOR, facilitator())):
            layout.addWidget(self._group(key, titles[key], saved))
        self.error = QLabel(wordWrap=True)
        self.error.setObjectName("formError")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 420)

    def _group(self, key: str, title: str, saved) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        labels = {"name": _("Name"), "email": _("Email"), "phone": _("Phone"),
                  "address": _("Address")}
        self.fields[key] = {}
        for field in KEYS[key]:
            value = getattr(saved, field)
            edit = QLineEdit(display_phone(value) if field == "phone" else value)
            edit.setObjectName(f"{key}_{field}")
            self.fields[key][field] = edit
            form.addRow(labels[field], edit)
        self.fields[key]["phone"].setPlaceholderText("+51 987 654 321")
        return box

    def accept(self) -> None:
        values = {key: {field: edit.text() for field, edit in fields.items()}
                  for key, fields in self.fields.items()}
        try:
            for key, given in values.items():  # every field checked before anything is saved
                for field, text in given.items():
                    checked(key, field, text)
        except KnownError as exc:
            self.error.setText(exc.message)
            return
        for key, given in values.items():
            update_contact(key, **given)
        super().accept()
