"""Films carried by drag and drop: the ids of the dragged films, in the order shown."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData

FILM_IDS_MIME = "application/x-curator-film-ids"


def film_ids_mime(film_ids: list[int]) -> QMimeData:
    data = QMimeData()
    data.setData(FILM_IDS_MIME, json.dumps(list(film_ids)).encode())
    return data


def film_ids_from(data: QMimeData | None) -> list[int]:
    """The dragged films' ids, or [] if the data carries no films."""
    if data is None or not data.hasFormat(FILM_IDS_MIME):
        return []
    try:
        ids = json.loads(bytes(data.data(FILM_IDS_MIME).data()).decode())
    except ValueError:
        return []
    return [i for i in ids if isinstance(i, int)] if isinstance(ids, list) else []
