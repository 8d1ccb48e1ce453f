"""The bounds of a value in the issue and layout schemas, declared once for both validators.

`Annotated[float, Check(gt=0, le=MAX_PAGE, finite=True, before=parse_length)]` says what
pydantic's `Annotated[float, BeforeValidator(parse_length), Field(gt=0, le=MAX_PAGE,
allow_inf_nan=False)]` says, without importing pydantic: a build validates a file that is
right with `input/accept.py`, which reads these checks, and only a file it doubts goes to
pydantic, for pydantic's verdict and messages (issue 20, "a lean cold path"). To pydantic a
Check hands the very metadata it stands for (`__get_pydantic_core_schema__`), so pydantic
validates as it did when the schemas named its classes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any


class Check:
    """`strict`: no conversion (a number is not text); `before`: a function the value goes
    through first (a length `37mm` to points); then the bounds of the value (`gt` … `le`), of
    its length (`min_length`, `max_length`), a `pattern` it must contain, and `finite`: not
    inf or nan."""

    __slots__ = ("strict", "before", "gt", "ge", "lt", "le", "min_length", "max_length", "pattern", "finite")

    def __init__(self, *, strict: bool = False, before: Callable[[Any], Any] | None = None,
                 gt: float | None = None, ge: float | None = None, lt: float | None = None, le: float | None = None,
                 min_length: int | None = None, max_length: int | None = None, pattern: str | None = None,
                 finite: bool = False) -> None:
        self.strict, self.before, self.finite = strict, before, finite
        self.gt, self.ge, self.lt, self.le = gt, ge, lt, le
        self.min_length, self.max_length, self.pattern = min_length, max_length, pattern

    def bounds(self) -> dict[str, Any]:
        """The keywords of pydantic's `Field` this check stands for."""
        names = ("gt", "ge", "lt", "le", "min_length", "max_length", "pattern")
        found = {name: getattr(self, name) for name in names if getattr(self, name) is not None}
        if self.finite:
            found["allow_inf_nan"] = False
        return found

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        """pydantic's schema of `source` under the metadata this check stands for, in the
        order the schemas used to write it: Strict, BeforeValidator, Field."""
        from pydantic import BeforeValidator, Field, Strict

        meta: list[Any] = []
        if self.strict:
            meta.append(Strict())
        if self.before is not None:
            meta.append(BeforeValidator(self.before))
        if bounds := self.bounds():
            meta.append(Field(**bounds))
        return handler(Annotated[(source, *meta)]) if meta else handler(source)

    def __repr__(self) -> str:
        # every bound, a bound of 0 (gt=0) and allow_inf_nan=False too; `strict` and `before` when set
        parts = [f"{name}={value!r}" for name, value in (("strict", self.strict), ("before", self.before)) if value]
        parts += [f"{name}={value!r}" for name, value in self.bounds().items()]
        return f"Check({', '.join(parts)})"
