"""Save a PNG of every main-window page (run under Xvfb: `xvfb-run python scripts/screenshots.py`).

Usage: python scripts/screenshots.py DB_PATH OUT_DIR [es|en] [LIST_TO_PREVIEW | --door]

With `--door`: the check-in desk in door mode, full screen at Xvfb's screen size, with every
outcome, nobody found and a walk-in's badge (see scripts/screenshots_door.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests' frame maker

from PySide6.QtCore import QTimer

from facilitator_app.db import open_database
from facilitator_app.services.demo import ensure_demo
from facilitator_app.store import Store
from ui.app import make_application
from ui.main_window import MainWindow
from ui.qt_i18n import apply_language


def shoot_checkin(window: MainWindow, save) -> None:
    """The desk admitting by camera frame, by scanner burst and by name search."""
    from PySide6.QtCore import Qt
    from PySide6.QtMultimedia import QVideoFrameInput
    from PySide6.QtTest import QTest

    from facilitator_app.services.badges import badge_token
    from scripts.screenshots_door import no_shows
    from tests.test_ui_checkin import badge_frame

    window.show_page(2)
    page = window.page(2)
    absent = no_shows(page.store, page.workshop)
    source = QVideoFrameInput()
    page.camera.session.setVideoFrameInput(source)
    source.sendVideoFrame(badge_frame(badge_token(page.store, page.workshop.id, absent[0].id),
                                      angle=15, scale=1.0, seed=3))
    page.camera.decoder.wait()
    QTest.qWait(300)
    save(window, "checkin-camera")
    page.search.setFocus()
    QTest.keyClicks(page.search, badge_token(page.store, page.workshop.id, absent[1].id))
    QTest.keyClick(page.search, Qt.Key.Key_Return)
    save(window, "checkin-scanner")
    QTest.keyClicks(page.search, absent[0].name.split()[0].lower(), delay=60)
    QTest.keyClick(page.search, Qt.Key.Key_Return)
    save(window, "checkin-search")
    page.handle_code("C" + "Q" * 26, None)
    save(window, "checkin-forged")


def shoot_sessions(window: MainWindow, save) -> None:
    """Session attendance merged (in the room and online), and the review queue."""
    from ui.dialogs.review_dialog import ReviewDialog

    window.show_page(3)
    page = window.page(3)
    page.session_list.setCurrentRow(0)
    save(window, "sessions-attendance")
    page.session_list.setCurrentRow(1)
    fixture = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "zoom"
    from facilitator_app.services.online_attendance import import_report

    import_report(page.store, page.current_session().id,
                  fixture / "zoom_es_join_rows.csv")
    page.show_session()
    dialog = ReviewDialog(page.store, page.workshop, page.current_session(), window)
    dialog.show()
    save(dialog, "sessions-review")
    dialog.close()
    shoot_runner(window, page, save)


def shoot_runner(window: MainWindow, page, save) -> None:
    """An agenda from the Spanish deck, the runner in overtime, and the presenter screen."""
    from datetime import timedelta

    from facilitator_app.clock import system_clock

    page.session_list.setCurrentRow(2)  # a session whose agenda is built here
    page.agenda._fill([])
    page.agenda._save()
    page.tabs.setCurrentWidget(page.agenda)
    deck = next(i for i, d in enumerate(page.agenda.decks) if d.id == "creando-es")
    page.agenda.deck_box.setCurrentIndex(deck)
    for row in (0, 1):
        page.agenda.modules.setCurrentRow(row)
        page.agenda.add_module()
    page.agenda.add_break()
    for row in (2, 5):
        page.agenda.modules.setCurrentRow(row)
        page.agenda.add_module()
    save(window, "agenda")
    offset = {"minutes": 0}
    page.run.clock = lambda: system_clock() + timedelta(minutes=offset["minutes"])
    page.run.set_session(page.current_session())
    page.tabs.setCurrentWidget(page.run)
    page.run.toggle()
    offset["minutes"] = 16
    page.run.tick()
    save(window, "runner-overtime")
    presenter = page.run.open_presenter()
    save(presenter, "presenter")
    page.run.close_presenter()


def shoot_networking(window: MainWindow, save) -> None:
    """Two badges scanned in a row, the suggestions, and the follow-up list."""
    from datetime import timedelta

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from facilitator_app.services.badges import badge_token

    window.show_page(4)
    page = window.page(4)
    people = page.store.attendees.for_workshop(page.workshop.id)
    page.introductions.search.setFocus()
    for person in (people[3], people[7]):
        QTest.keyClicks(page.introductions.search,
                        badge_token(page.store, page.workshop.id, person.id))
        QTest.keyClick(page.introductions.search, Qt.Key.Key_Return)
    page.introductions.purpose.setText("Proveedor de telas para la costura")
    save(window, "networking-two-scans")
    page.introductions.record()
    save(window, "networking-recorded")
    page.tabs.setCurrentWidget(page.suggestions)
    save(window, "networking-suggestions")
    later = page.followups.today() + timedelta(days=9)
    page.followups.today = lambda: later
    page.followups.refresh()
    page.tabs.setCurrentWidget(page.followups)
    save(window, "networking-followups")


def main() -> int:
    db_path, out = Path(sys.argv[1]), Path(sys.argv[2])
    language = sys.argv[3] if len(sys.argv) > 3 else "es"
    out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    apply_language(language)
    store = Store(open_database(db_path), path=db_path)
    ensure_demo(store)
    window = MainWindow(store, db_path)
    window.show()

    def save(widget, name: str) -> Path:
        app.processEvents()
        target = out / f"{language}-{name}.png"
        widget.grab().save(str(target))
        print(target)
        return target

    def shoot_the_door() -> None:
        from scripts.screenshots_door import shoot_door

        shoot_door(window, save)
        app.quit()

    def shoot() -> None:
        for index in range(len(window.pages)):
            window.show_page(index)
            save(window, f"{index}-{type(window.page(index)).__name__.lower()}")
        window.show_page(1)
        window.page(1).search.setText("nuñez ROSA")
        save(window, "attendees-search")
        shoot_checkin(window, save)
        shoot_sessions(window, save)
        shoot_networking(window, save)
        window.show_page(5)
        reports = window.page(5)
        reports.kinds.setCurrentRow(0)
        reports.export_to(out / "handout.pdf")
        reports.runner.wait()
        app.processEvents()
        save(window, "reports")
        window.show_page(6)
        save(window, "archive")
        if len(sys.argv) > 4 and sys.argv[4] != "--door":
            from ui.dialogs.import_dialog import ImportDialog

            dialog = ImportDialog(store, window.current_workshop(), window)
            dialog.show()
            dialog.load(Path(sys.argv[4]))
            save(dialog, "import-preview")
            dialog.tabs.setCurrentIndex(0)
            save(dialog, "import-columns")
            dialog.close()
        app.quit()

    QTimer.singleShot(300, shoot_the_door if "--door" in sys.argv[4:] else shoot)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
