"""Offline speech synthesis: a beat's spoken words into a WAV, by one of the engines
Debian packages (festival with the HTS voice slt, flite, espeak-ng), kept in a cache
under a hash of the engine, its voice and the words."""

from __future__ import annotations

import hashlib
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from scripts.files import publish


@dataclass(frozen=True)
class Engine:
    """A speech synthesiser: its command (``{text}``, ``{out}`` and ``{voice}`` filled in)
    and its default voice."""

    name: str
    command: tuple[str, ...]
    default_voice: str

    def argv(self, text_file: Path, out: Path, voice: str | None) -> list[str]:
        fill = {"text": str(text_file), "out": str(out), "voice": voice or self.default_voice}
        return [part.format(**fill) for part in self.command]


ENGINES = {engine.name: engine for engine in (
    Engine("festival", ("text2wave", "-eval", "(voice_{voice})", "-o", "{out}", "{text}"),
           "cmu_us_slt_arctic_hts"),
    Engine("flite", ("flite", "-voice", "{voice}", "-f", "{text}", "-o", "{out}"), "awb"),
    Engine("espeak-ng", ("espeak-ng", "-v", "{voice}", "-f", "{text}", "-w", "{out}"), "en-us"),
)}


class SpeechError(RuntimeError):
    """An engine failed or is missing: one line, naming it."""


def synthesize(words: str, cache: Path, engine: str, voice: str | None = None) -> Path:
    """A WAV of ``words`` said by ``engine`` in ``voice``, from the cache if made before."""
    chosen = ENGINES[engine]
    key = hashlib.sha256(f"{engine}\0{voice}\0{words}".encode()).hexdigest()[:32]
    target = cache / "speech" / f"{key}.wav"
    if target.is_file():
        return target
    with tempfile.TemporaryDirectory() as scratch:
        text_file, out = Path(scratch) / "words.txt", Path(scratch) / "speech.wav"
        text_file.write_text(words + "\n", encoding="utf-8")
        try:
            subprocess.run(chosen.argv(text_file, out, voice), check=True,
                           capture_output=True, stdin=subprocess.DEVNULL, timeout=120)
        except FileNotFoundError as missing:
            raise SpeechError(f"{engine}: {missing.filename} is not installed") from None
        except subprocess.CalledProcessError as failed:
            detail = failed.stderr.decode(errors="replace").strip().splitlines()
            raise SpeechError(f"{engine} failed: {detail[-1] if detail else failed}") from None
        if not out.is_file() or out.stat().st_size < 100:
            raise SpeechError(f"{engine} wrote no speech for: {words[:60]}")
        return publish(out, target)
