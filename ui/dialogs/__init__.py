"""Dialogs of the CREANDO Desk app."""
