"""The issue file's schema: the fields of an issue, its columns, articles, short items and
版记, their types and bounds (`extra="forbid"`, strict: `10` is not text), checked by
`accept.py` and, for a file it doubts, by pydantic (`accept.pydantic_model`: these dataclasses
as pydantic models, for pydantic's verdict and messages).

An article's `body` is a list of paragraphs and blocks read by `blocks._BlockReader`, which
gives each kind of block its own located errors; the layout's schema is the `Layout`
dataclass of model.py.
"""


# No `from __future__ import annotations` here: the annotations are the schema, and
# `input/accept.py` reads them with `typing.get_type_hints`, which compiles and evaluates
# every one given as a string (a few ms of each cold build, issue 20); evaluated with the
# class, they cost next to nothing.
import dataclasses
import datetime as dt
import typing
from typing import Annotated, Any

from ..bounds import Check


def _as_lines(value):
    return [value] if isinstance(value, str) else value


Text = Annotated[str, Check(strict=True, pattern=r"\S")]      # not empty, not only spaces
Positive = Annotated[int, Check(strict=True, gt=0)]


class _Schema:
    """A mapping of the issue file: a frozen dataclass, validated as a pydantic model with
    this configuration."""

    __pydantic_config__ = {"extra": "forbid", "strict": True}

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        dataclasses.dataclass(frozen=True, kw_only=True)(cls)


class ArticleIn(_Schema):
    """An article: its title (one line or two), body, byline and contents title."""

    title: Annotated[list[Text], Check(before=_as_lines, min_length=1, max_length=2)]
    body: Annotated[list[Any], Check(min_length=1)]    # paragraphs and blocks: _BlockReader
    byline: Text | None = None
    contents_title: Text | None = None


class ItemIn(_Schema):
    """A short item of a 信息摘登 column: one paragraph and its byline."""

    text: Text
    byline: Text | None = None


class ColumnIn(_Schema):
    """A column: its name and its articles or short items."""

    name: Text
    articles: list[ArticleIn] = ()
    items: list[ItemIn] = ()


class DistributionIn(_Schema):
    """版记: who receives the issue, its editor, phone and print run."""

    send_to: Annotated[list[Text], Check(before=_as_lines)] = ()
    editor: Text | None = None
    phone: Annotated[str, Check(strict=True, before=lambda v: str(v) if isinstance(v, int) else v)] | None = None
    copies: Positive | None = None


class IssueIn(_Schema):
    """The issue file: its layout, masthead fields, columns, 版记."""

    layout: Text | None = None       # a layout name, or a path relative to the issue file
    publication: Text
    edition: typing.Literal["普刊", "专刊", "增刊"] = "普刊"
    number: Positive
    cumulative: Positive | None = None
    compiled_by: Text
    date: dt.date
    marking: Text | None = None
    serial: Annotated[str, Check(strict=True, before=lambda v: str(v) if isinstance(v, int) else v)] | None = None
    columns: Annotated[list[ColumnIn], Check(min_length=1)]
    distribution: DistributionIn | None = None
