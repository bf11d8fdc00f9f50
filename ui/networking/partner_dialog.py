"""Add or edit a partner organisation."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.labels import PARTNER_TYPES, label
from facilitator_app.models import Partner, PartnerId, PartnerType
from facilitator_app.services.networking import save_partner
from facilitator_app.store import Store


class PartnerDialog(QDialog):
    def __init__(self, store: Store, partner: Partner | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.original = store, partner
        self.saved: Partner | None = None
        self.setWindowTitle(_("Edit partner") if partner else _("New partner"))
        form = QFormLayout(self)
        self.name = QLineEdit(partner.name if partner else "")
        self.kind = QComboBox()
        for value in PartnerType:
            self.kind.addItem(label(PARTNER_TYPES, value.value), value.value)  # plain str
        if partner:
            self.kind.setCurrentIndex(self.kind.findData(partner.type.value))
        self.contact = QLineEdit(partner.contact_name if partner else "")
        self.email = QLineEdit(partner.contact_email if partner else "")
        self.phone = QLineEdit(partner.contact_phone if partner else "")
        self.offers = QPlainTextEdit(partner.offers if partner else "")
        self.offers.setFixedHeight(70)
        self.error = QLabel(wordWrap=True)
        self.error.setObjectName("formError")
        for caption, widget in ((_("Name"), self.name), (_("Type"), self.kind),
                                (_("Contact person"), self.contact), (_("Email"), self.email),
                                (_("Phone"), self.phone), (_("What they offer"), self.offers)):
            form.addRow(caption, widget)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        if not self.name.text().strip():
            self.error.setText(_("A partner needs a name."))
            return
        values = dict(name=self.name.text().strip(), type=PartnerType(self.kind.currentData()),
                      contact_name=self.contact.text().strip(),
                      contact_email=self.email.text().strip(),
                      contact_phone=self.phone.text().strip(),
                      offers=self.offers.toPlainText().strip())
        partner = (replace(self.original, **values) if self.original
                   else Partner(id=PartnerId(""), **values))
        try:
            self.saved = save_partner(self.store, partner)
        except KnownError as exc:  # the same name as another partner
            self.error.setText(exc.message)
            return
        super().accept()
