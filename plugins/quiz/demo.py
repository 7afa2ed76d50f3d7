"""Demo content for ``load_site --demo``: 国安在线, 平安锦鲤 and a 平安问卷.

Idempotent: quizzes are found by title; questions are added only to a quiz this
run created, so an editor's changes survive a re-run. Times are relative to the
first load, so the quizzes are open when the demo starts.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from core.grids.models import Grid

from .models import Question, QuestionKind, Quiz, QuizMode

S, M, TF = QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TRUE_FALSE

QUIZZES = [
    {"title": "国安在线·国家安全知识竞答", "grid": "330402000000", "mode": QuizMode.QUIZ,
     "intro": "学习总体国家安全观，人人都是国家安全的守护者。每次随机抽取5题，每题20分，"
              "60分合格；合格者可参与锦鲤抽奖。",
     "questions_per_attempt": 5, "time_limit_seconds": 300, "max_attempts": 3, "pass_score": 60,
     "questions": [
         (S, "全民国家安全教育日是每年的哪一天？", "4月15日\n3月15日\n12月4日\n10月1日", "A"),
         (S, "国家安全机关举报受理电话是？", "110\n12339\n12345\n96110", "B"),
         (S, "现行《中华人民共和国国家安全法》自哪一年起施行？", "2015年\n2005年\n2010年\n2020年", "A"),
         (TF, "修订后的《中华人民共和国反间谍法》自2023年7月1日起施行。", "", "A"),
         (TF, "总体国家安全观是2014年4月15日在中央国家安全委员会第一次会议上提出的。", "", "A"),
         (M, "下列哪些行为可能危害国家安全？（多选）",
          "向境外人员提供内部涉密文件\n在军事设施附近拍照并上传网络\n参观公开的国防教育展馆\n"
          "接受境外机构资助，搜集敏感信息", "ABD"),
         (S, "发现疑似间谍行为，正确的做法是？",
          "拨打12339或登录国家安全机关举报受理平台举报\n自行跟踪调查\n拍照发朋友圈曝光\n"
          "事不关己，置之不理", "A"),
         (TF, "公民和组织发现危害国家安全的行为，应当及时向国家安全机关或者公安机关报告。", "", "A"),
     ]},
    {"title": "平安锦鲤·平安知识有奖竞答", "grid": "330402000000", "mode": QuizMode.QUIZ,
     "intro": "防火、防诈、燃气、交通安全知识，共10题每题10分，80分及以上即可参与锦鲤抽奖。",
     "questions_per_attempt": 0, "time_limit_seconds": 600, "max_attempts": 2, "pass_score": 80,
     "questions": [
         (S, "全国统一的反诈预警劝阻专线是？", "96110\n12315\n12339\n120", "A"),
         (S, "发生火灾时应拨打的报警电话是？", "119\n110\n120\n122", "A"),
         (M, "发现家中燃气泄漏，正确的做法有哪些？（多选）",
          "立即关闭燃气阀门\n打开门窗通风\n开灯或打开排气扇查看\n到室外安全处拨打燃气抢修电话",
          "ABD"),
         (TF, "“公检法”工作人员会打电话要求您把钱转入“安全账户”。", "", "B"),
         (TF, "电动自行车可以停放在楼道、楼梯间内充电。", "", "B"),
         (TF, "驾驶、乘坐电动自行车应当佩戴安全头盔。", "", "A"),
         (S, "发生道路交通事故，应拨打的报警电话是？", "122\n119\n12345\n114", "A"),
         (M, "下列哪些是常见的电信网络诈骗类型？（多选）",
          "刷单返利\n冒充电商客服退款\n虚假投资理财\n到银行柜台办理业务", "ABC"),
         (S, "家用灭火器压力表的指针指在哪个区域表示压力正常？", "绿色区域\n红色区域\n黄色区域", "A"),
         (TF, "接到自称“客服”的电话要求提供短信验证码时，可以告诉对方。", "", "B"),
     ]},
    {"title": "平安问卷·社区平安感受调查", "grid": "330402000000", "mode": QuizMode.SURVEY,
     "intro": "请根据您的真实感受填写，结果仅用于改进社区平安建设。",
     "questions_per_attempt": 0, "time_limit_seconds": 0, "max_attempts": 1, "pass_score": 0,
     "questions": [
         (S, "您觉得所在社区的治安状况如何？", "很好\n较好\n一般\n较差", ""),
         (M, "您最希望社区开展哪些平安宣传？（多选）",
          "反诈防骗\n消防安全\n交通安全\n燃气安全\n防范非法集资", ""),
         (S, "您家中是否安装了燃气泄漏报警器？", "是\n否\n不清楚", ""),
     ]},
]


def load_demo(site: Any) -> None:
    grids = {g.code: g for g in Grid.objects.filter(code__in={q["grid"] for q in QUIZZES})}
    now = timezone.now().replace(second=0, microsecond=0)
    with transaction.atomic():
        for item in QUIZZES:
            grid = grids.get(item["grid"])
            if grid is None:
                continue
            fields = {k: v for k, v in item.items() if k not in ("title", "questions", "grid")}
            quiz, created = Quiz.objects.get_or_create(title=item["title"], defaults={
                **fields, "grid": grid, "opens_at": now - timedelta(days=1),
                "closes_at": now + timedelta(days=30)})
            if not created:
                continue
            score = 100 // (quiz.questions_per_attempt or len(item["questions"]))
            for order, (kind, text, choices, answer) in enumerate(item["questions"]):
                Question.objects.create(quiz=quiz, kind=kind, text=text, choices=choices, answer=answer,
                                      score=score, sort_order=order)
