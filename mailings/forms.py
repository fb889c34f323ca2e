from django import forms

from .models import MailingList
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
