"""CSV import/export: whole-file validation, bulk build, idempotence, round trip."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from core.grids.exporter import COLUMNS, export_grids_csv
from core.grids.generate import generate_rows, write_generated_csv
from core.grids.importer import GridImportError, import_grids_csv
from core.grids.models import Grid

pytestmark = pytest.mark.django_db

HEADER = ",".join(COLUMNS)
GOOD = f"""{HEADER}
330400000000,,city,嘉兴市,command_centre,嘉兴市社会治理综合指挥中心,,0573-82123456
330402000000,330400000000,county,南湖区,,南湖区社会矛盾纠纷调处化解中心,,
330402005000,330402000000,town,东栅街道,,东栅街道综合指挥室（四个平台）,,
330402005001,330402005000,community,东栅社区,,东栅社区工作站,沈建华,0573-82001234
330402005001001,330402005001,grid,东栅第一网格,,东栅社区第一网格团队,王丽娟,13805730001
330402005001001001,330402005001001,microgrid,东栅第一网格1号微网格,,,李明,13905730002
"""


def csv_file(tmp_path: Path, text: str, name: str = "grids.csv", bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def assert_tree_ok() -> None:
    assert all(not problems for problems in Grid.find_problems())
    for node in Grid.objects.all():
        assert node.numchild == node.get_children().count(), node.code


def test_import_builds_a_valid_tree(tmp_path):
    result = import_grids_csv(csv_file(tmp_path, GOOD, bom=True))
    assert (result.created, result.updated, result.unchanged) == (6, 0, 0)
    micro = Grid.objects.get(code="330402005001001001")
    assert [g.name for g in micro.chain()] == [
        "嘉兴市", "南湖区", "东栅街道", "东栅社区", "东栅第一网格", "东栅第一网格1号微网格",
    ]
    assert Grid.objects.get(code="330402000000").organisation_kind == "mediation_centre"
    assert micro.tel_link == "tel:13905730002"
    assert_tree_ok()


@pytest.mark.parametrize(("bad_line", "message"), [
    ("330402005002,330402005000,community,南溪社区,,,,", None),  # control: valid
    ("33040200500,330402005000,community,南溪社区,,,,", "第8行：村（社区）的区划代码应为12位数字。"),
    ("330402005001002001,330402005001,microgrid,跳级微网格,,,,", "第8行：层级应为“网格”"),
    ("330402005009,330402009000,community,孤儿社区,,,,", "第8行：上级代码 330402009000 在文件和数据库中都不存在。"),
    ("330402005001,330402005000,community,重复社区,,,,", "第8行：区划代码 330402005001 与第5行重复。"),
    ("330402005003,330402005000,village,南溪村,,,,", "第8行：未知层级“village”"),
    ("330402005004,330402005000,community,,,,,", "第8行：名称不能为空。"),
    ("330402005005,330402005000,community,南溪村,,,,12345abc", "第8行：联系电话“12345abc”格式不正确"),
    ("330411005006,330402005000,community,错区村,,,,", "第8行：区划代码330411005006应以上级代码的前9位"),
    ("330402005001001002,330402005001001001,microgrid,微下微,,,,", "第8行：上级 330402005001001001 是微网格"),
])
def test_validation_errors_import_nothing(tmp_path, bad_line, message):
    path = csv_file(tmp_path, GOOD + bad_line + "\n")
    if message is None:
        assert import_grids_csv(path).created == 7
        return
    with pytest.raises(GridImportError) as caught:
        import_grids_csv(path)
    assert any(error.startswith(message) for error in caught.value.errors), caught.value.errors
    assert Grid.objects.count() == 0


def test_all_errors_reported_in_line_order(tmp_path):
    text = GOOD.replace("東", "东") + "1,330402005000,community,a,,,,\n2,330400000000,county,b,,,,\n"
    with pytest.raises(GridImportError) as caught:
        import_grids_csv(csv_file(tmp_path, text))
    lines = [error[:3] for error in caught.value.errors]
    assert lines == sorted(lines) and set(lines) == {"第8行", "第9行"}


def test_missing_columns_and_bad_encoding(tmp_path):
    with pytest.raises(GridImportError, match="表头缺少列：head_name, head_phone"):
        import_grids_csv(csv_file(tmp_path, "code,parent_code,level,name,organisation_kind,organisation\n"))
    path = tmp_path / "gbk.csv"
    path.write_bytes(GOOD.encode("gbk"))
    with pytest.raises(GridImportError, match="UTF-8"):
        import_grids_csv(path)


def test_reimport_is_idempotent_and_update_overwrites(tmp_path):
    path = csv_file(tmp_path, GOOD)
    import_grids_csv(path)
    again = import_grids_csv(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)
    changed = csv_file(tmp_path, GOOD.replace("王丽娟,13805730001", "赵敏,13805739999"), "b.csv")
    skipped = import_grids_csv(changed)
    assert skipped.updated == 0
    assert Grid.objects.get(code="330402005001001").head_name == "王丽娟"
    updated = import_grids_csv(changed, update=True)
    assert (updated.updated, updated.unchanged) == (1, 5)
    assert Grid.objects.get(code="330402005001001").head_phone == "13805739999"
    assert Grid.objects.count() == 6
    assert_tree_ok()


def test_new_children_are_appended_under_existing_parents(tmp_path, grid_tree):
    """Adds to the fixture tree: paths continue after the last existing child."""
    text = f"""{HEADER}
330402004001002,330402004001,grid,东栅第二网格,,,,
330402004001002001,330402004001002,microgrid,东栅二网格1号微网格,,,,
330402004003,330402004000,community,新嘉社区,,,,
330402004003001,330402004003,grid,新嘉第一网格,,,,
330499000000,330400000000,county,新区,,,,
330500000000,,city,湖州市,,,,
"""
    result = import_grids_csv(csv_file(tmp_path, text))
    assert result.created == 6
    dongzha = Grid.objects.get(code="330402004001")
    assert [c.code for c in dongzha.get_children()] == ["330402004001001", "330402004001002"]
    assert Grid.objects.get(code="330500000000").is_root()
    assert_tree_ok()


def test_existing_node_cannot_be_moved(tmp_path, grid_tree):
    text = f"{HEADER}\n330402004002,,community,新兴社区,,,,\n"
    with pytest.raises(GridImportError) as caught:
        import_grids_csv(csv_file(tmp_path, text))
    assert "导入不移动节点" in caught.value.errors[0]


def test_export_import_round_trip(tmp_path):
    source = tmp_path / "generated.csv"
    write_generated_csv(source, shape=(2, 2, 2, 2, 2))
    import_grids_csv(source)
    out = io.StringIO()
    count = export_grids_csv(out)
    assert count == Grid.objects.count() == 63
    assert out.getvalue().replace("\r\n", "\n") == source.read_text(encoding="utf-8").replace(
        "\r\n", "\n"
    )
    Grid.objects.all().delete()
    import_grids_csv(io.StringIO(out.getvalue()))
    assert Grid.objects.count() == 63
    assert_tree_ok()


def test_subtree_export_names_parent_outside(grid_tree):
    out = io.StringIO()
    nanhu = grid_tree["nanhu"]
    export_grids_csv(out, Grid.objects.filter(path__startswith=nanhu.path))
    second = out.getvalue().splitlines()[1]
    assert second.startswith("330402000000,330400000000,county,南湖区")


def test_two_thousand_node_import_keeps_treebeard_invariants(tmp_path, django_assert_max_num_queries):
    source = tmp_path / "big.csv"
    nodes = write_generated_csv(source, shape=(2, 3, 5, 6, 10))
    assert nodes == 2019
    # bulk inserts, not one query per node (SQLite caps each INSERT at 999 parameters)
    with django_assert_max_num_queries(40):
        result = import_grids_csv(source)
    assert result.created == nodes == Grid.objects.count()
    assert_tree_ok()
    county = Grid.objects.get(code="330402000000")
    assert county.get_descendant_count() == 1 + 3 + 15 + 90 + 900 - 1
    assert Grid.objects.filter(level="microgrid").count() == 1800


def test_generated_rows_have_unique_valid_codes():
    rows = list(generate_rows((2, 2, 3, 2, 2)))
    assert len({row[0] for row in rows}) == len(rows)


def test_command_import_export_stats(tmp_path, capsys):
    path = csv_file(tmp_path, GOOD)
    call_command("grids", "import", str(path), "--no-progress")
    assert "新增 6" in capsys.readouterr().out
    call_command("grids", "import", str(path), "--update", "--no-progress")
    assert "未变 6" in capsys.readouterr().out
    call_command("grids", "export")
    exported = capsys.readouterr().out
    assert exported.splitlines()[0] == HEADER and len(exported.splitlines()) == 7
    call_command("grids", "export", "--root", "330402005001")
    assert len(capsys.readouterr().out.splitlines()) == 4
    target = tmp_path / "out.csv"
    call_command("grids", "export", str(target), "--no-progress")
    assert target.read_text(encoding="utf-8").count("\n") == 7
    call_command("grids", "stats")
    stats = capsys.readouterr().out
    assert "微网格\t1" in stats and "树结构检查通过" in stats


def test_command_reports_errors_in_chinese(tmp_path, capsys):
    path = csv_file(tmp_path, GOOD + "1,330402005000,community,a,,,,\n")
    with pytest.raises(CommandError, match="未导入任何数据"):
        call_command("grids", "import", str(path), "--no-progress")
    assert "第8行" in capsys.readouterr().err
    with pytest.raises(CommandError, match="文件不存在"):
        call_command("grids", "import", str(tmp_path / "missing.csv"))
