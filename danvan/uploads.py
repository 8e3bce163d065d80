"""Checks on uploaded Office files that more than one app needs. Knows no model."""

import zipfile

# A package that expands beyond this, or more than RATIO times its size, is refused (zip bombs).
MAX_EXPANDED = 200 * 1024 * 1024
MAX_RATIO = 100


def is_plain_office_package(upload, main_part):
    """True when `upload` is a zip holding `main_part` (e.g. "word/document.xml"), with no macro
    project and a sane expanded size. Leaves the file positioned at its start."""
    try:
        with zipfile.ZipFile(upload) as package:
            infos = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names or main_part not in names:
        return False
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        return False
    expanded = sum(info.file_size for info in infos)
    return expanded <= MAX_EXPANDED and expanded <= MAX_RATIO * max(upload.size, 1)
