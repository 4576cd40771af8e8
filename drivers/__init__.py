"""Hardware drivers: ID-card readers, cameras, receipt printers.

Qt-free and kiosk-free: every module here can be used from a plain script.
"""
