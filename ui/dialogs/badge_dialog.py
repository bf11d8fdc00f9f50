"""A badge on the spot for someone just registered: print it on any printer (Qt's print
dialog; a position on an A4 sheet of 6, an A6 page or a 62 mm label), show its QR large on
this screen (their phone can photograph it, the desk's camera can read it), or save the QR
as a small image to send by WhatsApp."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from exports.pdf.badges import (
    PER_PAGE,
    BadgeData,
    qr_matrix,
    single_layouts,
    write_single_badge,
)
from exports.qr_png import write_qr_png
from facilitator_app.i18n import _
from facilitator_app.models import Attendee, Workshop
from facilitator_app.scratch import work_folder
from facilitator_app.services.badges import badge_token
from facilitator_app.store import Store
from facilitator_app.tokens import short_code

PREVIEW_WIDTH = 330
PRINT_DPI = 300  # enough for a QR and a name; a 1200 dpi A4 image would need 0.5 GB
POINTS_PER_MM = 72 / 25.4


def layout_names() -> dict[str, str]:
    names = {f"a4-{n}": _("A4 sheet of 6, badge {n}").format(n=n)
             for n in range(1, PER_PAGE + 1)}
    names["a6"] = _("A6 page (one badge, larger)")
    names["label62"] = _("62 mm label")
    return names


def render_pdf_page(pdf: Path, size: QSize):
    """The first page of `pdf` as an image of `size` (QtPdf, no external tools). Shapes are
    drawn without anti-aliasing: a QR's modules stay crisp, with no seams between rows."""
    from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions

    document = QPdfDocument()
    document.load(str(pdf))
    options = QPdfDocumentRenderOptions()
    options.setRenderFlags(QPdfDocumentRenderOptions.RenderFlag.PathAliased)
    rendered = document.render(0, size, options)
    document.close()
    page = QImage(rendered.size(), QImage.Format.Format_RGB32)
    page.fill(QColor("white"))  # paper is white; the render's background is transparent
    painter = QPainter(page)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return page


class BadgeOffer(QWidget):
    """Print, show or save one person's badge."""

    def __init__(self, store: Store, workshop: Workshop, person: Attendee,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.workshop, self.person = store, workshop, person
        self.token = badge_token(store, workshop.id, person.id)
        self.title = QLabel(wordWrap=True)
        self.title.setObjectName("badgeTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.layout_box = QComboBox()
        for key, name in layout_names().items():
            self.layout_box.addItem(name, key)
        self.print_button = QPushButton(_("Print badge…"))
        self.print_button.clicked.connect(self.print_badge)
        self.show_button = QPushButton(_("Show QR large"))
        self.show_button.clicked.connect(self.show_qr)
        self.save_button = QPushButton(_("Save QR image…"))
        self.save_button.clicked.connect(self.save_qr)
        self.title.setText(_("{name} is registered. Their badge:").format(name=person.name))
        self.preview = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.preview.setObjectName("badgePreview")
        self.preview.setPixmap(self._preview_image())
        row = QHBoxLayout()
        row.addWidget(self.layout_box, stretch=1)
        row.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.preview)
        layout.addLayout(row)
        for button in (self.show_button, self.save_button):
            layout.addWidget(button)
        self.qr_window: QrWindow | None = None

    def badge(self) -> BadgeData:
        return BadgeData(self.person.name, self.person.business, self.workshop.title,
                         self.token, short_code(self.token))

    def _preview_image(self) -> QPixmap:
        """The badge as it prints (on A6, where it fills the page), small."""
        with work_folder(self.store.path, "badge") as folder:  # never the system's temp
            pdf = write_single_badge(self.badge(), folder / "preview.pdf", "a6")
            image = render_pdf_page(pdf, QSize(PREVIEW_WIDTH, round(PREVIEW_WIDTH * 105 / 148)))
        return QPixmap.fromImage(image)

    def chosen_layout(self) -> str:
        return self.layout_box.currentData()

    def print_badge(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.prepare(printer)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def prepare(self, printer) -> None:
        """The printer's page: the layout's own size, no margins (the PDF has them)."""
        key = self.chosen_layout()
        width, height = single_layouts()[key].page
        if key.startswith("a4"):
            size = QPageSize(QPageSize.PageSizeId.A4)
        elif key == "a6":
            size = QPageSize(QPageSize.PageSizeId.A6)
        else:  # a roll: the paper's width, then the length cut, portrait as drivers expect
            size = QPageSize(QSizeF(min(width, height) / POINTS_PER_MM,
                                    max(width, height) / POINTS_PER_MM),
                             QPageSize.Unit.Millimeter, self.layout_box.currentText())
        orientation = (QPageLayout.Orientation.Landscape if width > height
                       else QPageLayout.Orientation.Portrait)
        printer.setPageSize(size)
        printer.setPageOrientation(orientation)
        printer.setFullPage(True)
        printer.setDocName(_("Badge: {name}").format(name=self.person.name))

    def print_to(self, printer) -> None:
        """Draw the badge's PDF page onto `printer` (any printer Qt knows, or a PDF file)."""
        with work_folder(self.store.path, "badge") as folder:
            pdf = write_single_badge(self.badge(), folder / "badge.pdf",
                                     self.chosen_layout(), title=self.person.name)
            painter = QPainter(printer)
            target = QRectF(printer.paperRect(printer.Unit.DevicePixel))
            dpi = min(printer.resolution(), PRINT_DPI)
            scale = dpi / printer.resolution()
            image = render_pdf_page(pdf, QSize(round(target.width() * scale),
                                               round(target.height() * scale)))
            painter.drawImage(target, image)
            painter.end()

    def show_qr(self) -> None:
        self.qr_window = QrWindow(self.token, self.person.name, self.window())
        self.qr_window.show()

    def save_qr(self) -> None:
        suggested = str(Path.home() / f"badge-{short_code(self.token)}.png")
        path, _filter = QFileDialog.getSaveFileName(self, _("Save QR image"), suggested,
                                                    _("PNG images (*.png)"))
        if path:
            self.save_qr_to(Path(path))

    def save_qr_to(self, path: Path) -> Path:
        target = path if path.suffix.lower() == ".png" else path.with_suffix(".png")
        written = write_qr_png(self.token, target, box_size=16, name=self.person.name,
                               code=short_code(self.token))
        from facilitator_app.services.export_log import record_export

        record_export(self.store, "badges", written, [self.person.id],
                      workshop_id=self.workshop.id, attendee_id=self.person.id)
        self.title.setText(_("QR image saved: {file}").format(file=written.name))
        return written


class QrView(QWidget):
    """The QR drawn as large as the widget allows, with its quiet zone."""

    QUIET = 4

    def __init__(self, token: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matrix = qr_matrix(token)
        self.setMinimumSize(240, 240)

    def paintEvent(self, _event) -> None:
        cells = len(self.matrix) + 2 * self.QUIET
        side = min(self.width(), self.height())
        module = side // cells
        left = (self.width() - module * cells) // 2 + self.QUIET * module
        top = (self.height() - module * cells) // 2 + self.QUIET * module
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        for y, row in enumerate(self.matrix):
            for x, dark in enumerate(row):
                if dark:
                    painter.fillRect(left + x * module, top + y * module, module, module,
                                     Qt.GlobalColor.black)
        painter.end()


class QrWindow(QDialog):
    """The badge's QR, large, for a phone's camera or the desk's webcam."""

    def __init__(self, token: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Badge QR: {name}").format(name=name))
        self.view = QrView(token)
        caption = QLabel(f"{name}\n{short_code(token)}", alignment=Qt.AlignmentFlag.AlignCenter)
        caption.setStyleSheet("font-size: 18pt; font-weight: 600; color: black;")
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, stretch=1)
        layout.addWidget(caption)
        layout.addWidget(close)
        self.setStyleSheet("QDialog { background: white; }")
        self.resize(620, 720)
