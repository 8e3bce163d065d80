"""Checking evidence files by what they contain, not by what they are called.

Allowed: PDF, Word (.docx, .doc), Excel (.xlsx, .xls) and common images, at most
`settings.EVIDENCE_MAX_BYTES`. The extension must agree with the content: a PNG named .pdf or a
program named .docx is refused. Office Open XML files are opened as zip packages and must have
the parts of their kind, no macro project and a sane expanded size (zip bombs).
"""

import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath

import filetype
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from danvan.uploads import is_plain_office_package
from danvan.xlsx_writer import XLSX

from .errors import ReportError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# extension -> (how the content is recognised, content type served back)
KINDS = {
    ".pdf": ("pdf", "application/pdf"),
    ".docx": ("ooxml:word/document.xml", DOCX),
    ".xlsx": ("ooxml:xl/workbook.xml", XLSX),
    ".doc": ("ole", "application/msword"),
    ".xls": ("ole", "application/vnd.ms-excel"),
    ".jpg": ("jpg", "image/jpeg"),
    ".jpeg": ("jpg", "image/jpeg"),
    ".png": ("png", "image/png"),
    ".gif": ("gif", "image/gif"),
    ".webp": ("webp", "image/webp"),
    ".tif": ("tif", "image/tiff"),
    ".tiff": ("tif", "image/tiff"),
}
# Bidirectional overrides and other invisible controls make "exe.pdf" look like "fdp.exe".
_INVISIBLE = re.compile(r"[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


class EvidenceRefused(ReportError):
    """The file is not an allowed evidence file; the message says why and what to do."""


@dataclass
class Checked:
    name: str
    content_type: str


def allowed_extensions():
    return sorted(KINDS)


def clean_name(name):
    """The user's file name without folders and invisible control characters."""
    name = unicodedata.normalize("NFC", PurePosixPath(name.replace("\\", "/")).name)
    name = _INVISIBLE.sub("", name).strip() or "tep-minh-chung"
    if len(name) > 200:
        suffix = PurePosixPath(name).suffix[:10]
        name = name[: 200 - len(suffix)] + suffix
    return name


def inspect_upload(upload):
    """Return the cleaned name and content type of an acceptable upload, or raise."""
    name = clean_name(upload.name or "")
    extension = PurePosixPath(name).suffix.lower()
    if extension not in KINDS:
        raise EvidenceRefused(
            _("“%(name)s”: only PDF, Word, Excel and image files (%(types)s) are accepted.")
            % {"name": name, "types": ", ".join(allowed_extensions())}
        )
    if not upload.size:
        raise EvidenceRefused(_("“%(name)s” is empty.") % {"name": name})
    if upload.size > settings.EVIDENCE_MAX_BYTES:
        raise EvidenceRefused(
            _("“%(name)s” is larger than %(max)s; reduce it or split it into several files.")
            % {"name": name, "max": filesizeformat(settings.EVIDENCE_MAX_BYTES)}
        )
    kind, content_type = KINDS[extension]
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if not _content_matches(kind, head, upload):
        raise EvidenceRefused(
            _(
                "“%(name)s” is not a real %(ext)s file (its content does not match its name), "
                "or it contains macros or encryption. Save it again as a plain %(ext)s file."
            )
            % {"name": name, "ext": extension.lstrip(".").upper()}
        )
    return Checked(name=name, content_type=content_type)


def _content_matches(kind, head, upload):
    if kind == "ole":
        # Legacy Word/Excel: a compound file, not encrypted (we could not open it).
        return head.startswith(OLE_MAGIC) and not _mentions_encryption(upload)
    if kind.startswith("ooxml:"):
        return head.startswith(b"PK\x03\x04") and is_plain_office_package(upload, kind[6:])
    guessed = filetype.guess(head)
    return guessed is not None and guessed.extension == kind


def _mentions_encryption(upload):
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return b"EncryptedPackage" in data or "EncryptedPackage".encode("utf-16-le") in data
