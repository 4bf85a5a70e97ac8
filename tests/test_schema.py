"""The JSON Schema editors use: complete, current, and true to the bundled files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from advocacy.facts.schema import json_schema
from tests.conftest import BUNDLED, ROOT, TINY, Runner


def _as_json(path: Path) -> Any:
    # Through JSON, as an editor sees the file: YAML dates become strings.
    return json.loads(json.dumps(YAML(typ="safe").load(path.read_text()), default=str))


def _properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = [(f"{schema.get('title')}.{k}", v) for k, v in schema.get("properties", {}).items()]
    for definition in schema.get("$defs", {}).values():
        found += _properties(definition)
    return found


@pytest.mark.parametrize("kind", ["case", "letterhead"])
def test_every_field_has_a_description(kind: str) -> None:
    missing = [name for name, spec in _properties(json_schema(kind)) if not spec.get("description")]
    assert missing == []


@pytest.mark.parametrize("path", [TINY, BUNDLED], ids=["tiny", "bundled"])
def test_the_schema_accepts_the_case_files(path: Path) -> None:
    jsonschema.validate(_as_json(path), json_schema("case"))


def test_the_schema_rejects_an_unknown_key() -> None:
    data = _as_json(TINY)
    data["people"][0]["nmae"] = "x"
    with pytest.raises(jsonschema.ValidationError, match="nmae"):
        jsonschema.validate(data, json_schema("case"))


def test_the_bundled_letterhead_matches_its_schema() -> None:
    path = ROOT / "facts" / "letterheads" / "front-line-defenders.yaml"
    jsonschema.validate(_as_json(path), json_schema("letterhead"))


@pytest.mark.parametrize("kind", ["case", "letterhead"])
def test_the_committed_schema_is_current(kind: str, run: Runner) -> None:
    result = run("schema", kind)
    assert result.code == 0
    committed = ROOT / "facts" / f"{kind}.schema.json"
    assert json.loads(committed.read_text()) == json.loads(result.out), (
        f"regenerate it: advocacy schema {kind} > facts/{kind}.schema.json"
    )
