"""Writers of PDF and Excel files: plain data in, file out. Never imports Qt or the store."""
