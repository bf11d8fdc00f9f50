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


@pytest.mark.parametrize("header", [
    "_parent_table_name", "_parent_index", "_index", "_uuid", "_id", "_submission__id",
    "_submission__uuid", "_submission__submission_time", "_submission___version__",
    "_submission__submitted_by", "$edited", "meta/instanceID", "meta/instanceName",
    "formhub/uuid", "__version__", "SubmitterName", "SubmitterID", "KEY", "PARENT_KEY",
    "grupo/_nombre_calculado",
])
def test_kobo_and_odk_metadata_is_never_about_the_person(header: str) -> None:
    from facilitator_app.importing.headers import is_metadata

    assert is_metadata(header)
    assert guess_field(header) is Field.IGNORE


def test_a_kobo_repeat_sheet_maps_only_its_own_questions() -> None:
    headers = ("miembros.edad", "miembros.sexo", "_index", "_parent_table_name",
               "_parent_index", "_submission__id", "_submission__uuid")
    assert guess_mapping(headers) == {1: Field.GENDER}
    assert guess_mapping(("participantes/nombre_participante", "_index",
                          "_parent_table_name")) == {0: Field.FULL_NAME}


@pytest.mark.parametrize(("word", "field"), [
    ("name", Field.FULL_NAME), ("full_name", Field.FULL_NAME), ("given", Field.GIVEN_NAMES),
    ("family_names", Field.FAMILY_NAMES), ("email", Field.EMAIL), ("correo", Field.EMAIL),
    ("celular", Field.PHONE), ("Phone", Field.PHONE), ("-", Field.IGNORE),
    ("skip", Field.IGNORE), ("", Field.IGNORE), ("nacionalidad", Field.NATIONALITY),
    ("bogus", None),
])
def test_fields_named_in_a_columns_list(word: str, field) -> None:
    from facilitator_app.importing.headers import field_named

    assert field_named(word) is field
