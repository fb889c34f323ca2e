"""Public pages: subscribe, confirm, preferences and unsubscribe. No login anywhere: signed
links stand in for it. Every response is the same whether or not an address is known."""

import logging

from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from solidarity import ratelimit
from solidarity.ids import parse_id
from solidarity.ratelimit import client_ip

from . import links, services
from .forms import PreferencesForm, SubscribeForm
from .models import MailingList

logger = logging.getLogger(__name__)


def bad_link(request, error):
    context = {"expired": str(error) == "expired", "used": str(error) == "used"}
    return render(request, "mailings/bad_link.html", context, status=400)


def render_subscribe(request, form, status=200, **context):
    context = {"form": form, "wording": services.SUBSCRIBE_WORDING, **context}
    return render(request, "mailings/subscribe.html", context, status=status)


@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "GET":
        ids = (parse_id(i) for i in request.GET.getlist("list"))
        initial = {"lists": [i for i in ids if i is not None]}
        return render_subscribe(request, SubscribeForm(initial=initial))

    form = SubscribeForm(request.POST)
    if not ratelimit.hit("ip", client_ip(request)):
        return render_subscribe(request, form, status=429, rate_limited=True)
    if form.data.get("website"):
        # A bot filled in the honeypot: it gets the usual answer and nothing happens.
        logger.info("Subscribe honeypot filled from %s", client_ip(request))
        return redirect("mailings:check_email")
    if not form.is_valid():
        return render_subscribe(request, form, status=400)
    if not ratelimit.hit("email", form.cleaned_data["email"].lower()):
        return render_subscribe(request, form, status=429, rate_limited=True)
    try:
        services.request_subscription(
            form.cleaned_data["email"], form.selected_lists(), form.cleaned_data["source"]
        )
    except Exception:
        # The mail server refused or is down: say so, without saying anything about the address.
        logger.exception("Could not send a subscription email")
        return render_subscribe(request, form, status=503, send_failed=True)
    return redirect("mailings:check_email")


def check_email(request):
    return render(request, "mailings/check_email.html")


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button; only the POST confirms, so link scanners that fetch every URL in an
    email cannot subscribe anyone."""
    try:
        subscriber, list_ids, wording, source, state = links.load_confirm_token(token)
        lists = MailingList.objects.filter(pk__in=list_ids)
        if request.method == "POST":
            lists = services.confirm_subscription(
                subscriber, list_ids, wording, source, client_ip(request), state
            )
    except links.BadLink as error:
        return bad_link(request, error)
    if request.method == "POST":
        return render(
            request,
            "mailings/confirmed.html",
            {"lists": lists, "preferences_url": links.preferences_url(subscriber)},
        )
    return render(request, "mailings/confirm.html", {"lists": lists, "subscriber": subscriber})


@require_http_methods(["GET", "POST"])
def preferences(request, token):
    try:
        subscriber = links.load_preferences_token(token)
    except links.BadLink as error:
        return bad_link(request, error)
    offered, subscribed = services.lists_for_preferences(subscriber)
    context = {"subscriber": subscriber, "wording": services.PREFERENCES_WORDING}
    ip = client_ip(request)
    if request.method == "POST":
        if "unsubscribe_all" in request.POST:
            left = services.unsubscribe(subscriber, None, "preferences page", ip)
            return render(request, "mailings/unsubscribed.html", {**context, "lists": left})
        form = PreferencesForm(request.POST, offered=offered)
        if form.is_valid():
            added, removed = services.update_preferences(
                subscriber, set(form.cleaned_data["lists"]), offered, ip
            )
            offered, subscribed = services.lists_for_preferences(subscriber)
            context.update(saved=True, added=added, removed=removed)
    form = PreferencesForm(initial={"lists": sorted(subscribed)}, offered=offered)
    return render(request, "mailings/preferences.html", {**context, "form": form})


@csrf_exempt  # RFC 8058: mail providers POST here with no cookie and no CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One-click unsubscribe. A POST of List-Unsubscribe=One-Click unsubscribes; a GET only shows
    a page with a button, since scanners and previews fetch links without anyone clicking."""
    try:
        subscriber, list_id = links.load_unsubscribe_token(token)
    except links.BadLink as error:
        return bad_link(request, error)
    mailing_list = MailingList.objects.filter(pk=list_id).first() if list_id else None
    if list_id and mailing_list is None:
        return bad_link(request, "invalid")
    context = {"mailing_list": mailing_list, "preferences_url": links.preferences_url(subscriber)}
    if request.method == "POST":
        if request.POST.get("List-Unsubscribe") != "One-Click":
            return render(request, "mailings/unsubscribe.html", context, status=400)
        left = services.unsubscribe(
            subscriber, list_id, "one-click unsubscribe", client_ip(request)
        )
        return render(request, "mailings/unsubscribed.html", {**context, "lists": left})
    return render(request, "mailings/unsubscribe.html", context)
