"""One page per capability, shown in the main window's navigation column."""
