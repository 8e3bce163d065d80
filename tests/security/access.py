"""Who may open which URL: declared once per URL name, checked by test_authorization_matrix.

Every named URL of the project must be declared here, or the matrix test fails: a new view is
covered by adding one line. A policy maps (role, owner of the object in the URL) to the
outcome: OK, LOGIN (redirect to the login page), DENIED (403) or HIDDEN (404: another unit's
objects must not even be acknowledged).
"""

from dataclasses import dataclass, field

OK, LOGIN, DENIED, HIDDEN = "ok", "login", "denied", "hidden"
ROLES = ["anonymous", "staff_a", "head_a", "staff_b", "reviewer", "lead", "admin"]
UNIT_ROLES = {"staff_a": "A", "head_a": "A", "staff_b": "B"}
PROVINCE_ROLES = {"reviewer", "lead", "admin"}


def public(role, owner):
    return OK


def to_login(role, owner):
    """Log-out: everyone ends on the login page."""
    return LOGIN


def authenticated(role, owner):
    return LOGIN if role == "anonymous" else OK


def province(role, owner):
    """Reviewers, the review lead and admins."""
    if role == "anonymous":
        return LOGIN
    return OK if role in PROVINCE_ROLES else DENIED


def lead(role, owner):
    if role == "anonymous":
        return LOGIN
    return OK if role in {"lead", "admin"} else DENIED


def admin(role, owner):
    if role == "anonymous":
        return LOGIN
    return OK if role == "admin" else DENIED


def api_token(role, owner):
    """Other systems' API: a token is required; a browser session is not enough (401)."""
    return DENIED


def own_unit(role, owner):
    """An object of a unit: that unit's people and the province roles; others get 404."""
    if role == "anonymous":
        return LOGIN
    if role in PROVINCE_ROLES:
        return OK
    return OK if UNIT_ROLES[role] == owner else HIDDEN


def own_unit_only(role, owner):
    """A unit's working object (e.g. editing a draft): only that unit's people."""
    if role == "anonymous":
        return LOGIN
    if role in PROVINCE_ROLES:
        return DENIED
    return OK if UNIT_ROLES[role] == owner else HIDDEN


def unit_people(role, owner):
    """Something only a unit's own staff and head do (e.g. register a model of their unit)."""
    if role == "anonymous":
        return LOGIN
    return DENIED if role in PROVINCE_ROLES else OK


def province_on_object(role, owner):
    """A province decision on a unit's object: the unit's own people may look but not act
    (403); other units do not see the object at all (404)."""
    if role == "anonymous":
        return LOGIN
    if role in PROVINCE_ROLES:
        return OK
    return DENIED if UNIT_ROLES[role] == owner else HIDDEN


def people_manager(role, owner):
    """Accounts: admins manage everyone, a unit's head the people of their own unit (another
    unit's person: 404); everyone else is refused."""
    if role == "anonymous":
        return LOGIN
    if role == "admin":
        return OK
    if role == "head_a":
        return OK if owner == "A" else HIDDEN
    return DENIED


def unit_draft(role, owner):
    """A unit's draft: only its own people; nobody else learns it exists (the province sees
    reports only once submitted)."""
    if role == "anonymous":
        return LOGIN
    return OK if UNIT_ROLES.get(role) == owner else HIDDEN


def unit_head_draft(role, owner):
    """Sign-off of a unit's draft: its head; its staff are refused; everyone else 404."""
    if role == "anonymous":
        return LOGIN
    if UNIT_ROLES.get(role) != owner:
        return HIDDEN
    return OK if role == "head_a" else DENIED


def review_team_only(role, owner):
    """The review screens of a unit's report: the province roles; a unit's people get 404."""
    if role == "anonymous":
        return LOGIN
    return OK if role in PROVINCE_ROLES else HIDDEN


def admin_on_object(role, owner):
    """Admin-only action on an object that everyone else may not change."""
    return admin(role, owner)


@dataclass
class Rule:
    policy: object
    # Builds the URL's keyword arguments from the world and the owning unit ("A" or "B").
    kwargs: object = None
    methods: tuple = ("GET", "POST")
    # URLs whose outcome differs by owner are checked for objects of A and of B.
    owners: tuple = field(default=("A",))

    def __post_init__(self):
        if self.kwargs is not None and self.policy in (own_unit, own_unit_only):
            self.owners = ("A", "B")


def unit_pk(world, owner):
    return {"pk": world.unit(owner).pk}


def people_import_batch(world, owner):
    from danvan.models import ImportBatch

    return {"pk": ImportBatch.objects.create(kind="users", file_name="nguoi-dung.xlsx").pk}


def import_batch(world, owner):
    from danvan.models import ImportBatch

    return {"pk": ImportBatch.objects.create(file_name="don-vi.xlsx").pk}


def staff_pk(world, owner):
    """A staff account of the owning unit."""
    return {"pk": world.users["staff_a" if owner == "A" else "staff_b"].pk}


def year(world, owner):
    return {"year": world.year}


def draft_report(world, owner):
    return {"pk": world.draft_report(owner).pk}


def submitted_report(world, owner):
    return {"pk": world.submitted_report(owner).pk}


def draft_criterion(world, owner):
    report = world.draft_report(owner)
    return {"pk": report.pk, "criterion_pk": report.scores.first().criterion_id}


def draft_evidence(world, owner):
    return {"pk": world.evidence(world.draft_report(owner)).pk}


def submitted_evidence(world, owner):
    return {"pk": world.evidence(world.submitted_report(owner)).pk}


UNITS = ("A", "B")


def danvan_model(world, owner):
    from campaigns.models import DanVanModel

    model = DanVanModel.objects.create(
        unit=world.unit(owner), year=world.year, name=f"Mô hình {owner}", field="economy"
    )
    return {"pk": model.pk}


def model_evidence(world, owner):
    from django.core.files.base import ContentFile

    from campaigns.models import DanVanModel, ModelEvidence

    model = DanVanModel.objects.get(pk=danvan_model(world, owner)["pk"])
    evidence = ModelEvidence(
        model=model,
        original_name="minh-chung.pdf",
        size=8,
        content_type="application/pdf",
        uploaded_by=world.users["admin"],
    )
    evidence.file.save("x.pdf", ContentFile(b"%PDF-1.4"), save=False)
    evidence.save()
    return {"pk": evidence.pk}


def typical_example(world, owner):
    from campaigns.models import TypicalExample

    example = TypicalExample.objects.create(
        unit=world.unit(owner),
        kind="person",
        name=f"Cán bộ {owner}",
        level="unit",
        commended_on=f"{world.year}-03-01",
        reason="Gương mẫu",
    )
    return {"pk": example.pk}


def award(world, owner):
    from campaigns.models import Award

    award = Award.objects.create(
        kind="certificate",
        recipient_type="unit",
        unit=world.unit(owner),
        decision_number=f"1/QĐ-{owner}",
        decision_date=f"{world.year}-01-10",
        issuer="Giám đốc Sở",
        year=world.year,
    )
    return {"pk": award.pk}


def award_import_batch(world, owner):
    from danvan.models import ImportBatch

    batch = ImportBatch.objects.create(kind="awards", file_name="khen-thuong.xlsx", status="done")
    return {"pk": batch.pk}


def campaign_period(world, owner):
    from campaigns.models import CampaignPeriod

    period = CampaignPeriod.objects.create(
        code="2025-2030", name="Giai đoạn 2025-2030", kind="final", start_year=2025, end_year=2030
    )
    return {"pk": period.pk}


def finished_run(world, owner):
    from ratings import services

    run = services.current_run(world.year) or services.run_now(world.year)
    return {"pk": run.pk}


def decision(world, owner):
    from ratings.models import Decision

    found = Decision.objects.filter(year=world.year).first()
    if found is None:
        from datetime import date

        from ratings import services

        run = services.current_run(world.year) or services.run_now(world.year)
        found = services.publish(
            run,
            world.users["admin"],
            number="1/QĐ-UBND",
            date=date.today(),
            place="Đồng Nai",
            issuing_body="ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI",
            signing_form="tm",
            signer_title="CHỦ TỊCH",
            signer_name="Nguyễn Văn An",
        )
    return {"pk": found.pk}


def published_year(world, owner):
    decision(world, owner)
    return {"year": world.year}


def published_unit(world, owner):
    decision(world, owner)
    return {"code": world.unit(owner).code}


def review_report(world, owner):
    """A submitted report of the owner's unit, built through the services."""
    from tests.review.factories import submitted_report as build

    return build(world.unit(owner))


def report_pk(world, owner):
    return {"pk": review_report(world, owner).pk}


def report_score(world, owner):
    report = review_report(world, owner)
    return {"pk": report.pk, "score_pk": report.scores.first().pk}


# URL name -> Rule. Keep grouped by app.
RULES = {
    # danvan / dashboards
    "home": Rule(authenticated),
    "set_language": Rule(public, methods=("POST",)),
    "dashboards:province": Rule(province, methods=("GET",)),
    "dashboards:province_year": Rule(province, kwargs=year, methods=("GET",)),
    "dashboards:province_xlsx": Rule(province, kwargs=year, methods=("GET",)),
    "dashboards:unit": Rule(own_unit, kwargs=unit_pk, methods=("GET",)),
    "dashboards:unit_xlsx": Rule(own_unit, kwargs=unit_pk, methods=("GET",)),
    "dashboards:period": Rule(province, kwargs=campaign_period, methods=("GET",)),
    "dashboards:period_xlsx": Rule(province, kwargs=campaign_period, methods=("GET",)),
    "dashboards:period_docx": Rule(province, kwargs=campaign_period, methods=("GET",)),
    # public: the published results, for anyone
    "public:index": Rule(public, methods=("GET",)),
    "public:year": Rule(public, kwargs=published_year, methods=("GET",)),
    "public:decision_pdf": Rule(public, kwargs=published_year, methods=("GET",)),
    "public:unit": Rule(public, kwargs=published_unit, methods=("GET",)),
    # django.contrib.auth
    "login": Rule(public, methods=("GET",)),
    "logout": Rule(to_login, methods=("POST",)),
    "password_change": Rule(authenticated),
    "password_change_done": Rule(authenticated, methods=("GET",)),
    "password_reset": Rule(public),
    "password_reset_done": Rule(public, methods=("GET",)),
    "password_reset_confirm": Rule(
        public, kwargs=lambda w, o: {"uidb64": "MQ", "token": "bad-token"}, methods=("GET",)
    ),
    "password_reset_complete": Rule(public, methods=("GET",)),
    # units
    "units:list": Rule(province),
    "units:tree": Rule(province, methods=("GET",)),
    "units:detail": Rule(own_unit, kwargs=unit_pk, methods=("GET",)),
    "units:edit": Rule(admin, kwargs=unit_pk),
    "units:create": Rule(admin),
    "units:import": Rule(admin),
    "units:import_history": Rule(admin, methods=("GET",)),
    "units:import_detail": Rule(admin, kwargs=import_batch, methods=("GET",)),
    "units:import_confirm": Rule(admin, kwargs=import_batch, methods=("POST",)),
    "units:import_progress": Rule(admin, kwargs=import_batch, methods=("GET",)),
    "units:export": Rule(admin, methods=("GET",)),
    # criteria
    "criteria:list": Rule(province, methods=("GET",)),
    "criteria:detail": Rule(province, kwargs=year, methods=("GET",)),
    "criteria:export": Rule(province, kwargs=year, methods=("GET",)),
    "criteria:import": Rule(admin),
    "criteria:copy": Rule(admin, kwargs=year),
    "criteria:state": Rule(admin, kwargs=year, methods=("POST",)),
    "criteria:edit_settings": Rule(admin, kwargs=year),
    "criteria:edit_rules": Rule(admin, kwargs=year),
    "criteria:edit_criteria": Rule(admin, kwargs=year),
    "criteria:edit_items": Rule(admin, kwargs=lambda w, o: {"year": w.year, "number": 1}),
    "criteria:edit_indicators": Rule(admin, kwargs=year),
    "criteria:edit_indicator_rules": Rule(admin, kwargs=year),
    # campaigns
    "campaigns:model_list": Rule(authenticated, methods=("GET",)),
    "campaigns:model_create": Rule(unit_people),
    "campaigns:model_detail": Rule(own_unit, kwargs=danvan_model, methods=("GET",)),
    "campaigns:model_edit": Rule(own_unit_only, kwargs=danvan_model),
    "campaigns:model_move": Rule(own_unit, kwargs=danvan_model),
    "campaigns:model_recognise": Rule(province_on_object, kwargs=danvan_model, owners=("A", "B")),
    "campaigns:evidence_add": Rule(own_unit_only, kwargs=danvan_model),
    "campaigns:evidence_file": Rule(own_unit, kwargs=model_evidence, methods=("GET",)),
    "campaigns:example_list": Rule(authenticated, methods=("GET",)),
    "campaigns:example_create": Rule(authenticated),
    "campaigns:example_edit": Rule(own_unit, kwargs=typical_example),
    "campaigns:award_list": Rule(province, methods=("GET",)),
    "campaigns:award_create": Rule(admin),
    "campaigns:award_edit": Rule(admin, kwargs=award),
    "campaigns:award_export": Rule(admin, methods=("GET",)),
    "campaigns:award_import": Rule(admin),
    "campaigns:award_import_batch": Rule(admin, kwargs=award_import_batch),
    "campaigns:period_list": Rule(province, methods=("GET",)),
    "campaigns:period_create": Rule(admin),
    "campaigns:period_detail": Rule(province, kwargs=campaign_period, methods=("GET",)),
    "campaigns:period_edit": Rule(admin, kwargs=campaign_period),
    "campaigns:period_docx": Rule(province, kwargs=campaign_period, methods=("GET",)),
    # accounts (people)
    "accounts:user_list": Rule(people_manager, methods=("GET",)),
    "accounts:user_export": Rule(people_manager, methods=("GET",)),
    "accounts:user_invite": Rule(people_manager),
    "accounts:resend_stale": Rule(people_manager, methods=("POST",)),
    "accounts:user_detail": Rule(
        people_manager, kwargs=staff_pk, methods=("GET",), owners=("A", "B")
    ),
    "accounts:user_edit": Rule(admin, kwargs=staff_pk),
    "accounts:user_deactivate": Rule(
        people_manager, kwargs=staff_pk, methods=("POST",), owners=("A", "B")
    ),
    "accounts:user_reactivate": Rule(
        people_manager, kwargs=staff_pk, methods=("POST",), owners=("A", "B")
    ),
    "accounts:user_resend": Rule(
        people_manager, kwargs=staff_pk, methods=("POST",), owners=("A", "B")
    ),
    "accounts:import": Rule(admin),
    "accounts:import_history": Rule(admin, methods=("GET",)),
    "accounts:import_detail": Rule(admin, kwargs=people_import_batch, methods=("GET",)),
    "accounts:import_confirm": Rule(admin, kwargs=people_import_batch, methods=("POST",)),
    "accounts:accept_invitation": Rule(public, kwargs=lambda w, o: {"token": "no-such-token"}),
    "accounts:review_team_current": Rule(admin, methods=("GET",)),
    "accounts:review_team": Rule(admin, kwargs=year),
    "accounts:review_team_copy": Rule(admin, kwargs=year, methods=("POST",)),
    "accounts:review_team_remove": Rule(
        admin, kwargs=lambda w, o: {"year": w.year, "pk": w.users["reviewer"].pk}, methods=("POST",)
    ),
    # ratings
    "ratings:index": Rule(lead, methods=("GET",)),
    "ratings:year": Rule(lead, kwargs=year, methods=("GET",)),
    "ratings:start": Rule(lead, kwargs=year, methods=("POST",)),
    "ratings:run": Rule(lead, kwargs=finished_run, methods=("GET",)),
    "ratings:progress": Rule(lead, kwargs=finished_run, methods=("GET",)),
    "ratings:publish": Rule(admin, kwargs=finished_run),
    "ratings:export_xlsx": Rule(lead, kwargs=finished_run, methods=("GET",)),
    "ratings:decision_docx": Rule(lead, kwargs=decision, methods=("GET",)),
    "ratings:decision_pdf": Rule(lead, kwargs=decision, methods=("GET",)),
    "api:classification": Rule(api_token, kwargs=year, methods=("GET",)),
    # reports: filing (unit) side
    "reports:index": Rule(authenticated, methods=("GET",)),
    "reports:index_year": Rule(authenticated, kwargs=year, methods=("GET",)),
    "reports:start": Rule(unit_people, methods=("POST",)),
    "reports:detail": Rule(own_unit, kwargs=submitted_report, methods=("GET",)),
    "reports:edit": Rule(unit_draft, kwargs=draft_report, methods=("GET",), owners=UNITS),
    "reports:save_general": Rule(unit_draft, draft_report, ("POST",), UNITS),
    "reports:save_criterion": Rule(unit_draft, draft_criterion, ("POST",), UNITS),
    "reports:save_indicators": Rule(unit_draft, draft_report, ("POST",), UNITS),
    "reports:evidence_upload": Rule(unit_draft, draft_report, ("POST",), UNITS),
    "reports:evidence_download": Rule(own_unit, kwargs=submitted_evidence, methods=("GET",)),
    "reports:evidence_delete": Rule(unit_draft, draft_evidence, ("POST",), UNITS),
    "reports:send_to_head": Rule(unit_draft, draft_report, ("POST",), UNITS),
    "reports:send_back": Rule(unit_head_draft, draft_report, ("POST",), UNITS),
    "reports:submit": Rule(unit_head_draft, draft_report, ("POST",), UNITS),
    "reports:export": Rule(own_unit, kwargs=submitted_report, methods=("GET",)),
    "reports:history": Rule(own_unit, kwargs=submitted_report, methods=("GET",)),
    # review (review.urls)
    "review:index": Rule(province, methods=("GET",)),
    "review:board": Rule(province, kwargs=year, methods=("GET",)),
    "review:export": Rule(province, kwargs=year, methods=("GET",)),
    "review:assign": Rule(lead, kwargs=year, methods=("POST",)),
    "review:report": Rule(review_team_only, kwargs=report_pk, methods=("GET",), owners=("A", "B")),
    "review:score": Rule(
        review_team_only, kwargs=report_score, methods=("POST",), owners=("A", "B")
    ),
    "review:decide": Rule(review_team_only, kwargs=report_pk, methods=("POST",), owners=("A", "B")),
    "review:diff": Rule(review_team_only, kwargs=report_pk, methods=("GET",), owners=("A", "B")),
    # audit
    "audit:list": Rule(admin, methods=("GET",)),
    "documents:index": Rule(admin, methods=("GET",)),
    "documents:download": Rule(admin, kwargs=lambda w, o: {"kind": "report"}, methods=("GET",)),
    "documents:upload": Rule(admin, kwargs=lambda w, o: {"kind": "report"}, methods=("POST",)),
    "documents:restore": Rule(admin, kwargs=lambda w, o: {"kind": "report"}, methods=("POST",)),
    "documents:variables": Rule(admin, kwargs=lambda w, o: {"kind": "report"}, methods=("GET",)),
    "audit:export": Rule(admin, methods=("GET",)),
}

# Namespaces whose access is another system's: the Django admin checks is_staff itself and is
# covered by `test_django_admin_is_for_staff_only`.
EXEMPT_NAMESPACES = {"admin"}
