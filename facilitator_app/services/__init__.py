"""Use cases over the store. Pure functions or small classes; the clock is passed in."""
