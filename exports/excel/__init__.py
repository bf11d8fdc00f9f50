"""Excel writers (openpyxl, write-only): the workshop report and the partner report."""
