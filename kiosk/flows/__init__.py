"""Journeys as explicit state machines (states, events and transitions as data).

The UI renders a flow's current state and feeds it the citizen's taps; tests and the demo tour
drive the same flows headless.
"""
