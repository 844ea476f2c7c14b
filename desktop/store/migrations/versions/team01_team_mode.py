"""team mode: case versions and who changed them last, case number counters, second opinions

Revision ID: team01
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa
import desktop.store.types


revision = 'team01'
down_revision = 'convint01'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('case_', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('updated_at', desktop.store.types.IsoDateTime(length=40), nullable=True))
        batch_op.add_column(sa.Column('updated_by', sa.String(length=100), nullable=True))
        batch_op.create_index('ix_case_handler', ['handler'], unique=False)
    op.create_table('case_counter',
    sa.Column('scope', sa.String(length=60), nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('scope')
    )
    op.create_table('opinion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('asked_by', sa.String(length=100), nullable=True),
    sa.Column('asked_to', sa.String(length=100), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('asked_at', desktop.store.types.IsoDateTime(length=40), nullable=False),
    sa.Column('answer', sa.Text(), nullable=True),
    sa.Column('answered_by', sa.String(length=100), nullable=True),
    sa.Column('answered_at', desktop.store.types.IsoDateTime(length=40), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['case_.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('opinion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opinion_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_opinion_asked_to'), ['asked_to'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('opinion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opinion_asked_to'))
        batch_op.drop_index(batch_op.f('ix_opinion_case_id'))
    op.drop_table('opinion')
    op.drop_table('case_counter')
    with op.batch_alter_table('case_', schema=None) as batch_op:
        batch_op.drop_index('ix_case_handler')
        batch_op.drop_column('updated_by')
        batch_op.drop_column('updated_at')
        batch_op.drop_column('version')
