"""The voice a lesson speaks with, as ``voice:`` sets it for the course or one lesson:
``none`` (silent), ``tts`` (an offline engine) or ``recordings`` (the teacher's takes)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

ENGINE_NAMES = ("festival", "flite", "espeak-ng")  # their commands: scripts.speak.ENGINES


class Voice(BaseModel):
    """Who speaks the beats, and how fast. ``voice: tts`` and ``voice: none`` are short
    for ``{mode: tts}`` and ``{mode: none}``; ``{engine: flite}`` means tts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    mode: Literal["none", "tts", "recordings"] = Field(
        "none", description="none: silent; tts: synthetic speech; recordings: your takes")
    engine: Literal[ENGINE_NAMES] = Field(  # type: ignore[valid-type]
        "flite", description="the speech engine for tts (and for missing takes)")
    voice: str | None = Field(None, pattern=r"^[A-Za-z0-9_-]{1,40}$",
                              description="the engine's voice; default: its best English one")
    rate: float = Field(1.0, ge=0.8, le=1.2, description="speech speed, 1 = the engine's own")
    folder: str = Field("recordings", description="recordings: <folder>/<lesson id>/<beat>.wav")
    fallback: Literal["tts", "none"] = Field(
        "tts", description="recordings: a missing take is synthesised (tts) or silence")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"mode": value}
        if isinstance(value, dict) and "mode" not in value and value:
            return {**value, "mode": "recordings" if "folder" in value else "tts"}
        return value

    @property
    def speaks(self) -> bool:
        return self.mode != "none"


SILENT = Voice()
