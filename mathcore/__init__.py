"""The mathematics of calcreel and nothing else.

Parses formulas safely, differentiates, solves and classifies. Imports sympy,
numpy and scipy; never manim, never yaml. Results are small frozen dataclasses
with a ``to_json()`` method, verified numerically before they are returned.
"""

from mathcore import pickling  # noqa: F401,E402  (imported for its effect)
