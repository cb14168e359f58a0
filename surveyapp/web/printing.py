"""HTML to A4 PDF through WeasyPrint (imported lazily: only printing needs Pango)."""

from __future__ import annotations


def _no_fetch(url: str, *args, **kwargs):
    # Print templates carry their styles inline; nothing is fetched, from here or elsewhere.
    raise ValueError(f"printing does not fetch resources: {url}")


def pdf_from_html(html: str) -> bytes:
    from weasyprint import HTML

    # Tagged PDF: headings, lists and tables stay apart for screen readers (WCAG 1.3.1).
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf(pdf_tags=True)
