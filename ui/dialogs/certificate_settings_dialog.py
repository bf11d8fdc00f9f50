"""Who a workshop's certificates name: issuer, partner, the facilitator who signs, and logos
(a blank issuer or facilitator is the one in the laptop's contact details)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.services.certificates import (
    certificate_settings,
    set_certificate_settings,
)
from facilitator_app.store import Store

TEXTS = ("issuer", "partner", "facilitator")
LOGOS = ("issuer_logo", "partner_logo")


class CertificateSettingsDialog(QDialog):
    """Edits the settings; a logo that is not a readable PNG or JPEG is refused, saying why."""

    def __init__(self, store: Store, workshop_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.workshop_id = store, workshop_id
        self.setWindowTitle(_("Certificate settings"))
        saved = certificate_settings(store, workshop_id)
        self.fields = {key: QLineEdit(saved[key]) for key in (*TEXTS, *LOGOS)}
        self._placeholders()
        form = QFormLayout(self)
        labels = {"issuer": _("Issued by"), "partner": _("In partnership with"),
                  "facilitator": _("Facilitator who signs"), "issuer_logo": _("Issuer's logo"),
                  "partner_logo": _("Partner's logo")}
        for key in TEXTS:
            form.addRow(labels[key], self.fields[key])
        for key in LOGOS:
            form.addRow(labels[key], self._with_browse(key))
        self.error = QLabel(wordWrap=True)
        self.error.setObjectName("formError")
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(560, 260)

    def _placeholders(self) -> None:
        """What a blank field prints: the contact details' names, else an example or a line."""
        from facilitator_app.document_settings import facilitator, organisation

        issuer, signs = organisation().name, facilitator().name
        from_contacts = _("Blank: {name} (from the contact details)")
        self.fields["issuer"].setPlaceholderText(
            from_contacts.format(name=issuer) if issuer
            else _("e.g. Programa CREANDO – PNUD Perú"))
        self.fields["facilitator"].setPlaceholderText(
            from_contacts.format(name=signs) if signs
            else _("Blank: a line to write the name in"))

    def _with_browse(self, key: str) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.fields[key], stretch=1)
        browse = QPushButton(_("Choose…"))
        browse.clicked.connect(lambda: self._choose(key))
        row.addWidget(browse)
        return row

    def _choose(self, key: str) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a logo (PNG or JPEG)"), self.fields[key].text(),
            "*.png *.jpg *.jpeg")
        if name:
            self.fields[key].setText(name)

    def accept(self) -> None:
        try:
            set_certificate_settings(self.store, self.workshop_id,
                                     **{key: field.text() for key, field in self.fields.items()})
        except KnownError as exc:
            self.error.setText(exc.message)
            return
        super().accept()
