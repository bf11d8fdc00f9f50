"""The Networking page's parts: introductions with the two-badge scan, suggestions,
follow-ups and partners."""
