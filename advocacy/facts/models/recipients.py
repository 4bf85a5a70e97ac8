"""Recipients: whom a campaign sends its appeal to, each with an address block and salutation.

A case file lists its recipients under ``recipients``: each either written out in full, or the id
of a recipient in a shared recipients file (``facts/recipients/<list>.yaml``), or
``{list: <list>}`` for everyone in such a file. Shared files let many cases write to the same
authorities, embassies, rapporteurs and co-signing members.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, Discriminator, Field, Tag, model_validator

from advocacy.facts.models.common import Email, FactModel, Id, Text
from advocacy.facts.models.countries import LanguageTag

MAX_ADDRESS_LINES = 6
"""Postal address lines a recipient may have: with the name, title and organisation they fill
the letter's address window (as in a DIN 5008 letter), which has a fixed size."""


MAX_SALUTATION = 80
"""A salutation is one line of the letter."""


def _with_catalog(value: str) -> str:
    from advocacy.errors import UsageError
    from advocacy.i18n.catalogs import catalog_language

    try:
        catalog_language(value)
    except UsageError as err:
        raise ValueError(
            f"{err}; drop `language` to write to them in the case's language"
        ) from None
    return value


def _one_line(value: str) -> str:
    if len(value) > MAX_SALUTATION:
        raise ValueError(
            f"a salutation is one line of at most {MAX_SALUTATION} characters; this one has "
            f"{len(value)}"
        )
    return value


class Recipient(FactModel):
    """One addressee of an appeal: a person, an office or both."""

    id: Id = Field(description="The recipient's id, unique in the campaign: 'kz-president'.")
    name: Text | None = Field(
        default=None, description="The person's name, when the letter is addressed by name."
    )
    title: Text | None = Field(
        default=None,
        description="Their office or position: 'President of the Republic of Kazakhstan'.",
    )
    organisation: Text | None = Field(
        default=None, description="The organisation or body: 'Office of the Prosecutor General'."
    )
    address: tuple[Text, ...] = Field(
        default=(),
        max_length=MAX_ADDRESS_LINES,
        description=f"Postal address, line by line (at most {MAX_ADDRESS_LINES} lines).",
    )
    email: Email | None = Field(
        default=None, description="Where the email draft (`build --emails`) is addressed."
    )
    salutation: Annotated[Text, AfterValidator(_one_line)] = Field(
        default="Dear Sir or Madam,",
        description=f"How the letter greets them, as printed, on one line of at most "
        f"{MAX_SALUTATION} characters: 'Dear Mr President,'.",
    )
    language: Annotated[LanguageTag, AfterValidator(_with_catalog)] | None = Field(
        default=None,
        description="The language of their letter (one the templates have a catalog for: en, "
        "ru, kk); default: the case's language.",
    )
    example: bool = Field(
        default=False,
        description="True when the contact details (address, email) are sample data that no "
        "source gives: replace them before sending.",
    )

    @model_validator(mode="after")
    def _addressed(self) -> Recipient:
        if not (self.name or self.title or self.organisation):
            raise ValueError("a recipient needs a `name`, a `title` or an `organisation`")
        return self

    def lines(self) -> list[str]:
        """The address block, line by line: name, title, organisation, postal address."""
        head = [line for line in (self.name, self.title, self.organisation) if line]
        return [*head, *self.address]

    def label(self) -> str:
        """Who they are, in one line: 'Mr X, President of ...' (for lists and manifests)."""
        return ", ".join(line for line in (self.name, self.title, self.organisation) if line)


class RecipientList(FactModel):
    """A shared recipients file: facts/recipients/<id>.yaml."""

    id: Id = Field(description="Matches the file name.")
    title: Text | None = Field(default=None, description="What the list is: 'Kazakh authorities'.")
    recipients: tuple[Recipient, ...] = Field(min_length=1, description="The recipients.")


class ListRef(FactModel):
    """Everyone in a shared recipients file."""

    list: Id = Field(description="The id of the file facts/recipients/<id>.yaml.")


BY_ID, BY_LIST, WRITTEN_OUT = "<by id>", "<by list>", "<written out>"
UNION_TAGS = frozenset((BY_ID, BY_LIST, WRITTEN_OUT))
"""How pydantic names the kinds of entry in an error's location; never a key of the file."""


def _entry_kind(value: Any) -> str:
    if isinstance(value, str):
        return BY_ID
    if isinstance(value, ListRef) or (isinstance(value, dict) and "list" in value):
        return BY_LIST
    return WRITTEN_OUT


RecipientEntry = Annotated[
    Annotated[Id, Tag(BY_ID)]
    | Annotated[ListRef, Tag(BY_LIST)]
    | Annotated[Recipient, Tag(WRITTEN_OUT)],
    Discriminator(_entry_kind),
    Field(
        description="A recipient written out here, the id of one in facts/recipients/*.yaml, "
        "or {list: <id>} for everyone in facts/recipients/<id>.yaml."
    ),
]
