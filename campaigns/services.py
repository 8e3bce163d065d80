"""Rules and state changes of the campaigns app: one function for each thing that happens.

Other apps read campaigns only through `unit_models` (criterion 8 of the annual report) and
`recognised_model_counts` (the classification bonus).
"""

from pathlib import PurePosixPath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.services import Action, record
from danvan.uploads import is_plain_office_package
from danvan.xlsx_writer import XLSX
from units.models import Unit

from .models import (
    DanVanModel,
    ModelEvent,
    ModelEvidence,
    ModelStatus,
    RecognitionLevel,
    TypicalExample,
)

# Evidence a unit may attach to a model, recognised by content, never by the name's extension.
EVIDENCE_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    XLSX: "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "video/mp4": "mp4",
}
OFFICE_MAIN_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}


class CampaignError(ValidationError):
    """A rule of the campaigns app refused the action; the message says what to do."""


def can_work_on(user, unit_id):
    """The unit's own staff and head work on the unit's models."""
    return user.is_unit_user and user.unit_id == unit_id


@transaction.atomic
def register_model(form, user):
    """Save a model a unit registers: it starts in `registered`, with the event recorded."""
    if not user.is_unit_user:
        raise CampaignError(_("Only a unit's staff or head can register a model of the unit."))
    model = form.save(commit=False)
    model.unit_id = user.unit_id
    model.status = ModelStatus.REGISTERED
    model.created_by = user
    model.save()
    ModelEvent.objects.create(
        model=model, actor=user, action="registered", to_status=ModelStatus.REGISTERED
    )
    return model


def changed_labels(form):
    """The changed fields as the form labels them, in the portal's language: the history shows
    this text as written."""
    with translation.override(settings.LANGUAGE_CODE):
        return ", ".join(str(form.fields[name].label or name) for name in form.changed_data)


@transaction.atomic
def update_model(form, user):
    model = form.instance
    if not (can_work_on(user, model.unit_id) and model.is_unit_editable):
        raise CampaignError(_("This model can no longer be changed by the unit."))
    model = form.save()
    if form.changed_data:
        ModelEvent.objects.create(
            model=model,
            actor=user,
            action="edited",
            from_status=model.status,
            to_status=model.status,
            comment=changed_labels(form),
        )
    return model


@transaction.atomic
def save_typical_example(form):
    """Save the example of a valid form, keeping a unit's monthly picks to `MONTHLY_PICKS`.

    The unit's row is locked while the picks of the month are counted, so two people picking
    the last free place at the same moment cannot both get it.
    """
    example = form.save(commit=False)
    if example.is_monthly_pick:
        Unit.objects.select_for_update().filter(pk=example.unit_id).first()
        day = example.commended_on
        picks = TypicalExample.objects.filter(
            unit_id=example.unit_id,
            is_monthly_pick=True,
            commended_on__year=day.year,
            commended_on__month=day.month,
        ).exclude(pk=example.pk)
        if picks.count() >= TypicalExample.MONTHLY_PICKS:
            raise CampaignError(
                _(
                    "The unit already has %(n)s typical examples picked for %(month)s/"
                    "%(year)s; at most %(n)s may be picked each month. Untick the monthly "
                    "pick or remove another pick of that month first."
                )
                % {"n": TypicalExample.MONTHLY_PICKS, "month": day.month, "year": day.year}
            )
    example.save()
    return example


def allowed_moves(model, user):
    """The statuses `user` may move `model` to now, for the buttons of the detail page."""
    return [s for s in TRANSITION_ORDER if model.can_move_to(s) and _may_move(user, model, s)]


TRANSITION_ORDER = [
    ModelStatus.RUNNING,
    ModelStatus.EVALUATED,
    ModelStatus.RECOGNISED,
    ModelStatus.SPREAD,
]


def _may_move(user, model, status):
    # The unit starts running its own model; evaluation, recognition and spreading are
    # decisions of the Ban Dân vận (reviewers, the review lead and admins).
    if status == ModelStatus.RUNNING:
        return can_work_on(user, model.unit_id) or user.is_reviewer
    return user.is_reviewer


@transaction.atomic
def move_model(model, user, status, comment="", level="", decided_on=None, decision=""):
    """Move a model to `status`; the only way its status changes. Records who, when and why."""
    model = DanVanModel.objects.select_for_update().get(pk=model.pk)
    if not model.can_move_to(status):
        raise CampaignError(
            _("A model that is “%(current)s” cannot become “%(target)s”.")
            % {"current": model.get_status_display(), "target": ModelStatus(status).label}
        )
    if not _may_move(user, model, status):
        raise CampaignError(_("You may not make this change to the model."))
    before = model.status
    if status == ModelStatus.RECOGNISED:
        _recognise(model, user, level, decided_on, decision)
    model.status = status
    model.save()
    ModelEvent.objects.create(
        model=model,
        actor=user,
        action="recognised" if status == ModelStatus.RECOGNISED else f"to_{status}",
        from_status=before,
        to_status=status,
        level=model.recognition_level if status == ModelStatus.RECOGNISED else "",
        comment=comment,
    )
    record(
        Action.MODEL_STATE_CHANGE,
        user=user,
        obj=model,
        from_status=before,
        to_status=status,
        level=model.recognition_level,
    )
    return model


def _recognise(model, user, level, decided_on, decision):
    if level not in RecognitionLevel.values:
        raise CampaignError(_("Choose the level that recognises the model."))
    if not decided_on or not decision.strip():
        raise CampaignError(_("Enter the date and the number of the recognition decision."))
    if decided_on > timezone.localdate():
        raise CampaignError(_("The recognition date cannot be in the future."))
    if model.recognition_level:
        order = list(RecognitionLevel.values)
        if order.index(level) <= order.index(model.recognition_level):
            raise CampaignError(
                _("The model is already recognised at level “%(level)s”; choose a higher level.")
                % {"level": model.get_recognition_level_display()}
            )
    model.recognition_level = level
    model.recognised_on = decided_on
    model.recognition_decision = decision.strip()
    model.recognised_by = user


def check_evidence(upload):
    """Return the content type of an acceptable evidence upload or raise CampaignError."""
    if upload.size > settings.EVIDENCE_MAX_BYTES:
        raise CampaignError(
            _("The file is larger than %(mb)s MB; reduce it or split it into several files.")
            % {"mb": settings.EVIDENCE_MAX_BYTES // (1024 * 1024)}
        )
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in EVIDENCE_TYPES:
        raise CampaignError(
            _("This kind of file is not accepted. Send PDF, images, Word, Excel or MP4 files.")
        )
    # The name must agree with the content (a PNG called .pdf hides what it is), and Office
    # files must be plain packages: no macros, no zip bomb.
    extension = PurePosixPath(upload.name or "").suffix.lower().lstrip(".")
    expected = EVIDENCE_TYPES[kind.mime]
    part = OFFICE_MAIN_PARTS.get(expected)
    if extension not in ({expected, "jpeg"} if expected == "jpg" else {expected}) or (
        part and not is_plain_office_package(upload, part)
    ):
        raise CampaignError(
            _(
                "The content of the file does not match its name, or it contains macros. "
                "Save it again as a plain %(ext)s file."
            )
            % {"ext": expected.upper()}
        )
    return kind.mime


@transaction.atomic
def add_evidence(model, user, upload, description=""):
    if not can_work_on(user, model.unit_id):
        raise CampaignError(_("Only the unit's own people attach evidence to its models."))
    mime = check_evidence(upload)
    evidence = ModelEvidence(
        model=model,
        original_name=upload.name[:255],
        size=upload.size,
        content_type=mime,
        description=description,
        uploaded_by=user,
    )
    # The stored name ends with the extension of the detected type, not the one the user gave.
    evidence.file.save(f"x.{EVIDENCE_TYPES[mime]}", upload, save=False)
    evidence.save()
    ModelEvent.objects.create(
        model=model,
        actor=user,
        action="evidence_added",
        from_status=model.status,
        to_status=model.status,
        comment=evidence.original_name,
    )
    return evidence


def unit_models(unit, year):
    """A unit's models of `year` for criterion 8 of its annual report: those registered that
    year and those recognised that year."""
    return (
        DanVanModel.objects.filter(unit=unit)
        .filter(Q(year=year) | Q(recognised_on__year=year))
        .order_by("name", "pk")
    )


def recognised_model_counts(year):
    """{unit_id: {level: count}} of the models recognised in `year`, in one grouped query.

    The bonus of the classification rules counts the levels it wants (default province and
    central, `RecognitionLevel.at_least("province")`).
    """
    rows = (
        DanVanModel.objects.filter(
            status__in=[ModelStatus.RECOGNISED, ModelStatus.SPREAD],
            recognised_on__year=year,
        )
        .exclude(recognition_level="")
        .values("unit_id", "recognition_level")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = {}
    for row in rows:
        counts.setdefault(row["unit_id"], {})[row["recognition_level"]] = row["count"]
    return counts
