from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    label = "site_search"

    def ready(self):
        # imported when the app registry is ready
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
