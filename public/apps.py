from django.apps import AppConfig


class PublicConfig(AppConfig):
    """What anyone may read without logging in: the published classification decisions."""

    name = "public"
    verbose_name = "Công khai kết quả"
