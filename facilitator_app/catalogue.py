"""Keep the translation catalogues in step with the code (a developer tool, uses Babel).

`python -m facilitator_app.catalogue update [LANG ...]` extracts every `_()`, `N_()` and
`ngettext()` string from the code into `assets/locale/creando.pot`, merges it into each
language's `.po` (a new language gets a new one) and compiles the `.mo` the app loads.
`... catalogue check` lists what is missing or stale in any language (also a test).
"""

from __future__ import annotations

import gettext
import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from facilitator_app.i18n import DOMAIN, LANGUAGES
from facilitator_app.paths import locale_dir

ROOT = Path(__file__).resolve().parent.parent
SOURCE_PACKAGES = ("facilitator_app", "ui", "exports")
SOURCE_LANGUAGE = "en"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "N_plural": (1, 2)}
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")
# printf-style placeholders (argparse's own messages): a wrong one would break its output
PERCENT = re.compile(r"%(?:\([a-z_]+\))?[sdr%]")


def po_path(language: str) -> Path:
    return locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract() -> Catalog:
    """Every translatable string in the code, with where it is used."""
    catalog = Catalog(project="CREANDO Desk", domain=DOMAIN)
    for package in SOURCE_PACKAGES:
        for filename, lineno, message, comments, context in extract_from_dir(
            ROOT / package, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            catalog.add(message, locations=[(f"{package}/{filename}", lineno)],
                        auto_comments=comments, context=context)
    return catalog


def read_catalog(language: str) -> Catalog:
    with po_path(language).open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def compiled_mo(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def problems(language: str) -> Iterator[str]:
    """What is missing or wrong in a language's catalogue, one line each."""
    catalog = read_catalog(language)
    for message in extract():
        if not message.id:
            continue
        found = catalog.get(message.id)
        singular = message.id if isinstance(message.id, str) else message.id[0]
        if found is None or not found.string or (
            not isinstance(found.string, str) and not all(found.string)
        ):
            yield f"{language}: not translated: {singular!r}"
            continue
        if found.fuzzy:
            yield f"{language}: fuzzy: {singular!r}"
        translations = [found.string] if isinstance(found.string, str) else found.string
        for text in translations:
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(singular)):
                yield f"{language}: placeholders differ: {singular!r} -> {text!r}"
            if message.python_format and sorted(PERCENT.findall(text)) != sorted(
                    PERCENT.findall(singular)):
                yield f"{language}: %-placeholders differ: {singular!r} -> {text!r}"
    mo = po_path(language).with_suffix(".mo")
    if not mo.exists() or not _mo_matches(catalog, mo):
        yield f"{language}: {mo.name} is not compiled from the current .po"


def _mo_matches(catalog: Catalog, mo: Path) -> bool:
    """True when the compiled file gives every translation the .po has (and no other)."""
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    expected = {
        message.id: message.string
        for message in catalog
        if message.id and isinstance(message.id, str) and message.string and not message.fuzzy
    }
    catalogue_ids = {key for key in compiled._catalog if isinstance(key, str) and key}
    return catalogue_ids == set(expected) and all(
        compiled.gettext(key) == value for key, value in expected.items()
    )


def update(language: str = "es") -> None:
    template = extract()
    with (locale_dir() / f"{DOMAIN}.pot").open("wb") as handle:
        write_po(handle, template, omit_header=True, sort_output=True)
    target = po_path(language)
    catalog = read_catalog(language) if target.exists() else Catalog(locale=language,
                                                                       domain=DOMAIN)
    catalog.update(template, no_fuzzy_matching=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        write_po(handle, catalog, omit_header=True, sort_output=True, ignore_obsolete=True)
    with target.open("rb") as handle:
        fresh = read_po(handle, locale=language, domain=DOMAIN)
    target.with_suffix(".mo").write_bytes(compiled_mo(fresh))


def translated_languages() -> list[str]:
    """Every language the app speaks except the English of the source strings."""
    return [language for language in LANGUAGES if language != SOURCE_LANGUAGE]


def main(argv: list[str]) -> int:
    """`update [LANG ...]` (default: every language) or `check`."""
    if argv[:1] == ["update"]:
        for language in argv[1:] or translated_languages():
            update(language)
        return 0
    if argv[:1] == ["check"]:
        found = [line for language in translated_languages() for line in problems(language)]
        print("\n".join(found) or "catalogue complete")
        return 1 if found else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
