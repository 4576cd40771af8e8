"""The window terminal's screens: the clerk's calling desk."""
