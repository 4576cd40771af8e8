"""一门通 (Yimen) kiosk core: configuration, sessions, journeys, API client, composition root.

Qt-free: the ``ui`` package renders what this package decides.
"""

__version__ = "0.1.0"
