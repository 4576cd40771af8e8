"""What the host gives a service that runs on it: systemd's notify protocol (``host.sdnotify``).

Imports nothing of ours, no Qt: the terminal (ui) and the hub both use it.
"""
