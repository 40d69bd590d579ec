"""calcreel check rehearses its lessons in worker processes: what they find is what one
process finds, and a worker that dies fails its lesson."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.render

COURSE = """
course:
  output: out
  shapes: [landscape, portrait]
  voice: tts
lessons:
  - {id: wave, kind: graphs, functions: [sinh(x)], x: [-3, 3], definitions: true}
  - {id: slope, kind: mean_value, function: x^3 - x, interval: [0, 2]}
"""


def test_rehearsals_in_workers_find_what_one_process_finds(write_config):
    from scripts.config import load_course
    from scripts.pipeline import analyse, check_clips

    loaded = load_course(write_config(COURSE))
    alone = check_clips(analyse(loaded), loaded, jobs=1)
    (loaded.output_dir / ".cache" / "timings").rename(loaded.output_dir / "timings-alone")
    pooled = check_clips(analyse(loaded), loaded, jobs=2)
    assert [a.id for a in pooled] == ["wave", "slope"] and all(a.ok for a in pooled)
    assert [(a.spoken, a.warnings) for a in pooled] == [(a.spoken, a.warnings) for a in alone]
    assert "the fraction with numerator" in pooled[0].spoken["graph-1"]
    caches = {p.name for p in (loaded.output_dir / ".cache" / "tex").iterdir()}
    assert {"check-w0", "check-w1"} <= caches  # their own glyph caches, not a render's w0


def test_a_rehearsing_worker_that_dies_fails_its_lesson_in_one_line(write_config):
    from concurrent.futures.process import BrokenProcessPool

    from scripts.config import load_course
    from scripts.pipeline import _rehearsal_died, analyse

    loaded = load_course(write_config(COURSE))
    slope = analyse(loaded)[1]
    result = _rehearsal_died(slope, loaded, BrokenProcessPool("A process was terminated"))
    assert not result.ok and result.internal and result.spoken is None
    assert result.error == (f"{loaded.where(slope.index)} 'slope': internal error while "
                            "rehearsing: BrokenProcessPool: A process was terminated")


def test_a_course_with_a_refused_lesson_reaches_a_worker_whole(write_config):
    """The course goes to each worker pickled, its refusals (ConfigError) with it."""
    import pickle

    from scripts.config import load_course

    loaded = load_course(write_config(COURSE + "  - {id: broken, kind: graphs}\n"))
    refused = [str(r.error) for r in loaded.refusals([])]
    assert len(refused) == 1 and "functions" in refused[0]
    back = [r.error for r in pickle.loads(pickle.dumps(loaded)).refusals([])]
    assert [(str(e), e.line, e.field) for e in back] == \
        [(str(r.error), r.error.line, r.error.field) for r in loaded.refusals([])]
