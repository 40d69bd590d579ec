"""The `graphs` lesson: its fields, its analysis, and every word its scene shows."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar, Literal

import sympy
from pydantic import Field, field_validator, model_validator

from mathcore.graphs import Family, Features, Identity, exponential_form, family
from mathcore.parse import parse_sides
from mathcore.window import graph_window
from mathcore.wording import and_list, interval_text
from scenes.notation import number, plain, tex
from scenes.params import FormulaOfX, LessonBase, Range, formula_of_x, parsed_sides
from scenes.practice import Coefficients, Difficulty, Line, Sketch, curve_sketch

MAX_FUNCTIONS = 6
MAX_IDENTITIES = 4
# A family names no point to centre on: [-3, 3] holds what the usual families show (the
# hyperbolic functions' asymptotes, tan's poles at ±π/2, 1/x's at 0) at a readable scale.
DEFAULT_WINDOW = (sympy.Integer(-3), sympy.Integer(3))


class GraphsLesson(LessonBase):
    """Several functions on one set of axes: definitions, asymptotes and identities."""

    kind: Literal["graphs"]
    functions: list[FormulaOfX] = Field(min_length=1, max_length=MAX_FUNCTIONS,
                                        description="formulas in x, e.g. [sinh(x), cosh(x)]")
    labels: list[str] | None = Field(
        None, description="a short name per function for the legend; default the formula")
    x: Range | None = Field(None, description="the window; default [-3, 3]")
    identities: list[str] = Field(
        default_factory=list, max_length=MAX_IDENTITIES,
        description="equations to check, e.g. cosh(x)^2 - sinh(x)^2 = 1")
    definitions: bool = Field(False, description="write each hyperbolic function with e^x")

    beats: ClassVar[dict[str, str]] = {
        "title": "the title card",
        "graph-*": "each function drawn in its own colour, its row added to the legend, "
                   "with its definition in exponentials when asked for",
        "asymptotes": "dashed lines at the poles and the horizontal asymptotes, labelled "
                      "(only when there are some)",
        "identity-*": "each identity on the side, with a check mark when it holds or a "
                      "cross and a counterexample when it does not",
        "closing": "the takeaway",
    }
    asides: ClassVar[tuple[str, ...]] = ("asymptotes",)

    @field_validator("identities")
    @classmethod
    def _are_equations(cls, texts: list[str]) -> list[str]:
        for text in texts:
            parsed_sides(text, ("x",))
        return texts

    @model_validator(mode="after")
    def _one_label_each(self) -> GraphsLesson:
        if self.labels is not None and len(self.labels) != len(self.functions):
            raise ValueError(f"labels: give one per function ({len(self.functions)}), "
                             f"got {len(self.labels)}")
        return self

    @cached_property
    def exprs(self) -> tuple[sympy.Expr, ...]:
        return tuple(formula_of_x(text) for text in self.functions)

    moves: ClassVar = (Coefficients("functions"), Coefficients("identities"))
    unvaried: ClassVar = ("labels",)

    def problem(self, analysis: GraphsAnalysis) -> list[Line]:
        a, b = (tex(end) for end in analysis.x_range)
        graphs = ", ".join(f"$y = {tex(f)}$" for f in self.exprs)
        lines: list[Line] = [f"Sketch {graphs} for ${a} \\le x \\le {b}$, and give each "
                             "one's poles and horizontal asymptotes."]
        lines += [f"Is ${tex(i.lhs)} = {tex(i.rhs)}$ an identity? Prove it, or find an $x$ "
                  "where it fails." for i in analysis.family.identities]
        return lines

    def worked(self, analysis: GraphsAnalysis) -> list[Line]:
        lines: list[Line] = [features_tex(f) for f in analysis.family.functions]
        for i in analysis.family.identities:
            lines.append(f"${tex(i.lhs)} = {tex(i.rhs)}$ "
                         + ("holds for every $x$." if i.proved else
                            f"fails: at $x = {counterexample_text(i)}$ the sides differ."))
        return lines

    def flaw(self, analysis: GraphsAnalysis, difficulty: Difficulty) -> str | None:
        if any(not i.proved and i.counterexample is None for i in analysis.family.identities):
            return "an identity neither proved nor disproved"
        return None

    def sketch(self, analysis: GraphsAnalysis) -> Sketch:
        return curve_sketch(self.exprs, analysis.x_range)

    def analyze(self) -> GraphsAnalysis:
        """mathcore's family on the window, each function's exponential form if asked for,
        and the height to draw."""
        sides = [(*parse_sides(text, ("x",)), text) for text in self.identities]
        definitions = tuple(exponential_form(f) if self.definitions else None
                            for f in self.exprs)
        window = tuple(self.x) if self.x is not None else DEFAULT_WINDOW
        return GraphsAnalysis(family(self.exprs, window, sides), definitions,
                              window, graph_window(self.exprs, window))


@dataclass(frozen=True)
class GraphsAnalysis:
    """mathcore's family, with each function's definition (or None) and the window."""

    family: Family
    definitions: tuple[sympy.Expr | None, ...]
    x_range: tuple[sympy.Expr, sympy.Expr]
    y_range: tuple[float, float]

    def to_json(self) -> dict:
        return self.family.to_json()


# -- captions --------------------------------------------------------------------------------
def graph_caption(f: Features, rewritten: sympy.Expr | None) -> str:
    text = f"y = {plain(f.function)}"
    if rewritten is not None:
        text += f", that is {plain(rewritten)}"
    return text


def features_text(f: Features) -> str | None:
    """``tanh(x) approaches y = 1 and y = -1``; None when there is nothing to say."""
    parts = []
    if f.poles:
        parts.append(f"has {'poles' if len(f.poles) > 1 else 'a pole'} at "
                     + and_list([f"x = {plain(p)}" for p in f.poles]))
    if f.asymptotes:
        parts.append("approaches " + and_list([f"y = {plain(h)}" for h in f.asymptotes]))
    return f"{plain(f.function)} " + " and ".join(parts) if parts else None


def features_tex(f: Features) -> str:
    """``$y = \\tanh x$: no pole; asymptotes $y = 1$ and $y = -1$.``"""
    poles = and_list([f"$x = {tex(p)}$" for p in f.poles]) if f.poles else "none"
    asymptotes = and_list([f"$y = {tex(h)}$" for h in f.asymptotes]) if f.asymptotes \
        else "none"
    return f"$y = {tex(f.function)}$: poles {poles}; horizontal asymptotes {asymptotes}."


def asymptotes_caption(fam: Family) -> str:
    said = [text for text in map(features_text, fam.functions) if text is not None]
    return "Asymptotes: " + and_list(said) if said else "No poles and no horizontal asymptotes"


def counterexample_text(identity: Identity) -> str:
    """Where the sides differ, to four digits: ``-3``, ``1.571``."""
    return f"{identity.counterexample:.4g}"


def identity_caption(identity: Identity) -> str:
    if identity.holds:
        return (f"{identity.label} holds for every x: sympy proves it, "
                f"and {identity.samples} sample points agree")
    if identity.counterexample is not None:
        return (f"{identity.label} is false: at x = {counterexample_text(identity)} "
                "the two sides differ")
    return f"{identity.label} could not be proved, though no sample point disagreed"


def takeaway(lesson: GraphsLesson, analysis: GraphsAnalysis) -> str:
    """The closing caption: the exponentials' echo of sin and cos, when they were shown."""
    if lesson.definitions and any(d is not None for d in analysis.definitions):
        return "Built from e^x and e^-x, the hyperbolic functions echo sin and cos."
    return "One set of axes, many functions: compare them where they meet and part."


# -- the formulas, typeset -------------------------------------------------------------------
def title_tex(features: tuple[Features, ...]) -> str:
    r"""``y = \sinh{\left(x \right)},\quad y = \cosh ...``, under the title."""
    return r",\quad ".join(f"y = {tex(f.function)}" for f in features)


def definition_tex(rewritten: sympy.Expr) -> str:
    """A legend row's definition, ``= (e^x - e^-x)/2``."""
    return f"= {tex(rewritten)}"


def pole_tex(pole: sympy.Expr) -> str:
    return f"x = {tex(pole)}"


def asymptote_tex(height: sympy.Expr) -> str:
    return f"y = {tex(height)}"


def identity_tex(identity: Identity) -> str:
    return f"{tex(identity.lhs)} = {tex(identity.rhs)}"


def verdict_tex(identity: Identity) -> str:
    if identity.holds:
        return r"\checkmark\ \text{for every } x"
    if identity.counterexample is not None:
        return rf"\times\ \text{{false at }} x = {counterexample_text(identity)}"
    return r"?\ \text{not proved}"


def report(analysis: GraphsAnalysis) -> str:
    """Each function's poles and asymptotes, and each identity's verdict."""
    fam = analysis.family
    lines = [f"x in {interval_text(analysis.x_range, number)}"]
    for f in fam.functions:
        lines.append(features_text(f) or f"{plain(f.function)}: no poles, no asymptotes")
    lines += [identity_caption(i) for i in fam.identities]
    return "\n".join(lines)
