"""Register a walk-in or edit an attendee, with consent asked purpose by purpose.

A walk-in is saved only with their consent to the processing of their data and how they
gave it; once saved, the dialog offers their badge at once (print, show the QR, save it).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.categories import categorise, population_type_of
from facilitator_app.clock import parse_iso
from facilitator_app.contact import display_phone
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.labels import (
    CATEGORIES,
    POPULATION_TYPES,
    REPORTING_PURPOSE,
    category_label,
)
from facilitator_app.labels import label as words_for
from facilitator_app.models import Attendee, AttendeeId, ConsentPurpose, Workshop
from facilitator_app.services.attendees import (
    clean_contact,
    possible_duplicates,
    register_walk_in,
    set_consents,
    update_attendee,
)
from facilitator_app.services.registration_fields import checked_birth_year, year_from_age
from facilitator_app.store import Store
from ui.models.attendee_table import consent_label


def field_labels() -> dict[str, str]:
    return {"given_names": _("Given names"), "family_names": _("Family names"),
            "phone": _("Phone / WhatsApp"), "email": _("Email"),
            "nationality": _("Nationality"), "business": _("Business"), "sector": _("Sector"),
            "district": _("District"), "offers": _("Offers"), "needs": _("Needs")}


LIST_FIELDS = ("offers", "needs")  # comma-separated in the form, tuples in the record
CATEGORY_FIELDS = ("nationality", "sector")  # stored as codes (facilitator_app.categories)


def consent_methods() -> dict[str, str]:
    return {"verbal": _("said so in person"), "paper": _("signed a paper form"),
            "form": _("answered an online form")}


PARTICLES = frozenset({"de", "del", "la", "las", "los", "y", "e", "da", "do", "dos", "van",
                       "von"})


def _capitalised(word: str) -> str:
    return word if word in PARTICLES else word[:1].upper() + word[1:]


class AttendeeDialog(QDialog):
    """With `attendee` None it registers a walk-in for `workshop` (`name`: what was typed
    at the desk, to start from); else it edits."""

    walk_in_saved = Signal(object)  # the Attendee, as soon as it is stored

    def __init__(self, store: Store, workshop: Workshop, attendee: Attendee | None = None,
                 parent: QWidget | None = None, name: str = "") -> None:
        super().__init__(parent)
        self.store, self.workshop, self.original = store, workshop, attendee
        self.saved: Attendee | None = None
        self.badge_offer = None
        typed = name
        self.setWindowTitle(_("Edit attendee") if attendee else _("Register a walk-in"))
        self.steps = QStackedWidget()
        QVBoxLayout(self).addWidget(self.steps)
        form_page = QWidget()
        self.steps.addWidget(form_page)
        layout = QVBoxLayout(form_page)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for name, label in field_labels().items():
            edit = QLineEdit(self._initial(name))
            edit.setObjectName(name)
            if name in LIST_FIELDS:
                edit.setPlaceholderText(_("e.g. supplier, marketing, finance"))
            self.edits[name] = edit
            form.addRow(label, edit)
        self._reporting_rows(form)
        layout.addLayout(form)
        layout.addWidget(self._consent_box())
        self.error = QLabel(wordWrap=True)
        self.error.setObjectName("formError")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._prefill(typed)
        self._check_consent()
        self.edits["given_names"].setFocus()

    def save_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def _prefill(self, name: str) -> None:
        """A name typed at the desk: its first word as given name, the rest as family
        (typed all in small letters, it gets its capitals: "rosa de la cruz")."""
        words = [_capitalised(w) if name.islower() else w for w in name.split()]
        if self.original is None and words:
            self.edits["given_names"].setText(words[0])
            self.edits["family_names"].setText(" ".join(words[1:]))
            self.edits["family_names" if len(words) > 1 else "given_names"].setFocus()

    def _check_consent(self) -> None:
        """A walk-in cannot be saved before they agreed to processing, and it says how."""
        if self.original is not None:
            return
        agreed = self.consent_checks[ConsentPurpose.PROCESSING].isChecked()
        how = self.consent_method.currentData() is not None
        self.save_button().setEnabled(agreed and how)
        self.consent_hint.setVisible(not (agreed and how))

    def _initial(self, name: str) -> str:
        if self.original is None:
            return ""
        value = getattr(self.original, name)
        if name in LIST_FIELDS:
            return ", ".join(value)
        if name in CATEGORY_FIELDS and value in CATEGORIES[name]:
            return category_label(name, value)  # read back as the code when saved
        return display_phone(value) if name == "phone" else value

    def _reporting_rows(self, form: QFormLayout) -> None:
        """Birth year (or age) and population type: optional, for reports, always
        changeable; the population type shows what the nationality gives when not said."""
        year = self.original.birth_year if self.original else None
        self.birth_year = QLineEdit("" if year is None else str(year))
        self.birth_year.setObjectName("birth_year")
        self.birth_year.setPlaceholderText(_("e.g. 1990, or an age such as 34 (optional)"))
        self.birth_year.setToolTip(_(REPORTING_PURPOSE))
        self.population_type = QComboBox()
        self.population_type.setObjectName("population_type")
        self.population_type.setToolTip(_(REPORTING_PURPOSE))
        self.population_type.addItem("", "")
        for code, words in POPULATION_TYPES.items():
            self.population_type.addItem(_(words), code)
        stated = self.original.population_type if self.original else ""
        self.population_type.setCurrentIndex(max(self.population_type.findData(stated), 0))
        self._show_derived()
        self.edits["nationality"].textChanged.connect(lambda _text: self._show_derived())
        form.addRow(_("Birth year or age"), self.birth_year)
        form.addRow(_("Population type"), self.population_type)

    def _show_derived(self) -> None:
        """The first item of the population type: what the nationality typed gives."""
        nationality = categorise("nationality", self.edits["nationality"].text().strip(),
                                 self.store.attendees.category_mappings())
        derived = population_type_of("", nationality)
        self.population_type.setItemText(0, _("(from nationality: {type})").format(
            type=words_for(POPULATION_TYPES, derived).lower()) if derived
            else _("(not said)"))

    def _birth_year(self) -> tuple[int | None, str]:
        """(birth year, its source) from the field: a year, or an age in whole years."""
        text = self.birth_year.text().strip()
        original = self.original
        if original is not None and text == ("" if original.birth_year is None
                                             else str(original.birth_year)):
            return original.birth_year, original.birth_year_source
        if not text:
            return None, ""
        today = self.store.clock().astimezone().date()
        if not text.isdigit() or len(text) not in (1, 2, 3, 4):
            raise KnownError(_("\u201c{text}\u201d is neither a birth year (e.g. 1990) nor "
                               "an age (e.g. 34).").format(text=text))
        year = int(text) if len(text) == 4 else year_from_age(int(text), today)
        return checked_birth_year(year, today), "edited"

    def _consent_box(self) -> QGroupBox:
        box = QGroupBox(_("Consent (ask each question)"))
        form = QFormLayout(box)
        current = (self.store.consents.current(self.original.id) if self.original
                   else dict.fromkeys(ConsentPurpose, False))
        history = self.store.consents.history(self.original.id) if self.original else []
        self.consent_checks: dict[ConsentPurpose, QCheckBox] = {}
        for purpose in ConsentPurpose:
            check = QCheckBox(consent_label(purpose))
            check.setObjectName(f"consent_{purpose.value}")
            check.setChecked(current[purpose])
            last = [row for row in history if row["purpose"] == purpose.value]
            if last:
                when = parse_iso(last[-1]["recorded_at"]).astimezone().strftime("%d/%m/%Y %H:%M")
                method = last[-1]["method"]
                check.setToolTip(_("Last answer recorded {when} ({how})").format(
                    when=when, how=consent_methods().get(method, method)))
            self.consent_checks[purpose] = check
            form.addRow(check)
        self.consent_method = QComboBox()
        self.consent_method.setObjectName("consentMethod")
        if self.original is None:
            self.consent_method.addItem(_("— choose how —"), None)
        for key, label in consent_methods().items():
            self.consent_method.addItem(label, key)
        form.addRow(_("How consent was given"), self.consent_method)
        self.consent_hint = QLabel(_("To register a walk-in, ask first whether we may process "
                                     "their data, tick it, and say how they answered."),
                                   wordWrap=True)
        self.consent_hint.setObjectName("consentHint")
        form.addRow(self.consent_hint)
        self.consent_hint.setVisible(False)
        self.consent_checks[ConsentPurpose.PROCESSING].toggled.connect(
            lambda _on: self._check_consent())
        self.consent_method.currentIndexChanged.connect(lambda _i: self._check_consent())
        return box

    def values(self) -> Attendee:
        base = self.original or Attendee(id=AttendeeId(""), given_names="")
        values = {name: edit.text().strip() for name, edit in self.edits.items()}
        remembered = self.store.attendees.category_mappings()
        for name in CATEGORY_FIELDS:  # "venezolana", "Comida": stored as their codes
            values[name] = categorise(name, values[name], remembered)
        for name in LIST_FIELDS:
            values[name] = tuple(p.strip() for p in values[name].split(",") if p.strip())
        values["birth_year"], values["birth_year_source"] = self._birth_year()
        values["population_type"] = self.population_type.currentData() or ""
        return replace(base, **values)

    def accept(self) -> None:
        answers = {p: check.isChecked() for p, check in self.consent_checks.items()}
        method = self.consent_method.currentData()
        try:
            person = self.values()
            if self.original is None:
                twin = self._known_twin(person)
                if twin is False:
                    return
                self.saved = twin or register_walk_in(self.store, self.workshop.id, person,
                                                      answers, method)
            else:
                self.saved = update_attendee(self.store, person)
                set_consents(self.store, person.id, answers, method)
        except KnownError as exc:
            self.error.setText(exc.message)
            return
        if self.original is None:
            self.walk_in_saved.emit(self.saved)
            self._offer_badge()
            return
        super().accept()

    def _offer_badge(self) -> None:
        """The second step of a walk-in: their badge, now."""
        from facilitator_app.services.badges import CannotMintError
        from ui.dialogs.badge_dialog import BadgeOffer

        page = QWidget()
        layout = QVBoxLayout(page)
        try:
            self.badge_offer = BadgeOffer(self.store, self.workshop, self.saved)
        except CannotMintError as exc:  # a second desk: saved here, badge made elsewhere
            self.badge_offer = QLabel(
                _("{name} is registered.").format(name=self.saved.name) + " " + exc.message,
                wordWrap=True, objectName="badgeElsewhere")
        done = QPushButton(_("Done"))
        done.setDefault(True)
        done.clicked.connect(lambda: QDialog.accept(self))
        layout.addWidget(self.badge_offer)
        layout.addStretch(1)
        layout.addWidget(done)
        self.steps.addWidget(page)
        self.steps.setCurrentWidget(page)
        self.setWindowTitle(_("Their badge"))
        done.setFocus()

    def _known_twin(self, person: Attendee) -> Attendee | bool | None:
        """A known person the user picked instead (registered here), None to go on, False
        to stay in the dialog."""
        try:
            twins = possible_duplicates(self.store, clean_contact(person))
        except KnownError:
            return None  # saving reports what is wrong
        if not twins:
            return None
        other, by = twins[0]
        box = QMessageBox(QMessageBox.Icon.Question, _("Already registered?"), _(
            "{name} is already known (same {by}).").format(name=other.name, by=_(by)), parent=self)
        use = box.addButton(_("Register {name} here").format(name=other.name),
                            QMessageBox.ButtonRole.AcceptRole)
        new = box.addButton(_("Register a new person"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is use:
            with self.store.transaction():
                self.store.registrations.add(self.workshop.id, other.id, source="walk_in")
            return other
        return None if box.clickedButton() is new else False
