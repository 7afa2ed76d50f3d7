"""Demo 村情动态 for Jiaxing, aimed at grids of site/grids.csv.

Idempotent on the slug: a second run creates nothing and never touches a page an
editor has changed since. A news item whose grid is missing (another deployment's
tree) is skipped rather than widened to the whole site.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from wagtail.models import Site
from wagtail.rich_text import RichText

from core.grids.models import Grid

from .models import VillageNewsPage
from .services import ensure_index


@dataclass(frozen=True)
class DemoNews:
    slug: str
    grid_code: str | None  # None: the whole site
    title: str
    summary: str
    paragraphs: tuple[str, ...]
    tags: tuple[str, ...]
    days_ago: int


NEWS: tuple[DemoNews, ...] = (
    DemoNews(
        "city-grid-visit-month", None,
        "全市开展“网格连心、组团服务”走访月活动",
        "网格员、包联干部和“三官三师”组团进网格，上门听取意见、排查矛盾隐患。",
        ("<p>嘉兴市近日启动“网格连心、组团服务”走访月活动。活动期间，各地网格员将与包联干部、"
         "辅警以及法官、律师等专业力量组成服务团队，逐户上门走访，重点关心独居老人、困难家庭和新居民。</p>",
         "<p>走访中收集的意见建议和矛盾纠纷线索，将录入网格台账，按照“小事不出网格、大事不出镇街”"
         "的要求分级处置，办理结果及时向居民反馈。</p>",
         "<p>居民也可以在“微嘉园”联系自己所在网格的网格长，或拨打96345便民服务热线反映诉求。</p>"),
        ("网格服务", "平安建设"), 1,
    ),
    DemoNews(
        "dongzha-waste-sorting-supervision", "330402005000",
        "东栅街道开展垃圾分类“桶边督导”，党员志愿者早晚守桶站",
        "每天早7点至9点、晚6点至8点，党员志愿者和网格员在各小区桶站值守，指导居民分类投放。",
        ("<p>为进一步提高生活垃圾分类准确率，东栅街道从本月起在辖区各小区推行“桶边督导”。"
         "每天早7点至9点、晚6点至8点两个投放高峰时段，社区党员志愿者、网格员和物业人员轮流在桶站值守，"
         "手把手指导居民“先分类、再投放”。</p>",
         "<p>督导员发现混投的，会当场讲解厨余垃圾、可回收物、有害垃圾和其他垃圾的区别，并记入网格台账。"
         "分类做得好的家庭，可以在“微嘉园”领取垃圾分类积分，兑换洗衣液、大米等生活用品。</p>",
         "<h3>居民怎么参与</h3><ul><li>愿意参加桶边督导的居民，可向所在网格的网格员报名；</li>"
         "<li>对桶站设置、清运时间有意见建议的，可通过“一键报事”反映。</li></ul>"),
        ("垃圾分类", "志愿服务"), 2,
    ),
    DemoNews(
        "dongzha-smoke-alarms-elderly", "330402005001",
        "东栅社区为独居老人免费安装独立式烟感报警器",
        "网格员和志愿者上门安装并讲解使用方法，同时检查家中电线、燃气软管等安全隐患。",
        ("<p>入冬前，东栅社区为辖区独居和高龄老人免费安装独立式烟感报警器。网格员和社区志愿者逐户上门，"
         "安装后当场测试，并教老人识别报警声、更换电池。</p>",
         "<p>上门时，工作人员还检查了老人家中的电线插座、燃气软管和取暖设备，对发现的老化问题登记在册，"
         "协调物业和志愿者尽快更换。</p>",
         "<p>家中有独居老人、需要安装烟感的居民，可联系所在网格的网格员登记。</p>"),
        ("平安建设", "为老服务"), 3,
    ),
    DemoNews(
        "qingfeng-cultural-hall-village-gala", "330411101201",
        "王店镇庆丰村文化礼堂办起“村晚”，村民自编自演庆丰收",
        "舞龙、越剧、三句半轮番登场，节目全部由村民自编自演，还表彰了本年度“最美家庭”。",
        ("<p>金秋时节，王店镇庆丰村文化礼堂里座无虚席。一台由村民自编自演的“村晚”在这里上演，"
         "舞龙、越剧选段、广场舞和宣传垃圾分类的三句半轮番登场，台下掌声笑声不断。</p>",
         "<p>演出间隙，村里为本年度评出的“最美家庭”颁了奖。村干部说，文化礼堂不仅是看节目的地方，"
         "也是村民议事、学习和办喜事的“精神家园”，今后每月都会安排文化活动。</p>",
         "<p>下月起，文化礼堂将开设书法和排舞两个兴趣班，有意参加的村民可向村委会报名。</p>"),
        ("文化礼堂", "我们的节日"), 5,
    ),
    DemoNews(
        "majiabang-three-governance-council", "330402005201",
        "马家浜村召开“三治融合”百姓议事会，商定村道拓宽方案",
        "村民代表、乡贤和法律顾问一起议定村道拓宽和清理占道堆物的办法。",
        ("<p>马家浜村日前召开百姓议事会，围绕村民反映强烈的主村道狭窄、会车难问题展开讨论。"
         "参加议事的有村民代表、乡贤参事会成员、驻村法律顾问和网格员。</p>",
         "<p>会上，村两委介绍了拓宽方案；法律顾问就宅基地边界、青苗补偿等问题逐一解答；"
         "几位老党员带头表示愿意让出自家门前的菜地。议事会表决通过了方案，并同步修订村规民约，"
         "明确村道两侧不得占道堆物。</p>",
         "<p>“三治融合”即自治、法治、德治相结合，发源于嘉兴桐乡。方案将按“五议两公开”程序"
         "在村务公开栏公示，公示期间村民可向村委会提出意见。</p>"),
        ("三治融合", "百姓议事会"), 8,
    ),
    DemoNews(
        "xinghuo-five-water-river-dredging", "330402006202",
        "星火村完成村内河道清淤，“五水共治”让小河重现清澈",
        "村级河长每周巡河，清淤、截污、岸坡绿化一并推进，村民自发组成护河志愿队。",
        ("<p>七星街道星火村近日完成了村内两条河道的清淤疏浚，同步对沿河农户生活污水截污纳管，"
         "并在岸坡种植了水生植物。</p>",
         "<p>“五水共治”指治污水、防洪水、排涝水、保供水、抓节水。村里的河道实行河长制，"
         "村级河长每周至少巡河一次，发现漂浮物、排污口等问题及时交办处理。"
         "不少村民还自发组成护河志愿队，周末轮流清理河面垃圾。</p>",
         "<p>村民如发现河道异常，可通过“一键报事”随手拍上报，网格员将及时跟进。</p>"),
        ("五水共治", "河长制"), 12,
    ),
)


def load(site: Site) -> int:
    """Create the index page and the missing demo news; returns how many news were created."""
    index = ensure_index(site)
    existing = set(VillageNewsPage.objects.filter(slug__in=[n.slug for n in NEWS])
                   .values_list("slug", flat=True))
    grids = Grid.objects.in_bulk([n.grid_code for n in NEWS if n.grid_code], field_name="code")
    today = timezone.localdate()
    created = 0
    for item in NEWS:
        if item.slug in existing or (item.grid_code and item.grid_code not in grids):
            continue
        page = VillageNewsPage(
            title=item.title, slug=item.slug, summary=item.summary, live=False,
            date=today - timedelta(days=item.days_ago),
            target_grid=grids.get(item.grid_code) if item.grid_code else None,
            body=[("paragraph", RichText(html)) for html in item.paragraphs],
        )
        page.tags.add(*item.tags)
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return created
