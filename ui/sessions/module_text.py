"""A module as Markdown for reading on screen (deck library and runner)."""

from __future__ import annotations

from facilitator_app.decks.model import Module
from facilitator_app.i18n import _


def module_markdown(module: Module, *, notes: bool = True) -> str:
    parts = [f"# {module.title}", _("{n} minutes").format(n=module.minutes)]
    if module.objectives:
        parts.append("**" + _("Objectives") + "**\n\n" + "\n".join(
            f"- {o}" for o in module.objectives))
    if module.takeaway:
        parts.append("**" + _("Takeaway") + ":** " + module.takeaway)
    if module.steps:
        parts.append("**" + _("Steps") + "**\n\n" + "\n".join(
            f"{n}. {s}" for n, s in enumerate(module.steps, start=1)))
    if module.activity:
        parts.append("**" + _("Activity") + "**\n\n" + module.activity)
    if module.materials:
        parts.append("**" + _("Materials") + ":** " + ", ".join(module.materials))
    if module.resources:
        parts.append("**" + _("Resources") + "**\n\n" + "\n".join(
            f"- [{r.title}]({r.url})" for r in module.resources))
    if notes and module.notes:
        parts.append("**" + _("Facilitator notes") + "**\n\n" + module.notes)
    return "\n\n".join(parts)
