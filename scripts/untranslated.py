"""List (or fill) the Vietnamese catalogue entries that have no translation yet.

    python scripts/untranslated.py                 # list empty msgstr per catalogue
    python scripts/untranslated.py fill FILE.json  # fill from {"msgid": "bản dịch", ...}

Run `make messages` afterwards to compile the .mo files.
"""

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def catalogues():
    for path in sorted(ROOT.glob("**/locale/vi/LC_MESSAGES/django.po")):
        if ".venv" not in path.parts:
            yield path


def main():
    translations = {}
    if len(sys.argv) == 3 and sys.argv[1] == "fill":
        translations = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
    missing = 0
    for path in catalogues():
        po = polib.pofile(str(path))
        changed = False
        for entry in po:
            if entry.obsolete:
                continue
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
                entry.msgstr = ""
                changed = True
            if entry.msgid_plural:
                if entry.msgid in translations and not entry.msgstr_plural.get(0):
                    entry.msgstr_plural = {0: translations[entry.msgid]}
                    changed = True
                if not entry.msgstr_plural.get(0):
                    missing += 1
                    print(f"{path.relative_to(ROOT)}: {entry.msgid!r}")
                continue
            if not entry.msgstr and entry.msgid in translations:
                entry.msgstr = translations[entry.msgid]
                changed = True
            if not entry.msgstr:
                missing += 1
                print(f"{path.relative_to(ROOT)}: {entry.msgid!r}")
        if changed:
            po.save()
    print(f"{missing} untranslated")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
