"""argparse's own words (`usage:`, `options:`, its error messages) in the chosen language.

argparse looks up its module-level `_` and `ngettext` each time it builds a message, so pointing
them at facilitator_app.i18n makes its help and errors speak our language; strings we do not
know pass through unchanged. The msgids below are argparse's own, as Python 3.11 to 3.14 spell
them: listed here (source "argparse") so `catalogue update` extracts them for translation.
"""

from __future__ import annotations

import argparse

from facilitator_app.i18n import N_, _, ngettext


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular/plural pair for extraction without translating it yet."""
    return singular, plural


ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("subcommands"),
    N_("%(heading)s:"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_(" (default: %(default)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("%(prog)s: warning: %(message)s\n"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("option '%(option)s' is deprecated"),
    N_("argument '%(argument_name)s' is deprecated"),
    N_("command '%(parser_name)s' is deprecated"),
)
ARGPARSE_PLURALS = (
    N_plural("expected %s argument", "expected %s arguments"),
    N_plural("conflicting option string: %s", "conflicting option strings: %s"),
)


def install() -> None:
    """Route argparse's messages through our catalogue (idempotent)."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
