"""The fact models: what a case file may say, validated with pydantic."""

from __future__ import annotations

from advocacy.facts.models.appeals import Letter, Paragraph
from advocacy.facts.models.case import Case
from advocacy.facts.models.charges import Amount, Appeal, Charge, Imprisonment, Money
from advocacy.facts.models.common import Translation
from advocacy.facts.models.custody import Custody
from advocacy.facts.models.events import Event
from advocacy.facts.models.letterhead import Board, Letterhead, Member, Office, Signatory
from advocacy.facts.models.people import Alias, Award, Organisation, Person
from advocacy.facts.models.recipients import ListRef, Recipient, RecipientList
from advocacy.facts.models.sources import Source
from advocacy.facts.models.text import Localized

__all__ = [
    "Alias",
    "Amount",
    "Appeal",
    "Award",
    "Board",
    "Case",
    "Charge",
    "Custody",
    "Event",
    "Imprisonment",
    "Letter",
    "Letterhead",
    "ListRef",
    "Localized",
    "Member",
    "Money",
    "Office",
    "Organisation",
    "Paragraph",
    "Person",
    "Recipient",
    "RecipientList",
    "Signatory",
    "Source",
    "Translation",
]
