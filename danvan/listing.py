"""One way for every list page to page, sort and keep its filters in links."""

from django.core.paginator import Paginator

PER_PAGE = 25


def sort_order(request, allowed, default):
    """Return (ordering for the queryset, the sort key in effect) from ?sort=key or ?sort=-key.

    `allowed` maps the public key to a field path (or a tuple of paths).
    """
    key = request.GET.get("sort", default)
    descending = key.startswith("-")
    name = key.lstrip("-")
    if name not in allowed:
        return sort_order_for(allowed, default), default
    fields = allowed[name] if isinstance(allowed[name], tuple) else (allowed[name],)
    return [f"-{f}" if descending else f for f in fields], key


def sort_order_for(allowed, key):
    name = key.lstrip("-")
    fields = allowed[name] if isinstance(allowed[name], tuple) else (allowed[name],)
    return [f"-{f}" if key.startswith("-") else f for f in fields]


def paginate(request, queryset, per_page=PER_PAGE, count=None):
    """The requested page of `queryset`. `count`, when the caller already knows how many rows
    the queryset has (the board counts them per state anyway), spares the paginator's COUNT."""
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count  # Paginator.count is a cached_property: this is its value
    return paginator.get_page(request.GET.get("page"))


def paginate_ids_first(request, queryset, per_page=PER_PAGE, count=None):
    """`paginate` in two steps, for a heavy queryset: the page's primary keys first (the
    database filters and sorts, but computes no annotation the filters and the order do not
    need, and joins nothing select_related), then only those rows in full, put back in the
    order of the first step. The same rows in the same order as `paginate`, provided the
    ordering is total (ends on a unique field)."""
    page = paginate(request, queryset.values_list("pk", flat=True), per_page, count)
    ids = list(page.object_list)
    rows = {row.pk: row for row in queryset.order_by().filter(pk__in=ids)} if ids else {}
    page.object_list = [rows[pk] for pk in ids]
    return page


def query_string(request, without=("page",)):
    """The current filters as a query string, for pagination and sort links."""
    params = request.GET.copy()
    for key in without:
        params.pop(key, None)
    return params.urlencode()
