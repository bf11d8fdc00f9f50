"""Who a report row is: the shown name, Zoom's original name, the e-mail, and rows that
are not people at all (note-taking bots).

Rules, each one a case seen in real reports:
- Zoom writes a renamed participant as "Shown (Original)"; the original is the real name
  and is kept for matching. Only on Zoom: Teams writes "Ana (Guest)", and a guest is not
  called "Guest".
- A parenthesised suffix is a tag, not a name, when it is a known tag in any language
  ("(Guest)", "(Invitado)", "(Host)", "(Co-host)") or when different people share it
  (different shown names, without one e-mail in common): many people are never one.
- An e-mail is something with one "@" and a dot after it. Anything else in the e-mail
  column (Zoom's truncated "ana.paz…") is not an e-mail; the row is known by its name.
- Teams guests' "Participant ID (UPN)" is `ana.paz_example.org#ext#@tenant...`: used only
  when the Email column is empty, and read back as `ana.paz@example.org`.
"""

from __future__ import annotations

import re

from facilitator_app.online.words import HOST_TAGS, TAGS, key

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_SUFFIX = re.compile(r"^(?P<shown>.*\S)\s*[(（](?P<suffix>[^()（）]+)[)）]\s*$")
# AI note-takers and recorders that join meetings as participants.
_BOT_NAMES = re.compile(
    r"\b(notetaker|note taker|otter ai|otter\.ai|fireflies|read ai|read\.ai|textalize|"
    r"tl ?dv|meetgeek|sembly|tactiq|avoma|fathom|ai companion|ai notes|recording bot|"
    r"meeting bot|bot de notas)\b", re.IGNORECASE)
_BOT_DOMAINS = ("otter.ai", "fireflies.ai", "read.ai", "textalize.ai", "tldv.io",
                "meetgeek.ai", "sembly.ai", "tactiq.io", "avoma.com", "fathom.video")


def is_email(text: str) -> bool:
    return bool(_EMAIL.fullmatch(text))


def email_from_upn(upn: str) -> str:
    """A Teams guest's UPN (`ana.paz_example.org#ext#@tenant.onmicrosoft.com`) as the
    address it stands for; a member's UPN as it is; "" when it is no address."""
    value = upn.strip().lower()
    if "#ext#" in value:
        local = value.split("#ext#", 1)[0]
        user, underscore, domain = local.rpartition("_")
        value = f"{user}@{domain}" if underscore else ""
    return value if is_email(value) else ""


def split_suffix(name: str) -> tuple[str, str]:
    """("Shown", "Suffix") for "Shown (Suffix)", else (name, "")."""
    match = _SUFFIX.match(name)
    return (match["shown"].strip(), match["suffix"].strip()) if match else (name.strip(), "")


def is_tag(suffix: str) -> bool:
    """"Guest", "Invitado", "Host", "Co-host", "EXT" ... in any language."""
    return key(suffix) in TAGS


def is_host_tag(name: str) -> bool:
    """A Zoom name ending in "(Host)" (in any language): the meeting's host."""
    _shown, suffix = split_suffix(name)
    return bool(suffix) and key(suffix) in HOST_TAGS


def original_names(rows: list[tuple[str, str]]) -> dict[str, str]:
    """Zoom's "Shown (Original)" for rows of (shown name, e-mail): shown name -> original
    name, for the names whose suffix is an identity: not a tag, and not shared by
    different people (rows with different shown names and different or no e-mails)."""
    holders: dict[str, set[str]] = {}
    for name, email in rows:
        shown, suffix = split_suffix(name)
        if suffix and not is_tag(suffix):
            holders.setdefault(key(suffix), set()).add(email.lower() or key(shown))
    found = {}
    for name, _email in rows:
        shown, suffix = split_suffix(name)
        if suffix and not is_tag(suffix) and len(holders[key(suffix)]) == 1:
            found[name] = suffix
    return found


def is_bot(name: str, email: str) -> bool:
    """An AI note-taker or recorder ("Fireflies.ai Notetaker", "Textalize AI")."""
    domain = email.rpartition("@")[2].lower()
    return bool(_BOT_NAMES.search(name)) or any(
        domain == bot or domain.endswith("." + bot) for bot in _BOT_DOMAINS)
