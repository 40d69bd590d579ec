"""`calcreel practice`: the sheet and key as PDFs (every problem and answer in their
text), practice.md and practice.json, the same bytes from the same seed, one line for
bad input, and a lesson whose search fails stopping no other."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml

from scripts.gallery import write_gallery
from scripts.manifest import ManifestEntry

pytestmark = pytest.mark.xdist_group("practice")
ROOT = Path(__file__).resolve().parents[2]

COURSE = {
    "course": {"title": "Practice: 100% & more", "voice": "none", "shapes": ["landscape"]},
    "lessons": [
        {"id": "mvt", "kind": "mean_value", "function": "x^3 - x", "interval": [0, 2],
         "practice": {"count": 3}},
        {"id": "pits", "kind": "critical_points", "function": "x^4 - 2x^2 + y^2",
         "practice": {"count": 2}},
        {"id": "circle", "kind": "implicit", "equation": "x^2 + y^2 = 25", "at": [3, 4]},
        {"id": "sine", "kind": "taylor", "function": "sin(x)", "degree": 5},
    ],
}


def write_course(folder: Path, course: dict) -> Path:
    (folder / "course.yaml").write_text(yaml.safe_dump(course, sort_keys=False))
    return folder / "course.yaml"


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("practice")
    config = write_course(folder, COURSE)
    done = subprocess.run([sys.executable, "-m", "scripts.cli", "practice", str(config)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    return folder / "out" / "practice", done


def flat(text: str) -> str:
    """Letters and digits only, as pdftotext and our statements can both be compared."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[^a-z0-9]", "", text.lower())


def holds(text: str, line: str) -> bool:
    """Whether flattened ``text`` holds each run of ``line``'s words outside its $...$
    math, in order."""
    at = 0
    for piece in map(flat, line.split("$")[::2]):
        found = text.find(piece, at)
        if found < 0:
            return False
        at = found + len(piece)
    return True


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_it_writes_the_four_files_and_says_how_many_exercises(made):
    folder, done = made
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == [
        "practice-100-more-answers.pdf", "practice-100-more.pdf", "practice.json",
        "practice.md"]
    assert "mvt: 3 exercises" in done.stdout and "circle: 4 exercises" in done.stdout


def test_practice_json_has_every_exercise_with_its_fields_and_answer(made):
    folder, _ = made
    data = json.loads((folder / "practice.json").read_text())
    assert data["course"] == "Practice: 100% & more"
    by_lesson = {}
    for e in data["exercises"]:
        assert set(e) == {"lesson", "kind", "number", "lesson_fields", "problem", "answer"}
        assert e["lesson_fields"]["kind"] == e["kind"]
        by_lesson.setdefault(e["lesson"], []).append(e["number"])
    assert by_lesson == {"mvt": [1, 2, 3], "pits": [1, 2, 3], "circle": [1, 2, 3, 4],
                         "sine": [1, 2, 3, 4]}
    design = data["exercises"][[e["lesson"] for e in data["exercises"]].index("pits") + 2]
    assert design["problem"].startswith("Design challenge: write down a function")
    # the lesson is itself the example of "two local mins and one saddle": never posed
    assert design["lesson_fields"]["function"] != "x^4 - 2x^2 + y^2"
    mvt = [e for e in data["exercises"] if e["lesson"] == "mvt"]
    assert all(e["answer"]["applies"] and e["answer"]["c"] for e in mvt)
    fields = [json.dumps(e["lesson_fields"], sort_keys=True) for e in data["exercises"]]
    assert len(set(fields)) == len(fields)


def test_both_pdfs_hold_every_problem_and_every_answer(made):
    folder, _ = made
    from scripts.config import load_course
    from scripts.practice import drills

    sheet = flat(pdf_text(folder / "practice-100-more.pdf"))
    key = flat(pdf_text(folder / "practice-100-more-answers.pdf"))
    loaded = load_course(folder.parent.parent / "course.yaml")
    for d in drills(loaded):
        assert flat(d.drill.lesson.heading()) in sheet and flat(d.drill.lesson.heading()) in key
        for e in d.drill.exercises:
            for line in e.problem():
                assert holds(sheet, line) and holds(key, line), line
            for line in e.worked():
                if isinstance(line, str):
                    assert holds(key, line), line
                else:  # a table: every row's words
                    assert all(holds(key, cell) for row in line.rows for cell in row)
    analysis = json.loads((folder / "practice.json").read_text())["exercises"]
    for e in analysis:
        if e["kind"] == "critical_points":
            for p in e["answer"]["points"]:
                assert flat(p["type"]) in key


def test_the_pages_render_with_nothing_off_the_page(made, tmp_path):
    folder, _ = made
    from PIL import Image

    for name in ("practice-100-more.pdf", "practice-100-more-answers.pdf"):
        subprocess.run(["pdftoppm", "-r", "40", "-png", str(folder / name),
                        str(tmp_path / name)], check=True)
        pages = sorted(tmp_path.glob(f"{name}*.png"))
        assert pages
        for page in pages:
            image = Image.open(page).convert("L")
            width, height = image.size
            inked = image.point(lambda v: 255 if v < 200 else 0).getbbox()
            assert inked is not None, page
            left, top, right, bottom = inked
            margin = 0.05 * width  # the 2 cm margins stay blank
            assert left > margin and right < width - margin, (page, inked)
            assert top > 0.03 * height and bottom < height - 0.03 * height, (page, inked)
    text = pdf_text(folder / "practice-100-more-answers.pdf")
    assert "Overfull" not in text


def test_the_same_seed_writes_the_same_practice_json(made, calcreel, tmp_path):
    folder, _ = made
    config = write_course(tmp_path, COURSE)
    assert calcreel("practice", str(config)).returncode == 0
    again = tmp_path / "out" / "practice" / "practice.json"
    assert again.read_bytes() == (folder / "practice.json").read_bytes()
    course = yaml.safe_load(yaml.safe_dump(COURSE))
    course["lessons"][0]["practice"]["seed"] = 11
    write_course(tmp_path, course)
    assert calcreel("practice", str(config)).returncode == 0
    assert again.read_bytes() != (folder / "practice.json").read_bytes()


def test_an_unchanged_course_is_not_drilled_again(made, calcreel):
    folder, _ = made
    before = (folder / "practice.json").stat().st_mtime_ns
    done = calcreel("practice", str(folder.parent.parent / "course.yaml"))
    assert done.returncode == 0 and "practice: up to date" in done.stdout
    assert (folder / "practice.json").stat().st_mtime_ns == before


def test_impossible_vary_bounds_are_one_line_naming_the_file_and_field(calcreel, tmp_path):
    course = yaml.safe_load(yaml.safe_dump(COURSE))
    course["lessons"][0]["practice"]["vary"] = {"interval": [2, 2]}
    config = write_course(tmp_path, course)
    done = calcreel("check", str(config))
    assert done.returncode == 2
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {config}:7: lessons[0]: practice.vary.interval: impossible "
                      "bounds [2, 2]: an interval needs two whole numbers a < b between them"]


def test_check_says_when_a_lesson_finds_no_good_exercise(calcreel, tmp_path):
    course = {"course": {"title": "T", "voice": "none"}, "lessons": [
        {"id": "hard", "kind": "taylor", "function": "e^x", "center": 1, "degree": 3,
         "practice": {"count": 2, "vary": {"center": [1, 3]}}}]}
    done = calcreel("check", str(write_course(tmp_path, course)))
    assert done.returncode == 0
    assert ("'hard': practice: 0 of 2 exercises found in 30 tries; turned down: an answer "
            "that is not short") in done.stderr


def test_the_gallery_links_each_lessons_worksheet_and_key(made, tmp_path):
    folder, _ = made
    out = tmp_path / "out"
    shutil.copytree(folder, out / "practice")
    entries = [ManifestEntry(lesson, "landscape", "draft", f"landscape/{lesson}.mp4", 10.0,
                             1000, f"landscape/{lesson}.png", None, 1.0)
               for lesson in ("mvt", "other")]
    page = write_gallery(out, "T", [("mvt", "MVT"), ("other", "Other")], entries).read_text()
    mvt, other = page.split('<section id="lesson-')[1:]
    assert '<a href="practice/practice-100-more.pdf#lesson-mvt">worksheet</a>' in mvt
    assert ('<a href="practice/practice-100-more-answers.pdf#lesson-mvt">answer key</a>'
            in mvt)
    assert "In class:" not in other  # a lesson without exercises links none


def test_drills_in_worker_processes_find_what_one_process_finds(made):
    folder, _ = made
    from scripts.config import load_course
    from scripts.practice import as_json, drills

    loaded = load_course(folder.parent.parent / "course.yaml")
    alone = drills(loaded, jobs=1)
    assert [d.id for d in alone] == ["mvt", "pits", "circle", "sine"]
    written = json.loads((folder / "practice.json").read_text())  # by `calcreel practice`,
    assert written == json.loads(json.dumps(  # its lessons drilled in two processes
        as_json(COURSE["course"]["title"], [d.drill for d in alone])))


def test_a_worker_that_dies_fails_its_own_lesson_only(tmp_path):
    from concurrent.futures.process import BrokenProcessPool

    from scripts.config import load_course
    from scripts.practice import _died

    loaded = load_course(write_course(tmp_path, COURSE))
    died = BrokenProcessPool("A process in the process pool was terminated")
    result = _died(loaded, loaded.indices[1], loaded.course.lessons[1], died)
    assert result.id == "pits" and result.drill is None and result.internal
    assert result.error.startswith(f"{tmp_path / 'course.yaml'}:")
    assert "making the exercises of 'pits': BrokenProcessPool" in result.error
