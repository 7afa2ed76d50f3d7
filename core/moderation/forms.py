"""Admin forms: one dictionary word, and the bulk import of a text file."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Action, Category, SensitiveWord

MAX_IMPORT_BYTES = 1024 * 1024  # about 50,000 words: more than any real list


class SensitiveWordForm(WagtailAdminModelForm):
    class Meta:
        model = SensitiveWord
        fields = ["word", "category", "action", "active", "note"]

    def save(self, commit: bool = True) -> SensitiveWord:
        word = super().save(commit=False)
        if word.created_by_id is None and getattr(self.for_user, "pk", None):
            word.created_by = self.for_user
        if commit:
            word.save()
        return word


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("词表文件"),
        help_text=gettext_lazy("纯文本文件（UTF-8 或 GBK 编码），每行一个词；可在词后加逗号和处理方式，"
                               "如“刷单,拒绝发布”或“加微信,hold”。以 # 开头的行会被忽略。"),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.csv,text/plain"}),
        error_messages={"required": gettext_lazy("请选择要导入的词表文件。")},
    )
    category = forms.ChoiceField(label=gettext_lazy("类别"), choices=Category.choices,
                                 initial=Category.OTHER)
    action = forms.ChoiceField(label=gettext_lazy("默认处理方式"), choices=Action.choices,
                               initial=Action.HOLD,
                               help_text=gettext_lazy("行内未写处理方式的词使用此设置。"))

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("词表文件不能超过 1 MB。"))
        raw = upload.read()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise forms.ValidationError(_("无法识别文件编码，请保存为 UTF-8 文本文件后再导入。"))
