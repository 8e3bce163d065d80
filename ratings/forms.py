from django import forms
from django.utils import timezone

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
            "signer_authority",
            "signer_title",
            "signer_name",
        ]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    @classmethod
    def with_defaults(cls, year):
        """Pre-filled from the province unit, in the usual form of a UBND tỉnh decision."""
        province = Unit.objects.filter(type=UnitType.PROVINCE).order_by("code").first()
        name = province.name if province else "Ủy ban nhân dân tỉnh"
        place = name.split(" tỉnh ")[-1] if " tỉnh " in name else ""
        return cls(
            initial={
                "number": "/QĐ-UBND",
                "date": timezone.localdate(),
                "place": place,
                "issuing_body": name.upper(),
                "signer_authority": "TM. ỦY BAN NHÂN DÂN",
                "signer_title": "CHỦ TỊCH",
                "signer_name": province.head_name if province else "",
            }
        )
