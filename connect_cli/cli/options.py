"""Options shared by several commands, defined once (`add` and `edit` take the same fields)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import MISSING, fields
from typing import TYPE_CHECKING, Annotated, Any

import typer

from connect_cli.cli.completion import complete_who

if TYPE_CHECKING:
    from connect_cli.domain.drafts import RawPerson

Many = list[str] | None


def _one(*names: str, meta: str, help: str) -> typer.models.OptionInfo:
    return typer.Option(*names, metavar=meta, help=help)


Who = Annotated[
    str,
    typer.Argument(
        metavar="WHO",
        help="A name, nickname, unique prefix, or #id.",
        autocompletion=complete_who,
    ),
]
Json = Annotated[bool, typer.Option("--json", help="Print one JSON document (keys in the README).")]
Limit = Annotated[
    int | None,
    typer.Option("--limit", metavar="N", help="Show at most N rows (on a terminal: 50)."),
]
Company = Annotated[
    str | None, _one("--company", "-c", meta="TEXT", help="Company or organisation.")
]
Title = Annotated[str | None, _one("--title", meta="TEXT", help="Job title.")]
Email = Annotated[
    Many, _one("--email", "-e", meta="EMAIL", help="Email, optionally labelled: work=a@b.com.")
]
Phone = Annotated[
    Many, _one("--phone", "-p", meta="PHONE", help="Phone, optionally labelled: mobile=+1 415…")
]
Url = Annotated[
    Many, _one("--url", meta="URL", help="Web address, optionally labelled: linkedin=https://…")
]
Location = Annotated[str | None, _one("--location", meta="TEXT", help="Where they live or work.")]
Nickname = Annotated[Many, _one("--nickname", meta="NAME", help="Another name they go by.")]
MetAt = Annotated[
    str | None, _one("--met-at", meta="TEXT", help='How or where you met ("SaaStr 2026").')
]
MetOn = Annotated[
    str | None, _one("--met-on", meta="DATE", help="When you met (default: today with --note).")
]
Via = Annotated[str | None, _one("--via", meta="WHO", help="Who introduced you.")]
Tag = Annotated[Many, _one("--tag", "-t", meta="TAG", help="A tag (client, mentor…).")]
Every = Annotated[
    str | None,
    _one("--every", meta="RHYTHM", help="Keep-in-touch rhythm: 2w, 30d, 3m, monthly, never."),
]
Birthday = Annotated[
    str | None, _one("--birthday", meta="DATE", help="1985-04-15, 04-15 or April 15.")
]
DateOpt = Annotated[
    Many, _one("--date", meta="LABEL=DATE", help='Important date: "work anniversary=03-01".')
]
Like = Annotated[Many, _one("--like", meta="TEXT", help="Something they like.")]
Dislike = Annotated[Many, _one("--dislike", meta="TEXT", help="Something they dislike.")]
Passion = Annotated[Many, _one("--passion", meta="TEXT", help="A passion (sailing, jazz…).")]
Family = Annotated[Many, _one("--family", meta="TEXT", help='A family detail: "Sam (son, 7)".')]
Need = Annotated[Many, _one("--need", meta="TEXT", help="What they are trying to solve or get.")]
Offer = Annotated[Many, _one("--offer", meta="TEXT", help="What they can help others with.")]
Fact = Annotated[Many, _one("--fact", meta="TEXT", help="Anything else worth remembering.")]
FollowUp = Annotated[
    str | None, _one("--follow-up", meta="TEXT", help="A promise to keep (see `followups`).")
]
Due = Annotated[
    str | None, _one("--due", meta="DATE", help="When the promise is due: friday, in 2 weeks.")
]


def raw_person(params: Mapping[str, Any], **given: Any) -> RawPerson:
    """The RawPerson that `add` and `edit` options describe: their parameters are named as its
    fields, so `ctx.params` maps onto it (a repeatable option arrives as None or a tuple).

    `given` overrides a parsed value (e.g. a name answered at a prompt).
    """
    from connect_cli.domain.drafts import RawPerson  # only the commands that take a person

    values = {**params, **given}
    many = {f.name for f in fields(RawPerson) if f.default_factory is not MISSING}
    return RawPerson(
        **{
            name: list(values[name] or ()) if name in many else values[name]
            for name in (f.name for f in fields(RawPerson))
            if name in values
        }
    )
