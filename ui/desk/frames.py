"""Camera frames to QR codes: decoded off the GUI thread, dropping frames while busy.

The same code seen again within a few seconds is ignored, so a badge held in front of
the camera is admitted once.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat

REPEAT_IGNORE_S = 4.0
SMALL_WIDTH = 640


# Pixel formats whose first plane is the luminance: a grey image for free.
_LUMA_FIRST = {
    QVideoFrameFormat.PixelFormat.Format_NV12, QVideoFrameFormat.PixelFormat.Format_NV21,
    QVideoFrameFormat.PixelFormat.Format_YUV420P, QVideoFrameFormat.PixelFormat.Format_YUV422P,
    QVideoFrameFormat.PixelFormat.Format_YV12, QVideoFrameFormat.PixelFormat.Format_IMC1,
    QVideoFrameFormat.PixelFormat.Format_IMC2, QVideoFrameFormat.PixelFormat.Format_IMC3,
    QVideoFrameFormat.PixelFormat.Format_IMC4, QVideoFrameFormat.PixelFormat.Format_Y8,
}


def frame_image(frame: QVideoFrame) -> QImage:
    """The frame as an image zxing-cpp reads: the Y plane of YUV frames (no colour
    conversion at all), otherwise Qt's own conversion."""
    if frame.pixelFormat() in _LUMA_FIRST and frame.map(QVideoFrame.MapMode.ReadOnly):
        try:
            return QImage(frame.bits(0), frame.width(), frame.height(), frame.bytesPerLine(0),
                          QImage.Format.Format_Grayscale8).copy()
        finally:
            frame.unmap()
    return frame.toImage()


def decode_image(image: QImage) -> list[str]:
    """QR texts in a frame: a quick look at a small copy, then the whole frame.

    Images are handed to zxing-cpp as 8-bit grey: it reads that format directly, while
    others (what a real display's video sink produces) make it fail.
    """
    import zxingcpp

    attempts = [image]
    if image.width() > SMALL_WIDTH:  # nearest-pixel scaling costs ~0.5 ms, decoding then 1 ms
        attempts.insert(0, image.scaledToWidth(SMALL_WIDTH,
                                               Qt.TransformationMode.FastTransformation))
    for attempt in attempts:
        grey = attempt.convertToFormat(QImage.Format.Format_Grayscale8)
        found = [r.text for r in zxingcpp.read_barcodes(
            grey, formats=zxingcpp.BarcodeFormat.QRCode) if r.valid]
        if found:
            return found
    return []


class _Signals(QObject):
    decoded = Signal(list)


class _DecodeTask(QRunnable):
    def __init__(self, frame: QVideoFrame, signals: _Signals) -> None:
        super().__init__()
        self.frame, self.signals = frame, signals

    def run(self) -> None:
        found: list[str] = []
        try:
            image = frame_image(self.frame)
            if not image.isNull():
                found = decode_image(image)
        except Exception:  # one bad frame must never stop the camera: log it, go on
            traceback.print_exc()
        finally:
            self.signals.decoded.emit(found)


class FrameDecoder(QObject):
    """Feed it every frame (`on_frame`); it emits `code_found` once per code held up."""

    code_found = Signal(str)

    def __init__(self, parent: QObject | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.clock = clock
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.signals = _Signals(self)
        self.signals.decoded.connect(self._decoded)
        self.busy = False
        self.frames_seen = self.frames_dropped = 0
        self.recent: dict[str, float] = {}

    @Slot(QVideoFrame)
    def on_frame(self, frame: QVideoFrame) -> None:
        self.frames_seen += 1
        if self.busy or not frame.isValid():
            self.frames_dropped += 1
            return
        self.busy = True
        self.pool.start(_DecodeTask(QVideoFrame(frame), self.signals))

    def _decoded(self, texts: list[str]) -> None:
        self.busy = False
        now = self.clock()
        for text in texts:
            if now - self.recent.get(text, -REPEAT_IGNORE_S - 1) > REPEAT_IGNORE_S:
                self.code_found.emit(text)
            self.recent[text] = now

    def wait(self, msecs: int = 5000) -> bool:
        return self.pool.waitForDone(msecs)
