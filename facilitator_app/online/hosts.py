"""The meeting's host, and other people seen on the host's account.

Same e-mail, same account: a row with the host's e-mail is the host, on this or another
device ("iPhone de Carmen", "Carmen (Host)"). The exception is a row with the host's
e-mail under another person's name while the host is in the meeting under their own:
someone using the host's computer or link. Dropping that row with the host would lose a
participant's minutes, so:
- when another row of the report (without the host's e-mail) has that name, it is that
  person: the row joins theirs (aderras' "Lady Gaga", who rejoined on the host's account);
- otherwise it is kept as its own person, known by the name only, and sent to review;
and either way a note names the line.
"""

from __future__ import annotations

from datetime import datetime

from facilitator_app.i18n import _
from facilitator_app.online.identity import is_tag, split_suffix
from facilitator_app.online.matching import clean_name
from facilitator_app.online.model import DOUBT_IDENTITY, Join, Report
from facilitator_app.online.words import key


def host_words(name: str) -> set[str]:
    """The words of a name without "(Host)"-like tags, devices and numbering."""
    shown, suffix = split_suffix(name)
    return set(clean_name(shown if suffix and is_tag(suffix) else name).split())


def resolve_host_account(report: Report, joins: list[Join], host_email: str,
                         host_names: tuple[str, ...]) -> None:
    """Mark the host's rows; rows on the host's account under another name are not."""
    emails = {join.email for join in joins if join.is_host and join.email}
    emails |= {host_email.lower()} - {""}
    on_account = [join for join in joins if join.email in emails]
    if not on_account:
        return
    names = [host_words(name) for name in host_names if host_words(name)]
    names += [host_words(join.name) for join in joins if join.is_host]
    if not any(names):
        first = min(on_account, key=lambda join: (join.start or datetime.max, join.line))
        names = [host_words(first.name)]
    others = {key(join.original_name or join.name): join for join in joins
              if join.email not in emails and not join.is_host}
    for join in on_account:
        if join.is_host or _is_host(host_words(join.name), names):
            join.is_host = True
            continue
        join.email = ""
        other = others.get(key(join.original_name or join.name))
        if other is not None:
            report.notes.append(_("Line {line}: {name} joined with the host's e-mail; "
                                  "counted with the {name} of line {other}, not as the "
                                  "host.").format(line=join.line, name=join.name,
                                                  other=other.line))
        else:
            join.doubt = DOUBT_IDENTITY
            report.notes.append(_("Line {line}: {name} joined with the host's e-mail under "
                                  "another name: kept as a separate person, to review.")
                                .format(line=join.line, name=join.name))


def _is_host(words: set[str], names: list[set[str]]) -> bool:
    """A device or the host's own name, in full or in part."""
    return not words or any(words <= name or name <= words for name in names if name)
