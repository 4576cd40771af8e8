"""RFC 9457 problem+json everywhere: our own refusals, validation errors, 404/405, crashes."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from contract.models import PROBLEM_MEDIA_TYPE, FieldError, Problem, ProblemCode

logger = logging.getLogger(__name__)

# Citizen-facing Chinese text per code; ``title`` stays English for logs and technicians.
_DETAILS: dict[ProblemCode, str] = {
    ProblemCode.VALIDATION_FAILED: "填写的信息有误，请检查后重新提交。",
    ProblemCode.MALFORMED_BODY: "终端发送的数据格式有误，请联系工作人员。",
    ProblemCode.UNAUTHORIZED: "终端未登记或凭证无效，请联系工作人员。",
    ProblemCode.FORBIDDEN: "本终端无权办理此业务，请联系工作人员。",
    ProblemCode.NOT_FOUND: "未找到相关信息。",
    ProblemCode.METHOD_NOT_ALLOWED: "暂不支持该操作。",
    ProblemCode.INTERNAL_ERROR: "系统暂时无法办理，请稍后再试或咨询工作人员。",
}


class HubProblem(Exception):
    """Raise inside the hub to answer with a problem+json body."""

    def __init__(
        self, status: int, code: ProblemCode, title: str, detail: str | None = None, **extra: Any
    ) -> None:
        super().__init__(title)
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail or _DETAILS.get(code, _DETAILS[ProblemCode.INTERNAL_ERROR])
        self.extra = extra


def problem_response(problem: Problem) -> JSONResponse:
    return JSONResponse(
        problem.model_dump(mode="json", exclude_none=True),
        status_code=problem.status,
        media_type=PROBLEM_MEDIA_TYPE,
    )


def _status_code(status: int) -> ProblemCode:
    return {
        400: ProblemCode.MALFORMED_BODY,
        401: ProblemCode.UNAUTHORIZED,
        403: ProblemCode.FORBIDDEN,
        404: ProblemCode.NOT_FOUND,
        405: ProblemCode.METHOD_NOT_ALLOWED,
        422: ProblemCode.VALIDATION_FAILED,
    }.get(status, ProblemCode.INTERNAL_ERROR if status >= 500 else ProblemCode.CONFLICT)


def install(app: FastAPI) -> None:
    @app.exception_handler(HubProblem)
    async def _hub_problem(request: Request, exc: HubProblem) -> JSONResponse:
        return problem_response(
            Problem(
                title=exc.title,
                status=exc.status,
                detail=exc.detail,
                code=exc.code,
                instance=request.url.path,
                **exc.extra,
            )
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        if any(e.get("type") == "json_invalid" for e in exc.errors()):
            return problem_response(
                Problem(
                    title="The body is not valid JSON",
                    status=400,
                    detail=_DETAILS[ProblemCode.MALFORMED_BODY],
                    code=ProblemCode.MALFORMED_BODY,
                    instance=request.url.path,
                )
            )
        errors = [
            FieldError(loc=[str(p) for p in e.get("loc", ())], message=str(e.get("msg", "")))
            for e in exc.errors()
        ]
        return problem_response(
            Problem(
                title="Request validation failed",
                status=422,
                detail=_DETAILS[ProblemCode.VALIDATION_FAILED],
                code=ProblemCode.VALIDATION_FAILED,
                instance=request.url.path,
                errors=errors,
            )
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _status_code(exc.status_code)
        response = problem_response(
            Problem(
                title=str(exc.detail),
                status=exc.status_code,
                detail=_DETAILS.get(code, _DETAILS[ProblemCode.INTERNAL_ERROR]),
                code=code,
                instance=request.url.path,
            )
        )
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        logger.exception("hub crashed on %s %s", request.method, request.url.path)
        return problem_response(
            Problem(
                title="Internal error",
                status=500,
                detail=_DETAILS[ProblemCode.INTERNAL_ERROR],
                code=ProblemCode.INTERNAL_ERROR,
                instance=request.url.path,
            )
        )
