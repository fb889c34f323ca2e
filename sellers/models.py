"""Sellers: their profiles, what they download, and what they sell."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

SELLERS_GROUP = "Sellers"


class SellerProfile(models.Model):
    """A seller's branch or area. Their name, email and "active" flag live on the user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seller_profile"
    )
    area = models.CharField(
        "branch or area", max_length=120, help_text="e.g. South London, Sheffield, Tube depots"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "printing_sellerprofile"  # made by printing/ before sellers/ had an app
        ordering = ["user__first_name", "user__last_name", "user__email"]
        verbose_name = "seller"

    def __str__(self):
        return self.user.get_full_name() or self.user.email or self.user.get_username()

    def delete(self, *args, **kwargs):
        # Without a profile the user is no longer a seller: take them out of the group too.
        self.user.groups.remove(*Group.objects.filter(name=SELLERS_GROUP))
        return super().delete(*args, **kwargs)


class Download(models.Model):
    """One download of a print PDF from the sellers' portal."""

    # The page is kept as well as the job: old builds may be pruned, the count per issue stays.
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    job = models.ForeignKey(
        "printing.PrintJob", null=True, on_delete=models.SET_NULL, related_name="downloads"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    downloaded_at = models.DateTimeField(default=timezone.now, db_index=True)
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)

    class Meta:
        db_table = "printing_download"
        ordering = ["-downloaded_at"]

    def __str__(self):
        return f"Download of job {self.job_id} by user {self.user_id}"


class SaleRecord(models.Model):
    """Copies sold and money taken by one seller for one issue or bulletin edition."""

    seller = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="sale_records"
    )
    # Copied from the seller's profile when recorded, so that totals per area stay as they were
    # when a seller moves or leaves.
    area = models.CharField("branch or area", max_length=120, blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="issue or edition",
    )
    copies = models.PositiveIntegerField(
        "copies sold",
        validators=[MinValueValidator(0, "Copies sold cannot be negative.")],
    )
    money_taken = models.DecimalField(
        "money taken (£)",
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(0, "Money taken cannot be negative.")],
    )
    note = models.CharField(max_length=300, blank=True, help_text="Where you sold, for example")
    date = models.DateField("date sold", default=timezone.localdate)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "printing_salerecord"
        ordering = ["-date", "-created_at"]

    def __str__(self):
        return f"{self.copies} copies, £{self.money_taken} ({self.date})"


# Who may use the portal ----------------------------------------------------------------------


def is_editor(user):
    """Superusers and the editorial roles that handle print (Editors, Sub-editors): not every
    admin user, as writers and a bulletin series' editors have no business with print files."""
    return user.is_active and user.has_perm("printing.view_printjob")


def is_active_seller(user):
    return user.is_active and user.groups.filter(name=SELLERS_GROUP).exists()


def can_use_portal(user):
    """Active sellers and print editors (is_editor) may list and download print PDFs."""
    return user.is_authenticated and (is_active_seller(user) or is_editor(user))
