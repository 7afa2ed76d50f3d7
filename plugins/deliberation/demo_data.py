"""The demo's words: 东栅社区 (南湖区东栅街道) matters, as its residents would raise them."""

from __future__ import annotations

from .models import CouncilKind, Frequency, PollKind, ResultsMode, Stage, SuggestionStatus
from .services.decisions import Counts

DONGZHA = "330402005001"  # 东栅社区
DONGZHA_GRID1 = "330402005001001"  # 东栅第一网格
CADRE = "13800000004"  # 朱丽萍, 社区干部 of 东栅社区
GRID_HEAD = "13800000005"  # 吴建明, 网格长 of 东栅第一网格
ZHANG, WANG, LI = "13900000001", "13900000002", "13900000003"
# 陈晓东, grid worker living in 东栅 (verified; 赵磊 13900000006 is still awaiting verification)
CHEN = "13800000006"

# (author, text, is a reply to the previous top-level opinion)
TOPICS = [
    {"grid": DONGZHA, "title": "东栅路18号老旧小区加装电梯意见征集",
     "body": "东栅路18号小区建于1996年，6层无电梯，60岁以上居民占四成。街道拟对加装电梯给予财政补助，"
             "请各单元居民就是否加装、费用按楼层分摊的比例、施工期间出行安排发表意见。",
     "opinions": [
         (ZHANG, "我住5楼，腿脚不好，非常支持加装。分摊比例建议参照城北小区，一楼不出钱。", False),
         (LI, "同意张阿姨的意见，另外希望施工安排在白天，晚上八点后停工。", True),
         (WANG, "2楼住户用电梯少，希望分摊比例低一些，也担心采光受影响，请设计单位出个效果图。", False),
     ]},
    {"grid": DONGZHA, "title": "东栅社区停车位划线方案讨论",
     "body": "小区内夜间停车混乱，消防通道常被占用。物业提出在东栅路18号、20号小区内施划停车位约120个，"
             "优先保障本小区业主，外来车辆临时停放收费。请大家提出意见。",
     "opinions": [
         (CHEN, "消防通道一定要留出来，建议划黄色网格线并装监控。", False),
         (WANG, "业主车位建议按户登记，一户一位，第二辆车另行安排。", False),
     ]},
]

POLLS = [
    {"grid": DONGZHA, "title": "垃圾分类积分兑换点选址", "kind": PollKind.MULTIPLE, "max_choices": 2,
     "opens_in_days": -2, "days": 7, "results_mode": ResultsMode.AFTER_CLOSE,
     "description": "社区计划新设一处垃圾分类积分兑换点，每周二、周六上午开放。请选出您认为最方便的"
                    "地点（最多选两处），投票结束后公布结果。",
     "choices": ["东栅菜场北侧空地", "社区党群服务中心门口", "东栅路18号小区东门", "东栅公园南入口"],
     "ballots": [(WANG, [0, 1]), (LI, [0])]},
    {"grid": DONGZHA, "title": "东栅路北段村道路灯改造方案", "kind": PollKind.SINGLE, "max_choices": 1,
     "opens_in_days": -12, "days": 7, "results_mode": ResultsMode.LIVE,
     "description": "东栅路北段（东栅桥至马家浜路口）现有路灯22盏，多数老化。请在三种改造方案中选择一种。",
     "choices": ["全部更换为LED太阳能路灯", "保留灯杆，更换LED灯头", "暂缓改造，先维修"],
     "ballots": [(ZHANG, [0]), (WANG, [1]), (LI, [0]), (CHEN, [0])]},
]

SUGGESTIONS = [
    {"author": ZHANG, "title": "东栅路18号3幢尽快加装电梯",
     "body": "3幢住了十几位八十岁以上的老人，上下楼全靠子女背，建议作为第一批加装试点。",
     "supporters": [WANG, LI, CHEN]},
    {"author": WANG, "title": "小区东门夜间路灯太暗",
     "body": "东门到菜场的一段路晚上几乎没有照明，老人买菜回来容易摔倒，建议加装两盏路灯。",
     "supporters": [ZHANG, CHEN],
     "answer": (SuggestionStatus.ADOPTED, "已纳入东栅路北段路灯改造，12月中旬施工，届时东门增设路灯2盏。")},
    {"author": LI, "title": "增设电动自行车集中充电棚",
     "body": "楼道里飞线充电很危险，建议在20号楼北侧空地建一个带刷卡充电桩的车棚。",
     "supporters": [ZHANG]},
    {"author": CHEN, "title": "垃圾分类投放点延长开放时间",
     "body": "上班族早上七点前就出门，建议早上投放时间提前到六点半。", "supporters": []},
]

ISSUE_LIST = {
    "grid": DONGZHA_GRID1, "title": "东栅第一网格本月问题清单",
    "note": "根据本网格居民建议及附议情况汇总，提交东栅社区百姓议事会月度例会讨论。",
    "items": [("东栅路18号3幢尽快加装电梯", "附议最多，涉及高龄老人出行"),
              ("增设电动自行车集中充电棚", "消防安全隐患，建议优先"),
              ("小区东门夜间路灯太暗", "已并入路灯改造项目")],
}

# (name, position, mobile of the account or "", introduction)
COUNCILS = [
    {"grid": DONGZHA, "name": "东栅社区百姓议事会", "kind": CouncilKind.PEOPLE,
     "frequency": Frequency.MONTHLY, "meeting": True,
     "description": "由居民代表、党员、楼道长和驻区单位代表组成，每月第二个周四晚上在社区议事厅议事。",
     "members": [("朱丽萍", "召集人", CADRE, "东栅社区党委委员"),
                 ("张秀英", "成员", ZHANG, "退休教师，18号楼楼道长"),
                 ("王建国", "成员", WANG, "居民代表"),
                 ("沈德明", "成员", "", "驻区单位东栅供销社退休干部")]},
    {"grid": DONGZHA, "name": "东栅社区乡贤参事会", "kind": CouncilKind.SAGES,
     "frequency": Frequency.QUARTERLY, "meeting": False,
     "description": "由居民小组推荐、居民代表会议通过的乡贤组成，每季度参事议事，出谋出资出力。",
     "members": [("钱国良", "会长", "", "嘉兴本地企业家，资助社区老年食堂"),
                 ("沈德明", "副会长", "", "东栅供销社退休干部"),
                 ("陆美华", "成员", "", "南湖区人民医院退休医师")]},
]

MEETING = {
    "title": "东栅社区百姓议事会月度例会", "place": "东栅社区党群服务中心二楼议事厅",
    "present": ["朱丽萍", "张秀英", "沈德明"],
    "minutes": "一、通报上月议定事项落实情况：东栅路北段路灯改造已完成招标。\n"
               "二、讨论东栅路18号3幢加装电梯：与会人员一致认为应作为首批试点，由社区联系设计单位出具方案和效果图。\n"
               "三、讨论电动自行车集中充电棚：20号楼北侧空地可用，需物业测算用电容量。",
    "decisions": "1. 3幢加装电梯列入首批试点，12月底前完成意见征询签字。\n"
                 "2. 充电棚由物业在两周内提交方案，提交居民代表会议表决。",
}

_PROPOSAL = ("东栅社区党委、居委会根据居民建议提出", None)
_MOTION = ("社区党委会议研究后提议提交“两委”商议", None)
_DISCUSSION = ("社区“两委”联席会议商议，形成初步方案并征求驻区单位意见", None)
_REVIEW = ("党员大会审议通过", Counts(36, 30, 27, 1, 2))
_RESOLUTION = ("居民代表会议表决通过", Counts(41, 33, 30, 2, 1))
_PUBLISHED = ("决议在社区公开栏、微嘉园同步公开，公示期7天无异议", None)
_IMPLEMENTED = ("项目已完工并通过验收，实施结果公开", None)
_NOTES = [_PROPOSAL, _MOTION, _DISCUSSION, _REVIEW, _RESOLUTION, _PUBLISHED, _IMPLEMENTED]

# (title, grid, stage reached, description, notes for each step)
DECISIONS = [
    ("党群服务中心二楼改建老年食堂", DONGZHA, Stage.PROPOSAL,
     "将社区党群服务中心二楼闲置活动室改建为老年食堂，提供午餐助餐服务，预计投入18万元。", _NOTES),
    ("东栅路18号、20号小区停车位划线及收费办法", DONGZHA, Stage.MOTION,
     "小区内施划停车位120个，业主一户一位免费登记，外来车辆2小时内免费、超时每小时2元。", _NOTES),
    ("垃圾分类积分兑换点建设", DONGZHA, Stage.DISCUSSION,
     "根据居民投票结果新设垃圾分类积分兑换点一处，由社区和物业共同管理。", _NOTES),
    ("东栅路北段村道路灯改造", DONGZHA, Stage.REVIEW,
     "更换东栅路北段路灯22盏为LED太阳能路灯，工程预算9.6万元，由街道专项资金列支。", _NOTES),
    ("老旧小区加装电梯费用分摊办法", DONGZHA, Stage.RESOLUTION,
     "加装电梯扣除财政补助后，按楼层系数分摊：一楼0、二楼0.6、三楼1.0、四楼1.2、五楼1.4、六楼1.6。", _NOTES),
    ("2026年度东栅社区民生实事项目", DONGZHA, Stage.PUBLISHED,
     "确定2026年度民生实事5项：加装电梯试点、路灯改造、充电棚建设、老年食堂、公园无障碍改造。", _NOTES),
    ("东栅公园南入口无障碍坡道改造", DONGZHA, Stage.IMPLEMENTED,
     "拆除南入口台阶，新建无障碍坡道及扶手，方便轮椅和婴儿车通行，投入3.2万元。", _NOTES),
]
