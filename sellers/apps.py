from django.apps import AppConfig


class SellersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sellers"
    verbose_name = "Sellers: the portal, downloads and sales"
