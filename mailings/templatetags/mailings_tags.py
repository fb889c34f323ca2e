from django import template

from ..services import SUBSCRIBE_WORDING, public_lists

register = template.Library()


@register.inclusion_tag("mailings/subscribe_box.html", takes_context=True)
def subscribe_box(context, series=None):
    """The small subscribe form. The lists come from the cache, so this costs no query on most
    page views and one at most. On a bulletin page, that series' list is ticked."""
    lists = public_lists()
    request = context.get("request")
    series_id = getattr(series, "pk", None)
    chosen = [item["id"] for item in lists if series_id and item["bulletin_series_id"] == series_id]
    if not chosen and lists:
        chosen = [lists[0]["id"]]  # the weekly paper
    return {
        "lists": lists,
        "chosen": chosen,
        "source": request.path if request else "",
        "csrf_token": context.get("csrf_token"),
        "wording": SUBSCRIBE_WORDING,
    }
