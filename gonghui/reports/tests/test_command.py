"""`gonghui summary` on the command line, as an office clerk would run it."""

import io

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from gonghui.portal.tests.personas import make_member


def test_the_command_writes_the_half_year_as_a_word_document(cast, tmp_path):
    make_member(cast.branch, "赵六")
    target = tmp_path / "summary.docx"
    call_command("summary", "--org", "BENBU", "--period", "2025", "--half", "1", "--format", "docx", "-o", str(target),
                 stdout=io.StringIO())
    texts = [p.text for p in Document(str(target)).paragraphs if p.text]
    assert texts[0] == "本部工会2025年上半年工作总结"
    assert texts[1].startswith("2025年上半年，本部工会在某钢铁公司工会和企业党政的领导下")


def test_the_command_prints_a_span_of_years_as_text(cast, capsys):
    call_command("summary", "--org", "BENBU", "--period", "2023", "--to-year", "2025", "--format", "txt")
    assert capsys.readouterr().out.startswith("本部工会2023—2025年工作总结\n")


def test_the_command_writes_a_pdf(cast, tmp_path):
    target = tmp_path / "summary.pdf"
    call_command("summary", "--org", "BENBU", "--period", "2025", "--format", "pdf", "-o", str(target), stdout=io.StringIO())
    assert target.read_bytes().startswith(b"%PDF")


def test_an_unknown_org_is_an_error(cast):
    with pytest.raises(CommandError):
        call_command("summary", "--org", "NOPE", "--period", "2025", "--format", "txt")
