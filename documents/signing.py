"""Who signs and how: the signature block's lines and the authority line of a decision,
for the forms of signing of Nghị định 30 (TM., KT., Q., TL., TUQ.) and their Party
counterparts of Hướng dẫn 36 (T/M, K/T, T/L).

Nghị định 30, Appendix I: "TM." when the head signs for the collective body, "KT." when a
deputy signs for the head, "Q." for an acting head, "TL." and "TUQ." when an office signs by
order or by authorisation of the head. A decision's authority line names the collective when
it signs (TM.), otherwise the head's competence ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …").
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SigningForm(models.TextChoices):
    COLLECTIVE = "tm", _("On behalf of the collective (TM.), the head signs")
    COLLECTIVE_DEPUTY = "tm_kt", _("On behalf of the collective (TM.), a deputy signs (KT.)")
    HEAD = "head", _("The head signs in person")
    DEPUTY = "kt", _("A deputy signs for the head (KT.)")
    ACTING = "q", _("The acting head signs (Q.)")
    BY_ORDER = "tl", _("Signed by order of the head (TL.)")
    AUTHORISED = "tuq", _("Signed by authorisation of the head (TUQ.)")


STATE = {"tm": "TM.", "kt": "KT.", "q": "Q.", "tl": "TL.", "tuq": "TUQ."}
PARTY = {"tm": "T/M", "kt": "K/T", "q": "Q/", "tl": "T/L", "tuq": "T/UQ"}
COLLECTIVE_FORMS = {SigningForm.COLLECTIVE, SigningForm.COLLECTIVE_DEPUTY}


def signer_lines(form, collective, head, signer_title, party=False):
    """The lines above the signature, upper case, one per line: e.g. ("tm_kt", "ỦY BAN NHÂN
    DÂN", "CHỦ TỊCH", "PHÓ CHỦ TỊCH") -> ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH"]."""
    mark = PARTY if party else STATE
    collective, head, title = (s.strip().upper() for s in (collective, head, signer_title))
    form = SigningForm(form)
    if form == SigningForm.COLLECTIVE:
        return [f"{mark['tm']} {collective}", title or head]
    if form == SigningForm.COLLECTIVE_DEPUTY:
        return [f"{mark['tm']} {collective}", f"{mark['kt']} {head}", title]
    if form == SigningForm.HEAD:
        return [title or head]
    if form == SigningForm.ACTING:
        return [f"{mark['q']} {head}"]
    key = {SigningForm.DEPUTY: "kt", SigningForm.BY_ORDER: "tl", SigningForm.AUTHORISED: "tuq"}
    return [f"{mark[key[form]]} {head}", title]


def authority_line(form, body, head):
    """The decision's line above the căn cứ: the body when the collective signs, else the
    head's competence: ("kt", "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI", "CHỦ TỊCH") -> "CHỦ TỊCH ỦY BAN
    NHÂN DÂN TỈNH ĐỒNG NAI"."""
    body = body.strip().upper()
    if SigningForm(form) in COLLECTIVE_FORMS:
        return body
    return f"{head.strip().upper()} {body}"


def form_of(authority):
    """The form of a signature written as text ("KT. GIÁM ĐỐC" -> "kt"), for what was typed
    before the form was chosen from a list."""
    text = authority.strip().upper()
    for key, mark in (*STATE.items(), *PARTY.items()):
        if text.startswith(mark):
            return "tm" if key == "tm" else key
    return SigningForm.HEAD.value
