"""The hall's screens: the calling display."""
