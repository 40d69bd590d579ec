"""A static page, ``<out>/index.html``, showing every published video of a course.

It uses relative links only, so it opens from disk as well as from a web server.
The captions are inlined as ``data:`` URLs: browsers refuse a ``<track>`` file
beside a page opened from disk (Chromium treats each file:// URL as its own origin).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from html import escape
from pathlib import Path
from urllib.parse import quote

from scenes.layout import LAYOUTS, LECTURE
from scripts.files import write_atomically
from scripts.manifest import ManifestEntry

SHAPES = tuple(LAYOUTS)

STYLE = """
:root { color-scheme: dark; --bg: #16181d; --card: #20232a; --line: #2e323b;
  --text: #e6e8eb; --muted: #9aa1ad; --accent: #7cb7ff; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header, main { max-width: 1200px; margin: 0 auto; padding: 1.5rem; }
header { padding-bottom: 0; }
h1 { margin: 0; font-size: 1.8rem; font-weight: 600; }
h2 { margin: 0 0 1rem; font-size: 1.25rem; font-weight: 600; }
.summary { margin: .25rem 0 0; color: var(--muted); }
section { margin: 0 0 2rem; padding: 1.25rem; background: var(--card);
  border: 1px solid var(--line); border-radius: 12px; }
.videos { display: flex; flex-wrap: wrap; gap: 1.25rem; align-items: flex-start; }
figure { margin: 0; max-width: 100%; }
figure.landscape { width: 640px; }
figure.portrait { width: 270px; }
figure.square { width: 400px; }
video { display: block; width: 100%; border-radius: 8px; background: #000; }
.landscape video { aspect-ratio: 16 / 9; }
.portrait video { aspect-ratio: 9 / 16; }
.square video { aspect-ratio: 1; }
figcaption { margin-top: .5rem; color: var(--muted); font-size: .9rem; }
figcaption a { color: var(--accent); margin-right: .6rem; text-decoration: none; }
figcaption a:hover { text-decoration: underline; }
.facts { display: block; }
.practice a { color: var(--accent); margin-left: .6rem; }
"""


def write_gallery(out: Path, title: str, lessons: Sequence[tuple[str, str]],
                  entries: Sequence[ManifestEntry]) -> Path:
    """Write ``index.html`` for the lessons ``(id, heading)`` in this order, from the
    manifest's entries (and ``lecture.mp4`` when there is one); written atomically."""
    lecture = (out / "lecture.mp4").exists()
    names = [entry.vtt for entry in entries] + (["lecture.vtt"] if lecture else [])
    captions = {name: (out / name).read_text(encoding="utf-8") for name in names
                if name and (out / name).is_file()}
    from scripts.practice import sheet_links
    from scripts.slides import slides_links

    links = sheet_links(out)
    for lesson, page in slides_links(out).items():
        links.setdefault(lesson, {})["slides"] = page
    return write_atomically(out / "index.html", gallery_html(
        title, lessons, entries, captions, lecture, links))


def gallery_html(title: str, lessons: Sequence[tuple[str, str]],
                 entries: Sequence[ManifestEntry], captions: dict[str, str],
                 lecture: bool = False, classroom: dict[str, dict[str, str]] | None = None) -> str:
    """The page: one section per lesson that has videos, its shapes in SHAPES order.
    ``captions`` maps each WebVTT file named in ``entries`` to its text; ``classroom``
    maps a lesson to the links of its worksheet, key and slides."""
    classroom = classroom or {}
    by_lesson: dict[str, dict[str, ManifestEntry]] = {}
    for entry in entries:
        by_lesson.setdefault(entry.lesson, {})[entry.shape] = entry
    sections = [_lesson(lesson_id, heading, by_lesson[lesson_id], captions,
                        classroom.get(lesson_id, {}))
                for lesson_id, heading in lessons if lesson_id in by_lesson]
    videos = sum(len(by_lesson[lesson_id]) for lesson_id, _ in lessons
                 if lesson_id in by_lesson)
    summary = f"{len(sections)} lessons, {videos} videos"
    if lecture:
        posters = [by_lesson[lesson_id][LECTURE.shape].poster for lesson_id, _ in lessons
                   if LECTURE.shape in by_lesson.get(lesson_id, {})]
        sections.insert(0, _section("The whole lecture", "lecture", [_figure(
            LECTURE.shape, "lecture.mp4", posters[0] if posters else None,
            captions.get("lecture.vtt"), "all lessons, a chapter each",
            {"mp4": "lecture.mp4", "srt": "lecture.srt", "vtt": "lecture.vtt"})]))
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<header><h1>{escape(title)}</h1>\n"
        f'<p class="summary">{summary}</p></header>\n'
        "<main>\n" + "\n".join(sections) + "\n</main>\n</body>\n</html>\n"
    )


def _lesson(lesson_id: str, heading: str, shapes: dict[str, ManifestEntry],
            captions: dict[str, str], classroom: dict[str, str]) -> str:
    figures = []
    for shape in sorted(shapes, key=lambda s: SHAPES.index(s) if s in SHAPES else len(SHAPES)):
        entry = shapes[shape]
        links = {"mp4": entry.file, **entry.formats, "srt": entry.captions, "vtt": entry.vtt}
        facts = f"{shape}, {_duration(entry.seconds)}, {_size(entry.bytes)}"
        figures.append(_figure(shape, entry.file, entry.poster, captions.get(entry.vtt), facts,
                               links))
    return _section(heading, f"lesson-{lesson_id}", figures, classroom)


def _section(heading: str, anchor: str, figures: list[str],
             classroom: dict[str, str] | None = None) -> str:
    anchors = []
    for name, path in (classroom or {}).items():
        page, _, part = path.partition("#")
        anchors.append(f'<a href="{_url(page)}{"#" + escape(part) if part else ""}">'
                       f'{escape(name)}</a>')
    practice = "".join(anchors)
    return (f'<section id="{escape(anchor)}"><h2>{escape(heading)}</h2>\n'
            + (f'<p class="practice">In class: {practice}</p>\n' if practice else "")
            + f'<div class="videos">\n{"".join(figures)}</div></section>')


def _figure(shape: str, video: str, poster: str | None, vtt: str | None, facts: str,
            links: dict[str, str | None]) -> str:
    """A video with its poster, its captions (WebVTT text, inlined) and its files."""
    poster_attribute = f' poster="{_url(poster)}"' if poster else ""
    track = (f'<track kind="captions" src="{_data_url(vtt)}" srclang="en" '
             'label="Captions" default>') if vtt else ""
    anchors = "".join(f'<a href="{_url(path)}" download>{escape(name)}</a>'
                      for name, path in links.items() if path)
    return (f'<figure class="{escape(shape)}">'
            f'<video controls preload="metadata"{poster_attribute} src="{_url(video)}">'
            f"{track}</video>\n<figcaption><span class=\"facts\">{escape(facts)}</span>"
            f"{anchors}</figcaption></figure>\n")


def _url(path: str) -> str:
    return escape(quote(path))


def _data_url(vtt: str) -> str:
    return "data:text/vtt;base64," + base64.b64encode(vtt.encode("utf-8")).decode("ascii")


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes}:{seconds:02d}"


def _size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(1, round(size / 1e3))} kB"
