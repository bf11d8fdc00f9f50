"""Reading online attendance reports (Zoom, Microsoft Teams, Google Meet). No storage here."""
