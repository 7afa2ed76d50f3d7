"""PHQ-9 and GAD-7: the standard Chinese item texts, scoring and severity bands.

Both scales ask about the past two weeks; every item is answered 0–3 and the total
is the plain sum. Bands follow Kroenke & Spitzer (PHQ-9) and Spitzer et al. (GAD-7).
PHQ-9 item 9 asks about thoughts of death or self-harm: any answer above 0 is a
risk answer and the resident is shown crisis help at once, whatever the total.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

CHOICES = (
    (0, _("完全不会")),
    (1, _("好几天")),
    (2, _("一半以上的天数")),
    (3, _("几乎每天")),
)

# Numbers we are sure of: the national psychological assistance hotline, police, ambulance.
CRISIS_LINES = (
    ("12356", _("全国统一心理援助热线")),
    ("110", _("报警（有生命危险时）")),
    ("120", _("急救")),
)


@dataclass(frozen=True)
class Scale:
    code: str
    name: str
    title: str
    prompt: str
    items: tuple[str, ...]
    bands: tuple[tuple[int, str], ...]  # (lowest score of the band, label), ascending
    risk_item: int | None = None  # 0-based index of the item whose non-zero answer is a risk

    @property
    def max_score(self) -> int:
        return 3 * len(self.items)

    def band(self, score: int) -> str:
        if not 0 <= score <= self.max_score:
            raise ValueError(f"score {score} out of range for {self.code}")
        label = self.bands[0][1]
        for lowest, name in self.bands:
            if score >= lowest:
                label = name
        return label

    def score(self, answers: list[int]) -> int:
        if len(answers) != len(self.items) or any(a not in (0, 1, 2, 3) for a in answers):
            raise ValueError(f"{self.code} needs {len(self.items)} answers of 0–3")
        return sum(answers)

    def is_risk(self, answers: list[int]) -> bool:
        return self.risk_item is not None and answers[self.risk_item] > 0


PROMPT = _("在过去的两周里，您有多少时候受到以下问题困扰？")

PHQ9 = Scale(
    code="phq9", name="PHQ-9", title=_("抑郁症筛查量表（PHQ-9）"), prompt=PROMPT,
    items=(
        _("做事时提不起劲或没有兴趣"),
        _("感到心情低落、沮丧或绝望"),
        _("入睡困难、睡不安稳或睡眠过多"),
        _("感觉疲倦或没有活力"),
        _("食欲不振或吃太多"),
        _("觉得自己很糟，或觉得自己很失败，或让自己或家人失望"),
        _("对事物专注有困难，例如阅读报纸或看电视时"),
        _("动作或说话速度缓慢到别人已经觉察，或正好相反，烦躁或坐立不安、动来动去的情况更胜于平常"),
        _("有不如死掉或用某种方式伤害自己的念头"),
    ),
    bands=((0, "无/极轻微"), (5, "轻度"), (10, "中度"), (15, "中重度"), (20, "重度")),
    risk_item=8,
)

GAD7 = Scale(
    code="gad7", name="GAD-7", title=_("广泛性焦虑量表（GAD-7）"), prompt=PROMPT,
    items=(
        _("感觉紧张、焦虑或急切"),
        _("不能够停止或控制担忧"),
        _("对各种各样的事情担忧过多"),
        _("很难放松下来"),
        _("由于不安而无法静坐"),
        _("变得容易烦恼或急躁"),
        _("感到似乎将有可怕的事情发生而害怕"),
    ),
    bands=((0, "无/极轻微"), (5, "轻度"), (10, "中度"), (15, "重度")),
)

SCALES: dict[str, Scale] = {PHQ9.code: PHQ9, GAD7.code: GAD7}

ADVICE = {
    "无/极轻微": _("目前状态良好，继续保持规律作息和适量运动。"),
    "轻度": _("有轻度困扰，可以多和亲友交流、规律运动，两周后可再次自评。"),
    "中度": _("困扰较明显，建议预约心理咨询师聊一聊。"),
    "中重度": _("困扰较重，建议尽快预约心理咨询师，必要时到医院精神心理科就诊。"),
    "重度": _("困扰严重，请尽快到医院精神心理科就诊，也可以先预约心理咨询师。"),
}
