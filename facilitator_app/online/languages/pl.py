"""Polish: Teams lists and reports as Polish users publish them ("Imię i nazwisko",
"Godzina dołączenia", "Godzina opuszczenia", durations "1 godz. 2 min 3 sek.")."""

from facilitator_app.online.language import Language

WORDS = Language(
    code="pl",
    headers={
        "name": ("Imię i nazwisko",),
        "email": ("Adres e-mail", "E-mail"),
        "join": ("Godzina dołączenia",),
        "leave": ("Godzina opuszczenia",),
        "duration": ("Czas trwania",),
        "role": ("Rola",),
        "action": ("Akcja użytkownika", "Działanie użytkownika"),
        "timestamp": ("Znacznik czasu",),
    },
    actions={"joined": ("Dołączył", "Dołączyła", "Dołączono"), "left": ("Opuścił", "Opuściła")},
    roles={"organizer": ("Organizator",), "presenter": ("Prezenter",),
           "attendee": ("Uczestnik",)},
    units={"h": ("godz.", "godz"), "m": ("min",), "s": ("sek.", "sek", "s")},
)
