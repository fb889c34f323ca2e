from django import forms
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateTimeInput

from bulletins.models import BulletinEditionPage
from issues.models import IssuePage
from solidarity.admin import with_id_choice

from .models import Mailing, MailingList
from .services import public_lists


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter a valid email address, like name@example.org.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    lists = forms.TypedMultipleChoiceField(
        label="Lists",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one list.",
            "invalid_choice": "Choose from the lists shown.",
        },
    )
    # Honeypot: hidden from people by CSS and aria-hidden; bots fill in every field.
    website = forms.CharField(required=False, label="Leave this empty")
    # Which page the form was on, for the consent record.
    source = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.public_lists = public_lists()
        self.fields["lists"].choices = [(item["id"], item["name"]) for item in self.public_lists]

    def clean_source(self):
        path = self.cleaned_data.get("source", "")
        # A site path only; anything else is recorded as the subscribe page.
        if not path.startswith("/") or path.startswith("//"):
            path = "/subscribe/"
        return f"form {path}"

    def selected_lists(self):
        return list(MailingList.objects.filter(pk__in=self.cleaned_data["lists"]))


class PreferencesForm(forms.Form):
    lists = forms.TypedMultipleChoiceField(
        label="Your lists", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, offered, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lists"].choices = [(m.pk, m.name) for m in offered]


# Admin: mailings -----------------------------------------------------------------------------


class MailingListForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_id_choice(self, "bulletin_series")


class MailingForm(WagtailAdminModelForm):
    """Create or change a mailing by hand: a custom email, or the new-issue or bulletin-edition
    email of a chosen page. Subject and period default from the page; a period already used
    for the list and kind is refused with a message, not a database error."""

    KIND_CHOICES = [
        (Mailing.NEW_ISSUE, "New issue"),
        (Mailing.BULLETIN_EDITION, "Bulletin edition"),
        (Mailing.CUSTOM, "Custom"),
    ]

    kind = forms.ChoiceField(choices=KIND_CHOICES, initial=Mailing.NEW_ISSUE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "subject" in self.fields:
            self.fields["subject"].required = False
            self.fields[
                "subject"
            ].help_text = (
                "Left empty: “<issue> is out” for a new issue, the edition's title for a bulletin."
            )
        if "period" in self.fields:
            self.fields["period"].required = False
            self.fields["period"].help_text = (
                "One email per list, kind and period. Left empty: issue-<number> for a new issue, "
                "edition-<series>-<number> for a bulletin edition; a custom email needs one, "
                "e.g. “appeal-2026-12”."
            )
        if "page" in self.fields:
            self.fields["page"].help_text = "The issue or bulletin edition this email is about."

    def full_clean(self):
        super().full_clean()
        if self.is_bound and "page" in self.errors:
            # The page chooser cannot show a value that names no page: show it empty.
            self.data = self.data.copy()
            self.data["page"] = ""

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        page = cleaned.get("page")
        specific = page.specific if page is not None else None
        subject = (cleaned.get("subject") or "").strip()
        period = (cleaned.get("period") or "").strip()
        default_subject = default_period = ""
        if kind == Mailing.NEW_ISSUE:
            if isinstance(specific, IssuePage):
                default_subject = f"{specific.title} is out"
                default_period = f"issue-{specific.number}"
            elif "page" not in self.errors:
                self.add_error("page", "Choose the issue this email is about.")
        elif kind == Mailing.BULLETIN_EDITION:
            if isinstance(specific, BulletinEditionPage):
                default_subject = specific.title
                default_period = f"edition-{specific.get_parent().slug}-{specific.number}"
            elif "page" not in self.errors:
                self.add_error("page", "Choose the bulletin edition this email is about.")
        elif specific is not None and not isinstance(specific, (IssuePage, BulletinEditionPage)):
            self.add_error("page", "Choose an issue or a bulletin edition, or no page.")
        subject = subject or default_subject
        period = period or default_period
        if "subject" in self.fields and not subject and "subject" not in self.errors:
            self.add_error("subject", "Give the email a subject.")
        if "period" in self.fields and not period and "period" not in self.errors:
            self.add_error("period", "Name the period this email is for, e.g. “appeal-2026-12”.")
        cleaned["subject"], cleaned["period"] = subject, period
        self.check_period(cleaned)
        return cleaned

    def check_period(self, cleaned):
        mailing_list, kind, period = (cleaned.get(f) for f in ("mailing_list", "kind", "period"))
        if not (mailing_list and kind and period) or "period" in self.errors:
            return
        clash = (
            Mailing.objects.filter(mailing_list=mailing_list, kind=kind, period=period)
            .exclude(pk=self.instance.pk)
            .first()
        )
        if clash is not None:
            # On the period field, which also keeps the model's own constraint check (and its
            # vaguer message) from running.
            self.add_error("period", duplicate_message(clash))


def duplicate_message(mailing):
    return (
        f"{mailing.mailing_list.name} already has a {mailing.get_kind_display().lower()} "
        f"email for the period “{mailing.period}”: “{mailing.subject}” "
        f"({mailing.get_status_display().lower()}). Open that one, or choose another period."
    )


class ScheduleForm(forms.Form):
    scheduled_at = forms.DateTimeField(
        label="Send at",
        widget=AdminDateTimeInput,
        error_messages={
            "required": "Give the date and time to send it at.",
            "invalid": "Enter a date and time, like 2026-11-20 09:00.",
        },
    )

    def clean_scheduled_at(self):
        when = self.cleaned_data["scheduled_at"]
        if when <= timezone.now():
            raise forms.ValidationError(
                "That time has passed: choose a time in the future, or send it now."
            )
        return when
