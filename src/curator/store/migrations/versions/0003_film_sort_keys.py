"""sort keys of the film list: first country, first director, appearances, stills;
credits indexed by film and role instead of by role alone

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

COLUMNS = (
    ("sort_countries", sa.String(length=200), ""),
    ("sort_directors", sa.String(length=300), ""),
    ("appearance_count", sa.Integer(), "0"),
    ("still_count", sa.Integer(), "0"),
)


FILL_SORT_KEYS = """
UPDATE film SET
  sort_countries = COALESCE((SELECT MIN(fc.name) FROM film_country fc
                             WHERE fc.film_id = film.id), ''),
  sort_directors = COALESCE((SELECT MIN(p.sort_name) FROM person p
                             JOIN credit c ON c.person_id = p.id
                             WHERE c.film_id = film.id AND c.role = 'director'), ''),
  appearance_count = (SELECT COUNT(*) FROM screening s WHERE s.film_id = film.id),
  still_count = (SELECT COUNT(*) FROM still st WHERE st.film_id = film.id)
"""


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN, not a batch copy: recreating the film table would
    # cascade-delete its credits and screenings while foreign keys are on.
    for name, type_, default in COLUMNS:
        op.add_column("film", sa.Column(name, type_, nullable=False, server_default=default))
        op.create_index(f"ix_film_{name}", "film", [name])
    op.create_index("ix_credit_film_id_role", "credit", ["film_id", "role"])
    op.drop_index("ix_credit_role", "credit")
    # The keys as the schema stood at this revision, in SQL of its own: a migration must
    # replay the same way however the models and catalog/sort_keys.py change later.
    op.execute(FILL_SORT_KEYS)


def downgrade() -> None:
    op.create_index("ix_credit_role", "credit", ["role"])
    op.drop_index("ix_credit_film_id_role", "credit")
    for name, _type, _default in COLUMNS:
        op.drop_index(f"ix_film_{name}", "film")
        op.drop_column("film", name)
