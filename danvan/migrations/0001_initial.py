"""ImportBatch moves from units to the base floor: the table (units_importbatch) and its rows
stay; only Django's idea of which app owns it changes, with its content type (so admin
permissions keep their groups)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="danvan", model="importbatch").exists():
        ContentType.objects.filter(app_label="units", model="importbatch").update(
            app_label="danvan"
        )


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="danvan", model="importbatch").update(app_label="units")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("units", "0005_merge_0004_enqueued_at_0004_is_evaluated"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ImportBatch",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("kind", models.CharField(default="units", max_length=30, verbose_name="kind")),
                        (
                            "file",
                            models.FileField(blank=True, upload_to="imports/%Y/", verbose_name="file"),
                        ),
                        ("file_name", models.CharField(max_length=255, verbose_name="file name")),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="uploaded at"),
                        ),
                        (
                            "finished_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="finished at"),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("preview", "Awaiting confirmation"),
                                    ("queued", "Queued"),
                                    ("running", "Running"),
                                    ("done", "Done"),
                                    ("failed", "Failed"),
                                    ("cancelled", "Cancelled"),
                                ],
                                default="preview",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        ("total_rows", models.PositiveIntegerField(default=0, verbose_name="rows")),
                        ("created_count", models.PositiveIntegerField(default=0, verbose_name="created")),
                        ("updated_count", models.PositiveIntegerField(default=0, verbose_name="updated")),
                        (
                            "unchanged_count",
                            models.PositiveIntegerField(default=0, verbose_name="unchanged"),
                        ),
                        (
                            "rejected_count",
                            models.PositiveIntegerField(default=0, verbose_name="rejected"),
                        ),
                        (
                            "error_count",
                            models.PositiveIntegerField(default=0, verbose_name="errors found"),
                        ),
                        ("progress_done", models.PositiveIntegerField(default=0)),
                        ("errors", models.JSONField(blank=True, default=list, verbose_name="errors")),
                        ("task_id", models.CharField(blank=True, max_length=64)),
                        (
                            "enqueued_at",
                            models.DateTimeField(blank=True, editable=False, null=True),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="by",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "import",
                        "verbose_name_plural": "imports",
                        "db_table": "units_importbatch",
                        "ordering": ["-created_at"],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, restore_content_type),
    ]
