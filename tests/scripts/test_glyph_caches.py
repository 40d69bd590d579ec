"""A worker's LaTeX and text caches start from what the other processes typeset."""

from __future__ import annotations

from scripts.render import WORKER, glyph_caches, seed_glyph_caches

SVG = b'<?xml version="1.0"?>\n<svg width="3pt">\n<path d="M0 0"/>\n</svg>'


def caches_of(worker: str, cache, monkeypatch) -> dict:
    monkeypatch.setenv(WORKER, worker)
    return glyph_caches(cache)


def test_a_worker_copies_the_svgs_the_others_have_finished(tmp_path, monkeypatch):
    main, w0 = caches_of("main", tmp_path, monkeypatch), caches_of("w0", tmp_path, monkeypatch)
    for folder in (*main.values(), *w0.values()):
        folder.mkdir(parents=True)
    (main["tex_dir"] / "a1.svg").write_bytes(SVG)
    (main["tex_dir"] / "a1.tex").write_text("x^2")
    (w0["tex_dir"] / "b2.svg").write_bytes(SVG)
    (w0["tex_dir"] / "c3.svg").write_bytes(SVG[:30])  # dvisvgm is still writing it
    (w0["text_dir"] / "d4.svg").write_bytes(SVG)
    (w0["text_dir"] / "d4_.svg").write_bytes(SVG)  # Manim's copy while it parses d4
    w1 = caches_of("w1", tmp_path, monkeypatch)
    assert w1["tex_dir"] == tmp_path / "tex" / "w1"
    seed_glyph_caches(tmp_path)
    seed_glyph_caches(tmp_path)  # again, before the worker's next job: nothing to add
    assert sorted(p.name for p in w1["tex_dir"].iterdir()) == ["a1.svg", "b2.svg"]
    copy = w1["tex_dir"] / "b2.svg"  # its own file: nothing w0 does can change it
    assert copy.read_bytes() == SVG and not copy.samefile(w0["tex_dir"] / "b2.svg")
    assert [p.name for p in w1["text_dir"].iterdir()] == ["d4.svg"]
    assert sorted(p.name for p in w0["tex_dir"].iterdir()) == ["b2.svg", "c3.svg"]


def test_a_worker_drops_its_own_svgs_cut_short(tmp_path, monkeypatch):
    """A worker of a killed render left an SVG half written (or empty, as Pango opens it
    first): the next worker of that name must typeset it again, not parse it."""
    w0 = caches_of("w0", tmp_path, monkeypatch)
    for folder in w0.values():
        folder.mkdir(parents=True)
    (w0["text_dir"] / "e5.svg").write_bytes(b"")
    (w0["tex_dir"] / "f6.svg").write_bytes(SVG[:30])
    (w0["tex_dir"] / "g7.svg").write_bytes(SVG)
    (w0["tex_dir"] / "f6.tex").write_text("x^2")
    seed_glyph_caches(tmp_path)
    assert list(w0["text_dir"].iterdir()) == []
    assert sorted(p.name for p in w0["tex_dir"].iterdir()) == ["f6.tex", "g7.svg"]
