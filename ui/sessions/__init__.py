"""The Sessions page's tabs: agenda builder, runner with presenter screen, deck library."""
