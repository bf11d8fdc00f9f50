"""The check-in desk's moving parts: camera frames, keyboard-wedge scanners, sounds."""
