"""Email drafts: one RFC 5322 message per recipient, their letter attached, ready to send.

Thunderbird opens a `.eml` file as a message (Edit as New sends it); Outlook opens one carrying
`X-Unsent: 1` as a draft with a Send button. The subject is the appeal's title, the body the
salutation, the lead and the signatory, as plain text; the recipient's PDF is attached.

A draft is the same bytes every time: dated by the appeal, never the clock, with a MIME boundary
made from its contents.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from email import charset, policy
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.utils import format_datetime, formataddr
from typing import Any

from advocacy.markup import plain
from advocacy.models import Letter, Letterhead, Recipient

# Built with email's classic API: its newer one drops the quotes around a long display name
# that holds a comma when it folds the line ("Prosecutor General, Office" <...> becomes two
# addresses).
RFC5322 = policy.compat32.clone(linesep="\r\n")


def draft(
    appeal: Letter, letterhead: Letterhead, recipient: Recipient, pdf: bytes, pdf_name: str
) -> bytes:
    """The draft to ``recipient`` (who must have an email address), ``pdf`` attached."""
    assert recipient.email is not None
    lines = [recipient.salutation, "", plain(appeal.lead)]
    if letterhead.signatory:
        lines += ["", letterhead.signatory.name]
        if letterhead.signatory.title:
            lines.append(letterhead.signatory.title)
    lines.append(letterhead.organisation)
    text = "\n".join(lines) + "\n"
    to = formataddr((recipient.name or recipient.label(), recipient.email), charset="utf-8")
    # A boundary made from the contents: the generator would draw a random one.
    digest = hashlib.sha256(b"\0".join((to.encode(), text.encode(), pdf))).hexdigest()[:32]
    message = MIMEMultipart(boundary=f"=_advocacy_{digest}")
    sender = next((office.email for office in letterhead.offices if office.email), None)
    if sender:
        message["From"] = formataddr((letterhead.organisation, sender), charset="utf-8")
    message["To"] = to
    subject: Any = Header(plain(appeal.title), "utf-8")  # encoded, as RFC 2047 says
    message["Subject"] = subject
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
