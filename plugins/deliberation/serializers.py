"""API serializers. Component names start with "Deliberation" (one shared OpenAPI schema)."""

from __future__ import annotations

from rest_framework import serializers

from .models import (
    STAGE_ORDER,
    Council,
    Decision,
    DecisionStep,
    IssueItem,
    IssueList,
    Meeting,
    Poll,
    Suggestion,
    Topic,
)


class DeliberationMessageSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="给居民看的中文说明")


class DeliberationChoiceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()


class DeliberationPollSerializer(serializers.ModelSerializer):
    grid = serializers.CharField(source="grid.name", help_text="投票范围")
    # Plain strings, not enums: one shared schema has many "kind"/"status" choice sets.
    kind = serializers.CharField(help_text="single 单选 / multiple 多选")
    state = serializers.CharField(source="state_label")
    ballots = serializers.IntegerField(source="ballot_count", required=False, help_text="已投票人数")
    choices = DeliberationChoiceSerializer(many=True, source="choices.all")
    voted = serializers.SerializerMethodField(help_text="我是否已投票")

    class Meta:
        model = Poll
        fields = ["id", "title", "description", "grid", "kind", "max_choices", "opens_at",
                  "closes_at", "results_mode", "state", "ballots", "choices", "voted"]

    def get_voted(self, poll: Poll) -> bool:
        return poll.pk in self.context.get("mine", {})


class DeliberationVoteRequestSerializer(serializers.Serializer):
    choices = serializers.ListField(child=serializers.IntegerField(), allow_empty=False,
                                    help_text="所选选项 id；单选只能一个")


class DeliberationVoteResultSerializer(DeliberationMessageSerializer):
    points = serializers.IntegerField(help_text="本次获得的积分")


class DeliberationChoiceResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    votes = serializers.IntegerField()
    percent = serializers.FloatField(help_text="占投票人数的百分比")


class DeliberationResultsSerializer(serializers.Serializer):
    ballots = serializers.IntegerField()
    choices = DeliberationChoiceResultSerializer(many=True)
    eligible = serializers.IntegerField(required=False, help_text="有投票权人数（仅工作人员）")
    turnout = serializers.FloatField(required=False, help_text="参与率%（仅工作人员）")


class DeliberationOpinionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    author = serializers.SerializerMethodField(help_text="发表人（仅显示姓氏）")
    body = serializers.CharField()
    created_at = serializers.DateTimeField()
    replies = serializers.SerializerMethodField()

    def get_author(self, opinion) -> str:
        return f"{opinion.author.name[:1]}**"

    def get_replies(self, opinion) -> list[dict]:
        if opinion.parent_id:
            return []
        return DeliberationOpinionSerializer(opinion.replies.all(), many=True).data


class DeliberationTopicSerializer(serializers.ModelSerializer):
    grid = serializers.CharField(source="grid.name")
    status = serializers.CharField(help_text="open 征求意见中 / closed 已结束")
    opinions = serializers.IntegerField(source="opinion_count", required=False)

    class Meta:
        model = Topic
        fields = ["id", "title", "body", "grid", "status", "created_at", "opinions"]


class DeliberationOpinionRequestSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=1000)
    parent = serializers.IntegerField(required=False, allow_null=True, help_text="回复的意见 id")


class DeliberationSuggestionSerializer(serializers.ModelSerializer):
    grid = serializers.CharField(source="grid.name")
    author = serializers.SerializerMethodField(help_text="提出人（仅显示姓氏）")
    supports = serializers.IntegerField(source="support_count", required=False)
    status = serializers.CharField(
        help_text="pending 待处理 / adopted 已采纳 / replied 已答复 / declined 暂不采纳")

    class Meta:
        model = Suggestion
        fields = ["id", "title", "body", "grid", "author", "status", "reply", "replied_at",
                  "supports", "hidden", "created_at"]

    def get_author(self, suggestion: Suggestion) -> str:
        return f"{suggestion.author.name[:1]}**"


class DeliberationSuggestionRequestSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=80)
    body = serializers.CharField(max_length=2000)


class DeliberationRespondRequestSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["adopted", "replied", "declined"])
    reply = serializers.CharField()


class DeliberationIssueItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = IssueItem
        fields = ["id", "suggestion", "title", "supports", "sort_order", "note"]


class DeliberationIssueListSerializer(serializers.ModelSerializer):
    grid = serializers.CharField(source="grid.name")
    items = DeliberationIssueItemSerializer(many=True, source="items.all")

    class Meta:
        model = IssueList
        fields = ["id", "title", "grid", "period_start", "period_end", "note", "items"]


class DeliberationCompileEntrySerializer(serializers.Serializer):
    suggestion = serializers.IntegerField()
    order = serializers.IntegerField(min_value=0)
    note = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")


class DeliberationCompileRequestSerializer(serializers.Serializer):
    items = DeliberationCompileEntrySerializer(many=True, allow_empty=False)


class DeliberationMeetingSerializer(serializers.ModelSerializer):
    status = serializers.CharField(help_text="planned 待召开 / held 已召开")
    agenda = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = ["id", "title", "held_at", "place", "status", "minutes", "decisions", "agenda"]

    def get_agenda(self, meeting: Meeting) -> list[str]:
        return [item.title for item in meeting.agenda.all()]


class DeliberationCouncilSerializer(serializers.ModelSerializer):
    grid = serializers.CharField(source="grid.name")
    kind = serializers.CharField(help_text="people 百姓议事会 / sages 乡贤参事会")
    members = serializers.SerializerMethodField(help_text="在任成员姓名与职务")

    class Meta:
        model = Council
        fields = ["id", "name", "kind", "grid", "frequency", "description", "members"]

    def get_members(self, council: Council) -> list[dict]:
        return [{"name": m.name, "position": m.position, "term_end": m.term_end}
                for m in council.members.all()]


class DeliberationAttendanceRequestSerializer(serializers.Serializer):
    members = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)


STAGE_HELP = "proposal 建议 / motion 提议 / discussion 商议 / review 审议 / resolution 决议 / " \
             "published 决议公开 / implemented 实施结果公开"


class DeliberationStepSerializer(serializers.ModelSerializer):
    stage = serializers.CharField(help_text=STAGE_HELP)
    class Meta:
        model = DecisionStep
        fields = ["stage", "held_on", "entitled", "present", "in_favour", "against", "abstained",
                  "note"]


class DeliberationDecisionSerializer(serializers.ModelSerializer):
    grid = serializers.CharField(source="grid.name")
    steps = DeliberationStepSerializer(many=True, source="steps.all")
    stage = serializers.CharField(help_text=STAGE_HELP)

    class Meta:
        model = Decision
        fields = ["id", "title", "description", "grid", "stage", "steps"]


class DeliberationStepRequestSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=STAGE_ORDER, help_text="要记录的环节（必须是下一环节）")
    held_on = serializers.DateField()
    note = serializers.CharField()
    entitled = serializers.IntegerField(required=False, min_value=0, help_text="应到人数（审议、决议必填）")
    present = serializers.IntegerField(required=False, min_value=0, help_text="实到人数")
    in_favour = serializers.IntegerField(required=False, min_value=0)
    against = serializers.IntegerField(required=False, min_value=0, default=0)
    abstained = serializers.IntegerField(required=False, min_value=0, default=0)
