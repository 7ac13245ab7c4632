"""Looking at the whole journal: `stats` and `review`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from connect_cli.cli import options as o
from connect_cli.cli.context import env_of
from connect_cli.cli.root import app
from connect_cli.domain.errors import InputError


@app.command()
def stats(
    ctx: typer.Context,
    who: Annotated[
        str | None,
        typer.Argument(metavar="WHO", help="Only touches with this person."),
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", metavar="YEAR", help="A calendar year's heatmap.")
    ] = None,
    tag: Annotated[
        str | None, typer.Option("--tag", "-t", metavar="TAG", help="Only people with this tag.")
    ] = None,
    json: o.Json = False,
    svg: Annotated[str | None, typer.Option("--svg", metavar="FILE", help="Save as SVG.")] = None,
    html: Annotated[
        str | None, typer.Option("--html", metavar="FILE", help="Save as HTML.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing FILE.")] = False,
) -> None:
    """A picture of your relationships: a year of touches, health, promises, helping.

    --svg FILE or --html FILE saves the same picture to a file you can open in a browser.


    Example: connect stats --year 2026 --tag client
    """
    if svg and html:
        raise InputError("Give --svg or --html, not both.")
    env = env_of(ctx)
    from connect_cli.cli.background import Background
    from connect_cli.core.stats import stats_for

    counting = Background(
        lambda: stats_for(env.location, today=env.today, year=year, tag=tag, who=who)
    )
    from connect_cli.render import stats as render  # Rich loads while SQLite counts

    result = counting.result()

    if json:
        from connect_cli.render.output import print_json

        print_json(render.stats_document(result))
    elif svg or html:
        path = Path(svg or html or "")  # a str option: a Path one would load pydantic (~50 ms)
        render.save_picture(result, path, kind="svg" if svg else "html", force=force)
        from connect_cli.render.output import stdout, user

        stdout().print(user(f"Saved the picture to {path}."))
    else:
        render.print_stats(result)


@app.command()
def review(
    ctx: typer.Context,
    week: Annotated[bool, typer.Option("--week", help="The last 7 days (the default).")] = False,
    month: Annotated[bool, typer.Option("--month", help="The last 30 days.")] = False,
    json: o.Json = False,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print a Markdown note (for a weekly journal).")
    ] = False,
) -> None:
    """Look back over the week and ahead to the next: whom you talked to, promises, drift, dates.


    Example: connect review --markdown >> weekly.md
    """
    if week and month:
        raise InputError("Give --week or --month, not both.")
    if json and markdown:
        raise InputError("Give --json or --markdown, not both.")
    env = env_of(ctx)
    from connect_cli.core.review import MONTH, WEEK, review_for

    result = review_for(env.location, today=env.today, days=MONTH if month else WEEK)
    from connect_cli.render import review as render

    if json:
        from connect_cli.render.output import print_json

        print_json(render.review_document(result))
    elif markdown:
        render.print_markdown(result)
    else:
        render.print_review(result)
