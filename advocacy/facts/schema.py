"""JSON Schemas of the files a user writes, for editors and other tools."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from advocacy.errors import UsageError
from advocacy.facts.models import Case, Letterhead

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(kind: str = "case") -> dict[str, Any]:
    """The JSON Schema of a case file (``case``) or a letterhead file (``letterhead``)."""
    models: dict[str, type[BaseModel]] = {"case": Case, "letterhead": Letterhead}
    if kind not in models:
        raise UsageError(f"no schema {kind!r}; choose one of: {', '.join(models)}")
    schema = models[kind].model_json_schema(mode="validation")
    return {"$schema": SCHEMA_DIALECT, **schema}
