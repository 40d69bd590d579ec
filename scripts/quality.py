"""Quality presets: the short side of the frame in pixels and the frame rate."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Quality:
    name: str
    short_side: int
    fps: int

    def pixels(self, aspect: float) -> tuple[int, int]:
        """(width, height) for a frame of the given width/height ratio, both even."""
        if aspect >= 1:
            return _even(self.short_side * aspect), self.short_side
        return self.short_side, _even(self.short_side / aspect)


def _even(value: float) -> int:
    return int(round(value / 2)) * 2


QUALITIES: dict[str, Quality] = {
    q.name: q
    for q in (
        Quality("tiny", 144, 10),  # smoke tests and quick looks
        Quality("draft", 480, 15),
        Quality("medium", 720, 30),
        Quality("high", 1080, 60),
        Quality("4k", 2160, 60),
    )
}
