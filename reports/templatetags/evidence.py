"""The evidence block of a report page, drawn once per criterion.

`{% evidence_block criterion files %}` renders `reports/_evidence_block.html` (its one home, also
answered alone by the upload and delete posts) with only what the block reads, instead of an
`{% include %}` that pushes onto the whole page's context on every turn of the criteria loop.
"""

from django import template

register = template.Library()


@register.inclusion_tag("reports/_evidence_block.html", takes_context=True)
def evidence_block(context, criterion, files, can_edit=False):
    return {
        "criterion": criterion,
        "files": files,
        "can_edit": can_edit,
        "request": context.get("request"),
        "report": context.get("report"),
        "max_bytes": context.get("max_bytes"),
        "csrf_token": context.get("csrf_token"),
        "error": context.get("error"),
    }
