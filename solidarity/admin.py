"""The one admin style for operational records: print jobs, mailings, subscribers, sellers, sales.

Each is a wagtail-modeladmin `RecordAdmin`, declared the same way (editorial snippets such as
authors and sections stay Wagtail snippets):

- a column is a model field, or a method of the admin decorated with Django's
  `@display(description=..., ordering=..., boolean=...)`; `list_export` names the same columns,
  so a spreadsheet has the listing's headings and the listing's filters and search;
- a row's buttons are the standard ones (inspect, edit, delete, as the permission helper
  allows) and the `Button`s its `row_buttons()` returns, all drawn by modeladmin's one button
  template under the `list_display_add_buttons` column;
- records written by the application, never by a form, use `ReadOnlyPermissionHelper`.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import label_for_field, lookup_field
from django.shortcuts import redirect
from django.utils.encoding import force_str
from django.utils.text import capfirst
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Page
from wagtail_modeladmin.helpers import AdminURLHelper, ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import IndexView

from .ids import parse_id


@dataclass(frozen=True)
class Button:
    """A link under a row of a listing, beside its inspect, edit and delete buttons."""

    label: str
    url: str
    title: str = ""  # the tooltip; the label when empty


class ReadOnlyPermissionHelper(PermissionHelper):
    """Listed and inspected only: the application writes these rows, nobody edits them."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class RecordURLHelper(AdminURLHelper):
    """A record's URLs take a number only: /edit/abc/ is a 404, not a failed database lookup."""

    def _get_object_specific_action_url_pattern(self, action):
        return rf"^{self.base_url_path}/{action}/(?P<instance_pk>[0-9]+)/$"


class RecordButtonHelper(ButtonHelper):
    """The standard buttons, then the admin's `row_buttons`, then delete (always last)."""

    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        exclude = list(exclude or [])
        buttons = super().get_buttons_for_obj(
            obj, [*exclude, "delete"], classnames_add, classnames_exclude
        )
        classname = self.finalise_classname(
            [*self.edit_button_classnames, *(classnames_add or [])], classnames_exclude
        )
        for button in self.view.model_admin.row_buttons(obj):
            buttons.append(
                {
                    "url": button.url,
                    "label": button.label,
                    "title": button.title or button.label,
                    "classname": classname,
                }
            )
        if "delete" not in exclude and self.permission_helper.user_can_delete_obj(
            self.request.user, obj
        ):
            buttons.append(self.delete_button(obj.pk, classnames_add, classnames_exclude))
        return buttons


class RecordIndexView(IndexView):
    """modeladmin's listing, headed as its menu item reads, with spreadsheets that read like
    the listing."""

    def dispatch(self, request, *args, **kwargs):
        try:
            if any("\x00" in value for values in request.GET.lists() for value in values[1]):
                # PostgreSQL refuses a NUL character in a search or a filter's value.
                raise IncorrectLookupParameters("NUL in the query string")
            return super().dispatch(request, *args, **kwargs)
        except IncorrectLookupParameters:
            # A filter in the URL that is not one of the listing's, or a value it cannot take
            # (?mailing_list__id__exact=abc): the whole listing, saying why.
            messages.error(request, "That filter is not one this listing offers: showing all.")
            return redirect(self.index_url)

    def get_page_title(self):
        return self.model_admin.get_menu_label()  # "Sales", not the model's "Sale records"

    def get_heading(self, queryset, field):
        # The column's own label, as the listing shows it ("Branch or area", not modeladmin's
        # title case "Branch Or Area").
        return capfirst(force_str(label_for_field(field, self.model, self.model_admin)))

    def to_row_dict(self, item):
        # False and 0 stay as they are; only a missing value is a blank cell (modeladmin
        # would write "-" for all three).
        row = {}
        for field in self.list_export:
            _, _, value = lookup_field(field, item, self.model_admin)
            row[field] = "" if value is None else value
        return row


class RecordAdmin(ModelAdmin):
    """The base of the operational ModelAdmins: see this module's docstring."""

    index_view_class = RecordIndexView
    url_helper_class = RecordURLHelper
    button_helper_class = RecordButtonHelper

    def row_buttons(self, obj):
        """Extra buttons for one row of the listing: a list of `Button`."""
        return []

    def get_extra_attrs_for_field_col(self, obj, field_name):
        # A wide table squeezes every column to its longest word: keep room for the buttons.
        if field_name == (self.list_display_add_buttons or self.list_display[0]):
            return {"style": "min-width: 10em"}
        return {}


class PageChooser(AdminPageChooser):
    """Wagtail's page chooser, for the records' forms: a form sent back with a page id that is
    not one ("abc", "²", thirty digits) shows the chooser empty beside its error, where
    Wagtail's own would look the junk up in the database and fail."""

    def get_instance(self, value):
        if value is not None and not isinstance(value, Page) and parse_id(value) is None:
            return None
        return super().get_instance(value)


class IdChoiceField(forms.ModelChoiceField):
    """A choice of one record by id that refuses, as an invalid choice, an id that is not one
    before asking the database (which fails on thirty digits where the key is a page's)."""

    def to_python(self, value):
        if value not in self.empty_values and parse_id(value) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


def with_id_choice(form, name):
    """Replace the form's choice field `name` by an IdChoiceField like it."""
    field = form.fields.get(name)
    if field is not None:
        form.fields[name] = IdChoiceField(
            queryset=field.queryset,
            required=field.required,
            widget=field.widget,
            label=field.label,
            help_text=field.help_text,
            empty_label=field.empty_label,
        )
