"""One module per journey's screens."""
