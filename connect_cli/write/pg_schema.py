"""A journal's schema on a PostgreSQL server: made whole from the models, in one transaction.

journal/dialect.py has the design. The SQLite migrations (0001–0008) rebuild tables, write
`sqlite_master` and set PRAGMAs; a server journal is instead made from the models
(`SQLModel.metadata.create_all`), with the triggers the migrations add on SQLite written in
PL/pgSQL, SQLite's vocabulary for read/'s SQL (`PG_COMPAT`), the `connect_journal` row the cheap
schema check reads, and `alembic_version` stamped at head: migrations from 0009 on run on both.

Creation runs under the one-writer advisory lock (write/engine.py), so two commands starting
together on an empty database make it once: the second finds it current.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from connect_cli.domain.errors import ConnectError, JournalTooNew
from connect_cli.journal.dialect import PG_COMPAT
from connect_cli.journal.last_contact import BACKFILL
from connect_cli.journal.sqlite import SCHEMA_VERSION, JournalLocation
from connect_cli.write.engine import make_engine
from connect_cli.write.pg_search_index import SEARCH_SCHEMA

# The participants' copy of an interaction's day (migration 0001's SQLite trigger).
DAY_TO_PARTICIPANTS = (
    """CREATE FUNCTION interaction_day_to_participants() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE participant SET happened_on = NEW.happened_on WHERE interaction_id = NEW.id;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER interaction_day_to_participants AFTER UPDATE OF happened_on ON interaction
    FOR EACH ROW EXECUTE FUNCTION interaction_day_to_participants()""",
)

# The last-contact rule of journal/last_contact.py (its docstring says it, for PostgreSQL).
_RECOMPUTE = (
    "UPDATE contact SET last_contact_on = (SELECT MAX(p.happened_on) FROM participant p "
    "WHERE p.contact_id = {who}) WHERE id = {who};"
)
LAST_CONTACT = (
    f"""CREATE FUNCTION participant_last_contact() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            UPDATE contact SET last_contact_on = NEW.happened_on WHERE id = NEW.contact_id
            AND (last_contact_on IS NULL OR last_contact_on < NEW.happened_on);
        ELSIF TG_OP = 'UPDATE' THEN
            {_RECOMPUTE.format(who="OLD.contact_id")}
            {_RECOMPUTE.format(who="NEW.contact_id")}
        ELSE
            {_RECOMPUTE.format(who="OLD.contact_id")}
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER participant_last_contact
    AFTER INSERT OR UPDATE OF contact_id, happened_on OR DELETE ON participant
    FOR EACH ROW EXECUTE FUNCTION participant_last_contact()""",
)

JOURNAL_ROW = (
    "CREATE TABLE connect_journal (application text NOT NULL, schema_version integer NOT NULL)",
    f"INSERT INTO connect_journal VALUES ('connect', {SCHEMA_VERSION})",
)


def make_current(location: JournalLocation) -> None:
    """Create the server journal if its database holds none; refuse one from a newer connect.

    An older server journal is upgraded in the same transaction (upgrade_schema). Errors:
    JournalTooNew; ConnectError for a database that holds other tables (another program's, left
    exactly as it was) or for a server journal too old to upgrade.
    """
    engine = make_engine(location)
    try:
        with engine.begin() as connection:  # takes the writer lock first (write/engine.py)
            version = _version(connection)
            if version > SCHEMA_VERSION:
                raise JournalTooNew(
                    f"The journal at {location.describe()} was written by a newer version of "
                    f"connect (schema {version}); upgrade connect with "
                    "`pip install -U connect-journal` first."
                )
            if version == SCHEMA_VERSION:
                return  # another command made it while this one waited for the lock
            if version:
                upgrade_schema(connection, location, version)
                return
            if _other_tables(connection):
                raise ConnectError(
                    f"The database at {location.describe()} holds tables that are not a "
                    "connect journal, and connect left them as they are; give --db an empty "
                    "database (createdb connect)."
                )
            create_schema(connection)
    finally:
        engine.dispose()


def upgrade_schema(connection: Connection, location: JournalLocation, version: int) -> None:
    """Run the migrations after the journal's stamped one, then record SCHEMA_VERSION.

    A server journal is stamped at its head when made (create_schema), so Alembic knows where it
    stands; the migrations from 0009 on are written for both dialects. PostgreSQL's DDL is
    transactional: it all happens in the caller's transaction, under the writer lock, and an
    upgrade that fails leaves the journal exactly as it was (no copy is taken first, unlike a
    SQLite file's upgrade; `connect backup` runs pg_dump for a copy of one's own).

    Errors: ConnectError when the journal has no Alembic stamp (made by no released connect).
    """
    if connection.exec_driver_sql("SELECT to_regclass('alembic_version')").scalar() is None:
        raise ConnectError(
            f"The journal at {location.describe()} is at schema {version} but has no migration "
            "stamp, so connect cannot upgrade it; export it with the connect that made it and "
            "import it into a new database."
        )
    from connect_cli.write.migrate import alembic_upgrade

    alembic_upgrade(connection, "head")
    connection.exec_driver_sql(f"UPDATE connect_journal SET schema_version = {SCHEMA_VERSION}")


def create_schema(connection: Connection) -> None:
    """Every table, index, trigger and function of a current journal, in the open transaction."""
    import connect_cli.write.tables  # noqa: F401  (registers the tables on SQLModel.metadata)

    SQLModel.metadata.create_all(connection)
    for statement in (
        *DAY_TO_PARTICIPANTS,
        *LAST_CONTACT,
        *SEARCH_SCHEMA,
        *PG_COMPAT,
        *JOURNAL_ROW,
    ):
        connection.exec_driver_sql(statement)
    connection.exec_driver_sql(BACKFILL)
    connection.exec_driver_sql(
        "CREATE TABLE alembic_version (version_num varchar(32) NOT NULL PRIMARY KEY)"
    )
    connection.exec_driver_sql(f"INSERT INTO alembic_version VALUES ('{_head()}')")


def _head() -> str:
    from alembic.script import ScriptDirectory

    from connect_cli.write.migrate import alembic_config

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def _version(connection: Connection) -> int:
    if connection.exec_driver_sql("SELECT to_regclass('connect_journal')").scalar() is None:
        return 0
    found = connection.exec_driver_sql("SELECT schema_version FROM connect_journal").scalar()
    return int(found or 0)


def _other_tables(connection: Connection) -> bool:
    found = connection.exec_driver_sql(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
    ).scalar()
    return bool(found)
