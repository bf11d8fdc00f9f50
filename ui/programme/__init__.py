"""The Programme page's parts: its database, figures, imports, review and documents."""
