"""Camera preview with a camera chooser; frames go to the QR decoder.

Without a camera (or without permission) the panel says so and the desk keeps working
with the scanner and the name search. The preview is shown only while the camera runs:
a stopped preview would show stale pixels, and its space is better given to the answer.
With `detached_controls` the chooser, the switch and the status line live in `controls`,
for the page to place where it likes.
"""

from __future__ import annotations

from PySide6.QtCore import QCameraPermission, QCoreApplication, Qt, Signal
from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QMediaDevices
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from facilitator_app.i18n import _
from ui.desk.frames import FrameDecoder


class CameraPanel(QWidget):
    code_found = Signal(str)
    active_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None, detached_controls: bool = False) -> None:
        super().__init__(parent)
        self.camera: QCamera | None = None
        self.session = QMediaCaptureSession(self)
        self.video = QVideoWidget()
        self.video.setMinimumSize(320, 200)
        self.session.setVideoOutput(self.video)
        self.decoder = FrameDecoder(self)
        self.video.videoSink().videoFrameChanged.connect(self.decoder.on_frame)
        self.decoder.code_found.connect(self.code_found)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.video, stretch=1)
        self.controls = QWidget()
        row = QHBoxLayout(self.controls)
        row.setContentsMargins(0, 0, 0, 0)
        self.chooser = QComboBox()
        self.toggle = QPushButton()
        self.toggle.clicked.connect(self.toggle_camera)
        self.status = QLabel(wordWrap=True)
        self.status.setObjectName("cameraStatus")
        row.addWidget(self.status, stretch=2)
        row.addWidget(self.chooser, stretch=1)
        row.addWidget(self.toggle)
        self.detached = detached_controls
        if not detached_controls:
            layout.addWidget(self.controls)
        self._preview_shown = False
        self.video.hide()
        self.devices = QMediaDevices(self)
        self.devices.videoInputsChanged.connect(self.list_cameras)
        self.list_cameras()

    def list_cameras(self) -> None:
        self.chooser.clear()
        for device in QMediaDevices.videoInputs():
            self.chooser.addItem(device.description(), device)
        has_camera = self.chooser.count() > 0
        self.chooser.setEnabled(has_camera)
        self.chooser.setVisible(self.chooser.count() > 1)
        self.toggle.setEnabled(has_camera)
        self.toggle.setVisible(has_camera)
        self.retranslate()

    @property
    def running(self) -> bool:
        return self.camera is not None and self.camera.isActive()

    def _show_preview(self, shown: bool) -> None:
        """Detached, the panel is only the preview: it goes altogether, giving its room."""
        self.video.setVisible(shown)
        if self.detached:
            self.setVisible(shown)
        if shown != self._preview_shown:
            self._preview_shown = shown
            self.active_changed.emit(shown)

    def retranslate(self) -> None:
        running = self.camera is not None and self.camera.isActive()
        self.toggle.setText(_("Stop camera") if running else _("Start camera"))
        if self.chooser.count() == 0:
            self.status.setText(_("No camera found. The USB scanner and the name search "
                                  "still work."))
        elif not running:
            self.status.setText(_("Camera off."))

    def toggle_camera(self) -> None:
        if self.camera is not None and self.camera.isActive():
            self.stop()
        else:
            self.start()

    def start(self) -> None:
        device = self.chooser.currentData()
        if device is None or not self._permitted():
            return
        self.stop()
        self.camera = QCamera(device, self)
        self.camera.errorOccurred.connect(self._camera_error)
        self.session.setCamera(self.camera)
        self.camera.start()
        self._show_preview(True)
        self.status.setText(_("Hold the badge's QR code up to the camera."))
        self.retranslate()

    def _permitted(self) -> bool:
        """macOS asks the user once; elsewhere the camera is simply allowed."""
        app = QCoreApplication.instance()
        status = app.checkPermission(QCameraPermission())
        if status == Qt.PermissionStatus.Undetermined:
            app.requestPermission(QCameraPermission(), self, lambda _p: self.start())
            return False
        if status == Qt.PermissionStatus.Denied:
            self.status.setText(_("CREANDO Desk may not use the camera (see the system's "
                                  "privacy settings). The scanner and the name search still "
                                  "work."))
            return False
        return True

    def stop(self) -> None:
        if self.camera is not None:
            self.camera.stop()
            self.session.setCamera(None)
            self.camera.deleteLater()
            self.camera = None
        self._show_preview(False)
        self.retranslate()

    def _camera_error(self, _error, text: str) -> None:
        self.status.setText(_("The camera cannot be used ({error}). Check that no other "
                              "program uses it and that CREANDO Desk may use it. The scanner "
                              "and the name search still work.").format(error=text))
        self.stop()
