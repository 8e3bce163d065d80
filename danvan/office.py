"""Conversion of generated documents to PDF through LibreOffice, where it is installed."""

import shutil
import subprocess
import tempfile
from pathlib import Path


def soffice_path():
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data, timeout=120):
    """Return the PDF bytes of a .docx, or None when LibreOffice is not installed."""
    binary = soffice_path()
    if binary is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "document.docx"
        source.write_bytes(data)
        subprocess.run(
            [
                binary,
                f"-env:UserInstallation=file://{tmp}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
        return (Path(tmp) / "document.pdf").read_bytes()
