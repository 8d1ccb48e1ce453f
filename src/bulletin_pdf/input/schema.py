"""The issue file's schema: the fields of an issue, its columns, articles, short items and
版记, their types and bounds, checked by pydantic (`extra="forbid"`, strict: `10` is not text).

An article's `body` is a list of paragraphs and blocks read by `blocks._BlockReader`, which
gives each kind of block its own located errors; the layout's schema is the `Layout`
dataclass of model.py.
"""

from __future__ import annotations

import datetime as dt
import typing
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictInt, StrictStr


def _as_lines(value):
    return [value] if isinstance(value, str) else value


Text = Annotated[StrictStr, Field(pattern=r"\S")]      # not empty, not only spaces
Positive = Annotated[StrictInt, Field(gt=0)]


class _Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class ArticleIn(_Schema):
    title: Annotated[list[Text], BeforeValidator(_as_lines), Field(min_length=1, max_length=2)]
    body: Annotated[list[Any], Field(min_length=1)]    # paragraphs and blocks: _BlockReader
    byline: Text | None = None
    contents_title: Text | None = None


class ItemIn(_Schema):
    text: Text
    byline: Text | None = None


class ColumnIn(_Schema):
    name: Text
    articles: list[ArticleIn] = []
    items: list[ItemIn] = []


class DistributionIn(_Schema):
    send_to: Annotated[list[Text], BeforeValidator(_as_lines)] = []
    editor: Text | None = None
    phone: Annotated[StrictStr, BeforeValidator(lambda v: str(v) if isinstance(v, int) else v)] | None = None
    copies: Positive | None = None


class IssueIn(_Schema):
    layout: Text | None = None       # a layout name, or a path relative to the issue file
    publication: Text
    edition: typing.Literal["普刊", "专刊", "增刊"] = "普刊"
    number: Positive
    cumulative: Positive | None = None
    compiled_by: Text
    date: dt.date
    marking: Text | None = None
    serial: Annotated[StrictStr, BeforeValidator(lambda v: str(v) if isinstance(v, int) else v)] | None = None
    columns: Annotated[list[ColumnIn], Field(min_length=1)]
    distribution: DistributionIn | None = None
