"""The search index of a PostgreSQL journal: rows kept by triggers, vectors made in Python.

The SQLite journal's FTS5 triggers (migration 0003) index every note, fact, nickname, tag,
channel and contact field as it is written, each row at rowid = source id * 16 + code. A server
journal keeps the same rows in a plain table (`rid`, `text`, `source` = the kind), kept by
PL/pgSQL triggers on the same tables, and a `tsvector` per row under a GIN index. PostgreSQL
cannot call connect's folding rule (connect_terms), so a trigger leaves a row's vector NULL and
the command that wrote it fills every NULL vector just before it commits (`fill_vectors`, from
write/session.py and the bulk writer's transaction): the vector is made by read/pg_search.py from
the same FTS5 tokenizer and connect_terms as on SQLite. A row written by another tool (psql) is
searchable from the next connect write on; until then it is not found, never wrongly found.

`forget` deletes the person's rows through the triggers, in its transaction; its VACUUM FULL
afterwards (journal/postgres.py scrub_server) rewrites the table and the GIN index without them.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from connect_cli.read.pg_search import tsvector_texts

STRIDE = 16
# (source, table, text column, the row is indexed when) - migration 0003's ROW_SOURCES
ROW_SOURCES = (
    ("note", 0, "interaction", "text", "NEW.text <> ''"),
    ("fact", 1, "fact", "text", "TRUE"),
    ("nickname", 3, "nickname", "value", "TRUE"),
    ("tag", 8, "tag", "name", "TRUE"),
    ("channel", 9, "channel", "value", "NEW.value <> ''"),
)
CONTACT_FIELDS = (("name", 2), ("company", 4), ("title", 5), ("met_at", 6), ("location", 7))
BATCH = 2000

TABLE = (
    "CREATE TABLE search_index (rid bigint PRIMARY KEY, text text NOT NULL, "
    "source text NOT NULL, vector tsvector)",
    "CREATE INDEX search_index_vector ON search_index USING gin (vector)",
    # the rows a command still has to fill, found without reading the whole table
    "CREATE INDEX search_index_unfilled ON search_index (rid) WHERE vector IS NULL",
)


def _row_trigger(source: str, code: int, table: str, column: str, when: str) -> tuple[str, str]:
    kind = "NEW.kind" if source == "channel" else f"'{source}'"
    watched = f"{column}, kind" if source == "channel" else column
    return (
        f"""CREATE FUNCTION search_{source}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                DELETE FROM search_index WHERE rid = OLD.id * {STRIDE} + {code};
            END IF;
            IF TG_OP <> 'DELETE' AND NEW.{column} IS NOT NULL AND {when} THEN
                INSERT INTO search_index VALUES (NEW.id * {STRIDE} + {code}, NEW.{column}, {kind});
            END IF;
            RETURN NULL;
        END $$""",
        f"""CREATE TRIGGER search_{source} AFTER INSERT OR UPDATE OF {watched} OR DELETE
        ON {table} FOR EACH ROW EXECUTE FUNCTION search_{source}()""",
    )


def _contact_trigger() -> tuple[str, str]:
    fields = "\n".join(
        f"""IF TG_OP <> 'INSERT' AND (TG_OP = 'DELETE' OR NEW.{field} IS DISTINCT FROM OLD.{field})
            THEN DELETE FROM search_index WHERE rid = OLD.id * {STRIDE} + {code}; END IF;
            IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.{field} IS DISTINCT FROM OLD.{field})
            AND NEW.{field} IS NOT NULL AND NEW.{field} <> '' THEN
                INSERT INTO search_index VALUES (NEW.id * {STRIDE} + {code}, NEW.{field}, '{field}');
            END IF;"""
        for field, code in CONTACT_FIELDS
    )
    return (
        f"""CREATE FUNCTION search_contact() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            {fields}
            RETURN NULL;
        END $$""",
        """CREATE TRIGGER search_contact AFTER INSERT OR UPDATE OR DELETE ON contact
        FOR EACH ROW EXECUTE FUNCTION search_contact()""",
    )


SEARCH_SCHEMA = (
    *TABLE,
    *(statement for source in ROW_SOURCES for statement in _row_trigger(*source)),
    *_contact_trigger(),
)


def fill_vectors(connection: Connection) -> int:
    """Make the vector of every index row the triggers left without one, in the open
    transaction (a server journal only); returns how many."""
    driver = connection.connection.driver_connection
    assert driver is not None
    filled, after = 0, -1
    with driver.cursor() as cursor:
        while True:
            cursor.execute(
                "SELECT rid, text, source FROM search_index WHERE vector IS NULL AND rid > %s "
                "ORDER BY rid LIMIT %s",
                (after, BATCH),
            )
            rows = cursor.fetchall()
            if not rows:
                return filled
            vectors = tsvector_texts((text, source) for _, text, source in rows)
            cursor.executemany(
                "UPDATE search_index SET vector = %s::tsvector WHERE rid = %s",
                [(vector, rid) for vector, (rid, _, _) in zip(vectors, rows, strict=True)],
            )
            filled += len(rows)
            after = rows[-1][0]
