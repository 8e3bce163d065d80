from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.signing import SigningForm
from units.models import Unit, UnitType

from .models import Decision


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = [
            "number",
            "date",
            "place",
            "issuing_body",
            "signing_form",
            "signer_title",
            "signer_name",
        ]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        error_messages = {
            "number": {"required": _("Write the decision's number, for example 125/QĐ-UBND.")},
            "date": {
                "required": _("Enter the date the decision is signed."),
                "invalid": _("Enter the date as day/month/year."),
            },
            "signer_name": {"required": _("Enter the name of the person who signs.")},
            "signer_title": {"required": _("Enter the signer's title, for example CHỦ TỊCH.")},
        }
        help_texts = {
            "number": _("The number and symbol, for example 125/QĐ-UBND."),
            "signing_form": _(
                "How the signature block reads: TM. when the chair signs for the committee, "
                "KT. when a vice chair signs for the chair, Q., TL. or TUQ. otherwise; the "
                "decision's authority line follows."
            ),
            "signer_title": _("The title of the person who signs, e.g. CHỦ TỊCH or PHÓ CHỦ TỊCH."),
        }

    def __init__(self, *args, run, **kwargs):
        # The decision to be: its year is the run's, so the model's checks (a date not before
        # the year) apply to what is typed here.
        kwargs.setdefault("instance", Decision(run=run, year=run.year))
        super().__init__(*args, **kwargs)

    @classmethod
    def with_defaults(cls, run):
        """Pre-filled from the province unit, in the usual form of a UBND tỉnh decision."""
        province = Unit.objects.filter(type=UnitType.PROVINCE).order_by("code").first()
        name = province.name if province else "Ủy ban nhân dân tỉnh"
        place = name.split(" tỉnh ")[-1] if " tỉnh " in name else ""
        return cls(
            run=run,
            initial={
                "number": "/QĐ-UBND",
                "date": timezone.localdate(),
                "place": place,
                "issuing_body": name.upper(),
                "signing_form": SigningForm.COLLECTIVE,
                "signer_title": "CHỦ TỊCH",
                "signer_name": province.head_name if province else "",
            },
        )


class ConfirmPublishForm(forms.Form):
    final = forms.BooleanField(
        label=_(
            "I have checked the number, the date and the signer: once published, this decision "
            "is final and can never be changed; a correction needs a new decision version."
        ),
        error_messages={"required": _("Tick the box to confirm that the decision is final.")},
    )
