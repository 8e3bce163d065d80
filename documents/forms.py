from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

MAX_MB = 5


class TemplateUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Word template (.docx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx", "class": "form-control"}),
        error_messages={"required": _("Choose the .docx file to upload.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = getattr(settings, "TEMPLATE_MAX_MB", MAX_MB)
        if upload.size > limit * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.") % {"mb": limit}, code="too_large"
            )
        return upload
