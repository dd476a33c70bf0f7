"""Background work of the API: the open-data archive."""

from celery import shared_task

from api.open_data import archive_build


@shared_task(acks_late=True)
def build_open_data_archive(archive_id: int) -> str:
    """Build the requested open-data archive (idempotent); returns its status."""
    return archive_build(archive_id=archive_id).status
