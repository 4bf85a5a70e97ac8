"""Email drafts: one RFC 5322 message per recipient, their letter attached, ready to send.

Thunderbird opens a `.eml` file as a message (Edit as New sends it); Outlook opens one carrying
`X-Unsent: 1` as a draft with a Send button. The subject is the appeal's title, the body the
salutation, the lead and the signatory, as plain text; the recipient's PDF is attached. Names
that are not ASCII are written as RFC 2047 encoded-words, folded into short lines; a domain that
is not ASCII is written IDNA-encoded (xn--...), as mail servers need it.

A draft is the same bytes every time: dated by the appeal, never the clock, with a MIME boundary
made from its contents.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from email import charset, policy
from email.header import Header
from email.message import Message
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.utils import format_datetime, formataddr
from typing import cast

from advocacy.facts.markup import plain
from advocacy.facts.models import Letter, Letterhead, Recipient

# Built with email's classic API: its newer one drops the quotes around a long display name
# that holds a comma when it folds the line ("Prosecutor General, Office" <...> becomes two
# addresses). Lines of at most 76 characters keep each encoded-word that a Header folds within
# RFC 2047's 75 and every line within RFC 5322's 78.
_LINE = 76
RFC5322 = policy.compat32.clone(linesep="\r\n", max_line_length=_LINE)


def _addr_spec(address: str) -> str:
    """``address`` as a header carries it: its domain IDNA-encoded (its local part is ASCII)."""
    local, _, domain = address.rpartition("@")
    return f"{local}@{domain.encode('idna').decode('ascii')}"


def _mailbox(name: str, address: str, field: str) -> str | Header:
    """The value of the header ``field`` addressing ``name`` at ``address``.

    An ASCII name is written as it is, quoted if it holds specials; any other, or one with a
    word too long to fold or text an RFC 2047 reader would decode, as encoded-words that a
    folded line can hold. Mail programs join such words as RFC 2047 says; Python's newer parser
    reads a space between them until CPython gh-128110 is fixed.
    """
    addr_spec = _addr_spec(address)
    written = formataddr((name, addr_spec))
    phrase = written[: -len(addr_spec) - 2].split()
    if name.isascii() and "=?" not in name and all(len(word) < _LINE for word in phrase):
        return written
    mailbox = Header(name, "utf-8", header_name=field)
    mailbox.append(f"<{addr_spec}>", "us-ascii")  # never inside an encoded-word
    return mailbox


def draft(
    appeal: Letter,
    letterhead: Letterhead,
    recipient: Recipient,
    pdf: bytes,
    pdf_name: str,
    title: str | None = None,
) -> bytes:
    """The draft to ``recipient`` (who must have an email address), ``pdf`` attached; its
    subject is ``title`` (the letter's title line, "Update – ..." for an update), else the
    appeal's title."""
    assert recipient.email is not None
    lines = [recipient.salutation, "", plain(appeal.lead)]
    if letterhead.signatory:
        lines += ["", letterhead.signatory.name]
        if letterhead.signatory.title:
            lines.append(letterhead.signatory.title)
    lines.append(letterhead.organisation)
    text = "\n".join(lines) + "\n"
    name = recipient.name or recipient.label()
    # A boundary made from the contents: the generator would draw a random one.
    parts = (name.encode(), recipient.email.encode(), text.encode(), pdf)
    digest = hashlib.sha256(b"\0".join(parts)).hexdigest()[:32]
    message = MIMEMultipart(boundary=f"=_advocacy_{digest}")
    sender = next((office.email for office in letterhead.offices if office.email), None)
    # The classic API takes a header's value as a str or a Header; its stubs say str only.
    headed = cast("Message[str, str | Header]", message)
    if sender:
        headed["From"] = _mailbox(letterhead.organisation, sender, "From")
    headed["To"] = _mailbox(name, recipient.email, "To")
    headed["Subject"] = Header(
        plain(title or appeal.title), "utf-8", header_name="Subject"
    )  # RFC 2047
    message["Date"] = format_datetime(dt.datetime.combine(appeal.issued, dt.time(), tzinfo=dt.UTC))
    message["X-Unsent"] = "1"
    utf8 = charset.Charset("utf-8")
    utf8.body_encoding = charset.QP
    body = MIMENonMultipart("text", "plain")
    body.set_payload(text, utf8)
    message.attach(body)
    attachment = MIMEApplication(pdf, "pdf")
    attachment.add_header("Content-Disposition", "attachment", filename=pdf_name)
    message.attach(attachment)
    return message.as_bytes(policy=RFC5322)
