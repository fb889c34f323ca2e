from django.apps import AppConfig


class SolidarityConfig(AppConfig):
    name = "solidarity"
    verbose_name = "Solidarity site"
