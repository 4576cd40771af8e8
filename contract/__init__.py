"""The contract between terminals and the hub: shared by both sides, importing nothing of ours.

Public API
----------
``contract.models`` — every request and response of the central API as pydantic v2 models, one
module per resource (``common``, ``problems``, ``terminals``, ``tickets``, ``catalog``, ``cases``,
``appointments``, ``evaluations``, ``stats``, ``identity_codes``); the package re-exports them all,
so ``from contract import models as m`` then ``m.TicketIssued`` reads as before, and imports a
resource's module when one of its names is first used. ``Problem``:
RFC 9457 problem+json with a machine ``code`` (``ProblemCode``) and a Chinese, citizen-facing
``detail``.

``contract.answers`` — form answers checked against an item's form schema (``check_answers``,
``AnswerError`` naming field, row and sub-field): the same rules at the hub and the kiosk.

``contract.payloads`` — QR payload formats (tickets, appointments, case receipts, identity codes)
and their Ed25519 sign/verify.
"""
