"""The read-only JSON API of the published classification, with token authentication."""

from datetime import date

from django.urls import reverse

from ratings import services
from ratings.models import ApiToken
from tests.conftest import login
from tests.ratings.factories import accepted_report, make_unit


def _publish(run, user, number):
    return services.publish(
        run,
        user,
        number=number,
        date=date(2026, 12, 28),
        place="Đồng Nai",
        issuing_body="ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI",
        signing_form="tm",
        signer_title="CHỦ TỊCH",
        signer_name="Nguyễn Văn An",
    )


def _token(name="Hệ thống thi đua"):
    token = ApiToken(name=name)
    key = token.set_new_key()
    token.save()
    return token, key


def test_api_requires_a_valid_token(client, adam, criteria_set, group_departments):
    accepted_report(make_unit("SNV", group_departments), criteria_set, 95)
    _publish(services.run_now(criteria_set.year), adam, "1/QĐ-UBND")
    url = reverse("api:classification", args=[criteria_set.year])
    assert client.get(url).status_code == 401
    assert client.get(url, HTTP_AUTHORIZATION="Token wrong").status_code == 401
    # A logged-in session is not a token.
    assert login(client, adam).get(url).status_code == 401
    token, key = _token()
    token.is_active = False
    token.save()
    assert client.get(url, HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


def test_api_serves_the_latest_published_decision_only(
    client, adam, criteria_set, group_departments
):
    report = accepted_report(
        make_unit("SNV", group_departments, name="Sở Nội vụ"), criteria_set, 95
    )
    make_unit("STP", group_departments, name="Sở Tư pháp")
    token, key = _token()
    assert key not in token.key_hash and len(token.key_hash) == 64
    url = reverse("api:classification", args=[criteria_set.year])
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
    assert client.get(url, **auth).status_code == 404  # nothing published yet

    _publish(services.run_now(criteria_set.year), adam, "1/QĐ-UBND")
    score = report.scores.get(criterion__number=2)
    score.review_score = 0
    score.save()
    services.run_now(criteria_set.year)  # a newer run, not published: the API ignores it

    data = client.get(url, **auth).json()
    assert data["decision"]["number"] == "1/QĐ-UBND" and data["decision"]["version"] == 1
    units = data["groups"][0]["units"]
    snv = next(u for u in units if u["code"] == "SNV")
    assert snv["class_name"] == "Xuất sắc" and snv["total"] == "95.00" and snv["rank"] == 1
    assert snv["scores"]["1"] is not None and len(snv["scores"]) == 9
    stp = next(u for u in units if u["code"] == "STP")
    assert stp["classified"] is False and stp["unclassified_reason"] == "no_report"
    token.refresh_from_db()
    assert token.last_used_at is not None
    bearer = client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert bearer.status_code == 200


def test_api_token_is_created_in_the_admin_and_shown_once(client, adam):
    login(client, adam)
    response = client.post(
        reverse("admin:ratings_apitoken_add"),
        {"name": "Cổng thi đua", "is_active": "on"},
        follow=True,
    )
    token = ApiToken.objects.get()
    message = next(str(m) for m in response.context["messages"] if "sao chép" in str(m))
    key = message.split(" là ")[1].split(" ")[0]
    assert ApiToken.authenticate(key) == token
    listing = client.get(reverse("admin:ratings_apitoken_change", args=[token.pk]))
    assert key not in listing.content.decode() and token.prefix in listing.content.decode()


def test_api_errors_are_in_the_language_they_are_sent_with(client, criteria_set):
    url = reverse("api:classification", args=[criteria_set.year])
    refused = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert refused["Content-Language"] == "vi"
    assert refused.json()["detail"].startswith("Cần một mã truy cập API hợp lệ")
    _token_, key = _token()
    missing = client.get(url, HTTP_AUTHORIZATION=f"Token {key}")
    assert missing.status_code == 404 and missing["Content-Language"] == "vi"
    assert missing.json()["detail"] == f"Chưa công bố kết quả xếp loại năm {criteria_set.year}."
