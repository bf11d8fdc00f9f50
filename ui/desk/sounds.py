"""Distinct sounds for admitted, information and refused, where the machine can play them."""

from __future__ import annotations

from PySide6.QtCore import QObject, QUrl

from facilitator_app.paths import asset

SOUND_NAMES = ("ok", "info", "error")


class SoundPlayer(QObject):
    """Plays `ok`, `info` or `error`; silent (and quiet in logs) without an audio output."""

    def __init__(self, parent: QObject | None = None, enabled: bool = True) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self.last_played: str | None = None
        self.effects: dict = {}
        if enabled:
            self._load()

    def _load(self) -> None:
        from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

        if not QMediaDevices.audioOutputs():
            return
        for name in SOUND_NAMES:
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(asset("sounds", f"{name}.wav"))))
            effect.setVolume(0.6)
            self.effects[name] = effect

    def play(self, name: str) -> None:
        if not self.enabled:
            return
        self.last_played = name
        effect = self.effects.get(name)
        if effect is not None:
            effect.play()
