"""Slides for teaching live: each lesson's landscape video, paused at the end of every
beat (``slides/<lesson>.html``), and all of them in one deck (``slides/course.html``).

The keys are manim-slides' (its RevealJS export): right arrow, space or page down play
the next beat; left arrow or page up go back one; a number key jumps to that lesson; S
shows the beat's narration as speaker notes. A page is one file that opens from disk:
no server, nothing fetched; the videos are those beside it in ``../landscape/``, or
inside the page itself with ``--one-file``.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from html import escape
from pathlib import Path
from urllib.parse import quote

from scenes.layout import LECTURE
from scenes.timeline import read_timeline
from scripts.files import write_atomically
from scripts.manifest import ManifestEntry

FOLDER = "slides"
COURSE_PAGE = "course.html"

STYLE = """
html, body { margin: 0; height: 100%; background: #000; color: #eee;
  font-family: system-ui, sans-serif; }
video { width: 100vw; height: 100vh; object-fit: contain; display: block; }
#notes { position: fixed; left: 2vw; right: 2vw; bottom: 2vh; padding: 1rem 1.4rem;
  background: rgba(20, 20, 30, .92); border-radius: 10px; font-size: 1.2rem;
  line-height: 1.45; }
#notes[hidden] { display: none; }
#notes small { color: #9ab; display: block; margin-bottom: .3rem; }
#where { position: fixed; top: 1vh; right: 1.5vw; color: #889; font-size: .85rem; }
"""

PLAYER = """
const video = document.getElementById('video');
const notesBox = document.getElementById('notes');
const where = document.getElementById('where');
let lesson = 0, shown = -1, stopAt = null;  // shown: the last beat played to its end
const LAST_FRAME = 0.01;  // before a beat's end: inside its last frame (up to 100 fps)

function beats() { return LESSONS[lesson].beats; }

function show() {
  const b = beats(), at = Math.max(shown, 0);
  where.textContent = `${lesson + 1}/${LESSONS.length} ${LESSONS[lesson].title}: ` +
    `beat ${shown + 1}/${b.length}`;
  notesBox.innerHTML = '';
  const label = document.createElement('small');
  label.textContent = shown < 0 ? 'next: ' + b[0].name : b[at].name;
  notesBox.append(label, document.createTextNode(b[shown < 0 ? 0 : at].notes));
}

function seek(time) { stopAt = null; video.pause(); video.currentTime = time; show(); }

function load(index, last = false) {
  lesson = index;
  const b = beats();
  shown = last ? b.length - 1 : -1;
  if (video.getAttribute('src') !== LESSONS[index].video) video.src = LESSONS[index].video;
  seek(last ? b[b.length - 1].end - LAST_FRAME : 0);
}

function hold() { const end = stopAt; stopAt = null; video.pause(); video.currentTime = end; }

function watch() {
  if (stopAt !== null && video.currentTime >= stopAt - LAST_FRAME) hold();
  requestAnimationFrame(watch);
}

function next() {
  if (stopAt !== null) return hold();  // mid-beat: straight to its end
  if (shown + 1 < beats().length) {
    shown += 1;
    const b = beats()[shown];
    stopAt = b.end - LAST_FRAME;
    video.currentTime = b.start;
    video.play().catch(() => { video.muted = true; return video.play(); });
    show();
  } else if (lesson + 1 < LESSONS.length) {
    load(lesson + 1);
  }
}

function previous() {
  if (shown > 0) { shown -= 1; seek(beats()[shown].end - LAST_FRAME); }
  else if (shown === 0) { shown = -1; seek(0); }
  else if (lesson > 0) { load(lesson - 1, true); }
}

document.addEventListener('keydown', event => {
  const key = event.key;
  if (['ArrowRight', ' ', 'PageDown', 'ArrowDown'].includes(key)) next();
  else if (['ArrowLeft', 'PageUp', 'ArrowUp'].includes(key)) previous();
  else if (key === 's' || key === 'S') notesBox.hidden = !notesBox.hidden;
  else if (/^[1-9]$/.test(key) && Number(key) <= LESSONS.length) load(Number(key) - 1);
  else return;
  event.preventDefault();
});

window.slides = {state: () => ({lesson, shown, time: video.currentTime,
                                playing: !video.paused, notes: notesBox.textContent,
                                notesShown: !notesBox.hidden})};
load(0);
requestAnimationFrame(watch);
"""


def write_slides(out: Path, title: str, lessons: Sequence[tuple[str, str]],
                 entries: Sequence[ManifestEntry], one_file: bool = False) -> list[Path]:
    """Write a page per lesson with a landscape video and its beats, then the course's
    deck; returns the pages written (course.html last). ``one_file`` puts the videos
    inside the pages (manim-slides' ``--one-file``), so each page travels alone."""
    by_lesson = {e.lesson: e for e in entries if e.shape == LECTURE.shape and e.beats}
    decks = [deck(out, lesson_id, heading, by_lesson[lesson_id], one_file)
             for lesson_id, heading in lessons if lesson_id in by_lesson]
    folder = out / FOLDER
    pages = [write_atomically(folder / f"{d['id']}.html", page(d["title"], [d]))
             for d in decks]
    return pages + [write_atomically(folder / COURSE_PAGE, page(title, decks))]


def slides_links(out: Path) -> dict[str, str]:
    """Each lesson's slides page in ``out``, as a link from the gallery (none before
    ``--slides``)."""
    folder = out / FOLDER
    return {page.stem: f"{FOLDER}/{page.name}" for page in sorted(folder.glob("*.html"))
            if page.name != COURSE_PAGE} if folder.is_dir() else {}


def deck(out: Path, lesson_id: str, heading: str, entry: ManifestEntry,
         one_file: bool = False) -> dict:
    """A lesson's slides: its video (relative to the slides folder, or inside the page
    as a data URL) and each beat's start, end and notes (its caption, as on screen)."""
    timeline, _ = read_timeline((out / entry.beats).read_text(encoding="utf-8"))
    video = ("data:video/mp4;base64," + base64.b64encode((out / entry.file).read_bytes())
             .decode("ascii")) if one_file else "../" + quote(entry.file)
    return {"id": lesson_id, "title": heading, "video": video,
            "beats": [{"name": b.name, "start": round(b.start, 3),
                       "end": round(b.start + b.seconds, 3), "notes": b.caption}
                      for b in timeline]}


def page(title: str, decks: list[dict]) -> str:
    data = json.dumps(decks).replace("</", "<\\/")
    return ('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            '<video id="video" preload="auto" playsinline></video>\n'
            '<div id="where"></div>\n<div id="notes" hidden></div>\n'
            f"<script>\nconst LESSONS = {data};\n{PLAYER}</script>\n</body>\n</html>\n")
