"""Fill a document's Word template with its context: `render(kind, context) -> bytes`.

The template in force is the latest one the province uploaded for the kind
(`TemplateVersion`), else the default of documents/templates_docx/. Templates are filled by
docxtpl in a sandboxed Jinja environment with autoescaping, so a unit named "A & B" stays
well-formed XML and an uploaded template cannot reach Python objects.
"""

import hashlib
import re
import zipfile
from io import BytesIO

from django.utils.translation import gettext as _
from docxtpl import DocxTemplate
from jinja2 import TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from . import kinds

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class TemplateRefused(Exception):
    """An uploaded template that cannot be used; the message says why, in the interface's
    language."""


def environment():
    return SandboxedEnvironment(autoescape=True)


def template_bytes(kind):
    """The .docx template in force for `kind`."""
    from .models import TemplateVersion  # models import this module's errors

    version = TemplateVersion.objects.in_force(kind)
    if version is not None:
        with version.file.open("rb") as handle:
            return handle.read()
    return kinds.default_path(kind).read_bytes()


def fill(data, context):
    document = DocxTemplate(BytesIO(data))
    document.render(context, jinja_env=environment(), autoescape=True)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def render(kind, context):
    return fill(template_bytes(kind), context)


def digest(data):
    return hashlib.sha256(data).hexdigest()


def variables_used(data):
    """The names a template reads (top level), e.g. {"unit_name", "rows"}."""
    return set(DocxTemplate(BytesIO(data)).get_undeclared_template_variables(environment()))


def explain(exc):
    """Jinja's syntax error, said in the interface's language."""
    message = exc.message or ""
    if "Unexpected end of template" in message:
        closing = re.findall(r"'(end\w+)'", message)
        return _("a block is opened and never closed (%(tags)s is missing)") % {
            "tags": ", ".join(f"{{% {tag} %}}" for tag in closing) or "{% end… %}"
        }
    unknown = re.search(r"unknown tag '(\w+)'", message)
    if unknown:
        return _("the tag “%(tag)s” is unknown or closes a block that was never opened") % {
            "tag": unknown.group(1)
        }
    return _("a tag or a {{ … }} is not closed, or holds a character that cannot be read")


def check(kind, data):
    """Refuse `data` as a template of `kind` unless it is a .docx whose tags are valid Jinja,
    read only the kind's variables, and render its sample context. Returns the rendered
    sample."""
    if not zipfile.is_zipfile(BytesIO(data)):
        raise TemplateRefused(_("The file is not a Word document (.docx)."))
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise TemplateRefused(_("The file is not a Word document (.docx)."))
    except zipfile.BadZipFile as exc:
        raise TemplateRefused(_("The file is not a Word document (.docx).")) from exc
    try:
        unknown = variables_used(data) - kinds.names(kind)
        if unknown:
            raise TemplateRefused(
                _("The template uses variables this document does not have: %(names)s.")
                % {"names": ", ".join(sorted(unknown))}
            )
        return fill(data, kinds.sample(kind))
    except TemplateSyntaxError as exc:
        raise TemplateRefused(
            _(
                "A template tag is written wrongly: %(error)s. Check that every {%% … %%} is "
                "closed and that each tag was typed in one go (Word may split a tag that was "
                "corrected)."
            )
            % {"error": explain(exc)}
        ) from exc
    except TemplateError as exc:
        raise TemplateRefused(
            _("The template cannot be filled: %(error)s.") % {"error": exc}
        ) from exc
    except TemplateRefused:
        raise
    except Exception as exc:  # docxtpl or python-docx could not read the file
        raise TemplateRefused(
            _("The Word document cannot be read as a template: %(error)s.") % {"error": exc}
        ) from exc
