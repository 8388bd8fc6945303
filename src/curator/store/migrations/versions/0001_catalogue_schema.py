"""catalogue schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-26
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('collection',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('curator', sa.String(length=300), nullable=False),
    sa.Column('introduction', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_collection')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('collection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_collection_slug'), ['slug'], unique=False)

    op.create_table('festival',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('short_name', sa.String(length=40), nullable=False),
    sa.Column('city', sa.String(length=200), nullable=False),
    sa.Column('country', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_festival')),
    sa.UniqueConstraint('slug', name=op.f('uq_festival_slug')),
    sqlite_autoincrement=True
    )
    op.create_table('film',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('original_title', sa.String(length=500), nullable=False),
    sa.Column('sort_title', sa.String(length=500), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('runtime', sa.Integer(), nullable=True),
    sa.Column('format', sa.String(length=40), nullable=False),
    sa.Column('colour', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('synopsis', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_film')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('film', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_film_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_film_slug'), ['slug'], unique=False)
        batch_op.create_index(batch_op.f('ix_film_sort_title'), ['sort_title'], unique=False)
        batch_op.create_index(batch_op.f('ix_film_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_film_year'), ['year'], unique=False)

    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('sort_name', sa.String(length=300), nullable=False),
    sa.Column('birth_year', sa.Integer(), nullable=True),
    sa.Column('death_year', sa.Integer(), nullable=True),
    sa.Column('country', sa.String(length=200), nullable=False),
    sa.Column('biography', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_slug'), ['slug'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_sort_name'), ['sort_name'], unique=False)

    op.create_table('setting',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('alt_title',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('film_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['film_id'], ['film.id'], name=op.f('fk_alt_title_film_id_film'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alt_title'))
    )
    with op.batch_alter_table('alt_title', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alt_title_film_id'), ['film_id'], unique=False)

    op.create_table('collection_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('collection_id', sa.Integer(), nullable=False),
    sa.Column('film_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['collection_id'], ['collection.id'], name=op.f('fk_collection_item_collection_id_collection'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['film_id'], ['film.id'], name=op.f('fk_collection_item_film_id_film'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_collection_item')),
    sa.UniqueConstraint('collection_id', 'film_id', name=op.f('uq_collection_item_collection_id'))
    )
    with op.batch_alter_table('collection_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_collection_item_collection_id'), ['collection_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_collection_item_film_id'), ['film_id'], unique=False)

    op.create_table('credit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('film_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('character', sa.String(length=300), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['film_id'], ['film.id'], name=op.f('fk_credit_film_id_film'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_credit_person_id_person'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credit')),
    sa.UniqueConstraint('film_id', 'person_id', 'role', 'character', name=op.f('uq_credit_film_id'))
    )
    with op.batch_alter_table('credit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_credit_film_id'), ['film_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_credit_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_credit_role'), ['role'], unique=False)

    op.create_table('edition',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('festival_id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=200), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('intro', sa.Text(), nullable=False),
    sa.Column('opening_film_id', sa.Integer(), nullable=True),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['festival_id'], ['festival.id'], name=op.f('fk_edition_festival_id_festival'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['opening_film_id'], ['film.id'], name=op.f('fk_edition_opening_film_id_film'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_edition')),
    sa.UniqueConstraint('festival_id', 'year', name=op.f('uq_edition_festival_id')),
    sa.UniqueConstraint('slug', name=op.f('uq_edition_slug')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('edition', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_edition_festival_id'), ['festival_id'], unique=False)

    op.create_table('external_id',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('film_id', sa.Integer(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('scheme', sa.String(length=40), nullable=False),
    sa.Column('value', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['film_id'], ['film.id'], name=op.f('fk_external_id_film_id_film'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_external_id_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_external_id'))
    )
    with op.batch_alter_table('external_id', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_external_id_film_id'), ['film_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_external_id_person_id'), ['person_id'], unique=False)
        batch_op.create_index('ix_external_id_scheme_value', ['scheme', 'value'], unique=False)

    op.create_table('film_country',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('film_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['film_id'], ['film.id'], name=op.f('fk_film_country_film_id_film'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_film_country'))
    )
    with op.batch_alter_table('film_country', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_film_country_film_id'), ['film_id'], unique=False)
        batch_op.create_index('ix_film_country_name', ['name'], unique=False)

    op.create_table('film_genre',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('film_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['film_id'], ['film.id'], name=op.f('fk_film_genre_film_id_film'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_film_genre'))
    )
    with op.batch_alter_table('film_genre', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_film_genre_film_id'), ['film_id'], unique=False)

    op.create_table('film_language',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('film_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['film_id'], ['film.id'], name=op.f('fk_film_language_film_id_film'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_film_language'))
    )
    with op.batch_alter_table('film_language', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_film_language_film_id'), ['film_id'], unique=False)

    op.create_table('name_variant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_name_variant_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_name_variant')),
    sa.UniqueConstraint('person_id', 'name', name=op.f('uq_name_variant_person_id'))
    )
    with op.batch_alter_table('name_variant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_name_variant_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_name_variant_person_id'), ['person_id'], unique=False)

    op.create_table('quote',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('film_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('attribution', sa.String(length=300), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['film_id'], ['film.id'], name=op.f('fk_quote_film_id_film'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quote'))
    )
    with op.batch_alter_table('quote', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quote_film_id'), ['film_id'], unique=False)

    op.create_table('related_film',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('film_id', sa.Integer(), nullable=False),
    sa.Column('related_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['film_id'], ['film.id'], name=op.f('fk_related_film_film_id_film'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['related_id'], ['film.id'], name=op.f('fk_related_film_related_id_film'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_related_film')),
    sa.UniqueConstraint('film_id', 'related_id', name=op.f('uq_related_film_film_id'))
    )
    with op.batch_alter_table('related_film', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_related_film_film_id'), ['film_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_related_film_related_id'), ['related_id'], unique=False)

    op.create_table('still',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('film_id', sa.Integer(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('format', sa.String(length=10), nullable=False),
    sa.Column('original_name', sa.String(length=300), nullable=False),
    sa.Column('caption', sa.Text(), nullable=False),
    sa.Column('credit', sa.String(length=300), nullable=False),
    sa.Column('alt_text', sa.Text(), nullable=False),
    sa.Column('rights', sa.String(length=300), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('is_primary', sa.Boolean(), nullable=False),
    sa.Column('focal_x', sa.Float(), nullable=False),
    sa.Column('focal_y', sa.Float(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['film_id'], ['film.id'], name=op.f('fk_still_film_id_film'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_still_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_still')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('still', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_still_film_id'), ['film_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_still_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_still_sha256'), ['sha256'], unique=False)

    op.create_table('award',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('edition_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('film_id', sa.Integer(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('result', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['edition_id'], ['edition.id'], name=op.f('fk_award_edition_id_edition'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['film_id'], ['film.id'], name=op.f('fk_award_film_id_film'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_award_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award'))
    )
    with op.batch_alter_table('award', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_award_edition_id'), ['edition_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_award_film_id'), ['film_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_award_person_id'), ['person_id'], unique=False)

    op.create_table('section',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('edition_id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['edition_id'], ['edition.id'], name=op.f('fk_section_edition_id_edition'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_section')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('section', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_section_edition_id'), ['edition_id'], unique=False)

    op.create_table('screening',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('film_id', sa.Integer(), nullable=False),
    sa.Column('edition_id', sa.Integer(), nullable=False),
    sa.Column('section_id', sa.Integer(), nullable=True),
    sa.Column('premiere', sa.String(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['edition_id'], ['edition.id'], name=op.f('fk_screening_edition_id_edition'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['film_id'], ['film.id'], name=op.f('fk_screening_film_id_film'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['section_id'], ['section.id'], name=op.f('fk_screening_section_id_section'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_screening')),
    sa.UniqueConstraint('film_id', 'edition_id', 'section_id', name=op.f('uq_screening_film_id'))
    )
    with op.batch_alter_table('screening', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_screening_edition_id'), ['edition_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_screening_film_id'), ['film_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_screening_section_id'), ['section_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('screening', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_screening_section_id'))
        batch_op.drop_index(batch_op.f('ix_screening_film_id'))
        batch_op.drop_index(batch_op.f('ix_screening_edition_id'))

    op.drop_table('screening')
    with op.batch_alter_table('section', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_section_edition_id'))

    op.drop_table('section')
    with op.batch_alter_table('award', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_award_person_id'))
        batch_op.drop_index(batch_op.f('ix_award_film_id'))
        batch_op.drop_index(batch_op.f('ix_award_edition_id'))

    op.drop_table('award')
    with op.batch_alter_table('still', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_still_sha256'))
        batch_op.drop_index(batch_op.f('ix_still_person_id'))
        batch_op.drop_index(batch_op.f('ix_still_film_id'))

    op.drop_table('still')
    with op.batch_alter_table('related_film', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_related_film_related_id'))
        batch_op.drop_index(batch_op.f('ix_related_film_film_id'))

    op.drop_table('related_film')
    with op.batch_alter_table('quote', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quote_film_id'))

    op.drop_table('quote')
    with op.batch_alter_table('name_variant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_name_variant_person_id'))
        batch_op.drop_index(batch_op.f('ix_name_variant_name'))

    op.drop_table('name_variant')
    with op.batch_alter_table('film_language', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_film_language_film_id'))

    op.drop_table('film_language')
    with op.batch_alter_table('film_genre', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_film_genre_film_id'))

    op.drop_table('film_genre')
    with op.batch_alter_table('film_country', schema=None) as batch_op:
        batch_op.drop_index('ix_film_country_name')
        batch_op.drop_index(batch_op.f('ix_film_country_film_id'))

    op.drop_table('film_country')
    with op.batch_alter_table('external_id', schema=None) as batch_op:
        batch_op.drop_index('ix_external_id_scheme_value')
        batch_op.drop_index(batch_op.f('ix_external_id_person_id'))
        batch_op.drop_index(batch_op.f('ix_external_id_film_id'))

    op.drop_table('external_id')
    with op.batch_alter_table('edition', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_edition_festival_id'))

    op.drop_table('edition')
    with op.batch_alter_table('credit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_credit_role'))
        batch_op.drop_index(batch_op.f('ix_credit_person_id'))
        batch_op.drop_index(batch_op.f('ix_credit_film_id'))

    op.drop_table('credit')
    with op.batch_alter_table('collection_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_collection_item_film_id'))
        batch_op.drop_index(batch_op.f('ix_collection_item_collection_id'))

    op.drop_table('collection_item')
    with op.batch_alter_table('alt_title', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alt_title_film_id'))

    op.drop_table('alt_title')
    op.drop_table('setting')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_sort_name'))
        batch_op.drop_index(batch_op.f('ix_person_slug'))

    op.drop_table('person')
    with op.batch_alter_table('film', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_film_year'))
        batch_op.drop_index(batch_op.f('ix_film_state'))
        batch_op.drop_index(batch_op.f('ix_film_sort_title'))
        batch_op.drop_index(batch_op.f('ix_film_slug'))
        batch_op.drop_index(batch_op.f('ix_film_kind'))

    op.drop_table('film')
    op.drop_table('festival')
    with op.batch_alter_table('collection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_collection_slug'))

    op.drop_table('collection')
