"""A machine listener: pocketsphinx's English model transcribes a voice, and the word
error rate says how much of the spoken text it heard. It measures how intelligible a
synthetic voice is (``scripts/bench.py`` compares the engines; a test samples beats)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

SAMPLE_RATE = 16_000  # what the English model was trained on
PREPARE = "adelay=500,apad=pad_dur=0.5,loudnorm=I=-20"  # silence round it, at a steady level


def transcribe(audio: Path) -> str:
    """What pocketsphinx hears in an audio file (any format ffmpeg reads)."""
    from pocketsphinx import Decoder

    pcm = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(audio), "-af", PREPARE, "-f", "s16le", "-ac", "1",
         "-ar", str(SAMPLE_RATE), "-"], check=True, capture_output=True, stdin=subprocess.DEVNULL,
    ).stdout
    decoder = Decoder(samprate=SAMPLE_RATE, loglevel="FATAL")
    decoder.start_utt()
    decoder.process_raw(pcm, full_utt=True)
    decoder.end_utt()
    hypothesis = decoder.hyp()
    return hypothesis.hypstr if hypothesis is not None else ""


HOMOPHONES = {"why": "y", "ex": "x", "zee": "z", "eff": "f",  # a letter's name is the letter
              "to": "two", "too": "two", "for": "four", "won": "one", "ate": "eight"}


def words(text: str) -> list[str]:
    """Lower-case words without punctuation; ``thirty-six`` is two words, as the
    listener's dictionary has them; words that sound alike are one (``why`` is y, ``to``
    is two), on both sides, as a listener cannot tell them apart."""
    found = re.findall(r"[a-z']+", text.lower().replace("-", " "))
    return [HOMOPHONES.get(word, word) for word in found]


def word_error_rate(reference: str, heard: str) -> float:
    """(substitutions + deletions + insertions) / words of ``reference``, by the
    word-level edit distance."""
    said, got = words(reference), words(heard)
    row = list(range(len(got) + 1))
    for i, word in enumerate(said, start=1):
        previous, row[0] = row[0], i
        for j, other in enumerate(got, start=1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1,
                                           previous + (word != other))
    return row[-1] / max(len(said), 1)
