"""calcreel watch counts a save only when the course file was written."""

from __future__ import annotations

from pathlib import Path

import pytest
from watchdog.events import (
    FileClosedEvent,
    FileClosedNoWriteEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileOpenedEvent,
)

from scripts.watch import _Saved

COURSE = "/home/teacher/course.yaml"


@pytest.mark.parametrize("event, is_a_save", [
    (FileModifiedEvent(COURSE), True),
    (FileCreatedEvent(COURSE), True),
    (FileClosedEvent(COURSE), True),                              # closed after writing
    (FileMovedEvent("/home/teacher/.course.yaml.swp", COURSE), True),  # an editor's save
    (FileOpenedEvent(COURSE), False),
    (FileClosedNoWriteEvent(COURSE), False),                      # a rebuild read it
    (FileMovedEvent(COURSE, "/home/teacher/course.yaml~"), False),
    (FileDeletedEvent(COURSE), False),
    (FileModifiedEvent("/home/teacher/other.yaml"), False),
])
def test_only_a_write_to_the_course_file_counts_as_a_save(event, is_a_save):
    handler = _Saved(Path(COURSE))
    handler.on_any_event(event)
    assert handler.saved.is_set() is is_a_save
