"""The kiosk funnel: how far each citizen got in a journey, kept without knowing who they were.

Public API
----------
``JourneyRecorder(keep, *, clock=local_now)`` — ``begin(journey, machine)`` when a journey opens
for the citizen (it follows the flow's state machine from there), ``end(why)`` when their session
ends ("idle" for the idle timer): the run is built (:mod:`kiosk.funnel.trail`) and handed to
``keep``. ``RunStore(path)`` keeps runs on disk until the hub has them (plain SQLite: a run holds
nothing personal); ``RunSender(store, client)`` sends them in batches from a background thread,
again after a failure, under the same batch id. ``build.build_funnel(folder, client, resources)``
puts the three together (a ``Funnel``) for the composition root.
"""
