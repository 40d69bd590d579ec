"""The worksheet and its answer key, typeset with LaTeX (the one the videos use): one
section per lesson, its problems numbered with room to work and a small graph (TikZ)
where the kind has one; the key gives each worked answer.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import numpy as np

from scenes.notation import tex_text
from scenes.practice import Drill, Exercise, Line, Sketch, Table
from scripts.files import write_atomically

SKETCH_WIDTH, SKETCH_HEIGHT = 4.6, 3.4   # cm
MOST_SKETCH_POINTS = 120                 # a curve's points once thinned
WORK_ROOM = "3.2cm"                      # blank space under a problem to work in
PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[a4paper,margin=2cm]{geometry}
\usepackage{amsmath,amssymb}
\usepackage{tikz}
\usepackage{adjustbox}
\usepackage{enumitem}
\usepackage[hidelinks]{hyperref}
\setlength{\parindent}{0pt}
\setlength{\parskip}{4pt}
\allowdisplaybreaks
\begin{document}
"""


class TypesetError(RuntimeError):
    """LaTeX could not typeset a sheet; the message is its first error line."""


def typeset(title: str, drills: list[Drill], folder: Path, slug: str
            ) -> tuple[Path, Path, dict[str, str]]:
    """Write ``<slug>.pdf`` (the sheet) and ``<slug>-answers.pdf`` (the key) into
    ``folder``, each put in place only once LaTeX has made it. A lesson LaTeX cannot
    typeset is left out of both, its error returned by lesson id: the others still go."""
    failed: dict[str, str] = {}
    try:
        pdfs = _both(title, drills)
    except TypesetError:
        for d in drills:
            try:
                _both(title, [d])
            except TypesetError as err:
                failed[d.lesson.id] = str(err)
        pdfs = _both(title, [d for d in drills if d.lesson.id not in failed])
    sheet = write_atomically(folder / f"{slug}.pdf", pdfs[0])
    key = write_atomically(folder / f"{slug}-answers.pdf", pdfs[1])
    return sheet, key, failed


def _both(title: str, drills: list[Drill]) -> tuple[bytes, bytes]:
    return _pdf(sheet_tex(title, drills)), _pdf(key_tex(title, drills))


def sheet_tex(title: str, drills: list[Drill]) -> str:
    body = [_title(title, "Practice")]
    for d in drills:
        body += [_section(d, "sheet"), r"\begin{enumerate}[leftmargin=*]"]
        body += [_problem(e) for e in d.exercises]
        body.append(r"\end{enumerate}")
    return PREAMBLE + "\n".join(body) + "\n\\end{document}\n"


def key_tex(title: str, drills: list[Drill]) -> str:
    body = [_title(title, "Answers")]
    for d in drills:
        body += [_section(d, "key"), r"\begin{enumerate}[leftmargin=*]"]
        for e in d.exercises:
            body.append(r"\item " + _lines(e.problem(), r"\emph")
                        + "\n\n" + _lines(e.worked()))
        body.append(r"\end{enumerate}")
    return PREAMBLE + "\n".join(body) + "\n\\end{document}\n"


def _title(title: str, what: str) -> str:
    return (rf"\begin{{center}}{{\LARGE {tex_text(title)}}}\\[4pt]"
            rf"{{\large {what}}}\end{{center}}")


def _section(d: Drill, where: str) -> str:
    """The lesson's heading, with a named destination (``#lesson-<id>``) for links."""
    return (rf"\section*{{\hypertarget{{lesson-{d.lesson.id}}}{{}}"
            rf"{tex_text(d.lesson.heading())}}}")


def _problem(e: Exercise) -> str:
    """A numbered problem, its graph beside it where the kind has one, room below."""
    text = _lines(e.problem())
    sketch = e.sketch
    if sketch is None:
        return rf"\item {text}\par\vspace{{{WORK_ROOM}}}"
    return (rf"\item \begin{{minipage}}[t]{{0.58\linewidth}}{text}"
            rf"\end{{minipage}}\hfill\begin{{minipage}}[t]{{0.38\linewidth}}\vspace{{0pt}}"
            rf"\centering {tikz(sketch)}\end{{minipage}}\par\vspace{{{WORK_ROOM}}}")


def _lines(lines: list[Line], style: str = "") -> str:
    """Lines of text with $...$ math as paragraphs; a table shrinks to the line width."""
    out = []
    for line in lines:
        if isinstance(line, Table):
            out.append(_table(line))
        else:
            out.append(f"{style}{{{tex_text(line)}}}" if style else tex_text(line))
    return "\n\n".join(out)


def _table(table: Table) -> str:
    columns = "l" * len(table.header)
    rows = [" & ".join(tex_text(cell) for cell in row) + r" \\" for row in table.rows]
    return (rf"\begin{{adjustbox}}{{max width=\linewidth}}\begin{{tabular}}{{{columns}}}"
            + r"\hline " + " & ".join(tex_text(h) for h in table.header) + r" \\ \hline "
            + " ".join(rows) + r" \hline\end{tabular}\end{adjustbox}")


def tikz(sketch: Sketch) -> str:
    """The sketch as a TikZ picture: the axes where they cross the box, each curve
    clipped to it, and the dots."""
    (x0, x1), (y0, y1) = sketch.x_range, sketch.y_range
    sx, sy = SKETCH_WIDTH / (x1 - x0), SKETCH_HEIGHT / (y1 - y0)

    def at(x: float, y: float) -> str:
        return f"({(x - x0) * sx:.2f},{(y - y0) * sy:.2f})"

    parts = [rf"\begin{{tikzpicture}}\draw[gray!60] (0,0) rectangle "
             rf"({SKETCH_WIDTH},{SKETCH_HEIGHT});",
             rf"\clip (0,0) rectangle ({SKETCH_WIDTH},{SKETCH_HEIGHT});"]
    if x0 < 0 < x1:
        parts.append(rf"\draw[gray!60] {at(0, y0)} -- {at(0, y1)};")
    if y0 < 0 < y1:
        parts.append(rf"\draw[gray!60] {at(x0, 0)} -- {at(x1, 0)};")
    for curve in sketch.curves:
        rows = curve[:: max(1, len(curve) // MOST_SKETCH_POINTS)]
        if len(rows) > 1 and np.isfinite(rows).all():
            parts.append(r"\draw[thick,blue!70!black] " + " -- ".join(at(*r) for r in rows) + ";")
    parts += [rf"\fill[red!70!black] {at(*dot)} circle (1.6pt);" for dot in sketch.dots]
    return "".join(parts) + r"\end{tikzpicture}"


def _pdf(source: str) -> bytes:
    """The PDF pdflatex makes of ``source``, in a scratch folder."""
    with tempfile.TemporaryDirectory() as scratch:
        (Path(scratch) / "sheet.tex").write_text(source, encoding="utf-8")
        done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error",
                               "sheet.tex"], cwd=scratch, capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, timeout=300)
        pdf = Path(scratch) / "sheet.pdf"
        if done.returncode != 0 or not pdf.exists():
            problem = next((line for line in done.stdout.splitlines() if line.startswith("!")),
                           "pdflatex failed")
            raise TypesetError(f"LaTeX could not typeset its exercises: {problem}")
        return pdf.read_bytes()
