"""List (or fill) the Vietnamese catalogue entries that have no translation yet.

    python scripts/untranslated.py                 # list empty msgstr per catalogue
    python scripts/untranslated.py fill FILE.json  # fill from {"msgid": "bản dịch", ...}

It also reads the sources as `makemessages` does (xgettext over the Python files and the
templates) and lists every string marked for translation that no catalogue translates: a
string added to a template or view but never put in a catalogue shows in English otherwise.

Run `make messages` afterwards to compile the .mo files.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SKIPPED = {".venv", "tests", "bench", "static", "node_modules", ".git"}
# The keywords `makemessages` gives xgettext for the "django" domain.
KEYWORDS = (
    "gettext_noop",
    "gettext_lazy",
    "ngettext_lazy:1,2",
    "pgettext:1c,2",
    "npgettext:1c,2,3",
    "pgettext_lazy:1c,2",
    "npgettext_lazy:1c,2,3",
)


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
    known = {
        (entry.msgctxt, entry.msgid)
        for path in catalogues()
        for entry in polib.pofile(str(path))
        if not entry.obsolete and (entry.msgstr or entry.msgstr_plural.get(0))
    }
    for msgctxt, msgid, where in marked_in_sources():
        if (msgctxt, msgid) not in known:
            missing += 1
            print(f"{where}: {msgid!r} is in no catalogue")
    print(f"{missing} untranslated")
    return 1 if missing else 0


def _sources():
    for path in sorted(ROOT.rglob("*")):
        parts = path.relative_to(ROOT).parts
        if path.suffix in {".py", ".html", ".txt"} and not SKIPPED & set(parts):
            if path.suffix == ".txt" and "templates" not in parts:
                continue
            yield path


def marked_in_sources():
    """(msgctxt, msgid, file) of every string marked for translation, found as `makemessages`
    finds them: templates go through Django's `templatize` first."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    sys.path.insert(0, str(ROOT))
    from django.utils.translation.template import templatize

    with tempfile.TemporaryDirectory() as tmp:
        names, origin = [], {}
        for index, path in enumerate(_sources()):
            text = path.read_text(encoding="utf-8")
            if path.suffix != ".py":
                text = templatize(text, origin=str(path))
            name = os.path.join(tmp, f"{index}.py")
            Path(name).write_text(text, encoding="utf-8")
            names.append(name)
            origin[name] = str(path.relative_to(ROOT))
        listing = os.path.join(tmp, "files")
        Path(listing).write_text("\n".join(names), encoding="utf-8")
        pot = os.path.join(tmp, "all.pot")
        subprocess.run(
            ["xgettext", "-L", "Python", "--from-code=UTF-8", "-o", pot, "-f", listing]
            + [f"--keyword={keyword}" for keyword in KEYWORDS],
            check=True,
        )
        if not os.path.exists(pot):
            return
        for entry in polib.pofile(pot):
            where = origin.get(entry.occurrences[0][0], "?") if entry.occurrences else "?"
            yield entry.msgctxt, entry.msgid, where


if __name__ == "__main__":
    sys.exit(main())
