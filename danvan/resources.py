"""What every app's django-import-export `Resource` gives the rest of the portal.

An app declares a kind's columns once, as a `Resource`: each field's `column_name` is the
column's name in our files, its widget how a value is read and written. Two class attributes
add what django-import-export has no place for: `header_aliases` (field -> the other names
provinces give the column) and `required_columns` (fields whose column a file must have).
The fast import engine (`danvan.importing`) reads files with `declared_columns(Resource)`,
and the exports write `export_rows(Resource, objects)`, so the admin's import/export, the
pages' exports and the import page agree on every column.
"""

from .xlsx import Column


def declared_columns(resource):
    """The `danvan.xlsx.Column`s a file of `resource` (a class) may have, in `Meta.fields`
    order; read-only fields are only exported."""
    aliases = getattr(resource, "header_aliases", {})
    required = getattr(resource, "required_columns", ())
    return tuple(
        Column(key, str(field.column_name), tuple(aliases.get(key, ())), key in required)
        for key, field in ((key, resource.fields[key]) for key in resource._meta.fields)
        if not field.readonly
    )


def export_rows(resource, objects):
    """The cells of each object as the resource's widgets render them, numbers and dates kept
    native so the .xlsx writer formats them."""
    columns = [resource.fields[key] for key in resource._meta.fields]
    for obj in objects:
        yield [field.export(obj, force_native_type=True) for field in columns]
