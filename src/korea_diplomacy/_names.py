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


# ASCII letters and digits, lowered; every other ASCII character dropped.
_ASCII_KEY = {c: None for c in range(128) if not chr(c).isalnum()}
_KOREA_WORDS = ("korea", "rok", "dprk")

_memo: dict[str, str] = {}
_MEMO_SIZE = 4096


def normalise(text: str) -> str:
    """The key under which a name is indexed and looked up."""
    key = _memo.get(text)
    if key is None:
        key = _normalise(text)
        if len(text) <= 200:  # names, not pasted pages; and a bounded memo, never a leak
            if len(_memo) >= _MEMO_SIZE:
                _memo.clear()
            _memo[text] = key
    return key


def _normalise(text: str) -> str:
    if text.isascii():
        lowered = text.lower()
        if not any(word in lowered for word in _KOREA_WORDS):
            return lowered.translate(_ASCII_KEY)
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = _APOSTROPHES.sub("", folded)
    folded = _DASHES.sub(" ", folded)
    folded = " ".join(folded.split())
    folded = _DPRK.sub(" dprk ", folded)
    folded = _ROK.sub(" rok ", folded)
    return "".join(ch for ch in folded if ch.isalnum())
