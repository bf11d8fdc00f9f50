"""Programme: many workshops' archives in one programme database (a file here or a
PostgreSQL server), its key figures and months, people to review, and the programme report
and the 5W. Every read and write of the programme runs off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.errors import KnownError
from facilitator_app.i18n import _, current_language
from facilitator_app.programme.documents import write_five_w_report, write_report
from facilitator_app.programme.hub import mode_words, shown
from facilitator_app.programme.page_data import (
    PageFigures,
    exists,
    has_password,
    page_figures,
    remember_target,
    remembered_target,
)
from facilitator_app.programme.people import decide, undo_merge
from facilitator_app.store import Store
from ui.dialogs.errors import show_known_error
from ui.pages.base import Page
from ui.programme.documents import FiveWDialog, ReportDialog
from ui.programme.figures import FiguresBox
from ui.programme.importing import ImportBox
from ui.programme.review import ReviewBox
from ui.programme.target_dialog import TargetDialog
from ui.programme.work import ProgrammeWork


class ProgrammePage(Page):
    loaded = Signal()  # the figures were read again (tests wait for it)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.target = remembered_target()  # a URL's password only for this session
        self.figures: PageFigures | None = None
        self.problem = ""
        self.wrote: Path | None = None  # the newest document written from here
        self.work = ProgrammeWork(store, self)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        layout.addWidget(self.heading)
        layout.addWidget(self._database_box())
        self.numbers = FiguresBox()
        body = QHBoxLayout()
        body.addWidget(self.numbers, stretch=3)
        side = QVBoxLayout()
        self.importer = ImportBox(self.work, lambda: self.target, self.reload)
        self.review = ReviewBox()
        self.review.decided.connect(self.decide)
        self.review.undo_requested.connect(self.undo)
        side.addWidget(self.importer, stretch=2)
        side.addWidget(self.review, stretch=3)
        body.addLayout(side, stretch=2)
        layout.addLayout(body, stretch=1)
        layout.addLayout(self._documents_row())
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.reload)
        self.loaded_once = False
        self.retranslate()

    def _database_box(self) -> QGroupBox:
        self.database = QGroupBox()
        row = QHBoxLayout(self.database)
        self.where = QLabel(wordWrap=True)
        self.where.setObjectName("programmeTarget")
        self.change_button = QPushButton()
        self.change_button.clicked.connect(self.change_target)
        self.reload_button = QPushButton()
        self.reload_button.clicked.connect(self.reload)
        row.addWidget(self.where, stretch=1)
        row.addWidget(self.reload_button)
        row.addWidget(self.change_button)
        return self.database

    def _documents_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.report_button, self.five_w_button = QPushButton(), QPushButton()
        self.report_button.clicked.connect(self.export_report)
        self.five_w_button.clicked.connect(self.export_five_w)
        self.written = QLabel(wordWrap=True)
        self.written.setObjectName("exportResult")
        row.addWidget(self.report_button)
        row.addWidget(self.five_w_button)
        row.addWidget(self.written, stretch=1)
        return row

    def retranslate(self) -> None:
        self.heading.setText(_("Programme"))
        self.database.setTitle(_("Programme database"))
        self.change_button.setText(_("&Change…"))
        self.reload_button.setText(_("&Refresh"))
        self.reload_button.setToolTip(_("Read the figures again (F5), for instance when "
                                        "colleagues import on the same server"))
        self.report_button.setText(_("&Programme report…"))
        self.five_w_button.setText(_("&5W report…"))
        self.numbers.retranslate()
        self.importer.retranslate()
        self.review.retranslate()
        self._show_written()
        self._show_where()

    # -- the database -------------------------------------------------------------------

    def _show_where(self) -> None:
        lines = [shown(self.target)]
        if self.figures is not None:
            figures = self.figures.status
            lines[0] = _("{name}: {target}").format(name=figures["name"], target=lines[0])
            lines.append(_("Keeps {mode}. Archives imported: {n}; different people: {p}.")
                         .format(mode=mode_words(figures["mode"]), n=figures["archives"],
                                 p=figures["people"]))
        elif not exists(self.target):
            lines.append(_("Not created yet: the first import creates it (names and "
                           "contacts). For an aggregate-only one, choose Change…"))
        if has_password(self.target):
            lines.append(_("The server's password is kept only until CREANDO Desk closes."))
        if self.problem:
            lines.append(self.problem)
        self.where.setText("\n".join(lines))
        self.where.setAccessibleName(_("Programme database") + ": " + " ".join(lines))

    def change_target(self) -> None:
        dialog = TargetDialog(self.target, self)
        if dialog.exec():
            self.open_target(dialog.target(), dialog.aggregate_only())

    def open_target(self, target: str, aggregate_only: bool | None = None) -> None:
        """Point the page at `target` (created when new) and remember it, without any
        password."""
        def opened(_result: object) -> None:
            self.target = target
            remember_target(target)
            self.reload()

        self.work.run(target, lambda programme, store: None, opened, self._failed,
                      aggregate_only=aggregate_only)

    # -- figures --------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        if not self.loaded_once:
            self.loaded_once = True
            self.reload()
        super().showEvent(event)

    def set_workshop(self, workshop) -> None:
        self.workshop = workshop  # the programme does not follow the current workshop

    def reload(self) -> None:
        if not exists(self.target):
            self._show(None)
            return
        language = current_language()
        self.work.run(self.target, lambda programme, store: page_figures(programme, language),
                      self._show, self._unreadable)

    def _show(self, figures: PageFigures | None) -> None:
        self.figures, self.problem = figures, ""
        self.numbers.show_figures(figures)
        self.review.show_pending(figures.pending if figures else [],
                                 figures.last_merge if figures else None,
                                 figures.keys if figures else {})
        self._show_where()
        self.loaded.emit()

    def _unreadable(self, exc: Exception, details: str) -> None:
        if not isinstance(exc, KnownError):
            raise exc
        self._show(None)
        self.problem = exc.message
        self._show_where()

    def _failed(self, exc: Exception, details: str) -> None:
        if not isinstance(exc, KnownError):
            raise exc
        show_known_error(self, exc)
        self.reload()

    # -- people to review -----------------------------------------------------------------

    def decide(self, proposal_id: str, merge: bool) -> None:
        self.work.run(self.target, lambda programme, _s: decide(programme, proposal_id, merge),
                      lambda _merge_id: self.reload(), self._failed)

    def undo(self, merge_id: str) -> None:
        self.work.run(self.target, lambda programme, _s: undo_merge(programme, merge_id),
                      lambda _none: self.reload(), self._failed)

    # -- documents ------------------------------------------------------------------------

    def export_report(self) -> None:
        dialog = ReportDialog(self)
        if not dialog.exec():
            return
        first, last = dialog.months()
        target = self.ask_target(_("Save the programme report"), "programme-report.xlsx")
        if target:
            language = current_language()
            self._write(target, lambda programme, store: write_report(
                programme, store, target, language, first=first, last=last))

    def export_five_w(self) -> None:
        dialog = FiveWDialog(self)
        if not dialog.exec():
            return
        month, template = dialog.chosen()
        target = self.ask_target(_("Save the 5W report"), f"5w-{month}.xlsx")
        if target:
            self._write(target, lambda programme, store: write_five_w_report(
                programme, store, month, template, target))

    def ask_target(self, title: str, suggested: str) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(self, title, str(Path.home() / suggested),
                                                    "*.xlsx")
        return Path(name).with_suffix(".xlsx") if name else None

    def _write(self, target: Path, work) -> None:
        def written(_data: object) -> None:
            self.wrote = target
            self._show_written()

        for button in (self.report_button, self.five_w_button):
            button.setEnabled(False)
        self.work.run(self.target, work, lambda data: (written(data), self._ready()),
                      lambda exc, details: (self._ready(), self._failed(exc, details)))

    def _show_written(self) -> None:
        self.written.setText(_("Saved {file}; it is in this desk's exports log.").format(
            file=self.wrote) if self.wrote else "")

    def _ready(self) -> None:
        for button in (self.report_button, self.five_w_button):
            button.setEnabled(True)
