"""Regulations named through the law they implement (:mod:`pipeline.citations.implementing`).

The case files hold the single cases (es, pt); these check that the law's name is
read once per regulation, not again inside every later window.
"""

from __future__ import annotations

from pipeline.citations import find_mentions

#: Regulations in the long text: enough for a nested reading to take minutes.
MANY = 2000


def test_many_regulations_are_read_once_each():
    text = "El Reglamento de la Ley de Migración regula las visas. " * MANY
    found = find_mentions(text, "es")
    assert len(found) == MANY
    assert {(m.head_type, m.title) for m in found} == {("regulation", "de la Ley de Migración")}


def test_the_law_inside_is_no_mention_of_its_own():
    found = find_mentions("O Regulamento da Lei de Estrangeiros entrou em vigor; a Lei n.º 23/2007 aplica-se.", "pt")
    assert [(m.surface, m.head_type) for m in found] == [
        ("Regulamento da Lei de Estrangeiros", "regulation"), ("Lei n.º 23/2007", "law")]
