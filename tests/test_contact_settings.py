"""This laptop's contact details (the organisation and the facilitator, for all its workshops)
and each workshop's certificate wording: set from the CLI and the Reports page's dialog,
checked like an attendee's e-mail and phone, and the one-way fallbacks between them."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from facilitator_app.document_settings import (
    FACILITATOR,
    ORGANISATION,
    ContactSetting,
    facilitator,
    organisation,
    save_contact,
)
from facilitator_app.i18n import set_language
from facilitator_app.services.certificates import (
    certificate_wording,
    certificates,
    set_certificate_settings,
)
from facilitator_app.services.demo import ensure_demo
from facilitator_app.services.handout_extras import facilitator_card
from facilitator_app.services.subject_rights import controller_notes
from facilitator_app.services.workshops import create_workshop
from tests.cli_support import run_main

ORG = ContactSetting("Asociación Emprende (ficticia)", "datos@emprende.example.pe",
                     "+5116147000", "Av. Ejemplo 123, Lima")


def contacts(capsys) -> dict:
    code, out, err = run_main(capsys, "--json", "settings", "contacts")
    assert code == 0, err
    return json.loads(out)


# -- the CLI ----------------------------------------------------------------------------------

def test_the_cli_sets_and_shows_both_contacts_normalised(capsys) -> None:
    assert contacts(capsys) == {"organisation": dict.fromkeys(("name", "email", "phone",
                                                               "address"), ""),
                                "facilitator": dict.fromkeys(("name", "email", "phone"), "")}
    code, out, err = run_main(capsys, "--lang", "en", "settings", "organisation", "--name",
                              " Asociación Emprende ", "--email", "Datos@Emprende.Example.PE",
                              "--phone", "(01) 614-7000", "--address", "Av. Ejemplo 123")
    assert code == 0, err
    assert "Asociación Emprende" in out and "+51 1 6147000" in out
    assert run_main(capsys, "settings", "facilitator", "--name", "Lucía Ramos Quispe",
                    "--phone", "987 654 321")[0] == 0
    shown = contacts(capsys)
    assert shown["organisation"] == {"name": "Asociación Emprende",
                                     "email": "datos@emprende.example.pe",
                                     "phone": "+5116147000", "address": "Av. Ejemplo 123"}
    assert shown["facilitator"] == {"name": "Lucía Ramos Quispe", "email": "",
                                    "phone": "+51987654321"}
    # only the fields given change; "" clears one
    assert run_main(capsys, "settings", "organisation", "--address", "")[0] == 0
    assert organisation() == ContactSetting("Asociación Emprende", "datos@emprende.example.pe",
                                            "+5116147000", "")
    code, out, _err = run_main(capsys, "--lang", "es", "settings", "contacts")
    assert code == 0 and "Organización:" in out and "+51 987 654 321" in out
    assert "(sin definir)" in out  # the cleared address


@pytest.mark.parametrize(("args", "english", "spanish"), [
    (["organisation", "--email", "datos@emprende"], "organisation's e-mail datos@emprende",
     "El correo electrónico de la organización"),
    (["facilitator", "--email", "lucia at correo"], "facilitator's e-mail lucia at correo",
     "El correo electrónico del facilitador"),
    (["organisation", "--phone", "12"], "organisation's phone 12", "El teléfono de la "
     "organización"),
    (["facilitator", "--phone", "+51 12"], "facilitator's phone +51 12", "El teléfono del "
     "facilitador"),
])
def test_a_bad_email_or_phone_is_exit_3_naming_the_field_and_saves_nothing(
        capsys, args, english, spanish) -> None:
    save_contact(ORGANISATION, ORG)
    save_contact(FACILITATOR, ContactSetting("Lucía Ramos Quispe", "lucia@correo.example.pe"))
    before = (organisation(), facilitator())
    code, out, err = run_main(capsys, "--lang", "en", "settings", *args, "--name", "Otra")
    assert code == 3 and out == "" and english in err and "Traceback" not in err
    code, _out, err = run_main(capsys, "--lang", "es", "settings", *args)
    assert code == 3 and spanish in err, err
    assert (organisation(), facilitator()) == before  # the name given with it was not saved
    code, out, _err = run_main(capsys, "--json", "settings", *args)
    assert code == 3 and json.loads(out)["error"] == "known_error"


# -- the fallbacks ----------------------------------------------------------------------------

def demo_certificate(store):
    workshop, _made = ensure_demo(store)
    return workshop, certificates(store, workshop.id, store.clock().date())[0]


def test_blank_certificate_issuer_and_facilitator_come_from_the_contact_details(store) -> None:
    workshop, first = demo_certificate(store)
    assert (first.issuer, first.facilitator) == ("", "")  # nothing anywhere: a line to sign
    save_contact(ORGANISATION, ORG)
    save_contact(FACILITATOR, ContactSetting("Lucía Ramos Quispe"))
    _workshop, filled = demo_certificate(store)
    assert (filled.issuer, filled.facilitator) == (ORG.name, "Lucía Ramos Quispe")
    set_certificate_settings(store, workshop.id, issuer="Programa CREANDO", facilitator="Rosa")
    _workshop, own = demo_certificate(store)
    assert (own.issuer, own.facilitator) == ("Programa CREANDO", "Rosa")  # the workshop's own
    assert certificate_wording({"issuer": "", "partner": "", "facilitator": ""})["partner"] == ""


def test_the_handout_card_is_the_contact_details_else_the_certificate_facilitator(store) -> None:
    workshop, _made = ensure_demo(store)
    assert facilitator_card(store, workshop.id) is None
    set_certificate_settings(store, workshop.id, facilitator="Rosa Quispe Mamani")
    card = facilitator_card(store, workshop.id)
    assert (card.name, card.phone, card.email) == ("Rosa Quispe Mamani", "", "")  # name alone
    save_contact(FACILITATOR, ContactSetting("Lucía Ramos Quispe", "lucia@correo.example.pe",
                                             "+51987000111"))
    card = facilitator_card(store, workshop.id)
    assert (card.name, card.phone, card.email) == ("Lucía Ramos Quispe", "+51987000111",
                                                   "lucia@correo.example.pe")
    from facilitator_app.services.export_data import handout_data

    first = store.sessions.for_workshop(workshop.id)[0]
    assert handout_data(store, first.id).facilitator == card


def test_the_subject_access_controller_is_the_organisation_else_the_issuer() -> None:
    def said(issuers: list[str]) -> str:
        return " ".join(" ".join(lines) for _title, lines in controller_notes(str, issuers))

    assert "Programa CREANDO is responsible" in said(["Programa CREANDO", ""])
    assert "ask your facilitator" in said([""])
    save_contact(ORGANISATION, ORG)
    text = said(["Programa CREANDO"])
    assert f"{ORG.name} is responsible" in text and "Programa CREANDO" not in text
    assert ORG.email in text and ORG.address in text


# -- the demo ---------------------------------------------------------------------------------

def test_the_first_run_demo_names_a_fictional_issuer_and_facilitator_on_itself_alone(
        store) -> None:
    workshop, _made = ensure_demo(store, contacts=True)
    _same, first = demo_certificate(store)
    assert (first.issuer, first.facilitator) == ("Asociación Emprende Lima Norte (ficticia)",
                                                 "Lucía Ramos Quispe")
    assert facilitator_card(store, workshop.id).name == "Lucía Ramos Quispe"  # one name
    assert (organisation(), facilitator()) == (ContactSetting(), ContactSetting())
    real = create_workshop(store, "Taller real", starts_on="2026-04-01").workshop
    assert certificate_wording(store.workshops.certificate_settings(real.id))["issuer"] == ""


def test_the_demo_leaves_the_contact_details_to_name_when_they_are_set(db_file) -> None:
    from facilitator_app.db import open_database
    from facilitator_app.store import Store

    save_contact(ORGANISATION, ORG)
    save_contact(FACILITATOR, ContactSetting("Marta Díaz"))
    store = Store(open_database(db_file), path=db_file)
    try:
        workshop, _made = ensure_demo(store, contacts=True)
        saved = store.workshops.certificate_settings(workshop.id)
        assert (saved["issuer"], saved["facilitator"]) == ("", "")
        _same, first = demo_certificate(store)
        assert (first.issuer, first.facilitator) == (ORG.name, "Marta Díaz")
    finally:
        store.close()


# -- the dialog -------------------------------------------------------------------------------
# pytest-qt's keyClicks aborts the process on non-ASCII text with this PySide6, so the names
# typed here have no accents (the CLI tests above store accented ones).

@pytest.fixture
def reports(qtbot, store):
    from ui.app import make_application
    from ui.pages.reports import ReportsPage

    make_application()
    page = ReportsPage(store)
    qtbot.addWidget(page)
    page.show()
    yield page
    page.runner.wait()


def save_button(dialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)


def test_the_contacts_dialog_saves_what_is_typed(qtbot, reports) -> None:
    from ui.dialogs.contacts_dialog import ContactsDialog

    assert reports.contacts_button.text() == "Contact details…"
    dialog = ContactsDialog(reports)
    qtbot.addWidget(dialog)
    dialog.show()
    fields = dialog.fields
    qtbot.keyClicks(fields["organisation"]["name"], "Asociacion Emprende")
    qtbot.keyClicks(fields["organisation"]["email"], "Datos@Emprende.Example.PE")
    qtbot.keyClicks(fields["organisation"]["phone"], "01 614 7000")
    qtbot.keyClicks(fields["facilitator"]["name"], "Lucia Ramos Quispe")
    qtbot.keyClicks(fields["facilitator"]["phone"], "987 654 321")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == 1 and dialog.error.text() == ""
    assert organisation() == ContactSetting("Asociacion Emprende", "datos@emprende.example.pe",
                                            "+5116147000", "")
    assert facilitator() == ContactSetting("Lucia Ramos Quispe", "", "+51987654321")
    again = ContactsDialog(reports)  # opens with what is saved, phones shown readable
    qtbot.addWidget(again)
    assert again.fields["facilitator"]["phone"].text() == "+51 987 654 321"


def test_the_contacts_dialog_refuses_a_bad_email_and_saves_nothing(qtbot, reports) -> None:
    from ui.dialogs.contacts_dialog import ContactsDialog

    dialog = ContactsDialog(reports)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.fields["organisation"]["name"], "Asociacion Emprende")
    qtbot.keyClicks(dialog.fields["facilitator"]["email"], "lucia@correo")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == 0 and dialog.isVisible()
    assert "facilitator's e-mail lucia@correo" in dialog.error.text()
    assert organisation() == ContactSetting()  # not even the right field was saved
    dialog.fields["facilitator"]["email"].clear()
    qtbot.keyClicks(dialog.fields["facilitator"]["email"], "lucia@correo.example.pe")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == 1 and facilitator().email == "lucia@correo.example.pe"


def test_the_contacts_button_sits_beside_the_certificate_settings_in_spanish(reports) -> None:
    from ui.pages.reports import KINDS

    reports.kinds.setCurrentRow(list(KINDS).index("certificates"))
    assert reports.certificate_settings.isVisible() and reports.contacts_button.isVisible()
    assert reports.certificate_settings.parentWidget() is reports.contacts_button.parentWidget()
    set_language("es")
    reports.retranslate()
    assert reports.contacts_button.text() == "Datos de contacto…"
