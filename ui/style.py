"""One calm, high-contrast look; large numbers readable from across the room."""

STYLE_SHEET = """
QLabel#pageHeading { font-size: 20pt; font-weight: 600; color: #1d3557; }
QLabel#demoNote { background: #fff4ce; color: #5c4400; padding: 6px; border-radius: 4px; }
QLabel#comingNote { color: #5a5a5a; font-style: italic; }
QLabel#formError { color: #b00020; }
QFrame#countCard { background: #f4f7fb; border: 1px solid #d5deea; border-radius: 8px; }
QLabel#countValue { font-size: 34pt; font-weight: 700; color: #0b6e4f; }
QListWidget#navigation { font-size: 12pt; background: #1d3557; color: white; border: none; }
QListWidget#navigation::item { padding: 10px 12px; }
QListWidget#navigation::item:selected { background: #457b9d; }
"""
