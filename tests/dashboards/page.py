"""Read what a dashboard page shows: a chart's JSON (json_script) and its table's cells."""

import json
from html.parser import HTMLParser


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables, self.current, self.row, self.cell = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id"):
            self.current = self.tables.setdefault(attrs["id"], [])
        elif tag == "tr" and self.current is not None:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self.current = None
        elif tag == "tr" and self.row is not None:
            self.current.append(self.row)
            self.row = None
        elif tag in ("td", "th") and self.cell is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def table(response, table_id):
    """The rows of a table (header row first), each a list of cell texts."""
    parser = _Tables()
    parser.feed(response.content.decode())
    assert table_id in parser.tables, f"no table #{table_id} on the page"
    return parser.tables[table_id]


def body(response, table_id):
    return table(response, table_id)[1:]


def chart(response, key):
    """The data dashboards.js draws for chart `key`."""
    html = response.content.decode()
    marker = f'<script id="chart-{key}-data" type="application/json">'
    start = html.index(marker) + len(marker)
    return json.loads(html[start : html.index("</script>", start)])


def series(data, index=0):
    return data["datasets"][index]["data"]


def number(text):
    """A number as the Vietnamese page prints it ("82,5")."""
    return None if text == "—" else float(text.replace(".", "").replace(",", "."))
