"""Content-keyed rebuilds, parallel and Dask jobs, watch, the course lock and a
render killed mid-way. Real renders at the ``tiny`` quality, through the real
command line."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import av
import pytest

from scripts import keys
from scripts.config import load_course
from scripts.pipeline import plan
from scripts.quality import QUALITIES
from scripts.render import Job

# One worker renders this module's courses once (make test runs files on every core).
pytestmark = pytest.mark.xdist_group("rebuilds")

ROOT = Path(__file__).resolve().parents[2]

COURSE = """\
course:
  quality: tiny
  output: {output}
lessons:
  - id: parabola
    kind: mean_value
    function: x^2
    interval: [0, 2]
    x: [-1, 3]
  - id: cubic
    kind: mean_value
    function: x^3 - x
    interval: [0, 2]
    x: [-1, 2.5]
"""


def cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts.cli", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=timeout, stdin=subprocess.DEVNULL)


def write_course(folder: Path, output: str = "out", text: str = COURSE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "course.yaml"
    path.write_text(text.format(output=output))
    return path


def manifest(out: Path) -> dict[str, dict]:
    entries = json.loads((out / "manifest.json").read_text())["videos"]
    return {f"{e['shape']}/{e['lesson']}": e for e in entries}


def stamps(out: Path) -> dict[str, int]:
    """Every published file and its modification time in nanoseconds."""
    return {str(p.relative_to(out)): p.stat().st_mtime_ns
            for p in sorted(out.glob("*/*")) if p.parent.name in ("landscape", "portrait")}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The two-lesson course rendered once with two worker processes."""
    folder = tmp_path_factory.mktemp("built")
    config = write_course(folder)
    done = cli("render", str(config), "--jobs", "2")
    assert done.returncode == 0, done.stderr + done.stdout
    return folder


# -- keys ---------------------------------------------------------------------------
def a_job(**changes) -> Job:
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / f"calcreel-keys-{os.getpid()}"
    loaded = load_course(write_course(folder))  # a folder per worker: they run at once
    job = plan(loaded, "tiny")[0]
    fields = {"lesson": job.lesson, "analysis": None, "shape": job.shape,
              "quality": job.quality, "theme": job.theme} | changes
    return Job(**fields)


def test_the_same_input_gives_the_same_key():
    assert a_job().key == a_job().key
    assert len(a_job().key) == 64


@pytest.mark.parametrize("change", [
    {"shape": "portrait"},
    {"quality": QUALITIES["draft"]},
    {"theme": "light"},
    {"max_seconds": 30.0},
    {"formats": ("gif",)},
])
def test_every_job_ingredient_changes_the_key(change):
    assert a_job(**change).key != a_job().key


def test_the_lesson_description_changes_the_key():
    job = a_job()
    retitled = job.lesson.model_copy(update={"title": "Another title"})
    narrated = job.lesson.model_copy(update={"narration": {"closing": "Bye."}})
    assert len({job.key, a_job(lesson=retitled).key, a_job(lesson=narrated).key}) == 3


def test_the_code_and_manim_version_change_the_key(monkeypatch):
    before = a_job().key
    monkeypatch.setattr(keys, "code_digest", lambda: "edited scenes")
    after_code = a_job().key
    monkeypatch.setattr(keys, "manim_version", lambda: "0.99")
    assert len({before, after_code, a_job().key}) == 3


def test_the_code_digest_covers_mathcore_and_scenes():
    files = {p.relative_to(ROOT).parts[0] for p in ROOT.glob("*/*.py")}
    assert {"mathcore", "scenes"} <= files
    assert keys.code_digest() == keys.code_digest.__wrapped__()


# -- skipping -------------------------------------------------------------------------
def test_an_unchanged_course_renders_nothing(built):
    out = built / "out"
    before = stamps(out)
    done = cli("render", str(built / "course.yaml"))
    assert done.returncode == 0, done.stderr
    assert "nothing to render: all 2 video(s) are up to date" in done.stdout
    assert stamps(out) == before


def test_editing_one_lesson_rerenders_that_lesson_only(built, tmp_path):
    folder = tmp_path / "edit"
    shutil.copytree(built, folder)
    config = folder / "course.yaml"
    config.write_text(config.read_text().replace("function: x^3 - x", "function: x^3 - 2x"))
    before, keys_before = stamps(folder / "out"), manifest(folder / "out")
    done = cli("render", str(config), "--jobs", "1")
    assert done.returncode == 0, done.stderr
    assert "1 of 2 video(s) up to date; 1 to render" in done.stdout
    after, keys_after = stamps(folder / "out"), manifest(folder / "out")
    changed = {name for name in before if after[name] != before[name]}
    assert changed == {f"landscape/cubic.{s}" for s in ("mp4", "png", "srt", "vtt", "beats.json")}
    assert keys_after["landscape/parabola"]["key"] == keys_before["landscape/parabola"]["key"]
    assert keys_after["landscape/cubic"]["key"] != keys_before["landscape/cubic"]["key"]

    forced = cli("render", str(config), "--force", "--lesson", "parabola", "--jobs", "1")
    assert forced.returncode == 0, forced.stderr
    assert "0 of 1 video(s) up to date; 1 to render" in forced.stdout


def test_a_deleted_output_is_rendered_again(built, tmp_path):
    folder = tmp_path / "deleted"
    shutil.copytree(built, folder)
    (folder / "out" / "landscape" / "parabola.mp4").unlink()
    done = cli("render", str(folder / "course.yaml"), "--jobs", "1")
    assert "1 of 2 video(s) up to date; 1 to render" in done.stdout
    assert (folder / "out" / "landscape" / "parabola.mp4").is_file()


# -- parallel and distributed -----------------------------------------------------------
def comparable(out: Path) -> dict:
    """What must not depend on how jobs were run: files, keys, lengths, captions."""
    entries = manifest(out)
    return {
        "files": sorted(stamps(out)),
        "keys": {name: e["key"] for name, e in entries.items()},
        "seconds": {name: e["seconds"] for name, e in entries.items()},
        "captions": {name: (out / e["captions"]).read_text() for name, e in entries.items()},
        "frames": {name: _frames(out / e["file"]) for name, e in entries.items()},
    }


def _frames(path: Path) -> int:
    with av.open(str(path)) as container:
        return sum(1 for _ in container.decode(video=0))


def test_serial_jobs_make_the_same_files_as_parallel_ones(built, tmp_path):
    config = write_course(tmp_path, output="serial")
    done = cli("render", str(config), "--jobs", "1")
    assert done.returncode == 0, done.stderr
    assert comparable(tmp_path / "serial") == comparable(built / "out")
    logs = sorted(p.name for p in (tmp_path / "serial" / "logs" / "landscape").iterdir())
    assert logs == ["cubic.log", "parabola.log"]


def test_the_dask_executor_fills_the_manifest_as_local_jobs_do(built, tmp_path):
    from distributed import LocalCluster

    config = write_course(tmp_path, output="dask")
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        done = cli("render", str(config), "--executor", "dask",
                   "--scheduler", cluster.scheduler_address)
    assert done.returncode == 0, done.stderr
    assert comparable(tmp_path / "dask") == comparable(built / "out")


def test_dask_without_a_scheduler_is_bad_input(tmp_path):
    done = cli("render", str(write_course(tmp_path)), "--executor", "dask")
    assert done.returncode == 2
    assert "--scheduler: --executor dask needs --scheduler tcp://HOST:PORT" in done.stderr


def test_a_failing_job_is_reported_with_its_log_and_the_others_finish(built, tmp_path):
    folder = tmp_path / "failing"
    shutil.copytree(built, folder)
    config, out = folder / "course.yaml", folder / "out"
    text = config.read_text().replace("output: out", "output: out\n  max_seconds: 5")
    text = text.replace("    x: [-1, 3]", "    x: [-1, 3]\n    shapes: [landscape, portrait]")
    text = text.replace("    x: [-1, 2.5]", "    x: [-1, 2.5]\n    shapes: [landscape, square]")
    config.write_text(text)
    done = cli("render", str(config), "--jobs", "2")
    assert done.returncode == 1
    log = out / "logs" / "portrait" / "parabola.log"
    assert "error: portrait/parabola: CannotFit: the lesson lasts" in done.stderr
    assert f"(log: {log})" in done.stderr
    assert "CannotFit" in log.read_text()
    assert set(manifest(out)) == {"landscape/parabola", "landscape/cubic", "square/cubic"}


# -- watch ----------------------------------------------------------------------------
def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def start_watch(config: Path, log) -> subprocess.Popen:
    """``calcreel watch`` on one job, its output in ``log``, stopped by SIGINT as Ctrl-C
    would: SIGINT's default is restored for it, since a test run started in the
    background (``cmd &`` in a script) ignores SIGINT, and so would the watcher."""
    return subprocess.Popen([sys.executable, "-m", "scripts.cli", "watch", str(config),
                             "--jobs", "1"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def test_watch_rerenders_after_a_save_and_keeps_outputs_on_a_bad_one(built, tmp_path):
    folder = tmp_path / "watched"
    shutil.copytree(built, folder)
    config, out = folder / "course.yaml", folder / "out"
    log = open(tmp_path / "watch.log", "w")
    watcher = start_watch(config, log)
    output = (tmp_path / "watch.log").read_text
    try:
        wait_for(lambda: "watching course.yaml" in output(), 120, "the watcher to start")
        key = manifest(out)["landscape/cubic"]["key"]
        config.write_text(config.read_text().replace("x: [-1, 2.5]", "x: [-1.5, 2.5]"))
        wait_for(lambda: (out / "preview" / "cubic.png").is_file(), 120, "a preview still")
        wait_for(lambda: manifest(out)["landscape/cubic"]["key"] != key, 300, "the re-render")
        assert not (out / "preview" / "parabola.png").exists()

        good = stamps(out)
        config.write_text(config.read_text().replace("interval: [0, 2]", "interval: [2, 0]", 1))
        wait_for(lambda: "the last good outputs are unchanged" in output(), 300,
                 "the error")  # after the rest of the re-render, on a busy machine
        assert "course.yaml:8: lessons[0].interval: expected [min, max]" in output()
        assert stamps(out) == good
    finally:
        watcher.send_signal(signal.SIGINT)
        watcher.wait(timeout=60)
        log.close()
    assert not list(out.rglob("*.tmp"))


# -- the lock and a render killed mid-way ---------------------------------------------------
def test_a_second_render_waits_for_the_first(tmp_path):
    from scripts.lock import course_lock

    holder = [sys.executable, "-c", textwrap.dedent(f"""
        from pathlib import Path
        from scripts.lock import course_lock
        with course_lock(Path({str(tmp_path)!r}), print):
            print("got the lock", flush=True)
    """)]
    with course_lock(tmp_path, print):
        second = subprocess.Popen(holder, cwd=ROOT, stdout=subprocess.PIPE, text=True)
        time.sleep(3)
        assert second.poll() is None, "the second process did not wait"
    out, _ = second.communicate(timeout=60)
    assert out.splitlines()[0].startswith(f"waiting: another calcreel render is writing to "
                                          f"{tmp_path} (pid {os.getpid()})")
    assert out.splitlines()[-1] == "got the lock"


def test_a_render_killed_mid_way_loses_nothing_and_the_next_run_completes(built, tmp_path):
    folder = tmp_path / "killed"
    shutil.copytree(built, folder)
    config, out = folder / "course.yaml", folder / "out"
    config.write_text(config.read_text().replace("output: out", "output: out\n  shapes: "
                                                 "[landscape, square]"))
    before = {name: (out / name).read_bytes() for name in stamps(out)}
    render = subprocess.Popen([sys.executable, "-m", "scripts.cli", "render", str(config),
                               "--jobs", "1"], cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    # Killed while the first square job is writing its video in its scratch folder (not
    # after a fixed sleep: on a fast machine that job was done by then).
    wait_for(lambda: any(path.suffix == ".mp4" for path in (out / ".work").rglob("*")), 120,
             "the first square job to write its video")
    os.killpg(render.pid, signal.SIGKILL)
    render.wait(timeout=30)

    assert {name: (out / name).read_bytes() for name in before} == before
    assert {"landscape/parabola", "landscape/cubic"} <= set(manifest(out))
    assert not list((out / "landscape").glob(".*"))

    done = cli("render", str(config), "--jobs", "1")
    assert done.returncode == 0, done.stderr
    assert "2 of 4 video(s) up to date" in done.stdout
    assert set(manifest(out)) == {f"{s}/{n}" for s in ("landscape", "square")
                                  for n in ("parabola", "cubic")}


def descendants(pid: int) -> set[int]:
    """Every process below ``pid``, from /proc."""
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = {int(c) for c in (task / "children").read_text().split()}
            except OSError:
                continue
            todo.extend(children - found)
            found |= children
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def test_killing_only_the_render_leaves_no_worker_and_no_held_lock(built, tmp_path):
    """kill -9 of the main process alone (as the OOM killer or a CI timeout does): its
    workers die with it and do not hold the lock, so the next render runs at once."""
    folder = tmp_path / "orphans"
    shutil.copytree(built, folder)
    config, out = folder / "course.yaml", folder / "out"
    config.write_text(config.read_text().replace("x: [-1, 2.5]", "x: [-1.5, 2.5]")
                      .replace("x: [-1, 3]", "x: [-1, 3.5]"))
    shutil.rmtree(out / "logs")  # a log then means that this render's worker has a job
    render = subprocess.Popen([sys.executable, "-m", "scripts.cli", "render", str(config),
                               "--jobs", "1"], cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    wait_for(lambda: any((out / "logs" / "landscape").glob("*.log"))
             and len(descendants(render.pid)) >= 2, 120, "a worker to start a job")
    below = descendants(render.pid)
    render.send_signal(signal.SIGKILL)  # the main pid only, not its process group
    render.wait(timeout=30)
    try:
        wait_for(lambda: not any(alive(pid) for pid in below), 60, "the workers to die")
    except AssertionError:
        left = {pid: Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")[:120]
                for pid in below if alive(pid)}
        raise AssertionError(f"still running after their parent was killed: {left}") from None

    done = cli("render", str(config), "--jobs", "1", timeout=300)
    assert done.returncode == 0, done.stderr
    assert "waiting: another calcreel render" not in done.stdout
    assert "0 of 2 video(s) up to date" in done.stdout


def test_an_idle_watch_rebuilds_nothing(built, tmp_path):
    """Each rebuild reads the course file; that read is not a save (watchdog reports its
    close as closed_no_write, which once set off a rebuild loop)."""
    folder = tmp_path / "idle"
    shutil.copytree(built, folder)
    log = open(tmp_path / "idle.log", "w")
    watcher = start_watch(folder / "course.yaml", log)
    output = (tmp_path / "idle.log").read_text
    try:
        wait_for(lambda: "watching course.yaml" in output(), 120, "the watcher to start")
        time.sleep(8)
        assert "changed" not in output()
    finally:
        watcher.send_signal(signal.SIGINT)
        watcher.wait(timeout=60)
        log.close()
