"""Vietnamese text helpers shared by every app: normalising, searching and sorting names."""

import re
import unicodedata

# Vietnamese alphabet order; letters with breve, circumflex or horn are letters of their own.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
# Tone marks in dictionary order: none, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def clean(value):
    """Trim, collapse inner white space and compose to NFC: how every stored text should look."""
    if value is None:
        return ""
    # split() and join() collapse the same white space as the pattern \s+ (both use Unicode's
    # white space) and trim it, in a fraction of the time: the import cleans every cell.
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


class _Unmarked(dict):
    """A str.translate table that drops combining marks (category Mn) and turns đ into d,
    filled one character at a time as they are met: `fold` runs for every imported row."""

    def __missing__(self, code):
        mark = unicodedata.category(chr(code)) == "Mn"
        self[code] = value = "d" if code == 0x111 else None if mark else code  # 0x111: đ
        return value


_UNMARKED = _Unmarked()
_DIACRITICS = re.compile("[\u0300-\u036f]+")  # all of category Mn


def fold(value):
    """Lower-case, without diacritics, đ as d: "Sở Nội vụ" -> "so noi vu". For search columns."""
    text = unicodedata.normalize("NFD", clean(value).lower())
    if text.isascii():
        return text
    # Vietnamese marks are all in the block of combining diacritics: the regular expression
    # drops them faster than the table; the table does the rest (other marks, other scripts).
    text = _DIACRITICS.sub("", text).replace("đ", "d")
    return text if text.isascii() else text.translate(_UNMARKED)


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
