"""Exports: 1,000 badges, the workshop report for 20,000 people x 10 sessions, the handout."""

from __future__ import annotations

import io
import tempfile
import time
import tracemalloc
from pathlib import Path

from benchmarks.common import Row, goal, median_of

BADGES = 1_000
PEOPLE, SESSIONS = 20_000, 10


def badges(repeat: int) -> Row:
    import qrcode
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from exports.pdf.badges import BadgeData, write_badges
    from facilitator_app import tokens

    secret = "ab" * 32
    data = [BadgeData(f"Persona Número {n} Pérez Núñez", "Bodega", "Taller", token,
                      tokens.short_code(token))
            for n, token in enumerate(tokens.mint(secret, "w") for _ in range(BADGES))]

    def ours() -> float:
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            write_badges(data, Path(folder) / "b.pdf")
            return time.perf_counter() - started

    def naive() -> float:
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            sheet = canvas.Canvas(str(Path(folder) / "n.pdf"), pagesize=A4)
            for number, badge in enumerate(data):
                image = qrcode.make(badge.token).get_image()
                x, y = 40 + (number % 2) * 270, 60 + (number // 2 % 4) * 180
                sheet.drawString(x, y + 150, badge.name)
                sheet.drawImage(ImageReader(image), x, y, 100, 100)
                if number % 8 == 7:
                    sheet.showPage()
            sheet.save()
            return time.perf_counter() - started

    figure, baseline = median_of(repeat, ours), median_of(repeat, naive)
    return Row(f"{BADGES:,} badges (vector QR)", figure,
               "naive reportlab loop, a PNG QR per badge", baseline, "s",
               goal(figure < 3, "< 3 s"))


def _big_workshop(folder: Path):
    """20,000 registered people, 10 sessions, about half of them in each session."""
    from benchmarks.data import report_workshop

    return report_workshop(folder / "big.db", PEOPLE, SESSIONS)


def workshop_report(repeat: int) -> Row:
    from openpyxl import Workbook

    from exports.excel.workshop_report import write_workshop_report
    from facilitator_app.services.report_data import workshop_report_data

    with tempfile.TemporaryDirectory() as folder:
        store, workshop = _big_workshop(Path(folder))

        def ours() -> float:
            started = time.perf_counter()
            write_workshop_report(workshop_report_data(store, workshop.id, "bench"),
                                  Path(folder) / "r.xlsx")
            return time.perf_counter() - started

        rows = [(f"Sesión {s}", f"Persona {n} Pérez", "sí", None, "en la sala", "sí")
                for s in range(SESSIONS) for n in range(PEOPLE)]

        def normal_mode() -> float:
            started = time.perf_counter()
            book = Workbook()
            sheet = book.active
            for row in rows:
                sheet.append(row)
            book.save(Path(folder) / "n.xlsx")
            return time.perf_counter() - started

        tracemalloc.start()
        ours()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        figure, baseline = median_of(repeat, ours), median_of(repeat, normal_mode)
        store.close()
    return Row(f"report {PEOPLE:,} people x {SESSIONS} sessions (peak {peak:.0f} MB)", figure,
               "openpyxl normal mode, a row per person and session", baseline, "s",
               goal(figure < 10 and peak < 300, "< 10 s and < 300 MB"))


def handout(repeat: int) -> Row:
    import qrcode
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from exports.pdf.handout import write_handout
    from facilitator_app.db import open_database
    from facilitator_app.services.agenda import AgendaItem, save_agenda
    from facilitator_app.services.demo import ensure_demo
    from facilitator_app.services.export_data import handout_data
    from facilitator_app.store import Store

    store = Store(open_database(":memory:"))
    workshop, _ = ensure_demo(store)
    session = store.sessions.for_workshop(workshop.id)[0]
    from facilitator_app.decks.library import find_deck

    deck = find_deck("creando-es")
    save_agenda(store, session.id, [AgendaItem.of_module(deck.id, m) for m in deck.modules[:5]])
    data = handout_data(store, session.id)
    with tempfile.TemporaryDirectory() as folder:
        size = write_handout(data, Path(folder) / "h.pdf").stat().st_size / 1024
        buffer = io.BytesIO()
        sheet = canvas.Canvas(buffer, pagesize=A5)
        for module in data.modules:
            sheet.drawString(40, 500, module.title)
            sheet.drawString(40, 480, module.takeaway[:80])
            for number, link in enumerate(module.resources):
                sheet.drawImage(ImageReader(qrcode.make(link.url).get_image()),
                                40 + number * 120, 300, 100, 100)
            sheet.showPage()
        sheet.save()
        baseline = len(buffer.getvalue()) / 1024
    store.close()
    return Row("handout of 5 modules (size)", size, "the same content, PNG QR, Helvetica",
               baseline, "KB", goal(size < 150, "< 150 KB"))
