"""The Programme page in the real main window, on an SQLite programme file: import two
desks' archives (trusting each desk by its fingerprint), the figures it shows, a pair to
review merged and undone, the documents written and logged, an encrypted archive, an
aggregate-only programme, and both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog

from facilitator_app.db import open_database
from facilitator_app.programme.hub import open_programme
from facilitator_app.programme.page_data import (
    person_keys,
    remember_target,
    remembered_target,
    without_password,
)
from facilitator_app.programme.people import merges, proposals
from facilitator_app.programme.report import programme_report_data
from facilitator_app.programme.summary import status
from facilitator_app.services.archive import create_archive
from facilitator_app.services.demo import ensure_demo
from facilitator_app.services.export_log import exports_log
from facilitator_app.store import Store
from tests.programme_support import Desk
from ui.app import make_application
from ui.main_window import MainWindow
from ui.pages.programme import ProgrammePage
from ui.pages.registry import PAGES
from ui.programme.documents import FiveWDialog, ReportDialog
from ui.programme.figures import card_values
from ui.programme.target_dialog import TargetDialog

PROGRAMME = next(i for i, spec in enumerate(PAGES) if spec.title == "Programme")


def two_desks(root: Path) -> tuple[Desk, Desk, list[Path]]:
    """Desk A: a March workshop (Ana in the room, Luis online, Ana introduced to a partner);
    desk B: an April one (another Ana Quispe with another phone, and Luis again)."""
    a, b = Desk.on(root / "a"), Desk.on(root / "b")
    lima = a.workshop("Taller Lima", "2026-03-02")
    money = a.session(lima, "Finanzas", "2026-03-02T15:00:00+00:00", "2026-03-02T16:00:00+00:00")
    ana = a.person(lima, "Ana", "Quispe", phone="+51 987 654 321")
    luis = a.person(lima, "Luis", "Rojas", phone="+51 987 000 111")
    a.admit(lima, money, ana, "2026-03-02T15:05:00+00:00")
    a.admit(lima, money, luis, "2026-03-02T15:06:00+00:00", online_minutes=40)
    a.introduce(lima, ana, a.partner("Caja Sol"), "2026-03-02T15:30:00+00:00")
    callao = b.workshop("Taller Callao", "2026-04-06")
    sales = b.session(callao, "Ventas", "2026-04-06T15:00:00+00:00", "2026-04-06T16:00:00+00:00")
    other_ana = b.person(callao, "Ana", "Quispe", phone="+51 911 222 333")
    luis_again = b.person(callao, "Luis", "Rojas", phone="+51 987 000 111")
    b.admit(callao, sales, other_ana, "2026-04-06T15:05:00+00:00")
    b.admit(callao, sales, luis_again, "2026-04-06T15:07:00+00:00")
    return a, b, [a.archive(lima, "lima.zip"), b.archive(callao, "callao.zip")]


@pytest.fixture
def desks(tmp_path: Path):
    a, b, archives = two_desks(tmp_path / "desks")
    yield a, b, archives
    a.close()
    b.close()


@pytest.fixture
def window(qtbot, tmp_path: Path):
    make_application()
    path = tmp_path / "staff" / "creando.db"
    path.parent.mkdir()
    store = Store(open_database(path), path=path)
    ensure_demo(store)
    main = MainWindow(store, path)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()
    store.close()


def settle(qtbot, page: ProgrammePage) -> None:
    qtbot.waitUntil(lambda: not page.work.busy, timeout=30_000)


def programme_page(qtbot, window: MainWindow, target: Path,
                   aggregate_only: bool | None = None) -> ProgrammePage:
    window.show_page(PROGRAMME)
    page = window.page(PROGRAMME)
    assert isinstance(page, ProgrammePage) and page.isVisible()
    settle(qtbot, page)
    page.open_target(str(target), aggregate_only)
    settle(qtbot, page)
    return page


def import_by_clicking(qtbot, page: ProgrammePage, monkeypatch, paths: list[Path],
                       trusted: list[str]) -> list[str]:
    """Click Import with the file dialog answering `paths`; the desks in `trusted` are
    trusted when asked, others declined. Returns the desks asked about."""
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *args, **kwargs: ([str(p) for p in paths], "*.zip"))
    asked: list[str] = []

    def confirm(signer, files) -> bool:
        asked.append(signer.fingerprint)
        return signer.fingerprint in trusted

    monkeypatch.setattr(page.importer, "confirm_trust", confirm)
    page.importer.files_button.click()
    settle(qtbot, page)
    assert set(trusted) <= set(asked) and len(asked) == len(set(asked))
    return asked


def shown_cards(page: ProgrammePage) -> dict[str, int]:
    return {key: int(card.value.text()) for key, card in page.numbers.cards.items()}


def test_import_shows_the_programme_figures_and_a_pair_is_merged_then_undone(
        qtbot, window, desks, tmp_path, monkeypatch) -> None:
    a, b, archives = desks
    target = tmp_path / "programme.sqlite"
    page = programme_page(qtbot, window, target)
    assert shown_cards(page)["reached"] == 0
    import_by_clicking(qtbot, page, monkeypatch, archives, [a.fingerprint, b.fingerprint])
    lines = [page.importer.results.item(i).text() for i in range(page.importer.results.count())]
    assert len(lines) == 2 and all(line.startswith("✓ ") for line in lines), lines
    assert "lima.zip (Taller Lima): people new to the programme: 2" in lines[0]
    assert "1 pair to review" in lines[1]

    programme = open_programme(target)
    figures, report = status(programme), programme_report_data(programme, "en")
    by_mode = list(report.by_mode.counts.values())
    assert shown_cards(page) == {
        "workshops": report.workshops, "sessions": report.sessions_held,
        "reached": report.reached, "new": report.new, "returning": report.returning,
        "in_room": by_mode[0], "online": by_mode[1], "both": by_mode[2],
        "to_review": figures["to_review"]}
    assert (report.workshops, report.reached, report.returning, figures["to_review"]) == \
        (2, 3, 1, 1)
    months = page.numbers.months
    assert [months.data(months.index(r, 0)) for r in range(months.rowCount())] == \
        ["2026-03", "2026-04"]
    assert months.data(months.index(1, 4)) == str(report.months[1].new)

    review = page.review
    assert review.list.count() == 1
    text = review.list.item(0).text()
    assert text.count("Ana Quispe") == 2 and "Taller Lima" in text and "Taller Callao" in text
    assert "same name, different phone and e-mail" in text
    assert not review.undo_button.isEnabled()
    review.merge_button.click()
    settle(qtbot, page)
    assert proposals(programme) == [] and len(merges(programme)) == 1
    assert review.list.count() == 0 and review.undo_button.isEnabled()
    assert shown_cards(page)["reached"] == 2 and shown_cards(page)["to_review"] == 0

    review.undo_button.click()
    settle(qtbot, page)
    assert merges(programme) == [] and len(proposals(programme)) == 1
    assert review.list.count() == 1 and shown_cards(page)["reached"] == 3
    programme.close()

    window.set_language("es")
    assert window.nav.item(PROGRAMME).text() == "Programa"
    assert page.importer.files_button.text() != "&Import archives…"
    assert page.numbers.cards["reached"].caption.text() != "Different people reached"
    assert "mismo nombre" in review.list.item(0).text()
    assert "personas nuevas para el programa: 2" in page.importer.results.item(0).text()
    window.set_language("en")
    assert page.importer.files_button.text() == "&Import archives…"


def test_an_untrusted_desk_stays_out_and_says_so(qtbot, window, desks, tmp_path,
                                                 monkeypatch) -> None:
    a, b, archives = desks
    page = programme_page(qtbot, window, tmp_path / "programme.sqlite")
    asked = import_by_clicking(qtbot, page, monkeypatch, archives, [a.fingerprint])
    assert sorted(asked) == sorted([a.fingerprint, b.fingerprint])  # each desk once
    lines = [page.importer.results.item(i).text() for i in range(page.importer.results.count())]
    assert lines[0].startswith("✓ lima.zip")
    assert lines[1].startswith("✗ callao.zip: not imported.") and b.fingerprint in lines[1]
    assert shown_cards(page)["workshops"] == 1 and shown_cards(page)["reached"] == 2


def test_an_encrypted_archive_asks_its_password(qtbot, window, desks, tmp_path,
                                                monkeypatch) -> None:
    a, _b, _archives = desks
    workshop = a.store.workshops.list()[0].id
    locked = create_archive(a.store, workshop, tmp_path / "locked.zip", password="secreto")
    page = programme_page(qtbot, window, tmp_path / "programme.sqlite")
    answers = iter([("wrong", True), ("secreto", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: next(answers))
    import_by_clicking(qtbot, page, monkeypatch, [locked], [a.fingerprint])
    assert page.importer.results.item(0).text().startswith("✓ locked.zip (Taller Lima)")
    assert shown_cards(page)["reached"] == 2


def test_an_aggregate_only_programme_shows_keys_not_names(qtbot, window, desks, tmp_path,
                                                          monkeypatch) -> None:
    """No names are kept, so only contacts link people: a registration whose phone is
    Ana's and whose e-mail is Rosa's is a pair to review, shown by keys."""
    a, _b, archives = desks
    c = Desk.on(tmp_path / "desks" / "c")
    piura = c.workshop("Taller Piura", "2026-04-20", department="20", province="Piura")
    c.person(piura, "Rosa", "Flores", email="rosa.flores@example.org")
    c.person(piura, "Rosa", "Flores", phone="+51 987 654 321", email="rosa.flores@example.org")
    archives = [archives[0], c.archive(piura, "piura.zip")]
    target = tmp_path / "partners.sqlite"
    page = programme_page(qtbot, window, target, aggregate_only=True)
    import_by_clicking(qtbot, page, monkeypatch, archives, [a.fingerprint, c.fingerprint])
    c.close()
    assert page.review.list.count() == 1
    text = page.review.list.item(0).text()
    assert "Ana" not in text and "Rosa" not in text and "Flores" not in text
    programme = open_programme(target)
    pair = proposals(programme)[0]
    keys = person_keys(programme, [pair.first.id, pair.second.id])
    programme.close()
    shown_keys = {keys[pair.first.id][:8], keys[pair.second.id][:8]}
    assert len(shown_keys) == 2  # two people told apart
    for key in shown_keys:
        assert f"key {key}…" in text
    assert "Taller Lima" in text and "Taller Piura" in text
    assert "the phone is one person's, the e-mail another's" in text
    assert "pseudonymous keys only" in page.where.text()
    assert remembered_target() == str(target)


def test_both_documents_are_written_and_logged(qtbot, window, desks, tmp_path,
                                               monkeypatch) -> None:
    a, b, archives = desks
    page = programme_page(qtbot, window, tmp_path / "programme.sqlite")
    import_by_clicking(qtbot, page, monkeypatch, archives, [a.fingerprint, b.fingerprint])
    report, five_w = tmp_path / "out" / "programa", tmp_path / "out" / "5w.xlsx"
    report.parent.mkdir()
    monkeypatch.setattr(ReportDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(report), "*.xlsx"))
    page.report_button.click()
    settle(qtbot, page)
    assert report.with_suffix(".xlsx").is_file()

    def five_w_for_april(self) -> int:
        self.month.setDate(self.month.date().fromString("2026-04-01", "yyyy-MM-dd"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(FiveWDialog, "exec", five_w_for_april)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(five_w), "*.xlsx"))
    page.five_w_button.click()
    settle(qtbot, page)
    assert five_w.is_file() and "5w.xlsx" in page.written.text()
    kinds = [entry.kind for entry in exports_log(window.store)]
    assert kinds[:2] == ["five-w", "programme-report"]


def test_a_server_password_is_never_remembered() -> None:
    url = "postgresql://staff:s3cret@db.example.org/programa"
    assert without_password(url) == "postgresql://staff@db.example.org/programa"
    remember_target(url)
    assert remembered_target() == "postgresql://staff@db.example.org/programa"


def test_the_figures_cards_follow_the_report(qtbot, window, desks, tmp_path,
                                             monkeypatch) -> None:
    a, _b, archives = desks
    page = programme_page(qtbot, window, tmp_path / "programme.sqlite")
    import_by_clicking(qtbot, page, monkeypatch, archives[:1], [a.fingerprint])
    assert card_values(page.figures) == shown_cards(page)
    assert shown_cards(page)["online"] == 1 and shown_cards(page)["in_room"] == 1


def test_different_people_are_kept_apart(qtbot, window, desks, tmp_path, monkeypatch) -> None:
    a, b, archives = desks
    target = tmp_path / "programme.sqlite"
    page = programme_page(qtbot, window, target)
    import_by_clicking(qtbot, page, monkeypatch, archives, [a.fingerprint, b.fingerprint])
    page.review.separate_button.click()
    settle(qtbot, page)
    programme = open_programme(target)
    assert proposals(programme) == [] and len(proposals(programme, "separate")) == 1
    programme.close()
    assert page.review.list.count() == 0 and not page.review.undo_button.isEnabled()
    assert page.review.note.text() == "Nothing to review."
    assert shown_cards(page)["reached"] == 3 and shown_cards(page)["to_review"] == 0


def test_change_opens_a_new_aggregate_only_file_and_remembers_it(qtbot, window, tmp_path,
                                                                  monkeypatch) -> None:
    window.show_page(PROGRAMME)
    page = window.page(PROGRAMME)
    settle(qtbot, page)
    assert "Not created yet" in page.where.text()
    chosen = tmp_path / "socios.sqlite"

    def answer(dialog: TargetDialog) -> int:
        assert dialog.file_choice.isChecked()
        dialog.path.setText(str(chosen))
        dialog.aggregate.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TargetDialog, "exec", answer)
    page.change_button.click()
    settle(qtbot, page)
    assert chosen.is_file() and remembered_target() == str(chosen)
    assert str(chosen) in page.where.text() and "pseudonymous keys only" in page.where.text()
    programme = open_programme(chosen)
    assert programme.aggregate_only
    programme.close()


def test_the_dialog_never_shows_a_server_password_but_keeps_it_for_the_session(qtbot) -> None:
    make_application()
    url = "postgresql://staff:s3cret@db.example.org/programa"
    dialog = TargetDialog(url)
    qtbot.addWidget(dialog)
    assert dialog.server_choice.isChecked() and "s3cret" not in dialog.url.text()
    assert dialog.target() == url  # left as it was: the session's password stays
    assert "kept only until CREANDO Desk closes" in dialog.note.text()
    dialog.url.setText("postgresql://staff@db.example.org/otro")
    assert dialog.target() == "postgresql://staff@db.example.org/otro"
    assert dialog.note.text() == ""


def test_a_folder_is_imported_once(qtbot, window, desks, tmp_path, monkeypatch) -> None:
    _a, _b, archives = desks
    page = programme_page(qtbot, window, tmp_path / "programme.sqlite")
    folder = archives[0].parent.parent  # desks/: a/lima.zip and b/callao.zip
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(folder))
    monkeypatch.setattr(page.importer, "confirm_trust", lambda signer, files: True)
    for _round in range(2):
        page.importer.folder_button.click()
        settle(qtbot, page)
    lines = [page.importer.results.item(i).text() for i in range(page.importer.results.count())]
    assert lines == ["✓ lima.zip: nothing new (Taller Lima was already in the programme).",
                     "✓ callao.zip: nothing new (Taller Callao was already in the programme)."]
    assert shown_cards(page)["workshops"] == 2 and shown_cards(page)["reached"] == 3
