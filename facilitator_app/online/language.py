"""What one language's table of report words holds (the tables are in languages/)."""

from __future__ import annotations

from dataclasses import dataclass, field

Words = dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Language:
    """One language's words, as the platforms write them (accents and case as shown)."""

    code: str
    headers: Words  # column role -> header spellings
    actions: Words = field(default_factory=dict)  # joined | joined_before | left -> words
    roles: Words = field(default_factory=dict)  # organizer | presenter | attendee -> words
    sections: Words = field(default_factory=dict)  # summary | participants | activities
    summary: Words = field(default_factory=dict)  # title | start | end | duration | count
    titles: tuple[str, ...] = ()  # a report's bare first line: "Meeting Summary"
    guest_tags: tuple[str, ...] = ()  # "(Guest)", "(External)": never an original name
    host_tags: tuple[str, ...] = ()  # "(Host)": the row is the meeting's host
    other_tags: tuple[str, ...] = ()  # "(Co-host)", "(Me)": a tag, not an original name
    units: Words = field(default_factory=dict)  # h | m | s -> unit words
    date_words: tuple[str, ...] = ()  # words between date and time: "à", "um", "alle"
    yes: tuple[str, ...] = ()  # "Yes" in a waiting-room column
    day_first: bool | None = True  # 05/10/2023 is 5 October (None: the file must say)
