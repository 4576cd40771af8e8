"""投诉建议: a complaint or suggestion to the one number (12345), from the kiosk."""
