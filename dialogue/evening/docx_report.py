"""The report as a Word file (python-docx), so a library can edit it: the same sections as the printable page and
the national report (introduction and programme, langs de lijn, oplossingsrichtingen per actor, closing). It is
built from selectors.Report alone, which holds no token, code or address."""

import io

from django.utils import formats

from .selectors import Report


def _dates(report: Report) -> str:
    return ", ".join(formats.date_format(d, "j F Y") for d in report.dates)


def _intro(doc, report: Report) -> None:
    doc.add_heading(report.title, level=0)
    doc.add_heading("Inleiding", level=1)
    where = f" in {report.place}" if report.place else ""
    evenings = "een dialoogavond" if report.evenings == 1 else f"{report.evenings} dialoogavonden"
    doc.add_paragraph(
        f"Dit is het verslag van {evenings}{where} ({_dates(report)}). {report.participants} deelnemers deden mee "
        f"op hun telefoon, aan {report.tables} tafels met dialoogkaarten. Het verslag is anoniem: er staan geen "
        "namen of andere persoonsgegevens in."
    )
    doc.add_heading("Programma", level=1)
    for block in report.blocks:
        doc.add_paragraph(f"{block.get_kind_display()}: {block.title}", style="List Number")


def _statements(doc, report: Report) -> None:
    doc.add_heading("‘Langs de lijn’ gesprek", level=1)
    for row in report.statements:
        doc.add_heading(f"{row.number}. {row.statement.text}", level=2)
        if not row.first.total:
            doc.add_paragraph("Deze stelling is niet besproken.")
            continue
        left, middle, right = row.first.sides
        doc.add_paragraph(
            f"Eerste ronde: {row.first.total} plekken. Links ({row.statement.left_pole}): {left}, midden: {middle}, "
            f"rechts ({row.statement.right_pole}): {right}."
        )
        if row.second.total:
            doc.add_paragraph(
                f"Tweede ronde: {row.second.total} plekken. {row.shift} {row.moved} kozen een andere plek."
            )
        for comment in row.comments:
            doc.add_paragraph(f"“{comment.text}”", style="Quote")


def _proposals(doc, report: Report) -> None:
    doc.add_heading("Oplossingsrichtingen", level=1)
    if report.slider:
        bands = ", ".join(label for _, label in report.legend)
        doc.add_paragraph(
            "Met de schuif gaven deelnemers een getal van 0 (helemaal mee oneens) tot 100 (helemaal mee eens). Die "
            f"getallen zijn in vijf groepen verdeeld: {bands}. Het gemiddelde staat bij elke oplossingsrichting."
        )
    for section in report.actors:
        doc.add_heading(f"Rol van {section.label.lower()}", level=2)
        for number, support in enumerate(section.proposals, start=1):
            card = support.card
            doc.add_heading(f"{number}. {card.direction}", level=3)
            bars = "; ".join(f"{label}: {pct}%" for _, label, _, pct in support.bars)
            mean = f" Gemiddeld {support.mean} van 100." if support.mean is not None else ""
            doc.add_paragraph(
                f"Steun: {support.support}% (mee) eens, {support.against}% (mee) oneens. {bars}. "
                f"{support.total} oordelen, {support.skipped} keer overgeslagen.{mean}"
            )
            for label, text in (
                ("Het probleem", card.problem),
                ("Toelichting", card.explanation),
                ("Ander geluid", card.other_voice),
                ("Kanttekening", card.caveat),
            ):
                if text:
                    paragraph = doc.add_paragraph()
                    paragraph.add_run(f"{label}: ").bold = True
                    paragraph.add_run(text)


def report_docx(report: Report) -> bytes:
    from docx import Document  # loaded when a report is downloaded, not in every worker
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.size = Pt(11)
    _intro(doc, report)
    _statements(doc, report)
    _proposals(doc, report)
    doc.add_heading("Tot slot", level=1)
    doc.add_paragraph(
        "De oplossingsrichtingen in dit verslag zijn geen blauwdruk voor beleid, maar denkrichtingen van de "
        "deelnemers. De steun is gepeild aan het eind van de avond, op een schaal van helemaal mee oneens tot "
        "helemaal mee eens."
    )
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
