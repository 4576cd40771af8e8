"""``kiosk audit``: check the hub's audit chain (hub.audit), as a third party would.

  kiosk audit verify [--head FILE ...] [--db URL] [--data-dir DIR] [--json]
  kiosk audit check-receipt CASE_NUMBER CODE [--db URL] [--data-dir DIR] [--json]

``verify`` walks the chain from its first record, recomputing every hash: exit 0 with the count
and the head's hash, or exit 1 naming the first broken record (number, kind, reference). With
``--head`` it also checks signed heads a notary kept (``audit-heads/YYYY-MM-DD.json``): each
signature must hold and the chain's record at its number must carry its hash. ``check-receipt``
says whether a receipt's verification code belongs to that case's submission record, and
whether the chain up to that record holds (exit 0 only when both).

The command joins ``kiosk`` through the hub's entry point (hub.cli registers it): a new entry
point would need the package installed again wherever the hub runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from hub.cli import HubCommandError, _context, _guarded, _usage


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("audit", help="check the hub's audit chain end to end")
    commands = parser.add_subparsers(dest="audit_command", metavar="COMMAND", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", help="database URL (default: SQLite in the data dir)")
        p.add_argument("--data-dir", type=Path, help="hub data dir (SQLite file, audit key)")
        p.add_argument("--json", action="store_true")

    verify = commands.add_parser("verify", help="recompute the chain; name its first broken record")
    common(verify)
    verify.add_argument(
        "--head",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="a signed head kept by a notary, to check against the chain (repeatable)",
    )
    verify.set_defaults(func=_guarded(_verify))

    receipt = commands.add_parser(
        "check-receipt", help="is this receipt code the one the case's record attests?"
    )
    common(receipt)
    receipt.add_argument("case_number")
    receipt.add_argument("code", help="the verification code printed on the receipt")
    receipt.set_defaults(func=_guarded(_check_receipt))


def _verify(args: argparse.Namespace) -> int:
    from hub import audit, audit_notary

    heads = []
    for path in args.head:
        try:
            heads.append(audit_notary.read_head_file(path))
        except audit_notary.HeadFileError as exc:
            raise _usage(str(exc)) from exc
    ctx = _context(args).state.hub
    with ctx.reading() as session:
        result = audit.verify(session)
        head_findings = []
        for path, signed in zip(args.head, heads, strict=True):
            head_findings.append((path, signed, _head_problem(session, result, signed)))
    failed = not result.ok or any(problem for _, _, problem in head_findings)
    if args.json:
        broken = result.broken
        print(
            json.dumps(
                {
                    "ok": not failed,
                    "records": result.records,
                    "head_sequence": result.head_seq,
                    "head_hash": result.head_hash,
                    "broken": None
                    if broken is None
                    else {
                        "sequence": broken.seq,
                        "kind": broken.kind,
                        "reference": broken.reference,
                        "problem": broken.problem,
                    },
                    "heads": [
                        {
                            "file": str(path),
                            "date": signed.date.isoformat(),
                            "sequence": signed.sequence,
                            "ok": problem is None,
                            "problem": problem,
                        }
                        for path, signed, problem in head_findings
                    ],
                },
                ensure_ascii=False,
                indent=1,
            )
        )
    else:
        if result.broken is not None:
            print(f"kiosk: the audit chain is broken: {result.broken.describe()}.", file=sys.stderr)
            print(f"{result.records} records before it hold.")
        else:
            print(f"{result.records} records hold; head {result.head_hash}")
        for path, signed, problem in head_findings:
            if problem is None:
                print(f"{path}: the head of {signed.date} (record {signed.sequence}) holds.")
            else:
                print(f"kiosk: {path}: {problem}.", file=sys.stderr)
    return 1 if failed else 0


def _head_problem(session: Any, result: Any, signed: Any) -> str | None:
    from hub import audit_notary

    if not audit_notary.signature_holds(signed):
        return "its signature does not hold"
    if signed.sequence > result.head_seq:
        if result.ok:
            return f"it names record {signed.sequence}, past the chain's end"
        return f"it covers record {signed.sequence}, past the chain's first broken record"
    if not audit_notary.head_matches(session, signed):
        return f"record {signed.sequence} is not the record that was signed"
    return None


def _check_receipt(args: argparse.Namespace) -> int:
    from hub import audit_notary

    ctx = _context(args).state.hub
    with ctx.reading() as session:
        check = audit_notary.check_receipt(session, args.case_number, args.code)
    chain = check.chain
    good = check.code_matches and chain is not None and chain.ok
    broken = chain.broken.describe() if chain is not None and chain.broken else None
    if args.json:
        print(
            json.dumps(
                {
                    "ok": good,
                    "case_number": args.case_number.strip().upper(),
                    "recorded": check.found,
                    "code_matches": check.code_matches,
                    "sequence": check.seq,
                    "chain_ok": None if chain is None else chain.ok,
                    "broken": broken,
                },
                ensure_ascii=False,
            )
        )
        return 0 if good else 1
    if not check.found:
        raise HubCommandError(
            f"The audit chain has no submission of case {args.case_number} (an unknown number,"
            " or a case from before the chain)."
        )
    if not check.code_matches:
        raise HubCommandError(
            f"The code is not the one case {args.case_number}'s record (record {check.seq})"
            " attests."
        )
    if chain is None or broken is not None:
        raise HubCommandError(
            f"The code matches record {check.seq}, but the chain up to it is broken: {broken}."
        )
    print(
        f"The code belongs to case {args.case_number.strip().upper()}: submission record"
        f" {check.seq}, and the {chain.records} records up to it hold."
    )
    return 0
