"""Forms of the sellers' portal: log in, record sales."""

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone

from bulletins.models import BulletinEditionPage
from issues.models import IssuePage
from printing.editions import Edition, published_editions

from .models import SaleRecord

MAX_COPIES = 100_000
MAX_MONEY = Decimal("100000")


class SellerLoginForm(AuthenticationForm):
    """Sellers' usernames are their email addresses; let them type it in any case."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Email address or username"

    def clean_username(self):
        username = self.cleaned_data["username"]
        # Phones capitalise the first letter: accept it when it matches one account only.
        matches = list(
            get_user_model()
            .objects.filter(username__iexact=username)
            .values_list("username", flat=True)[:2]
        )
        return matches[0] if len(matches) == 1 else username


class PortalPageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return Edition(obj).label


class SaleRecordForm(forms.ModelForm):
    page = PortalPageChoiceField(
        queryset=None,  # set per form: building it looks up content types in the database
        label="Issue or edition",
        empty_label="Choose an issue or edition",
        error_messages={"invalid_choice": "Choose an issue or edition from the list."},
    )
    copies = forms.IntegerField(
        label="Copies sold",
        min_value=0,
        max_value=MAX_COPIES,
        error_messages={
            "invalid": "Enter the number of copies as a whole number, e.g. 25.",
            "min_value": "Copies sold cannot be negative.",
            "max_value": f"That is more than {MAX_COPIES:,} copies: please check the number.",
        },
    )
    money_taken = forms.DecimalField(
        label="Money taken (£)",
        help_text="In pounds and pence, e.g. 37.50",
        min_value=0,
        max_value=MAX_MONEY,
        max_digits=9,
        decimal_places=2,
        error_messages={
            "invalid": "Enter an amount in pounds and pence, e.g. 37.50.",
            "min_value": "Money taken cannot be negative.",
            "max_value": f"That is more than £{MAX_MONEY:,}: please check the amount.",
            "max_decimal_places": "Enter pounds and pence with at most 2 decimal places, "
            "e.g. 37.50.",
            "max_digits": "Enter pounds and pence with at most 2 decimal places, e.g. 37.50.",
        },
    )

    class Meta:
        model = SaleRecord
        fields = ["page", "date", "copies", "money_taken", "note"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        error_messages = {"date": {"invalid": "Enter a date, e.g. 2026-11-18."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page"].queryset = published_editions(IssuePage, BulletinEditionPage)

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError("The date of the sale cannot be in the future.")
        return date
