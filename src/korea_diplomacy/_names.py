"""How names are compared: case, spacing, punctuation and dash style do not matter, and the
many ways of writing the Republic of Korea count as one word (never as the DPRK).

>>> normalise("ASEAN–Republic of Korea Summit") == normalise("ASEAN-ROK summit")
True
>>> normalise("North Korea") == normalise("Korea")
False
>>> normalise("한·아세안 정상회의") == normalise("한-아세안 정상회의")
True
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise"]

_DASHES = re.compile(r"[\u002d\u2010-\u2015\u2212\ufe58\ufe63\uff0d_/]")
_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc`]")
_DPRK = re.compile(r"\b(?:democratic peoples? republic of korea|north korea|dprk)\b")
_ROK = re.compile(r"\b(?:the )?(?:republic of korea|south korea|korea|rok)\b")


def normalise(text: str) -> str:
    """The key under which a name is indexed and looked up."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = _APOSTROPHES.sub("", folded)
    folded = _DASHES.sub(" ", folded)
    folded = " ".join(folded.split())
    folded = _DPRK.sub(" dprk ", folded)
    folded = _ROK.sub(" rok ", folded)
    return "".join(ch for ch in folded if ch.isalnum())
