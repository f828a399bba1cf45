"""How to cite a view of the dashboard, and how to report a problem in it: pure text from
the view's address, the release it shows and the dates (fitjp/ui/citation.py shows them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import quote, urlencode

from fitjp.i18n import t


@dataclass(frozen=True)
class View:
    """What a citation names: the address with the view's filters, the data and the release."""
    url: str
    data_as_of: str
    release: int | None = None  # the live release's version; None for the data as shipped
    released: str = ""  # the release's date


def view_url(base: str, params: dict[str, list[str]]) -> str:
    """The page's address with every parameter of the view, in a stable order."""
    query = urlencode(sorted((key, value) for key, values in params.items() for value in values))
    return f"{base}?{query}" if query else base


def citation(view: View, lang: str, accessed: date) -> str:
    """One line a reader can paste in a report: the dashboard, the release, the dates, the URL."""
    return t("cite.text", lang, title=t("app.title", lang), data=data_named(view, lang), url=view.url,
             accessed=accessed.isoformat())


def data_named(view: View, lang: str) -> str:
    """The release and the data date, as a citation and a report name them."""
    if view.release:
        return t("cite.release", lang, version=view.release, released=view.released, date=view.data_as_of)
    return t("cite.shipped", lang, date=view.data_as_of)


def report_address(view: View, lang: str, report_to: str) -> str:
    """A link that opens the reader's mail (report_to an address, or none: they choose whom to
    write to), or an issue tracker's new-issue form (report_to https://...), with the view's
    address and release filled in."""
    subject = t("report.subject", lang, title=t("app.title", lang))
    body = t("report.body", lang, url=view.url, data=data_named(view, lang))
    if report_to.startswith(("https://", "http://")):
        return f"{report_to}{'&' if '?' in report_to else '?'}{urlencode({'title': subject, 'body': body})}"
    return f"mailto:{quote(report_to, safe='@')}?subject={quote(subject)}&body={quote(body)}"
