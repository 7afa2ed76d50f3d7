"""The figures must add up; differences between publications; roster masking."""

from __future__ import annotations

from decimal import Decimal

from plugins.disclosure import figures
from plugins.disclosure.blocks import mask_id_card, mask_name

D = Decimal


def lines(*rows):
    return [figures.Line(direction, subject, D(amount)) for direction, subject, amount in rows]


ROWS = lines(("income", "上级转移支付", "1000.00"), ("income", "租金", "500.50"),
             ("expense", "道路维修", "800.00"), ("expense", "保洁费", "400.25"))


def test_totals_that_add_up_pass():
    assert figures.totals_errors(D("100"), D("1500.50"), D("1200.25"), D("400.25"), ROWS) == {}


def test_income_total_refused_with_the_difference_named():
    errors = figures.totals_errors(D("100"), D("1600.50"), D("1200.25"), D("500.25"), ROWS)
    assert errors["total_income"] == (
        "收入明细合计为 1,500.50 元，与填写的本期收入合计 1,600.50 元相差 100.00 元，请核对。")
    assert "closing_balance" not in errors  # 100 + 1600.50 − 1200.25 = 500.25 is consistent


def test_expense_total_refused_with_the_difference_named():
    errors = figures.totals_errors(D("100"), D("1500.50"), D("1200.00"), D("400.50"), ROWS)
    assert "相差 0.25 元" in errors["total_expense"]


def test_closing_balance_must_equal_opening_plus_income_minus_expense():
    errors = figures.totals_errors(D("100"), D("1500.50"), D("1200.25"), D("400.00"), ROWS)
    assert errors == {"closing_balance": (
        "期初余额 100.00 元 + 本期收入 1,500.50 元 − 本期支出 1,200.25 元 = 400.25 元，"
        "与填写的期末余额 400.00 元相差 0.25 元，请核对。")}


def test_decimal_arithmetic_never_float():
    """0.1 + 0.2 is 0.3 here (it is not in binary floating point)."""
    rows = lines(("income", "甲", "0.10"), ("income", "乙", "0.20"))
    assert figures.totals_errors(D("0"), D("0.30"), D("0"), D("0.30"), rows) == {}


def test_finance_postings_need_all_four_totals():
    errors = figures.totals_errors(None, D("1"), D("1"), None, [])
    assert set(errors) == {"opening_balance", "closing_balance"}


def _snap(lines_, totals, title="2026年第三季度财务收支公开"):
    return figures.snapshot(title=title, period="2026年第三季度", village="东栅社区", body=["正文"],
                            totals=totals, lines=lines_, attachments=[])


def test_diff_names_changed_lines_and_totals():
    totals = {"opening_balance": D("100"), "total_income": D("1500.50"),
              "total_expense": D("1200.25"), "closing_balance": D("400.25")}
    before = _snap(ROWS, totals)
    changed = [*ROWS[:3], figures.Line("expense", "保洁费", D("500.25")),
               figures.Line("expense", "绿化养护", D("50"))]
    after = _snap(changed, {**totals, "total_expense": D("1350.25"),
                            "closing_balance": D("250.25")})
    described = [figures.describe(c) for c in figures.diff(before, after)]
    assert described == [
        "本期支出合计：1,200.25 元 → 1,350.25 元",
        "期末余额：400.25 元 → 250.25 元",
        "支出明细“保洁费”：400.25 元 → 500.25 元",
        "新增支出明细“绿化养护” 50.00 元",
    ]
    assert figures.diff(before, before) == []
    assert figures.diff(None, after) == []


def test_diff_of_removed_line_and_title():
    totals = {}
    before, after = _snap(ROWS, totals), _snap(ROWS[:3], totals, title="新标题")
    described = [figures.describe(c) for c in figures.diff(before, after)]
    assert described == ["标题：2026年第三季度财务收支公开 → 新标题",
                         "删除支出明细“保洁费”（原 400.25 元）"]


def test_names_and_id_numbers_are_masked_idempotently():
    assert mask_name("张三") == "张*"
    assert mask_name("张小红") == "张*红"
    assert mask_name("欧阳小明") == "欧**明"
    assert mask_id_card("330402196408153229") == "3304**********3229"
    assert mask_id_card(mask_id_card("330402196408153229")) == "3304**********3229"
    assert mask_name(mask_name("张小红")) == "张*红"
