"""PySide6 user interface: renders what kiosk/ decides."""
