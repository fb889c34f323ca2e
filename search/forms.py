"""The search form: the query, the filters and the order, all from the URL (GET).

What the filters mean, and how they narrow a search, is search/filters.py.
"""

from functools import lru_cache

from django import forms
from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe

from bulletins.models import BulletinSeriesPage
from issues.models import Author, Section

from .query import MAX_QUERY_LENGTH, clean_query, parse

TYPES = [  # the kinds of search/filters.py's SEARCHABLE
    ("", "Everything"),
    ("article", "Articles"),
    ("insert", "Inserts"),
    ("edition", "Bulletin editions"),
    ("page", "Other pages"),
]
SORTS = [("relevance", "Best match"), ("newest", "Newest first"), ("oldest", "Oldest first")]
CHOICES_KEY = "search:choices:{}"
CHOICES_TIMEOUT = 300  # seconds: a new author, section or series is listed within five minutes
FIRST_YEAR = 1990  # before the archive starts: a bound for the year field, not a fact


class FastSelect(forms.Select):
    """A <select> written out in Python.

    Django renders every <option> through the template engine: for the few hundred authors
    that took longer than the search itself. Same HTML, values and labels escaped; only
    flat choices (no groups), which are all this form has.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        if isinstance(self.choices, list):
            # A fixed list (the types, the orders, the several hundred authors): its options
            # are written once, and the chosen one marked in a copy.
            options = options_html(tuple(self.choices))
            for choice in selected:
                plain = f'<option value="{escape(choice)}">'
                options = options.replace(plain, f"{plain[:-1]} selected>")
        else:
            options = "".join(option_html(c, label, selected) for c, label in self.choices)
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe(options),  # noqa: S308 -- every value and label above is escaped
        )


def option_html(choice, label, selected=()):
    return (
        f'<option value="{escape(choice)}"{" selected" if str(choice) in selected else ""}>'
        f"{conditional_escape(label)}</option>"
    )


@lru_cache(maxsize=16)
def options_html(choices):
    """The <option>s of a list of choices, none selected (escape() never gives ">" or '"', so
    an option's opening tag is found by its value alone)."""
    return "".join(option_html(choice, label) for choice, label in choices)


class SlugChoiceField(forms.ModelChoiceField):
    """A <select> of objects by slug, so that URLs read ?section=industrial."""

    widget = FastSelect

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="slug", required=False, **kwargs)


def cached_choices(name, field, rows):
    """Set a select's (value, label) choices from `rows`, cached under `name`."""
    choices = cache.get_or_set(
        CHOICES_KEY.format(name),
        lambda: [("", field.empty_label), *rows],
        CHOICES_TIMEOUT,
    )
    # Already pairs of strings: set as they are on the field and its widget, as their
    # `choices` setters would after checking each of them (for several hundred authors, a
    # tenth of the search's time).
    field._choices = field.widget._choices = [tuple(choice) for choice in choices]


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", required=False, strip=True)
    type = forms.ChoiceField(label="Type", choices=TYPES, required=False, widget=FastSelect)
    section = SlugChoiceField(Section.objects.all(), label="Section", empty_label="Any section")
    author = SlugChoiceField(
        Author.objects.only("name", "slug"), label="Author", empty_label="Any author"
    )
    series = SlugChoiceField(
        BulletinSeriesPage.objects.none(), label="Bulletin", empty_label="Any bulletin"
    )
    year = forms.IntegerField(label="Year", required=False)
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(label="Order", choices=SORTS, required=False, widget=FastSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = BulletinSeriesPage.objects.published().only(
            "title", "slug", "path"
        )
        # The lists of sections, series and several hundred authors are cached rather than read
        # and built into objects on every search (a chosen one is still looked up, so checked).
        sections = Section.objects.values_list("slug", "name")
        cached_choices("section", self.fields["section"], sections)
        cached_choices(
            "series",
            self.fields["series"],
            BulletinSeriesPage.objects.published().order_by("title").values_list("slug", "title"),
        )
        cached_choices("author", self.fields["author"], Author.objects.values_list("slug", "name"))
        this_year = timezone.localdate().year
        between = f"Choose a year from {FIRST_YEAR} to {this_year}."
        self.fields["year"].validators += [
            MinValueValidator(FIRST_YEAR, between),
            MaxValueValidator(this_year, between),
        ]
        self.fields["year"].widget.attrs.update(min=FIRST_YEAR, max=this_year)
        self.fields["q"].widget.attrs.update(
            {"type": "search", "maxlength": MAX_QUERY_LENGTH, "autocomplete": "off"}
        )
        self.fields["year"].error_messages["invalid"] = "Enter a year as four digits, e.g. 2019."
        for name in ("date_from", "date_to"):
            self.fields[name].error_messages["invalid"] = "Enter a date as YYYY-MM-DD."
        for name in ("section", "author", "series"):
            self.fields[name].error_messages["invalid_choice"] = (
                f"There is no such {self.fields[name].label.lower()}: choose one from the list."
            )
        self.fields["type"].error_messages["invalid_choice"] = "Choose a type from the list."
        self.fields["sort"].error_messages["invalid_choice"] = "Choose an order from the list."

    def clean_q(self):
        query = clean_query(self.cleaned_data.get("q", ""))
        if len(query) > MAX_QUERY_LENGTH:
            raise forms.ValidationError(
                f"Search for at most {MAX_QUERY_LENGTH} characters "
                f"(this search has {len(query):,})."
            )
        self.parsed = parse(query)
        if query and self.parsed.is_empty:
            if self.parsed.excluded_words or self.parsed.excluded_phrases:
                raise forms.ValidationError(
                    "Add a word to look for: a minus sign only leaves words out."
                )
            raise forms.ValidationError("Search for words or numbers, not only punctuation.")
        return query

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date is before the start date.")
        return data
