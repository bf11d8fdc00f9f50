"""The Archive page's "This desk" box: the fingerprint other desks compare before they trust
this one's archives, its name, where the workshop's badges are made, and the desks this one
trusts (a lost laptop is forgotten here)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGroupBox, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.models import Workshop
from facilitator_app.services import desks
from facilitator_app.services.badges import minting_desk_note
from facilitator_app.store import Store
from ui.dialogs.errors import show_known_error
from ui.dialogs.trust_dialog import fingerprint_font

Ask = Callable[[str, str, object], object]


class DeskBox(QGroupBox):
    def __init__(self, store: Store, ask: Callable[[], Ask],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.ask = store, ask
        self.workshop: Workshop | None = None
        box = QVBoxLayout(self)
        self.fingerprint = QLabel()
        self.fingerprint.setObjectName("deskFingerprint")
        self.fingerprint.setFont(fingerprint_font(16))
        self.name = QLabel(wordWrap=True)
        self.rename_button = QPushButton()
        self.rename_button.clicked.connect(self.rename)
        self.badges = QLabel(wordWrap=True)
        self.trusted_label = QLabel(wordWrap=True)
        self.trusted = QListWidget()
        self.forget_button = QPushButton()
        self.forget_button.clicked.connect(self.forget_selected)
        for widget in (self.fingerprint, self.name, self.rename_button, self.badges,
                       self.trusted_label, self.trusted, self.forget_button):
            box.addWidget(widget)

    def retranslate(self) -> None:
        self.setTitle(_("This desk"))
        self.rename_button.setText(_("Rename this desk…"))
        self.trusted_label.setText(_("Desks whose archives this desk trusts:"))
        self.forget_button.setText(_("Forget the selected desk…"))
        self.refresh()

    def refresh(self, workshop: Workshop | None = None) -> None:
        self.workshop = workshop or self.workshop
        me = desks.this_desk(self.store)
        self.fingerprint.setText(me.fingerprint)
        self.name.setText(_("Name: {name}").format(name=me.desk_name or _("(none yet)")))
        self.badges.setText(minting_desk_note(self.store, self.workshop.id)
                            if self.workshop else "")
        self.trusted.clear()
        self.pinned = desks.trusted(self.store)
        for signer in self.pinned:
            self.trusted.addItem(signer.label())
        self.forget_button.setEnabled(bool(self.pinned))

    def rename(self) -> None:
        name = self.ask()("text", _("Rename this desk"), _("Name other desks will see, for "
                                                          "example “Mesa 2”:"))
        if not name:
            return
        try:
            desks.rename_desk(self.store, str(name))
        except KnownError as exc:
            show_known_error(self, exc)
        self.refresh()

    def forget_selected(self) -> bool:
        row = self.trusted.currentRow()
        if not 0 <= row < len(self.pinned):
            return False
        chosen = self.pinned[row]
        if not self.ask()("confirm", _("Forget this desk?"), _(
                "Archives signed by {desk} will be refused until it is paired again. Do this "
                "when that laptop is lost or given away.").format(desk=chosen.label())):
            return False
        desks.forget(self.store, chosen.fingerprint)
        self.refresh()
        return True
