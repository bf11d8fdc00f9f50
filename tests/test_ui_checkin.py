"""The check-in page end to end: camera frames, scanner bursts, name search, undo, sessions."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import qrcode
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QTransform
from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat, QVideoFrameInput

from facilitator_app.db import open_database
from facilitator_app.demo_data import load_demo
from facilitator_app.services.badges import badge_token
from facilitator_app.services.checkin import Outcome
from facilitator_app.services.demo import ensure_demo
from facilitator_app.store import Store
from ui.app import make_application
from ui.desk.sounds import SoundPlayer
from ui.pages.checkin import CheckinPage


@pytest.fixture
def page(qtbot, db_file: Path):
    make_application()
    store = Store(open_database(db_file), path=db_file)
    workshop, _ = ensure_demo(store)
    desk = CheckinPage(store, sounds=SoundPlayer(enabled=True))
    qtbot.addWidget(desk)
    desk.set_workshop(workshop)
    desk.show()
    qtbot.waitExposed(desk)
    yield desk
    desk.camera.decoder.wait()
    store.close()


def no_show(page):
    names = {p.name: p for p in page.store.attendees.for_workshop(page.workshop.id)}
    return [names[spec.name] for spec in load_demo().no_shows()]


def badge_frame(token: str | None, *, angle: float, scale: float, seed: int) -> QVideoFrame:
    """A 1280x720 webcam-like frame: grey noise, and the badge QR rotated and scaled."""
    rng = random.Random(seed)
    frame = QImage(1280, 720, QImage.Format.Format_RGB32)
    frame.fill(QColor(150, 150, 140))
    painter = QPainter(frame)
    for _ in range(3000):
        shade = rng.randint(90, 210)
        painter.fillRect(rng.randrange(1280), rng.randrange(720), 3, 3,
                         QColor(shade, shade, shade))
    if token:
        matrix = qrcode.QRCode(border=4)
        matrix.add_data(token)
        matrix.make(fit=True)
        picture = matrix.make_image().get_image().convert("RGB")
        data = picture.tobytes()
        code = QImage(data, picture.width, picture.height, picture.width * 3,
                      QImage.Format.Format_RGB888).copy()
        code = code.scaledToWidth(int(300 * scale))
        code = code.transformed(QTransform().rotate(angle),
                                Qt.TransformationMode.SmoothTransformation)
        painter.drawImage(1280 // 2 - code.width() // 2, 720 // 2 - code.height() // 2, code)
    painter.end()
    return QVideoFrame(frame)


def nv12_frame(rgb: QVideoFrame) -> QVideoFrame:
    """The same picture as a webcam delivers it: NV12 (luminance plane, then chroma)."""
    grey = rgb.toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    frame = QVideoFrame(QVideoFrameFormat(grey.size(), QVideoFrameFormat.PixelFormat.Format_NV12))
    assert frame.map(QVideoFrame.MapMode.WriteOnly)
    luma, chroma = frame.bits(0), frame.bits(1)
    stride = frame.bytesPerLine(0)
    source = grey.constBits()
    for row in range(grey.height()):
        start = row * grey.bytesPerLine()
        luma[row * stride: row * stride + grey.width()] = source[start: start + grey.width()]
    chroma[:] = bytes([128]) * len(chroma)
    frame.unmap()
    return frame


def send_frames(qtbot, page, frames) -> list[str]:
    found: list[str] = []
    page.camera.code_found.connect(found.append)
    source = QVideoFrameInput()
    page.camera.session.setVideoFrameInput(source)
    for frame in frames:
        assert source.sendVideoFrame(frame)
        qtbot.waitUntil(lambda: not page.camera.decoder.busy, timeout=5000)
    return found


def test_a_badge_held_to_the_camera_is_admitted_once(qtbot, page) -> None:
    person = no_show(page)[0]
    token = badge_token(page.store, page.workshop.id, person.id)
    frames = [badge_frame(None, angle=0, scale=1, seed=1)]
    frames += [badge_frame(token, angle=a, scale=s, seed=n)
               for n, (a, s) in enumerate([(12, 1.0), (-25, 0.8), (40, 1.3)])]
    found = send_frames(qtbot, page, frames)
    assert found == [token]  # the same code again within seconds is ignored
    assert page.result.outcome is Outcome.ADMITTED
    assert page.result.name.text() == person.name
    assert page.sounds.last_played == "ok"
    admitted = page.store.db.execute(
        "SELECT method FROM checkin_events WHERE attendee_id = ? AND kind = 'admitted'",
        [person.id]).fetchall()
    assert admitted == [("camera",)]


def test_webcam_yuv_frames_are_read_from_their_luminance_plane(qtbot, page) -> None:
    person = no_show(page)[5]
    token = badge_token(page.store, page.workshop.id, person.id)
    found = send_frames(qtbot, page, [nv12_frame(badge_frame(token, angle=-20, scale=0.9,
                                                             seed=9))])
    assert found == [token] and page.result.outcome is Outcome.ADMITTED


@pytest.mark.parametrize("image_format", [
    QImage.Format.Format_ARGB32_Premultiplied, QImage.Format.Format_RGBX8888,
    QImage.Format.Format_RGB888, QImage.Format.Format_RGB16])
def test_every_image_format_a_video_sink_may_give_decodes(image_format) -> None:
    from ui.desk.frames import decode_image

    image = badge_frame("C" + "A" * 26, angle=10, scale=1, seed=4).toImage()
    assert decode_image(image.convertToFormat(image_format)) == ["C" + "A" * 26]


def test_a_frame_that_fails_to_decode_does_not_stop_the_camera(qtbot, page,
                                                               monkeypatch) -> None:
    from ui.desk import frames

    calls = []

    def broken(image):
        calls.append(1)
        if len(calls) == 1:
            raise TypeError("zxing-cpp could not read this frame")
        return []

    monkeypatch.setattr(frames, "decode_image", broken)
    send_frames(qtbot, page, [badge_frame(None, angle=0, scale=1, seed=s) for s in range(2)])
    assert len(calls) == 2 and not page.camera.decoder.busy


def test_frames_without_a_code_admit_nobody(qtbot, page) -> None:
    before = page.store.checkins.count(page.workshop.id)
    found = send_frames(qtbot, page, [badge_frame(None, angle=0, scale=1, seed=s)
                                      for s in range(3)])
    assert found == [] and page.result.outcome is None
    assert page.store.checkins.count(page.workshop.id) == before


def test_a_scanner_burst_admits_wherever_the_focus_is(qtbot, page) -> None:
    person = no_show(page)[1]
    token = badge_token(page.store, page.workshop.id, person.id)
    page.search.setFocus()
    qtbot.keyClicks(page.search, "ro")  # someone had started typing a name
    qtbot.wait(80)
    qtbot.keyClicks(page.search, token)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.result.outcome is Outcome.ADMITTED and page.result.name.text() == person.name
    assert page.search.text() == "ro"  # the burst never reached the search box
    page.undo_button.setFocus()
    qtbot.keyClicks(page.undo_button, token)
    qtbot.keyClick(page.undo_button, Qt.Key.Key_Return)
    assert page.result.outcome is Outcome.ALREADY_IN
    assert page.result.headline.text().startswith("Already in since")


def test_slow_typing_is_not_taken_for_a_scanner(qtbot, page) -> None:
    with qtbot.assertNotEmitted(page.wedge.scanned):
        qtbot.keyClicks(page.search, "nunez", delay=90)
        qtbot.wait(90)
        qtbot.keyClick(page.search, Qt.Key.Key_Down)
        qtbot.wait(90)
    assert page.matches.count() >= 1


def test_search_then_enter_admits_the_highlighted_person(qtbot, page) -> None:
    person = no_show(page)[2]
    page.search.setText(person.name.upper())
    assert page.matches.count() == 1
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.result.outcome is Outcome.ADMITTED and page.result.name.text() == person.name
    assert page.search.text() == ""


def test_undo_check_out_and_refusals(qtbot, page) -> None:
    person = no_show(page)[3]
    page.search.setText(person.name)
    qtbot.mouseClick(page.admit_button, Qt.MouseButton.LeftButton)
    counts = page.counts.text()
    qtbot.keyClick(page, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.result.headline.text() == "Admission undone" and page.counts.text() != counts
    assert page.result.name.text() == person.name  # it says whom it undid
    page.search.setText(person.name)
    qtbot.mouseClick(page.admit_button, Qt.MouseButton.LeftButton)
    page.search.setText(person.name)
    qtbot.mouseClick(page.checkout_button, Qt.MouseButton.LeftButton)
    assert page.result.outcome is Outcome.CHECKED_OUT
    assert page.handle_code("C" + "A" * 26, None).outcome is Outcome.FORGED
    assert page.sounds.last_played == "error"
    assert page.result.headline.text() == "Forged code"  # refusals in the big line too
    assert page.result.words.text() == "Not a genuine badge of this workshop"
    old = badge_token(page.store, page.workshop.id, person.id)
    badge_token(page.store, page.workshop.id, person.id, reissue=True)
    assert page.handle_code(old, None).outcome is Outcome.REVOKED


def test_session_attendance_is_counted_per_session(qtbot, page) -> None:
    person = no_show(page)[4]
    page.session_box.setCurrentIndex(2)
    page.search.setText(person.name)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert "This session: 1" in page.counts.text()
    session_id = page.session_box.currentData()
    stored = page.store.db.execute(
        "SELECT session_id FROM checkin_events WHERE attendee_id = ?", [person.id]).fetchall()
    assert stored == [(session_id,)]


def test_a_large_registry_scans_at_once_and_searches_when_its_index_arrives(
        qtbot, db_file, monkeypatch) -> None:
    from ui import index_loader

    monkeypatch.setattr(index_loader, "SYNC_LIMIT", 10)  # the demo's 60 count as large
    make_application()
    store = Store(open_database(db_file), path=db_file)
    workshop, _ = ensure_demo(store)
    desk = CheckinPage(store, sounds=SoundPlayer(enabled=False))
    qtbot.addWidget(desk)
    desk.set_workshop(workshop)
    desk.show()
    assert desk.loader.loading and "ready" in desk.search.placeholderText()
    person = no_show(desk)[0]
    qtbot.keyClicks(desk.search, badge_token(store, workshop.id, person.id))
    qtbot.keyClick(desk.search, Qt.Key.Key_Return)
    assert desk.result.outcome is Outcome.ADMITTED  # the scanner never waits for the index
    qtbot.waitUntil(lambda: desk.finder.index is not None)
    desk.search.setText(no_show(desk)[1].name)
    assert desk.matches.count() == 1
    desk.loader.wait()
    store.close()
