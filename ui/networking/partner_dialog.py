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

from facilitator_app.i18n import N_, _
from facilitator_app.models import Partner, PartnerId, PartnerType
from facilitator_app.store import Store

TYPE_LABELS = {PartnerType.CIVIL_SOCIETY: N_("Civil society"),
               PartnerType.PRIVATE_SECTOR: N_("Private sector"), PartnerType.UN: N_("UN agency"),
               PartnerType.GOVERNMENT: N_("Government"), PartnerType.ACADEMIA: N_("Academia")}


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
        for value, label in TYPE_LABELS.items():
            self.kind.addItem(_(label), value.value)  # Qt keeps plain strings, not enums
        if partner:
            self.kind.setCurrentIndex(self.kind.findData(partner.type.value))
        self.contact = QLineEdit(partner.contact_name if partner else "")
        self.email = QLineEdit(partner.contact_email if partner else "")
        self.phone = QLineEdit(partner.contact_phone if partner else "")
        self.offers = QPlainTextEdit(partner.offers if partner else "")
        self.offers.setFixedHeight(70)
        self.error = QLabel(wordWrap=True)
        self.error.setObjectName("formError")
        for label, widget in ((_("Name"), self.name), (_("Type"), self.kind),
                              (_("Contact person"), self.contact), (_("Email"), self.email),
                              (_("Phone"), self.phone), (_("What they offer"), self.offers)):
            form.addRow(label, widget)
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
        with self.store.transaction():
            if self.original:
                self.saved = self.store.partners.update(replace(self.original, **values))
            else:
                self.saved = self.store.partners.add(Partner(id=PartnerId(""), **values))
        super().accept()
