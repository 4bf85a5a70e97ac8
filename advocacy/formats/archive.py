"""The case file a PDF carries inside it, for archives: PDF/A-3 lets a document embed its source.

A public document embeds the public version of the case file: the facts as validated, with every
confidential item and field taken out (:mod:`advocacy.views.audience`) and without the recipients
(a campaign's mailing list is nobody's business but the sender's). An internal document embeds
the case file exactly as written.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from advocacy.views.audience import Audience, for_audience

if TYPE_CHECKING:
    from advocacy.facts.load import LoadedCase


@dataclass(frozen=True)
class CaseFile:
    """A case file as embedded in a PDF: its name, its bytes and what it is."""

    name: str
    data: bytes
    description: str


def embedded_case(loaded: LoadedCase, audience: Audience) -> CaseFile:
    """The case file that documents of ``loaded`` for ``audience`` embed: every language of
    it (it is the facts, not the document), confidential facts out for the public."""
    path = loaded.path
    if audience == "internal":
        return CaseFile(path.name, path.read_bytes(), f"The case file {path.name}, as written")
    public = for_audience(loaded.case, audience, str(path))
    from ruamel.yaml import YAML

    facts = public.model_dump(
        mode="json", exclude_defaults=True, exclude={"recipients"}, warnings=False
    )
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 100
    yaml.representer.sort_base_mapping_type_on_output = False  # the models' order
    text = io.StringIO()
    text.write(
        f"# The public version of {path.name}: confidential facts and the recipients are left "
        "out.\n"
    )
    yaml.dump(facts, text)
    name = f"{path.stem}.public.yaml"
    return CaseFile(
        name,
        text.getvalue().encode("utf-8"),
        f"The facts this document is made from: {path.name}, public version",
    )
