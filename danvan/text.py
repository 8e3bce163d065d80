"""Vietnamese text helpers shared by every app: normalising, searching and sorting names."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")

# Vietnamese alphabet order; letters with breve, circumflex or horn are letters of their own.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
# Tone marks in dictionary order: none, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def clean(value):
    """Trim, collapse inner white space and compose to NFC: how every stored text should look."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    return _SPACES.sub(" ", text).strip()


def fold(value):
    """Lower-case, without diacritics, đ as d: "Sở Nội vụ" -> "so noi vu". For search columns."""
    text = unicodedata.normalize("NFD", clean(value).lower())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return text.replace("đ", "d")


def vi_sort_key(value):
    """Sort key in Vietnamese dictionary order: Đ after D, tones after the bare letter."""
    letters, tones = [], []
    for ch in clean(value).lower():
        decomposed = unicodedata.normalize("NFD", ch)
        tone = 0
        base = ""
        for part in decomposed:
            if part in _TONES:
                tone = _TONES[part]
            else:
                base += part
        base = unicodedata.normalize("NFC", base)
        letters.append(_LETTER_RANK.get(base, 100 + ord(base[0]) if base else 0))
        tones.append(tone)
    return (tuple(letters), tuple(tones))
