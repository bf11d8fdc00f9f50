"""What a command says: human text, or JSON on stdout, chosen once by `--json`."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import Any

from facilitator_app.i18n import _

EXIT_OK = 0


@dataclass(frozen=True)
class Reply:
    """A command's result: `data` for `--json`, `text` for people, and the exit code."""

    data: Any
    text: str
    code: int = EXIT_OK


class Output:
    """Human text or JSON on stdout; errors on stderr (and as a JSON object with `--json`)."""

    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json

    def emit(self, reply: Reply) -> None:
        if self.as_json:
            print(json.dumps(reply.data, ensure_ascii=False, indent=2))
        elif reply.text:
            print(reply.text)

    def error(self, kind: str, message: str, **extra: Any) -> None:
        """A refused outcome, a known error or a bug: one line on stderr, JSON on stdout."""
        if self.as_json:
            print(json.dumps({"error": kind, "message": message, **extra}, ensure_ascii=False))
        prefix = _("Internal error") if kind == "bug" else _("Error")
        print(f"{prefix}: {message}", file=sys.stderr)
