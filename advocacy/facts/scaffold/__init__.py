"""``advocacy new``: a commented case file to fill in."""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from pathlib import Path

from advocacy.errors import RenderError, UsageError
from advocacy.facts.models.common import SLUG
from advocacy.files import write_atomic


def new_case(case_id: str, folder: Path, today: dt.date, country: str = "KZ") -> Path:
    """Write ``folder/<case_id>.yaml`` from the commented template, for a case in ``country``
    (ISO 3166-1 alpha-2); never overwrite."""
    from advocacy.facts.models.countries import _countries

    country = country.upper()
    if country not in _countries():
        raise UsageError(
            f"--country {country!r} is not an ISO 3166-1 alpha-2 country code: e.g. KZ, AZ, BY"
        )
    if not SLUG.match(case_id):
        raise UsageError(
            f"{case_id!r} is not an id: use lower-case letters, digits and single hyphens, "
            "e.g. 'kz-toregozhina-2025'"
        )
    path = folder / f"{case_id}.yaml"
    if path.exists():
        raise RenderError(f"{path}: already exists; choose another id or remove the file")
    text = files("advocacy.facts.scaffold").joinpath("case.yaml").read_text(encoding="utf-8")
    text = text.replace("{case_id}", case_id).replace("{today}", today.isoformat())
    text = text.replace("{country}", country).replace("{path}", path.as_posix())
    write_atomic(path, text.encode("utf-8"))
    return path
