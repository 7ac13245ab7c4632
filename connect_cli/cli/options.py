"""Options shared by several commands, defined once (`add` and `edit` take the same fields)."""

from __future__ import annotations

from typing import Annotated

import typer

Many = list[str] | None

Json = Annotated[bool, typer.Option("--json", help="Print one JSON document (keys in the README).")]
Company = Annotated[str | None, typer.Option("--company", "-c", help="Company or organisation.")]
Title = Annotated[str | None, typer.Option("--title", help="Job title.")]
Email = Annotated[
    Many, typer.Option("--email", "-e", help="Email, optionally labelled: work=a@b.com.")
]
Phone = Annotated[
    Many, typer.Option("--phone", "-p", help="Phone, optionally labelled: mobile=+1 415…")
]
Url = Annotated[
    Many, typer.Option("--url", help="Web address, optionally labelled: linkedin=https://…")
]
Location = Annotated[str | None, typer.Option("--location", help="Where they live or work.")]
Nickname = Annotated[Many, typer.Option("--nickname", help="Another name they go by.")]
MetAt = Annotated[
    str | None, typer.Option("--met-at", help='How or where you met ("SaaStr 2026").')
]
MetOn = Annotated[
    str | None, typer.Option("--met-on", help="When you met (default: today with --note).")
]
Via = Annotated[str | None, typer.Option("--via", help="WHO introduced you.")]
Tag = Annotated[Many, typer.Option("--tag", "-t", help="A tag (client, mentor…).")]
Every = Annotated[
    str | None, typer.Option("--every", help="Keep-in-touch rhythm: 2w, 30d, 3m, monthly, never.")
]
Birthday = Annotated[str | None, typer.Option("--birthday", help="1985-04-15, 04-15 or April 15.")]
DateOpt = Annotated[Many, typer.Option("--date", help='Important date: "work anniversary=03-01".')]
Like = Annotated[Many, typer.Option("--like", help="Something they like.")]
Dislike = Annotated[Many, typer.Option("--dislike", help="Something they dislike.")]
Passion = Annotated[Many, typer.Option("--passion", help="A passion (sailing, jazz…).")]
Family = Annotated[Many, typer.Option("--family", help='A family detail: "Sam (son, 7)".')]
Need = Annotated[Many, typer.Option("--need", help="What they are trying to solve or get.")]
Offer = Annotated[Many, typer.Option("--offer", help="What they can help others with.")]
Fact = Annotated[Many, typer.Option("--fact", help="Anything else worth remembering.")]
FollowUp = Annotated[
    str | None, typer.Option("--follow-up", help="A promise to keep (see `followups`).")
]
Due = Annotated[
    str | None, typer.Option("--due", help="When the promise is due: friday, in 2 weeks.")
]
