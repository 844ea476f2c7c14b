"""The ORM and the migrations describe the same schema, and the case list's big reads stay on their indexes."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from desktop.services.library import Library
from desktop.settings import AppPaths
from desktop.store.schema import Base


def test_orm_matches_the_migrated_database(tmp_path):
    lib = Library(AppPaths(tmp_path / "lib"))
    with lib.db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    lib.close()


def test_library_wide_reads_use_covering_indexes(tmp_path):
    """At 100,000 items the case list and the alert scan read narrow indexes, not the wide tables."""
    lib = Library(AppPaths(tmp_path / "lib"))
    plans = {
        "SELECT case_id, sent_at, from_customer FROM message WHERE kind != 'system'": "ix_message_case_times",
        "SELECT case_id, count(blob_sha256), sum(set_aside) FROM media_item GROUP BY case_id":
            "ix_media_case_counts",
        "SELECT phash FROM blob WHERE phash IS NOT NULL AND kind = 'image'": "ix_blob_kind_phash",
        "SELECT id FROM media_item WHERE message_id = 1": "ix_media_item_message_id",
    }
    with lib.db.engine.connect() as conn:
        for sql, index in plans.items():
            plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
            assert index in plan, (sql, plan)
    lib.close()
