"""The details of an audit entry as words: what the log page and its .xlsx show.

Entries keep their details as data (`{"criterion": 3, "field": "review_score", "old": None,
"new": "9.00"}`); this module says them in the interface language ("Tiêu chí 3, điểm thẩm
định: — → 9"). The audit app knows no higher app: each app that writes entries registers the
words of its own values (report states, import statuses, ...) with `register_values`, from its
AppConfig.ready().
"""

from decimal import Decimal, InvalidOperation

from django.utils.translation import pgettext, pgettext_lazy

from danvan import formats

# The keys apps pass to audit.services.record, as people name them.
KEY_LABELS = {
    "action_name": pgettext_lazy("audit", "step"),
    "changed": pgettext_lazy("audit", "changed"),
    "changes": pgettext_lazy("audit", "changes"),
    "copied_from": pgettext_lazy("audit", "copied from the year"),
    "created": pgettext_lazy("audit", "created"),
    "criteria": pgettext_lazy("audit", "criteria"),
    "criterion": pgettext_lazy("audit", "criterion"),
    "errors": pgettext_lazy("audit", "errors"),
    "event": pgettext_lazy("audit", "event"),
    "field": pgettext_lazy("audit", "field"),
    "file": pgettext_lazy("audit", "file"),
    "from_state": pgettext_lazy("audit", "from"),
    "from_status": pgettext_lazy("audit", "from"),
    "indicators": pgettext_lazy("audit", "indicators"),
    "kind": pgettext_lazy("audit", "kind"),
    "level": pgettext_lazy("audit", "level"),
    "new": pgettext_lazy("audit", "new value"),
    "old": pgettext_lazy("audit", "old value"),
    "part": pgettext_lazy("audit", "part"),
    "rejected": pgettext_lazy("audit", "rejected"),
    "reviewer": pgettext_lazy("audit", "reviewer"),
    "run": pgettext_lazy("audit", "classification run"),
    "score_changes": pgettext_lazy("audit", "changes that alter scores"),
    "status": pgettext_lazy("audit", "status"),
    "to_state": pgettext_lazy("audit", "to"),
    "to_status": pgettext_lazy("audit", "to"),
    "unchanged": pgettext_lazy("audit", "unchanged"),
    "units": pgettext_lazy("audit", "units"),
    "updated": pgettext_lazy("audit", "updated"),
    "version": pgettext_lazy("audit", "version"),
    "year": pgettext_lazy("audit", "year"),
}

_VALUES = {}  # key -> {stored value: label}


def register_values(keys, labels):
    """Say how the values of `keys` read: `labels` is a TextChoices class or a dict."""
    if hasattr(labels, "choices"):
        labels = dict(labels.choices)
    for key in [keys] if isinstance(keys, str) else keys:
        _VALUES.setdefault(key, {}).update(labels)


def register_keys(labels):
    """Name further keys (key -> label)."""
    KEY_LABELS.update(labels)


def value_text(key, value):
    """One value as words: a registered label, a number the Vietnamese way, "—" for none."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool) or value in ("True", "False"):
        return pgettext("audit", "yes") if value in (True, "True") else pgettext("audit", "no")
    if isinstance(value, list):
        return ", ".join(value_text(key, v) for v in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{label(k)}: {value_text(k, v)}" for k, v in value.items()) or "—"
    known = _VALUES.get(key, {})
    if value in known:
        return str(known[value])
    if isinstance(value, int | float | Decimal):
        return formats.decimal(value) if key not in ("year", "copied_from") else str(value)
    if isinstance(value, str) and key in ("old", "new"):
        try:
            return formats.decimal(Decimal(value)) or value
        except InvalidOperation:
            return value
    return str(value)


def label(key):
    return str(KEY_LABELS.get(key, key.replace("_", " ")))


def _change(details, old_key, new_key):
    old, new = value_text(old_key, details.get(old_key)), value_text(new_key, details.get(new_key))
    return f"{old} → {new}"


def describe(details):
    """The details of one entry as one line of words; "" when there are none."""
    if not details:
        return ""
    details = dict(details)
    parts = []
    if "criterion" in details and "field" in details:
        parts.append(
            pgettext("audit", "Criterion %(number)s, %(field)s: %(change)s")
            % {
                "number": details.pop("criterion"),
                "field": value_text("field", details.pop("field")),
                "change": _change(details, "old", "new"),
            }
        )
        details.pop("old", None)
        details.pop("new", None)
    for old_key, new_key in (("from_state", "to_state"), ("from_status", "to_status")):
        if old_key in details or new_key in details:
            step = details.pop("action_name", None)
            change = _change(details, old_key, new_key)
            details.pop(old_key, None)
            details.pop(new_key, None)
            if step in _VALUES.get("action_name", {}):
                change = f"{value_text('action_name', step)}: {change}"
            parts.append(change)
    if "changes" in details and isinstance(details["changes"], dict):
        for key, pair in details.pop("changes").items():
            old, new = (list(pair) + [None, None])[:2] if isinstance(pair, list) else (None, pair)
            parts.append(f"{label(key)}: {value_text(key, old)} → {value_text(key, new)}")
    for key, value in details.items():
        parts.append(f"{label(key)}: {value_text(key, value)}")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]
