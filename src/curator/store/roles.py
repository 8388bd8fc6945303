"""The team's roles, kept by the server itself: grants, and a trigger on publication.

    viewer      reads, searches, exports a copy
    cataloguer  also edits, imports and adds stills
    publisher   also changes what is published (films and lists)
    admin       also upgrades the schema and gives roles

Each is a PostgreSQL group role (curator_viewer, ...), each including the one before;
a user is given one with `curator team grant URL USER ROLE`. A write the role does not
allow is refused by the server, whatever program sends it.
"""

from __future__ import annotations

from sqlalchemy import Connection

from curator.store.server import ServerError

ROLES = ("viewer", "cataloguer", "publisher", "admin")
# what each role adds, for the desk to say why something is greyed out
ALLOWS = {"viewer": "read, search and export", "cataloguer": "edit, import and add stills",
          "publisher": "change what is published", "admin": "upgrade the schema and give roles"}
PUBLISHED_TABLES = ("film", "collection")


def group_role(role: str) -> str:
    if role not in ROLES:
        raise ServerError(f"\u201c{role}\u201d is not a role; the roles are "
                          f"{', '.join(ROLES)}.")
    return f"curator_{role}"


_GUARD = """
CREATE OR REPLACE FUNCTION curator_guard_publication() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF (TG_OP = 'INSERT' AND NEW.state = 'published')
     OR (TG_OP = 'UPDATE' AND NEW.state IS DISTINCT FROM OLD.state) THEN
    IF NOT pg_has_role(session_user, 'curator_publisher', 'MEMBER') THEN
      RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = 'only a publisher may change what is published (' || TG_TABLE_NAME
                  || ' ' || NEW.id || ')';
    END IF;
  END IF;
  RETURN NEW;
END $$
"""


def install(conn: Connection) -> None:
    """Create the group roles (once per server) and this database's grants and trigger.

    Called by `team init` and after every `team upgrade`, it grants every table and
    sequence the schema holds then (those of newer migrations too), and sets the owner's
    default privileges so a table made later carries the same grants.
    """
    for role in ROLES:
        name = group_role(role)
        conn.exec_driver_sql(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') "
            f"THEN CREATE ROLE {name} NOLOGIN; END IF; END $$")
    for lower, higher in zip(ROLES, ROLES[1:], strict=False):
        conn.exec_driver_sql(f"GRANT {group_role(lower)} TO {group_role(higher)}")
    # an admin gives the other roles (the server wants its ADMIN OPTION for that); the admin
    # role itself each admin holds with that option (see grant): no role can hold itself
    for lower in ROLES[:-1]:
        conn.exec_driver_sql(
            f"GRANT {group_role(lower)} TO {group_role('admin')} WITH ADMIN OPTION")
    if not conn.exec_driver_sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
                                ).scalar():
        # whoever sets the catalogue up is its first admin (a superuser is one already)
        conn.exec_driver_sql(f"GRANT {group_role('admin')} TO CURRENT_USER WITH ADMIN OPTION")
    database = conn.exec_driver_sql("SELECT current_database()").scalar_one()
    quoted = conn.dialect.identifier_preparer.quote(database)
    viewer, cataloguer = group_role("viewer"), group_role("cataloguer")
    for statement in (
        f"GRANT CONNECT ON DATABASE {quoted} TO {viewer}",
        f"GRANT USAGE ON SCHEMA public TO {viewer}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {viewer}",
        # a copy (team pull) carries each table's next id on, read from its sequence
        f"GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO {viewer}",
        f"GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {cataloguer}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {cataloguer}",
        # and so on for whatever the owner makes later (a table of a newer migration): the
        # grants follow the schema even before the next upgrade installs them again
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {viewer}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON SEQUENCES TO {viewer}",
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public "
        f"GRANT INSERT, UPDATE, DELETE ON TABLES TO {cataloguer}",
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public "
        f"GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {cataloguer}",
        # the schema's version is the admin's, who upgrades it
        f"REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {cataloguer}",
        # the history only grows: nobody's desk may rewrite or remove an entry
        # (a catalogue older than its history has none yet; the upgrade installs again)
        "DO $$ BEGIN IF to_regclass('change_history') IS NOT NULL THEN "
        f"REVOKE UPDATE, DELETE ON change_history FROM {cataloguer}; END IF; END $$",
        _GUARD,
    ):
        conn.exec_driver_sql(statement)
    for table in PUBLISHED_TABLES:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS guard_publication ON {table}")
        conn.exec_driver_sql(
            f"CREATE TRIGGER guard_publication BEFORE INSERT OR UPDATE OF state ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION curator_guard_publication()")


def grant(conn: Connection, user: str, role: str) -> None:
    """Give `user` (a login role of the server) exactly `role` among the team's roles."""
    target = group_role(role)
    exists = conn.exec_driver_sql(
        "SELECT rolcanlogin FROM pg_roles WHERE rolname = %s", (user,)).first()
    if exists is None:
        raise ServerError(f"There is no user \u201c{user}\u201d on the server; create it "
                          f"first (createuser {user}).")
    if role_of(conn) != "admin":
        raise ServerError(f"Only an admin gives roles; you are a {role_of(conn)} here.")
    quoted = conn.dialect.identifier_preparer.quote(user)
    # an admin can make further admins: the server asks for the ADMIN OPTION on the role
    option = " WITH ADMIN OPTION" if role == "admin" else ""
    conn.exec_driver_sql(f"GRANT {target} TO {quoted}{option}")
    # the new role first, the others then: an admin who steps down still may revoke
    for other in ROLES:
        if other != role:
            conn.exec_driver_sql(f"REVOKE {group_role(other)} FROM {quoted}")


def role_of(conn: Connection) -> str:
    """The team role of the connected user (admin for the server's superusers)."""
    for role in reversed(ROLES):
        if conn.exec_driver_sql(
                "SELECT pg_has_role(session_user, %s, 'MEMBER')",
                (group_role(role),)).scalar():
            return role
    return "viewer"
