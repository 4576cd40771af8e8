"""The schema's choice and row limits (multi_select max/min choices, a group's min/max rows)
shown next to the field in plain words, from a form built from contract fields."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from contract.models import FieldKind, FormField, FormSubField
from kiosk.forms import FieldError, FieldSpec, Problem
from ui.widgets.form_fields import ChoiceField, GroupField, problem_text
from ui.widgets.form_view import FormView

INSURANCES = FormField(
    name="insurances",
    label="参保险种",
    kind=FieldKind.MULTI_SELECT,
    options=["养老", "医疗", "失业"],
    min_choices=2,
    max_choices=2,
)
FAMILY = FormField(
    name="family",
    label="家庭成员",
    kind=FieldKind.GROUP,
    min_rows=1,
    max_rows=2,
    fields=[FormSubField(name="name", label="姓名")],
)


def test_choice_and_row_limits_are_said_next_to_the_field(qtbot: QtBot) -> None:
    view = FormView([FieldSpec(INSURANCES), FieldSpec(FAMILY)], [])
    qtbot.addWidget(view)
    view.resize(1080, 1400)
    view.show()
    choices = view.fields["insurances"]
    group = view.fields["family"]
    assert isinstance(choices, ChoiceField) and isinstance(group, GroupField)
    for option in ("养老", "医疗", "失业"):
        choices.buttons[option].click()
    assert not view.go_on()
    assert choices.error.isVisible() and choices.error.text() == "最多只能选择 2 项。"
    choices.buttons["失业"].click()
    choices.buttons["医疗"].click()
    assert not view.go_on()
    assert choices.error.text() == "请至少选择 2 项。"
    choices.buttons["医疗"].click()
    assert not view.go_on() and view.shown() == [group]  # the group has a screen of its own
    assert not choices.error.isVisible()
    assert not view.go_on()
    assert group.error.text() == "请填写家庭成员。"  # required: at least one row
    for _member in range(2):
        group.add_button.click()  # the row's own screen
        assert view.row is group.rows[-1]
        group.rows[-1].members["name"].set_value("王小二")
        assert not view.go_on() and view.shown() == [group]  # back to the list
    assert not group.add_button.isEnabled()  # max_rows from the schema
    assert view.go_on()  # done
    assert not group.error.isVisible()


def test_every_problem_has_words_and_the_ones_a_citizen_can_cause_are_specific() -> None:
    fallback = problem_text(FieldError("x", Problem.WRONG_SHAPE), "X")
    cannot_cause = {Problem.WRONG_SHAPE, Problem.UNKNOWN_FIELD, Problem.REPEATED_CHOICE}
    for problem in Problem:
        words = problem_text(FieldError("x", problem, limit=3), "家庭成员")
        assert words and "%1" not in words
        assert (words == fallback) == (problem in cannot_cause), problem
    assert problem_text(FieldError("x", Problem.TOO_FEW_ROWS, limit=2), "X") == "请至少添加 2 位。"
