"""Door mode and every check-in outcome, full screen, for `scripts/screenshots.py --door`.

Run under Xvfb at the screen size to shoot, e.g.
`xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots.py DB OUT es --door`
and again at 1280x720. Besides one PNG per outcome it writes `door-outcomes.png`, the
outcomes side by side, and the walk-in's badge offer with the QR shown large.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtTest import QTest

from facilitator_app.demo_data import load_demo
from facilitator_app.models import ConsentPurpose
from facilitator_app.services.badges import badge_token
from facilitator_app.services.workshops import create_workshop
from ui.main_window import CHECKIN_PAGE, MainWindow

SETTLE_MS = 450  # the answer's flash is over, as a person at the door would see it


def no_shows(store, workshop) -> list:
    people = {p.name: p for p in store.attendees.for_workshop(workshop.id)}
    return [people[spec.name] for spec in load_demo().no_shows()]


def outsider_token(store, person) -> str:
    """A badge of another workshop, for "not registered for this workshop"."""
    other = create_workshop(store, "Otro taller de la ONG").workshop
    with store.transaction():
        store.registrations.add(other.id, person.id, "demo")
    return badge_token(store, other.id, person.id)


def outcome_steps(page) -> list[tuple[str, Callable[[], object]]]:
    """(name, action) for every outcome, in the order a day at the door meets them."""
    store, workshop = page.store, page.workshop
    first, second, third = no_shows(store, workshop)[:3]
    token = badge_token(store, workshop.id, first.id)
    old = badge_token(store, workshop.id, second.id)
    badge_token(store, workshop.id, second.id, reissue=True)
    stranger = outsider_token(store, third)

    def scan(code: str) -> Callable[[], object]:
        return lambda: page.handle_code(code, None)

    return [("admitted", scan(token)), ("already-in", scan(token)),
            ("already-in-again", scan(token)), ("revoked", scan(old)),
            ("not-registered", scan(stranger)), ("unknown", lambda: page.finder.code_entered
                                                 .emit("ABCD-EFGH-IJKL")),
            ("forged", scan("C" + "Q" * 26)), ("exit", lambda: page.mode.set_exit(True)),
            ("checked-out", scan(token)), ("not-in", scan(token))]


def shoot_door(window: MainWindow, save: Callable[[object, str], Path]) -> None:
    """Door mode, each outcome, the outcomes side by side, nobody found, the walk-in."""
    window.show_page(CHECKIN_PAGE)
    page = window.page(CHECKIN_PAGE)
    window.door.enter()
    QTest.qWait(SETTLE_MS)
    save(window, "door-ready")
    shots = []
    for name, action in outcome_steps(page):
        action()
        QTest.qWait(SETTLE_MS)
        shots.append(save(window, f"door-{name}"))
    montage(shots, shots[0].with_name(shots[0].name.replace("door-admitted", "door-outcomes")))
    page.mode.set_exit(False)
    QTest.keyClicks(page.search, "zoraida quispe", delay=20)
    QTest.qWait(100)
    QTest.keyClick(page.search, Qt.Key.Key_Return)
    QTest.qWait(SETTLE_MS)
    save(window, "door-nobody-found")
    window.door.leave()
    QTest.qWait(SETTLE_MS)
    shoot_walk_in(window, page, save)


def shoot_walk_in(window: MainWindow, page, save) -> None:
    """The walk-in dialog prefilled from the search, then its badge offer and QR."""
    from ui.dialogs.attendee_dialog import AttendeeDialog

    dialog = AttendeeDialog(page.store, page.workshop, None, page, name=page.finder.typed_name())
    dialog.walk_in_saved.connect(page._walked_in)
    dialog.show()
    dialog.consent_checks[ConsentPurpose.PROCESSING].setChecked(True)
    QTest.qWait(200)
    save(dialog, "walk-in-consent")
    dialog.consent_method.setCurrentIndex(dialog.consent_method.findData("verbal"))
    dialog.accept()
    QTest.qWait(SETTLE_MS)
    save(dialog, "walk-in-badge")
    dialog.badge_offer.show_qr()
    QTest.qWait(200)
    save(dialog.badge_offer.qr_window, "walk-in-qr")
    dialog.badge_offer.qr_window.close()
    dialog.close()
    save(window, "desk-after-walk-in")


def montage(shots: list[Path], target: Path, columns: int = 3) -> Path:
    """The outcomes in a grid of thumbnails (a third of the screen each)."""
    images = [QImage(str(shot)) for shot in shots if "exit" not in shot.name]
    width, height = images[0].width() // columns, images[0].height() // columns
    rows = -(-len(images) // columns)
    sheet = QImage(width * columns, height * rows, QImage.Format.Format_RGB32)
    sheet.fill(Qt.GlobalColor.white)
    painter = QPainter(sheet)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    for number, image in enumerate(images):
        row, column = divmod(number, columns)
        painter.drawImage(column * width, row * height,
                          image.scaled(width, height, Qt.AspectRatioMode.IgnoreAspectRatio,
                                       Qt.TransformationMode.SmoothTransformation))
    painter.end()
    sheet.save(str(target))
    print(target)
    return target
