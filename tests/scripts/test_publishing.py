"""Captions, chapters and the gallery page, without rendering anything."""

from __future__ import annotations

import base64
from dataclasses import replace
from html.parser import HTMLParser

from scripts.captions import joined, to_vtt
from scripts.gallery import gallery_html
from scripts.lecture import Part, chapter_metadata, lecture_parts, starts
from scripts.manifest import ManifestEntry

SUBRIP = """1
00:00:00,000 --> 00:00:03,300
Slope <of> x² & more

2
00:01:03,900 --> 00:01:07,850
f'(3) = 6 --> the tangent
"""


def test_vtt_has_the_header_dotted_times_and_escaped_text():
    assert to_vtt(SUBRIP) == (
        "WEBVTT\n\n"
        "00:00:00.000 --> 00:00:03.300\nSlope &lt;of&gt; x² &amp; more\n\n"
        "00:01:03.900 --> 00:01:07.850\nf'(3) = 6 --&gt; the tangent\n"
    )


def test_joined_captions_are_shifted_and_renumbered():
    text = joined([(SUBRIP, 0.0), (SUBRIP, 70.25)])
    assert text.count("-->") == 4 + 2  # one arrow is in a caption's words
    assert "3\n00:01:10,250 --> 00:01:13,550\nSlope <of> x² & more" in text
    assert "4\n00:02:14,150 --> 00:02:18,100\n" in text


def test_chapters_start_where_the_previous_part_ends_and_titles_are_escaped(tmp_path):
    parts = [Part("one", "One = 1; #a", tmp_path / "a.mp4", 12.5),
             Part("two", "Two", tmp_path / "b.mp4", 7.25)]
    assert starts(parts) == [0.0, 12.5]
    text = chapter_metadata("Course", parts)
    assert text.startswith(";FFMETADATA1\ntitle=Course\n")
    assert "START=0\nEND=12500\ntitle=One \\= 1\\; \\#a\n" in text
    assert "START=12500\nEND=19750\ntitle=Two\n" in text


class _Collect(HTMLParser):
    """Text and tags of a page."""

    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def entry(lesson: str, shape: str) -> ManifestEntry:
    return ManifestEntry(lesson=lesson, shape=shape, quality="tiny", seconds=12.0, bytes=34_000,
                         file=f"{shape}/{lesson}.mp4", poster=f"{shape}/{lesson}.png",
                         captions=f"{shape}/{lesson}.srt", vtt=f"{shape}/{lesson}.vtt",
                         render_seconds=3.5, formats={"gif": f"{shape}/{lesson}.gif"})


def test_gallery_escapes_titles_and_orders_lessons_and_shapes():
    lessons = [("b", "<script>alert(1)</script> & co"), ("a", "Second")]
    entries = [entry("a", "landscape"), entry("b", "portrait"), entry("b", "landscape"),
               entry("gone", "landscape")]
    captions = {"landscape/b.vtt": to_vtt(SUBRIP), "portrait/b.vtt": "WEBVTT\n"}
    page = gallery_html('Course "<x>"', lessons, entries, captions)
    assert "<script>" not in page
    collected = _Collect()
    collected.feed(page)
    assert "<script>alert(1)</script> & co" in collected.text
    assert 'Course "<x>"' in collected.text
    videos = [attrs for tag, attrs in collected.tags if tag == "video"]
    assert [v["src"] for v in videos] == ["landscape/b.mp4", "portrait/b.mp4", "landscape/a.mp4"]
    assert all(v["preload"] == "metadata" and v["poster"].endswith(".png") for v in videos)
    tracks = [attrs for tag, attrs in collected.tags if tag == "track"]
    assert len(tracks) == 2 and all(t["kind"] == "captions" and "default" in t for t in tracks)
    prefix = "data:text/vtt;base64,"
    assert [base64.b64decode(t["src"].removeprefix(prefix)).decode() for t in tracks] == [
        captions["landscape/b.vtt"], captions["portrait/b.vtt"]]
    links = [attrs["href"] for tag, attrs in collected.tags if tag == "a"]
    assert links[:5] == ["landscape/b.mp4", "landscape/b.gif", "landscape/b.srt",
                         "landscape/b.vtt", "portrait/b.mp4"]
    assert "gone" not in page


def test_the_lecture_takes_the_lecture_shape_at_the_quality_in_course_order(tmp_path):
    entries = [entry("a", "portrait"), entry("b", "landscape"), entry("a", "landscape"),
               replace(entry("c", "landscape"), quality="high", captions=None)]
    parts = lecture_parts(tmp_path, [("a", "First"), ("b", "Second"), ("c", "Third")], entries,
                          "tiny")
    assert [(p.lesson, p.title, p.video, p.captions) for p in parts] == [
        ("a", "First", tmp_path / "landscape/a.mp4", tmp_path / "landscape/a.srt"),
        ("b", "Second", tmp_path / "landscape/b.mp4", tmp_path / "landscape/b.srt")]
