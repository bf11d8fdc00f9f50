"""Lesson decks: folders of short modules in Markdown with a TOML front matter."""
