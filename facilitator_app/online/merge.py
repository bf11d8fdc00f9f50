"""One line per person: reconnects summed, overlapping joins counted once, the host and
note-taking bots left out, and every doubt about who is who said, never guessed away."""

from __future__ import annotations

from datetime import timedelta

from facilitator_app.i18n import _, ngettext
from facilitator_app.online.hosts import resolve_host_account
from facilitator_app.online.identity import is_bot
from facilitator_app.online.matching import clean_name
from facilitator_app.online.model import DOUBT_IDENTITY, DOUBT_NAME, Join, Participant, Report
from facilitator_app.online.words import key

Groups = dict[str, list[Join]]


def person_key(join: Join) -> str:
    """Same e-mail, same account; without one, the (original) name, and what the e-mail
    column held when it was not an e-mail."""
    if join.email:
        return join.email
    name = key(join.original_name or join.name)
    return f"{name}#{key(join.account)}" if join.account else name


def merge_joins(report: Report, joins: list[Join], host_email: str = "",
                host_names: tuple[str, ...] = ()) -> list[Participant]:
    """The report's people, each once, in the order they first appear."""
    joins = _without_bots(report, joins)
    resolve_host_account(report, joins, host_email, host_names)
    groups = _split_whole_rows(report, _attach_unsigned(_group(joins)))
    people = []
    for person, group in groups.items():
        group.sort(key=lambda join: join.line)
        if any(join.is_host for join in group):
            report.notes.append(_("{name} is the meeting's host and was left out.").format(
                name=group[0].name))
            continue
        people.append(_participant(person, group))
    people.sort(key=lambda participant: participant.line)
    _flag_shared_names(report, people)
    _flag_beyond_meeting(report, people)
    return people


def _without_bots(report: Report, joins: list[Join]) -> list[Join]:
    bots = {join.name for join in joins if is_bot(join.name, join.email)}
    for name in sorted(bots):
        report.notes.append(_("{name} is a note-taking bot, not a person, and was left out.")
                            .format(name=name))
    return [join for join in joins if join.name not in bots]


def _group(joins: list[Join]) -> Groups:
    groups: Groups = {}
    for join in joins:
        groups.setdefault(person_key(join), []).append(join)
    return groups


def _attach_unsigned(groups: Groups) -> Groups:
    """Rows without an e-mail join the one person with an e-mail who has their name
    (Zoom: joined first as a guest, then signed in); with two such people, they stay apart."""
    by_name: dict[str, set[str]] = {}
    for person, group in groups.items():
        if group[0].email:
            for join in group:
                by_name.setdefault(key(join.original_name or join.name), set()).add(person)
    for person in [p for p, group in groups.items() if not group[0].email
                   and not group[0].account]:
        owners = by_name.get(person, set())
        if len(owners) == 1:
            groups[next(iter(owners))].extend(groups.pop(person))
    return groups


def _split_whole_rows(report: Report, groups: Groups) -> Groups:
    """A report of totals lists each person once: rows that look alike there are
    different people whose names were anonymised or shared, never one person."""
    result: Groups = {}
    for person, group in groups.items():
        whole = [join for join in group if join.whole]
        if len(whole) < 2:
            result[person] = group
            continue
        for join in group:
            join.doubt = DOUBT_IDENTITY
            result[f"{person}#{join.line}"] = [join]
        report.notes.append(_(
            "Lines {lines} carry the same name and e-mail ({name}), but this report lists "
            "each person once: they are kept as {n} people, to review.").format(
                lines=", ".join(str(join.line) for join in group), name=group[0].name,
                n=len(group)))
    return result


def _participant(person: str, group: list[Join]) -> Participant:
    minutes, overlapped = _minutes(group)
    first = group[0]
    email = next((join.email for join in group if join.email), "")
    original = next((join.original_name for join in group if join.original_name), "")
    doubt = DOUBT_IDENTITY if any(join.doubt == DOUBT_IDENTITY for join in group) else ""
    found = Participant(name=first.name, email=email, minutes=round(minutes, 1),
                        line=first.line, joins=len(group), original_name=original,
                        key=person, doubt=doubt)
    if overlapped:
        found.flags.append(_("Joined from two devices at once: the overlap is counted once."))
    names = list(dict.fromkeys(join.name for join in group if clean_name(join.name)))
    if email and len({clean_name(name) for name in names}) > 1:
        found.flags.append(_("Rows under different names share this e-mail ({names}): "
                             "counted as one person.").format(names=", ".join(names)))
    return found


def _minutes(group: list[Join]) -> tuple[float, bool]:
    """Time present and whether joins overlapped: merged intervals when the report has
    times, else summed durations."""
    if not all(join.start and join.end for join in group):
        return sum(join.minutes or 0 for join in group), False
    spans = sorted((join.start, max(join.end, join.start)) for join in group)
    total, overlapped = timedelta(), False
    current_start, current_end = spans[0]
    for start, end in spans[1:]:
        if start <= current_end:  # two devices at once (or touching): counted once
            overlapped = overlapped or start < current_end
            current_end = max(current_end, end)
        else:
            total += current_end - current_start
            current_start, current_end = start, end
    total += current_end - current_start
    return total.total_seconds() / 60, overlapped


def _flag_shared_names(report: Report, people: list[Participant]) -> None:
    """People shown under one name with different e-mails stay apart, go to review, and
    are never matched by that name alone."""
    by_name: dict[str, list[Participant]] = {}
    for person in (p for p in people if p.doubt != DOUBT_IDENTITY):  # already to review
        by_name.setdefault(key(person.original_name or person.name), []).append(person)
    for same in by_name.values():
        if len(same) < 2:
            continue
        for person in same:
            person.doubt = person.doubt or DOUBT_NAME
        emails = ", ".join(person.email or _("no e-mail") for person in same)
        report.notes.append(ngettext(
            "{n} person is called {name} ({emails}): kept apart, to review.",
            "{n} people are called {name} ({emails}): kept apart, to review.",
            len(same)).format(n=len(same), name=same[0].name, emails=emails))


def _flag_beyond_meeting(report: Report, people: list[Participant]) -> None:
    length = report.length()
    if not length:
        return
    for person in people:
        if person.minutes > length + 1:
            flag = _("{minutes:.0f} minutes, more than the {length:.0f} the meeting lasted: "
                     "check them.").format(minutes=person.minutes, length=length)
            person.flags.append(flag)
            report.notes.append(f"{person.name}: {flag}")
