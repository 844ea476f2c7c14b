"""Persistence: the only package that imports SQLAlchemy and Alembic.

``db.Database`` opens the engine and migrates; ``unit.UnitOfWork`` is one transaction, reached with
``with lib.unit() as uow:`` and holding one store per thing kept (``uow.cases``, ``uow.media``, ``uow.messages``,
``uow.customers``, ``uow.notes``, ``uow.duplicates``, ``uow.imports``, ``uow.opinions``, ``uow.settings``,
``uow.audit``, ``uow.retention``, ``uow.erasure``, ``uow.journal`` the undo journal, ``uow.rows`` rows of any table
as JSON-ready values for it). Stores take and return core records and plain values; ORM objects (``schema``) never
leave this package; a database error leaves a unit as one sentence (``errors``). ``blobs`` keeps the originals: one
interface (``blobs.BlobStore``) with a folder and an S3 backend, and this desk's cache of fetched originals.
"""
