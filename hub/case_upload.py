"""A case with its materials in one ``multipart/form-data`` request, read as it streams in.

The first part, named ``case``, is the ``CaseCreate`` JSON; every later part is one declared
material, named by its code. Knowing the declarations before any material arrives is what lets
each part be held to its declared size (and to ``max_material_bytes``) while it is read and
hashed, so no body is held beyond what the case declares. A refusal is a problem with the codes
the two-step form uses: ``material_too_large`` (413), ``material_hash_mismatch``,
``material_not_declared``, ``materials_missing`` (422); a body that is not the form at all is
``malformed_body`` (400, or 415 for another media type).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from pydantic import ValidationError
from starlette.requests import Request

from contract import models as m
from contract.multipart import (
    NEED_DATA,
    Event,
    MalformedMultipart,
    MultipartParser,
    PartData,
    PartEnded,
    PartStarted,
    boundary_of,
)
from hub.context import HubSettings
from hub.problems import HubProblem

MAX_CASE_BYTES = 256 * 1024  # the case part: applicant, form answers, declarations
PART_OVERHEAD = 1024  # a part's boundary and headers, as counted against Content-Length


@dataclass(frozen=True, slots=True)
class CaseUpload:
    case: m.CaseCreate
    contents: dict[str, bytes]  # material code -> bytes, each checked against its declaration


def _malformed(title: str, status: int = 400) -> HubProblem:
    return HubProblem(status, m.ProblemCode.MALFORMED_BODY, title)


def _too_large(limit: int, name: str | None = None) -> HubProblem:
    what = f"「{name}」" if name else ""
    return HubProblem(
        413,
        m.ProblemCode.MATERIAL_TOO_LARGE,
        f"Material exceeds {limit} bytes",
        f"{what}文件过大，请压缩后重新上传。",
    )


def _mismatch(code: str) -> HubProblem:
    return HubProblem(
        422,
        m.ProblemCode.MATERIAL_HASH_MISMATCH,
        f"Material {code} does not match its declared size and SHA-256",
        "材料上传不完整，请重新上传。",
    )


def body_limit(settings: HubSettings) -> int:
    """The most a well-formed request can carry: the case and every material at its limit."""
    per_material = settings.max_material_bytes + PART_OVERHEAD
    return MAX_CASE_BYTES + PART_OVERHEAD + settings.max_materials_per_case * per_material


@dataclass(slots=True)
class CaseForm:
    """Turns parser events into a checked ``CaseUpload`` (no I/O: tests feed it directly)."""

    settings: HubSettings
    case: m.CaseCreate | None = None
    contents: dict[str, bytes] = field(default_factory=dict)
    _declared: dict[str, m.MaterialDeclaration] = field(default_factory=dict)
    _part: str | None = None  # None: between parts; CASE_PART or a material code
    _chunks: list[bytes] = field(default_factory=list)
    _size: int = 0
    _hash: hashlib._Hash | None = None

    def event(self, event: Event) -> None:
        if isinstance(event, PartStarted):
            self._start(event)
        elif isinstance(event, PartData):
            self._data(event.data)
        elif isinstance(event, PartEnded):
            self._end()

    def _start(self, event: PartStarted) -> None:
        if self.case is None:
            if event.name != m.CASE_PART:
                raise _malformed(f"The first part must be '{m.CASE_PART}' (the case JSON)")
        elif event.name not in self._declared:
            raise HubProblem(
                422,
                m.ProblemCode.MATERIAL_NOT_DECLARED,
                f"Part {event.name[:64]!r} is not a declared material",
                "提交的材料不在办件清单中。",
            )
        elif event.name in self.contents:
            raise _malformed(f"Material {event.name} sent twice")
        self._part = event.name if self.case is not None else m.CASE_PART
        self._chunks, self._size = [], 0
        self._hash = hashlib.sha256() if self.case is not None else None

    def _data(self, data: bytes) -> None:
        self._size += len(data)
        if self._hash is None:  # the case part
            if self._size > MAX_CASE_BYTES:
                raise _malformed(f"The case part exceeds {MAX_CASE_BYTES} bytes", 413)
        else:
            assert self._part is not None
            # Declared sizes are within max_material_bytes (see _read_case).
            if self._size > self._declared[self._part].size:
                raise _mismatch(self._part)
            self._hash.update(data)
        self._chunks.append(data)

    def _end(self) -> None:
        body = b"".join(self._chunks)
        self._chunks = []
        if self._hash is None:
            self._read_case(body)
        else:
            assert self._part is not None
            declared = self._declared[self._part]
            if self._size != declared.size or self._hash.hexdigest() != declared.sha256:
                raise _mismatch(self._part)
            self.contents[self._part] = body
        self._part, self._hash = None, None

    def _read_case(self, body: bytes) -> None:
        try:
            case = m.CaseCreate.model_validate_json(body)
        except ValidationError as exc:
            if any(e["type"] == "json_invalid" for e in exc.errors()):
                raise _malformed("The case part is not valid JSON") from exc
            errors = [
                m.FieldError(loc=[m.CASE_PART, *map(str, e["loc"])], message=e["msg"])
                for e in exc.errors()
            ]
            raise HubProblem(
                422,
                m.ProblemCode.VALIDATION_FAILED,
                "Request validation failed",
                errors=[e.model_dump() for e in errors],
            ) from exc
        settings = self.settings
        if len(case.materials) > settings.max_materials_per_case:
            raise HubProblem(
                422,
                m.ProblemCode.VALIDATION_FAILED,
                f"More than {settings.max_materials_per_case} materials",
                "材料数量过多。",
            )
        for declared in case.materials:
            if declared.size > settings.max_material_bytes:
                raise _too_large(settings.max_material_bytes, declared.name)
        self.case = case
        self._declared = {d.code: d for d in case.materials}

    def result(self) -> CaseUpload:
        """The case and its materials once the body has ended (and parsed to its end)."""
        if self.case is None:
            raise _malformed(f"No '{m.CASE_PART}' part")
        missing = [code for code in self._declared if code not in self.contents]
        if missing:
            raise HubProblem(
                422,
                m.ProblemCode.MATERIALS_MISSING,
                "Declared materials missing from the request",
                "材料上传不完整，请重新上传。",
                missing=missing,
            )
        return CaseUpload(self.case, self.contents)


async def read(request: Request, settings: HubSettings) -> CaseUpload:
    """The case and its materials from ``request``'s body, refused at the first byte too many."""
    boundary = boundary_of(request.headers.get("content-type"))
    if boundary is None:
        raise _malformed("Expected multipart/form-data with a boundary", 415)
    limit = body_limit(settings)
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _too_large(settings.max_material_bytes)
    parser = MultipartParser(boundary)
    form = CaseForm(settings)
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > limit:
                raise _too_large(settings.max_material_bytes)
            parser.feed(chunk)
            _drain(parser, form)
        parser.feed(b"")
        _drain(parser, form)
    except MalformedMultipart as exc:
        raise _malformed(f"Malformed multipart body: {exc}") from exc
    return form.result()


def _drain(parser: MultipartParser, form: CaseForm) -> None:
    while True:
        event = parser.next_event()
        if event is NEED_DATA:
            return
        form.event(event)
