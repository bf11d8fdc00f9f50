"""PDF writers (reportlab): badges, handouts, certificates, sign-in sheets, cards."""
