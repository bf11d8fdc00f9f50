"""The desk's outcome icons, drawn with QPainter: no font has to hold a glyph for them.

Every icon is drawn in a unit square (0..1) scaled to the widget, in thick round strokes of
one colour, so it reads from across a room on any screen and in any language.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class Icon(StrEnum):
    READY = "ready"
    CHECK = "check"
    CLOCK = "clock"
    EXIT = "exit"
    NOT_IN = "not_in"
    HAND = "hand"
    BADGE_OFF = "badge_off"
    QUESTION = "question"
    CROSS = "cross"
    UNDO = "undo"
    SEARCH = "search"
    INFO = "info"


def _check(p: QPainter) -> None:
    p.drawPolyline([QPointF(0.2, 0.53), QPointF(0.41, 0.74), QPointF(0.8, 0.3)])


def _clock(p: QPainter) -> None:
    p.drawEllipse(QRectF(0.14, 0.14, 0.72, 0.72))
    p.drawPolyline([QPointF(0.5, 0.28), QPointF(0.5, 0.5), QPointF(0.66, 0.6)])


def _exit(p: QPainter) -> None:
    p.drawPolyline([QPointF(0.48, 0.2), QPointF(0.18, 0.2), QPointF(0.18, 0.8),
                    QPointF(0.48, 0.8)])
    p.drawLine(QPointF(0.36, 0.5), QPointF(0.84, 0.5))
    p.drawPolyline([QPointF(0.68, 0.34), QPointF(0.84, 0.5), QPointF(0.68, 0.66)])


def _not_in(p: QPainter) -> None:
    _exit(p)
    p.drawLine(QPointF(0.12, 0.88), QPointF(0.88, 0.12))


def _hand(p: QPainter) -> None:
    """A raised palm, filled: four fingers with gaps between them, the palm, a thumb."""
    palm = QPainterPath()
    for left, top in ((0.28, 0.2), (0.41, 0.12), (0.54, 0.14), (0.67, 0.24)):
        palm.addRoundedRect(QRectF(left, top, 0.105, 0.42), 0.05, 0.05)
    palm.addRoundedRect(QRectF(0.28, 0.48, 0.495, 0.4), 0.14, 0.14)
    thumb = QPainterPath()
    thumb.addRoundedRect(QRectF(-0.055, -0.32, 0.11, 0.36), 0.055, 0.055)
    colour = p.pen().color()
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(colour)
    p.drawPath(palm)
    p.translate(0.31, 0.68)
    p.rotate(-40)
    p.drawPath(thumb)


def _badge_off(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(0.24, 0.16, 0.52, 0.68), 0.06, 0.06)
    p.drawLine(QPointF(0.4, 0.3), QPointF(0.6, 0.3))
    p.drawLine(QPointF(0.12, 0.88), QPointF(0.88, 0.12))


def _question(p: QPainter) -> None:
    path = QPainterPath()
    path.moveTo(0.32, 0.34)
    path.cubicTo(0.32, 0.12, 0.7, 0.12, 0.7, 0.34)
    path.cubicTo(0.7, 0.48, 0.5, 0.48, 0.5, 0.62)
    p.drawPath(path)
    p.drawPoint(QPointF(0.5, 0.82))


def _cross(p: QPainter) -> None:
    p.drawEllipse(QRectF(0.12, 0.12, 0.76, 0.76))
    p.drawLine(QPointF(0.34, 0.34), QPointF(0.66, 0.66))
    p.drawLine(QPointF(0.66, 0.34), QPointF(0.34, 0.66))


def _ready(p: QPainter) -> None:
    """Three QR finder squares and a few modules: "scan a badge"."""
    for left, top in ((0.14, 0.14), (0.6, 0.14), (0.14, 0.6)):
        p.drawRect(QRectF(left, top, 0.26, 0.26))
    p.drawPoint(QPointF(0.7, 0.7))
    p.drawPoint(QPointF(0.82, 0.82))


def _undo(p: QPainter) -> None:
    path = QPainterPath()
    path.moveTo(0.24, 0.42)
    path.cubicTo(0.4, 0.2, 0.82, 0.24, 0.8, 0.56)
    path.cubicTo(0.78, 0.78, 0.5, 0.82, 0.36, 0.74)
    p.drawPath(path)
    p.drawPolyline([QPointF(0.2, 0.22), QPointF(0.24, 0.44), QPointF(0.46, 0.42)])


def _search(p: QPainter) -> None:
    p.drawEllipse(QRectF(0.18, 0.18, 0.46, 0.46))
    p.drawLine(QPointF(0.58, 0.58), QPointF(0.84, 0.84))


def _info(p: QPainter) -> None:
    p.drawEllipse(QRectF(0.12, 0.12, 0.76, 0.76))
    p.drawLine(QPointF(0.5, 0.46), QPointF(0.5, 0.68))
    p.drawPoint(QPointF(0.5, 0.32))


_DRAW = {Icon.READY: _ready, Icon.CHECK: _check, Icon.CLOCK: _clock, Icon.EXIT: _exit,
         Icon.NOT_IN: _not_in, Icon.HAND: _hand, Icon.BADGE_OFF: _badge_off,
         Icon.QUESTION: _question, Icon.CROSS: _cross, Icon.UNDO: _undo,
         Icon.SEARCH: _search, Icon.INFO: _info}


def paint_icon(painter: QPainter, rect: QRectF, icon: Icon, colour: QColor) -> None:
    """Draw `icon` filling the square `rect` in `colour`."""
    side = min(rect.width(), rect.height())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(rect.center().x() - side / 2, rect.center().y() - side / 2)
    painter.scale(side, side)
    pen = QPen(colour, 0.09, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
               Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    _DRAW[icon](painter)
    painter.restore()


class IconView(QWidget):
    """A square that shows one drawn icon."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon = Icon.READY
        self.colour = QColor("#1f2937")
        self.side = 64
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def show_icon(self, icon: Icon, colour: QColor | str) -> None:
        self.icon, self.colour = icon, QColor(colour)
        self.update()

    def set_side(self, side: int) -> None:
        self.side = side
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(self.side, self.side)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        paint_icon(painter, QRectF(self.rect()), self.icon, self.colour)
        painter.end()
