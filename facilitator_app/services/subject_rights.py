"""The closing pages of a subject-access document: who is responsible for the person's data
(the organisation in the document settings) and their rights under Peru's Personal Data
Protection Law (Ley N.° 29733: access, rectification, cancellation, opposition) with how to
exercise them. Plain words, no article numbers."""

from __future__ import annotations

from facilitator_app.document_settings import organisation
from facilitator_app.wording import Gettext

Notes = list[tuple[str, list[str]]]


def controller_notes(_: Gettext, issuers: list[str] | None = None) -> Notes:
    """Who answers for the data: the organisation in the settings (else the issuer named by
    the person's workshops) with its contact, or how to get them."""
    who = organisation()
    name = who.name or ", ".join(dict.fromkeys(i for i in issuers or [] if i))
    if name:
        lines = [_("{organisation} is responsible for your data (the controller) and answers "
                   "your requests.").format(organisation=name)]
    else:
        lines = [_("The organisation that runs your workshop is responsible for your data. "
                   "Its name and contact have not been entered in CREANDO Desk yet: ask your "
                   "facilitator for them.")]
    reach = [text for text in (who.email, who.phone, who.address) if text]
    if reach:
        lines.append(_("Contact: {name}").format(name=" · ".join(reach)))
    return [(_("Who is responsible for your data"), lines)]


def rights_notes(_: Gettext) -> Notes:
    """The ARCO rights in plain words, then how to exercise them and where to complain."""
    rights = [
        _("Peru's Personal Data Protection Law (Ley N.° 29733) gives you these rights over "
          "your data:"),
        "• " + _("Access: to know what data about you is held, what it is used for and who "
                 "receives it. This document answers that right."),
        "• " + _("Rectification: to have data that is wrong, out of date or incomplete "
                 "corrected."),
        "• " + _("Cancellation: to have your data deleted when it is no longer needed for the "
                 "purpose it was collected for, or when you withdraw your consent."),
        "• " + _("Opposition: to object to a use of your data for a legitimate reason about "
                 "your own situation."),
        _("You can also withdraw any of the consents listed above at any time; it applies "
          "from then on."),
    ]
    how = [
        _("Write to or visit the organisation responsible for your data (see above), say "
          "which right you want to exercise and show who you are, for example with your DNI, "
          "Carné de Extranjería or PTP. Exercising these rights is free of charge."),
        _("If you get no answer within the time the law allows, or you disagree with the "
          "answer, you can file a complaint with the Autoridad Nacional de Protección de "
          "Datos Personales (Peru's data protection authority, part of the Ministry of "
          "Justice and Human Rights: www.gob.pe/minjus)."),
    ]
    return [(_("Your rights"), rights), (_("How to exercise your rights"), how)]
