"""The citizen's journeys, one package each, all of one shape.

Each ``kiosk/journeys/<journey>/`` holds the **flow** (``flow.py``: states, events and the
transition table as data, the journey's own data and rules, and how failures become refusals
the screen words) and the **desk** (the calls to the hub, the outbox and the printer, blocking:
the UI runs them off the GUI thread). The UI renders a flow's current state and feeds it the
citizen's taps; tests and the demo tour drive the same flows headless.

``availability`` says which journeys a terminal offers and whether its devices let them run;
``machine`` is the little state machine every flow walks.
"""
