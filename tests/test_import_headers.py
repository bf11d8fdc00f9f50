"""Header auto-mapping in Spanish and English, Kobo group paths, and what is not a name."""

from __future__ import annotations

import pytest

from facilitator_app.importing.headers import Field, guess_field, guess_mapping


@pytest.mark.parametrize(("header", "field"), [
    ("Nombres y apellidos", Field.FULL_NAME),
    ("Nombre completo", Field.FULL_NAME),
    ("Full name", Field.FULL_NAME),
    ("Tell me your name!", Field.FULL_NAME),
    ("participants/Participant_name", Field.FULL_NAME),
    ("group_datos/nombre", Field.GIVEN_NAMES),
    ("Apellidos", Field.FAMILY_NAMES),
    ("Last name", Field.FAMILY_NAMES),
    ("Celular / WhatsApp", Field.PHONE),
    ("Número de teléfono", Field.PHONE),
    ("Dirección de correo electrónico", Field.EMAIL),
    ("E-mail", Field.EMAIL),
    ("Nacionalidad", Field.NATIONALITY),
    ("Nombre del emprendimiento", Field.BUSINESS),
    ("Rubro del negocio", Field.SECTOR),
    ("Distrito de residencia", Field.DISTRICT),
    ("Sexo", Field.GENDER),
    ("¿Autoriza el tratamiento de sus datos personales?", Field.CONSENT_PROCESSING),
    ("¿Acepta compartir su contacto con otros participantes?",
     Field.CONSENT_SHARE_PARTICIPANTS),
    ("¿Podemos compartir tus datos con instituciones aliadas?", Field.CONSENT_SHARE_PARTNERS),
    ("¿Autorizas el uso de fotos del taller?", Field.CONSENT_PHOTOS),
    ("I agree to photos being taken", Field.CONSENT_PHOTOS),
])
def test_headers_map_to_fields(header: str, field: Field) -> None:
    assert guess_field(header) is field


@pytest.mark.parametrize("header", [
    "Team Name", "children[1]/childs_name", "location-area_name", "location-quadrat_photo",
    "Marca temporal", "Timestamp", "_uuid", "reporter", "Nombre del proyecto",
])
def test_columns_that_are_not_about_the_person_are_left_out(header: str) -> None:
    assert guess_field(header) is Field.IGNORE


def test_each_field_goes_to_one_column_and_a_full_name_beats_a_first_name() -> None:
    mapping = guess_mapping(("Nombre", "Nombre completo", "Celular", "Teléfono"))
    assert mapping == {1: Field.FULL_NAME, 2: Field.PHONE}
